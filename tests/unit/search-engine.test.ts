import { describe, expect, it } from 'vitest';
import { createEngine, queryTerms, runSearch, type SearchDocument } from '../../site/src/lib/search/engine.ts';
import { queryProblem } from '../../site/src/lib/search/index.ts';

function doc(id: string, fields: Partial<SearchDocument>): SearchDocument {
  return { id, type: 'article', title: '', number: '', summary: '', body: '', url: `/tin-tuc/${id}`, date: null, ...fields };
}

const DOCS: SearchDocument[] = [
  doc('gioi-thieu', { title: 'Giới thiệu Trường Mầm non Hiệp Hòa', body: 'Nhà trường nằm ở phường Hiệp Hòa, thị xã Quảng Yên.' }),
  doc('dinh-duong', { title: 'Dinh dưỡng hợp lý cho trẻ mầm non', summary: 'Thực đơn cân đối theo độ tuổi.' }),
  doc('khai-giang', { title: 'Rộn ràng Lễ khai giảng năm học 2026-2027' }),
  doc('chuyen-doi-so', { title: 'Ba năm chuyển đổi số ở trường', body: 'Kế hoạch triển khai ứng dụng công nghệ.' }),
  doc('body-only', { title: 'Tin ngắn trong tuần', body: 'Bếp ăn bán trú đã được kiểm tra về an toàn thực phẩm.' }),
  doc('title-match', { title: 'An toàn thực phẩm trong bếp ăn' }),
  doc('qd-380', {
    type: 'directive',
    title: 'Quyết định số 380/QĐ-MNHH',
    number: '380/QĐ-MNHH',
    summary: 'Ban hành Quy chế quản lý, vận hành và sử dụng hệ thống công nghệ thông tin',
    url: '/van-ban/quyet-dinh-380-qd-mnhh',
  }),
  doc('qd-378', { type: 'directive', title: 'Quyết định số 378/QĐ-MNHH', number: '378/QĐ-MNHH', url: '/van-ban/quyet-dinh-378-qd-mnhh' }),
  doc('qc-380', {
    type: 'directive',
    title: 'Quy chế số QC-380/QĐ-MNHH',
    number: 'QC-380/QĐ-MNHH',
    // The real Quy chế cites its decision over and over: it must still not outrank the decision itself.
    body: 'Ban hành kèm theo Quyết định số 380/QĐ-MNHH. '.repeat(8),
    url: '/van-ban/quy-che-380',
  }),
  doc('nd-64', {
    type: 'directive',
    title: 'Nghị định số 64/2007/NĐ-CP',
    number: '64/2007/NĐ-CP',
    summary: 'Về ứng dụng công nghệ thông tin trong hoạt động của cơ quan nhà nước',
  }),
];
const engine = createEngine(DOCS);
const ids = (query: string): string[] => runSearch(engine, query).map((hit) => hit.id);

describe('search with Vietnamese folding', () => {
  it('finds "Hiệp Hòa" when the query has no tone marks', () => {
    expect(ids('hiep hoa')[0]).toBe('gioi-thieu');
  });

  it('finds "Dinh dưỡng" from "dinh duong"', () => {
    expect(ids('dinh duong')).toContain('dinh-duong');
  });

  it('answers "HIEP HOA", "hiệp hòa" and "Hiệp Hòa" identically', () => {
    const expected = ids('hiệp hòa');
    expect(expected.length).toBeGreaterThan(0);
    expect(ids('HIEP HOA')).toEqual(expected);
    expect(ids('Hiệp Hòa')).toEqual(expected);
  });

  it('finds đ words typed with d, and d words typed with đ', () => {
    expect(ids('chuyen doi so')).toContain('chuyen-doi-so');
    expect(ids('đinh dưỡng')).toContain('dinh-duong');
  });

  it('matches the beginning of a word: "khai gia" finds "khai giảng"', () => {
    expect(ids('khai gia')).toContain('khai-giang');
  });

  it('forgives one typo in a longer word: "chuyen doii" and "chuyển đỗi" find "chuyển đổi"', () => {
    expect(ids('chuyen doii')).toContain('chuyen-doi-so');
    expect(ids('chuyển đỗi')).toContain('chuyen-doi-so');
    expect(ids('chuyenn')).toContain('chuyen-doi-so');
  });

  it('does not treat a short word with a typo as a match', () => {
    expect(ids('khoi')).not.toContain('khai-giang');
  });

  it('ranks a match in the title above the same words in the body', () => {
    const found = ids('an toàn thực phẩm');
    expect(found.indexOf('title-match')).toBeGreaterThanOrEqual(0);
    expect(found.indexOf('title-match')).toBeLessThan(found.indexOf('body-only'));
  });
});

describe('search by số ký hiệu', () => {
  it('puts the directive itself first for its full number', () => {
    expect(ids('380/QĐ-MNHH')[0]).toBe('qd-380');
  });

  it('puts the decision first even when typed without tone marks or separators', () => {
    expect(ids('380 qd mnhh')[0]).toBe('qd-380');
    expect(ids('380/qd-mnhh')[0]).toBe('qd-380');
  });

  it('finds it from the bare number and from the folded suffix', () => {
    expect(ids('380')).toContain('qd-380');
    expect(ids('qd-mnhh')).toContain('qd-380');
    expect(ids('qd-mnhh')).toContain('qd-378');
  });

  it('keeps other numbers of the same issuer out of an exact number search', () => {
    expect(ids('380/QĐ-MNHH')).not.toContain('qd-378');
  });
});

describe('search results', () => {
  it('carry the type label, link and an excerpt with the match marked', () => {
    const [hit] = runSearch(engine, 'cong nghe thong tin');
    expect(hit).toBeDefined();
    expect(['Văn bản']).toContain(hit!.typeLabel);
    expect(hit!.excerptHtml).toContain('<mark>công</mark> <mark>nghệ</mark> <mark>thông</mark> <mark>tin</mark>');
  });

  it('mark the matched words in the title', () => {
    const hit = runSearch(engine, 'khai giang').find((h) => h.id === 'khai-giang');
    expect(hit?.titleHtml).toBe('Rộn ràng Lễ <mark>khai</mark> <mark>giảng</mark> năm học 2026-2027');
  });

  it('are empty, without throwing, for input with nothing to search', () => {
    for (const query of ['', '   ', '"', '*', '🙂', '<>', '%%%', '\u0000']) expect(runSearch(engine, query)).toEqual([]);
    expect(() => runSearch(engine, '<script>alert(1)</script>')).not.toThrow();
    expect(() => runSearch(engine, 'a'.repeat(5000))).not.toThrow();
  });

  it('never return raw HTML from a query', () => {
    const hits = runSearch(engine, '<b>hiệp</b>');
    for (const hit of hits) expect(hit.titleHtml + hit.excerptHtml).not.toMatch(/<b>/);
  });
});

describe('queryProblem', () => {
  it('calls an empty or punctuation-only query empty and a query over 200 characters too long', () => {
    expect(queryProblem('')).toBe('empty');
    expect(queryProblem(' " * ')).toBe('empty');
    expect(queryProblem('x'.repeat(201))).toBe('too-long');
    expect(queryProblem('hiệp hòa')).toBeNull();
    expect(queryTerms('Hiệp-Hòa')).toEqual(['hiep', 'hoa']);
  });
});
