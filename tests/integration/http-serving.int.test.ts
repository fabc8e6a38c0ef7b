import http from 'node:http';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { purgeSiteCache } from '../helpers/purge.ts';
import { testStack } from '../helpers/test-stack.ts';

interface Raw {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

/** node:http, not fetch: fetch decodes bodies and rewrites conditional requests, which are what is tested here. */
function request(path: string, { method = 'GET', headers = {} }: { method?: string; headers?: Record<string, string> } = {}): Promise<Raw> {
  return new Promise((resolve, reject) => {
    const req = http.request(`${testStack().siteUrl}${path}`, { method, headers, agent: false, timeout: 30_000 }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('timeout', () => req.destroy(new Error(`${method} ${path}: hết thời gian chờ`)));
    req.on('error', reject);
    req.end();
  });
}

/** Runs the tasks with `clients` of them in flight at once, like that many browsers or crawler threads. */
async function inParallel<T>(tasks: (() => Promise<T>)[], clients: number): Promise<T[]> {
  const results: T[] = new Array(tasks.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (next < tasks.length) {
        const at = next++;
        results[at] = await (tasks[at] as () => Promise<T>)();
      }
    }),
  );
  return results;
}

async function sitemapPaths(): Promise<string[]> {
  const xml = (await request('/sitemap.xml')).body.toString();
  return [...xml.matchAll(/<loc>([^<]+)<\/loc>/g)].map((m) => new URL(m[1] as string).pathname);
}

describe('a burst of traffic while the CMS is up', () => {
  it('answers every distinct uncached page, HEAD and query-string variant without a single 503', async () => {
    const paths = await sitemapPaths();
    expect(paths.length).toBeGreaterThan(30);
    // Every page uncached: each one shows the layout's tags.
    await purgeSiteCache(['school', 'notice']);
    const tasks: (() => Promise<{ what: string; status: number }>)[] = [];
    const add = (what: string, method: string, path: string) => tasks.push(async () => ({ what, status: (await request(path, { method })).status }));
    paths.forEach((path, i) => {
      add(`GET ${path}?v`, 'GET', `${path}?v=${i}-${Date.now()}`);
      add(`HEAD ${path}`, 'HEAD', path);
      add(`GET ${path}/`, 'GET', path === '/' ? '/?utm_source=zalo' : `${path}/`);
      add(`HEAD ${path}?fbclid`, 'HEAD', `${path}?fbclid=${i}`);
    });
    for (let i = 0; i < 60; i++) add(`GET unknown ${i}`, 'GET', `/tin-tuc/khong-co-bai-nay-${i}-${Date.now()}`);
    for (let i = 1; i <= 30; i++) add(`GET /van-ban?page=${i}`, 'GET', `/van-ban?page=${i}`);
    // Shuffled deterministically, so variants of one page arrive together with other pages.
    const shuffled = tasks.map((task, i) => ({ task, order: (i * 7919) % 1009 })).sort((a, b) => a.order - b.order);
    const results = await inParallel(
      shuffled.map((s) => s.task),
      32,
    );
    const unavailable = results.filter((r) => r.status === 503);
    expect(unavailable.map((r) => r.what)).toEqual([]);
    const unexpected = results.filter((r) => r.status !== 200 && r.status !== 404);
    expect(unexpected).toEqual([]);
    // Each page rendered once now answers all its spellings from the cache.
    for (const path of paths.slice(0, 10)) {
      expect((await request(`${path}?nocache=${Math.random()}`, { method: 'HEAD' })).headers['x-cache'], path).toBe('HIT');
    }
  });

  it('renders a page once for many readers asking at the same moment', async () => {
    await purgeSiteCache(['directive']);
    const answers = await Promise.all(Array.from({ length: 20 }, (_, i) => request(`/van-ban?ref=zalo-${i}`)));
    expect(answers.every((a) => a.status === 200)).toBe(true);
    expect(answers.filter((a) => a.headers['x-cache'] === 'MISS')).toHaveLength(1);
    expect(new Set(answers.map((a) => a.headers.etag)).size).toBe(1);
  });
});

describe('HTTP done right', () => {
  const compressed = ['/van-ban', '/tin-tuc/rss.xml', '/sitemap.xml'];

  for (const path of compressed) {
    it(`sends ${path} in brotli or gzip as asked, each decoding to the plain bytes`, async () => {
      const plain = await request(path);
      expect(plain.status).toBe(200);
      expect(plain.headers['content-encoding']).toBeUndefined();
      expect(plain.headers.vary).toBe('Accept-Encoding');
      const br = await request(path, { headers: { 'Accept-Encoding': 'gzip, deflate, br' } });
      expect(br.headers['content-encoding']).toBe('br');
      expect(brotliDecompressSync(br.body).equals(plain.body)).toBe(true);
      expect(br.body.byteLength).toBeLessThan(plain.body.byteLength / 2);
      const gzip = await request(path, { headers: { 'Accept-Encoding': 'gzip' } });
      expect(gzip.headers['content-encoding']).toBe('gzip');
      expect(gunzipSync(gzip.body).equals(plain.body)).toBe(true);
    });

    it(`answers ${path} with 304 Not Modified for the ETag it sent`, async () => {
      const first = await request(path, { headers: { 'Accept-Encoding': 'br' } });
      const etag = first.headers.etag ?? '';
      expect(etag).toMatch(/^"[\w-]+"$/);
      const again = await request(path, { headers: { 'Accept-Encoding': 'br', 'If-None-Match': etag } });
      expect(again.status).toBe(304);
      expect(again.body.byteLength).toBe(0);
      expect(again.headers.etag).toBe(etag);
      const other = await request(path, { headers: { 'If-None-Match': '"not-this-one"' } });
      expect(other.status).toBe(200);
    });
  }

  it('gives feeds and the sitemap a Cache-Control', async () => {
    for (const path of ['/tin-tuc/rss.xml', '/van-ban/rss.xml', '/hoat-dong/rss.xml', '/sitemap.xml']) {
      expect((await request(path)).headers['cache-control'], path).toMatch(/public, max-age=\d+/);
    }
  });

  it('compresses pages that are never cached, such as search results', async () => {
    const answer = await request('/tim-kiem?q=th%E1%BB%B1c+%C4%91%C6%A1n', { headers: { 'Accept-Encoding': 'br' } });
    expect(answer.status).toBe(200);
    expect(answer.headers['content-encoding']).toBe('br');
    expect(brotliDecompressSync(answer.body).toString()).toContain('<html');
  });

  it('serves the stylesheet compressed and cacheable forever', async () => {
    const html = (await request('/van-ban')).body.toString();
    const css = /href="(\/_astro\/[^"]+\.css)"/.exec(html)?.[1];
    expect(css).toBeTruthy();
    const answer = await request(css as string, { headers: { 'Accept-Encoding': 'gzip' } });
    expect(answer.headers['content-encoding']).toBe('gzip');
    expect(answer.headers['cache-control']).toContain('immutable');
    expect(gunzipSync(answer.body).toString()).toContain('{');
  });

  it('answers HEAD from the cache with the headers a GET gets, and fills the cache on a HEAD miss', async () => {
    await purgeSiteCache(['activity']);
    const miss = await request('/hoat-dong', { method: 'HEAD' });
    expect(miss.status).toBe(200);
    expect(miss.headers['x-cache']).toBe('MISS');
    const get = await request('/hoat-dong');
    expect(get.headers['x-cache']).toBe('HIT');
    const head = await request('/hoat-dong/', { method: 'HEAD' });
    expect(head.headers['x-cache']).toBe('HIT');
    expect(head.body.byteLength).toBe(0);
    expect(head.headers['content-length']).toBe(String(get.body.byteLength));
    expect(head.headers.etag).toBe(get.headers.etag);
  });

  it('refuses TRACE and other unsupported methods with 405 and the methods it allows', async () => {
    for (const method of ['TRACE', 'PUT', 'DELETE', 'PATCH']) {
      const answer = await request('/', { method });
      expect(answer.status, method).toBe(405);
      expect(answer.headers.allow).toBe('GET, HEAD, POST');
      expect(answer.body.toString()).toContain('không được hỗ trợ');
      expect(answer.headers['x-content-type-options']).toBe('nosniff');
    }
  });

  it('serves /favicon.ico as an icon without rendering a page', async () => {
    const answer = await request('/favicon.ico');
    expect(answer.status).toBe(200);
    expect(answer.headers['content-type']).toBe('image/x-icon');
    expect([...answer.body.subarray(0, 4)]).toEqual([0, 0, 1, 0]);
    expect(answer.body.subarray(22, 26).toString('latin1')).toBe('\x89PNG');
    expect(answer.headers['x-cache']).toBe('HIT');
  });
});
