import { describe, expect, it } from 'vitest';
import { createEngine, runSearch, type SearchDocument, toSearchDocuments } from '../../site/src/lib/search/index.ts';

function doc(id: string, fields: Partial<SearchDocument>): SearchDocument {
  return { id, type: 'article', title: '', number: '', summary: '', body: '', url: `/tin-tuc/${id}`, date: null, ...fields };
}

const ids = (docs: SearchDocument[], query: string): string[] => runSearch(createEngine(docs), query).map((hit) => hit.id);

describe('ranking for Vietnamese: exact and prefix matches above typo matches', () => {
  // "Nghị định … sử dụng": "định" folds to "dinh" and "dụng" is one typo from "duong"; its title is full
  // of them, so by score alone it would beat the menu article that has "dinh dưỡng" once, in its body.
  const DOCS = [
    doc('nghi-dinh', { type: 'directive', title: 'Nghị định quy định việc sử dụng, ứng dụng công nghệ', body: 'Quy định về sử dụng.' }),
    doc('dinh-duong', { title: 'Bữa ăn bán trú tuần này', body: 'Chế độ dinh dưỡng hợp lý cho trẻ, sử dụng thực phẩm sạch.' }),
    doc('dinh-duong-2', { title: 'Dinh dưỡng mùa đông' }),
  ];

  it('lists every Dinh dưỡng item before the Nghị định one for "dinh duong"', () => {
    const found = ids(DOCS, 'dinh duong');
    expect(found.slice(0, 2).sort()).toEqual(['dinh-duong', 'dinh-duong-2']);
    expect(found.indexOf('nghi-dinh')).toBeGreaterThan(1);
  });

  it('still finds the typo match, after the exact ones', () => {
    expect(ids(DOCS, 'dinh duong')).toContain('nghi-dinh');
  });

  it('looks for typo variants only while fewer than a page of documents match exactly', () => {
    const exact = (n: number) => Array.from({ length: n }, (_, i) => doc(`exact-${i}`, { body: 'Chế độ dinh dưỡng cho trẻ.' }));
    const typo = doc('nghi-dinh', { title: 'Nghị định về sử dụng' });
    expect(ids([...exact(19), typo], 'dinh duong').at(-1)).toBe('nghi-dinh');
    expect(ids([...exact(20), typo], 'dinh duong')).not.toContain('nghi-dinh');
  });

  it('puts an exact word in a long body above a typo match repeated in a title', () => {
    const docs = [
      doc('typo', { title: 'Hương vị quê hương, mùi hương' }),
      doc('exact', { title: 'Tin trong tuần', body: `${'Các cháu vui chơi, học tập. '.repeat(20)}Cô giáo yêu thương các cháu.` }),
    ];
    expect(ids(docs, 'thuong')).toEqual(['exact', 'typo']);
  });

  it('puts a prefix of the last word above a typo match', () => {
    const docs = [doc('typo', { title: 'Thuận lợi, thuận tiện, thuận hòa' }), doc('prefix', { body: 'Tình yêu thương của cô.' })];
    expect(ids(docs, 'thuon')).toEqual(['prefix', 'typo']);
  });

  it('keeps title matches above body matches within a tier', () => {
    const docs = [doc('body', { title: 'Tin ngắn', body: 'Bếp ăn đảm bảo an toàn thực phẩm.' }), doc('title', { title: 'An toàn thực phẩm trong bếp ăn' })];
    expect(ids(docs, 'an toan thuc pham')).toEqual(['title', 'body']);
  });

  it('matches only the last word as a prefix, so a whole earlier word is not read as the start of another', () => {
    const docs = [doc('ke-hoach', { title: 'Hiệp đồng kế hoạch năm học' }), doc('hiep-hoa', { title: 'Trường Hiệp Hòa' })];
    expect(ids(docs, 'hoa hiep')).toEqual(['hiep-hoa']);
  });
});

describe('highlighting only what really matches', () => {
  it('marks "dinh" and "dưỡng" in an exact match, not the typo variant "dụng" beside them', () => {
    const [hit] = runSearch(createEngine([doc('dd', { title: 'Dinh dưỡng', body: 'Chế độ dinh dưỡng hợp lý, sử dụng thực phẩm sạch.' })]), 'dinh duong');
    expect(hit?.titleHtml).toBe('<mark>Dinh</mark> <mark>dưỡng</mark>');
    expect(hit?.excerptHtml).toContain('<mark>dinh</mark> <mark>dưỡng</mark>');
    expect(hit?.excerptHtml).toContain('sử dụng');
    expect(hit?.excerptHtml).not.toContain('<mark>dụng</mark>');
  });

  it('marks the words the last query word begins, but an earlier word only where it is whole', () => {
    const [partial] = runSearch(createEngine([doc('kg', { title: 'Lễ khai giảng, khai mạc và giao lưu' })]), 'kha gia');
    expect(partial?.titleHtml).toBe('Lễ khai <mark>giảng</mark>, khai mạc và <mark>giao</mark> lưu');
    const [found] = runSearch(createEngine([doc('kg', { title: 'Lễ khai giảng, khai mạc và giao lưu' })]), 'khai gia');
    expect(found?.titleHtml).toBe('Lễ <mark>khai</mark> <mark>giảng</mark>, <mark>khai</mark> mạc và <mark>giao</mark> lưu');
  });

  it('marks the typo variants in a document found only by forgiving a typo', () => {
    const [hit] = runSearch(createEngine([doc('cds', { title: 'Chuyển đổi số ở trường' })]), 'chuyenn');
    expect(hit?.titleHtml).toBe('<mark>Chuyển</mark> đổi số ở trường');
  });
});

describe('weekly menus in search', () => {
  const docs = toSearchDocuments({
    articles: [{ documentId: 'a1', title: 'Tin khai giảng', slug: 'tin', summary: 'Canh chua đầu năm' }],
    announcements: [],
    directives: [],
    activities: [],
    notices: [],
    disclosures: [],
    faqs: [],
    albums: [],
    workWeeks: [],
    menus: [
      {
        documentId: 'm1',
        weekStart: '2026-09-07',
        ageGroup: 'Nhà trẻ',
        note: 'Thực đơn mùa thu',
        days: [
          { weekday: 'Thứ Hai', breakfast: 'Cháo thịt bằm', lunch: 'Cơm, canh cua rau đay, thịt kho trứng', afternoon: 'Sữa chua' },
          { weekday: 'Thứ Ba', lunch: 'Cơm, cá sốt cà chua' },
        ],
      },
    ],
    admissions: [],
  });

  it('are found by their dishes and link to the menu page of that week', () => {
    const [hit] = runSearch(createEngine(docs), 'canh cua rau day');
    expect(hit).toMatchObject({ id: 'menu:m1', type: 'menu', typeLabel: 'Thực đơn', url: '/thuc-don?tuan=2026-09-07', date: '2026-09-07' });
    expect(hit?.titleHtml).toBe('Thực đơn tuần từ 07/09/2026 – khối Nhà trẻ');
    expect(hit?.excerptHtml).toContain('<mark>canh</mark> <mark>cua</mark> <mark>rau</mark> <mark>đay</mark>');
  });

  it('are found by "thuc don" and the age group', () => {
    expect(runSearch(createEngine(docs), 'thuc don nha tre').map((h) => h.id)).toEqual(['menu:m1']);
  });
});
