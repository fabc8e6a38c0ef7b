import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import path from 'node:path';
import type { Secrets } from './env-file.ts';
import { cmsDir, commonDir, root, siteDir, varDir } from './paths.ts';
import { done, npm, run, step } from './run.ts';
import { fingerprint, isFresh, markFresh } from './stamps.ts';

const lockfile = path.join(root, 'package-lock.json');
const workspaces = [cmsDir, siteDir, ...readdirSync(path.join(root, 'packages')).map((name) => path.join(root, 'packages', name))];
const manifests = [path.join(root, 'package.json'), ...workspaces.map((dir) => path.join(dir, 'package.json')).filter((file) => existsSync(file)), lockfile];
const stampDir = () => path.join(root, 'node_modules', '.portal');
const stamp = (name: string) => path.join(stampDir(), name);
const strapi = (args: string[]) => run(process.execPath, [path.join(root, 'node_modules', '@strapi', 'strapi', 'bin', 'strapi.js'), ...args], { cwd: cmsDir });

const commonInputs = [path.join(commonDir, 'src'), path.join(commonDir, 'tsconfig.json'), path.join(root, 'tsconfig.json')];

/**
 * The shared package is compiled once to JavaScript: the CMS runs compiled CommonJS and its admin panel,
 * the site, the monitor, the backups and these scripts all import the same files. Cheap when nothing
 * changed, so the monitor and backup commands call it too. True when it was rebuilt.
 */
export async function buildCommon(): Promise<boolean> {
  const commonPrint = fingerprint([...commonInputs, ...manifests]);
  if (isFresh(stamp('common'), commonPrint, [path.join(commonDir, 'dist')])) return false;
  mkdirSync(stampDir(), { recursive: true });
  const started = step('Dựng gói dùng chung (packages/common)…');
  await run(process.execPath, [path.join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', path.join(commonDir, 'tsconfig.json')], { cwd: root });
  markFresh(stamp('common'), commonPrint);
  done(started);
  return true;
}

export interface Prepared {
  secrets: Secrets;
  /** Steps that were redone, for the summary. */
  rebuilt: string[];
}

/**
 * Everything both README commands need before anything runs: secrets, dependencies, Strapi's types,
 * the admin panel and the site. Each step is skipped when its inputs are unchanged since it last ran.
 */
export async function prepare(): Promise<Prepared> {
  mkdirSync(varDir, { recursive: true });
  // Strapi's upload provider refuses to load without its folder, even to generate types; git keeps no empty folders.
  mkdirSync(path.join(path.resolve(cmsDir, process.env.PUBLIC_DIR ?? 'public'), 'uploads'), { recursive: true });
  const rebuilt: string[] = [];

  const installPrint = fingerprint(manifests, process.version);
  if (!isFresh(stamp('install'), installPrint, [path.join(root, 'node_modules', '@strapi', 'strapi')])) {
    const started = step('Cài đặt thư viện bằng npm ci (lần đầu mất 1–3 phút)…');
    const [command, args] = npm(['ci', '--no-audit', '--no-fund']);
    await run(command, args, { cwd: root });
    mkdirSync(stampDir(), { recursive: true });
    markFresh(stamp('install'), installPrint);
    rebuilt.push('install');
    done(started);
  }
  mkdirSync(stampDir(), { recursive: true });

  if (await buildCommon()) rebuilt.push('common');
  // Only now: reading and writing the .env files uses the shared package, just compiled.
  const { ensureEnvFiles } = await import('./env-file.ts');
  const secrets = ensureEnvFiles();

  const schemaInputs = [path.join(cmsDir, 'src', 'api'), path.join(cmsDir, 'src', 'components')];
  const typesPrint = fingerprint([...schemaInputs, lockfile]);
  const typesFile = path.join(cmsDir, 'types', 'generated', 'contentTypes.d.ts');
  if (!isFresh(stamp('types'), typesPrint, [typesFile])) {
    const started = step('Sinh kiểu TypeScript từ schema của Strapi…');
    await strapi(['ts:generate-types']);
    markFresh(stamp('types'), typesPrint);
    rebuilt.push('types');
    done(started);
  }

  const cmsPrint = fingerprint([...commonInputs, path.join(cmsDir, 'src'), path.join(cmsDir, 'config'), path.join(cmsDir, 'tsconfig.json'), ...manifests]);
  if (!isFresh(stamp('cms-build'), cmsPrint, [path.join(cmsDir, 'dist', 'build', 'index.html'), path.join(cmsDir, 'dist', 'src', 'index.js')])) {
    const started = step('Dựng CMS và giao diện quản trị (khoảng 1 phút)…');
    await strapi(['build']);
    markFresh(stamp('cms-build'), cmsPrint);
    rebuilt.push('cms');
    done(started);
  }

  const sitePrint = fingerprint([
    ...commonInputs,
    path.join(siteDir, 'src'),
    path.join(siteDir, 'public'),
    path.join(siteDir, 'astro.config.mjs'),
    path.join(siteDir, 'tsconfig.json'),
    ...schemaInputs,
    ...manifests,
  ]);
  if (!isFresh(stamp('site-build'), sitePrint, [path.join(siteDir, 'dist', 'server', 'entry.mjs')])) {
    const started = step('Dựng trang công khai (Astro)…');
    await run(process.execPath, [path.join(root, 'node_modules', 'astro', 'bin', 'astro.mjs'), 'build'], {
      cwd: siteDir,
      env: { ...process.env, ASTRO_TELEMETRY_DISABLED: '1' },
    });
    markFresh(stamp('site-build'), sitePrint);
    rebuilt.push('site');
    done(started);
  }
  return { secrets, rebuilt };
}
