import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ensureEnvFiles } from '../../scripts/lib/env-file.ts';
import { snapshotOf } from '../helpers/db-snapshot.ts';
import { copySharedDatabase } from '../helpers/own-cms.ts';
import { databaseEnv, type TestStackInfo, testStack } from '../helpers/test-stack.ts';

type Target = Pick<TestStackInfo, 'databaseFile' | 'database' | 'publicDir' | 'demoAccountsFile'>;

/**
 * The database the second run seeds. On SQLite, an online copy of the shared one with its uploads: `npm start`
 * seeds before the CMS starts, and a seeder beside a running CMS on one SQLite file can fail with "database
 * is locked" (two transactions that read, then write, at once: SQLite refuses one without waiting), as it did
 * once on a loaded CI machine. PostgreSQL takes both at once, so its pass seeds the shared database itself.
 */
async function seededTarget(stack: TestStackInfo): Promise<{ target: Target; cleanup(): void }> {
  if (stack.database.client === 'postgres') return { target: stack, cleanup() {} };
  const workDir = mkdtempSync(path.join(tmpdir(), 'portal-seeder-test-'));
  const databaseFile = await copySharedDatabase(workDir);
  const publicDir = path.join(workDir, 'public');
  cpSync(path.join(stack.publicDir, 'uploads'), path.join(publicDir, 'uploads'), { recursive: true });
  return { target: { ...stack, databaseFile, publicDir }, cleanup: () => rmSync(workDir, { recursive: true, force: true }) };
}

describe('the seeder', () => {
  it('changes nothing when it runs a second time', async () => {
    const { target, cleanup } = await seededTarget(testStack());
    try {
      const before = await snapshotOf(target);
      const output = execFileSync(process.execPath, [path.resolve('scripts/seed.ts')], {
        env: {
          ...ensureEnvFiles().cms,
          ...process.env,
          ...databaseEnv(target),
          PUBLIC_DIR: target.publicDir,
          DEMO_ACCOUNTS_FILE: target.demoAccountsFile,
        },
        encoding: 'utf8',
      });
      expect(output).toMatch(/tạo mới 0, giữ nguyên \d+, tệp tải lên 0/);
      const after = await snapshotOf(target);
      const changed = Object.keys(after).filter((table) => JSON.stringify(after[table]) !== JSON.stringify(before[table]));
      expect(changed).toEqual([]);
    } finally {
      cleanup();
    }
  });
});
