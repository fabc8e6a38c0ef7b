/**
 * `npm test`: prepares everything exactly as `npm start` does, starts one portal on temporary data,
 * then runs the unit, integration and end-to-end suites against it. Exits non-zero if any test fails.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ensureChromium } from './lib/chromium.ts';
import { root } from './lib/paths.ts';
import { prepare } from './lib/prepare.ts';
import { done, run, step } from './lib/run.ts';

interface Tally { passed: number; failed: number; skipped: number }
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

async function main(): Promise<number> {
  await ensureChromium();
  await prepare();
  // Loaded only now: the test helpers use packages that a fresh clone has just installed.
  const { startTestStack, toEnv } = await import('../tests/helpers/test-stack.ts');
  const reports = path.join(root, 'test-results');
  const vitest = path.join(root, 'node_modules', 'vitest', 'vitest.mjs');
  const playwright = path.join(root, 'node_modules', '@playwright', 'test', 'cli.js');
  const results: boolean[] = [];

  const checking = step('Kiểm tra kiểu TypeScript (strict) của scripts/tests, CMS và trang công khai…');
  const tsc = path.join(root, 'node_modules', 'typescript', 'bin', 'tsc');
  try {
    for (const project of ['tsconfig.json', 'cms/tsconfig.json', 'cms/src/admin/tsconfig.json', 'site/tsconfig.json']) {
      await run(process.execPath, [tsc, '-p', project, '--noEmit'], { cwd: root });
    }
    done(checking, 'đạt');
  } catch {
    results.push(false);
    totals['kiểu TypeScript'] = 'có lỗi kiểu';
    done(checking, 'KHÔNG ĐẠT');
  }

  const unitReport = path.join(reports, 'unit.json');
  results.push(await suite('đơn vị (unit)', process.execPath, [vitest, 'run', '--project', 'unit', '--reporter=default', '--reporter=json', `--outputFile.json=${unitReport}`], {}, () => vitestTally(unitReport)));

  const starting = step('Khởi động cổng thông tin trên dữ liệu tạm để kiểm thử…');
  const stack = await startTestStack();
  done(starting, `${stack.info.siteUrl} · ${stack.info.cmsUrl} · ${stack.info.workDir}`);
  try {
    const env = toEnv(stack.info);
    const integrationReport = path.join(reports, 'integration.json');
    results.push(await suite('tích hợp (integration)', process.execPath, [vitest, 'run', '--project', 'integration', '--reporter=default', '--reporter=json', `--outputFile.json=${integrationReport}`], env, () => vitestTally(integrationReport)));
    const e2eReport = path.join(reports, 'e2e.json');
    results.push(await suite('đầu-cuối (e2e, Chromium)', process.execPath, [playwright, 'test'], { ...env, PLAYWRIGHT_JSON_OUTPUT_NAME: e2eReport }, () => playwrightTally(e2eReport)));
  } finally {
    await stack.stop();
  }

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

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`\nKiểm thử không chạy được: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exit(1);
  },
);
