/**
 * `npm run bench [-- --scale 0.05] [-- --fresh]`: loads ten years of one school through the CMS into
 * .bench/, starts the portal on it in production mode beside an nginx serving saved copies of the same
 * pages, measures both with wrk in the same run, and prints one table (also written to .bench/results.md).
 * What each row means and how long a run takes: docs/benchmark.md.
 */
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { publicPath, section, uidOf } from '@portal/common/sections';
import { timeBackups } from './lib/bench/backups.ts';
import { stopTracked } from './lib/bench/children.ts';
import { ensureDataset } from './lib/bench/dataset.ts';
import { type Dataset, generate } from './lib/bench/generate.ts';
import { getBytes, getText, timedGets, untilIdle, wrk } from './lib/bench/http.ts';
import { type StaticServer, startNginx } from './lib/bench/nginx.ts';
import { BENCH_PG, benchPostgresAnswers, copyDatasetToPostgres, startOnPostgres } from './lib/bench/postgres.ts';
import { memoryOf, pidListening, waitUntilIdle } from './lib/bench/procs.ts';
import { AdminApi, publishSamples } from './lib/bench/publish.ts';
import { SEARCH_QUERIES, searchPath } from './lib/bench/queries.ts';
import { albumPhotoCount } from './lib/bench/sections.ts';
import { countFeedItems, countSitemap, SITEMAP_URL_LIMIT, sitemapFilesFor } from './lib/bench/sitemap.ts';
import { summarise } from './lib/bench/stats.ts';
import { fixed, markdownTable, type Row, ratio } from './lib/bench/table.ts';
import { rotatingPathsScript } from './lib/bench/wrk.ts';
import { ensureTools, MissingToolError, NGINX, WRK } from './lib/debian-tools.ts';
import { readDemoAccounts } from './lib/demo-accounts.ts';
import { root } from './lib/paths.ts';
import { prepare } from './lib/prepare.ts';
import { done, step } from './lib/run.ts';
import { onStop } from './lib/signals.ts';
import { freePort, type Stack, type StackOptions, startStack, stopStartedStacks } from './lib/stack.ts';

/** Debian's WordPress 6.1 serving a post page on this kind of machine, as quoted by issue 12. */
const WORDPRESS_RPS = 58;
const PUBLISH_SAMPLES = 20;
/** Fewer on PostgreSQL: the row compares its order of magnitude with SQLite's, not its tail. */
const PUBLISH_SAMPLES_POSTGRES = 10;
const UNCACHED_PAGES = 200;

const HELP = `Đo hiệu năng cổng thông tin trên bộ dữ liệu lớn (mười năm của một trường).

Cách dùng:
  npm run bench                        đủ bộ dữ liệu (5.000 bài, 1.000 văn bản, 3.000 hoạt động, 20.000 ảnh, 500 thực đơn,
                                       500 lịch công tác tuần, 300 album ảnh, 1.250 câu hỏi của cha mẹ, 14 đợt tuyển sinh)
  npm run bench -- --scale 0.05        thu nhỏ mọi số lượng (chạy nhanh khi thử)
  npm run bench -- --fresh             nạp lại bộ dữ liệu từ đầu (mặc định: dùng lại bộ đã nạp trong .bench/data)

Cần nginx và wrk của Debian (tự cài bằng apt-get khi chạy với quyền root). Kết quả: .bench/results.md.
Tài liệu: docs/benchmark.md`;

const benchDir = path.join(root, '.bench');
const dataDir = path.join(benchDir, 'data');
let nginx: StaticServer | null = null;
let scratch: string | null = null;
let stopping = false;

async function cleanUp() {
  stopTracked();
  await stopStartedStacks();
  await nginx?.stop();
  nginx = null;
  if (scratch) rmSync(scratch, { recursive: true, force: true });
  scratch = null;
}

onStop(() => {
  if (stopping) return;
  stopping = true;
  console.log('\nĐang dừng CMS, trang công khai và nginx…');
  void cleanUp().then(() => process.exit(130));
});

const mb = (kb: number) => kb / 1024;

/** Steps whose failure is a result: the row says why, the remaining rows are still measured, and the command exits non-zero. */
let failedSteps = 0;
async function measured(rows: Row[], what: string, goal: string, work: () => Promise<void>): Promise<void> {
  try {
    await work();
  } catch (error) {
    failedSteps += 1;
    // fetch's own timeout message is English; the operator reads Vietnamese.
    const timedOut = error instanceof DOMException && error.name === 'TimeoutError';
    const message = timedOut ? 'hết thời gian chờ trả lời (trang công khai hoặc CMS quá tải)' : error instanceof Error ? error.message : String(error);
    console.error(`  ✗ ${what}: ${message}`);
    rows.push({ what, measured: `lỗi: ${message.split('\n')[0]}`, goal, met: false });
  }
}

/** What the dataset holds, in one line of the console and of the results' header. */
function contents({ counts, albums, questions }: Dataset): string {
  const { articles, directives, activities, photos, menus, workWeeks, admissions } = counts;
  return (
    `${articles} bài, ${directives} văn bản, ${activities} hoạt động, ${photos} ảnh, ${menus} thực đơn, ${workWeeks} lịch công tác tuần, ` +
    `${albums.length} album (${albumPhotoCount(albums)} ảnh riêng), ${questions.filter((q) => q.publish).length}/${questions.length} câu hỏi công khai, ` +
    `${admissions} đợt tuyển sinh`
  );
}

interface CachedPage {
  key: string;
  label: string;
  path: string;
}

async function main(argv: string[]): Promise<void> {
  const { values } = parseArgs({ args: argv, options: { scale: { type: 'string' }, fresh: { type: 'boolean' }, help: { type: 'boolean', short: 'h' } } });
  if (values.help) {
    console.log(HELP);
    return;
  }
  const scale = values.scale === undefined ? 1 : Number(values.scale);
  const dataset = generate(scale); // also rejects a scale outside (0, 1]
  const began = Date.now();

  let started = step('Kiểm tra nginx và wrk…');
  await ensureTools([NGINX, WRK], { forWhat: 'để đo hiệu năng', rerun: 'npm run bench' });
  done(started);

  const { secrets } = await prepare();
  const host = '127.0.0.1';
  mkdirSync(benchDir, { recursive: true });
  scratch = mkdtempSync(path.join(tmpdir(), 'bench-'));
  // nginx's workers (nobody, when we run as root) read the saved pages under it.
  chmodSync(scratch, 0o755);
  const options: StackOptions = {
    secrets,
    host,
    cmsPort: await freePort(host),
    sitePort: await freePort(host),
    databaseFile: path.join(dataDir, 'data.db'),
    publicDir: path.join(dataDir, 'public'),
    demoAccountsFile: path.join(dataDir, 'demo-accounts.json'),
    logs: path.join(benchDir, 'logs'),
    extraEnv: {
      NODE_ENV: 'production',
      // Never the user's own database or bucket, whatever cms/.env says.
      DATABASE_CLIENT: 'sqlite',
      UPLOAD_PROVIDER: 'local',
      // Mail of the workflow stays in the bench's own outbox, even when cms/.env configures SMTP.
      SMTP_HOST: '',
      OUTBOX_DIR: path.join(dataDir, 'outbox'),
      IMAGE_CACHE_DIR: path.join(dataDir, 'image-cache'),
      SEARCH_INDEX_FILE: path.join(dataDir, 'search-index.json'),
    },
  };
  rmSync(options.logs, { recursive: true, force: true });

  started = step(`Bộ dữ liệu (tỉ lệ ${scale}): ${contents(dataset)}…`);
  // The dataset takes minutes to load: it is kept for the next run unless --fresh asks for a new one.
  if (values.fresh) rmSync(dataDir, { recursive: true, force: true });
  const loaded = await ensureDataset(options, dataDir, scale);
  done(started, loaded.reused ? `dùng lại bộ dữ liệu đã nạp (lần nạp trước mất ${loaded.loadSeconds} s)` : `đã nạp qua CMS trong ${loaded.loadSeconds} s`);

  started = step('Khởi động CMS và trang công khai (production) trên bộ dữ liệu…');
  const stack: Stack = await startStack(options);
  nginx = await startNginx(path.join(scratch, 'nginx'), host, await freePort(host));
  done(started, `${stack.siteUrl} và nginx ${nginx.url}`);

  // The site prepares its search index at start (a full read of the CMS when it has no file yet): the
  // measurements begin once that is done, so that they do not share the CPU with it.
  started = step('Chờ trang công khai xong việc khởi động (chỉ mục tìm kiếm)…');
  await getText(`${stack.siteUrl}/tim-kiem?q=truong`);
  const sitePid = pidListening(Number(new URL(stack.siteUrl).port));
  if (sitePid !== null) await waitUntilIdle(sitePid);
  done(started);

  const rows: Row[] = [];
  rows.push({
    what: 'Nạp bộ dữ liệu qua CMS',
    measured: `${loaded.loadSeconds} s${loaded.reused ? ' (lần trước; lần này dùng lại)' : ''}`,
    goal: 'vài phút',
    met: null,
  });

  // Cached pages, each beside nginx serving the very bytes the portal sent.
  const article = dataset.articles[Math.floor(dataset.articles.length / 2)];
  const directive = dataset.directives[Math.floor(dataset.directives.length / 2)];
  if (!article || !directive) throw new Error('Bộ dữ liệu không có bài hoặc văn bản.');
  const listPage = Math.max(1, Math.min(200, Math.floor(dataset.articles.length / 10)));
  const pages: CachedPage[] = [
    { key: 'home', label: 'Trang chủ /', path: '/' },
    { key: 'article', label: 'Một bài tin tức', path: publicPath(uidOf('article'), article.slug) ?? '' },
    { key: 'directive', label: 'Một văn bản', path: publicPath(uidOf('directive'), directive.slug) ?? '' },
    { key: 'list', label: `Danh sách tin, trang ${listPage}`, path: `${section('article').route}?page=${listPage}` },
  ];
  const cachedRps = new Map<string, number>();
  for (const page of pages) {
    started = step(`wrk: ${page.label} (${page.path}) trên cổng thông tin và trên nginx…`);
    await getBytes(`${stack.siteUrl}${page.path}`); // renders it once and fills the cache
    const saved = await getBytes(`${stack.siteUrl}${page.path}`);
    if (saved.status !== 200) throw new Error(`${page.path} trả về HTTP ${saved.status}.`);
    const staticUrl = nginx.save(page.key, saved.bytes);
    const portal = await wrk(`${stack.siteUrl}${page.path}`);
    const yardstick = await wrk(staticUrl);
    const r = ratio(portal.requestsPerSecond, yardstick.requestsPerSecond);
    cachedRps.set(page.key, portal.requestsPerSecond);
    const errors = portal.non2xx + portal.socketErrors;
    rows.push({
      what: `${page.label}, đã lưu đệm (${(saved.bytes.length / 1024).toFixed(1)} KB)`,
      measured:
        `${fixed(portal.requestsPerSecond)} req/s (p50 ${fixed(portal.latencyMs.p50, 1)} ms); nginx ${fixed(yardstick.requestsPerSecond)} req/s; tỉ lệ ${fixed(r, 3)}` +
        (errors ? `; ${errors} lỗi/không 2xx` : ''),
      goal: '≥ 0.5 × nginx',
      met: r >= 0.5 && errors === 0,
    });
    done(started, `${fixed(portal.requestsPerSecond)} so với ${fixed(yardstick.requestsPerSecond)} req/s`);
  }
  const articleRps = cachedRps.get('article') ?? Number.NaN;
  rows.push({
    what: `Bài tin tức so với WordPress 6.1 của Debian (${WORDPRESS_RPS} req/s)`,
    measured: `${fixed(ratio(articleRps, WORDPRESS_RPS), 1)}×`,
    goal: '≥ 400×',
    met: ratio(articleRps, WORDPRESS_RPS) >= 400,
  });

  // Uncached renders: distinct articles nobody has requested yet, one at a time.
  started = step('Trang chưa lưu đệm: các bài khác nhau, tuần tự…');
  const step_ = Math.max(1, Math.floor(dataset.articles.length / UNCACHED_PAGES));
  const fresh = dataset.articles.filter((a, index) => index % step_ === 0 && a !== article).slice(0, UNCACHED_PAGES);
  const freshPaths = fresh.map((a) => publicPath(uidOf('article'), a.slug) ?? '');
  const uncached = summarise(await timedGets(freshPaths.map((p) => `${stack.siteUrl}${p}`)));
  rows.push({
    what: `Dựng trang chưa lưu đệm (${uncached.count} bài khác nhau, tuần tự)`,
    measured: `p50 ${fixed(uncached.p50, 1)} ms, p95 ${fixed(uncached.p95, 1)} ms`,
    goal: '–',
    met: null,
  });
  done(started);

  // Search: one connection over the fixed query list (each query once), then 50 connections rotating over it.
  started = step(`Tìm kiếm: ${SEARCH_QUERIES.length} truy vấn, một kết nối, rồi 50 kết nối…`);
  // The first query after a start may build the index: timed on its own, with a longer patience.
  try {
    const [first = Number.NaN] = await timedGets([`${stack.siteUrl}${searchPath('khởi động')}`], 200, 120_000);
    rows.push({ what: 'Tìm kiếm đầu tiên sau khi khởi động', measured: `${fixed(first)} ms`, goal: '–', met: null });
    const search = summarise(await timedGets(SEARCH_QUERIES.map((q) => `${stack.siteUrl}${searchPath(q)}`)));
    rows.push({
      what: `Tìm kiếm /tim-kiem?q=…, một kết nối (${search.count} truy vấn khác nhau)`,
      measured: `p50 ${fixed(search.p50, 1)} ms, p95 ${fixed(search.p95, 1)} ms`,
      goal: 'p95 ≤ 10 ms',
      met: search.p95 <= 10,
    });
  } catch (error) {
    // A search too slow to measure is a result, not a reason to drop the rows after it.
    rows.push({
      what: 'Tìm kiếm /tim-kiem?q=…, một kết nối',
      measured: error instanceof Error ? error.message : String(error),
      goal: 'p95 ≤ 10 ms',
      met: false,
    });
    await untilIdle(`${stack.siteUrl}/`);
  }
  const script = path.join(scratch, 'search.lua');
  writeFileSync(script, rotatingPathsScript(SEARCH_QUERIES.map(searchPath)));
  const searchLoad = await wrk(`${stack.siteUrl}/`, { script });
  // wrk leaves without waiting for answers in flight: let the site work off that backlog before the next row.
  await untilIdle(`${stack.siteUrl}/`);
  const searchErrors = searchLoad.non2xx + searchLoad.socketErrors;
  rows.push({
    what: 'Tìm kiếm, 50 kết nối (các truy vấn trên, lần lượt)',
    measured:
      searchLoad.requests === 0
        ? 'không yêu cầu nào xong trong 8 s'
        : `${fixed(searchLoad.requestsPerSecond)} req/s, p50 ${fixed(searchLoad.latencyMs.p50, 1)} ms, p99 ${fixed(searchLoad.latencyMs.p99, 1)} ms${searchErrors ? `; ${searchErrors} lỗi/không 2xx` : ''}`,
    goal: '–',
    met: searchErrors === 0 && searchLoad.requests > 0 ? null : false,
  });
  done(started);

  // Publish → visible through the real webhook, as the Ban giám hiệu account.
  started = step(`Đăng bài → hiện trên trang (${PUBLISH_SAMPLES} lần, qua webhook thật)…`);
  await measured(rows, 'Đăng bài → hiện ở trang bài và trong /tin-tuc', 'p95 ≤ 500 ms', async () => {
    const leader = readDemoAccounts(options.demoAccountsFile).find((account) => account.role === 'ban-giam-hieu');
    if (!leader) throw new Error('Không có tài khoản Ban giám hiệu trong dữ liệu mẫu của bộ đo.');
    const api = await AdminApi.login(stack.cmsUrl, leader.email, leader.password);
    const publishes = await publishSamples(api, stack.siteUrl, PUBLISH_SAMPLES, String(Date.now()));
    const onPage = summarise(publishes.map((s) => s.page));
    const onList = summarise(publishes.map((s) => s.list));
    rows.push({
      what: 'Đăng bài → hiện ở trang bài (từ lúc gửi lệnh đăng)',
      measured: `p50 ${fixed(onPage.p50)} ms, p95 ${fixed(onPage.p95)} ms`,
      goal: 'p95 ≤ 500 ms',
      met: onPage.p95 <= 500,
    });
    rows.push({
      what: 'Đăng bài → có trong danh sách /tin-tuc',
      measured: `p50 ${fixed(onList.p50)} ms, p95 ${fixed(onList.p95)} ms`,
      goal: 'p95 ≤ 500 ms',
      met: onList.p95 <= 500,
    });
  });
  done(started);

  // Resident memory after the load above.
  for (const [label, port, goalMb] of [
    ['Bộ nhớ thường trú của trang công khai', options.sitePort, 250],
    ['Bộ nhớ thường trú của CMS', options.cmsPort, 500],
  ] as const) {
    const pid = pidListening(port);
    if (pid === null) throw new Error(`Không tìm thấy tiến trình đang nghe cổng ${port}.`);
    const memory = memoryOf(pid);
    rows.push({
      what: `${label} (sau khi đo tải)`,
      measured: `${fixed(mb(memory.rssKb))} MB (đỉnh ${fixed(mb(memory.peakKb))} MB)`,
      goal: `≤ ${goalMb} MB`,
      met: mb(memory.peakKb) <= goalMb,
    });
  }

  // Sitemap and feeds.
  started = step('Sitemap và RSS…');
  await measured(rows, 'Sitemap và RSS', '–', async () => {
    const sitemap = await getText(`${stack.siteUrl}/sitemap.xml`);
    if (sitemap.status !== 200) throw new Error(`/sitemap.xml trả về HTTP ${sitemap.status}.`);
    const listed = countSitemap(sitemap.text);
    let urls = listed.entries;
    let bytes = sitemap.bytes;
    if (listed.index) {
      urls = 0;
      for (const loc of sitemap.text.match(/<loc>[^<]+<\/loc>/g) ?? []) {
        const child = await getText(new URL(new URL(loc.slice(5, -6)).pathname, stack.siteUrl).href);
        urls += countSitemap(child.text).entries;
        bytes += child.bytes;
      }
    }
    const expected = sitemapFilesFor(urls);
    rows.push({
      what: 'Sitemap (/sitemap.xml)',
      measured: `${bytes} byte, ${urls} URL${listed.index ? `, chỉ mục ${listed.entries} tệp` : ', một tệp'}`,
      goal: `chỉ mục sitemap khi > ${SITEMAP_URL_LIMIT} URL`,
      met: listed.index === expected.index,
    });
    for (const key of ['article', 'directive', 'activity'] as const) {
      const feedPath = `${section(key).route}/rss.xml`;
      const feed = await getText(`${stack.siteUrl}${feedPath}`);
      rows.push({
        what: `RSS ${feedPath}`,
        measured: `${feed.bytes} byte, ${countFeedItems(feed.text)} mục`,
        goal: '–',
        met: feed.status === 200 ? null : false,
      });
    }
  });
  done(started);

  // Backups of the bench installation, into a bench-only folder.
  started = step('npm run backup hai lần (lần hai: ảnh không đổi)…');
  const backupDir = path.join(scratch, 'backups');
  await measured(rows, 'npm run backup', '–', async () => {
    rows.push(...(await timeBackups(options, stack, backupDir)));
  });
  done(started);

  // The same portal with two site processes on the site's port (SITE_PROCESSES=2, node:cluster): each has its
  // own page cache, so every worker is warmed before wrk, and the search index is built by each.
  started = step('Hai tiến trình trang công khai (SITE_PROCESSES=2): bài đã lưu đệm và tìm kiếm 50 kết nối…');
  await measured(rows, 'Hai tiến trình trang so với một', '–', async () => {
    await stack.stop();
    const two = await startStack({ ...options, extraEnv: { ...options.extraEnv, SITE_PROCESSES: '2' } });
    try {
      const articleUrl = `${two.siteUrl}${pages[1]?.path ?? '/'}`;
      for (let i = 0; i < 2; i += 1) await getText(`${two.siteUrl}/tim-kiem?q=truong`);
      for (let i = 0; i < 6; i += 1) await getBytes(articleUrl);
      await untilIdle(articleUrl);
      const cached = await wrk(articleUrl);
      const cachedErrors = cached.non2xx + cached.socketErrors;
      rows.push({
        what: 'Một bài tin tức đã lưu đệm, 2 tiến trình trang (SITE_PROCESSES=2)',
        measured:
          `${fixed(cached.requestsPerSecond)} req/s (p50 ${fixed(cached.latencyMs.p50, 1)} ms); 1 tiến trình ${fixed(articleRps)} req/s; ` +
          `tỉ lệ ${fixed(ratio(cached.requestsPerSecond, articleRps), 2)}${cachedErrors ? `; ${cachedErrors} lỗi/không 2xx` : ''}`,
        goal: '–',
        met: cachedErrors === 0 ? null : false,
      });
      const twoSearch = await wrk(`${two.siteUrl}/`, { script });
      await untilIdle(articleUrl);
      const searchErrors2 = twoSearch.non2xx + twoSearch.socketErrors;
      rows.push({
        what: 'Tìm kiếm, 50 kết nối, 2 tiến trình trang',
        measured:
          `${fixed(twoSearch.requestsPerSecond)} req/s, p50 ${fixed(twoSearch.latencyMs.p50, 1)} ms; 1 tiến trình ${fixed(searchLoad.requestsPerSecond)} req/s, ` +
          `p50 ${fixed(searchLoad.latencyMs.p50, 1)} ms${searchErrors2 ? `; ${searchErrors2} lỗi/không 2xx` : ''}`,
        goal: '–',
        met: searchErrors2 === 0 && twoSearch.requests > 0 ? null : false,
      });
    } finally {
      await two.stop();
    }
  });
  done(started);

  // The same school with its CMS on PostgreSQL (copied by npm run move-to-postgres's code): the pages no
  // cache holds and publishing are where the database shows; cached pages never reach it.
  started = step('PostgreSQL: chép bộ dữ liệu sang PostgreSQL, rồi đo lại trang chưa lưu đệm và đăng bài…');
  await measured(rows, 'PostgreSQL so với SQLite', '–', async () => {
    if (!(await benchPostgresAnswers())) {
      rows.push({ what: 'PostgreSQL so với SQLite', measured: `bỏ qua: không có PostgreSQL ở ${BENCH_PG.host}:${BENCH_PG.port}`, goal: '–', met: null });
      return;
    }
    await stack.stop();
    const copy = await copyDatasetToPostgres(options.databaseFile);
    try {
      rows.push({
        what: 'Chép bộ dữ liệu sang PostgreSQL (mã của npm run move-to-postgres)',
        measured: `${copy.tables} bảng, ${copy.rows} dòng, ${fixed(copy.seconds)} s`,
        goal: '–',
        met: null,
      });
      const onPostgres = await startOnPostgres(options, copy, scratch ?? benchDir);
      try {
        await getText(`${onPostgres.siteUrl}/tim-kiem?q=truong`);
        const pid = pidListening(options.sitePort);
        if (pid !== null) await waitUntilIdle(pid);
        const pgUncached = summarise(await timedGets(freshPaths.map((p) => `${onPostgres.siteUrl}${p}`)));
        rows.push({
          what: `Dựng trang chưa lưu đệm, CMS trên PostgreSQL (cùng ${pgUncached.count} bài)`,
          measured: `p50 ${fixed(pgUncached.p50, 1)} ms, p95 ${fixed(pgUncached.p95, 1)} ms; SQLite p50 ${fixed(uncached.p50, 1)} ms, p95 ${fixed(uncached.p95, 1)} ms`,
          goal: '–',
          met: null,
        });
        const leader = readDemoAccounts(options.demoAccountsFile).find((account) => account.role === 'ban-giam-hieu');
        if (!leader) throw new Error('Không có tài khoản Ban giám hiệu trong dữ liệu mẫu của bộ đo.');
        const api = await AdminApi.login(onPostgres.cmsUrl, leader.email, leader.password);
        const publishes = await publishSamples(api, onPostgres.siteUrl, PUBLISH_SAMPLES_POSTGRES, `pg-${Date.now()}`);
        const onPage = summarise(publishes.map((s) => s.page));
        rows.push({
          what: `Đăng bài → hiện ở trang bài, CMS trên PostgreSQL (${onPage.count} lần)`,
          measured: `p50 ${fixed(onPage.p50)} ms, p95 ${fixed(onPage.p95)} ms`,
          goal: 'p95 ≤ 500 ms',
          met: onPage.p95 <= 500,
        });
      } finally {
        await onPostgres.stop();
      }
    } finally {
      await copy.drop();
    }
  });
  done(started);

  const seconds = (Date.now() - began) / 1000;
  const table = markdownTable(rows);
  const header =
    `Đo ngày ${new Date().toISOString()} — tỉ lệ ${scale} (${contents(dataset)}); ${availableParallelism()} lõi, Node ${process.versions.node}; wrk 2 luồng, 50 kết nối, 8 s sau 2 s khởi động; ` +
    `cả lần chạy ${fixed(seconds)} s.`;
  writeFileSync(path.join(benchDir, 'results.md'), `${header}\n\n${table}\n`);
  console.log(`\n${header}\n\n${table}\n\nĐã ghi vào ${path.relative(process.cwd(), path.join(benchDir, 'results.md'))}.`);
  if (failedSteps > 0) throw new Error(`${failedSteps} bước đo không chạy xong (xem các dòng "lỗi" trong bảng).`);
}

main(process.argv.slice(2)).then(
  async () => {
    await cleanUp();
    process.exit(0);
  },
  async (error: unknown) => {
    if (stopping) return;
    const message = error instanceof Error ? error.message : String(error);
    console.error(error instanceof MissingToolError ? `\n${message}` : `\nĐo hiệu năng thất bại: ${message}`);
    // The data stays: a complete dataset is reused by the next run, a partial one (no stamp) is loaded again.
    await cleanUp();
    process.exit(1);
  },
);
