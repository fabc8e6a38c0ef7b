/**
 * Astro cache provider of the site (astro.config.mjs `cache.provider`): the page cache's way in and out
 * of the render pipeline. Fresh entries rarely get here (src/server.ts answers them first); this handles:
 *  - misses: concurrent requests for the same uncached page share one render;
 *  - HEAD: answered from the cache, and a HEAD miss fills it like a GET;
 *  - stale entries: served at once while one background render refreshes them (and kept while the CMS
 *    is down: a failed refresh leaves the stale page in place and retries later);
 *  - answers that are not cached (search, 404, 503, forms): compressed per request;
 *  - purges from the CMS webhook (`Astro.cache.invalidate`, src/pages/api/cache/purge.ts).
 * What is cacheable is what a page said with `Astro.cache.set` (lib/page.ts): Astro turns that into the
 * CDN-Cache-Control and Cache-Tag headers read here.
 */
import type { CacheProvider, CacheProviderFactory } from 'astro';
import { cachesMayBeBehind } from '../feed-clock.ts';
import { type Coding, compressOne, isCompressible, MIN_COMPRESS_BYTES, preferredCoding } from './encoding.ts';
import { cacheKey } from './key.ts';
import { type CachedPage, codingFor, makeEntry, matchesIfNoneMatch, notModifiedHeaders, pageStore } from './store.ts';

type Next = () => Promise<Response>;

const COOKIES = Symbol.for('astro.cookies');
/** After a failed refresh of a stale page (CMS down), how long the stale copy is served before trying again. */
const RETRY_REFRESH_MS = 10_000;
/** A refresh in progress blocks others this long at most, should it never settle. */
const REFRESH_WINDOW_MS = 60_000;

function cacheHint(response: Response): { freshSeconds: number; staleSeconds: number; tags: string[] } | null {
  const control = response.headers.get('cdn-cache-control');
  if (!control || response.status !== 200) return null;
  let freshSeconds = 0;
  let staleSeconds = 0;
  for (const part of control.split(',')) {
    const [name, value] = part.trim().toLowerCase().split('=');
    if (name === 'max-age') freshSeconds = Number.parseInt(value ?? '', 10) || 0;
    if (name === 'stale-while-revalidate') staleSeconds = Number.parseInt(value ?? '', 10) || 0;
  }
  if (freshSeconds <= 0) return null;
  // Answers that set cookies or depend on them are the reader's own.
  if (response.headers.has('set-cookie') || hasAstroCookies(response)) return null;
  if (/(?:^|,)\s*(?:\*|cookie)\s*(?:,|$)/i.test(response.headers.get('vary') ?? '')) return null;
  const tags = (response.headers.get('cache-tag') ?? '')
    .split(',')
    .map((tag) => tag.trim())
    .filter(Boolean);
  return { freshSeconds, staleSeconds, tags };
}

function hasAstroCookies(response: Response): boolean {
  const cookies: unknown = Reflect.get(response, COOKIES);
  if (typeof cookies !== 'object' || cookies === null || !('headers' in cookies) || typeof cookies.headers !== 'function') return false;
  const headers = (cookies.headers as () => Iterator<unknown>).call(cookies);
  return !headers.next().done;
}

/** A new Response keeps what Astro attached to the old one (its cookies, which it sends afterwards). */
function carryOver(from: Response, to: Response): Response {
  for (const symbol of Object.getOwnPropertySymbols(from)) Reflect.set(to, symbol, Reflect.get(from, symbol));
  return to;
}

function fromEntry(entry: CachedPage, request: Request, label: 'HIT' | 'STALE' | 'MISS'): Response {
  const coding = codingFor(entry, preferredCoding(request.headers.get('accept-encoding') ?? undefined));
  if (matchesIfNoneMatch(entry, request.headers.get('if-none-match')))
    return new Response(null, { status: 304, headers: pairs(notModifiedHeaders(entry, coding), label) });
  const body = request.method === 'HEAD' ? null : new Uint8Array(entry.bodies[coding] ?? entry.bodies.identity);
  return new Response(body, { status: entry.status, headers: pairs(entry.raw[coding], label) });
}

function pairs(raw: readonly string[], label: string): Headers {
  const headers = new Headers();
  for (let i = 0; i < raw.length; i += 2) headers.set(raw[i] as string, raw[i + 1] as string);
  headers.set('x-cache', label);
  return headers;
}

/** Compresses an answer made for this request only, when the client and the content type allow it. */
async function compressLive(request: Request, response: Response): Promise<Response> {
  if (request.method === 'HEAD' || !response.body || response.status === 204 || response.status === 304) return response;
  if (response.headers.has('content-encoding') || !isCompressible(response.headers.get('content-type'))) return response;
  const headers = new Headers(response.headers);
  headers.append('vary', 'Accept-Encoding');
  const body = new Uint8Array(await response.arrayBuffer());
  const coding: Coding = body.byteLength >= MIN_COMPRESS_BYTES ? preferredCoding(request.headers.get('accept-encoding') ?? undefined) : 'identity';
  headers.delete('content-length');
  if (coding === 'identity') return carryOver(response, new Response(body, { status: response.status, statusText: response.statusText, headers }));
  headers.set('content-encoding', coding);
  const coded = await compressOne(body, coding);
  return carryOver(response, new Response(new Uint8Array(coded), { status: response.status, statusText: response.statusText, headers }));
}

/** Stores a cacheable answer; null when the answer is not cacheable (it is then returned untouched). */
async function store(key: string, response: Response, startedAt: number): Promise<CachedPage | null> {
  const hint = cacheHint(response);
  if (!hint) return null;
  const body = new Uint8Array(await response.arrayBuffer());
  const entry = await makeEntry(key, { status: response.status, headers: response.headers, body }, hint.tags, hint.freshSeconds, hint.staleSeconds);
  pageStore().put(entry, startedAt);
  return entry;
}

const pageCacheProvider: CacheProviderFactory = () => {
  /** Renders under way, by key: a request arriving meanwhile waits for that render instead of starting one. */
  const rendering = new Map<string, Promise<CachedPage | null>>();

  function refresh(key: string, entry: CachedPage, next: Next): void {
    const now = Date.now();
    if (entry.revalidateAfter > now) return;
    entry.revalidateAfter = now + REFRESH_WINDOW_MS;
    const startedAt = pageStore().purgeSeq;
    next()
      .then(async (response) => {
        if (await store(key, response, startedAt)) return;
        // The page is gone for good: stop serving the old copy. Anything else (the CMS down) keeps it.
        if (response.status === 404 || response.status === 410) pageStore().purgeKey(key);
        else entry.revalidateAfter = Date.now() + RETRY_REFRESH_MS;
      })
      .catch((error: unknown) => {
        entry.revalidateAfter = Date.now() + RETRY_REFRESH_MS;
        console.error('[page-cache] refreshing %s failed:', key, error);
      });
  }

  async function render(key: string, request: Request, next: Next): Promise<Response> {
    const startedAt = pageStore().purgeSeq;
    let settle: (entry: CachedPage | null) => void = () => {};
    rendering.set(
      key,
      new Promise((resolve) => {
        settle = resolve;
      }),
    );
    let entry: CachedPage | null = null;
    try {
      const response = await next();
      entry = await store(key, response, startedAt);
      if (!entry) return await compressLive(request, response);
      // A purge during the render means it may show old content: answer this request, share it with nobody.
      if (pageStore().get(key) !== entry) {
        const own = entry;
        entry = null;
        return fromEntry(own, request, 'MISS');
      }
      return fromEntry(entry, request, 'MISS');
    } finally {
      rendering.delete(key);
      settle(entry);
    }
  }

  const provider: CacheProvider = {
    name: 'portal-page-cache',
    async onRequest({ request, url }, next) {
      if (request.method !== 'GET' && request.method !== 'HEAD') return compressLive(request, await next());
      const key = cacheKey(url.pathname + url.search);
      const store = pageStore();
      const now = Date.now();
      const entry = store.get(key);
      if (entry && store.isServable(entry, now) && !cachesMayBeBehind(now)) {
        entry.lastUsed = now;
        if (store.isFresh(entry, now)) return fromEntry(entry, request, 'HIT');
        refresh(key, entry, next);
        return fromEntry(entry, request, 'STALE');
      }
      const pending = rendering.get(key);
      if (pending) {
        const shared = await pending;
        if (shared) return fromEntry(shared, request, 'HIT');
        // Not cacheable (a 404, a 503): this request's own answer, which may differ.
      }
      return render(key, request, next);
    },
    async invalidate(options) {
      const store = pageStore();
      if (options.tags) store.purgeTags(Array.isArray(options.tags) ? options.tags : [options.tags]);
      if (options.path) store.purgeKey(cacheKey(options.path));
    },
  };
  return provider;
};

export default pageCacheProvider;
