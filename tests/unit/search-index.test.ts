import { afterEach, describe, expect, it } from 'vitest';
import { CmsError } from '../../site/src/lib/cms/errors.ts';
import type { SearchSources } from '../../site/src/lib/cms/search.ts';
import { onContentChange } from '../../site/src/lib/content-events.ts';
import {
  flushSearchIndex,
  getSearchIndex,
  type SearchDocument,
  type SearchSource,
  type SearchType,
  search,
  searchIndexStats,
  setSearchSource,
  toSearchDocuments,
} from '../../site/src/lib/search/index.ts';

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
    announcements: [
      {
        documentId: 't1',
        title: 'Lịch nghỉ Tết Dương lịch',
        slug: 'nghi-tet',
        kind: 'Nghỉ lễ',
        summary: null,
        body: [{ type: 'paragraph', children: [{ type: 'text', text: 'Trẻ nghỉ học ngày 01/01/2027.' }] }],
        publishedAt: '2026-11-27T01:00:00.000Z',
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
    menus: [{ documentId: 'm1', weekStart: '2026-09-07', ageGroup: 'Nhà trẻ', days: [{ weekday: 'Thứ Hai', lunch: 'Cơm, canh cua rau đay' }] }],
    faqs: [
      { documentId: 'q1', topic: 'Sức khỏe', question: 'Trẻ sốt bao lâu thì đi học lại?', answer: 'Hết sốt 24 giờ.', answeredAt: '2026-09-23T03:15:00.000Z' },
    ],
    admissions: [],
    albums: [
      { documentId: 'al1', title: 'Bé vui Tết Trung thu', slug: 'be-vui-tet-trung-thu', date: '2026-09-25', classGroup: 'Lớp Lá 1', description: 'Rước đèn' },
    ],
    workWeeks: [
      {
        documentId: 'w1',
        weekStart: '2026-11-30',
        note: null,
        entries: [
          {
            date: '2026-12-01',
            startTime: '14:00:00.000',
            content: 'Họp hội đồng sư phạm',
            presiding: 'Hiệu trưởng',
            participants: 'Toàn thể giáo viên',
            place: 'Phòng họp',
          },
        ],
      },
    ],
  };
}

/** A CMS stand-in: published documents by type, every call counted. */
class FakeCms implements SearchSource {
  readonly docs = new Map<string, SearchDocument>();
  calls = { listAll: 0, listStamps: 0, fetch: 0, fetchedIds: [] as string[] };
  down = false;

  constructor(docs: SearchDocument[]) {
    for (const doc of docs) this.docs.set(doc.id, doc);
  }

  put(doc: SearchDocument): void {
    this.docs.set(doc.id, doc);
  }

  private check(): void {
    if (this.down) throw new CmsError('api::article.article', 0, 'Không kết nối được');
  }

  async *listAll(): AsyncGenerator<SearchDocument[]> {
    this.calls.listAll++;
    this.check();
    // Two batches, as the CMS gives pages.
    const all = [...this.docs.values()];
    yield all.slice(0, 1);
    yield all.slice(1);
  }

  async listStamps(type: SearchType) {
    this.calls.listStamps++;
    this.check();
    return [...this.docs.values()].filter((d) => d.type === type).map((d) => ({ documentId: d.id.split(':')[1] ?? '', updatedAt: d.stamp ?? null }));
  }

  async fetch(type: SearchType, ids: string[]): Promise<SearchDocument[]> {
    this.calls.fetch++;
    this.check();
    this.calls.fetchedIds.push(...ids);
    return ids.flatMap((id) => this.docs.get(`${type}:${id}`) ?? []);
  }
}

const article = (documentId: string, title: string, stamp = '2026-01-01T00:00:00.000Z'): SearchDocument => ({
  id: `article:${documentId}`,
  type: 'article',
  title,
  number: '',
  summary: '',
  body: '',
  url: `/tin-tuc/${documentId}`,
  date: null,
  stamp,
});

afterEach(() => {
  setSearchSource(null);
  delete process.env.SEARCH_RECONCILE_MS;
});

describe('search documents', () => {
  it('link each type to the page that shows it, a weekly menu to its week', () => {
    const urls = toSearchDocuments(sources('Tin')).map((d) => [d.type, d.url]);
    expect(urls).toEqual([
      ['article', '/tin-tuc/bai-1'],
      ['announcement', '/thong-bao/nghi-tet'],
      ['directive', '/van-ban/quyet-dinh-380-qd-mnhh'],
      ['activity', '/hoat-dong/dem-hoi'],
      ['notice', '/trang-thai/bao-tri#bao-tri-n1'],
      ['disclosure', '/cong-khai#nam-hoc-2026-2027-tai-chinh'],
      ['menu', '/thuc-don?tuan=2026-09-07'],
      ['faq', '/hoi-dap#hoi-dap-q1'],
      ['album', '/thu-vien-anh/be-vui-tet-trung-thu'],
      ['work-week', '/lich-cong-tac?tuan=2026-11-30'],
    ]);
  });

  it('index an album by its title, class and description, and a work week by every entry’s day, time, content, people and place', () => {
    const docs = toSearchDocuments(sources('Tin'));
    const album = docs.find((d) => d.type === 'album');
    expect(album).toMatchObject({ title: 'Bé vui Tết Trung thu', summary: 'Lớp Lá 1 – Rước đèn', date: '2026-09-25' });
    const week = docs.find((d) => d.type === 'work-week');
    expect(week?.title).toBe('Lịch công tác tuần từ 30/11/2026');
    expect(week?.body).toBe('01/12/2026 – 14:00 – Họp hội đồng sư phạm – Hiệu trưởng – Toàn thể giáo viên – Phòng họp');
    expect(week?.date).toBe('2026-11-30');
  });

  it('leave out an album without a slug and a week without its Monday', () => {
    const docs = toSearchDocuments({
      ...sources('Tin'),
      albums: [{ documentId: 'al2', title: 'Chưa có đường dẫn', slug: null }],
      workWeeks: [{ documentId: 'w2', weekStart: null, entries: [] }],
    });
    expect(docs.filter((d) => d.type === 'album' || d.type === 'work-week')).toEqual([]);
  });

  it('give an announcement without a summary the first words of its body, after its kind', () => {
    const announcement = toSearchDocuments(sources('Tin')).find((d) => d.type === 'announcement');
    expect(announcement?.summary).toBe('Nghỉ lễ – Trẻ nghỉ học ngày 01/01/2027.');
    expect(announcement?.date).toBe('2026-11-27T01:00:00.000Z');
  });
});

describe('the search index lifecycle', () => {
  it('reads the CMS in full once, on first use, shared by concurrent searches', async () => {
    const cms = new FakeCms(toSearchDocuments(sources('Lễ khai giảng')));
    setSearchSource(cms);
    const results = await Promise.all([search('khai giang'), search('khai giang'), search('hiep hoa')]);
    expect(cms.calls.listAll).toBe(1);
    expect(results[0]!.hits[0]?.url).toBe('/tin-tuc/bai-1');
    expect(searchIndexStats().fullReads).toBe(1);
  });

  it('applies a webhook by fetching only the named document: a new one is found without another full read', async () => {
    const cms = new FakeCms([article('a1', 'Lễ khai giảng')]);
    setSearchSource(cms);
    expect((await search('trung thu')).total).toBe(0);
    cms.put(article('a2', 'Vui Tết Trung thu'));
    onContentChange(['article', 'doc:a2']);
    const after = await search('trung thu');
    expect(after.hits.map((h) => h.url)).toEqual(['/tin-tuc/a2']);
    expect(cms.calls.listAll).toBe(1);
    expect(cms.calls.fetchedIds).toEqual(['a2']);
  });

  it('replaces an edited document and removes one the CMS no longer publishes', async () => {
    const cms = new FakeCms([article('a1', 'Lễ khai giảng'), article('a2', 'Ngày hội đến trường')]);
    setSearchSource(cms);
    await search('khai giang');
    cms.put(article('a1', 'Tổng kết năm học', '2026-02-01T00:00:00.000Z'));
    cms.docs.delete('article:a2');
    onContentChange(['article', 'doc:a1', 'doc:a2']);
    expect((await search('khai giang')).total).toBe(0);
    expect((await search('tong ket')).hits.map((h) => h.url)).toEqual(['/tin-tuc/a1']);
    expect((await search('ngay hoi')).total).toBe(0);
    expect(cms.calls.listAll).toBe(1);
  });

  it('applies a webhook that arrives while the first full read is still going on', async () => {
    const cms = new FakeCms([article('a1', 'Lễ khai giảng'), article('a2', 'Ngày hội đến trường')]);
    setSearchSource(cms);
    const first = search('khai giang');
    // The first batch is read; the second document changes before the read ends.
    cms.put(article('a2', 'Hội diễn văn nghệ', '2026-05-01T00:00:00.000Z'));
    onContentChange(['article', 'doc:a2']);
    await first;
    await flushSearchIndex();
    expect((await search('van nghe')).hits.map((h) => h.url)).toEqual(['/tin-tuc/a2']);
    expect(cms.calls.listAll).toBe(1);
  });

  it('ignores purges of types it does not search', async () => {
    const cms = new FakeCms([article('a1', 'Tin')]);
    setSearchSource(cms);
    await search('tin');
    onContentChange(['school']);
    onContentChange(['school', 'doc:s1']);
    await search('tin');
    expect(cms.calls.fetch + cms.calls.listStamps).toBe(0);
  });

  it('reconciles a type purged without document ids by updatedAt, fetching only what changed', async () => {
    const cms = new FakeCms([article('a1', 'Lễ khai giảng'), article('a2', 'Ngày hội đến trường'), article('a3', 'Trăng rằm')]);
    setSearchSource(cms);
    await search('tin');
    cms.put(article('a2', 'Ngày hội thể thao', '2026-03-01T00:00:00.000Z'));
    cms.docs.delete('article:a3');
    onContentChange(['article']);
    await flushSearchIndex();
    expect(cms.calls.fetchedIds).toEqual(['a2']);
    expect((await search('the thao')).total).toBe(1);
    expect((await search('trang ram')).total).toBe(0);
    expect(cms.calls.listAll).toBe(1);
  });

  it('reconciles every SEARCH_RECONCILE_MS, so a change whose webhook never came is found', async () => {
    process.env.SEARCH_RECONCILE_MS = '0';
    const cms = new FakeCms([article('a1', 'Lễ khai giảng')]);
    setSearchSource(cms);
    await search('khai giang');
    await flushSearchIndex();
    cms.put(article('a2', 'Hội thi bé khỏe bé ngoan'));
    await search('khai giang');
    await flushSearchIndex();
    expect((await search('be ngoan')).total).toBe(1);
    expect(cms.calls.listAll).toBe(1);
    expect(searchIndexStats().reconciliations).toBeGreaterThan(0);
  });

  it('keeps answering from the index, marked stale, while the CMS cannot be read, and applies the update once it can', async () => {
    const cms = new FakeCms([article('a1', 'Lễ khai giảng')]);
    setSearchSource(cms);
    expect((await search('khai giang')).total).toBe(1);
    cms.down = true;
    cms.put(article('a2', 'Vui Tết Trung thu'));
    onContentChange(['article', 'doc:a2']);
    const during = await search('khai giang');
    expect(during.total).toBe(1);
    expect(during.stale).toBe(true);
    cms.down = false;
    // The retry waits a few seconds after a failure; a later webhook for another document carries it along.
    onContentChange(['article', 'doc:a9']);
    await flushSearchIndex();
    const later = await search('trung thu');
    expect(later.total).toBe(1);
    expect(later.stale).toBe(false);
  });

  it('fails with the CmsError when there has never been an index and the CMS is down', async () => {
    const cms = new FakeCms([]);
    cms.down = true;
    setSearchSource(cms);
    await expect(getSearchIndex()).rejects.toBeInstanceOf(CmsError);
  });
});

describe('search pages', () => {
  it('hold 20 results each and report the total', async () => {
    const many = sources('x');
    many.articles = Array.from({ length: 45 }, (_, i) => ({ documentId: `a${i}`, title: `Tin khai giảng số ${i}`, slug: `tin-${i}` }));
    setSearchSource(new FakeCms(toSearchDocuments(many)));
    const first = await search('khai giang', 1);
    const third = await search('khai giang', 3);
    expect(first.total).toBe(45);
    expect(first.pageCount).toBe(3);
    expect(first.hits).toHaveLength(20);
    expect(third.hits).toHaveLength(5);
  });
});
