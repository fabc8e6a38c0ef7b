import { describe, expect, it } from 'vitest';
import type { Media } from '../../site/src/lib/cms/index.ts';
import { pickRelated } from '../../site/src/lib/cms/related.ts';
import { locatePhoto, photoHref } from '../../site/src/lib/photos.ts';
import { facebookShareUrl, zaloShareUrl } from '../../site/src/lib/seo/share.ts';

const PAGE = 'https://mnhiephoa.edu.vn/tin-tuc/khai-giang-nam-hoc?x=1&y=đ';

describe('share links', () => {
  it('give Facebook the page address, percent-encoded', () => {
    const url = new URL(facebookShareUrl(PAGE));
    expect(url.origin + url.pathname).toBe('https://www.facebook.com/sharer/sharer.php');
    expect(url.searchParams.get('u')).toBe(PAGE);
    expect(facebookShareUrl(PAGE)).not.toContain('&y=');
  });

  it("give Zalo's share page the address both plainly and in its base64 payload", () => {
    const url = new URL(zaloShareUrl(PAGE));
    expect(url.origin + url.pathname).toBe('https://button-share.zalo.me/share_external');
    expect(url.searchParams.get('url')).toBe(PAGE);
    expect(JSON.parse(Buffer.from(url.searchParams.get('d')!, 'base64').toString('utf8'))).toEqual({ url: PAGE });
  });
});

describe('related items', () => {
  const item = (documentId: string) => ({ documentId });
  it('put the same group first, then the newest, without the item itself or duplicates, four at most', () => {
    const picked = pickRelated('self', [item('a'), item('self'), item('b')], [item('n1'), item('a'), item('self'), item('n2'), item('n3')]);
    expect(picked.map((p) => p.documentId)).toEqual(['a', 'b', 'n1', 'n2']);
  });
});

describe('photo pages', () => {
  const photo = (id: number) => ({ id, url: `/uploads/p${id}.jpg`, alternativeText: `Ảnh ${id}` }) as unknown as Media;
  const gallery = [photo(7), photo(3), photo(12)];

  it('address a photo by its id and know its place, neighbours and total', () => {
    expect(photoHref('/hoat-dong/trung-thu', gallery[1]!)).toBe('/hoat-dong/trung-thu/anh/3');
    const found = locatePhoto(gallery, '3')!;
    expect(found).toMatchObject({ number: 2, total: 3 });
    expect(found.previous?.id).toBe(7);
    expect(found.next?.id).toBe(12);
    expect(locatePhoto(gallery, '7')!.previous).toBeNull();
  });

  it('find nothing for a photo no longer in the gallery or a malformed address', () => {
    expect(locatePhoto(gallery, '4')).toBeNull();
    expect(locatePhoto(gallery, '03')).toBeNull();
    expect(locatePhoto(gallery, '3.jpg')).toBeNull();
    expect(locatePhoto(null, '3')).toBeNull();
  });
});
