/**
 * CMS reads for search, filtered lists, feeds and the sitemap. Same rules as client.ts: pages call these,
 * never fetch(); every function names the fields it needs; failures throw CmsError, "not found" is null.
 */
import { clampPage } from '@portal/common/urls';
import { announcementSummary } from '../announcements.ts';
import { compareVi, sortVi } from '../text/collate.ts';
import { DIRECTIVE_REF_FIELDS, findMany, IMAGE_FIELDS, MAX_PAGE_SIZE, ROUTE, UID } from './client.ts';
import type { QueryValue } from './query.ts';
import type { Article, Category, DirectiveRef, Faq, Notice, Page } from './types.ts';

/** Bounds a "read everything" loop: 100 pages × 100 items is far beyond a school's content. */
const MAX_PAGES = 100;

async function findAll<T>(contentType: string, path: string, query: Record<string, QueryValue>): Promise<T[]> {
  const all: T[] = [];
  for (let page = 1; page <= MAX_PAGES; page++) {
    const result = await findMany<T>(contentType, path, query, { page, pageSize: MAX_PAGE_SIZE });
    all.push(...result.items);
    if (page >= result.pagination.pageCount || result.items.length === 0) break;
  }
  return all;
}

// ── Search index sources ────────────────────────────────────────────────────

/** What the search index needs of each published document: text to match, where it lives, when it changed. */
export interface SearchSourceArticle {
  documentId: string;
  title?: string | null;
  slug?: string | null;
  summary?: string | null;
  body?: unknown;
  publishedAt?: string | null;
  updatedAt?: string | null;
}

export interface SearchSourceAnnouncement {
  documentId: string;
  title?: string | null;
  slug?: string | null;
  kind?: string | null;
  summary?: string | null;
  body?: unknown;
  publishedAt?: string | null;
  updatedAt?: string | null;
}

export interface SearchSourceDirective {
  documentId: string;
  docType?: string | null;
  number?: string | null;
  slug?: string | null;
  issuer?: string | null;
  abstract?: string | null;
  body?: unknown;
  issuedOn?: string | null;
  updatedAt?: string | null;
}

export interface SearchSourceActivity {
  documentId: string;
  title?: string | null;
  slug?: string | null;
  kind?: string | null;
  summary?: string | null;
  body?: unknown;
  date?: string | null;
  updatedAt?: string | null;
}

export interface SearchSourceNotice {
  documentId: string;
  kind?: string | null;
  title?: string | null;
  message?: string | null;
  startsAt?: string | null;
  updatedAt?: string | null;
}

export interface SearchSourceDisclosure {
  documentId: string;
  title?: string | null;
  slug?: string | null;
  schoolYear?: string | null;
  section?: string | null;
  body?: unknown;
  lastUpdatedAt?: string | null;
  firstPublishedAt?: string | null;
  updatedAt?: string | null;
}

export interface SearchSourceMenuDay {
  weekday?: string | null;
  breakfast?: string | null;
  lunch?: string | null;
  afternoon?: string | null;
}

export interface SearchSourceMenu {
  documentId: string;
  weekStart?: string | null;
  ageGroup?: string | null;
  note?: string | null;
  days?: SearchSourceMenuDay[] | null;
  updatedAt?: string | null;
}

export interface SearchSourceFaq {
  documentId: string;
  topic?: string | null;
  question?: string | null;
  answer?: string | null;
  answeredAt?: string | null;
  updatedAt?: string | null;
}

export interface SearchSourceAdmission {
  documentId: string;
  title?: string | null;
  schoolYear?: string | null;
  plan?: unknown;
  opensOn?: string | null;
  closesOn?: string | null;
  ageGroups?: { name?: string | null }[] | null;
  documents?: { name?: string | null }[] | null;
  publishedAt?: string | null;
  updatedAt?: string | null;
}

export interface SearchSourceAlbum {
  documentId: string;
  title?: string | null;
  slug?: string | null;
  date?: string | null;
  classGroup?: string | null;
  description?: string | null;
  updatedAt?: string | null;
}

export interface SearchSourceCalendarEntry {
  date?: string | null;
  startTime?: string | null;
  content?: string | null;
  presiding?: string | null;
  participants?: string | null;
  place?: string | null;
}

export interface SearchSourceWorkWeek {
  documentId: string;
  weekStart?: string | null;
  note?: string | null;
  entries?: SearchSourceCalendarEntry[] | null;
  updatedAt?: string | null;
}

/** One searched section's records, by section key. */
export interface SearchSourceRecords {
  article: SearchSourceArticle;
  announcement: SearchSourceAnnouncement;
  directive: SearchSourceDirective;
  activity: SearchSourceActivity;
  notice: SearchSourceNotice;
  disclosure: SearchSourceDisclosure;
  menu: SearchSourceMenu;
  faq: SearchSourceFaq;
  admission: SearchSourceAdmission;
  album: SearchSourceAlbum;
  'work-week': SearchSourceWorkWeek;
}

export type SearchSourceKey = keyof SearchSourceRecords;

export interface SearchSources {
  articles: SearchSourceArticle[];
  announcements: SearchSourceAnnouncement[];
  directives: SearchSourceDirective[];
  activities: SearchSourceActivity[];
  notices: SearchSourceNotice[];
  disclosures: SearchSourceDisclosure[];
  menus: SearchSourceMenu[];
  faqs: SearchSourceFaq[];
  admissions: SearchSourceAdmission[];
  albums: SearchSourceAlbum[];
  workWeeks: SearchSourceWorkWeek[];
}

/** The fields (and relations) search reads of each section; `updatedAt` is what reconciliation compares. */
const SEARCH_QUERIES: { [K in SearchSourceKey]: { uid: string; path: string; query: Record<string, QueryValue> } } = {
  article: { uid: UID.article, path: 'articles', query: { fields: ['title', 'slug', 'summary', 'body', 'publishedAt', 'updatedAt'] } },
  announcement: {
    uid: UID.announcement,
    path: 'announcements',
    query: { fields: ['title', 'slug', 'kind', 'summary', 'body', 'publishedAt', 'updatedAt'] },
  },
  directive: {
    uid: UID.directive,
    path: 'directives',
    query: { fields: ['docType', 'number', 'slug', 'issuer', 'abstract', 'body', 'issuedOn', 'updatedAt'] },
  },
  activity: { uid: UID.activity, path: 'activities', query: { fields: ['title', 'slug', 'kind', 'summary', 'body', 'date', 'updatedAt'] } },
  notice: { uid: UID.notice, path: 'notices', query: { fields: ['kind', 'title', 'message', 'startsAt', 'updatedAt'] } },
  disclosure: {
    uid: UID.disclosure,
    path: 'disclosures',
    query: { fields: ['title', 'slug', 'schoolYear', 'section', 'body', 'lastUpdatedAt', 'firstPublishedAt', 'updatedAt'] },
  },
  menu: {
    uid: UID.menu,
    path: 'menus',
    query: { fields: ['weekStart', 'ageGroup', 'note', 'updatedAt'], populate: { days: { fields: ['weekday', 'breakfast', 'lunch', 'afternoon'] } } },
  },
  faq: { uid: UID.faq, path: 'faqs', query: { fields: ['topic', 'question', 'answer', 'answeredAt', 'updatedAt'] } },
  admission: {
    uid: UID.admission,
    path: 'admissions',
    query: {
      fields: ['title', 'schoolYear', 'plan', 'opensOn', 'closesOn', 'publishedAt', 'updatedAt'],
      populate: { ageGroups: { fields: ['name'] }, documents: { fields: ['name'] } },
    },
  },
  album: { uid: UID.album, path: 'albums', query: { fields: ['title', 'slug', 'date', 'classGroup', 'description', 'updatedAt'] } },
  'work-week': {
    uid: UID.workWeek,
    path: 'work-weeks',
    query: {
      fields: ['weekStart', 'note', 'updatedAt'],
      populate: { entries: { fields: ['date', 'startTime', 'content', 'presiding', 'participants', 'place'] } },
    },
  },
};

export const SEARCH_SOURCE_KEYS = Object.keys(SEARCH_QUERIES) as SearchSourceKey[];

/**
 * Bounds the paged reads of search: ten years of one school is about 10,000 documents a section at most;
 * 1,000 pages of 100 leave room without letting a broken CMS loop forever.
 */
const MAX_SEARCH_PAGES = 1_000;

async function findAllSearch<T>(uid: string, path: string, query: Record<string, QueryValue>): Promise<T[]> {
  const all: T[] = [];
  for (let page = 1; page <= MAX_SEARCH_PAGES; page++) {
    const result = await findMany<T>(uid, path, { ...query, sort: ['id:asc'] }, { page, pageSize: MAX_PAGE_SIZE });
    all.push(...result.items);
    if (page >= result.pagination.pageCount || result.items.length === 0) break;
  }
  return all;
}

/**
 * Every published document of one searched section, with the fields search matches and shows, a page
 * (100 documents) at a time: the index takes each page in and lets it go, so a full read of ten
 * thousand bodies never sits in memory at once.
 */
export async function* searchSectionPages<K extends SearchSourceKey>(key: K): AsyncGenerator<SearchSourceRecords[K][]> {
  const { uid, path, query } = SEARCH_QUERIES[key];
  for (let page = 1; page <= MAX_SEARCH_PAGES; page++) {
    const result = await findMany<SearchSourceRecords[K]>(uid, path, { ...query, sort: ['id:asc'] }, { page, pageSize: MAX_PAGE_SIZE });
    yield result.items;
    if (page >= result.pagination.pageCount || result.items.length === 0) break;
  }
}

export interface SearchStamp {
  documentId: string;
  updatedAt: string | null;
}

/** documentId and updatedAt of every published document of a section: what reconciliation compares, nothing more. */
export async function listSearchStamps(key: SearchSourceKey): Promise<SearchStamp[]> {
  const { uid, path } = SEARCH_QUERIES[key];
  const rows = await findAllSearch<{ documentId?: unknown; updatedAt?: unknown }>(uid, path, { fields: ['updatedAt'] });
  return rows.flatMap((row) =>
    typeof row.documentId === 'string' ? [{ documentId: row.documentId, updatedAt: typeof row.updatedAt === 'string' ? row.updatedAt : null }] : [],
  );
}

/** Ids per request when reading named documents: keeps the query string well under URL limits. */
const IDS_PER_REQUEST = 50;

/** The published documents among `documentIds` in one section; an id missing from the answer is not published. */
export async function getSearchSources<K extends SearchSourceKey>(key: K, documentIds: readonly string[]): Promise<SearchSourceRecords[K][]> {
  const { uid, path, query } = SEARCH_QUERIES[key];
  const found: SearchSourceRecords[K][] = [];
  for (let at = 0; at < documentIds.length; at += IDS_PER_REQUEST) {
    const ids = documentIds.slice(at, at + IDS_PER_REQUEST);
    const page = await findMany<SearchSourceRecords[K]>(uid, path, { ...query, filters: { documentId: { $in: ids } } }, { page: 1, pageSize: MAX_PAGE_SIZE });
    found.push(...page.items);
  }
  return found;
}

// ── Hỏi đáp ────────────────────────────────────────────────────────────────

/** Every published question and answer, newest answer first; the page groups them by topic. */
export function listFaqs(): Promise<Faq[]> {
  return findAll<Faq>(UID.faq, 'faqs', { fields: ['topic', 'question', 'answer', 'askedAt', 'answeredAt'], sort: ['answeredAt:desc', 'id:desc'] });
}

// ── Notices page ────────────────────────────────────────────────────────────

/** Every published maintenance/incident notice, newest start first; the page decides what is current. */
export function listAllNotices(): Promise<Notice[]> {
  return findAll<Notice>(UID.notice, 'notices', {
    populate: { affectedServices: true },
    sort: ['startsAt:desc', 'id:desc'],
  });
}

// ── Directive filters ───────────────────────────────────────────────────────

export type ValidityFilter = 'con' | 'het';

export interface DirectiveFilter {
  docType?: string | undefined;
  issuer?: string | undefined;
  year?: number | undefined;
  validity?: ValidityFilter | undefined;
  /** Matched against số ký hiệu and trích yếu. */
  text?: string | undefined;
}

/**
 * Strapi filters for the register's filter form. `today` is the calendar day in Vietnam ("YYYY-MM-DD"),
 * passed in so "còn hiệu lực" means the same thing here as the badge in the table (lib/directives.ts).
 */
export function directiveFilters(filter: DirectiveFilter, today: string): Record<string, QueryValue> {
  const and: QueryValue[] = [];
  if (filter.docType) and.push({ docType: { $eq: filter.docType } });
  if (filter.issuer) and.push({ issuer: { $eq: filter.issuer } });
  if (filter.year) and.push({ issuedOn: { $gte: `${filter.year}-01-01`, $lte: `${filter.year}-12-31` } });
  if (filter.validity === 'con') {
    and.push({ $or: [{ effectiveFrom: { $null: true } }, { effectiveFrom: { $lte: today } }] });
    and.push({ $or: [{ effectiveUntil: { $null: true } }, { effectiveUntil: { $gte: today } }] });
  } else if (filter.validity === 'het') {
    and.push({ effectiveUntil: { $lt: today } });
  }
  const text = filter.text?.trim();
  if (text) and.push({ $or: [{ number: { $containsi: text } }, { abstract: { $containsi: text } }] });
  return and.length > 0 ? { $and: and } : {};
}

export function listFilteredDirectives(
  filter: DirectiveFilter,
  today: string,
  request: { page?: number; pageSize?: number } = {},
): Promise<Page<DirectiveRef>> {
  return findMany<DirectiveRef>(
    UID.directive,
    'directives',
    { fields: DIRECTIVE_REF_FIELDS, filters: directiveFilters(filter, today), sort: ['issuedOn:desc', 'id:desc'] },
    clampPage(request, 20),
  );
}

export interface DirectiveFacets {
  issuers: string[];
  years: number[];
}

/** The issuers and years that actually occur, so the filter form offers no option that lists nothing. */
export async function getDirectiveFacets(): Promise<DirectiveFacets> {
  const rows = await findAll<{ issuer?: string | null; issuedOn?: string | null }>(UID.directive, 'directives', {
    fields: ['issuer', 'issuedOn'],
    sort: ['id:asc'],
  });
  const issuers = new Set<string>();
  const years = new Set<number>();
  for (const row of rows) {
    if (row.issuer) issuers.add(row.issuer);
    const year = Number(row.issuedOn?.slice(0, 4));
    if (Number.isInteger(year) && year > 0) years.add(year);
  }
  return {
    issuers: [...issuers].sort(compareVi),
    years: [...years].sort((a, b) => b - a),
  };
}

// ── Categories ──────────────────────────────────────────────────────────────

/** In Vietnamese alphabetical order, the same on SQLite and PostgreSQL (text/collate.ts). */
export async function listCategories(): Promise<Category[]> {
  const categories = await findAll<Category>(UID.category, 'categories', { fields: ['name', 'slug', 'description'], sort: ['id:asc'] });
  return sortVi(categories, (category) => category.name);
}

export async function getCategory(slug: string | undefined): Promise<Category | null> {
  if (typeof slug !== 'string' || !/^[A-Za-z0-9._~-]{1,220}$/.test(slug)) return null;
  const page = await findMany<Category>(
    UID.category,
    'categories',
    { fields: ['name', 'slug', 'description'], filters: { slug: { $eq: slug } } },
    { page: 1, pageSize: 1 },
  );
  return page.items[0] ?? null;
}

export function listArticlesInCategory(slug: string, request: { page?: number; pageSize?: number } = {}): Promise<Page<Article>> {
  return findMany<Article>(
    UID.article,
    'articles',
    {
      fields: ['title', 'slug', 'summary', 'publishedAt', 'featured'],
      filters: { category: { slug: { $eq: slug } } },
      populate: { cover: { fields: IMAGE_FIELDS }, category: { fields: ['name', 'slug'] } },
      sort: ['publishedAt:desc', 'id:desc'],
    },
    clampPage(request, 10),
  );
}

// ── Feeds and sitemap ───────────────────────────────────────────────────────

export interface FeedItem {
  title: string;
  path: string;
  description: string;
  /** ISO instant or calendar day. */
  date: string | null;
  guid: string;
}

/** The 20 (or `limit`) newest published items of a section, in feed shape. */
export async function listFeedItems(section: 'article' | 'announcement' | 'directive' | 'activity', limit = 20): Promise<FeedItem[]> {
  const paging = { page: 1, pageSize: Math.min(limit, MAX_PAGE_SIZE) };
  if (section === 'announcement') {
    // Newest first, pins ignored: a feed reader wants what is new, not what is important.
    const page = await findMany<SearchSourceAnnouncement>(
      UID.announcement,
      'announcements',
      { fields: ['title', 'slug', 'summary', 'body', 'publishedAt'], sort: ['publishedAt:desc', 'id:desc'] },
      paging,
    );
    return page.items.map((a) => ({
      title: a.title ?? '',
      path: `${ROUTE.announcement}/${a.slug ?? ''}`,
      description: announcementSummary(a),
      date: a.publishedAt ?? null,
      guid: a.documentId,
    }));
  }
  if (section === 'article') {
    const page = await findMany<SearchSourceArticle>(
      UID.article,
      'articles',
      { fields: ['title', 'slug', 'summary', 'publishedAt'], sort: ['publishedAt:desc', 'id:desc'] },
      paging,
    );
    return page.items.map((a) => ({
      title: a.title ?? '',
      path: `${ROUTE.article}/${a.slug ?? ''}`,
      description: a.summary ?? '',
      date: a.publishedAt ?? null,
      guid: a.documentId,
    }));
  }
  if (section === 'directive') {
    const page = await findMany<SearchSourceDirective & { publishedAt?: string | null }>(
      UID.directive,
      'directives',
      { fields: ['docType', 'number', 'slug', 'abstract', 'issuedOn', 'publishedAt'], sort: ['issuedOn:desc', 'id:desc'] },
      paging,
    );
    return page.items.map((d) => ({
      title: [d.docType, d.number ? `số ${d.number}` : ''].filter(Boolean).join(' '),
      path: `${ROUTE.directive}/${d.slug ?? ''}`,
      description: d.abstract ?? '',
      date: d.issuedOn ?? d.publishedAt ?? null,
      guid: d.documentId,
    }));
  }
  const page = await findMany<SearchSourceActivity & { publishedAt?: string | null }>(
    UID.activity,
    'activities',
    { fields: ['title', 'slug', 'summary', 'date', 'publishedAt'], sort: ['date:desc', 'id:desc'] },
    paging,
  );
  return page.items.map((a) => ({
    title: a.title ?? '',
    path: `${ROUTE.activity}/${a.slug ?? ''}`,
    description: a.summary ?? '',
    date: a.date ?? a.publishedAt ?? null,
    guid: a.documentId,
  }));
}

export interface SitemapEntry {
  path: string;
  lastmod: string | null;
}

/** Every published article, announcement, directive and activity with the time it last changed. */
export async function listSitemapEntries(): Promise<SitemapEntry[]> {
  const query = { fields: ['slug', 'updatedAt'], sort: ['id:asc'] };
  type Row = { slug?: string | null; updatedAt?: string | null };
  const [articles, announcements, directives, activities] = await Promise.all([
    findAll<Row>(UID.article, 'articles', query),
    findAll<Row>(UID.announcement, 'announcements', query),
    findAll<Row>(UID.directive, 'directives', query),
    findAll<Row>(UID.activity, 'activities', query),
  ]);
  const entries = (prefix: string, rows: Row[]): SitemapEntry[] =>
    rows.filter((r) => r.slug).map((r) => ({ path: `${prefix}/${r.slug}`, lastmod: r.updatedAt ?? null }));
  return [
    ...entries(ROUTE.article, articles),
    ...entries(ROUTE.announcement, announcements),
    ...entries(ROUTE.directive, directives),
    ...entries(ROUTE.activity, activities),
  ];
}
