/**
 * The bench dataset: ten years of one kindergarten, generated from a fixed seed. Pure (no I/O): the loader
 * turns it into CMS documents, the bench picks its pages and queries from it, and the unit tests check that
 * it is deterministic and has the requested counts.
 */
import { type Random, seeded } from './prng.ts';
import { type Admission, type Album, admissions, albums, type Question, questions, type WorkWeek, workWeeks } from './sections.ts';
import { CLASS_GROUPS, paragraphs, slugOf, TOPICS, title } from './text.ts';

/** Bump when the generated content changes: a loaded dataset of another version is loaded again. */
export const GENERATOR_VERSION = 2;

/**
 * `photos` are those of articles and activities; albums of their own photos (one in five) add six to twelve
 * each. `questions` are parents' questions, four in five of them public on Hỏi đáp (the fifth answered
 * privately). `admissions` are every enrolment season of the ten years.
 */
export const FULL_COUNTS = {
  articles: 5_000,
  directives: 1_000,
  activities: 3_000,
  photos: 20_000,
  menus: 500,
  workWeeks: 500,
  albums: 300,
  questions: 1_250,
  admissions: 14,
} as const;
export type Counts = { [K in keyof typeof FULL_COUNTS]: number };

/** Every count shrunk by `scale` (at least one of each); photos are at least one cover per article and activity. */
export function countsFor(scale: number): Counts {
  if (!(scale > 0 && scale <= 1)) throw new Error(`--scale phải trong khoảng (0, 1], đang là ${scale}`);
  const of = (n: number) => Math.max(1, Math.round(n * scale));
  const articles = of(FULL_COUNTS.articles);
  const activities = of(FULL_COUNTS.activities);
  return {
    articles,
    directives: of(FULL_COUNTS.directives),
    activities,
    photos: Math.max(of(FULL_COUNTS.photos), articles + activities),
    menus: Math.max(2, of(FULL_COUNTS.menus)),
    workWeeks: of(FULL_COUNTS.workWeeks),
    albums: of(FULL_COUNTS.albums),
    questions: of(FULL_COUNTS.questions),
    admissions: of(FULL_COUNTS.admissions),
  };
}

export interface Photo {
  name: string;
  alt: string;
  hue: number;
  seed: number;
}

export interface Article {
  title: string;
  slug: string;
  summary: string;
  body: string[];
  /** A demo category slug (cms/data/categories.json). */
  category: string;
  publishedAt: string;
  cover: Photo;
  gallery: Photo[];
}

export interface Directive {
  docType: string;
  number: string;
  slug: string;
  issuer: string;
  issuedOn: string;
  signer: string;
  abstract: string;
  body: string[];
  /** Indexes of earlier directives this one cites as căn cứ. */
  basedOn: number[];
}

export interface Activity {
  title: string;
  slug: string;
  kind: string;
  classGroup: string;
  date: string;
  location: string;
  summary: string;
  body: string[];
  cover: Photo;
  gallery: Photo[];
}

export interface MenuDay {
  weekday: string;
  lunch: string;
  afternoon: string;
  energyKcal: number;
}

export interface Menu {
  weekStart: string;
  ageGroup: string;
  note: string;
  days: MenuDay[];
}

export interface Dataset {
  counts: Counts;
  articles: Article[];
  directives: Directive[];
  activities: Activity[];
  menus: Menu[];
  workWeeks: WorkWeek[];
  albums: Album[];
  questions: Question[];
  admissions: Admission[];
}

const CATEGORIES = ['tin-nha-truong', 'chuyen-doi-so', 'suc-khoe-dinh-duong', 'phu-huynh-can-biet', 'hoat-dong-chuyen-mon'];
const DOC_TYPES: [string, string][] = [
  ['Kế hoạch', 'KH'],
  ['Quyết định', 'QĐ'],
  ['Thông báo', 'TB'],
  ['Báo cáo', 'BC'],
  ['Công văn', 'CV'],
  ['Quy chế', 'QC'],
  ['Hướng dẫn', 'HD'],
];
const SIGNERS = ['Nguyễn Thị Hạnh', 'Phạm Thị Thu Hà', 'Vũ Thị Lan', 'Đỗ Thị Minh Nguyệt'];
const KINDS = ['Hoạt động', 'Phong trào', 'Sự kiện', 'Ngoại khóa'];
const LOCATIONS = ['Sân trường', 'Hội trường', 'Vườn trường', 'Nhà văn hóa khu phố 3', 'Công viên Yên Hưng'];
const WEEKDAYS = ['Thứ Hai', 'Thứ Ba', 'Thứ Tư', 'Thứ Năm', 'Thứ Sáu'];
const MAINS = ['Thịt gà kho nấm hương', 'Tôm rim thịt', 'Cá basa sốt cà chua', 'Trứng chim cút kho thịt', 'Đậu phụ sốt thịt băm', 'Thịt bò xào súp lơ'];
const SOUPS = ['Canh cua rau mồng tơi', 'Canh bí đỏ nấu thịt', 'Canh rau ngót nấu thịt', 'Canh bí xanh nấu tôm', 'Canh cải bắp nấu thịt'];
const FRUITS = ['cam', 'chuối tiêu', 'dưa hấu', 'thanh long', 'sữa chua', 'xoài'];
const SNACKS = ['Cháo sườn bí đỏ', 'Mì nấu thịt lợn, rau cải', 'Xôi đỗ xanh', 'Bún thịt bò nấu rau cải', 'Miến gà', 'Bánh quy sữa'];

/** Ten years of school life, ending before the demo content (which is dated late 2026). */
const START = Date.UTC(2016, 8, 5);
const END = Date.UTC(2026, 7, 31);
const DAY = 86_400_000;

const isoDate = (time: number) => new Date(time).toISOString().slice(0, 10);
const schoolYearOf = (time: number) => {
  const date = new Date(time);
  const first = date.getUTCMonth() >= 8 ? date.getUTCFullYear() : date.getUTCFullYear() - 1;
  return `${first}–${first + 1}`;
};
/** The i-th of n moments spread evenly over the ten years, jittered by up to a day. */
const spread = (random: Random, i: number, n: number) => START + Math.floor(((END - START) * i) / n) + random.int(0, DAY - 1);

function summaryOf(random: Random, text: string): string {
  return `${text}: ${paragraphs(random, 20)[0]}`.slice(0, 480);
}

/** Photos of one document: a cover and `galleryCount` gallery photos, named after the document. */
function photosOf(random: Random, key: string, label: string, galleryCount: number): { cover: Photo; gallery: Photo[] } {
  const photo = (suffix: string, alt: string): Photo => ({ name: `${key}-${suffix}.jpg`, alt, hue: random.int(0, 359), seed: random.int(1, 1_000_000) });
  return {
    cover: photo('anh-dai-dien', `Ảnh đại diện: ${label}`),
    gallery: Array.from({ length: galleryCount }, (_, i) => photo(`anh-${i + 1}`, `Ảnh ${i + 1}: ${label}`)),
  };
}

/** Spreads `total` gallery photos over `documents` documents as evenly as possible. */
export function galleryShare(total: number, documents: number, index: number): number {
  return Math.floor(((index + 1) * total) / documents) - Math.floor((index * total) / documents);
}

export function generate(scale: number, seed = 20_160_905): Dataset {
  const counts = countsFor(scale);
  const random = seeded(seed);
  const galleryTotal = counts.photos - counts.articles - counts.activities;
  const documentsWithPhotos = counts.articles + counts.activities;

  const articles: Article[] = [];
  for (let i = 0; i < counts.articles; i += 1) {
    const time = spread(random, i, counts.articles);
    const text = title(random, schoolYearOf(time));
    const key = `bench-tin-${i + 1}`;
    articles.push({
      title: text,
      // The index keeps slugs unique however often a title repeats.
      slug: `${slugOf(text)}-${i + 1}`.slice(0, 220),
      summary: summaryOf(random, text),
      body: paragraphs(random, 300),
      category: random.pick(CATEGORIES),
      publishedAt: new Date(time).toISOString(),
      ...photosOf(random, key, text, galleryShare(galleryTotal, documentsWithPhotos, i)),
    });
  }

  const directives: Directive[] = [];
  const perYear = new Map<string, number>();
  for (let i = 0; i < counts.directives; i += 1) {
    const time = spread(random, i, counts.directives);
    const year = String(new Date(time).getUTCFullYear());
    const sequence = (perYear.get(year) ?? 0) + 1;
    perYear.set(year, sequence);
    const [docType, abbreviation] = random.pick(DOC_TYPES);
    const number = `${sequence}/${year}/${abbreviation}-MNHH`;
    const subject = random.pick(TOPICS);
    const cited = new Set<number>();
    const citations = i === 0 ? 0 : random.int(1, Math.min(3, i));
    while (cited.size < citations) cited.add(random.int(Math.max(0, i - 200), i - 1));
    directives.push({
      docType,
      number,
      slug: slugOf(`${docType} ${number}`),
      issuer: 'Trường Mầm non Hiệp Hòa',
      issuedOn: isoDate(time),
      signer: random.pick(SIGNERS),
      abstract: `${docType} về ${subject} năm học ${schoolYearOf(time)}`,
      body: paragraphs(random, 150),
      basedOn: [...cited].sort((a, b) => a - b),
    });
  }

  const activities: Activity[] = [];
  for (let i = 0; i < counts.activities; i += 1) {
    const time = spread(random, i, counts.activities);
    const text = title(random, schoolYearOf(time));
    const key = `bench-hd-${i + 1}`;
    activities.push({
      title: text,
      slug: `${slugOf(text)}-hd-${i + 1}`.slice(0, 220),
      kind: random.pick(KINDS),
      classGroup: random.pick(CLASS_GROUPS),
      date: isoDate(time),
      location: random.pick(LOCATIONS),
      summary: summaryOf(random, text),
      body: paragraphs(random, 300),
      ...photosOf(random, key, text, galleryShare(galleryTotal, documentsWithPhotos, counts.articles + i)),
    });
  }

  const menus: Menu[] = [];
  // Mondays going back from the week before the demo menus (2026-11-23), one menu per age group and week.
  const lastMonday = Date.UTC(2026, 10, 16);
  for (let i = 0; i < counts.menus; i += 1) {
    const week = Math.floor(i / 2) + 1;
    const weekStart = lastMonday - week * 7 * DAY;
    const ageGroup = i % 2 === 0 ? 'Mẫu giáo' : 'Nhà trẻ';
    menus.push({
      weekStart: isoDate(weekStart),
      ageGroup,
      note: `Thực đơn khối ${ageGroup} tuần bắt đầu ${isoDate(weekStart)}. Mức ăn 25.000 đồng/trẻ/ngày.`,
      days: WEEKDAYS.map((weekday) => ({
        weekday,
        lunch: `Cơm tẻ; ${random.pick(MAINS)}; ${random.pick(SOUPS)}; Tráng miệng: ${random.pick(FRUITS)}.`,
        afternoon: `${random.pick(SNACKS)}.`,
        energyKcal: random.int(600, 700),
      })),
    });
  }

  // The newer sections draw from a stream of their own: the sections above stay what they were.
  const more = seeded(seed + 1);
  return {
    counts,
    articles,
    directives,
    activities,
    menus,
    workWeeks: workWeeks(more, START, END, counts.workWeeks),
    albums: albums(
      more,
      activities.map((a) => ({ title: a.title, date: a.date, classGroup: a.classGroup, galleryCount: a.gallery.length })),
      counts.albums,
    ),
    questions: questions(more, START, END, counts.questions),
    admissions: admissions(more, counts.admissions),
  };
}
