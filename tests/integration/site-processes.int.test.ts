import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureEnvFiles } from '../../scripts/lib/env-file.ts';
import { SITE_HEAP_FLAGS } from '../../scripts/lib/stack.ts';
import { AdminSession } from '../helpers/admin.ts';
import { api } from '../helpers/cms.ts';
import { createDraft, uploadPhoto } from '../helpers/fixtures.ts';
import { freePort, testStack } from '../helpers/test-stack.ts';
import { waitFor } from '../helpers/wait.ts';

/**
 * Site processes that no webhook reaches (the test CMS pushes to the suite's own site only), reading the
 * CMS's change sequence every 500 ms (the default) like the workers of SITE_PROCESSES=N or instances
 * behind nginx.
 */
const CM = '/content-manager/collection-types/api::article.article';
let workDir = '';
const started: ChildProcess[] = [];

interface SiteProcess {
  url: string;
  child: ChildProcess;
  /** What the process printed so far. */
  output(): string;
}

async function startSite(name: string, env: Record<string, string> = {}): Promise<SiteProcess> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const indexFile = path.join(workDir, `${name}-search-index.json`);
  // The suite's site wrote its index at start: loaded, not read again from the CMS.
  const suiteIndex = path.join(testStack().workDir, 'search-index.json');
  if (existsSync(suiteIndex)) copyFileSync(suiteIndex, indexFile);
  const child = spawn(process.execPath, [...SITE_HEAP_FLAGS, path.resolve('site/src/server.ts')], {
    cwd: path.resolve('site'),
    env: {
      ...process.env,
      ...ensureEnvFiles().site,
      HOST: '127.0.0.1',
      PORT: String(port),
      CMS_URL: testStack().cmsUrl,
      CMS_PUBLIC_URL: testStack().cmsUrl,
      SITE_URL: url,
      IMAGE_CACHE_DIR: path.join(workDir, `${name}-images`),
      SEARCH_INDEX_FILE: indexFile,
      ...env,
    },
    // Its own process group: a cluster's workers are stopped with their primary.
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  for (const stream of [child.stdout, child.stderr]) stream?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  started.push(child);
  await waitFor(async () => (await fetch(`${url}/`).catch(() => null))?.status === 200, `trang công khai ${name} khởi động`, 90_000);
  return { url, child, output: () => output };
}

/** GET on a new connection each time (a cluster hands each connection to the next worker). */
function fetchFresh(url: string): Promise<{ status: number; cache: string; html: string }> {
  return new Promise((resolve, reject) => {
    const request = http.get(url, { agent: false, headers: { Connection: 'close' }, timeout: 30_000 }, (response) => {
      let html = '';
      response.setEncoding('utf8');
      response.on('data', (chunk: string) => {
        html += chunk;
      });
      response.on('end', () => resolve({ status: response.statusCode ?? 0, cache: String(response.headers['x-cache'] ?? ''), html }));
    });
    request.on('timeout', () => request.destroy(new Error(`${url}: hết thời gian chờ`)));
    request.on('error', reject);
  });
}

interface Answer {
  sentAt: number;
  receivedAt: number;
  ok: boolean;
}

/** The answers sent after the last one that did not satisfy the predicate, in the order they were sent. */
function afterLastBad(answers: Answer[]): Answer[] {
  const sorted = [...answers].sort((a, b) => a.sentAt - b.sentAt);
  let last = -1;
  sorted.forEach((answer, index) => {
    if (!answer.ok) last = index;
  });
  return sorted.slice(last + 1);
}

/**
 * Requests the URL every 100 ms on a new connection each (without waiting for the answers) until `settle`
 * answers in a row, by the time they were sent, satisfy the predicate. Returns, from `since`: `purged`,
 * when the first of those was sent (every request sent later got the new page; a purged page makes the
 * requests wait for its render instead of getting the old one), and `shown`, when its answer came back.
 */
async function timeUntil(since: number, url: string, predicate: (html: string) => boolean, settle = 2, timeoutMs = 20_000) {
  const answers: Answer[] = [];
  const pending = new Set<Promise<void>>();
  for (;;) {
    if (Date.now() - since > timeoutMs) throw new Error(`${url} chưa đổi sau ${timeoutMs} ms`);
    const sentAt = Date.now();
    // A request that fails or times out (a render slowed down by the machine's load) counts as an old page.
    const request = fetchFresh(url).then(
      (answer) => {
        answers.push({ sentAt, receivedAt: Date.now(), ok: answer.status === 200 && predicate(answer.html) });
      },
      () => {
        answers.push({ sentAt, receivedAt: Date.now(), ok: false });
      },
    );
    pending.add(request);
    void request.finally(() => pending.delete(request));
    if (afterLastBad(answers).length >= settle) {
      // Requests still out were sent earlier than some good answers: they count too.
      await Promise.all(pending);
      const good = afterLastBad(answers);
      if (good.length >= settle) return { purged: good[0]!.sentAt - since, shown: good[0]!.receivedAt - since };
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

let leader: AdminSession;
let coverId: number;
let one: SiteProcess;
let two: SiteProcess;
let cluster: SiteProcess;
let cutOff: SiteProcess;
const title = `Tin cho mọi tiến trình ${Date.now()}`;
let publishedAt = 0;
const published: string[] = [];

/**
 * A TCP proxy to the CMS that the test can cut: while cut, it drops every connection at once (the CMS
 * unreachable, as for an instance on a machine that lost its network) and counts the attempts.
 */
let proxy: net.Server | undefined;
const proxied = new Set<net.Socket>();
let reachable = true;
let refusedConnections = 0;

async function startProxy(): Promise<string> {
  const cms = new URL(testStack().cmsUrl);
  proxy = net.createServer((socket) => {
    if (!reachable) {
      refusedConnections++;
      socket.destroy();
      return;
    }
    const upstream = net.connect(Number(cms.port), cms.hostname);
    for (const end of [socket, upstream]) {
      proxied.add(end);
      end.on('close', () => proxied.delete(end));
      end.on('error', () => {
        socket.destroy();
        upstream.destroy();
      });
    }
    socket.pipe(upstream).pipe(socket);
  });
  const port = await freePort();
  await new Promise<void>((resolve) => proxy!.listen(port, '127.0.0.1', resolve));
  return `http://127.0.0.1:${port}`;
}

function cut(): void {
  reachable = false;
  for (const socket of proxied) socket.destroy();
}

beforeAll(async () => {
  workDir = mkdtempSync(path.join(tmpdir(), 'portal-processes-'));
  leader = await AdminSession.login('hieutruong@mnhiephoa.test');
  coverId = (await uploadPhoto(leader, { name: 'anh-tien-trinh.png', alt: 'Ảnh minh họa màu lục', color: '#27ae60', width: 32, height: 32 })).id;
  const proxyUrl = await startProxy();
  [one, two, cluster, cutOff] = await Promise.all([
    startSite('one'),
    startSite('two'),
    startSite('cluster', { SITE_PROCESSES: '2' }),
    startSite('cut-off', { CMS_URL: proxyUrl }),
  ]);
}, 180_000);

afterAll(async () => {
  // The suite's other files see the demo content's article list as it was.
  for (const documentId of published) await leader.request('POST', `${CM}/${documentId}/actions/unpublish`, {});
  cut();
  proxy?.close();
  for (const child of started) {
    try {
      if (child.pid) process.kill(-child.pid, 'SIGCONT');
      if (child.pid) process.kill(-child.pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
  if (process.env.KEEP_TEST_DATA) {
    for (const [name, site] of Object.entries({ one, two, cluster, cutOff })) if (site) writeFileSync(path.join(workDir, `${name}.log`), site.output());
    console.log(`[site-processes] logs kept in ${workDir}`);
  } else if (workDir) rmSync(workDir, { recursive: true, force: true });
});

describe('several site processes', () => {
  it('runs SITE_PROCESSES=2 as two workers sharing one port', () => {
    const workers = execFileSync('ps', ['--ppid', String(cluster.child.pid), '-o', 'pid='], { encoding: 'utf8' })
      .trim()
      .split(/\s+/);
    expect(workers).toHaveLength(2);
  });

  it('purges every running process within a second of a publish, and one stopped during it within seconds of resuming, search included', async () => {
    const { documentId } = await createDraft(leader, coverId, { title, summary: 'Kiểm tra nhiều tiến trình.', text: 'Nội dung.' });
    published.push(documentId);
    for (const site of [one, two]) {
      expect((await fetchFresh(`${site.url}/tin-tuc`)).html).not.toContain(title);
      expect((await fetchFresh(`${site.url}/tin-tuc`)).cache).toBe('HIT');
    }
    // Both workers hold the list in their caches.
    for (const answer of await Promise.all(Array.from({ length: 4 }, () => fetchFresh(`${cluster.url}/tin-tuc`)))) expect(answer.html).not.toContain(title);

    process.kill(two.child.pid!, 'SIGSTOP');
    expect((await leader.request('POST', `${CM}/${documentId}/actions/publish`, {})).status).toBe(200);
    publishedAt = Date.now();
    const shows = (html: string) => html.includes(title);
    const [running, workers] = await Promise.all([
      timeUntil(publishedAt, `${one.url}/tin-tuc`, shows),
      timeUntil(publishedAt, `${cluster.url}/tin-tuc`, shows, 6),
    ]);

    process.kill(two.child.pid!, 'SIGCONT');
    const resumedAt = Date.now();
    const resumed = await timeUntil(resumedAt, `${two.url}/tin-tuc`, shows);
    const search = `/tim-kiem?q=${encodeURIComponent(title)}`;
    const found = (html: string) => html.includes(`/tin-tuc/`) && html.includes(title);
    // Each process updates its own index: every one of them (both workers of the cluster) finds the article.
    const searched = await Promise.all(
      [one, two, cluster].map(async (site) => {
        const tries = site === cluster ? 4 : 1;
        await waitFor(
          async () => (await Promise.all(Array.from({ length: tries }, () => fetchFresh(`${site.url}${search}`)))).every((a) => found(a.html)),
          `tìm thấy trên ${site.url}`,
          10_000,
        );
        return { shown: Date.now() - resumedAt };
      }),
    );
    console.log(
      `[site-processes] publish → old list page no longer served / new one received: running process ${running.purged} / ${running.shown} ms, ` +
        `both cluster workers ${workers.purged} / ${workers.shown} ms; stopped process ${resumed.purged} / ${resumed.shown} ms after SIGCONT; ` +
        `search finds it on all ${Math.max(...searched.map((t) => t.shown))} ms after SIGCONT`,
    );
    // Purged within a second; what the page then takes to render depends on the machine's load.
    expect(running.purged).toBeLessThan(1_000);
    expect(workers.purged).toBeLessThan(1_000);
    expect(resumed.purged).toBeLessThan(1_000);
    expect(Math.max(running.shown, workers.shown, resumed.shown)).toBeLessThan(15_000);
  }, 60_000);

  it('never serves the old page from a process started after a publish', async () => {
    expect(publishedAt).toBeGreaterThan(0);
    const late = await startSite('late');
    expect((await fetchFresh(`${late.url}/tin-tuc`)).html).toContain(title);
    expect((await fetchFresh(`${late.url}/tin-tuc`)).html).toContain(title);
  }, 120_000);
});

describe('a site process cut off from the CMS', () => {
  it('logs one line however long the CMS is unreachable, and applies what it missed when it is back', async () => {
    const other = `Tin khi mất kết nối ${Date.now()}`;
    const { documentId } = await createDraft(leader, coverId, { title: other, summary: 'Kiểm tra mất kết nối.', text: 'Nội dung.' });
    published.push(documentId);
    const list = `${cutOff.url}/tin-tuc`;
    await fetchFresh(list);
    expect((await fetchFresh(list)).cache).toBe('HIT');

    cut();
    // Polls keep failing (every 500 ms) before and after the publish.
    await waitFor(() => refusedConnections >= 4, 'trang công khai thử đọc dãy thay đổi nhiều lần', 15_000);
    expect((await leader.request('POST', `${CM}/${documentId}/actions/publish`, {})).status).toBe(200);
    const refusedAtPublish = refusedConnections;
    await waitFor(() => refusedConnections >= refusedAtPublish + 4, 'trang công khai tiếp tục thử đọc', 15_000);
    // It cannot know: the cached list is still served, and one line says so.
    expect((await fetchFresh(list)).html).not.toContain(other);
    expect(cutOff.output().match(/cannot read the change sequence/g)).toHaveLength(1);

    reachable = true;
    const back = Date.now();
    const caughtUp = await timeUntil(back, list, (html) => html.includes(other));
    console.log(`[site-processes] CMS reachable again → old list page no longer served / new one received: ${caughtUp.purged} / ${caughtUp.shown} ms`);
    expect(caughtUp.purged).toBeLessThan(1_000);
    await waitFor(() => /the CMS answers again/.test(cutOff.output()), 'dòng nhật ký khi đọc lại được', 5_000);
  }, 90_000);
});

describe('the change sequence of the CMS', () => {
  it('is readable with the site token only, and refuses anything else with a Vietnamese message', async () => {
    for (const token of [null, 'x'.repeat(43), ensureEnvFiles().cms.MONITOR_TOKEN ?? 'y'.repeat(43)]) {
      const refused = await api<{ error?: { message: string } }>('/api/site/changes?after=0', { token });
      expect(refused.status).toBe(401);
      expect(refused.body.error?.message).toMatch(/Khóa truy cập của trang công khai/);
    }
    const bad = await api<{ error?: { message: string } }>('/api/site/changes?after=abc');
    expect(bad.status).toBe(400);
    expect(bad.body.error?.message).toMatch(/số nguyên/);

    const head = await api<{ data: { head: number; changes: unknown[] } }>('/api/site/changes');
    expect(head.status).toBe(200);
    expect(head.body.data.head).toBeGreaterThan(0);
    expect(head.body.data.changes).toEqual([]);
    const recent = await api<{ data: { changes: Record<string, unknown>[] } }>(`/api/site/changes?after=${head.body.data.head - 1}`);
    expect(recent.body.data.changes).toHaveLength(1);
    expect(Object.keys(recent.body.data.changes[0]!).sort()).toEqual(['files', 'seq', 'tags']);
  });
});
