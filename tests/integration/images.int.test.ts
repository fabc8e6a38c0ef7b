import { statSync } from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { AdminSession } from '../helpers/admin.ts';
import { draftWithPhoto } from '../helpers/fixtures.ts';
import { testStack } from '../helpers/test-stack.ts';

const { siteUrl, workDir } = testStack();
const cacheDir = path.join(workDir, 'image-cache');

const fetchBytes = async (url: string) => {
  const response = await fetch(url, { signal: AbortSignal.timeout(30_000) });
  return { status: response.status, headers: response.headers, body: Buffer.from(await response.arrayBuffer()) };
};

const pictures = (html: string) => [...html.matchAll(/<picture>(.*?)<\/picture>/gs)].map((m) => m[1]!);
const attr = (tag: string, name: string) => new RegExp(`\\s${name}="([^"]*)"`).exec(tag)?.[1];

let articleHtml = '';

beforeAll(async () => {
  const list = await (await fetch(`${siteUrl}/tin-tuc`)).text();
  const slug = /href="\/tin-tuc\/(hoi-thi-[a-z0-9-]+)"/.exec(list)?.[1];
  expect(slug, 'bài mẫu có ảnh').toBeTruthy();
  articleHtml = await (await fetch(`${siteUrl}/tin-tuc/${slug}`)).text();
});

describe('responsive images', () => {
  it('serve every CMS photo as AVIF and WebP with a sized JPEG fallback, eager only for the cover', () => {
    // The article's own photos; the "Tin liên quan" thumbnails below are decorative (alt="") beside their titles.
    const [own, related] = articleHtml.split('class="related-items"');
    const found = pictures(own!);
    expect(found.length).toBeGreaterThanOrEqual(2);
    // An empty alt is written as a bare `alt`.
    for (const thumbnail of pictures(related ?? '')) expect(/<img[^>]*\salt(=""|[\s>])/.test(thumbnail)).toBe(true);
    found.forEach((picture, index) => {
      expect(picture).toContain('<source type="image/avif" srcset="/anh/');
      expect(picture).toContain('<source type="image/webp" srcset="/anh/');
      const img = /<img[^>]*>/.exec(picture)![0];
      expect(attr(img, 'src')).toMatch(/^\/anh\/\d+\/jpeg\//);
      expect(Number(attr(img, 'width'))).toBeGreaterThan(0);
      expect(Number(attr(img, 'height'))).toBeGreaterThan(0);
      expect(attr(img, 'alt')?.length).toBeGreaterThan(0);
      expect(attr(img, 'loading')).toBe(index === 0 ? 'eager' : 'lazy');
    });
  });

  it('are encoded in the format and width asked for, never wider than the original', async () => {
    const candidates = /srcset="([^"]+)"/
      .exec(pictures(articleHtml)[0]!)![1]!
      .split(', ')
      .map((c) => c.split(' '));
    const [url, descriptor] = candidates.at(-1)!;
    const expectedWidth = Number(descriptor!.replace('w', ''));
    const magic: Record<string, (b: Buffer) => boolean> = {
      avif: (b) => b.subarray(4, 12).toString('latin1') === 'ftypavif',
      webp: (b) => b.subarray(0, 4).toString('latin1') === 'RIFF' && b.subarray(8, 12).toString('latin1') === 'WEBP',
      jpeg: (b) => b[0] === 0xff && b[1] === 0xd8,
    };
    for (const format of ['avif', 'webp', 'jpeg']) {
      const response = await fetchBytes(`${siteUrl}${url!.replace('/avif/', `/${format}/`)}`);
      expect(response.status).toBe(200);
      expect(response.headers.get('content-type')).toBe(`image/${format}`);
      // Short-lived, never immutable: a photo taken down in the CMS must leave every cache (takedown.int.test.ts).
      expect(response.headers.get('cache-control')).toBe('public, max-age=60');
      expect(magic[format]!(response.body)).toBe(true);
      expect((await sharp(response.body).metadata()).width).toBe(expectedWidth);
    }
  });

  it('are produced once and then served from the cache without re-encoding', async () => {
    const url = /srcset="([^" ]+) /.exec(pictures(articleHtml)[1]!)![1]!;
    const [, , width, format, version, name] = url.split('/');
    const first = await fetchBytes(`${siteUrl}${url}`);
    expect(first.headers.get('x-image-cache')).toBe('miss');
    const file = path.join(cacheDir, name!, version!, `${width}.${format}`);
    const written = statSync(file).mtimeMs;
    const again = await fetchBytes(`${siteUrl}${url}`);
    expect(again.headers.get('x-image-cache')).toBe('hit');
    expect(again.body.equals(first.body)).toBe(true);
    expect(statSync(file).mtimeMs).toBe(written);
  });

  it('answer concurrent first requests for one image with the same bytes', async () => {
    const url = /srcset="([^" ]+) /.exec(pictures(articleHtml)[2] ?? pictures(articleHtml)[0]!)![1]!.replace('/avif/', '/webp/');
    const results = await Promise.all(Array.from({ length: 4 }, () => fetchBytes(`${siteUrl}${url}`)));
    expect(results.map((r) => r.status)).toEqual([200, 200, 200, 200]);
    expect(results.every((r) => r.body.equals(results[0]!.body))).toBe(true);
  });

  it('drop the camera metadata of published photos', async () => {
    const leader = await AdminSession.login('hieutruong@mnhiephoa.test');
    const photo = await sharp({ create: { width: 900, height: 600, channels: 3, background: '#2e86c1' } })
      .jpeg()
      .withExif({ IFD0: { Copyright: 'Vi tri nha rieng', Artist: 'Co giao' } })
      .toBuffer();
    expect((await sharp(photo).metadata()).exif).toBeDefined();
    // Only photos that published content shows are transformed.
    const draft = await draftWithPhoto(
      leader,
      { name: 'anh-co-exif.jpg', alt: 'Ảnh thử có thông tin máy ảnh', bytes: photo },
      { title: `Ảnh có thông tin máy ảnh ${Date.now()}`, summary: 'Kiểm tra bỏ thông tin máy ảnh.', text: 'Nội dung.' },
    );
    const name = draft.photo.url.split('/').pop()!;
    const published = await leader.request('POST', `/content-manager/collection-types/api::article.article/${draft.documentId}/actions/publish`, {});
    expect(published.status).toBe(200);
    for (const format of ['jpeg', 'webp', 'avif']) {
      // Without a version the endpoint redirects to the current one; fetch follows.
      const response = await fetchBytes(`${siteUrl}/anh/480/${format}/${name}`);
      expect(response.status).toBe(200);
      expect((await sharp(response.body).metadata()).exif).toBeUndefined();
    }
  });

  it('refuse sizes, formats and names the site does not use, in Vietnamese', async () => {
    const name = /\/anh\/\d+\/avif\/(?:[0-9a-z]+\/)?([^ /]+) /.exec(articleHtml)![1]!;
    const cases: [string, number, string][] = [
      [`/anh/500/avif/${name}`, 400, 'Kích thước ảnh này không được hỗ trợ.'],
      [`/anh/4000/jpeg/${name}`, 400, 'Kích thước ảnh này không được hỗ trợ.'],
      [`/anh/480/gif/${name}`, 400, 'Định dạng ảnh này không được hỗ trợ.'],
      [`/anh/480/png/${name}`, 400, 'Định dạng ảnh này không được hỗ trợ.'],
      ['/anh/480/jpeg/..%2F..%2F.env', 400, 'Tên tệp ảnh không hợp lệ.'],
      ['/anh/480/jpeg/tai_lieu.pdf', 400, 'Tên tệp ảnh không hợp lệ.'],
      ['/anh/480/jpeg/khong_co_anh_nay_0000.jpg', 404, 'Không tìm thấy ảnh.'],
      [`/anh/480/jpeg/Phien-Ban/${name}`, 400, 'Phiên bản ảnh không hợp lệ.'],
    ];
    for (const [url, status, message] of cases) {
      const response = await fetch(`${siteUrl}${url}`);
      expect(response.status, url).toBe(status);
      expect(await response.text(), url).toBe(message);
    }
  });
});
