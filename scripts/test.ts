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
 * portals) and read nothing of the shared test portals: in a full run they go in the PostgreSQL lane,
 * after its integration pass, so that the two lanes take about as long as each other (measured on a fresh
 * clone: 900 s of SQLite integration, of which these three took 290 s, against 265 s on PostgreSQL).
 */
const SELF_CONTAINED = ['start-command.int.test.ts', 'postgres-seeder.int.test.ts', 'district.int.test.ts'];

const integrationFiles = (keep: (name: string) => boolean): string[] => {
  const dir = path.join(root, 'tests', 'integration');
  return readdirSync(dir)
    .filter((name) => name.endsWith('.int.test.ts') && keep(name))
    .sort()
    .map((name) => path.join('tests', 'integration', name));
};

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

interface Selection {
  check: boolean;
  unit: string[] | null;
  integration: string[] | null;
  /** Integration files run after the PostgreSQL lane's integration pass (or after the SQLite one when there is no PostgreSQL). */
  selfContained: string[] | null;
  e2e: string[] | null;
  /** The suites (and files) to run a second time on a portal whose CMS is on PostgreSQL. */
  postgres: { integration: string[] | null; e2e: string[] | null } | null;
  runnerArgs: string[];
}

/**
 * Which suites (and files) to run: everything, or what the arguments name (`npm test -- unit`,
 * `npm test -- tests/e2e/home.e2e.ts`). `postgres` runs the named integration and end-to-end files (or
 * both PostgreSQL passes) on PostgreSQL instead of SQLite: `npm test -- postgres tests/integration/workflow.int.test.ts`.
 */
function selection(args: string[]): Selection {
  const runnerArgs = args.filter((arg) => arg.startsWith('-'));
  const names = args.filter((arg) => !arg.startsWith('-'));
  if (names.length === 0) {
    return {
      check: true,
      unit: [],
      integration: integrationFiles((name) => !SELF_CONTAINED.includes(name)),
      selfContained: integrationFiles((name) => SELF_CONTAINED.includes(name)),
      e2e: [],
      postgres: { integration: postgresPassFiles(), e2e: [] },
      runnerArgs,
    };
  }
  const pick = (suite: string, match: (file: string) => boolean) => (names.includes(suite) ? [] : names.some(match) ? names.filter(match) : null);
  const unknown = names.filter((name) => !['unit', 'integration', 'e2e', 'postgres'].includes(name) && !/\.(int\.test|test|e2e)\.ts$/.test(name));
  if (unknown.length > 0) throw new UsageError(`Không hiểu tham số: ${unknown.join(' ')} (dùng unit, integration, e2e, postgres hoặc đường dẫn tệp kiểm thử).`);
  const integration = pick('integration', (name) => name.endsWith('.int.test.ts'));
  const e2e = pick('e2e', (name) => name.endsWith('.e2e.ts'));
  const unit = pick('unit', (name) => name.endsWith('.test.ts') && !name.endsWith('.int.test.ts'));
  if (!names.includes('postgres')) return { check: false, unit, integration, selfContained: null, e2e, postgres: null, runnerArgs };
  // `postgres` alone: both passes; with files or suite names: just those, on PostgreSQL.
  const both = integration === null && e2e === null;
  return {
    check: false,
    unit,
    integration: null,
    selfContained: null,
    e2e: null,
    postgres: {
      integration: both ? postgresPassFiles() : integration && integration.length === 0 ? postgresPassFiles() : integration,
      e2e: both ? [] : e2e,
    },
    runnerArgs,
  };
}

const PG_INTEGRATION = 'tích hợp trên PostgreSQL';
const PG_E2E = 'đầu-cuối trên PostgreSQL';
const SELF_CONTAINED_NAME = 'tích hợp, các tệp tự khởi động cổng riêng';

async function main(args: string[]): Promise<number> {
  const chosen = selection(args);
  if (chosen.e2e !== null || (chosen.postgres?.e2e ?? null) !== null) await ensureChromium();
  // The district's generated configuration is checked by the real `nginx -t`.
  if (chosen.integration !== null) await ensureTools([NGINX], { forWhat: 'cho kiểm thử tích hợp (nginx -t)', rerun: 'npm test' });
  await prepare();
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
  const e2eSuite = (name: string, files: string[], env: Record<string, string>, reportName: string, logFile?: string) => {
    const report = path.join(reports, `${reportName}.json`);
    return suite(
      name,
      process.execPath,
      [playwright, 'test', ...files, '--output', path.join(reports, `${reportName}-artifacts`), ...chosen.runnerArgs],
      { ...env, PLAYWRIGHT_JSON_OUTPUT_NAME: report },
      () => playwrightTally(report),
      logFile,
    );
  };

  /** The second portal, whose CMS runs on a fresh PostgreSQL database; null when none answers and none is required. */
  const startPostgresStack = async (): Promise<Stack | null> => {
    if (!(await postgresAnswers())) {
      const where = `${PG.host}:${PG.port}`;
      if (POSTGRES_REQUIRED) throw new Error(`PostgreSQL ở ${where} không trả lời (POSTGRES_REQUIRED=1)`);
      console.log(`\n▷ Bỏ qua các lượt PostgreSQL: không có máy chủ PostgreSQL ở ${where} (đặt PGHOST/PGPORT/PGUSER nếu có).`);
      return null;
    }
    const started = step(`Khởi động cổng thử thứ hai, CMS trên PostgreSQL ${PG.host}:${PG.port}…`);
    const pgStack = await startTestStack('postgres');
    done(started, `${pgStack.info.cmsUrl} · cơ sở dữ liệu ${pgStack.info.database.client === 'postgres' ? pgStack.info.database.name : ''}`);
    return pgStack;
  };
  const failed = (name: string) => (error: unknown) => {
    totals[name] = `KHÔNG CHẠY ĐƯỢC: ${error instanceof Error ? error.message : String(error)}`;
    return false;
  };

  const needsStack = chosen.integration !== null || chosen.e2e !== null;
  const onPostgres = chosen.postgres;
  // Both portals start at once: Strapi's boot mostly waits, and so does much of the integration suite.
  const stackStarting = needsStack ? step('Khởi động cổng thông tin trên dữ liệu tạm để kiểm thử…') : 0;
  const stackPromise = needsStack ? startTestStack() : Promise.resolve(null);
  const pgStackPromise = onPostgres ? startPostgresStack() : Promise.resolve(null);
  // Neither may be left running when the other fails to start.
  const [stackResult, pgResult] = await Promise.allSettled([stackPromise, pgStackPromise]);
  const stack = stackResult.status === 'fulfilled' ? stackResult.value : null;
  const pgStack = pgResult.status === 'fulfilled' ? pgResult.value : null;
  try {
    if (stackResult.status === 'rejected') throw stackResult.reason;
    if (stack) done(stackStarting, `${stack.info.siteUrl} · ${stack.info.cmsUrl} · ${stack.info.workDir}`);
    if (pgResult.status === 'rejected') {
      failed('các lượt trên PostgreSQL')(pgResult.reason);
      results.push(false);
    }
    await finishChecks();
    const env = stack ? toEnv(stack.info) : {};
    const pgEnv = pgStack ? toEnv(pgStack.info) : {};
    const pgLogs: string[] = [];
    const pgLogFile = (name: string) => {
      const file = path.join(reports, name);
      pgLogs.push(file);
      return file;
    };
    // Two lanes side by side, one per portal: SQLite (integration, then end-to-end) and PostgreSQL
    // (the same), the second's output in logs printed afterwards. Each suite mostly waits on Strapi, on
    // the browser or on its own child processes (measured: about half a core each on two cores), so the
    // lanes together take little longer than the longer one.
    const selfContainedSuite = (suiteEnv: Record<string, string>, logFile?: string) =>
      integrationSuite(SELF_CONTAINED_NAME, chosen.selfContained ?? [], suiteEnv, path.join(reports, 'integration-self-contained.json'), logFile);
    const sqliteLane = async (): Promise<boolean[]> => {
      const out: boolean[] = [];
      if (chosen.integration !== null)
        out.push(await integrationSuite('tích hợp (integration)', chosen.integration, env, path.join(reports, 'integration.json')));
      if (chosen.selfContained && !pgStack) out.push(await selfContainedSuite(env));
      if (chosen.e2e !== null) out.push(await e2eSuite('đầu-cuối (e2e, Chromium)', chosen.e2e, env, 'e2e'));
      return out;
    };
    const postgresLane = async (): Promise<boolean[]> => {
      if (!pgStack || !onPostgres) return [];
      const out: boolean[] = [];
      if (onPostgres.integration)
        out.push(
          await integrationSuite(
            PG_INTEGRATION,
            onPostgres.integration,
            pgEnv,
            path.join(reports, 'integration-postgres.json'),
            pgLogFile('postgres.log'),
          ).catch(failed(PG_INTEGRATION)),
        );
      if (chosen.selfContained) out.push(await selfContainedSuite(env, pgLogFile('self-contained.log')).catch(failed(SELF_CONTAINED_NAME)));
      if (onPostgres.e2e) out.push(await e2eSuite(PG_E2E, onPostgres.e2e, pgEnv, 'e2e-postgres', pgLogFile('e2e-postgres.log')).catch(failed(PG_E2E)));
      return out;
    };
    const [sqliteResults, postgresResults] = await Promise.all([sqliteLane(), postgresLane()]);
    results.push(...sqliteResults, ...postgresResults);
    for (const log of pgLogs.filter((file) => existsSync(file))) {
      const title =
        { 'postgres.log': 'Lượt tích hợp trên PostgreSQL', 'self-contained.log': SELF_CONTAINED_NAME }[path.basename(log)] ?? 'Lượt đầu-cuối trên PostgreSQL';
      console.log(`\n──── ${title} (${path.relative(root, log)}) ────`);
      console.log(readFileSync(log, 'utf8'));
    }
  } finally {
    await Promise.all([stack?.stop(), pgStack?.stop()]);
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
