/**
 * The site's only way to read the CMS. Pages call these functions, never fetch().
 *
 * Every function asks for the fields and relations its pages show and nothing more (the public token
 * only sees published documents anyway). Failures throw CmsError; "not found" is null.
 */

import { type PreviewableSection, previewSection, section, uidOf } from '@portal/common/sections';
import { clampPage, MAX_PAGE_SIZE } from '@portal/common/urls';
import { CmsError } from './errors.ts';
import { cmsGet, invalidShape } from './http.ts';
import type { QueryValue } from './query.ts';
import { sharedValue } from './shared.ts';
import type {
  Activity,
  Admission,
  Album,
  Announcement,
  Article,
  Directive,
  DirectiveRef,
  Disclosure,
  Menu,
  Notice,
  Page,
  Pagination,
  School,
  WorkWeek,
} from './types.ts';

/** Content types the site reads, by the names the client modules use. */
export const UID = {
  article: uidOf('article'),
  announcement: uidOf('announcement'),
  category: uidOf('category'),
  directive: uidOf('directive'),
  activity: uidOf('activity'),
  album: uidOf('album'),
  notice: uidOf('notice'),
  disclosure: uidOf('disclosure'),
  menu: uidOf('menu'),
  workWeek: uidOf('work-week'),
  admission: uidOf('admission'),
  school: uidOf('school'),
  faq: uidOf('faq'),
} as const;

/** Public routes of the sections whose items the site links to. */
export const ROUTE = {
  article: section('article').route,
  announcement: section('announcement').route,
  directive: section('directive').route,
  activity: section('activity').route,
  album: section('album').route,
  notice: section('notice').route,
  disclosure: section('disclosure').route,
  menu: section('menu').route,
  workWeek: section('work-week').route,
  faq: section('faq').route,
  admission: section('admission').route,
} as const;

/** Strapi caps pageSize at 100 by default; larger lists must page. */
export { MAX_PAGE_SIZE };

export interface PageRequest {
  page?: number;
  pageSize?: number;
}

// updatedAt is the file's version in /anh URLs: a replaced photo keeps its stored name.
export const IMAGE_FIELDS = ['url', 'alternativeText', 'caption', 'width', 'height', 'formats', 'updatedAt'];
const FILE_FIELDS = ['url', 'name', 'caption', 'ext', 'mime', 'size', 'alternativeText'];
export const DIRECTIVE_REF_FIELDS = ['docType', 'number', 'slug', 'abstract', 'issuedOn', 'effectiveFrom', 'effectiveUntil'];

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function readPagination(meta: unknown, fallback: { page: number; pageSize: number }, count: number): Pagination {
  const p = isRecord(meta) && isRecord(meta.pagination) ? meta.pagination : {};
  const num = (value: unknown, dflt: number): number => (typeof value === 'number' && Number.isFinite(value) ? value : dflt);
  return {
    page: num(p.page, fallback.page),
    pageSize: num(p.pageSize, fallback.pageSize),
    pageCount: num(p.pageCount, count > 0 ? 1 : 0),
    total: num(p.total, count),
  };
}

/** One page of a collection; shared with the search and feed sources (search.ts). */
export async function findMany<T>(
  contentType: string,
  path: string,
  query: Record<string, QueryValue>,
  paging: { page: number; pageSize: number },
): Promise<Page<T>> {
  const { status, body } = await cmsGet(contentType, path, {
    ...query,
    pagination: { page: paging.page, pageSize: paging.pageSize },
  });
  // A collection endpoint never 404s on its own; treat it as a broken CMS rather than an empty list.
  if (status === 404 || !isRecord(body) || !Array.isArray(body.data)) throw invalidShape(contentType, status);
  const items = body.data.filter(isRecord) as unknown as T[];
  return { items, pagination: readPagination(body.meta, paging, items.length) };
}

/**
 * The first `limit` items, without the total a page carries: Strapi counts every match in a second query,
 * which for a filter across a relation (related news of one category) cost more than the items.
 */
export async function findFirst<T>(contentType: string, path: string, query: Record<string, QueryValue>, limit: number): Promise<T[]> {
  const { status, body } = await cmsGet(contentType, path, { ...query, pagination: { start: 0, limit, withCount: false } });
  if (status === 404 || !isRecord(body) || !Array.isArray(body.data)) throw invalidShape(contentType, status);
  return body.data.filter(isRecord) as unknown as T[];
}

/** Slugs come from the URL: refuse anything a Strapi uid could not be, without asking the CMS. */
export function isPlausibleSlug(slug: string | undefined): slug is string {
  return typeof slug === 'string' && /^[A-Za-z0-9._~-]{1,220}$/.test(slug);
}

async function findBySlug<T>(contentType: string, path: string, slug: string | undefined, populate: QueryValue): Promise<T | null> {
  if (!isPlausibleSlug(slug)) return null;
  const [found] = await findFirst<T>(contentType, path, { filters: { slug: { $eq: slug } }, populate }, 1);
  return found ?? null;
}

// ── Articles ────────────────────────────────────────────────────────────────

const ARTICLE_LIST_QUERY = {
  fields: ['title', 'slug', 'summary', 'publishedAt', 'featured'],
  populate: {
    cover: { fields: IMAGE_FIELDS },
    category: { fields: ['name', 'slug'] },
  },
  sort: ['publishedAt:desc', 'id:desc'],
} satisfies Record<string, QueryValue>;

export function listArticles(request: PageRequest = {}): Promise<Page<Article>> {
  return findMany<Article>(UID.article, 'articles', ARTICLE_LIST_QUERY, clampPage(request, 10));
}

export function getArticle(slug: string | undefined): Promise<Article | null> {
  return findBySlug<Article>(UID.article, 'articles', slug, {
    cover: { fields: IMAGE_FIELDS },
    gallery: { fields: IMAGE_FIELDS },
    category: { fields: ['name', 'slug'] },
  });
}

// ── Announcements ───────────────────────────────────────────────────────────

export const ANNOUNCEMENT_LIST_FIELDS = ['title', 'slug', 'kind', 'summary', 'pinned', 'publishedAt'];

/**
 * The school's announcements, pinned ones first (a holiday or an enrolment deadline stays on top while
 * it matters), then newest first. Items without a summary bring their body, which the list shortens.
 */
export function listAnnouncements(request: PageRequest = {}): Promise<Page<Announcement>> {
  return findMany<Announcement>(
    UID.announcement,
    'announcements',
    { fields: [...ANNOUNCEMENT_LIST_FIELDS, 'body'], sort: ['pinned:desc', 'publishedAt:desc', 'id:desc'] },
    clampPage(request, 10),
  );
}

/** The `count` newest announcements, pinned first: the compact block of the home page. */
export async function latestAnnouncements(count = 5): Promise<Announcement[]> {
  const page = await findMany<Announcement>(
    UID.announcement,
    'announcements',
    { fields: ANNOUNCEMENT_LIST_FIELDS, sort: ['pinned:desc', 'publishedAt:desc', 'id:desc'] },
    { page: 1, pageSize: Math.max(1, Math.min(count, MAX_PAGE_SIZE)) },
  );
  return page.items;
}

export function getAnnouncement(slug: string | undefined): Promise<Announcement | null> {
  return findBySlug<Announcement>(UID.announcement, 'announcements', slug, { attachments: { fields: FILE_FIELDS } });
}

// ── Directives ──────────────────────────────────────────────────────────────

export function listDirectives(request: PageRequest = {}): Promise<Page<DirectiveRef>> {
  return findMany<DirectiveRef>(UID.directive, 'directives', { fields: DIRECTIVE_REF_FIELDS, sort: ['issuedOn:desc', 'id:desc'] }, clampPage(request, 20));
}

export function getDirective(slug: string | undefined): Promise<Directive | null> {
  // No sort: Strapi keeps relation order, and căn cứ are listed in the order the document itself cites them.
  const ref = { fields: DIRECTIVE_REF_FIELDS };
  return findBySlug<Directive>(UID.directive, 'directives', slug, {
    attachments: { fields: FILE_FIELDS },
    basedOn: ref,
    citedBy: ref,
    supersedes: ref,
    supersededBy: ref,
  });
}

// ── Activities ──────────────────────────────────────────────────────────────

export function listActivities(request: PageRequest = {}): Promise<Page<Activity>> {
  return findMany<Activity>(
    UID.activity,
    'activities',
    {
      fields: ['title', 'slug', 'kind', 'classGroup', 'date', 'location', 'summary'],
      populate: { cover: { fields: IMAGE_FIELDS } },
      sort: ['date:desc', 'id:desc'],
    },
    clampPage(request, 10),
  );
}

export function getActivity(slug: string | undefined): Promise<Activity | null> {
  return findBySlug<Activity>(UID.activity, 'activities', slug, {
    cover: { fields: IMAGE_FIELDS },
    gallery: { fields: IMAGE_FIELDS },
  });
}

// ── Albums (Thư viện ảnh) ───────────────────────────────────────────────────

export function listAlbums(request: PageRequest = {}): Promise<Page<Album>> {
  return findMany<Album>(
    UID.album,
    'albums',
    {
      fields: ['title', 'slug', 'date', 'classGroup', 'description'],
      // The first photos give a cover when none was chosen, and the count says how many there are.
      populate: {
        cover: { fields: IMAGE_FIELDS },
        photos: { fields: IMAGE_FIELDS },
        activity: { fields: ['title', 'slug'], populate: { cover: { fields: IMAGE_FIELDS }, gallery: { fields: IMAGE_FIELDS } } },
      },
      sort: ['date:desc', 'id:desc'],
    },
    clampPage(request, 12),
  );
}

export function getAlbum(slug: string | undefined): Promise<Album | null> {
  return findBySlug<Album>(UID.album, 'albums', slug, {
    cover: { fields: IMAGE_FIELDS },
    photos: { fields: IMAGE_FIELDS },
    activity: { fields: ['title', 'slug'], populate: { cover: { fields: IMAGE_FIELDS }, gallery: { fields: IMAGE_FIELDS } } },
  });
}

// ── School profile ──────────────────────────────────────────────────────────

/** The school profile, or null while it has never been published. */
export async function getSchool(): Promise<School | null> {
  const { status, body } = await cmsGet(UID.school, 'school', {
    populate: {
      leaders: true,
      contactPerson: true,
      organisation: true,
      relatedLinks: true,
      orgChart: { fields: IMAGE_FIELDS },
      logo: { fields: IMAGE_FIELDS },
      photo: { fields: IMAGE_FIELDS },
    },
  });
  if (status === 404) return null;
  if (!isRecord(body) || !(isRecord(body.data) || body.data === null)) throw invalidShape(UID.school, status);
  return (body.data as unknown as School | null) ?? null;
}

// ── Notices ─────────────────────────────────────────────────────────────────

/** How early planned maintenance is announced on every page. */
export const NOTICE_LEAD_MS = 48 * 60 * 60 * 1000;

/**
 * Maintenance/incident notices readers should see now: started or starting within 48 hours,
 * not ended, not resolved.
 */
export async function listActiveNotices(now: Date = new Date()): Promise<Notice[]> {
  const page = await findMany<Notice>(
    UID.notice,
    'notices',
    {
      filters: {
        startsAt: { $lte: new Date(now.getTime() + NOTICE_LEAD_MS).toISOString() },
        resolvedAt: { $null: true },
        $or: [{ endsAt: { $gte: now.toISOString() } }, { endsAt: { $null: true } }],
      },
      populate: { affectedServices: true },
      sort: ['startsAt:asc'],
    },
    { page: 1, pageSize: 10 },
  );
  return page.items;
}

/**
 * The school profile and the active notices as the layout shows them on every page: one CMS read shared
 * by every render until the webhook purges their tag (lib/cms/shared.ts). A page whose own content is the
 * school profile reads getSchool(), so it still answers 503 when the CMS is down and nothing is cached.
 */
export const layoutSchool = sharedValue('school', 10 * 60_000, getSchool);
export const layoutNotices = sharedValue('notice', 60_000, () => listActiveNotices());
/** The newest announcement (pinned first), linked from the menu of every page. */
export const layoutAnnouncement = sharedValue('announcement', 10 * 60_000, async () => (await latestAnnouncements(1))[0] ?? null);

// ── Disclosures and menus ───────────────────────────────────────────────────

export async function listDisclosures(): Promise<Disclosure[]> {
  const all: Disclosure[] = [];
  for (let page = 1; page <= 20; page++) {
    const result = await findMany<Disclosure>(
      UID.disclosure,
      'disclosures',
      { populate: { attachments: { fields: FILE_FIELDS } }, sort: ['schoolYear:desc', 'id:asc'] },
      { page, pageSize: MAX_PAGE_SIZE },
    );
    all.push(...result.items);
    if (page >= result.pagination.pageCount) break;
  }
  return all;
}

/** Every week (its Monday) that has a published menu, oldest first; a year and a half of weeks at most. */
export async function listMenuWeeks(): Promise<string[]> {
  const weeks = new Set<string>();
  for (let page = 1; page <= 3; page++) {
    const result = await findMany<Menu>(UID.menu, 'menus', { fields: ['weekStart'], sort: ['weekStart:desc'] }, { page, pageSize: MAX_PAGE_SIZE });
    for (const menu of result.items) if (typeof menu.weekStart === 'string') weeks.add(menu.weekStart);
    if (page >= result.pagination.pageCount) break;
  }
  return [...weeks].sort();
}

/** The menus of one week (one per age group). */
export async function getMenusOfWeek(weekStart: string): Promise<Menu[]> {
  const page = await findMany<Menu>(
    UID.menu,
    'menus',
    { filters: { weekStart: { $eq: weekStart } }, populate: { days: true }, sort: ['ageGroup:asc'] },
    { page: 1, pageSize: 10 },
  );
  return page.items;
}

// ── Weekly work calendar ────────────────────────────────────────────────────

const WORK_WEEK_QUERY = {
  fields: ['weekStart', 'note', 'updatedAt', 'publishedAt'],
  populate: { entries: true },
  sort: ['weekStart:asc'],
} satisfies Record<string, QueryValue>;

/** The published calendar of the week starting on `monday`, or null when that week has none. */
export async function getWorkWeek(monday: string): Promise<WorkWeek | null> {
  const [week] = await findFirst<WorkWeek>(UID.workWeek, 'work-weeks', { ...WORK_WEEK_QUERY, filters: { weekStart: { $eq: monday } } }, 1);
  return week ?? null;
}

/** The published weeks whose Monday lies between `fromMonday` and `toMonday` (both included), oldest first. */
export async function listWorkWeeks(fromMonday: string, toMonday: string): Promise<WorkWeek[]> {
  const page = await findMany<WorkWeek>(
    UID.workWeek,
    'work-weeks',
    { ...WORK_WEEK_QUERY, filters: { weekStart: { $gte: fromMonday, $lte: toMonday } } },
    { page: 1, pageSize: 60 },
  );
  return page.items;
}

// ── Enrolment seasons ───────────────────────────────────────────────────────

/**
 * Every published season with what /tuyen-sinh shows (a school has one or two a year, so one page
 * holds years of them); which one is current is decided on the site, in Vietnam time
 * (@portal/common/admission), so that the answer moves at midnight without anything being republished.
 */
export async function listAdmissions(): Promise<Admission[]> {
  const page = await findMany<Admission>(
    UID.admission,
    'admissions',
    {
      populate: { ageGroups: true, documents: true, contact: true, planFile: { fields: FILE_FIELDS } },
      sort: ['opensOn:desc', 'id:desc'],
    },
    { page: 1, pageSize: MAX_PAGE_SIZE },
  );
  return page.items;
}

// ── Home page ───────────────────────────────────────────────────────────────

export interface Latest {
  articles: Article[];
  activities: Activity[];
  directives: DirectiveRef[];
}

export async function getLatest(): Promise<Latest> {
  const [articles, activities, directives] = await Promise.all([
    listArticles({ page: 1, pageSize: 5 }),
    listActivities({ page: 1, pageSize: 4 }),
    listDirectives({ page: 1, pageSize: 5 }),
  ]);
  return { articles: articles.items, activities: activities.items, directives: directives.items };
}

// ── Preview of drafts ───────────────────────────────────────────────────────

/** Previewable sections, by key; links name them by their route segment (previewName). */
export type PreviewKind = PreviewableSection['key'];

export interface PreviewRequest {
  type: string;
  id: string;
  exp: string;
  sig: string;
}

export type Preview =
  | { kind: 'article'; doc: Article }
  | { kind: 'announcement'; doc: Announcement }
  | { kind: 'activity'; doc: Activity }
  | { kind: 'directive'; doc: Directive }
  | { kind: 'disclosure'; doc: Disclosure }
  | { kind: 'menu'; doc: Menu }
  | { kind: 'work-week'; doc: WorkWeek }
  | { kind: 'album'; doc: Album }
  | { kind: 'admission'; doc: Admission };

/**
 * A draft, through the signed link the admin made for its author or the Ban giám hiệu. The CMS checks
 * the signature and expiry; a refusal comes back as a CmsError with status 403, a vanished draft as null.
 */
export async function getPreview(request: PreviewRequest): Promise<Preview | null> {
  const previewed = previewSection(request.type);
  if (!previewed) throw new CmsError('preview', 403, 'Liên kết xem trước không hợp lệ.');
  const kind: PreviewKind = previewed.key;
  const { status, body } = await cmsGet('preview', 'preview', { type: request.type, id: request.id, exp: request.exp, sig: request.sig });
  if (status === 404) return null;
  if (!isRecord(body) || !isRecord(body.data)) throw invalidShape('preview', status);
  return { kind, doc: body.data } as Preview;
}
