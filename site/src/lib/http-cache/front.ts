/**
 * What the site's HTTP server answers before Astro: unsupported methods, the built static files, the
 * favicon, and pages the cache holds fresh. Each is a map lookup and one write, with bytes, ETag and
 * header list prepared beforehand, so a cached page costs about what a bare node:http server costs.
 * Everything else goes on to the node adapter and Astro (where ./provider.ts handles misses).
 *
 * /favicon.ico is written into dist/client by the build (astro.config.mjs); without it, /favicon.ico
 * redirects to /favicon.svg rather than rendering a 404 page.
 *
 * Node runs this file directly from src/server.ts (type stripping): no imports that need a build.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import path from 'node:path';
import { cachesMayBeBehind } from '../feed-clock.ts';
import { preferredCoding } from './encoding.ts';
import { cacheKey } from './key.ts';
import { type CachedPage, codingFor, makeEntry, matchesIfNoneMatch, notModifiedHeaders, pageStore } from './store.ts';

/** Methods the site answers; everything else (TRACE, PUT, DELETE, PROPFIND…) is refused with 405. */
export const ALLOWED_METHODS = 'GET, HEAD, POST';

const TYPES: Record<string, string> = {
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.webp': 'image/webp',
  '.woff2': 'font/woff2',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
};

/** Files larger than this stay with the adapter's streaming file server. */
const MAX_STATIC_BYTES = 1024 * 1024;
const FOREVER = 'public, max-age=31536000, immutable';
const ONE_DAY = 'public, max-age=86400';

export type SecurityHeaders = readonly (readonly [string, string])[];

function walk(dir: string, prefix = ''): string[] {
  const found: string[] = [];
  for (const item of readdirSync(dir, { withFileTypes: true })) {
    const relative = `${prefix}/${item.name}`;
    if (item.isDirectory()) found.push(...walk(path.join(dir, item.name), relative));
    else if (item.isFile()) found.push(relative);
  }
  return found;
}

function staticEntry(key: string, body: Uint8Array, contentType: string, cacheControl: string, security: SecurityHeaders): Promise<CachedPage> {
  const headers = new Headers();
  for (const [name, value] of security) headers.set(name, value);
  headers.set('content-type', contentType);
  headers.set('cache-control', cacheControl);
  // Never stale: these bytes change only with a new build, that is, a new process.
  return makeEntry(key, { status: 200, headers, body }, [], Number.MAX_SAFE_INTEGER / 2000, 0);
}

export interface Front {
  /** True when the request was answered here. */
  handle(request: IncomingMessage, response: ServerResponse): boolean;
}

function send(entry: CachedPage, request: IncomingMessage, response: ServerResponse): void {
  const coding = codingFor(entry, preferredCoding(request.headers['accept-encoding']));
  const ifNoneMatch = request.headers['if-none-match'];
  if (ifNoneMatch !== undefined && matchesIfNoneMatch(entry, ifNoneMatch)) {
    response.writeHead(304, notModifiedHeaders(entry, coding));
    response.end();
    return;
  }
  response.writeHead(entry.status, entry.raw[coding]);
  if (request.method === 'HEAD') response.end();
  else response.end(entry.bodies[coding] ?? entry.bodies.identity);
}

function refuseMethod(request: IncomingMessage, response: ServerResponse, security: SecurityHeaders): void {
  const status = request.method === 'OPTIONS' ? 204 : 405;
  const body = status === 405 ? `Phương thức ${String(request.method).slice(0, 20)} không được hỗ trợ. Trang chỉ nhận GET, HEAD và POST.\n` : '';
  const headers: string[] = [];
  for (const [name, value] of security) headers.push(name, value);
  headers.push('allow', ALLOWED_METHODS, 'cache-control', 'no-store');
  if (body) headers.push('content-type', 'text/plain; charset=utf-8', 'content-length', String(Buffer.byteLength(body)));
  response.writeHead(status, headers);
  response.end(body);
}

/** Loads dist/client into memory (compressed once) and returns the front handler. */
export async function createFront(clientDir: string, security: SecurityHeaders): Promise<Front> {
  const files = new Map<string, CachedPage>();
  for (const file of walk(clientDir)) {
    const full = path.join(clientDir, file);
    const type = TYPES[path.extname(file).toLowerCase()];
    if (!type || statSync(full).size > MAX_STATIC_BYTES) continue;
    files.set(file, await staticEntry(file, readFileSync(full), type, file.startsWith('/_astro/') ? FOREVER : ONE_DAY, security));
  }
  const redirectIco: string[] = ['location', '/favicon.svg', 'cache-control', ONE_DAY, 'content-length', '0'];
  const store = pageStore();

  return {
    handle(request, response) {
      const method = request.method;
      if (method !== 'GET' && method !== 'HEAD') {
        if (method === 'POST') return false;
        refuseMethod(request, response, security);
        return true;
      }
      const url = request.url ?? '/';
      const file = files.get(url);
      if (file) {
        send(file, request, response);
        return true;
      }
      if (url === '/favicon.ico') {
        response.writeHead(301, redirectIco);
        response.end();
        return true;
      }
      const entry = store.get(cacheKey(url));
      if (!entry || entry.status !== 200) return false;
      const now = Date.now();
      if (!store.isFresh(entry, now) || cachesMayBeBehind(now)) return false;
      entry.lastUsed = now;
      send(entry, request, response);
      return true;
    },
  };
}
