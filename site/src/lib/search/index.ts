/**
 * Site search: an index of every published document of the registry's searched sections (articles,
 * directives, activities, albums, work-calendar weeks, notices, disclosures, menus, questions, enrolment
 * seasons), held in this process's memory and kept on disk (SEARCH_INDEX_FILE).
 *
 * Lifecycle:
 *  - start (first search, or startSearchIndex()): load the file; if there is none (or it is corrupt or
 *    of an older version), read every searched document from the CMS once (a "full read");
 *  - the CMS webhook (lib/content-events.ts) names the changed documents (`doc:<documentId>` tags): only
 *    those are fetched and added, replaced or removed (not published any more). A search waits for the
 *    updates already announced, so it sees what was just published;
 *  - reconciliation, at start after loading the file and then every SEARCH_RECONCILE_MS (default five
 *    minutes), lists only documentId + updatedAt of each section and fetches what changed or appeared:
 *    it covers webhooks that never arrived (the site was down, or the CMS gave up);
 *  - every change is written back to the file shortly after (debounced, atomically).
 * When the CMS cannot be read, the index keeps answering (marked stale); only with no index at all does
 * search fail (with the CmsError, which the page turns into a 503).
 */
import { searchedSections } from '@portal/common/sections';
import { getSearchSources, isCmsError, listSearchStamps, type SearchStamp, searchSectionPages } from '../cms/index.ts';
import { getConfig } from '../config.ts';
import { subscribeToContentChanges } from '../content-events.ts';
import { searchId, toSearchDocument } from './documents.ts';
import { MAX_QUERY_LENGTH, queryTerms, type SearchDocument, SearchEngine, type SearchHit, type SearchType, searchPage } from './engine.ts';
import { loadEngine, saveEngine } from './persist.ts';
import { warmUp } from './warm-up.ts';

export { menuWeekUrl, noticeAnchor, toSearchDocument, toSearchDocuments } from './documents.ts';
export * from './engine.ts';
export { excerpt, findMatches, foldWithMap, highlight, markRanges } from './highlight.ts';

export const RESULTS_PER_PAGE = 20;
const DEFAULT_RECONCILE_MS = 5 * 60_000;
/** After a failed CMS read, the index is served (stale) this long before the CMS is asked again. */
const RETRY_AFTER_FAILURE_MS = 5_000;
/** Changes are written to disk this long after the last one, so a burst of publishes writes once. */
// The file only spares a restart the full read; what it misses is caught up by the reconciliation at
// start. So a burst of publications is written once, not once each.
const SAVE_DELAY_MS = 10_000;

const SEARCHED_TYPES: SearchType[] = searchedSections().map((s) => s.key);
/** Content-type tags (lib/cache-tags.ts) → the searched types they may concern. */
const TYPES_BY_TAG = new Map<string, SearchType[]>();
for (const s of searchedSections()) for (const tag of s.tags) TYPES_BY_TAG.set(tag, [...(TYPES_BY_TAG.get(tag) ?? []), s.key]);

function reconcileMs(): number {
  const value = Number(process.env.SEARCH_RECONCILE_MS);
  // 0 reconciles on every search (tests); unset or garbage means the default.
  return process.env.SEARCH_RECONCILE_MS && Number.isFinite(value) && value >= 0 ? value : DEFAULT_RECONCILE_MS;
}

/** Where the index's documents come from: the CMS, or a test's own documents. */
export interface SearchSource {
  /** Every published searched document, in batches: the full read, done only when there is no usable index file. */
  listAll(): AsyncIterable<SearchDocument[]>;
  /** documentId and updatedAt of every published document of one type. */
  listStamps(type: SearchType): Promise<SearchStamp[]>;
  /** The published documents among these ids of one type; an id that is not published is left out. */
  fetch(type: SearchType, documentIds: string[]): Promise<SearchDocument[]>;
}

const cmsSource: SearchSource = {
  async *listAll() {
    for (const type of SEARCHED_TYPES) {
      for await (const records of searchSectionPages(type)) yield records.flatMap((record) => toSearchDocument(type, record as never) ?? []);
    }
  },
  listStamps: (type) => listSearchStamps(type),
  fetch: async (type, ids) => (await getSearchSources(type, ids)).flatMap((record) => toSearchDocument(type, record as never) ?? []),
};

/** What the index has done since the process started: tests and the bench read it. */
export interface SearchIndexStats {
  /** Reads of every document from the CMS (no usable file at start). */
  fullReads: number;
  /** Times the index was loaded from its file. */
  loadedFromFile: number;
  /** Reconciliations of one type against the CMS's documentId + updatedAt list. */
  reconciliations: number;
  /** Documents fetched one by one (by webhook or reconciliation). */
  fetchedDocuments: number;
  /** Writes of the index file. */
  saves: number;
}

const emptyStats = (): SearchIndexStats => ({ fullReads: 0, loadedFromFile: 0, reconciliations: 0, fetchedDocuments: 0, saves: 0 });

interface State {
  source: SearchSource;
  /** Index file; null keeps the index in memory only. */
  file: string | null;
  engine: SearchEngine | null;
  starting: Promise<SearchEngine> | null;
  /** documentId → types it may be, from webhooks not yet applied. */
  pendingIds: Map<string, Set<SearchType>>;
  /** Types to reconcile (a webhook named the type but no documents, or reconciliation is due). */
  pendingTypes: Set<SearchType>;
  /** The running drain of webhook updates; searches wait for it. */
  updating: Promise<void> | null;
  /** The running reconciliation; searches do not wait for it. */
  reconciling: Promise<void> | null;
  lastReconcileAt: number;
  failedAt: number;
  saveTimer: ReturnType<typeof setTimeout> | null;
  saving: Promise<void> | null;
  stats: SearchIndexStats;
}

function initialState(source: SearchSource, file: string | null): State {
  return {
    source,
    file,
    engine: null,
    starting: null,
    pendingIds: new Map(),
    pendingTypes: new Set(),
    updating: null,
    reconciling: null,
    lastReconcileAt: 0,
    failedAt: 0,
    saveTimer: null,
    saving: null,
    stats: emptyStats(),
  };
}

let state = initialState(cmsSource, getConfig().searchIndexFile || null);

export function searchIndexStats(): SearchIndexStats {
  return { ...state.stats };
}

/**
 * For tests: documents from somewhere other than the CMS and another index file (null: none); forgets the
 * index, the statistics and any pending work.
 */
export function setSearchSource(source: SearchSource | null, file: string | null = null): void {
  if (state.saveTimer) clearTimeout(state.saveTimer);
  state = initialState(source ?? cmsSource, source ? file : getConfig().searchIndexFile || null);
}

// ── Start ───────────────────────────────────────────────────────────────────

/** The warm-up searches (warm-up.ts), in the background: the index answers meanwhile. */
function startWarmUp(engine: SearchEngine): void {
  const started = Date.now();
  warmUp(engine, RESULTS_PER_PAGE).then(
    (hits) => console.log('[search] warmed up in %d ms (%d hits shown)', Date.now() - started, hits),
    (error: unknown) => console.error('[search] the warm-up searches failed:', error),
  );
}

/** Loads or builds the index now rather than on the first search (the server may call it at start). */
export function startSearchIndex(): Promise<SearchEngine> {
  if (state.engine) return Promise.resolve(state.engine);
  if (state.starting) return state.starting;
  const current = state;
  const starting = (async (): Promise<SearchEngine> => {
    const started = Date.now();
    const loaded = current.file ? await loadEngine(current.file) : null;
    if (loaded) {
      current.stats.loadedFromFile++;
      console.log('[search] loaded %d documents from %s in %d ms', loaded.size, current.file, Date.now() - started);
      current.engine = loaded;
      startWarmUp(loaded);
      // Whatever changed while this process was not running: compared by updatedAt, in the background.
      for (const type of SEARCHED_TYPES) current.pendingTypes.add(type);
      kickReconcile(current);
      if (current.pendingIds.size > 0) kickUpdates(current);
      return loaded;
    }
    const engine = new SearchEngine();
    for await (const batch of current.source.listAll()) for (const doc of batch) if (!engine.get(doc.id)) engine.upsert(doc);
    // Trims the posting lists' spare capacity (they grow by doubling while the read appends).
    engine.compact();
    current.stats.fullReads++;
    console.log('[search] full read of the CMS: %d documents indexed in %d ms', engine.size, Date.now() - started);
    current.engine = engine;
    startWarmUp(engine);
    current.lastReconcileAt = Date.now();
    // A full read is what the file is there to spare: written at once.
    void save(current);
    if (current.pendingIds.size > 0) kickUpdates(current);
    return engine;
  })();
  current.starting = starting;
  const clear = (): void => {
    if (current.starting === starting) current.starting = null;
  };
  starting.then(clear, clear);
  return starting;
}

// ── Webhook updates ─────────────────────────────────────────────────────────

/** What a purge's tags ask of the index: documents to refresh (with their possible types), types to reconcile. */
export function readTags(tags: readonly string[]): { ids: Map<string, Set<SearchType>>; types: Set<SearchType> } {
  const types = new Set<SearchType>();
  for (const tag of tags) for (const type of TYPES_BY_TAG.get(tag) ?? []) types.add(type);
  const ids = new Map<string, Set<SearchType>>();
  for (const tag of tags) if (tag.startsWith('doc:') && tag.length > 4) ids.set(tag.slice(4), new Set(types));
  return { ids, types };
}

subscribeToContentChanges((tags) => {
  const current = state;
  // Before the index is first wanted there is nothing to update: starting reads or reconciles everything.
  // While it starts, changes are kept and applied after (a page already read may have changed since).
  if (!current.engine && !current.starting) return;
  const { ids, types } = readTags(tags);
  for (const [id, idTypes] of ids) {
    const wanted = current.pendingIds.get(id) ?? new Set<SearchType>();
    for (const type of idTypes) wanted.add(type);
    current.pendingIds.set(id, wanted);
  }
  // A purge of a searched type without document ids (too many to list): compare that type in full.
  if (ids.size === 0 && types.size > 0) {
    for (const type of types) current.pendingTypes.add(type);
    kickReconcile(current);
  }
  if (ids.size > 0 && current.engine) kickUpdates(current);
});

function kickUpdates(current: State): Promise<void> {
  if (current.updating) return current.updating;
  const updating = drainUpdates(current).finally(() => {
    if (current.updating === updating) current.updating = null;
  });
  current.updating = updating;
  return updating;
}

/** Applies pending webhook ids until none are left; on a CMS failure keeps them for the next try. */
async function drainUpdates(current: State): Promise<void> {
  while (current.engine && current.pendingIds.size > 0) {
    const engine = current.engine;
    const batch = new Map(current.pendingIds);
    current.pendingIds.clear();
    const byType = new Map<SearchType, string[]>();
    for (const [id, types] of batch) {
      // The type the index already has it under counts too: an unpublish's tags name it, but be sure.
      for (const type of SEARCHED_TYPES) if (engine.get(searchId(type, id))) types.add(type);
      for (const type of types) byType.set(type, [...(byType.get(type) ?? []), id]);
    }
    try {
      for (const [type, ids] of byType) await refresh(current, engine, type, ids);
      current.failedAt = 0;
    } catch (error) {
      if (!isCmsError(error)) throw error;
      for (const [id, types] of batch) current.pendingIds.set(id, new Set([...types, ...(current.pendingIds.get(id) ?? [])]));
      current.failedAt = Date.now();
      console.error('[search] updating %d documents failed; serving the index as it is: %s', batch.size, error.message);
      return;
    }
  }
}

/** Fetches these documents of one type and adds, replaces or removes each as the CMS has it now. */
async function refresh(current: State, engine: SearchEngine, type: SearchType, ids: string[]): Promise<void> {
  const found = await current.source.fetch(type, ids);
  current.stats.fetchedDocuments += ids.length;
  const present = new Set<string>();
  for (const doc of found) {
    engine.upsert(doc);
    present.add(doc.id);
  }
  for (const id of ids) {
    const key = searchId(type, id);
    if (!present.has(key)) engine.remove(key);
  }
  settle(engine);
  scheduleSave(current);
}

/**
 * Drops replaced and removed documents from the posting lists after each batch of changes. Scores use
 * document frequencies, which count dead postings until then: compacting at once makes an index's
 * answers depend only on the documents it holds, never on its history (a restarted site answers exactly
 * like the one that kept running). A batch is one publish or one reconciliation, so this is rare.
 */
function settle(engine: SearchEngine): void {
  if (engine.deadCount > 0) engine.compact();
}

// ── Reconciliation ──────────────────────────────────────────────────────────

function kickReconcile(current: State): void {
  if (current.reconciling || current.pendingTypes.size === 0) return;
  const reconciling = reconcile(current).finally(() => {
    if (current.reconciling === reconciling) current.reconciling = null;
  });
  current.reconciling = reconciling;
}

async function reconcile(current: State): Promise<void> {
  while (current.engine && current.pendingTypes.size > 0) {
    const engine = current.engine;
    const type = current.pendingTypes.values().next().value;
    if (!type) return;
    current.pendingTypes.delete(type);
    try {
      await reconcileType(current, engine, type);
      current.stats.reconciliations++;
      current.failedAt = 0;
    } catch (error) {
      if (!isCmsError(error)) throw error;
      current.pendingTypes.add(type);
      current.failedAt = Date.now();
      console.error('[search] reconciling %s failed; will retry: %s', type, error.message);
      return;
    }
  }
  current.lastReconcileAt = Date.now();
}

async function reconcileType(current: State, engine: SearchEngine, type: SearchType): Promise<void> {
  const stamps = await current.source.listStamps(type);
  const listed = new Set<string>();
  const changed: string[] = [];
  for (const { documentId, updatedAt } of stamps) {
    const id = searchId(type, documentId);
    listed.add(id);
    const known = engine.get(id);
    if (!known || known.stamp !== updatedAt) changed.push(documentId);
  }
  let removed = 0;
  const gone = [...engine.documents()].filter((doc) => doc.type === type && !listed.has(doc.id));
  for (const doc of gone) if (engine.remove(doc.id)) removed++;
  if (removed > 0) {
    settle(engine);
    scheduleSave(current);
  }
  if (changed.length > 0) await refresh(current, engine, type, changed);
  if (removed + changed.length > 0) console.log('[search] reconciled %s: %d changed or new, %d removed', type, changed.length, removed);
}

// ── Saving ──────────────────────────────────────────────────────────────────

function scheduleSave(current: State): void {
  if (!current.file || current.saveTimer) return;
  current.saveTimer = setTimeout(() => {
    current.saveTimer = null;
    void save(current);
  }, SAVE_DELAY_MS);
  // A pending write must not keep a stopping process alive.
  current.saveTimer.unref?.();
}

function save(current: State): Promise<void> {
  const previous = current.saving ?? Promise.resolve();
  const saving = previous.then(async () => {
    if (!current.engine || !current.file) return;
    try {
      await saveEngine(current.engine, current.file);
      current.stats.saves++;
    } catch (error) {
      console.error('[search] writing the index to %s failed: %s', current.file, error instanceof Error ? error.message : String(error));
    }
  });
  current.saving = saving;
  return saving;
}

/** Applies what is pending and writes the file now (tests; a server stopping cleanly). */
export async function flushSearchIndex(): Promise<void> {
  const current = state;
  if (current.updating) await current.updating;
  if (current.reconciling) await current.reconciling;
  if (current.saveTimer) {
    clearTimeout(current.saveTimer);
    current.saveTimer = null;
  }
  await save(current);
}

// ── The index for a search ──────────────────────────────────────────────────

export interface IndexStatus {
  engine: SearchEngine;
  /** True when the CMS could not be read and the index may miss recent changes. */
  stale: boolean;
}

/** The index, with the updates webhooks announced applied. Throws CmsError only when there is no index at all. */
export async function getSearchIndex(): Promise<IndexStatus> {
  const current = state;
  const engine = current.engine ?? (await startSearchIndex());
  const now = Date.now();
  const retry = !current.failedAt || now - current.failedAt >= RETRY_AFTER_FAILURE_MS;
  if (current.pendingIds.size > 0 && !current.updating && retry) kickUpdates(current);
  if (current.updating) await current.updating;
  if (!current.reconciling && retry && now - current.lastReconcileAt >= reconcileMs()) {
    for (const type of SEARCHED_TYPES) current.pendingTypes.add(type);
  }
  if (retry) kickReconcile(current);
  return { engine, stale: current.failedAt > 0 };
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
  const { hits, total } = searchPage(engine, query, (page - 1) * RESULTS_PER_PAGE, RESULTS_PER_PAGE);
  const pageCount = Math.max(1, Math.ceil(total / RESULTS_PER_PAGE));
  return { hits, total, page, pageCount, stale };
}
