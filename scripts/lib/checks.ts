import { spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import path from 'node:path';
import { root, siteDir } from './paths.ts';
import { done, step } from './run.ts';

export interface CheckResult {
  name: string;
  ok: boolean;
}

/** Every TypeScript project: the root (scripts, tests), the CMS, its admin panel, the site and each workspace package. */
export function typeScriptProjects(): string[] {
  const packages = readdirSync(path.join(root, 'packages'))
    .map((name) => path.join('packages', name, 'tsconfig.json'))
    .filter((file) => existsSync(path.join(root, file)));
  return ['tsconfig.json', 'cms/tsconfig.json', 'cms/src/admin/tsconfig.json', 'site/tsconfig.json', ...packages];
}

export const CHECKS_TITLE = 'Kiểm tra tĩnh: kiểu TypeScript (strict) của mọi dự án, các tệp .astro (astro check), lint và định dạng (Biome)…';

export const summary = (results: CheckResult[]) => results.map(({ name, ok }) => `${name}: ${ok ? 'đạt' : 'KHÔNG ĐẠT'}`).join(', ');

interface Job {
  check: string;
  label: string;
  args: string[];
  cwd: string;
}

/** Runs one command with its output kept, so that parallel checks never interleave their reports. */
function runQuietly(job: Job): Promise<{ ok: boolean; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, job.args, { cwd: job.cwd, env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1', FORCE_COLOR: '0' } });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.stderr.on('data', (chunk: Buffer) => {
      output += chunk.toString();
    });
    child.on('error', (error) => resolve({ ok: false, output: `${output}${error.message}\n` }));
    child.on('exit', (code) => resolve({ ok: code === 0, output }));
  });
}

/**
 * The static checks: types, Astro templates, lint and format. Needs the dependencies installed (prepare).
 * The commands are independent, so they run side by side (one per core); each failure is printed whole.
 */
export async function runChecks(options: { announce?: boolean } = {}): Promise<CheckResult[]> {
  const announce = options.announce ?? true;
  const tsc = path.join(root, 'node_modules', 'typescript', 'bin', 'tsc');
  const astro = path.join(root, 'node_modules', 'astro', 'bin', 'astro.mjs');
  const biome = path.join(root, 'node_modules', '@biomejs', 'biome', 'bin', 'biome');
  const checks: [name: string, jobs: Job[]][] = [
    [
      'kiểu TypeScript',
      typeScriptProjects().map((project) => ({ check: 'kiểu TypeScript', label: `tsc -p ${project}`, args: [tsc, '-p', project, '--noEmit'], cwd: root })),
    ],
    ['astro check', [{ check: 'astro check', label: 'astro check (site/)', args: [astro, 'check'], cwd: siteDir }]],
    ['Biome (lint + định dạng)', [{ check: 'Biome (lint + định dạng)', label: 'biome check', args: [biome, 'check', '--colors=off', '.'], cwd: root }]],
  ];
  const started = announce ? step(CHECKS_TITLE) : Date.now();
  // Longest first: astro check, then the big TypeScript projects.
  const queue = [checks[1]![1][0]!, ...checks[0]![1], checks[2]![1][0]!];
  const failed = new Set<string>();
  const worker = async () => {
    for (let job = queue.shift(); job; job = queue.shift()) {
      const result = await runQuietly(job);
      if (result.ok) continue;
      failed.add(job.check);
      console.log(`\n✗ ${job.label}:\n${result.output.trimEnd()}\n`);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(availableParallelism(), 4)) }, worker));
  const results = checks.map(([name]) => ({ name, ok: !failed.has(name) }));
  if (announce) done(started, summary(results));
  return results;
}
