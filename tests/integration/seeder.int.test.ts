import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ensureEnvFiles } from '../../scripts/lib/env-file.ts';
import { snapshotOf } from '../helpers/db-snapshot.ts';
import { databaseEnv, testStack } from '../helpers/test-stack.ts';

describe('the seeder', () => {
  it('changes nothing when it runs a second time', async () => {
    const stack = testStack();
    const before = await snapshotOf(stack);
    const output = execFileSync(process.execPath, [path.resolve('scripts/seed.ts')], {
      env: {
        ...ensureEnvFiles().cms,
        ...process.env,
        ...databaseEnv(stack),
        PUBLIC_DIR: stack.publicDir,
        DEMO_ACCOUNTS_FILE: stack.demoAccountsFile,
      },
      encoding: 'utf8',
    });
    expect(output).toMatch(/tạo mới 0, giữ nguyên \d+, tệp tải lên 0/);
    const after = await snapshotOf(stack);
    const changed = Object.keys(after).filter((table) => JSON.stringify(after[table]) !== JSON.stringify(before[table]));
    expect(changed).toEqual([]);
  });
});
