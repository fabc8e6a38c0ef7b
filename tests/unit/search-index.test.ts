import { afterEach, describe, expect, it } from 'vitest';
import { CmsError } from '../../site/src/lib/cms/errors.ts';
import type { SearchSources } from '../../site/src/lib/cms/search.ts';
import { onContentChange } from '../../site/src/lib/content-events.ts';
import { getSearchIndex, invalidateSearchIndex, search, setSearchSourceLoader, toSearchDocuments } from '../../site/src/lib/search/index.ts';

function sources(title: string): SearchSources {
  return {
    articles: [
      {
        documentId: 'a1',
        title,
        slug: 'bai-1',
        summary: 'Tóm tắt',
        body: [{ type: 'paragraph', children: [{ type: 'text', text: 'Nội dung bài viết' }] }],
        publishedAt: '2026-09-05T01:00:00.000Z',
      },
    ],
    directives: [
      {
        documentId: 'd1',
        docType: 'Quyết định',
        number: '380/QĐ-MNHH',
        slug: 'quyet-dinh-380-qd-mnhh',
        abstract: 'Quy chế CNTT',
        issuer: 'Trường Mầm non Hiệp Hòa',
        issuedOn: '2023-11-17',
      },
    ],
    activities: [{ documentId: 'h1', title: 'Đêm hội trăng rằm', slug: 'dem-hoi', date: '2026-09-20' }],
    notices: [{ documentId: 'n1', kind: 'Bảo trì', title: 'Bảo trì định kỳ', message: 'Tạm dừng', startsAt: '2026-11-15T15:00:00.000Z' }],
    disclosures: [{ documentId: 'c1', title: 'Các khoản thu', slug: 'cac-khoan-thu', schoolYear: '2026-2027', section: 'Tài chính' }],
  };
}

function counter(make: () => SearchSources | Promise<SearchSources>) {
  const state = { calls: 0 };
  const loader = async (): Promise<SearchSources> => {
    state.calls++;
    return make();
  };
  return { state, loader };
}

afterEach(() => {
  setSearchSourceLoader(null);
  delete process.env.SEARCH_INDEX_TTL_MS;
});

describe('search documents', () => {
  it('link each type to the page that shows it', () => {
    const urls = toSearchDocuments(sources('Tin')).map((d) => [d.type, d.url]);
    expect(urls).toEqual([
      ['article', '/tin-tuc/bai-1'],
      ['directive', '/van-ban/quyet-dinh-380-qd-mnhh'],
      ['activity', '/hoat-dong/dem-hoi'],
      ['notice', '/thong-bao#thong-bao-n1'],
      ['disclosure', '/cong-khai#nam-hoc-2026-2027-tai-chinh'],
    ]);
  });
});

describe('the search index lifecycle', () => {
  it('is built once on first use and shared by concurrent searches', async () => {
    const { state, loader } = counter(() => sources('Lễ khai giảng'));
    setSearchSourceLoader(loader);
    const results = await Promise.all([search('khai giang'), search('khai giang'), search('hiep hoa')]);
    expect(state.calls).toBe(1);
    expect(results[0]!.hits[0]?.url).toBe('/tin-tuc/bai-1');
  });

  it('is rebuilt after invalidateSearchIndex(), so a newly published title is found', async () => {
    let title = 'Lễ khai giảng';
    const { state, loader } = counter(() => sources(title));
    setSearchSourceLoader(loader);
    expect((await search('vui tet')).total).toBe(0);
    title = 'Vui Tết Trung thu';
    expect((await search('vui tet')).total).toBe(0);
    invalidateSearchIndex();
    expect((await search('vui tet')).total).toBe(1);
    expect(state.calls).toBe(2);
  });

  it('is invalidated by the CMS webhook event for a searched content type', async () => {
    const { state, loader } = counter(() => sources('Tin'));
    setSearchSourceLoader(loader);
    await search('tin');
    onContentChange(['menu']);
    await search('tin');
    expect(state.calls).toBe(1);
    onContentChange(['article', 'doc:abcdefghij12']);
    await search('tin');
    expect(state.calls).toBe(2);
  });

  it('is rebuilt once older than SEARCH_INDEX_TTL_MS', async () => {
    process.env.SEARCH_INDEX_TTL_MS = '0';
    const { state, loader } = counter(() => sources('Tin'));
    setSearchSourceLoader(loader);
    await search('tin');
    await search('tin');
    expect(state.calls).toBe(2);
  });

  it('keeps answering from the last index when the CMS cannot be read', async () => {
    let down = false;
    setSearchSourceLoader(async () => {
      if (down) throw new CmsError('api::article.article', 0, 'Không kết nối được');
      return sources('Lễ khai giảng');
    });
    expect((await search('khai giang')).total).toBe(1);
    down = true;
    invalidateSearchIndex();
    const during = await search('khai giang');
    expect(during.total).toBe(1);
    expect(during.stale).toBe(true);
  });

  it('fails with the CmsError when there has never been an index and the CMS is down', async () => {
    setSearchSourceLoader(async () => {
      throw new CmsError('api::article.article', 0, 'Không kết nối được');
    });
    await expect(getSearchIndex()).rejects.toBeInstanceOf(CmsError);
  });
});

describe('search pages', () => {
  it('hold 20 results each and report the total', async () => {
    const many = sources('x');
    many.articles = Array.from({ length: 45 }, (_, i) => ({ documentId: `a${i}`, title: `Tin khai giảng số ${i}`, slug: `tin-${i}` }));
    setSearchSourceLoader(async () => many);
    const first = await search('khai giang', 1);
    const third = await search('khai giang', 3);
    expect(first.total).toBe(45);
    expect(first.pageCount).toBe(3);
    expect(first.hits).toHaveLength(20);
    expect(third.hits).toHaveLength(5);
  });
});
