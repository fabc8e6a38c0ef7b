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
  cpSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  truncateSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArchiveName } from '@portal/backups/names';
import { OBJECTS_DIR, objectsIn } from '@portal/backups/objects';
import { dayKey } from '@portal/backups/prune';
import { integrityProblems } from '@portal/backups/sqlite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureDemoAccounts } from '../../scripts/lib/demo-accounts.ts';
import { root } from '../../scripts/lib/paths.ts';
import { type Stack, type StackOptions, seedIfNeeded, startStack } from '../../scripts/lib/stack.ts';
import { BACKUP_CLI, backupCli, type CliResult, hashTree, writeFormat1Archive } from '../helpers/backup.ts';
import { snapshot } from '../helpers/db-snapshot.ts';
import { copySharedDatabase } from '../helpers/own-cms.ts';
import { freePort, stackOptions, TEST_PASSWORD, testStack } from '../helpers/test-stack.ts';
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

/** Every object in a backup folder's store (all keys), with what would change if it were written again. */
function objectFiles(dir: string): Record<string, { size: number; mtimeMs: number; ino: number }> {
  const root = path.join(dir, OBJECTS_DIR);
  const result: Record<string, { size: number; mtimeMs: number; ino: number }> = {};
  for (const keyId of existsSync(root) ? readdirSync(root).filter((name) => !name.startsWith('.')) : []) {
    for (const object of objectsIn(path.join(root, keyId))) {
      const { size, mtimeMs, ino } = statSync(path.join(root, keyId, object));
      result[`${keyId}/${object}`] = { size, mtimeMs, ino };
    }
  }
  return result;
}

interface Summary {
  seconds: number;
  uploadFiles: number;
  uploadBytes: number;
  newBytes: number;
  reusedBytes: number;
  readBytes: number;
}

/** The --json line `npm run bench` parses: the last line of stdout. */
function summaryOf(result: CliResult): Summary {
  expect(result.code, result.stderr).toBe(0);
  return JSON.parse(result.stdout.trim().split('\n').at(-1)!) as Summary;
}

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
  if (testStack().database.client === 'sqlite') {
    // A seeded portal to lose and bring back: an online copy of the shared one, its uploads included, costs
    // seconds; seeding one anew cost a minute and a half of a busy CI machine.
    await copySharedDatabase(workDir);
    cpSync(path.join(testStack().publicDir, 'uploads'), uploadsDir(), { recursive: true });
  } else await seedIfNeeded(options);
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
    expect(backup.stdout).toMatch(/Tóm tắt: \d+ tệp tải lên \([\d.]+ MB\): mới [\d.]+ MB, dùng lại [\d.]+ MB; [\d.]+ s, [\d.]+ MB\/s tệp tải lên\./);
    [firstArchive = ''] = archivesIn(backups);
    expect(firstArchive).toMatch(ARCHIVE);
    expect(archivesIn(offsite)).toEqual([firstArchive]);
    expect(statSync(path.join(backups, firstArchive)).mode & 0o777).toBe(0o600);
    // Secrets only ever inside the encrypted archive: no plaintext left next to it.
    expect(readdirSync(backups).sort()).toEqual([firstArchive, `${firstArchive}.json`, `${firstArchive}.objects`, OBJECTS_DIR].sort());
    // Uploads live once each in the object store, in both places; the archive holds the database and configuration.
    const objects = Object.keys(objectFiles(backups));
    expect(objects.length).toBeGreaterThan(10);
    expect(objects.length).toBeLessThanOrEqual(Object.keys(before.uploads).length);
    expect(Object.keys(objectFiles(offsite)).sort()).toEqual(objects.sort());
    for (const object of objects) expect(statSync(path.join(backups, OBJECTS_DIR, object)).mode & 0o777, object).toBe(0o600);
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
    // It stops and starts the whole portal again: on a busy machine that alone can take over a minute.
  }, 300_000);

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
    // The large upload is new: it is being encrypted into a temporary object in the store.
    const store = path.join(backups, OBJECTS_DIR);
    const objectsBefore = objectFiles(backups);
    const partial = () => readdirSync(store).find((name) => name.startsWith('.partial-'));
    await waitFor(
      () => {
        const name = partial();
        // The file can be renamed into the store between listing and stat: then it is simply not the one.
        return name !== undefined && (statSync(path.join(store, name), { throwIfNoEntry: false })?.size ?? 0) > 1024 * 1024;
      },
      'tệp tạm của bản sao lưu đang ghi',
      60_000,
      20,
    );
    expect(output).toMatch(/… lưu: /);
    child.kill('SIGKILL');
    await once(child, 'exit');

    expect(archivesIn(backups)).toEqual(archivesBefore);
    // No object under a real name was half-written: only the temporary file holds the interrupted upload.
    expect(objectFiles(backups)).toEqual(objectsBefore);
    const leftover = partial()!;
    expect(leftover).toBeDefined();
    const list = await backupCli(['list'], env);
    expect(list.code).toBe(0);
    expect(list.stdout).not.toContain(leftover);
    expect(list.stdout).toMatch(/Bỏ qua \d+ tệp tạm/);
    const verify = await backupCli(['verify', path.join(store, leftover)], env);
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
    expect(readdirSync(store).filter((name) => name.startsWith('.'))).toEqual([]);
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

describe('uploads in the object store', () => {
  const refsOf = (dir: string, archive: string) =>
    (JSON.parse(readFileSync(path.join(dir, `${archive}.objects`), 'utf8')) as { keyId: string; objects: string[] }).objects;
  const newest = () => archivesIn(backups).at(-1)!;
  const added = () => path.join(uploadsDir(), 'zz-kiem-thu-them.bin');

  it('reads and copies no upload again when none changed since the last backup', async () => {
    summaryOf(await backupCli(['create', '--json'], env));
    const before = { backups: objectFiles(backups), offsite: objectFiles(offsite) };

    const again = await backupCli(['create', '--json'], env);
    const summary = summaryOf(again);
    expect(summary.uploadFiles).toBe(Object.keys(hashTree(uploadsDir())).length);
    expect(summary).toMatchObject({ newBytes: 0, readBytes: 0, reusedBytes: summary.uploadBytes });
    expect(again.stdout).toMatch(/mới 0\.0 MB, dùng lại [\d.]+ MB/);
    // Not one object written, rewritten or copied, here or in the second place.
    expect(objectFiles(backups)).toEqual(before.backups);
    expect(objectFiles(offsite)).toEqual(before.offsite);
  });

  it('adds exactly one object for an added upload and one for a changed upload, in both places', async () => {
    const before = Object.keys(objectFiles(backups));
    writeFileSync(added(), randomFillSync(Buffer.alloc(300_000)));
    const addedRun = summaryOf(await backupCli(['create', '--json'], env));
    expect(addedRun).toMatchObject({ newBytes: 300_000, readBytes: 300_000 });
    const afterAdd = Object.keys(objectFiles(backups));
    expect(afterAdd.filter((object) => !before.includes(object))).toHaveLength(1);
    expect(afterAdd.length).toBe(before.length + 1);

    writeFileSync(added(), randomFillSync(Buffer.alloc(200_000)));
    const changedRun = summaryOf(await backupCli(['create', '--json'], env));
    expect(changedRun).toMatchObject({ newBytes: 200_000, readBytes: 200_000 });
    const afterChange = Object.keys(objectFiles(backups));
    expect(afterChange.filter((object) => !afterAdd.includes(object))).toHaveLength(1);
    expect(Object.keys(objectFiles(offsite)).sort()).toEqual(afterChange.sort());
  });

  it('tells which upload is damaged when one byte of its object was changed, or when it is missing', async () => {
    const damaged = path.join(workDir, 'damaged-objects');
    cpSync(backups, damaged, { recursive: true });
    const archive = newest();
    const [keyDir] = readdirSync(path.join(damaged, OBJECTS_DIR)).filter((name) => !name.startsWith('.'));
    const largest = refsOf(damaged, archive)
      .map((object) => path.join(damaged, OBJECTS_DIR, keyDir!, object))
      .sort((a, b) => statSync(b).size - statSync(a).size)[0]!;
    flipMiddleByte(largest);
    const flipped = await backupCli(['verify', path.join(damaged, archive)], env);
    expect(flipped.code).toBe(1);
    expect(flipped.stderr).toMatch(/Đối tượng [0-9a-f]{16}\/[0-9a-f]{2}\/[0-9a-f]{64}(\.gz)? \(tệp uploads\/.+\) trong kho bị hỏng: đối tượng mã hóa bị hỏng/);
    rmSync(largest);
    const missing = await backupCli(['verify', path.join(damaged, archive)], env);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/Thiếu đối tượng .* \(tệp uploads\/.+\) trong kho/);
    // The untouched store still verifies: every object decrypted and checked.
    const good = await backupCli(['verify', archive], env);
    expect(good.code, good.stderr).toBe(0);
    expect(good.stdout).toMatch(/Bản sao lưu tốt/);
  });

  it('deletes the objects no remaining archive uses once the old archives are pruned', async () => {
    rmSync(added());
    const keepOne = { ...env, BACKUP_KEEP_DAILY: '0', BACKUP_KEEP_WEEKLY: '0', BACKUP_KEEP_MONTHLY: '0' };
    const run = await backupCli(['create'], keepOne);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/xóa [1-9]\d* đối tượng/);
    const archive = newest();
    for (const dir of [backups, offsite]) {
      expect(archivesIn(dir)).toEqual([archive]);
      const [keyId] = readdirSync(path.join(dir, OBJECTS_DIR)).filter((name) => !name.startsWith('.'));
      expect(Object.keys(objectFiles(dir)).sort(), dir).toEqual(refsOf(dir, archive).map((object) => `${keyId}/${object}`));
    }
    firstArchive = archive;
  });

  it('still verifies and restores an archive made before the object store (uploads inside the archive)', async () => {
    const old = path.join(workDir, 'format-1');
    mkdirSync(old);
    const file = path.join(old, 'portal-backup-20250102-023000.tar.gz.age');
    await writeFormat1Archive(options.databaseFile, uploadsDir(), file, PASSPHRASE);
    const verify = await backupCli(['verify', file], env);
    expect(verify.code, verify.stderr).toBe(0);
    expect(verify.stdout).toMatch(/Bản sao lưu tốt/);

    const target = path.join(workDir, 'format-1-restored');
    const restore = await backupCli(['restore', file, '--target', target], { ...env, DATABASE_FILENAME: '', PUBLIC_DIR: '', DEMO_ACCOUNTS_FILE: '' });
    expect(restore.code, restore.stderr).toBe(0);
    expect(hashTree(path.join(target, 'cms', 'public', 'uploads'))).toEqual(hashTree(uploadsDir()));
    expect(integrityProblems(path.join(target, 'cms', '.tmp', 'data.db'))).toEqual([]);
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
