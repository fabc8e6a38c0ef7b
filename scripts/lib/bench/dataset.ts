/**
 * The bench's own installation under .bench/data (database, uploads, demo accounts, outbox): loaded once per
 * generator version and scale, reused by the next run when both match, never the user's database.
 */
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { root } from '../paths.ts';
import { run } from '../run.ts';
import { cmsEnv, type StackOptions, seedIfNeeded } from '../stack.ts';
import { GENERATOR_VERSION } from './generate.ts';

export interface DatasetStamp {
  generatorVersion: number;
  scale: number;
  loadSeconds: number;
}

export function canReuse(stamp: DatasetStamp | null, scale: number, version = GENERATOR_VERSION): boolean {
  return stamp !== null && stamp.generatorVersion === version && stamp.scale === scale;
}

export function readStamp(file: string): DatasetStamp | null {
  if (!existsSync(file)) return null;
  try {
    const value = JSON.parse(readFileSync(file, 'utf8')) as Partial<DatasetStamp>;
    return typeof value.generatorVersion === 'number' && typeof value.scale === 'number' && typeof value.loadSeconds === 'number'
      ? (value as DatasetStamp)
      : null;
  } catch {
    return null;
  }
}

export interface LoadedDataset {
  reused: boolean;
  /** Seconds the load took (this run's, or the reused load's). */
  loadSeconds: number;
}

/** Reuses the loaded dataset when its version and scale match; otherwise wipes the bench data and loads it again. */
export async function ensureDataset(options: StackOptions, dataDir: string, scale: number): Promise<LoadedDataset> {
  const stampFile = path.join(dataDir, 'dataset.json');
  const stamp = readStamp(stampFile);
  if (canReuse(stamp, scale) && existsSync(options.databaseFile) && stamp) {
    // The demo content is loaded again only when the seeder changed (idempotent, a few seconds).
    await seedIfNeeded(options);
    return { reused: true, loadSeconds: stamp.loadSeconds };
  }
  rmSync(dataDir, { recursive: true, force: true });
  mkdirSync(dataDir, { recursive: true });
  const began = Date.now();
  await seedIfNeeded(options);
  // No site runs during the load: without a webhook secret the CMS sends no purges (and retries none).
  const env = { ...cmsEnv(options), WEBHOOK_SECRET: '' };
  await run(process.execPath, ['--disable-warning=MODULE_TYPELESS_PACKAGE_JSON', path.join(root, 'scripts', 'lib', 'bench', 'load.ts'), String(scale)], {
    cwd: root,
    env,
  });
  const loaded: DatasetStamp = { generatorVersion: GENERATOR_VERSION, scale, loadSeconds: Math.round((Date.now() - began) / 1000) };
  writeFileSync(stampFile, `${JSON.stringify(loaded, null, 2)}\n`);
  return { reused: false, loadSeconds: loaded.loadSeconds };
}
