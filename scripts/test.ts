/**
 * `npm test`: prepares everything exactly as `npm start` does, starts one portal on temporary data,
 * then runs the static checks (scripts/lib/checks.ts), the unit, integration and end-to-end suites against it,
 * and the integration and end-to-end suites a second time against a portal on PostgreSQL where a server
 * answers (required with POSTGRES_REQUIRED=1).
 * Exits non-zero if any check or test fails. With arguments it runs only what they name, without the checks:
 * `npm test -- unit`, `npm test -- tests/integration/cache.int.test.ts tests/e2e/home.e2e.ts --project=desktop`.
 */
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { CHECKS_TITLE, type CheckResult, runChecks, summary } from './lib/checks.ts';
import { ensureChromium, MissingBrowserError } from './lib/chromium.ts';
import { ensureTools, MissingToolError, NGINX } from './lib/debian-tools.ts';
import { root } from './lib/paths.ts';
import { prepare } from './lib/prepare.ts';
import { done, run, step } from './lib/run.ts';

/**
 * Integration files the PostgreSQL pass leaves out, and why: everything else runs a second time against a
 * portal whose CMS is on a fresh PostgreSQL database.
 */
const NOT_ON_POSTGRES: Record<string, string> = {
  'backup.int.test.ts': 'the SQLite drill; backup-postgres.int.test.ts is the PostgreSQL one',
  'start-command.int.test.ts': '`npm start` on the embedded default (SQLite) is what it proves',
  'move-to-postgres.int.test.ts': 'makes PostgreSQL databases of its own',
  'postgres-seeder.int.test.ts': 'makes a PostgreSQL database of its own',
  'district.int.test.ts': 'makes PostgreSQL databases of its own, one per school, and runs their portals',
  'schedule.int.test.ts': 'runs a CMS of its own on a copy of the SQLite file',
  'monitor.int.test.ts': 'runs a CMS of its own on a copy of the SQLite file',
  'outbox.int.test.ts': 'runs a CMS of its own on a copy of the SQLite file',
  'mail-outbox.int.test.ts': 'runs a CMS of its own on a copy of the SQLite file',
  'disclosure-reminder-timer.int.test.ts': 'runs a CMS of its own on a copy of the SQLite file (disclosure-reminders.int.test.ts runs on both)',
  'http-serving.int.test.ts': "the site's HTTP (compression, bursts, HEAD): the CMS's database never takes part",
  'site-headers.int.test.ts': "the site's security headers: the CMS's database never takes part",
  's3-uploads.int.test.ts': 'runs a CMS of its own on a copy of the SQLite file; the bucket does not depend on the database',
};

/**
 * Integration files that start everything they need themselves (`npm start`, their own databases and
 * portals) and read nothing of the shared test portals: in a full run they go in the second PostgreSQL
 * lane, before its end-to-end half (measured on a fresh clone: 152 s of tests, 221 s with loading).
 */
const SELF_CONTAINED = ['start-command.int.test.ts', 'postgres-seeder.int.test.ts', 'district.int.test.ts'];

/**
 * Integration files that run a CMS of their own (on a copy of the shared SQLite file, or a portal from
 * scratch), stopping and starting it: in a full run they go to the lane of a second SQLite portal, where
 * nothing else runs at the same time, as in a run of the whole suite on one portal (measured on a fresh
 * clone: 463 s of the 743 s SQLite integration pass, most of it Strapi starting).
 */
const OWN_PORTAL = ['backup', 'move-to-postgres', 'schedule', 'monitor', 'outbox', 'mail-outbox', 'disclosure-reminder-timer', 's3-uploads'].map(
  (name) => `${name}.int.test.ts`,
);

/**
 * End-to-end files that run on the second SQLite portal in a full run, after that lane's integration
 * files: admin-heavy ones, chosen so that the lanes end together. Measured on a fresh clone with the admin
 * screens opened inside the running app: this lane 732 + 535 s with history and disclosure duties here
 * (44 and 35 s), the first lane 416 + 697 s. Every other file, a new one included, runs on the first portal.
 */
const E2E_SECOND_PORTAL = ['admin-language', 'compose', 'accounts', 'workflow'].map((name) => `${name}.e2e.ts`);

/**
 * The end-to-end files a full run repeats on PostgreSQL: those whose browser writes through the CMS (the
 * admin, Gửi bài, the public forms) or checks that a draft never leaks, where the database's transactions,
 * constraints and queries take part. The others read public pages, which the site builds from the CMS's
 * REST answers; the PostgreSQL integration pass checks those answers (public API, read access, content
 * model, search sources, the route inventory). All of them ran on both databases until two copies of the
 * suite no longer fitted CI's time on two cores (each is CPU-bound there). `npm test -- postgres` still
 * runs every end-to-end file on PostgreSQL.
 */
const E2E_ON_POSTGRES = [
  'workflow',
  'compose',
  'history',
  'takedown',
  'accounts',
  'disclosure-duties',
  'questions',
  'corrections',
  'not-found',
  'admission',
].map((name) => `${name}.e2e.ts`);

/**
 * The viewport those files repeat in on PostgreSQL in a full run: the desktop one. What the database takes
 * part in (the writes, the drafts' guards) is the same at every width, and each file still runs at both on
 * SQLite; the phone copies cost about half of the lane (measured: e2e on PostgreSQL 477–514 s of a lane's
 * 1,500). `npm test -- postgres` runs both.
 */
const E2E_POSTGRES_PROJECTS = ['--project=desktop'];

const testFiles = (folder: 'integration' | 'e2e', suffix: string, keep: (name: string) => boolean): string[] => {
  const dir = path.join(root, 'tests', folder);
  return readdirSync(dir)
    .filter((name) => name.endsWith(suffix) && keep(name))
    .sort()
    .map((name) => path.join('tests', folder, name));
};

const integrationFiles = (keep: (name: string) => boolean): string[] => testFiles('integration', '.int.test.ts', keep);
const e2eFiles = (keep: (name: string) => boolean): string[] => testFiles('e2e', '.e2e.ts', keep);

/** A name in the lists above that matches no file would quietly move a file to another lane: refused. */
function checkListedFiles(): void {
  const integration = integrationFiles(() => true).map((file) => path.basename(file));
  const e2e = e2eFiles(() => true).map((file) => path.basename(file));
  const missing = [
    ...[...SELF_CONTAINED, ...OWN_PORTAL, ...Object.keys(NOT_ON_POSTGRES)].filter((name) => !integration.includes(name)),
    ...[...E2E_SECOND_PORTAL, ...E2E_ON_POSTGRES].filter((name) => !e2e.includes(name)),
  ];
  if (missing.length > 0) throw new UsageError(`scripts/test.ts nêu tệp kiểm thử không có: ${missing.join(', ')}`);
}

function postgresPassFiles(): string[] {
  return integrationFiles((name) => !(name in NOT_ON_POSTGRES));
}

/** A mistake in the arguments: reported as one line, without a stack trace. */
class UsageError extends Error {}

interface Tally {
  passed: number;
  failed: number;
  skipped: number;
  /** What failed, a line each (file › test: first line of the error), repeated at the very end of the run. */
  failures: string[];
}
const totals: Record<string, Tally | string> = {};

function vitestTally(file: string): Tally | null {
  if (!existsSync(file)) return null;
  const report = JSON.parse(readFileSync(file, 'utf8')) as {
    numPassedTests: number;
    numFailedTests: number;
    numPendingTests: number;
    numTodoTests: number;
    testResults: { name: string; status: string; message?: string; assertionResults: { status: string; fullName: string; failureMessages?: string[] }[] }[];
  };
  const failures: string[] = [];
  let brokenFiles = 0;
  for (const file of report.testResults) {
    const where = path.relative(root, file.name);
    const failed = file.assertionResults.filter((a) => a.status === 'failed');
    for (const a of failed) failures.push(`${where} › ${a.fullName}: ${firstLine(a.failureMessages?.[0])}`);
    // A file that fails to load (or whose hooks fail) runs no failing test; count it rather than hide it.
    if (file.status === 'failed' && failed.length === 0) {
      brokenFiles += 1;
      failures.push(`${where}: ${firstLine(file.message)}`);
    }
  }
  return { passed: report.numPassedTests, failed: report.numFailedTests + brokenFiles, skipped: report.numPendingTests + report.numTodoTests, failures };
}

function firstLine(text: string | undefined): string {
  const line = (text ?? '').split('\n').find((l) => l.trim() !== '') ?? '(không có thông báo lỗi)';
  return line.trim().slice(0, 300);
}

interface PlaywrightSuite {
  title: string;
  file?: string;
  suites?: PlaywrightSuite[];
  specs?: {
    title: string;
    file: string;
    line: number;
    ok: boolean;
    tests: { projectName: string; results: { status: string; error?: { message?: string } }[] }[];
  }[];
}

function playwrightFailures(suites: PlaywrightSuite[], titles: string[] = []): string[] {
  const out: string[] = [];
  for (const s of suites) {
    const trail = s.title && !s.file?.endsWith(s.title) ? [...titles, s.title] : titles;
    for (const spec of s.specs ?? []) {
      if (spec.ok) continue;
      for (const t of spec.tests) {
        const last = t.results.at(-1);
        if (!last || last.status === 'passed' || last.status === 'skipped') continue;
        out.push(`[${t.projectName}] ${spec.file}:${spec.line} › ${[...trail, spec.title].join(' › ')}: ${firstLine(last.error?.message)}`);
      }
    }
    out.push(...playwrightFailures(s.suites ?? [], trail));
  }
  return out;
}

function playwrightTally(file: string): Tally | null {
  if (!existsSync(file)) return null;
  const report = JSON.parse(readFileSync(file, 'utf8')) as {
    stats: { expected: number; unexpected: number; flaky: number; skipped: number };
    suites?: PlaywrightSuite[];
  };
  return {
    passed: report.stats.expected + report.stats.flaky,
    failed: report.stats.unexpected,
    skipped: report.stats.skipped,
    failures: playwrightFailures(report.suites ?? []),
  };
}

async function suite(name: string, command: string, args: string[], env: NodeJS.ProcessEnv, tally: () => Tally | null, logFile?: string): Promise<boolean> {
  const started = step(`Chạy kiểm thử ${name}…${logFile ? ` (ghi vào ${path.relative(root, logFile)})` : ''}`);
  // Holds the suite's place in the summary, which then lists the suites in the order they started.
  totals[name] = 'không có báo cáo';
  let ok = true;
  const log = logFile ? openSync(logFile, 'w') : null;
  try {
    await run(command, args, { cwd: root, env: { ...process.env, ...env }, ...(log === null ? {} : { stdio: ['ignore', log, log] }) });
  } catch {
    ok = false;
  } finally {
    if (log !== null) closeSync(log);
  }
  const counted = tally();
  totals[name] = counted ?? 'không có báo cáo';
  if (!counted || counted.failed > 0 || counted.passed === 0) ok = false;
  done(started, ok ? 'đạt' : 'KHÔNG ĐẠT');
  return ok;
}

/** What one portal runs, integration files then end-to-end files: null for none of a suite, [] for all of it. */
interface PortalRun {
  integration: string[] | null;
  e2e: string[] | null;
  /** Playwright arguments of this run's end-to-end files only (E2E_POSTGRES_PROJECTS). */
  e2eArgs?: string[];
}

interface Selection {
  check: boolean;
  unit: string[] | null;
  /** On the portal whose CMS is on SQLite. */
  sqlite: PortalRun;
  /** On a second SQLite portal, in a lane of its own: a full run only. */
  sqliteSecond: PortalRun | null;
  /** Integration files that start what they need themselves: in the PostgreSQL lane (or the second SQLite one without PostgreSQL). */
  selfContained: string[] | null;
  /** The suites (and files) to run a second time on a portal whose CMS is on PostgreSQL. */
  postgres: PortalRun | null;
  runnerArgs: string[];
}

/**
 * Which suites (and files) to run: everything, or what the arguments name (`npm test -- unit`,
 * `npm test -- tests/e2e/home.e2e.ts`). `postgres` runs the named integration and end-to-end files (or
 * both PostgreSQL passes) on PostgreSQL instead of SQLite: `npm test -- postgres tests/integration/workflow.int.test.ts`.
 * A full run spreads the suites over three lanes, two SQLite portals and one PostgreSQL portal (see main).
 */
function selection(args: string[]): Selection {
  const runnerArgs = args.filter((arg) => arg.startsWith('-'));
  const names = args.filter((arg) => !arg.startsWith('-'));
  if (names.length === 0) {
    checkListedFiles();
    return {
      check: true,
      unit: [],
      sqlite: {
        integration: integrationFiles((name) => !SELF_CONTAINED.includes(name) && !OWN_PORTAL.includes(name)),
        e2e: e2eFiles((name) => !E2E_SECOND_PORTAL.includes(name)),
      },
      sqliteSecond: { integration: integrationFiles((name) => OWN_PORTAL.includes(name)), e2e: e2eFiles((name) => E2E_SECOND_PORTAL.includes(name)) },
      selfContained: integrationFiles((name) => SELF_CONTAINED.includes(name)),
      postgres: { integration: postgresPassFiles(), e2e: e2eFiles((name) => E2E_ON_POSTGRES.includes(name)), e2eArgs: E2E_POSTGRES_PROJECTS },
      runnerArgs,
    };
  }
  const pick = (suite: string, match: (file: string) => boolean) => (names.includes(suite) ? [] : names.some(match) ? names.filter(match) : null);
  const unknown = names.filter((name) => !['unit', 'integration', 'e2e', 'postgres'].includes(name) && !/\.(int\.test|test|e2e)\.ts$/.test(name));
  if (unknown.length > 0) throw new UsageError(`Không hiểu tham số: ${unknown.join(' ')} (dùng unit, integration, e2e, postgres hoặc đường dẫn tệp kiểm thử).`);
  const integration = pick('integration', (name) => name.endsWith('.int.test.ts'));
  const e2e = pick('e2e', (name) => name.endsWith('.e2e.ts'));
  const unit = pick('unit', (name) => name.endsWith('.test.ts') && !name.endsWith('.int.test.ts'));
  const only = { check: false, unit, sqliteSecond: null, selfContained: null, runnerArgs };
  if (!names.includes('postgres')) return { ...only, sqlite: { integration, e2e }, postgres: null };
  // `postgres` alone: both passes; with files or suite names: just those, on PostgreSQL.
  const both = integration === null && e2e === null;
  return {
    ...only,
    sqlite: { integration: null, e2e: null },
    postgres: {
      integration: both ? postgresPassFiles() : integration && integration.length === 0 ? postgresPassFiles() : integration,
      e2e: both ? [] : e2e,
    },
  };
}

/**
 * The ports each lane's test processes pick from (PORTAL_TEST_PORTS, scripts/lib/stack.ts): below the
 * kernel's ephemeral range, where the portals `npm test` starts itself get theirs, and clear of the
 * services on these machines (PostgreSQL, Redis, RabbitMQ's 25672…).
 */
const LANE_PORTS = ['10000-12999', '13000-15999', '16000-18999'] as const;

const PG_INTEGRATION = 'tích hợp trên PostgreSQL';
const PG_E2E = 'đầu-cuối trên PostgreSQL';
const SELF_CONTAINED_NAME = 'tích hợp, các tệp tự khởi động cổng riêng';

async function main(args: string[]): Promise<number> {
  const chosen = selection(args);
  // Debian's packages and the builds take a fresh machine minutes, one on the disk and the network, the
  // other on the cores: side by side. apt-get takes one package list at a time, so its two steps follow.
  const tools = (async () => {
    if (chosen.sqlite.e2e !== null || (chosen.postgres?.e2e ?? null) !== null) await ensureChromium();
    // The district's generated configuration is checked by the real `nginx -t`.
    if (chosen.sqlite.integration !== null) await ensureTools([NGINX], { forWhat: 'cho kiểm thử tích hợp (nginx -t)', rerun: 'npm test' });
  })();
  // Without root to install with, the answer is known at once: given before minutes of building.
  await Promise.race([tools, new Promise((resolve) => setImmediate(resolve))]);
  const [toolsReady, built] = await Promise.allSettled([tools, prepare()]);
  if (toolsReady.status === 'rejected') throw toolsReady.reason;
  if (built.status === 'rejected') throw built.reason;
  // Loaded only now: the test helpers use packages that a fresh clone has just installed.
  const { startTestStack, toEnv } = await import('../tests/helpers/test-stack.ts');
  const { postgresAnswers, POSTGRES_REQUIRED, PG } = await import('../tests/helpers/postgres.ts');
  type Stack = Awaited<ReturnType<typeof startTestStack>>;
  const reports = path.join(root, 'test-results');
  const vitest = path.join(root, 'node_modules', 'vitest', 'vitest.mjs');
  const playwright = path.join(root, 'node_modules', '@playwright', 'test', 'cli.js');
  const results: boolean[] = [];
  mkdirSync(reports, { recursive: true });

  if (chosen.unit !== null) {
    const unitReport = path.join(reports, 'unit.json');
    results.push(
      await suite(
        'đơn vị (unit)',
        process.execPath,
        [vitest, 'run', '--project', 'unit', ...chosen.unit, ...chosen.runnerArgs, '--reporter=default', '--reporter=json', `--outputFile.json=${unitReport}`],
        {},
        () => vitestTally(unitReport),
      ),
    );
  }
  // The static checks do not need the portal: they run while it starts (the machine is otherwise mostly
  // waiting on Strapi's boot), after the unit tests, whose process-spawning tests want the cores, and are
  // waited for before the integration suite.
  const checksStarted = chosen.check ? step(`${CHECKS_TITLE} (song song với việc khởi động cổng thử)`) : 0;
  const checks: Promise<{ checked: CheckResult[]; seconds: number }> = chosen.check
    ? runChecks({ announce: false }).then((checked) => ({ checked, seconds: (Date.now() - checksStarted) / 1000 }))
    : Promise.resolve({ checked: [], seconds: 0 });
  const finishChecks = async () => {
    const { checked, seconds } = await checks;
    if (chosen.check) console.log(`\n${checked.every((c) => c.ok) ? '✓' : '✗'} Kiểm tra tĩnh xong sau ${seconds.toFixed(1)} s — ${summary(checked)}`);
    for (const { name, ok } of checked) {
      if (ok) continue;
      results.push(false);
      totals[name] = 'KHÔNG ĐẠT';
    }
  };

  const integrationSuite = (name: string, files: string[], env: Record<string, string>, report: string, logFile?: string) =>
    suite(
      name,
      process.execPath,
      [vitest, 'run', '--project', 'integration', ...files, ...chosen.runnerArgs, '--reporter=default', '--reporter=json', `--outputFile.json=${report}`],
      env,
      () => vitestTally(report),
      logFile,
    );
  const e2eSuite = (name: string, files: string[], env: Record<string, string>, reportName: string, logFile?: string, args: string[] = []) => {
    const report = path.join(reports, `${reportName}.json`);
    return suite(
      name,
      process.execPath,
      [playwright, 'test', ...files, '--output', path.join(reports, `${reportName}-artifacts`), ...args, ...chosen.runnerArgs],
      { ...env, PLAYWRIGHT_JSON_OUTPUT_NAME: report },
      () => playwrightTally(report),
      logFile,
    );
  };

  /** A portal whose CMS runs on a fresh PostgreSQL database; null when none answers and none is required. */
  const startPostgresStack = async (): Promise<Stack | null> => {
    if (!(await postgresAnswers())) {
      const where = `${PG.host}:${PG.port}`;
      if (POSTGRES_REQUIRED) throw new Error(`PostgreSQL ở ${where} không trả lời (POSTGRES_REQUIRED=1)`);
      console.log(`\n▷ Bỏ qua các lượt PostgreSQL: không có máy chủ PostgreSQL ở ${where} (đặt PGHOST/PGPORT/PGUSER nếu có).`);
      return null;
    }
    const started = step(`Khởi động cổng thử có CMS trên PostgreSQL ${PG.host}:${PG.port}…`);
    const pgStack = await startTestStack('postgres');
    done(started, `${pgStack.info.cmsUrl} · cơ sở dữ liệu ${pgStack.info.database.client === 'postgres' ? pgStack.info.database.name : ''}`);
    return pgStack;
  };
  const failed = (name: string) => (error: unknown) => {
    totals[name] = `KHÔNG CHẠY ĐƯỢC: ${error instanceof Error ? error.message : String(error)}`;
    return false;
  };
  /** Every portal started, stopped at the end whatever happened. */
  const running: Stack[] = [];
  const started = <T extends Stack | null>(stack: Promise<T>): Promise<T> =>
    stack.then((value) => {
      if (value) running.push(value);
      return value;
    });

  const wants = (run: PortalRun | null) => run !== null && (run.integration !== null || run.e2e !== null);
  const onPostgres = chosen.postgres;
  // The portals start at once: Strapi's boot mostly waits.
  const stackStarting = wants(chosen.sqlite) ? step('Khởi động cổng thông tin trên dữ liệu tạm để kiểm thử…') : 0;
  const stackPromise = wants(chosen.sqlite) ? started(startTestStack()) : Promise.resolve(null);
  const secondStarting = wants(chosen.sqliteSecond) ? step('Khởi động cổng thử thứ hai, CMS trên SQLite…') : 0;
  const secondPromise = wants(chosen.sqliteSecond) ? started(startTestStack()) : Promise.resolve(null);
  const pgStackPromise = onPostgres ? started(startPostgresStack()) : Promise.resolve(null);
  // None may be left running when another fails to start.
  const [stackResult, secondResult, pgResult] = await Promise.allSettled([stackPromise, secondPromise, pgStackPromise]);
  const stack = stackResult.status === 'fulfilled' ? stackResult.value : null;
  const second = secondResult.status === 'fulfilled' ? secondResult.value : null;
  const pgStack = pgResult.status === 'fulfilled' ? pgResult.value : null;
  try {
    if (stackResult.status === 'rejected') throw stackResult.reason;
    if (stack) done(stackStarting, `${stack.info.siteUrl} · ${stack.info.cmsUrl} · ${stack.info.workDir}`);
    if (second) done(secondStarting, `${second.info.siteUrl} · ${second.info.cmsUrl} · ${second.info.workDir}`);
    if (secondResult.status === 'rejected') {
      failed('cổng thử thứ hai trên SQLite')(secondResult.reason);
      results.push(false);
    }
    if (pgResult.status === 'rejected') {
      failed('các lượt trên PostgreSQL')(pgResult.reason);
      results.push(false);
    }
    await finishChecks();
    const env = stack ? toEnv(stack.info) : {};
    const laneLogs: string[] = [];
    const laneLog = (name: string) => {
      const file = path.join(reports, name);
      laneLogs.push(file);
      return file;
    };
    /**
     * A lane: one portal's integration files, then its end-to-end files. A full run has three side by side:
     * the SQLite portal's, a second SQLite portal's (the integration files that run a CMS of their own, and
     * the admin-heavy end-to-end files, E2E_SECOND_PORTAL), and the PostgreSQL portal's (with the
     * self-contained files between its passes). Measured on a fresh clone, two cores: three lanes keep
     * both busy (27 min, against 31 for two lanes that also ran every end-to-end file on PostgreSQL), so
     * what decides the time is the work; a fourth lane (a second PostgreSQL portal) slowed every lane
     * down, and its run still had half its suites to go at 26 min. The first lane prints as it goes; the
     * others write logs, printed afterwards.
     */
    interface Lane {
      portal: Stack;
      run: PortalRun;
      names: { integration: string; e2e: string };
      /** Report (and, but for the first lane, log) file names, without extension. */
      files: { integration: string; e2e: string };
      logs: boolean;
      ports: string;
    }
    const runLane = async ({ portal, run, names, files, logs, ports }: Lane): Promise<boolean[]> => {
      const out: boolean[] = [];
      const laneEnv = { ...toEnv(portal.info), PORTAL_TEST_PORTS: ports };
      if (run.integration !== null)
        out.push(
          await integrationSuite(
            names.integration,
            run.integration,
            laneEnv,
            path.join(reports, `${files.integration}.json`),
            logs ? laneLog(`${files.integration}.log`) : undefined,
          ).catch(failed(names.integration)),
        );
      if (run.e2e !== null)
        out.push(await e2eSuite(names.e2e, run.e2e, laneEnv, files.e2e, logs ? laneLog(`${files.e2e}.log`) : undefined, run.e2eArgs).catch(failed(names.e2e)));
      return out;
    };
    // They read nothing of the test portals; the first one's description keeps Vitest's global setup from starting another.
    const selfContainedSuite = async (logs: boolean, ports: string): Promise<boolean[]> =>
      chosen.selfContained && chosen.selfContained.length > 0
        ? [
            await integrationSuite(
              SELF_CONTAINED_NAME,
              chosen.selfContained,
              { ...env, PORTAL_TEST_PORTS: ports },
              path.join(reports, 'integration-self-contained.json'),
              logs ? laneLog('self-contained.log') : undefined,
            ).catch(failed(SELF_CONTAINED_NAME)),
          ]
        : [];
    const split = chosen.sqliteSecond !== null;
    const lanes: Promise<boolean[]>[] = [];
    if (stack)
      lanes.push(
        runLane({
          portal: stack,
          run: chosen.sqlite,
          names: { integration: 'tích hợp (integration)', e2e: split ? 'đầu-cuối (e2e, Chromium), phần một' : 'đầu-cuối (e2e, Chromium)' },
          files: { integration: 'integration', e2e: 'e2e' },
          logs: false,
          ports: LANE_PORTS[0],
        }),
      );
    if (chosen.sqliteSecond && second)
      lanes.push(
        runLane({
          portal: second,
          run: chosen.sqliteSecond,
          names: { integration: 'tích hợp, các tệp chạy CMS riêng (cổng thứ hai)', e2e: 'đầu-cuối (e2e, Chromium), phần hai (cổng thứ hai)' },
          files: { integration: 'integration-own-portal', e2e: 'e2e-second' },
          logs: true,
          ports: LANE_PORTS[1],
          // Without PostgreSQL the self-contained files come last here (those that need it then skip).
        }).then(async (out) => (pgStack ? out : [...out, ...(await selfContainedSuite(true, LANE_PORTS[1]))])),
      );
    else if (!pgStack) lanes.push(selfContainedSuite(true, LANE_PORTS[1]));
    if (onPostgres && pgStack)
      lanes.push(
        (async () => {
          const lane = {
            portal: pgStack,
            names: { integration: PG_INTEGRATION, e2e: PG_E2E },
            files: { integration: 'integration-postgres', e2e: 'e2e-postgres' },
            logs: true,
            ports: LANE_PORTS[2],
          };
          // The self-contained files between the two passes.
          return [
            ...(await runLane({ ...lane, run: { integration: onPostgres.integration, e2e: null } })),
            ...(await selfContainedSuite(true, LANE_PORTS[2])),
            ...(await runLane({ ...lane, run: { integration: null, e2e: onPostgres.e2e, e2eArgs: onPostgres.e2eArgs } })),
          ];
        })(),
      );
    for (const out of await Promise.all(lanes)) results.push(...out);
    const titles: Record<string, string> = {
      'integration-own-portal.log': 'Tích hợp, các tệp chạy CMS riêng, trên cổng thứ hai',
      'e2e-second.log': 'Đầu-cuối, phần hai, trên cổng SQLite thứ hai',
      'integration-postgres.log': 'Lượt tích hợp trên PostgreSQL',
      'e2e-postgres.log': 'Lượt đầu-cuối trên PostgreSQL',
      'self-contained.log': SELF_CONTAINED_NAME,
    };
    for (const log of laneLogs.filter((file) => existsSync(file))) {
      console.log(`\n──── ${titles[path.basename(log)] ?? path.basename(log)} (${path.relative(root, log)}) ────`);
      console.log(readFileSync(log, 'utf8'));
    }
  } finally {
    await Promise.all(running.map((portal) => portal.stop()));
  }
  return report(results);
}

function report(results: boolean[]): number {
  const sum = { passed: 0, failed: 0, skipped: 0 };
  console.log('\nKết quả:');
  for (const [name, tally] of Object.entries(totals)) {
    if (typeof tally === 'string') {
      console.log(`  ${name}: ${tally}`);
      sum.failed += 1;
      continue;
    }
    console.log(`  ${name}: ${tally.passed} đạt, ${tally.failed} lỗi, ${tally.skipped} bỏ qua`);
    sum.passed += tally.passed;
    sum.failed += tally.failed;
    sum.skipped += tally.skipped;
  }
  const failures = Object.entries(totals).flatMap(([name, tally]) => (typeof tally === 'string' ? [] : tally.failures.map((f) => `  ✗ ${name}: ${f}`)));
  if (failures.length > 0) console.log(`\nKiểm thử không đạt:\n${failures.join('\n')}`);
  console.log(`${sum.passed} passed, ${sum.failed} failed, ${sum.skipped} skipped`);
  return results.every(Boolean) ? 0 : 1;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    // A missing browser or a wrong argument is the user's to fix: one line, no stack trace.
    if (error instanceof MissingBrowserError || error instanceof MissingToolError || error instanceof UsageError)
      console.error(`\nKiểm thử không chạy được: ${error.message}`);
    else console.error(`\nKiểm thử không chạy được: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exit(1);
  },
);
