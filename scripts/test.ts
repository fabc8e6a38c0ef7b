/**
 * `npm test`: prepares everything exactly as `npm start` does, starts one portal on temporary data,
 * then runs the static checks (scripts/lib/checks.ts), the unit, integration and end-to-end suites against it.
 * Exits non-zero if any check or test fails. With arguments it runs only what they name, without the checks:
 * `npm test -- unit`, `npm test -- tests/integration/cache.int.test.ts tests/e2e/home.e2e.ts --project=desktop`.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { CHECKS_TITLE, type CheckResult, runChecks, summary } from './lib/checks.ts';
import { ensureChromium, MissingBrowserError } from './lib/chromium.ts';
import { root } from './lib/paths.ts';
import { prepare } from './lib/prepare.ts';
import { done, run, step } from './lib/run.ts';

/** A mistake in the arguments: reported as one line, without a stack trace. */
class UsageError extends Error {}

interface Tally {
  passed: number;
  failed: number;
  skipped: number;
}
const totals: Record<string, Tally | string> = {};

function vitestTally(file: string): Tally | null {
  if (!existsSync(file)) return null;
  const report = JSON.parse(readFileSync(file, 'utf8')) as {
    numPassedTests: number;
    numFailedTests: number;
    numPendingTests: number;
    numTodoTests: number;
    testResults: { status: string; assertionResults: { status: string }[] }[];
  };
  // A file that fails to load runs no test; count it as a failure rather than hide it.
  const brokenFiles = report.testResults.filter((file) => file.status === 'failed' && !file.assertionResults.some((a) => a.status === 'failed')).length;
  return { passed: report.numPassedTests, failed: report.numFailedTests + brokenFiles, skipped: report.numPendingTests + report.numTodoTests };
}

function playwrightTally(file: string): Tally | null {
  if (!existsSync(file)) return null;
  const report = JSON.parse(readFileSync(file, 'utf8')) as { stats: { expected: number; unexpected: number; flaky: number; skipped: number } };
  return { passed: report.stats.expected + report.stats.flaky, failed: report.stats.unexpected, skipped: report.stats.skipped };
}

async function suite(name: string, command: string, args: string[], env: NodeJS.ProcessEnv, tally: () => Tally | null): Promise<boolean> {
  const started = step(`Chạy kiểm thử ${name}…`);
  let ok = true;
  try {
    await run(command, args, { cwd: root, env: { ...process.env, ...env } });
  } catch {
    ok = false;
  }
  const counted = tally();
  totals[name] = counted ?? 'không có báo cáo';
  if (!counted || counted.failed > 0 || counted.passed === 0) ok = false;
  done(started, ok ? 'đạt' : 'KHÔNG ĐẠT');
  return ok;
}

/** Which suites (and files) to run: everything, or what the arguments name (`npm test -- unit`, `npm test -- tests/e2e/home.e2e.ts`). */
function selection(args: string[]): { check: boolean; unit: string[] | null; integration: string[] | null; e2e: string[] | null; runnerArgs: string[] } {
  const runnerArgs = args.filter((arg) => arg.startsWith('-'));
  const names = args.filter((arg) => !arg.startsWith('-'));
  if (names.length === 0) return { check: true, unit: [], integration: [], e2e: [], runnerArgs };
  const pick = (suite: string, match: (file: string) => boolean) => (names.includes(suite) ? [] : names.some(match) ? names.filter(match) : null);
  const unknown = names.filter((name) => !['unit', 'integration', 'e2e'].includes(name) && !/\.(int\.test|test|e2e)\.ts$/.test(name));
  if (unknown.length > 0) throw new UsageError(`Không hiểu tham số: ${unknown.join(' ')} (dùng unit, integration, e2e hoặc đường dẫn tệp kiểm thử).`);
  return {
    check: false,
    unit: pick('unit', (name) => name.endsWith('.test.ts') && !name.endsWith('.int.test.ts')),
    integration: pick('integration', (name) => name.endsWith('.int.test.ts')),
    e2e: pick('e2e', (name) => name.endsWith('.e2e.ts')),
    runnerArgs,
  };
}

async function main(args: string[]): Promise<number> {
  const chosen = selection(args);
  const needsStack = chosen.integration !== null || chosen.e2e !== null;
  if (chosen.e2e !== null) await ensureChromium();
  await prepare();
  // Loaded only now: the test helpers use packages that a fresh clone has just installed.
  const { startTestStack, toEnv } = await import('../tests/helpers/test-stack.ts');
  const reports = path.join(root, 'test-results');
  const vitest = path.join(root, 'node_modules', 'vitest', 'vitest.mjs');
  const playwright = path.join(root, 'node_modules', '@playwright', 'test', 'cli.js');
  const results: boolean[] = [];

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

  if (!needsStack) {
    await finishChecks();
    return report(results);
  }

  const starting = step('Khởi động cổng thông tin trên dữ liệu tạm để kiểm thử…');
  const stack = await startTestStack();
  done(starting, `${stack.info.siteUrl} · ${stack.info.cmsUrl} · ${stack.info.workDir}`);
  try {
    await finishChecks();
    const env = toEnv(stack.info);
    if (chosen.integration !== null) {
      const integrationReport = path.join(reports, 'integration.json');
      results.push(
        await suite(
          'tích hợp (integration)',
          process.execPath,
          [
            vitest,
            'run',
            '--project',
            'integration',
            ...chosen.integration,
            ...chosen.runnerArgs,
            '--reporter=default',
            '--reporter=json',
            `--outputFile.json=${integrationReport}`,
          ],
          env,
          () => vitestTally(integrationReport),
        ),
      );
    }
    if (chosen.e2e !== null) {
      const e2eReport = path.join(reports, 'e2e.json');
      results.push(
        await suite(
          'đầu-cuối (e2e, Chromium)',
          process.execPath,
          [playwright, 'test', ...chosen.e2e, ...chosen.runnerArgs],
          { ...env, PLAYWRIGHT_JSON_OUTPUT_NAME: e2eReport },
          () => playwrightTally(e2eReport),
        ),
      );
    }
  } finally {
    await stack.stop();
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
  console.log(`${sum.passed} passed, ${sum.failed} failed, ${sum.skipped} skipped`);
  return results.every(Boolean) ? 0 : 1;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    // A missing browser or a wrong argument is the user's to fix: one line, no stack trace.
    if (error instanceof MissingBrowserError || error instanceof UsageError) console.error(`\nKiểm thử không chạy được: ${error.message}`);
    else console.error(`\nKiểm thử không chạy được: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exit(1);
  },
);
