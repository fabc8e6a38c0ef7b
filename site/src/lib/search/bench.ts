/**
 * Speed and memory of the search engine at scale, for `npm run bench` (figures are reported there, never
 * asserted in tests). Synthetic but realistic: Vietnamese titles and ~300-word bodies drawn from a school's
 * vocabulary, a directive with a số ký hiệu every tenth document, a weekly menu every fiftieth.
 */
import { performance } from 'node:perf_hooks';
import { createEngine, type SearchDocument, type SearchEngine, type SearchType, searchPage } from './engine.ts';

/** The most frequent words: a school's news, plans and menus, with their tone marks; a few are near-typos of others on purpose. */
const WORDS = (
  'trường mầm non hiệp hòa quảng yên quảng ninh học sinh giáo viên nhân viên phụ huynh trẻ em lớp khối nhà trẻ mẫu giáo ' +
  'kế hoạch năm học khai giảng tổng kết hội nghị cán bộ công chức viên chức chuyển đổi số công nghệ thông tin ứng dụng ' +
  'dinh dưỡng thực đơn bữa ăn bán trú an toàn thực phẩm vệ sinh phòng chống dịch bệnh sức khỏe khám định kỳ cân đo ' +
  'quyết định nghị định thông tư công văn hướng dẫn chỉ thị quy chế báo cáo thông báo ban hành kèm theo căn cứ ' +
  'hoạt động phong trào trung thu tết nguyên đán ngày hội văn nghệ thể dục thể thao vui chơi trải nghiệm tham quan ' +
  'cơ sở vật chất sửa chữa đầu tư trang thiết bị đồ dùng đồ chơi thư viện sân chơi tuyển sinh hồ sơ đăng ký ' +
  'công khai tài chính khoản thu học phí ngân sách chất lượng giáo dục kiểm định đánh giá ngoài tự đánh giá ' +
  'sử dụng đường dương lương cá thịt rau củ canh cơm cháo sữa chua bánh mì trứng đậu phụ tôm gà bò lợn ' +
  'được của và cho các những trong với theo về để đã sẽ đang tại từ đến này một nhiều tốt mới'
).split(' ');

const ISSUERS = ['MNHH', 'UBND', 'PGDĐT', 'SGDĐT', 'BGDĐT'];
const DOC_TYPES = ['Quyết định', 'Kế hoạch', 'Công văn', 'Thông báo', 'Nghị định', 'Thông tư'];

/** A small fast PRNG, seeded, so every run indexes the same documents. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * The rest of the vocabulary: syllables made of Vietnamese onsets, rhymes and tones (several thousand,
 * as in real text), ranked after the school words so word frequencies fall off as in real text (Zipf).
 */
const ONSETS = ['', 'b', 'c', 'ch', 'd', 'đ', 'g', 'gi', 'h', 'kh', 'l', 'm', 'n', 'ng', 'nh', 'ph', 'qu', 's', 't', 'th', 'tr', 'v', 'x'];
const RHYMES = [
  'a',
  'ai',
  'an',
  'ang',
  'anh',
  'ao',
  'at',
  'ay',
  'e',
  'em',
  'en',
  'eo',
  'i',
  'im',
  'in',
  'inh',
  'o',
  'oa',
  'oai',
  'oan',
  'oc',
  'oi',
  'om',
  'on',
  'ong',
  'u',
  'ui',
  'um',
  'un',
  'ung',
  'uy',
  'uyen',
];
const TONES = ['\u0300', '\u0301', '\u0303', '\u0309', '\u0323', ''];

function vocabulary(): string[] {
  const known = new Set(WORDS);
  const made: string[] = [];
  for (const tone of TONES) {
    for (const rhyme of RHYMES) {
      for (const onset of ONSETS) {
        // The tone sits on the rhyme's first vowel; NFC makes the precomposed letters real text has.
        const word = `${onset}${rhyme.charAt(0)}${tone}${rhyme.slice(1)}`.normalize('NFC');
        if (!known.has(word)) made.push(word);
      }
    }
  }
  return [...WORDS, ...made];
}

const VOCABULARY = vocabulary();
/** Cumulative Zipf weights (1/rank) over the vocabulary, for drawing words by frequency. */
const CUMULATIVE = (() => {
  const sums = new Float64Array(VOCABULARY.length);
  let total = 0;
  for (let rank = 0; rank < VOCABULARY.length; rank++) {
    total += 1 / (rank + 1);
    sums[rank] = total;
  }
  return sums.map((v) => v / total);
})();

function drawWord(next: () => number): string {
  const x = next();
  let low = 0;
  let high = CUMULATIVE.length - 1;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if ((CUMULATIVE[mid] as number) < x) low = mid + 1;
    else high = mid;
  }
  return VOCABULARY[low] ?? 'trường';
}

function sentence(next: () => number, words: number): string {
  const out: string[] = [];
  for (let i = 0; i < words; i++) out.push(drawWord(next));
  const text = out.join(' ');
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
}

export function syntheticDocuments(count: number, seed = 12): SearchDocument[] {
  const next = random(seed);
  const docs: SearchDocument[] = [];
  for (let i = 0; i < count; i++) {
    const type: SearchType = i % 50 === 0 ? 'menu' : i % 10 === 0 ? 'directive' : i % 3 === 0 ? 'activity' : 'article';
    const body = Array.from({ length: 20 }, () => sentence(next, 15)).join(' ');
    const issuer = ISSUERS[i % ISSUERS.length] ?? 'MNHH';
    const number = type === 'directive' ? `${(i % 900) + 1}/${i % 2 ? 'QĐ' : 'KH'}-${issuer}` : '';
    docs.push({
      id: `${type}:doc${i}`,
      type,
      title: type === 'directive' ? `${DOC_TYPES[i % DOC_TYPES.length]} số ${number}` : sentence(next, 8 + (i % 5)),
      number,
      summary: sentence(next, 25),
      body,
      url: `/bai-${i}`,
      date: new Date(Date.UTC(2016, 0, 1) + i * 3_600_000 * 4).toISOString(),
      stamp: '2026-01-01T00:00:00.000Z',
    });
  }
  return docs;
}

/** What readers type: words with and without tone marks, prefixes, typos, numbers, and words not there. */
export const BENCH_QUERIES = [
  'hiep hoa',
  'Hiệp Hòa',
  'dinh duong',
  'thực đơn',
  'khai gia',
  'chuyen doi so',
  'chuyen doii',
  'an toàn thực phẩm',
  '380/QĐ-MNHH',
  'qd-mnhh',
  'ke hoach nam hoc',
  'tuyen sinh',
  'trung thu',
  'truong',
  'cong khai tai chinh',
  'phòng chống dịch bệnh',
  'xyzzy không có',
  'giáo viên mầm non',
  'suc khoe',
  'thong tu',
];

export interface SearchBenchResult {
  docs: number;
  buildMs: number;
  /** Memory the engine holds: JS heap plus typed arrays (exact after a GC, when run with --expose-gc). */
  heapMB: number;
  /** One results page (20 hits, highlighted), per query. */
  p50Ms: number;
  p95Ms: number;
}

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
}

const gc = (): void => (globalThis as { gc?: () => void }).gc?.();

/** Builds an engine over `count` synthetic documents and times `rounds` passes over the query set. */
export function benchSearchEngine(count: number, rounds = 10): SearchBenchResult & { engine: SearchEngine } {
  gc();
  const before = process.memoryUsage();
  let docs: SearchDocument[] | null = syntheticDocuments(count);
  const started = performance.now();
  const engine = createEngine(docs);
  const buildMs = performance.now() - started;
  docs = null;
  gc();
  const after = process.memoryUsage();
  // Typed arrays (the posting lists) live outside the JS heap, in arrayBuffers.
  const heapMB = (after.heapUsed - before.heapUsed + after.arrayBuffers - before.arrayBuffers) / 1024 / 1024;
  for (const query of BENCH_QUERIES) searchPage(engine, query, 0, 20);
  const times: number[] = [];
  for (let round = 0; round < rounds; round++) {
    for (const query of BENCH_QUERIES) {
      const t = performance.now();
      searchPage(engine, query, 0, 20);
      times.push(performance.now() - t);
    }
  }
  times.sort((a, b) => a - b);
  return { engine, docs: engine.size, buildMs, heapMB, p50Ms: percentile(times, 50), p95Ms: percentile(times, 95) };
}
