import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { preferredCoding } from '../../site/src/lib/http-cache/encoding.ts';
import { icoFromPng } from '../../site/src/lib/http-cache/favicon.ts';
import { cacheKey } from '../../site/src/lib/http-cache/key.ts';
import { codingFor, makeEntry, matchesIfNoneMatch, notModifiedHeaders, PageStore } from '../../site/src/lib/http-cache/store.ts';

const html = `<!doctype html><html lang="vi"><body>${'<p>Trường Mầm non Hiệp Hòa – tin tức, văn bản, hoạt động.</p>'.repeat(50)}</body></html>`;

function page(key: string, tags: string[], body = html) {
  const headers = new Headers({
    'content-type': 'text/html; charset=utf-8',
    'cache-control': 'public, max-age=0, must-revalidate',
    'cdn-cache-control': 'max-age=300',
    'cache-tag': tags.join(','),
  });
  return makeEntry(key, { status: 200, headers, body: new TextEncoder().encode(body) }, tags, 300, 86_400);
}

describe('the page cache key', () => {
  it('collapses trailing slashes and drops query parameters the page does not read', () => {
    expect(cacheKey('/tin-tuc/')).toBe('/tin-tuc');
    expect(cacheKey('/tin-tuc//')).toBe('/tin-tuc');
    expect(cacheKey('/')).toBe('/');
    expect(cacheKey('/van-ban/quyet-dinh-380?utm_source=zalo&v=123')).toBe('/van-ban/quyet-dinh-380');
    expect(cacheKey('/?fbclid=abc')).toBe('/');
  });

  it('keeps the parameters a list page reads, sorted, first value only', () => {
    expect(cacheKey('/tin-tuc?x=1&page=2')).toBe('/tin-tuc?page=2');
    expect(cacheKey('/tin-tuc/?page=2&page=3')).toBe('/tin-tuc?page=2');
    expect(cacheKey('/van-ban?q=ke+hoach&loai=Quy%E1%BA%BFt+%C4%91%E1%BB%8Bnh&zz=1')).toBe(
      cacheKey('/van-ban?loai=Quy%E1%BA%BFt%20%C4%91%E1%BB%8Bnh&q=ke%20hoach'),
    );
    expect(cacheKey('/thuc-don?tuan=2026-11-30&page=4')).toBe('/thuc-don?tuan=2026-11-30');
    expect(cacheKey('/tin-tuc/chuyen-muc/su-kien?page=3&ref=x')).toBe('/tin-tuc/chuyen-muc/su-kien?page=3');
  });
});

describe('content coding', () => {
  it('prefers brotli, then gzip, and honours q=0', () => {
    expect(preferredCoding('gzip, deflate, br, zstd')).toBe('br');
    expect(preferredCoding('gzip')).toBe('gzip');
    expect(preferredCoding('br;q=0, gzip;q=0.8')).toBe('gzip');
    expect(preferredCoding('gzip;q=0, identity')).toBe('identity');
    expect(preferredCoding(undefined)).toBe('identity');
  });

  it('stores a page once in each coding, every one of which decodes to the same bytes', async () => {
    const entry = await page('/tin-tuc', ['article']);
    expect(brotliDecompressSync(entry.bodies.br as Buffer).toString()).toBe(html);
    expect(gunzipSync(entry.bodies.gzip as Buffer).toString()).toBe(html);
    expect((entry.bodies.br as Buffer).byteLength).toBeLessThan(entry.bodies.identity.byteLength / 4);
    const raw = entry.raw.br;
    expect(raw[raw.indexOf('content-encoding') + 1]).toBe('br');
    expect(raw[raw.indexOf('content-length') + 1]).toBe(String((entry.bodies.br as Buffer).byteLength));
    expect(raw[raw.indexOf('vary') + 1]).toBe('Accept-Encoding');
    // Astro's cache hints never reach readers.
    expect(raw).not.toContain('cdn-cache-control');
    expect(raw).not.toContain('cache-tag');
  });

  it('leaves small and already compressed answers alone', async () => {
    const tiny = await page('/x', [], '<p>ok</p>');
    expect(tiny.bodies.br).toBeNull();
    expect(codingFor(tiny, 'br')).toBe('identity');
    expect(tiny.raw.br).not.toContain('content-encoding');
  });
});

describe('validators', () => {
  it('gives each coding its own strong ETag and answers If-None-Match for any of them', async () => {
    const entry = await page('/van-ban', ['directive']);
    expect(entry.etags.identity).toMatch(/^"[\w-]+"$/);
    expect(new Set(Object.values(entry.etags)).size).toBe(3);
    expect(matchesIfNoneMatch(entry, entry.etags.br)).toBe(true);
    expect(matchesIfNoneMatch(entry, `"other", W/${entry.etags.gzip}`)).toBe(true);
    expect(matchesIfNoneMatch(entry, '*')).toBe(true);
    expect(matchesIfNoneMatch(entry, '"other"')).toBe(false);
    expect(matchesIfNoneMatch(entry, undefined)).toBe(false);
    const same = await page('/van-ban', ['directive']);
    expect(same.etags.identity).toBe(entry.etags.identity);
    const changed = await page('/van-ban', ['directive'], `${html}<!-- sửa -->`);
    expect(changed.etags.identity).not.toBe(entry.etags.identity);
  });

  it('sends a 304 with the validator and the caching rules but no body headers', async () => {
    const entry = await page('/van-ban', ['directive']);
    const headers = notModifiedHeaders(entry, 'br');
    expect(headers).toContain(entry.etags.br);
    expect(headers).toContain('cache-control');
    expect(headers).not.toContain('content-length');
    expect(headers).not.toContain('content-type');
  });
});

describe('the store', () => {
  it('purges by tag and keeps what the purge did not name', async () => {
    const store = new PageStore();
    store.put(await page('/tin-tuc', ['article', 'school']), store.purgeSeq);
    store.put(await page('/van-ban', ['directive', 'school']), store.purgeSeq);
    expect(store.purgeTags(['article'])).toBe(1);
    expect(store.get('/tin-tuc')).toBeUndefined();
    expect(store.get('/van-ban')).toBeDefined();
    store.purgeTags(['school']);
    expect(store.size).toBe(0);
    expect(store.bytes).toBe(0);
  });

  it('refuses a render that started before a purge of its tags, so the purge is not undone', async () => {
    const store = new PageStore();
    const startedAt = store.purgeSeq;
    store.purgeTags(['article']);
    expect(store.put(await page('/tin-tuc', ['article']), startedAt)).toBe(false);
    expect(store.get('/tin-tuc')).toBeUndefined();
    // A purge of other tags does not matter, and a render started after the purge is kept.
    expect(store.put(await page('/van-ban', ['directive']), startedAt)).toBe(true);
    expect(store.put(await page('/tin-tuc', ['article']), store.purgeSeq)).toBe(true);
  });

  it('keeps within its memory budget by dropping the least recently used pages', async () => {
    const before = process.env.PAGE_CACHE_MB;
    process.env.PAGE_CACHE_MB = '0.05';
    try {
      const store = new PageStore();
      for (let i = 0; i < 40; i++) {
        const entry = await page(`/tin-tuc/bai-${i}`, ['article'], `${html}${i}`);
        entry.lastUsed = i;
        store.put(entry, store.purgeSeq);
      }
      expect(store.bytes).toBeLessThanOrEqual(0.05 * 1024 * 1024);
      expect(store.get('/tin-tuc/bai-39')).toBeDefined();
      expect(store.get('/tin-tuc/bai-0')).toBeUndefined();
    } finally {
      if (before === undefined) delete process.env.PAGE_CACHE_MB;
      else process.env.PAGE_CACHE_MB = before;
    }
  });

  it('tells fresh from stale from expired', async () => {
    const store = new PageStore();
    const entry = await page('/', []);
    expect(store.isFresh(entry, entry.storedAt + 299_000)).toBe(true);
    expect(store.isFresh(entry, entry.storedAt + 301_000)).toBe(false);
    expect(store.isServable(entry, entry.storedAt + 301_000)).toBe(true);
    expect(store.isServable(entry, entry.storedAt + 300_000 + 86_401_000)).toBe(false);
  });
});

describe('the favicon', () => {
  it('wraps a PNG in a one-image Windows icon', () => {
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]);
    const ico = icoFromPng(png, 48);
    expect([...ico.subarray(0, 6)]).toEqual([0, 0, 1, 0, 1, 0]);
    expect(ico[6]).toBe(48);
    expect(ico.readUInt32LE(14)).toBe(png.byteLength);
    expect(ico.readUInt32LE(18)).toBe(22);
    expect(ico.subarray(22).equals(png)).toBe(true);
  });
});
