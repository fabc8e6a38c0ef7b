import { type ChildProcess, spawn } from 'node:child_process';
import http from 'node:http';
import path from 'node:path';
import { signedHeaders } from '@portal/common/signed-request';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureEnvFiles } from '../../scripts/lib/env-file.ts';
import { AdminSession } from '../helpers/admin.ts';
import { createDraft, uploadPhoto } from '../helpers/fixtures.ts';
import { freePort, testStack } from '../helpers/test-stack.ts';
import { waitFor } from '../helpers/wait.ts';

const CM = '/content-manager/collection-types/api::article.article';
let leader: AdminSession;
let coverId: number;

const get = async (url: string) => {
  const response = await fetch(url, { signal: AbortSignal.timeout(10_000) });
  return { status: response.status, headers: response.headers, html: await response.text() };
};

/** Time until the page satisfies the predicate, polling; fails after ten seconds. */
async function msUntil(url: string, predicate: (html: string) => boolean): Promise<number> {
  const started = Date.now();
  while (Date.now() - started < 10_000) {
    if (predicate((await get(url)).html)) return Date.now() - started;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`Trang ${url} không đổi sau 10 giây`);
}

beforeAll(async () => {
  leader = await AdminSession.login('hieutruong@mnhiephoa.test');
  coverId = (await uploadPhoto(leader, { name: 'anh-cache.png', alt: 'Ảnh minh họa màu cam', color: '#e67e22', width: 32, height: 32 })).id;
});

describe('instant publishing with a route cache', () => {
  it('serves a list page from the cache the second time', async () => {
    const url = `${testStack().siteUrl}/tin-tuc`;
    await get(url);
    const second = await get(url);
    expect(second.status).toBe(200);
    expect(second.headers.get('x-cache')).toBe('HIT');
    expect(second.headers.get('cache-control')).toContain('must-revalidate');
  });

  it('shows a published article within two seconds, and removes it within two seconds of unpublishing', async () => {
    const title = `Tin nóng hổi ${Date.now()}`;
    const { documentId } = await createDraft(leader, coverId, { title, summary: 'Kiểm tra đăng ngay.', text: 'Nội dung.' });
    const list = `${testStack().siteUrl}/tin-tuc`;
    expect((await get(list)).html).not.toContain(title);
    expect((await get(list)).headers.get('x-cache')).toBe('HIT');

    expect((await leader.request('POST', `${CM}/${documentId}/actions/publish`, {})).status).toBe(200);
    expect(await msUntil(list, (html) => html.includes(title))).toBeLessThan(2_000);

    expect((await leader.request('POST', `${CM}/${documentId}/actions/unpublish`, {})).status).toBe(200);
    expect(await msUntil(list, (html) => !html.includes(title))).toBeLessThan(2_000);
  });
});

describe('the purge webhook', () => {
  const url = () => `${testStack().siteUrl}/api/cache/purge`;
  const body = JSON.stringify({ tags: ['article'] });

  it('refuses unsigned, wrongly signed and old requests with 401', async () => {
    const secret = ensureEnvFiles().site.WEBHOOK_SECRET!;
    const attempts = [{ 'Content-Type': 'application/json' }, signedHeaders('x'.repeat(40), body), signedHeaders(secret, body, Date.now() - 3_600_000)];
    for (const headers of attempts) {
      const response = await fetch(url(), { method: 'POST', headers, body });
      expect(response.status).toBe(401);
      expect(((await response.json()) as { error: string }).error).toMatch(/chữ ký|quá hạn/i);
    }
  });

  it('purges the tags of a correctly signed request, and rejects malformed tags and change numbers', async () => {
    const secret = ensureEnvFiles().site.WEBHOOK_SECRET!;
    const ok = await fetch(url(), { method: 'POST', headers: signedHeaders(secret, body), body });
    expect(ok.status).toBe(200);
    expect((await get(`${testStack().siteUrl}/tin-tuc`)).headers.get('x-cache')).toBe('MISS');
    const bad = JSON.stringify({ tags: ['<script>'] });
    expect((await fetch(url(), { method: 'POST', headers: signedHeaders(secret, bad), body: bad })).status).toBe(400);
    // The change's number in the CMS's change sequence, when given, is a positive whole number.
    for (const seq of [-1, 1.5, '7']) {
      const wrong = JSON.stringify({ tags: ['article'], seq });
      const answer = await fetch(url(), { method: 'POST', headers: signedHeaders(secret, wrong), body: wrong });
      expect(answer.status).toBe(400);
      expect(((await answer.json()) as { error: string }).error).toBe('Số thứ tự thay đổi không hợp lệ.');
    }
    const numbered = JSON.stringify({ tags: ['article'], seq: 1 });
    expect((await fetch(url(), { method: 'POST', headers: signedHeaders(secret, numbered), body: numbered })).status).toBe(200);
  });
});

describe('when the CMS is down', () => {
  let proxy: http.Server;
  let site: ChildProcess;
  let siteUrl = '';

  beforeAll(async () => {
    // A second site process reads the CMS through a proxy the test can switch off.
    const cms = new URL(testStack().cmsUrl);
    proxy = http.createServer((request, response) => {
      const upstream = http.request({ host: cms.hostname, port: cms.port, path: request.url, method: request.method, headers: request.headers }, (answer) => {
        response.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(response);
      });
      upstream.on('error', () => response.destroy());
      request.pipe(upstream);
    });
    const proxyPort = await freePort();
    await new Promise<void>((resolve) => proxy.listen(proxyPort, '127.0.0.1', resolve));
    const port = await freePort();
    siteUrl = `http://127.0.0.1:${port}`;
    site = spawn(process.execPath, [path.resolve('site/src/server.ts')], {
      env: {
        ...process.env,
        ...ensureEnvFiles().site,
        HOST: '127.0.0.1',
        PORT: String(port),
        CMS_URL: `http://127.0.0.1:${proxyPort}`,
        CMS_TIMEOUT_MS: '1500',
        SITE_URL: siteUrl,
      },
      stdio: 'ignore',
    });
    await waitFor(async () => (await fetch(`${siteUrl}/`).catch(() => null))?.status === 200, 'trang công khai thứ hai khởi động');
  });

  afterAll(() => {
    site?.kill('SIGKILL');
    proxy?.closeAllConnections();
    proxy?.close();
  });

  it('keeps serving cached pages, answers 503 with Retry-After for the others, and stays up', async () => {
    expect((await get(`${siteUrl}/van-ban`)).status).toBe(200);
    proxy.closeAllConnections();
    await new Promise<void>((resolve) => proxy.close(() => resolve()));

    const cached = await get(`${siteUrl}/van-ban`);
    expect(cached.status).toBe(200);
    expect(cached.html).toContain('380/QĐ-MNHH');

    const started = Date.now();
    const uncached = await get(`${siteUrl}/hoat-dong`);
    expect(uncached.status).toBe(503);
    expect(uncached.headers.get('retry-after')).toBe('60');
    expect(uncached.html).toContain('tạm gián đoạn');
    expect(Date.now() - started).toBeLessThan(5_000);
    expect((await get(`${siteUrl}/van-ban`)).status).toBe(200);
  });
});
