/**
 * The page cache: finished answers (pages, feeds, the sitemap) kept in this process with their brotli and
 * gzip bytes and strong ETags, purged by the tags the CMS's webhook names.
 *
 * Two readers share one store: the Astro cache provider (./provider.ts, bundled into dist/server) and the
 * server's fast path (src/server.ts, run from source). Bundling makes two copies of this module, so the
 * store itself lives on globalThis under a registered symbol; both copies find the same one.
 *
 * Node runs this file directly from src/server.ts (type stripping): no imports that need a build.
 */
import { createHash } from 'node:crypto';
import { type Coding, compressBoth, isCompressible, MIN_COMPRESS_BYTES } from './encoding.ts';

export interface CachedPage {
  key: string;
  status: number;
  /** Headers as rendered, minus those the cache sets itself (length, coding, ETag, Vary). */
  headers: readonly (readonly [string, string])[];
  tags: readonly string[];
  storedAt: number;
  /** Served as fresh until storedAt + freshMs, then stale (served while re-rendered) until + staleMs. */
  freshMs: number;
  staleMs: number;
  bodies: Record<Coding, Buffer | null> & { identity: Buffer };
  etags: Record<Coding, string>;
  /** Complete header lists for writeHead, per coding (HIT), built once at store time. */
  raw: Record<Coding, string[]>;
  bytes: number;
  lastUsed: number;
  /** A re-render of this stale entry is under way, or failed recently: do not start another before. */
  revalidateAfter: number;
}

/** Headers the cache decides itself; Astro's cache hints never reach readers. */
const OWN_HEADERS = new Set(['content-length', 'content-encoding', 'etag', 'vary', 'cdn-cache-control', 'cache-tag', 'x-astro-cache', 'x-cache', 'set-cookie']);

const DEFAULT_BUDGET_MB = 32;

function budgetBytes(): number {
  const mb = Number(process.env.PAGE_CACHE_MB);
  return (Number.isFinite(mb) && mb > 0 ? mb : DEFAULT_BUDGET_MB) * 1024 * 1024;
}

export interface Rendered {
  status: number;
  headers: Headers;
  body: Uint8Array;
}

/** Builds an entry: hashes and compresses once, so serving it costs nothing but the write. */
export async function makeEntry(key: string, rendered: Rendered, tags: readonly string[], freshSeconds: number, staleSeconds: number): Promise<CachedPage> {
  const headers: [string, string][] = [];
  rendered.headers.forEach((value, name) => {
    if (!OWN_HEADERS.has(name.toLowerCase())) headers.push([name.toLowerCase(), value]);
  });
  const identity = Buffer.from(rendered.body.buffer, rendered.body.byteOffset, rendered.body.byteLength);
  const compress = isCompressible(rendered.headers.get('content-type')) && identity.byteLength >= MIN_COMPRESS_BYTES;
  const coded = compress ? await compressBoth(identity, 'store') : null;
  const hash = createHash('sha256').update(identity).digest('base64url').slice(0, 27);
  const etags: Record<Coding, string> = { identity: `"${hash}"`, br: `"${hash}-br"`, gzip: `"${hash}-gz"` };
  const bodies = { identity, br: coded?.br ?? null, gzip: coded?.gzip ?? null };
  const raw = {} as Record<Coding, string[]>;
  for (const coding of ['identity', 'br', 'gzip'] as const) {
    const body = bodies[coding] ?? identity;
    const list: string[] = [];
    for (const [name, value] of headers) list.push(name, value);
    list.push('content-length', String(body.byteLength), 'etag', bodies[coding] ? etags[coding] : etags.identity, 'x-cache', 'HIT');
    if (coded) list.push('vary', 'Accept-Encoding');
    if (coding !== 'identity' && bodies[coding]) list.push('content-encoding', coding);
    raw[coding] = list;
  }
  const now = Date.now();
  return {
    key,
    status: rendered.status,
    headers,
    tags,
    storedAt: now,
    freshMs: freshSeconds * 1000,
    staleMs: staleSeconds * 1000,
    bodies,
    etags,
    raw,
    bytes: identity.byteLength + (coded ? coded.br.byteLength + coded.gzip.byteLength : 0) + key.length * 2 + 512,
    lastUsed: now,
    revalidateAfter: 0,
  };
}

/** The coding an entry is sent in, given what the client prefers and what the entry has. */
export function codingFor(entry: CachedPage, preferred: Coding): Coding {
  return entry.bodies[preferred] ? preferred : 'identity';
}

/**
 * True when If-None-Match names this entry in any coding (a client that got brotli yesterday and gzip
 * today still has the same page): RFC 9110's weak comparison, which GET and HEAD use.
 */
export function matchesIfNoneMatch(entry: CachedPage, header: string | null | undefined): boolean {
  if (!header) return false;
  if (header.trim() === '*') return true;
  for (const part of header.split(',')) {
    const tag = part.trim().replace(/^W\//, '');
    if (tag === entry.etags.identity || tag === entry.etags.br || tag === entry.etags.gzip) return true;
  }
  return false;
}

/**
 * Headers of a 304: the validator, the caching rules and the security headers a 200 would carry (a 304
 * updates the stored response's headers), but nothing that describes a body.
 */
export function notModifiedHeaders(entry: CachedPage, coding: Coding): string[] {
  const list = ['etag', entry.bodies[coding] ? entry.etags[coding] : entry.etags.identity, 'x-cache', 'HIT'];
  for (const [name, value] of entry.headers) if (name !== 'content-type') list.push(name, value);
  if (entry.bodies.br) list.push('vary', 'Accept-Encoding');
  return list;
}

export class PageStore {
  readonly #entries = new Map<string, CachedPage>();
  #bytes = 0;
  /** Counts purges; a render that started before a purge of its tags must not be stored afterwards. */
  #purgeSeq = 0;
  readonly #recentPurges: { seq: number; tags: Set<string> | null; path?: string }[] = [];

  get size(): number {
    return this.#entries.size;
  }

  get bytes(): number {
    return this.#bytes;
  }

  get purgeSeq(): number {
    return this.#purgeSeq;
  }

  get(key: string): CachedPage | undefined {
    return this.#entries.get(key);
  }

  /** Fresh: served without asking Astro. */
  isFresh(entry: CachedPage, now: number): boolean {
    return now - entry.storedAt <= entry.freshMs;
  }

  /** Still allowed to be served (fresh, or stale within the stale window). */
  isServable(entry: CachedPage, now: number): boolean {
    return now - entry.storedAt <= entry.freshMs + entry.staleMs;
  }

  /**
   * Stores an entry unless a purge since `startedAt` (a purgeSeq value) named one of its tags or its path:
   * then the render saw content that has changed since, and caching it would undo the purge.
   */
  put(entry: CachedPage, startedAt: number): boolean {
    for (const purge of this.#recentPurges) {
      if (purge.seq <= startedAt) continue;
      if (purge.tags === null || purge.path === entry.key || entry.tags.some((tag) => purge.tags?.has(tag))) return false;
    }
    const previous = this.#entries.get(entry.key);
    if (previous) this.#bytes -= previous.bytes;
    this.#entries.set(entry.key, entry);
    this.#bytes += entry.bytes;
    if (this.#bytes > budgetBytes()) this.#evict();
    return true;
  }

  purgeTags(tags: readonly string[]): number {
    const wanted = new Set(tags);
    this.#remember({ seq: ++this.#purgeSeq, tags: wanted });
    let removed = 0;
    for (const [key, entry] of this.#entries) {
      if (entry.tags.some((tag) => wanted.has(tag))) {
        this.#delete(key, entry);
        removed++;
      }
    }
    return removed;
  }

  purgeKey(key: string): boolean {
    this.#remember({ seq: ++this.#purgeSeq, tags: new Set(), path: key });
    const entry = this.#entries.get(key);
    if (!entry) return false;
    this.#delete(key, entry);
    return true;
  }

  clear(): void {
    this.#remember({ seq: ++this.#purgeSeq, tags: null });
    this.#entries.clear();
    this.#bytes = 0;
  }

  #remember(purge: { seq: number; tags: Set<string> | null; path?: string }): void {
    this.#recentPurges.push(purge);
    // Renders last seconds at most; a few hundred purges cover far more than that.
    if (this.#recentPurges.length > 500) this.#recentPurges.splice(0, 250);
  }

  #delete(key: string, entry: CachedPage): void {
    this.#entries.delete(key);
    this.#bytes -= entry.bytes;
  }

  /** Drops the least recently used entries until a tenth of the budget is free again. */
  #evict(): void {
    const target = budgetBytes() * 0.9;
    const byAge = [...this.#entries.values()].sort((a, b) => a.lastUsed - b.lastUsed);
    for (const entry of byAge) {
      if (this.#bytes <= target) break;
      this.#delete(entry.key, entry);
    }
  }
}

const STORE = Symbol.for('portal.page-cache.store');

/** The process's one store (see the module comment for why it lives on globalThis). */
export function pageStore(): PageStore {
  const holder = globalThis as { [STORE]?: PageStore };
  holder[STORE] ??= new PageStore();
  return holder[STORE];
}
