/**
 * The whole /tim-kiem page at scale, for `npm run bench`: the built site (site/dist) started on a saved
 * index of `count` synthetic documents, against a stand-in CMS that lists the same documents' updatedAt
 * (so the start-up reconciliation keeps them) and nothing else. Measures what a reader waits for (HTTP
 * round trip on loopback: engine, page render, response) and the site process's resident memory.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { BENCH_QUERIES, syntheticDocuments } from './bench.ts';
import { createEngine } from './engine.ts';
import { saveEngine } from './persist.ts';

/** REST paths of the searched types, as the site's client asks for them. */
const PATHS: Record<string, string> = {
  articles: 'article',
  directives: 'directive',
  activities: 'activity',
  notices: 'notice',
  disclosures: 'disclosure',
  menus: 'menu',
};

export interface SearchPageBenchResult {
  docs: number;
  /** Time from spawning the site to its first answered search (loads the index file). */
  startMs: number;
  p50Ms: number;
  p95Ms: number;
  /** Resident memory of the site process once it has answered its first search, and after all the queries. */
  rssAfterStartMB: number;
  rssMB: number;
}

function stubCms(stamps: Map<string, { documentId: string; updatedAt: string | null }[]>): http.Server {
  return http.createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://stub');
    const segment = url.pathname.replace(/^\/api\//, '').split('/')[0] ?? '';
    const type = PATHS[segment];
    const page = Number(url.searchParams.get('pagination[page]') ?? 1);
    const pageSize = Number(url.searchParams.get('pagination[pageSize]') ?? 25);
    // Only the reconciliation's list (fields = updatedAt alone) sees the synthetic documents.
    const onlyStamps = url.searchParams.get('fields[0]') === 'updatedAt' && !url.searchParams.has('fields[1]');
    const all = type && onlyStamps ? (stamps.get(type) ?? []) : [];
    const body =
      segment === 'school'
        ? { data: { name: 'Trường Mầm non Hiệp Hòa' } }
        : {
            data: all.slice((page - 1) * pageSize, page * pageSize),
            meta: { pagination: { page, pageSize, pageCount: Math.ceil(all.length / pageSize), total: all.length } },
          };
    response.writeHead(200, { 'Content-Type': 'application/json' });
    response.end(JSON.stringify(body));
  });
}

function rssMB(pid: number): number {
  const match = readFileSync(`/proc/${pid}/status`, 'utf8').match(/VmRSS:\s+(\d+) kB/);
  return match ? Number(match[1]) / 1024 : Number.NaN;
}

async function get(url: string): Promise<number> {
  const response = await fetch(url);
  await response.arrayBuffer();
  return response.status;
}

/** `siteDir` is the site workspace (with dist/ built); `port` a free port for the site. */
export async function benchSearchPage(count: number, siteDir: string, port: number, rounds = 10): Promise<SearchPageBenchResult> {
  const dir = mkdtempSync(path.join(tmpdir(), 'search-bench-'));
  const file = path.join(dir, 'search-index.json');
  const docs = syntheticDocuments(count);
  const stamps = new Map<string, { documentId: string; updatedAt: string | null }[]>();
  for (const doc of docs) {
    const list = stamps.get(doc.type) ?? [];
    list.push({ documentId: doc.id.slice(doc.id.indexOf(':') + 1), updatedAt: doc.stamp ?? null });
    stamps.set(doc.type, list);
  }
  await saveEngine(createEngine(docs), file);
  const cms = stubCms(stamps);
  await new Promise<void>((resolve) => cms.listen(0, '127.0.0.1', resolve));
  const cmsUrl = `http://127.0.0.1:${(cms.address() as AddressInfo).port}`;
  const siteUrl = `http://127.0.0.1:${port}`;
  let site: ChildProcess | undefined;
  try {
    const started = performance.now();
    site = spawn(process.execPath, [path.join(siteDir, 'dist', 'server', 'entry.mjs')], {
      cwd: siteDir,
      env: {
        ...process.env,
        HOST: '127.0.0.1',
        PORT: String(port),
        CMS_URL: cmsUrl,
        SITE_URL: siteUrl,
        SITE_API_TOKEN: 'bench',
        SEARCH_INDEX_FILE: file,
        IMAGE_CACHE_DIR: path.join(dir, 'images'),
      },
      stdio: 'ignore',
    });
    const searchUrl = (q: string): string => `${siteUrl}/tim-kiem?q=${encodeURIComponent(q)}`;
    for (;;) {
      if (site.exitCode !== null) throw new Error('the site stopped while starting');
      if ((await get(searchUrl('truong')).catch(() => 0)) === 200) break;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    const startMs = performance.now() - started;
    const rssAfterStartMB = site.pid ? rssMB(site.pid) : Number.NaN;
    for (const query of BENCH_QUERIES) await get(searchUrl(query));
    const times: number[] = [];
    for (let round = 0; round < rounds; round++) {
      for (const query of BENCH_QUERIES) {
        const t = performance.now();
        const status = await get(searchUrl(query));
        times.push(performance.now() - t);
        if (status !== 200) throw new Error(`/tim-kiem answered ${status} for ${query}`);
      }
    }
    // A check that the figures are about the big index: the stand-in CMS must not have emptied it.
    const probe = await (await fetch(searchUrl('truong'))).text();
    const found = Number(probe.match(/Tìm thấy (\d+) kết quả/)?.[1] ?? 0);
    if (found < count / 2) throw new Error(`only ${found} of ${count} documents found for "truong": the index was not loaded or was emptied`);
    times.sort((a, b) => a - b);
    const at = (p: number): number => times[Math.min(times.length - 1, Math.floor((p / 100) * times.length))] ?? 0;
    return { docs: count, startMs, p50Ms: at(50), p95Ms: at(95), rssAfterStartMB, rssMB: site.pid ? rssMB(site.pid) : Number.NaN };
  } finally {
    site?.kill('SIGKILL');
    cms.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
