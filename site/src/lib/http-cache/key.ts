/**
 * The page cache's key: one entry per page, whatever the spelling of its address. Query parameters a page
 * does not read are dropped (tracking tags, a crawler's cache-busting `?v=123`), and a trailing
 * slash is ignored. Imported by the Astro cache provider and by the server's fast path, which must agree.
 *
 * Node runs this file directly from src/server.ts (type stripping): no imports that need a build (the
 * shared package is compiled by prepare).
 */
import { pageQuery } from '@portal/common/sections';

/** Drops trailing slashes ("/a/" is "/a"); "/" stays. */
export function normalizePath(path: string): string {
  if (path.length > 1 && path.charCodeAt(path.length - 1) === 47) {
    const trimmed = path.replace(/\/+$/, '');
    return trimmed || '/';
  }
  return path;
}

/**
 * Key of a request target (path and raw query, as in `IncomingMessage.url` or `URL.pathname + search`).
 * Kept parameters are sorted and re-encoded, so "?page=2&x=1" and "?page=2" share one entry.
 */
export function cacheKey(target: string): string {
  const mark = target.indexOf('?');
  const path = normalizePath(mark === -1 ? target : target.slice(0, mark));
  if (mark === -1) return path;
  const params = pageQuery(path);
  if (params.length === 0) return path;
  const query = new URLSearchParams(target.slice(mark + 1));
  const kept = new URLSearchParams();
  for (const name of params) {
    // Only the first value counts: that is what the pages read (searchParams.get).
    const value = query.get(name);
    if (value !== null) kept.append(name, value);
  }
  const qs = kept.toString();
  return qs ? `${path}?${qs}` : path;
}
