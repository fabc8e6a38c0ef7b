import { describe, expect, it } from 'vitest';
import { createEngine, type SearchDocument, searchPage } from '../../site/src/lib/search/engine.ts';
import { WARM_UP_SEARCHES, warmUp, warmUpQueries } from '../../site/src/lib/search/warm-up.ts';

const TITLES = [
  'Khai giảng năm học mới 2026–2027',
  'Bé vui Tết Trung thu cùng cô giáo',
  'Thực đơn tuần của các lớp mẫu giáo',
  'Chuyển đổi số trong trường mầm non',
  'Hội thi giáo viên dạy giỏi cấp trường',
];

function documents(count: number): SearchDocument[] {
  return Array.from({ length: count }, (_, i) => ({
    id: `article:${i}`,
    type: 'article' as const,
    title: `${TITLES[i % TITLES.length]} số ${i}`,
    number: '',
    summary: 'Tóm tắt ngắn',
    body: 'Các cháu tham gia hoạt động ngoài trời, phụ huynh cùng nhà trường chăm sóc trẻ.',
    url: `/tin-tuc/bai-${i}`,
    date: '2026-09-05',
  }));
}

describe('the search warm-up at start', () => {
  it('searches titles from across the index as visitors type them: with and without diacritics, with a typo, and one word', () => {
    const engine = createEngine(documents(400));
    const queries = warmUpQueries(engine);
    expect(queries).toHaveLength(WARM_UP_SEARCHES);
    expect(queries).toContain('Khai giảng');
    expect(queries).toContain('khai giang');
    // One letter dropped from the middle of the longest word of "Chuyển đổi số trong trường mầm non số …",
    // which the forgiving search still finds.
    const typo = queries.find((q) => q.startsWith('chuen doi so'));
    expect(typo).toBeDefined();
    expect(searchPage(engine, typo!, 0, 20).hits[0]?.titleHtml ?? '').toMatch(/^<mark>Chuyển<\/mark> <mark>đổi<\/mark> <mark>số<\/mark>/);
    expect(queries.filter((q) => !q.includes(' ')).length).toBeGreaterThanOrEqual(WARM_UP_SEARCHES / 4);
    // Spread over the index, not its first titles only: all five kinds of title are there.
    for (const title of TITLES) expect(queries, title).toContain(title.split(' ').slice(0, 2).join(' '));
  });

  it('finds results for its own queries, and gives way to other work between two searches', async () => {
    const engine = createEngine(documents(400));
    let turns = 0;
    const ticker = setInterval(() => turns++, 0);
    const hits = await warmUp(engine, 20);
    clearInterval(ticker);
    expect(hits).toBeGreaterThan(WARM_UP_SEARCHES * 5);
    expect(turns).toBeGreaterThan(0);
  });

  it('does nothing on an empty index', async () => {
    const engine = createEngine([]);
    expect(warmUpQueries(engine)).toEqual([]);
    expect(await warmUp(engine, 20)).toBe(0);
  });
});
