/**
 * Site search: a MiniSearch index of every published article, directive, activity, notice and disclosure,
 * held in this process's memory.
 *
 * Lifecycle: built on the first search; rebuilt on the next search once it is older than
 * SEARCH_INDEX_TTL_MS (default 30 s) or after invalidateSearchIndex() (the CMS webhook calls it through
 * lib/content-events.ts on publish/unpublish). Searches that arrive during a rebuild share it. When the
 * CMS cannot be read, the last index keeps answering; only with no index at all does search fail
 * (with the CmsError, which the page turns into a 503).
 */
import { searchedSections } from '@portal/common/sections';
import { blocksToText } from '../blocks.ts';
import { isCmsError, listSearchSources, ROUTE, type SearchSources } from '../cms/index.ts';
import { subscribeToContentChanges } from '../content-events.ts';
import { fold } from '../text/fold.ts';
import { createEngine, type Engine, MAX_QUERY_LENGTH, queryTerms, runSearch, type SearchDocument, type SearchHit } from './engine.ts';

export * from './engine.ts';
export { excerpt, findMatches, foldWithMap, highlight, markRanges } from './highlight.ts';

const DEFAULT_TTL_MS = 30_000;
/** After a failed rebuild, the old index is served this long before the CMS is asked again. */
const RETRY_AFTER_FAILURE_MS = 5_000;
export const RESULTS_PER_PAGE = 20;

/** Content-type tags (lib/cache-tags.ts) whose changes alter search results. */
const SEARCHED_TAGS = new Set<string>(searchedSections().flatMap((s) => s.tags));

function ttlMs(): number {
  const value = Number(process.env.SEARCH_INDEX_TTL_MS);
  return Number.isFinite(value) && value >= 0 ? value : DEFAULT_TTL_MS;
}

/** Anchor id of a notice on /thong-bao, shared with that page so search links land on the item. */
export function noticeAnchor(documentId: string): string {
  return `thong-bao-${documentId}`;
}

/** Anchor of a disclosure's section on /cong-khai (the ids that page gives its headings). */
function disclosureAnchor(schoolYear: string | null | undefined, section: string | null | undefined): string {
  if (!schoolYear) return '';
  const year = `nam-hoc-${schoolYear}`;
  return section ? `${year}-${fold(section).replace(/[^a-z0-9]+/g, '-')}` : year;
}

export function toSearchDocuments(sources: SearchSources): SearchDocument[] {
  const docs: SearchDocument[] = [];
  for (const a of sources.articles) {
    if (!a.slug) continue;
    docs.push({
      id: `article:${a.documentId}`,
      type: 'article',
      title: a.title ?? '',
      number: '',
      summary: a.summary ?? '',
      body: blocksToText(a.body),
      url: `${ROUTE.article}/${a.slug}`,
      date: a.publishedAt ?? null,
    });
  }
  for (const d of sources.directives) {
    if (!d.slug) continue;
    docs.push({
      id: `directive:${d.documentId}`,
      type: 'directive',
      title: [d.docType, d.number ? `số ${d.number}` : ''].filter(Boolean).join(' '),
      number: d.number ?? '',
      summary: [d.abstract, d.issuer].filter(Boolean).join(' – '),
      body: blocksToText(d.body),
      url: `${ROUTE.directive}/${d.slug}`,
      date: d.issuedOn ?? null,
    });
  }
  for (const a of sources.activities) {
    if (!a.slug) continue;
    docs.push({
      id: `activity:${a.documentId}`,
      type: 'activity',
      title: a.title ?? '',
      number: '',
      summary: a.summary ?? '',
      body: blocksToText(a.body),
      url: `${ROUTE.activity}/${a.slug}`,
      date: a.date ?? null,
    });
  }
  for (const n of sources.notices) {
    docs.push({
      id: `notice:${n.documentId}`,
      type: 'notice',
      title: n.title ?? '',
      number: '',
      summary: n.message ?? '',
      body: '',
      url: `${ROUTE.notice}#${noticeAnchor(n.documentId)}`,
      date: n.startsAt ?? null,
    });
  }
  for (const d of sources.disclosures) {
    const anchor = disclosureAnchor(d.schoolYear, d.section);
    docs.push({
      id: `disclosure:${d.documentId}`,
      type: 'disclosure',
      title: d.title ?? '',
      number: '',
      summary: '',
      body: blocksToText(d.body),
      url: anchor ? `${ROUTE.disclosure}#${anchor}` : ROUTE.disclosure,
      date: d.lastUpdatedAt ?? d.firstPublishedAt ?? null,
    });
  }
  return docs;
}

// ── Index lifecycle ─────────────────────────────────────────────────────────

interface Built {
  engine: Engine;
  builtAt: number;
  /** Value of `generation` when the build started: an invalidation after that makes it stale. */
  generation: number;
}

type Loader = () => Promise<SearchSources>;

let loader: Loader = listSearchSources;
let current: Built | null = null;
let building: { generation: number; promise: Promise<Built> } | null = null;
let generation = 0;
let failedAt = 0;

/** Marks the index stale: the next search rebuilds it from the CMS. */
export function invalidateSearchIndex(): void {
  generation++;
  failedAt = 0;
}

subscribeToContentChanges((tags) => {
  if (tags.some((tag) => SEARCHED_TAGS.has(tag) || tag.startsWith('doc:'))) invalidateSearchIndex();
});

/** For tests: read documents from somewhere other than the CMS, and forget any index. */
export function setSearchSourceLoader(next: Loader | null): void {
  loader = next ?? listSearchSources;
  current = null;
  building = null;
  failedAt = 0;
  generation++;
}

function isFresh(built: Built, now: number): boolean {
  return built.generation === generation && now - built.builtAt < ttlMs();
}

function rebuild(): Promise<Built> {
  if (building && building.generation === generation) return building.promise;
  const startedFor = generation;
  const promise = (async (): Promise<Built> => {
    const sources = await loader();
    const built: Built = { engine: createEngine(toSearchDocuments(sources)), builtAt: Date.now(), generation: startedFor };
    // Two overlapping builds (an invalidation arrived mid-build) may finish in any order: keep the newer.
    if (!current || current.generation <= built.generation) current = built;
    return built;
  })();
  building = { generation: startedFor, promise };
  const clear = (): void => {
    if (building?.promise === promise) building = null;
  };
  promise.then(clear, clear);
  return promise;
}

export interface IndexStatus {
  engine: Engine;
  /** True when the CMS could not be read and an older index answered. */
  stale: boolean;
}

/** The current index, rebuilt first if it is stale. Throws CmsError only when there is no index at all. */
export async function getSearchIndex(): Promise<IndexStatus> {
  const now = Date.now();
  if (current && isFresh(current, now)) return { engine: current.engine, stale: false };
  if (current && failedAt && now - failedAt < RETRY_AFTER_FAILURE_MS) return { engine: current.engine, stale: true };
  try {
    const built = await rebuild();
    failedAt = 0;
    return { engine: built.engine, stale: false };
  } catch (error) {
    if (!isCmsError(error)) throw error;
    failedAt = Date.now();
    if (current) {
      console.error('[search] rebuilding the index failed; serving the previous one: %s', error.message);
      return { engine: current.engine, stale: true };
    }
    throw error;
  }
}

// ── Queries ─────────────────────────────────────────────────────────────────

export type QueryProblem = 'empty' | 'too-long' | null;

/** Why a query cannot be searched, judged before touching the index. */
export function queryProblem(query: string): QueryProblem {
  const trimmed = query.trim();
  if (trimmed.length > MAX_QUERY_LENGTH) return 'too-long';
  if (queryTerms(trimmed).length === 0) return 'empty';
  return null;
}

export interface SearchPage {
  hits: SearchHit[];
  total: number;
  page: number;
  pageCount: number;
  stale: boolean;
}

export async function search(query: string, page = 1): Promise<SearchPage> {
  const { engine, stale } = await getSearchIndex();
  const all = runSearch(engine, query);
  const pageCount = Math.max(1, Math.ceil(all.length / RESULTS_PER_PAGE));
  const start = (page - 1) * RESULTS_PER_PAGE;
  return { hits: all.slice(start, start + RESULTS_PER_PAGE), total: all.length, page, pageCount, stale };
}
