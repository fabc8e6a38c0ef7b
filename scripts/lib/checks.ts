import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { root, siteDir } from './paths.ts';
import { done, run, step } from './run.ts';

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

async function check(name: string, title: string, commands: [string, string[], string][]): Promise<CheckResult> {
  const started = step(title);
  let ok = true;
  // Every command runs even after a failure, so that one run lists all the problems.
  for (const [command, args, cwd] of commands) {
    try {
      await run(command, args, { cwd, env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' } });
    } catch {
      ok = false;
    }
  }
  done(started, ok ? 'đạt' : 'KHÔNG ĐẠT');
  return { name, ok };
}

/** The static checks: types, Astro templates, lint and format. Needs the dependencies installed (prepare). */
export async function runChecks(): Promise<CheckResult[]> {
  const node = process.execPath;
  const tsc = path.join(root, 'node_modules', 'typescript', 'bin', 'tsc');
  const astro = path.join(root, 'node_modules', 'astro', 'bin', 'astro.mjs');
  const biome = path.join(root, 'node_modules', '@biomejs', 'biome', 'bin', 'biome');
  return [
    await check(
      'kiểu TypeScript',
      'Kiểm tra kiểu TypeScript (strict) của scripts/tests, CMS, trang quản trị, trang công khai và packages/…',
      typeScriptProjects().map((project) => [node, [tsc, '-p', project, '--noEmit'], root]),
    ),
    await check('astro check', 'Kiểm tra các tệp .astro của trang công khai (astro check)…', [[node, [astro, 'check'], siteDir]]),
    await check('Biome (lint + định dạng)', 'Kiểm tra lint và định dạng bằng Biome…', [[node, [biome, 'check', '--colors=off', '.'], root]]),
  ];
}
