/**
 * Restore drill on a portal of its own (own data, own ports): the shared test portal is never touched.
 * The steps build on each other in order, like an operator's drill: back up while running, lose the
 * data, restore, and check that everything came back; then the failure cases.
 */
import { spawn } from 'node:child_process';
import { randomFillSync } from 'node:crypto';
import { once } from 'node:events';
import {
  closeSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  truncateSync,
  writeSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArchiveName } from '@portal/backups/names';
import { dayKey } from '@portal/backups/prune';
import { integrityProblems } from '@portal/backups/sqlite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureDemoAccounts } from '../../scripts/lib/demo-accounts.ts';
import { root } from '../../scripts/lib/paths.ts';
import { type Stack, type StackOptions, seedIfNeeded, startStack } from '../../scripts/lib/stack.ts';
import { BACKUP_CLI, backupCli, hashTree } from '../helpers/backup.ts';
import { snapshot } from '../helpers/db-snapshot.ts';
import { freePort, stackOptions, TEST_PASSWORD } from '../helpers/test-stack.ts';
import { waitFor } from '../helpers/wait.ts';

const PASSPHRASE = 'kiem-thu-sao-luu-2026-MNHH';
const ARCHIVE = /^portal-backup-\d{8}-\d{6}(-\d+)?\.tar\.gz\.age$/;
const PAGES = ['/', '/van-ban/quyet-dinh-380-qd-mnhh', '/tin-tuc'];

let workDir: string;
let options: StackOptions;
let stack: Stack | undefined;
let env: NodeJS.ProcessEnv;
let backups: string;
let offsite: string;
let install: string;
let firstArchive: string;

const archivesIn = (dir: string) =>
  existsSync(dir)
    ? readdirSync(dir)
        .filter((name) => ARCHIVE.test(name))
        .sort()
    : [];
const uploadsDir = () => path.join(options.publicDir, 'uploads');

async function pages(siteUrl: string): Promise<Record<string, string>> {
  const bodies: Record<string, string> = {};
  for (const page of PAGES) {
    const response = await fetch(`${siteUrl}${page}`);
    expect(response.status, page).toBe(200);
    bodies[page] = await response.text();
  }
  return bodies;
}

async function adminCanSignIn(cmsUrl: string): Promise<boolean> {
  const response = await fetch(`${cmsUrl}/admin/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ email: 'admin@mnhiephoa.test', password: TEST_PASSWORD }),
  });
  return response.status === 200;
}

function flipMiddleByte(file: string): void {
  const middle = Math.floor(statSync(file).size / 2);
  const fd = openSync(file, 'r+');
  try {
    const byte = Buffer.alloc(1);
    const read = readFileSync(file).subarray(middle, middle + 1);
    byte[0] = read[0]! ^ 0x01;
    writeSync(fd, byte, 0, 1, middle);
  } finally {
    closeSync(fd);
  }
}

beforeAll(async () => {
  workDir = mkdtempSync(path.join(tmpdir(), 'portal-backup-test-'));
  options = stackOptions(workDir, await freePort(), await freePort());
  backups = path.join(workDir, 'backups');
  offsite = path.join(workDir, 'offsite');
  install = path.join(workDir, 'install');
  env = {
    ...process.env,
    BACKUP_PASSPHRASE: PASSPHRASE,
    BACKUP_DIR: backups,
    BACKUP_COPY_DIR: offsite,
    DATABASE_CLIENT: 'sqlite',
    DATABASE_FILENAME: options.databaseFile,
    PUBLIC_DIR: options.publicDir,
    DEMO_ACCOUNTS_FILE: options.demoAccountsFile,
    CMS_PORT: String(options.cmsPort),
  };
  ensureDemoAccounts(options.demoAccountsFile, TEST_PASSWORD);
  await seedIfNeeded(options);
  stack = await startStack(options);
}, 300_000);

afterAll(async () => {
  await stack?.stop();
  if (workDir && !process.env.KEEP_TEST_DATA) rmSync(workDir, { recursive: true, force: true });
});

describe('backup and restore drill', () => {
  it('brings back every row, upload, admin account, API token and page after the data is lost', async () => {
    const before = { tables: snapshot(options.databaseFile), uploads: hashTree(uploadsDir()), pages: await pages(stack!.siteUrl) };
    expect(Object.keys(before.uploads).length).toBeGreaterThan(10);

    const backup = await backupCli([], env);
    expect(backup.stderr).toBe('');
    expect(backup.code).toBe(0);
    expect(backup.stdout).toMatch(/Đã sao lưu: .*portal-backup-/);
    expect(backup.stdout).toMatch(/tệp, [\d.]+ MB\/[\d.]+ MB/);
    [firstArchive = ''] = archivesIn(backups);
    expect(firstArchive).toMatch(ARCHIVE);
    expect(archivesIn(offsite)).toEqual([firstArchive]);
    expect(statSync(path.join(backups, firstArchive)).mode & 0o777).toBe(0o600);
    // Secrets only ever inside the encrypted archive: no plaintext left next to it.
    expect(readdirSync(backups).sort()).toEqual([firstArchive, `${firstArchive}.json`]);
    const secret = readFileSync(path.join(root, 'cms', '.env'), 'utf8').match(/ADMIN_JWT_SECRET=(.+)/)?.[1] ?? 'missing';
    expect(readFileSync(path.join(backups, firstArchive)).includes(secret)).toBe(false);

    const verify = await backupCli(['verify', firstArchive], env);
    expect(verify.code).toBe(0);
    expect(verify.stdout).toMatch(/Bản sao lưu tốt/);

    await stack!.stop();
    stack = undefined;
    for (const file of [options.databaseFile, `${options.databaseFile}-journal`, `${options.databaseFile}-wal`]) rmSync(file, { force: true });
    rmSync(uploadsDir(), { recursive: true, force: true });

    const restore = await backupCli(['restore', firstArchive, '--target', install], env);
    expect(restore.stderr).toBe('');
    expect(restore.code).toBe(0);
    expect(readFileSync(path.join(install, 'cms', '.env'), 'utf8')).toBe(readFileSync(path.join(root, 'cms', '.env'), 'utf8'));
    expect(statSync(path.join(install, 'cms', '.env')).mode & 0o777).toBe(0o600);

    stack = await startStack(options);
    const after = { tables: snapshot(options.databaseFile), uploads: hashTree(uploadsDir()), pages: await pages(stack.siteUrl) };
    expect(after.uploads).toEqual(before.uploads);
    for (const table of ['admin_users', 'admin_roles', 'admin_users_roles_lnk', 'admin_permissions', 'strapi_api_tokens', 'files', 'articles', 'directives']) {
      expect(after.tables[table], table).toEqual(before.tables[table]);
    }
    expect(after.tables).toEqual(before.tables);
    expect(after.pages).toEqual(before.pages);
    expect(await adminCanSignIn(stack.cmsUrl)).toBe(true);
  });

  it('refuses to restore over the portal while it is running, and changes nothing', async () => {
    const before = snapshot(options.databaseFile);
    const result = await backupCli(['restore', firstArchive, '--target', install], env);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/CMS đang chạy tại .*\/_health/);
    expect(snapshot(options.databaseFile)).toEqual(before);
    expect(readdirSync(install).filter((name) => name.startsWith('.'))).toEqual([]);
  });

  it('leaves no archive and no harm when the backup is killed with SIGKILL half-way', async () => {
    const large = path.join(uploadsDir(), 'zz-kiem-thu-tep-lon.bin');
    const fd = openSync(large, 'w');
    const chunk = Buffer.alloc(1024 * 1024);
    for (let i = 0; i < 160; i += 1) writeSync(fd, randomFillSync(chunk));
    closeSync(fd);

    const archivesBefore = archivesIn(backups);
    const child = spawn(process.execPath, [BACKUP_CLI, 'create'], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const partial = () => readdirSync(backups).find((name) => name.startsWith('.partial-'));
    await waitFor(
      () => {
        const name = partial();
        return name !== undefined && statSync(path.join(backups, name)).size > 1024 * 1024;
      },
      'tệp tạm của bản sao lưu đang ghi',
      60_000,
      20,
    );
    expect(output).toMatch(/… ghi: /);
    child.kill('SIGKILL');
    await once(child, 'exit');

    expect(archivesIn(backups)).toEqual(archivesBefore);
    const leftover = partial()!;
    expect(leftover).toBeDefined();
    const list = await backupCli(['list'], env);
    expect(list.code).toBe(0);
    expect(list.stdout).not.toContain(leftover);
    expect(list.stdout).toMatch(/Bỏ qua \d+ tệp tạm/);
    const verify = await backupCli(['verify', path.join(backups, leftover)], env);
    expect(verify.code).toBe(1);
    expect(verify.stderr).toMatch(/tệp tạm của một lần sao lưu chưa xong/);

    expect(integrityProblems(options.databaseFile)).toEqual([]);
    expect((await fetch(`${stack!.cmsUrl}/_health`)).status).toBe(204);
    expect((await fetch(`${stack!.siteUrl}/`)).status).toBe(200);

    rmSync(large);
    const next = await backupCli([], env);
    expect(next.code).toBe(0);
    expect(next.stdout).toMatch(/Đã xóa \d+ tệp tạm do lần sao lưu trước bị dừng/);
    expect(readdirSync(backups).filter((name) => name.startsWith('.'))).toEqual([]);
    // Grandfather-father-son keeps one archive per day: the older one of the same day goes, in both places.
    const newest = archivesIn(backups).at(-1)!;
    expect(archivesBefore).not.toContain(newest);
    const sameDay = dayKey(parseArchiveName(newest)!) === dayKey(parseArchiveName(firstArchive)!);
    const expected = sameDay ? [newest] : [firstArchive, newest];
    expect(archivesIn(backups)).toEqual(expected);
    expect(archivesIn(offsite)).toEqual(expected);
    firstArchive = newest;
  });
});

describe('damaged archives', () => {
  let damaged: string;
  let flipped: string;
  let truncated: string;

  beforeAll(() => {
    damaged = path.join(workDir, 'damaged');
    mkdirSync(damaged, { recursive: true });
    flipped = path.join(damaged, firstArchive);
    copyFileSync(path.join(backups, firstArchive), flipped);
    copyFileSync(path.join(backups, `${firstArchive}.json`), `${flipped}.json`);
    flipMiddleByte(flipped);
    truncated = path.join(damaged, 'cut.tar.gz.age');
    copyFileSync(path.join(backups, firstArchive), truncated);
    truncateSync(truncated, Math.floor(statSync(truncated).size / 2));
  });

  it('fails verification with a Vietnamese message when one byte in the middle was changed', async () => {
    const result = await backupCli(['verify', flipped], env);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/Tệp sao lưu bị hỏng, bị cắt cụt hoặc đã bị sửa/);
    const list = await backupCli(['list'], { ...env, BACKUP_DIR: damaged });
    expect(list.stdout).toMatch(/KHÔNG — tệp đã thay đổi/);
  });

  it('fails verification when the archive was cut short', async () => {
    const result = await backupCli(['verify', truncated], env);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/Tệp sao lưu bị hỏng, bị cắt cụt hoặc đã bị sửa/);
  });

  it('says the passphrase is wrong instead of decrypting with it', async () => {
    const result = await backupCli(['verify', firstArchive], { ...env, BACKUP_PASSPHRASE: 'mat-khau-sai-hoan-toan' });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/Sai mật khẩu/);
  });

  it('refuses to run without a passphrase', async () => {
    const result = await backupCli([], { ...env, BACKUP_PASSPHRASE: '' });
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/Chưa có mật khẩu sao lưu: hãy đặt biến môi trường BACKUP_PASSPHRASE/);
  });

  it('changes nothing when a restore is given a damaged archive or the wrong passphrase', async () => {
    await stack!.stop();
    stack = undefined;
    const state = () => ({
      tables: snapshot(options.databaseFile),
      uploads: hashTree(uploadsDir()),
      install: hashTree(install),
      workDir: readdirSync(workDir).sort(),
      publicDir: readdirSync(options.publicDir).sort(),
    });
    const before = state();
    for (const [archive, passphrase, message] of [
      [flipped, PASSPHRASE, /bị hỏng, bị cắt cụt hoặc đã bị sửa/],
      [truncated, PASSPHRASE, /bị hỏng, bị cắt cụt hoặc đã bị sửa/],
      [path.join(backups, firstArchive), 'mat-khau-sai-hoan-toan', /Sai mật khẩu/],
    ] as const) {
      const result = await backupCli(['restore', archive, '--target', install], { ...env, BACKUP_PASSPHRASE: passphrase });
      expect(result.code, archive).toBe(1);
      expect(result.stderr).toMatch(message);
    }
    expect(state()).toEqual(before);
  });
});
