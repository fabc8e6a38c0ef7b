import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ensureEnvFiles } from '../../scripts/lib/env-file.ts';
import { snapshot } from '../helpers/db-snapshot.ts';
import { testStack } from '../helpers/test-stack.ts';

describe('the seeder', () => {
  it('changes nothing when it runs a second time', () => {
    const stack = testStack();
    const before = snapshot(stack.databaseFile);
    const output = execFileSync(process.execPath, [path.resolve('scripts/seed.ts')], {
      env: {
        ...ensureEnvFiles().cms,
        ...process.env,
        DATABASE_FILENAME: stack.databaseFile,
        PUBLIC_DIR: stack.publicDir,
        DEMO_ACCOUNTS_FILE: stack.demoAccountsFile,
      },
      encoding: 'utf8',
    });
    expect(output).toMatch(/tạo mới 0, giữ nguyên \d+, tệp tải lên 0/);
    const after = snapshot(stack.databaseFile);
    const changed = Object.keys(after).filter((table) => JSON.stringify(after[table]) !== JSON.stringify(before[table]));
    expect(changed).toEqual([]);
  });
});
