import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { backupCli, hashTree } from '../helpers/backup.ts';
import { snapshotOf } from '../helpers/db-snapshot.ts';
import { OwnCms } from '../helpers/own-cms.ts';
import { createDatabase, dropDatabase } from '../helpers/postgres.ts';
import { databaseEnv, freePort, stackOptions, testStack } from '../helpers/test-stack.ts';

const PASSPHRASE = 'kiem-thu-sao-luu-pg-2026-MNHH';

/**
 * The backup drill of a school on PostgreSQL, run by the PostgreSQL pass of `npm test`: pg_dump of the
 * running test portal, then pg_restore into an empty database, as an operator moving to a new server would.
 */
describe.skipIf(testStack().database.client !== 'postgres')('backup and restore drill on PostgreSQL', () => {
  const stack = testStack();
  let workDir: string;
  let target: string;
  let cms: OwnCms | undefined;

  beforeAll(async () => {
    workDir = mkdtempSync(path.join(tmpdir(), 'portal-pg-backup-'));
    target = await createDatabase('portal_restored');
  });

  afterAll(async () => {
    await cms?.stop();
    await dropDatabase(target);
    if (!process.env.KEEP_TEST_DATA) rmSync(workDir, { recursive: true, force: true });
  });

  it('restores every row, upload and account into an empty database, where the Ban giám hiệu can sign in', async () => {
    const base = { ...process.env, BACKUP_PASSPHRASE: PASSPHRASE, BACKUP_DIR: path.join(workDir, 'backups') };
    const before = { tables: await snapshotOf(stack), uploads: hashTree(path.join(stack.publicDir, 'uploads')) };
    expect(before.tables.articles?.rows).toBeGreaterThan(0);

    const backup = await backupCli([], { ...base, ...databaseEnv(stack), PUBLIC_DIR: stack.publicDir, CMS_PORT: new URL(stack.cmsUrl).port });
    expect(backup.stderr).toBe('');
    expect(backup.code).toBe(0);
    const [archive] = readdirSync(base.BACKUP_DIR).filter((name) => name.endsWith('.tar.gz.age'));
    expect(archive).toBeDefined();

    // Another server: an empty database, an empty uploads folder, a CMS that is not running.
    const cmsPort = await freePort();
    const options = stackOptions(workDir, cmsPort, await freePort());
    const restored = { databaseFile: options.databaseFile, database: { client: 'postgres' as const, name: target } };
    const restore = await backupCli(['restore', archive!, '--target', path.join(workDir, 'install')], {
      ...base,
      ...databaseEnv(restored),
      PUBLIC_DIR: options.publicDir,
      CMS_PORT: String(cmsPort),
    });
    expect(restore.stderr).toBe('');
    expect(restore.code).toBe(0);

    const after = { tables: await snapshotOf(restored), uploads: hashTree(path.join(options.publicDir, 'uploads')) };
    expect(after.uploads).toEqual(before.uploads);
    for (const table of ['admin_users', 'admin_roles', 'strapi_api_tokens', 'files', 'articles', 'directives']) {
      expect(after.tables[table], table).toEqual(before.tables[table]);
    }
    expect(after.tables).toEqual(before.tables);

    options.extraEnv = { ...options.extraEnv, ...databaseEnv(restored) };
    cms = new OwnCms(
      () => options,
      () => `http://127.0.0.1:${cmsPort}`,
      path.join(workDir, 'cms.log'),
    );
    await cms.start();
    const token = await cms.signIn('hieutruong@mnhiephoa.test');
    const directives = await cms.call<{ results: unknown[] }>(token, 'GET', '/content-manager/collection-types/api::directive.directive?page=1&pageSize=10');
    expect(directives.status).toBe(200);
    expect(directives.body.results.length).toBeGreaterThan(0);
  }, 300_000);
});
