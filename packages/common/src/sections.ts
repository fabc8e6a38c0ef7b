/**
 * The section registry: every content type of the portal and every public page, defined once.
 *
 * Adding a section is: one entry in SECTIONS (and its page in PAGES if it has one), its schema
 * (cms/src/api/<key>/: schema.json, the source of truth for its fields, with Strapi's generated
 * controller/service/router files, and the Vietnamese labels of those fields in
 * cms/src/admin-labels/labels.ts, which the compiler asks for by key), and its pages (site/src/pages).
 * Nothing else lists content types, UIDs, routes or cache tags. What each consumer takes from here:
 *  - CMS workflow (cms/src/workflow): the reviewed types (`reviewed`), the type names written in audit
 *    entries, e-mails and the admin widgets (`label`), the public URL of an item (`route`, `detailPages`);
 *  - CMS roles (cms/src/access/roles.ts): who writes which type (`editedBy`); the site token's types
 *    (cms/src/access/public-types.ts): `public`, `kind`;
 *  - CMS cache purge (cms/src/cache/purge-webhook.ts, media take-down): the tags purged when a type
 *    changes (`tags`) and whether it has drafts (`draftAndPublish`);
 *  - CMS validation (cms/src/validation): the field an empty slug is made from (`slugFrom`);
 *  - CMS preview (cms/src/preview) and the site's /xem-truoc: `previewable`; a link names the type by its
 *    route segment (previewName), as links always did;
 *  - admin panel (cms/src/admin): UIDs of the "Gửi bài" page and of the widgets' permissions;
 *  - the seeder (scripts/seed.ts): which types it marks approved (`reviewed`), and every UID;
 *  - the site: the CMS client's UIDs and section routes (`uid`, `route`), names in readers' error
 *    messages (`readingLabel`), search types, labels and links (`searched`, `searchLabel`, `route`), RSS
 *    feeds (`feed`), and from PAGES the main menu (`menuLabel`), the sitemap (`inSitemap`) and the
 *    route-cache tags of every page (`shows`, with LAYOUT_SHOWS on all pages).
 *
 * Keys are ASCII and the same everywhere (CMS, site, search index, cache tags); routes are Vietnamese.
 * Pure data, no Node APIs: the admin panel (browser) and the site import it too.
 */

export type SectionKey =
  | 'article'
  | 'announcement'
  | 'category'
  | 'directive'
  | 'activity'
  | 'album'
  | 'notice'
  | 'disclosure'
  | 'menu'
  | 'work-week'
  | 'admission'
  | 'school'
  | 'submission'
  | 'faq'
  | 'question'
  | 'audit-entry'
  | 'publication-schedule'
  | 'delivery'
  | 'disclosure-reminder'
  | 'change'
  | 'revision';

/** Who writes a type in the admin (DESIGN's roles table). */
export type Editors =
  /** Staff draft their own items, the Ban giám hiệu reviews and publishes. */
  | 'staff'
  /** Only the Ban giám hiệu writes; everyone else reads. */
  | 'leadership'
  /** The Tổ CNTT writes (maintenance and incident notices). */
  | 'it'
  /** Rules of their own in cms/src/access/roles.ts (submissions, the audit log). */
  | 'special';

export interface SectionDefinition {
  key: SectionKey;
  uid: `api::${string}.${string}`;
  kind: 'collection' | 'single';
  /** Name of the type in the admin, audit entries and e-mails. */
  label: string;
  /** The same in a sentence of a reader-facing error ("Không tải được …"). */
  readingLabel?: string;
  /** Main public page, if any. */
  route?: `/${string}`;
  /** Items have their own page at `${route}/${slug}`. */
  detailPages?: boolean;
  /** Route-cache tags to purge when a document of this type is published, unpublished or deleted. */
  tags: readonly string[];
  /** Goes through review (Nháp → Chờ duyệt → … → Đã duyệt) and has a `reviewState` field. */
  reviewed: boolean;
  /** Readable by the site's read-only token. */
  public: boolean;
  /** Has drafts (Strapi's draft & publish). */
  draftAndPublish: boolean;
  editedBy: Editors;
  /** Found by the site's search. */
  searched: boolean;
  /** Name of the type on search results, when shorter than `label`. */
  searchLabel?: string;
  /** Drafts can be previewed on the site through a signed link. */
  previewable: boolean;
  /** RSS feed of the section at `${route}/rss.xml`. */
  feed?: { title: string; description: string };
  /** Field the slug is made from when left empty. */
  slugFrom?: string;
}

export const SECTIONS = [
  {
    key: 'article',
    uid: 'api::article.article',
    kind: 'collection',
    label: 'Tin tức – Sự kiện',
    readingLabel: 'tin tức',
    route: '/tin-tuc',
    detailPages: true,
    tags: ['article'],
    reviewed: true,
    public: true,
    draftAndPublish: true,
    editedBy: 'staff',
    searched: true,
    previewable: true,
    feed: { title: 'Tin tức – Sự kiện', description: 'Tin tức, sự kiện mới của nhà trường.' },
    slugFrom: 'title',
  },
  {
    key: 'announcement',
    uid: 'api::announcement.announcement',
    kind: 'collection',
    label: 'Thông báo',
    readingLabel: 'thông báo',
    route: '/thong-bao',
    detailPages: true,
    tags: ['announcement'],
    reviewed: true,
    public: true,
    draftAndPublish: true,
    editedBy: 'staff',
    searched: true,
    previewable: true,
    feed: { title: 'Thông báo', description: 'Thông báo của nhà trường gửi cha mẹ trẻ: tuyển sinh, nghỉ lễ, họp phụ huynh, tiêm chủng.' },
    slugFrom: 'title',
  },
  {
    key: 'category',
    uid: 'api::category.category',
    kind: 'collection',
    label: 'Chuyên mục',
    readingLabel: 'chuyên mục',
    // Article pages show their category's name.
    tags: ['category', 'article'],
    reviewed: false,
    public: true,
    draftAndPublish: false,
    editedBy: 'leadership',
    searched: false,
    previewable: false,
    slugFrom: 'name',
  },
  {
    key: 'directive',
    uid: 'api::directive.directive',
    kind: 'collection',
    label: 'Văn bản',
    readingLabel: 'văn bản',
    route: '/van-ban',
    detailPages: true,
    tags: ['directive'],
    reviewed: true,
    public: true,
    draftAndPublish: true,
    editedBy: 'leadership',
    searched: true,
    previewable: true,
    feed: { title: 'Văn bản', description: 'Văn bản chỉ đạo, điều hành và văn bản pháp luật mới đăng.' },
  },
  {
    key: 'activity',
    uid: 'api::activity.activity',
    kind: 'collection',
    label: 'Hoạt động – Phong trào',
    readingLabel: 'hoạt động – phong trào',
    route: '/hoat-dong',
    detailPages: true,
    tags: ['activity'],
    reviewed: true,
    public: true,
    draftAndPublish: true,
    editedBy: 'staff',
    searched: true,
    previewable: true,
    feed: { title: 'Hoạt động – Phong trào', description: 'Hoạt động, phong trào, sự kiện của các nhóm, lớp.' },
    slugFrom: 'title',
  },
  {
    // Thư viện ảnh: an album of its own photos, or of an activity's gallery (its `activity`, when it has none).
    key: 'album',
    uid: 'api::album.album',
    kind: 'collection',
    label: 'Thư viện ảnh',
    readingLabel: 'thư viện ảnh',
    route: '/thu-vien-anh',
    detailPages: true,
    tags: ['album'],
    reviewed: true,
    public: true,
    draftAndPublish: true,
    editedBy: 'staff',
    searched: true,
    searchLabel: 'Album ảnh',
    previewable: true,
    slugFrom: 'title',
  },
  {
    key: 'notice',
    uid: 'api::notice.notice',
    kind: 'collection',
    label: 'Thông báo bảo trì – sự cố',
    readingLabel: 'thông báo bảo trì – sự cố',
    // The IT log belongs with the status page; /thong-bao is the school's announcements.
    route: '/trang-thai/bao-tri',
    tags: ['notice'],
    reviewed: false,
    public: true,
    draftAndPublish: true,
    editedBy: 'it',
    searched: true,
    searchLabel: 'Bảo trì – sự cố',
    previewable: false,
  },
  {
    key: 'disclosure',
    uid: 'api::disclosure.disclosure',
    kind: 'collection',
    label: 'Công khai',
    readingLabel: 'nội dung công khai',
    route: '/cong-khai',
    tags: ['disclosure'],
    reviewed: true,
    public: true,
    draftAndPublish: true,
    editedBy: 'leadership',
    searched: true,
    previewable: true,
    slugFrom: 'title',
  },
  {
    key: 'menu',
    uid: 'api::menu.menu',
    kind: 'collection',
    label: 'Thực đơn tuần',
    readingLabel: 'thực đơn',
    route: '/thuc-don',
    tags: ['menu'],
    reviewed: true,
    public: true,
    draftAndPublish: true,
    editedBy: 'staff',
    // Each week's menu is found by its dishes and links to that week on /thuc-don.
    searched: true,
    searchLabel: 'Thực đơn',
    previewable: true,
  },
  {
    // One document per week, written by the Ban giám hiệu alone; reviewed like the other leadership types
    // (directives, disclosures), so every save and publication is in the audit log and a week can be
    // scheduled.
    key: 'work-week',
    uid: 'api::work-week.work-week',
    kind: 'collection',
    label: 'Lịch công tác tuần',
    readingLabel: 'lịch công tác',
    route: '/lich-cong-tac',
    tags: ['work-week'],
    reviewed: true,
    public: true,
    draftAndPublish: true,
    editedBy: 'leadership',
    searched: true,
    searchLabel: 'Lịch công tác',
    previewable: true,
  },
  {
    // One document per enrolment season (a school year, or a supplementary round): past seasons stay as
    // the school's record, and next year's plan can be drafted and reviewed while this year's is open.
    key: 'admission',
    uid: 'api::admission.admission',
    kind: 'collection',
    label: 'Tuyển sinh',
    readingLabel: 'thông tin tuyển sinh',
    route: '/tuyen-sinh',
    tags: ['admission'],
    reviewed: true,
    public: true,
    draftAndPublish: true,
    // An official plan approved by the Phòng GD&ĐT, like disclosures: the Ban giám hiệu writes it.
    editedBy: 'leadership',
    searched: true,
    previewable: true,
  },
  {
    key: 'school',
    uid: 'api::school.school',
    kind: 'single',
    label: 'Thông tin nhà trường',
    readingLabel: 'thông tin nhà trường',
    route: '/gioi-thieu',
    tags: ['school'],
    reviewed: false,
    public: true,
    draftAndPublish: true,
    editedBy: 'leadership',
    searched: false,
    previewable: false,
  },
  {
    key: 'submission',
    uid: 'api::submission.submission',
    kind: 'collection',
    label: 'Thông tin gửi BGH',
    tags: [],
    reviewed: false,
    public: false,
    draftAndPublish: false,
    editedBy: 'special',
    searched: false,
    previewable: false,
  },
  {
    // The public side of "Hỏi đáp – Góp ý": only the question's public wording, its topic, the answer and
    // dates, copied by the CMS from a question whose asker consented (cms/src/api/question/question-rules.ts).
    // Written by nobody through an API: no name or contact can ever be typed into it.
    key: 'faq',
    uid: 'api::faq.faq',
    kind: 'collection',
    label: 'Hỏi đáp',
    readingLabel: 'hỏi đáp',
    route: '/hoi-dap',
    tags: ['faq'],
    reviewed: false,
    public: true,
    draftAndPublish: false,
    editedBy: 'special',
    searched: true,
    previewable: false,
  },
  {
    // A parent's question or feedback with their name and contact: read and answered by the Ban giám hiệu
    // only, never by the site's token, staff or the Tổ CNTT.
    key: 'question',
    uid: 'api::question.question',
    kind: 'collection',
    label: 'Câu hỏi – góp ý của cha mẹ',
    tags: [],
    reviewed: false,
    public: false,
    draftAndPublish: false,
    editedBy: 'special',
    searched: false,
    previewable: false,
  },
  {
    key: 'audit-entry',
    uid: 'api::audit-entry.audit-entry',
    kind: 'collection',
    label: 'Nhật ký',
    tags: [],
    reviewed: false,
    public: false,
    draftAndPublish: false,
    editedBy: 'special',
    searched: false,
    previewable: false,
  },
  {
    // Scheduled publishing (cms/src/workflow/schedule.ts): written only by the workflow, never through an API.
    key: 'publication-schedule',
    uid: 'api::publication-schedule.publication-schedule',
    kind: 'collection',
    label: 'Lịch đăng',
    tags: [],
    reviewed: false,
    public: false,
    draftAndPublish: false,
    editedBy: 'special',
    searched: false,
    previewable: false,
  },
  {
    // The delivery outbox of purges and e-mails (cms/src/cache/outbox.ts): written only by the CMS itself.
    key: 'delivery',
    uid: 'api::delivery.delivery',
    kind: 'collection',
    label: 'Hàng đợi gửi',
    tags: [],
    reviewed: false,
    public: false,
    draftAndPublish: false,
    editedBy: 'special',
    searched: false,
    previewable: false,
  },
  {
    // The disclosure reminders sent to the Ban giám hiệu (cms/src/workflow/disclosure-reminders.ts), one row per
    // duty and reminder, unique by key: written only by the CMS itself, with the e-mail, in one transaction.
    key: 'disclosure-reminder',
    uid: 'api::disclosure-reminder.disclosure-reminder',
    kind: 'collection',
    label: 'Thư nhắc công khai đã gửi',
    tags: [],
    reviewed: false,
    public: false,
    draftAndPublish: false,
    editedBy: 'special',
    searched: false,
    previewable: false,
  },
  {
    // The change sequence (cms/src/cache/changes.ts): one row per purge, read by every site process so one
    // that missed a webhook catches up; written only by the CMS itself, read only with the site's token.
    key: 'change',
    uid: 'api::change.change',
    kind: 'collection',
    label: 'Dãy thay đổi cho trang công khai',
    tags: [],
    reviewed: false,
    public: false,
    draftAndPublish: false,
    editedBy: 'special',
    searched: false,
    previewable: false,
  },
  {
    // Every saved version of a reviewed item (cms/src/workflow/revisions.ts), read through the workflow's API.
    key: 'revision',
    uid: 'api::revision.revision',
    kind: 'collection',
    label: 'Phiên bản nội dung',
    tags: [],
    reviewed: false,
    public: false,
    draftAndPublish: false,
    editedBy: 'special',
    searched: false,
    previewable: false,
  },
] as const satisfies readonly SectionDefinition[];

export type Section = (typeof SECTIONS)[number];
export type SectionUid = Section['uid'];
type Flag = 'reviewed' | 'public' | 'searched' | 'previewable' | 'draftAndPublish';
type WithFlag<F extends Flag> = Extract<Section, Record<F, true>>;

export type ReviewedUid = WithFlag<'reviewed'>['uid'];
export type PublicUid = WithFlag<'public'>['uid'];
export type PreviewableSection = WithFlag<'previewable'>;

const bySection = new Map<string, Section>(SECTIONS.map((section) => [section.key, section]));
const byUid = new Map<string, Section>(SECTIONS.map((section) => [section.uid, section]));

export function section<K extends SectionKey>(key: K): Extract<Section, { key: K }> {
  return bySection.get(key) as Extract<Section, { key: K }>;
}

export const sectionByKey = (key: string): Section | undefined => bySection.get(key);
export const sectionByUid = (uid: string): Section | undefined => byUid.get(uid);

/** The UID of a section, typed as its literal. */
export type UidOf<K extends SectionKey> = Extract<Section, { key: K }>['uid'];
export const uidOf = <K extends SectionKey>(key: K): UidOf<K> => (bySection.get(key) as Section).uid as UidOf<K>;

function withFlag<F extends Flag>(flag: F): WithFlag<F>[] {
  return SECTIONS.filter((s): s is WithFlag<F> => s[flag] === true);
}

export const reviewedUids = (): ReviewedUid[] => withFlag('reviewed').map((s) => s.uid);
export const isReviewedUid = (uid: string): uid is ReviewedUid => sectionByUid(uid)?.reviewed === true;
export const publicUids = (kind?: 'collection' | 'single'): PublicUid[] =>
  withFlag('public')
    .filter((s) => !kind || s.kind === kind)
    .map((s) => s.uid);
export const searchedSections = (): WithFlag<'searched'>[] => withFlag('searched');
export type SearchedKey = WithFlag<'searched'>['key'];
/** Name of a searched type on the results page. */
export const searchLabel = (s: WithFlag<'searched'>): string => ('searchLabel' in s ? s.searchLabel : s.label);
export const previewableSections = (): PreviewableSection[] => withFlag('previewable');
export const uidsEditedBy = (editors: Editors): SectionUid[] => SECTIONS.filter((s) => s.editedBy === editors).map((s) => s.uid);
export const feedSections = (): Extract<Section, { feed: object }>[] => SECTIONS.filter((s): s is Extract<Section, { feed: object }> => 'feed' in s);

/** Name of the type for audit entries, e-mails and admin lists; the UID itself for anything unknown. */
export const typeLabel = (uid: string): string => sectionByUid(uid)?.label ?? uid;

/**
 * Name a previewable type travels under in a preview link: its route segment ("tin-tuc"), as links
 * made before the registry did.
 */
export const previewName = (s: PreviewableSection): string => s.route.slice(1);
export const previewSection = (name: string): PreviewableSection | undefined => previewableSections().find((s) => previewName(s) === name);

/** Public page of one item, as a site path ("/tin-tuc/le-khai-giang"), or of its section. */
export function publicPath(uid: string, slug?: string | null): string | null {
  const found = sectionByUid(uid);
  if (!found || !('route' in found)) return null;
  if ('detailPages' in found && found.detailPages) return slug ? `${found.route}/${encodeURIComponent(slug)}` : null;
  return found.route;
}

// ── Public pages ─────────────────────────────────────────────────────────────

export interface PageDefinition {
  path: `/${string}`;
  /** Entry of the main menu. */
  menuLabel?: string;
  inSitemap: boolean;
  /** Sections whose content the page (and the pages under it) shows: their tags tag its route cache. */
  shows: readonly SectionKey[];
  /**
   * Query parameters the page reads (paging, filters). Every other parameter (tracking tags, a crawler's
   * `?v=123`) is dropped from the page cache's key, so it cannot make the site render the page again.
   */
  query?: readonly string[];
  /** The same for the pages one folder below ("chuyen-muc" → /tin-tuc/chuyen-muc/<slug>). */
  childQuery?: Readonly<Record<string, readonly string[]>>;
}

/** Every page of the site that exists whatever the content, in menu and sitemap order. */
export const PAGES: readonly PageDefinition[] = [
  {
    path: '/',
    menuLabel: 'Trang chủ',
    inSitemap: true,
    shows: ['article', 'announcement', 'activity', 'directive', 'menu', 'work-week', 'notice', 'school', 'admission'],
  },
  { path: '/thong-bao', menuLabel: 'Thông báo', inSitemap: true, shows: ['announcement'], query: ['page'] },
  { path: '/thuc-don', menuLabel: 'Thực đơn', inSitemap: true, shows: ['menu'], query: ['tuan'] },
  // Not in the menu bar (a tenth entry wraps it onto a second row at 1366 px): the home page shows the season
  // while it is open, and the footer links here.
  { path: '/tuyen-sinh', inSitemap: true, shows: ['admission'] },
  {
    path: '/tin-tuc',
    menuLabel: 'Tin tức – Sự kiện',
    inSitemap: true,
    shows: ['article', 'category'],
    query: ['page'],
    childQuery: { 'chuyen-muc': ['page'] },
  },
  { path: '/hoat-dong', menuLabel: 'Hoạt động – Phong trào', inSitemap: true, shows: ['activity'], query: ['page'] },
  // An album may show its activity's photos: a change there changes the album's pages.
  { path: '/thu-vien-anh', inSitemap: true, shows: ['album', 'activity'], query: ['page'] },
  { path: '/van-ban', menuLabel: 'Văn bản', inSitemap: true, shows: ['directive'], query: ['co-quan', 'hieu-luc', 'loai', 'nam', 'page', 'q'] },
  { path: '/cong-khai', menuLabel: 'Công khai', inSitemap: true, shows: ['disclosure'] },
  // The feed (lich.ics) sits under the page and carries the same tag. Not in the main menu: a tenth entry
  // no longer fits the menu bar's one row at 1366 px; the home page's block and the footer link it.
  { path: '/lich-cong-tac', inSitemap: true, shows: ['work-week'], query: ['tuan'] },
  { path: '/gioi-thieu', menuLabel: 'Giới thiệu', inSitemap: true, shows: ['school'] },
  // Not in the menu bar (a tenth entry no longer fits one row on a laptop): linked from /lien-he instead.
  { path: '/hoi-dap', inSitemap: true, shows: ['faq'], query: ['q'] },
  { path: '/lien-he', menuLabel: 'Liên hệ', inSitemap: true, shows: ['school'] },
  { path: '/en', inSitemap: true, shows: ['school'] },
  // Before its parent: pageForPath takes the first page a path falls under.
  { path: '/trang-thai/bao-tri', inSitemap: true, shows: ['notice'] },
  { path: '/trang-thai', inSitemap: true, shows: [] },
];

/**
 * Sections every page shows through the layout: the school's name, the notice banner and the newest
 * announcement in the menu (announcements are few, so purging every page with them costs little).
 */
export const LAYOUT_SHOWS: readonly SectionKey[] = ['school', 'notice', 'announcement'];

export const navigation = (): { href: string; label: string }[] =>
  PAGES.flatMap((page) => (page.menuLabel ? [{ href: page.path, label: page.menuLabel }] : []));
export const sitemapPaths = (): string[] => PAGES.filter((page) => page.inSitemap).map((page) => page.path);

/** The page definition a path belongs to ("/tin-tuc/abc" → "/tin-tuc"), or undefined. */
export function pageForPath(path: string): PageDefinition | undefined {
  const clean = path.replace(/\/+$/, '') || '/';
  if (clean === '/') return PAGES[0];
  return PAGES.find((page) => page.path !== '/' && (clean === page.path || clean.startsWith(`${page.path}/`)));
}

/** Query parameters a page reads (PageDefinition.query); none for any other path. */
export function pageQuery(path: string): readonly string[] {
  const exact = PAGES.find((page) => page.path === path);
  if (exact) return exact.query ?? [];
  for (const page of PAGES) {
    if (!page.childQuery || !path.startsWith(`${page.path}/`)) continue;
    const [child, slug, ...rest] = path.slice(page.path.length + 1).split('/');
    const params = child ? page.childQuery[child] : undefined;
    if (params && slug && rest.length === 0) return params;
  }
  return [];
}

/** The section whose main route a path is under ("/van-ban/so-12" → directive). */
export function sectionForPath(path: string): Section | undefined {
  const clean = path.replace(/\/+$/, '');
  return SECTIONS.find((s) => 'route' in s && (clean === s.route || clean.startsWith(`${s.route}/`)));
}

/** Route-cache tags of the sections a page shows (not the layout's): a section's tag is its key. */
export function pageTags(path: string): string[] {
  return [...(pageForPath(path)?.shows ?? [])];
}
