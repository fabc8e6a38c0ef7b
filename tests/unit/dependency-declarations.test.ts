/**
 * Every workspace declares the packages its code imports, so nothing works only because npm happened to
 * hoist another workspace's dependency; and declares nothing it never imports.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..', '..');

interface Manifest {
  dependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
}

/** Workspace folder → the folders whose code it owns (the root owns the launchers and the tests). */
const WORKSPACES: Record<string, string[]> = {
  '.': ['scripts', 'tests', 'playwright.config.ts', 'vitest.config.ts'],
  cms: ['cms/src', 'cms/config', 'cms/scripts'],
  site: ['site/src', 'site/astro.config.mjs'],
  'packages/common': ['packages/common/src'],
  'packages/monitor': ['packages/monitor/src'],
  'packages/backups': ['packages/backups/src'],
};

/**
 * Declared on purpose without an import: loaded by name by Strapi (database drivers, providers, plugins)
 * or by a tool (the Astro adapter in astro.config, type packages, the runners themselves).
 */
const LOADED_BY_NAME: Record<string, string[]> = {
  // s3rver: the S3 server the tests start as a process of its own (tests/helpers/s3-server.ts).
  '.': ['@types/', 'typescript', 'vitest', '@biomejs/biome', '@astrojs/check', 'vite', 'lighthouse', '@portal/', 's3rver'],
  cms: [
    'better-sqlite3',
    'pg',
    '@strapi/plugin-users-permissions',
    '@strapi/provider-email-nodemailer',
    'react',
    'react-dom',
    'react-router-dom',
    'styled-components',
    '@strapi/design-system',
    '@strapi/icons',
  ],
  site: ['@strapi/strapi'],
  'packages/monitor': ['@types/'],
  'packages/backups': ['@types/'],
};

/** Static imports and re-exports (possibly over several lines), side-effect imports, import(), require() and createRequire(…)(). */
const SPECIFIER = /(?:^(?:import|export)\b[^;'"]*?\sfrom\s*|^import\s+|\bimport\s*\(\s*|\brequire\s*\(\s*|createRequire\([^)]*\)\s*\(\s*)['"]([^'"]+)['"]/gm;

function packageName(specifier: string): string | null {
  if (specifier.startsWith('.') || specifier.startsWith('/') || specifier.startsWith('node:') || specifier.startsWith('astro:')) return null;
  if (builtinModules.includes(specifier.split('/')[0]!)) return null;
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0]!;
}

function importedBy(folders: string[]): Map<string, string> {
  const files = execFileSync('git', ['ls-files', ...folders], { cwd: root, encoding: 'utf8' })
    .split('\n')
    .filter((file) => /\.(ts|tsx|mjs|js|astro)$/.test(file));
  const found = new Map<string, string>();
  for (const file of files) {
    for (const match of readFileSync(path.join(root, file), 'utf8').matchAll(SPECIFIER)) {
      const name = packageName(match[1]!);
      if (name && !found.has(name)) found.set(name, file);
    }
  }
  return found;
}

function declared(workspace: string): Set<string> {
  const manifest = JSON.parse(readFileSync(path.join(root, workspace, 'package.json'), 'utf8')) as Manifest;
  return new Set([
    ...Object.keys(manifest.dependencies ?? {}),
    ...Object.keys(manifest.devDependencies ?? {}),
    ...Object.keys(manifest.peerDependencies ?? {}),
  ]);
}

describe('dependency declarations', () => {
  for (const [workspace, folders] of Object.entries(WORKSPACES)) {
    it(`${workspace === '.' ? 'the root' : workspace} declares every package its code imports`, () => {
      const own = declared(workspace);
      const undeclared = [...importedBy(folders)].filter(([name]) => !own.has(name)).map(([name, file]) => `${name} (${file})`);
      expect(undeclared).toEqual([]);
    });

    it(`${workspace === '.' ? 'the root' : workspace} declares nothing it does not use`, () => {
      const used = importedBy(folders);
      const allowed = LOADED_BY_NAME[workspace] ?? [];
      const unused = [...declared(workspace)].filter(
        (name) => !used.has(name) && !allowed.some((prefix) => name === prefix || (prefix.endsWith('/') && name.startsWith(prefix))),
      );
      expect(unused).toEqual([]);
    });
  }
});
