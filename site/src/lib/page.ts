/**
 * Request-level glue between pages and the CMS client: loads the page's data together with the
 * layout's own data (school profile, active notices, the latest announcement) and sets the HTTP status the outcome calls for.
 *
 * Page frontmatter runs before Astro starts streaming, so this is the last place a status code or
 * header can still be set; components further down must not decide them.
 */

import { CACHE_MAX_AGE, CACHE_STALE_SECONDS, tagsForPage } from './cache-tags.ts';
import { type Announcement, isCmsError, layoutAnnouncement, layoutNotices, layoutSchool, type Notice, type School } from './cms/index.ts';

export interface Chrome {
  /** Null when the CMS could not be read: the layout then falls back to built-in text. */
  school: School | null;
  notices: Notice[];
  /** The newest announcement, one tap away in the phone menu; null when there is none or the CMS is down. */
  latestAnnouncement?: Announcement | null;
}

export type PageState = 'ok' | 'not-found' | 'unavailable';

export interface Loaded<T> {
  state: PageState;
  data: T | undefined;
  chrome: Chrome;
}

/** Returned by a loader when the requested thing does not exist: the page answers 404. */
export const NOT_FOUND: unique symbol = Symbol('not-found');

/** Seconds a reader (or a crawler) is asked to wait before retrying a 503. */
export const RETRY_AFTER_SECONDS = 60;

interface AstroLike {
  response: { status?: number; statusText?: string; headers: Headers };
  url?: URL;
  cache?: { enabled?: boolean; set(options: { maxAge: number; swr: number; tags: string[] }): void };
}

/**
 * Only complete pages are cached: a 404 or 503 must not outlive the problem, and a page the CMS
 * rendered before an outage keeps being served during it (stale-while-revalidate).
 */
function cachePage(astro: AstroLike, documentId: string | null, freshSeconds: number): void {
  if (!astro.cache?.enabled || !astro.url) return;
  astro.cache.set({
    maxAge: Math.max(1, Math.min(CACHE_MAX_AGE, Math.floor(freshSeconds))),
    swr: CACHE_STALE_SECONDS,
    tags: tagsForPage(astro.url.pathname, documentId),
  });
  // Browsers and an nginx in front revalidate every time; purging happens here, in the site process.
  astro.response.headers.set('Cache-Control', 'public, max-age=0, must-revalidate');
}

async function settle<T>(promise: Promise<T>, fallback: T, what: string): Promise<T> {
  try {
    return await promise;
  } catch (error) {
    // The layout's data is decoration: a page whose own content loaded must still render.
    if (!isCmsError(error)) console.error('[page] %s failed:', what, error);
    return fallback;
  }
}

export async function loadChrome(): Promise<Chrome> {
  const [school, notices, latestAnnouncement] = await Promise.all([
    settle(layoutSchool(), null, 'school profile'),
    settle(layoutNotices(), [] as Notice[], 'notices'),
    settle(layoutAnnouncement(), null, 'latest announcement'),
  ]);
  return { school, notices, latestAnnouncement };
}

export function markNotFound(astro: AstroLike): void {
  astro.response.status = 404;
  astro.response.statusText = 'Not Found';
}

export function markUnavailable(astro: AstroLike): void {
  astro.response.status = 503;
  astro.response.statusText = 'Service Unavailable';
  astro.response.headers.set('Retry-After', String(RETRY_AFTER_SECONDS));
  astro.response.headers.set('Cache-Control', 'no-store');
}

export interface PageOptions {
  /**
   * How long the rendered page may be served as fresh at most, in seconds (CACHE_MAX_AGE otherwise):
   * a page that says what day it is must not stay fresh past midnight.
   */
  freshSeconds?: number;
}

export async function loadPage<T>(astro: AstroLike, loader: () => Promise<T | typeof NOT_FOUND>, options: PageOptions = {}): Promise<Loaded<T>> {
  const chromePromise = loadChrome();
  let state: PageState = 'ok';
  let data: T | undefined;
  try {
    const result = await loader();
    if (result === NOT_FOUND) state = 'not-found';
    else data = result;
  } catch (error) {
    // Anything but a CMS failure is a bug of ours: let Astro answer 500 (src/pages/500.astro) rather than
    // disguise it as a temporary outage.
    if (!isCmsError(error)) throw error;
    state = 'unavailable';
  }
  const chrome = await chromePromise;
  if (state === 'not-found') markNotFound(astro);
  if (state === 'unavailable') markUnavailable(astro);
  if (state === 'ok') {
    const documentId = typeof data === 'object' && data !== null && 'documentId' in data ? String((data as { documentId: unknown }).documentId) : null;
    cachePage(astro, documentId, options.freshSeconds ?? CACHE_MAX_AGE);
  }
  return { state, data, chrome };
}

/**
 * Reads ?page=N. Absent means 1; anything that is not a positive integer is an invalid address (null → 404).
 */
export function parsePageParam(url: URL): number | null {
  const raw = url.searchParams.get('page');
  if (raw === null) return 1;
  if (!/^[1-9][0-9]{0,4}$/.test(raw)) return null;
  return Number(raw);
}

export { absoluteUrl } from './config.ts';

/** Used only when the school profile cannot be read; every other mention of the name comes from the CMS. */
export const SCHOOL_NAME_FALLBACK = 'Trường Mầm non Hiệp Hòa';

export function schoolName(chrome: Chrome): string {
  return chrome.school?.name || SCHOOL_NAME_FALLBACK;
}
