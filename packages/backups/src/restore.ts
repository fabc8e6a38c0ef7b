import { cpSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { readEnvFile } from '@portal/common/env-file';
import { root } from '@portal/common/layout';
import { isStoredName, type S3Settings } from '@portal/common/s3';
import { parseIdentity } from './age-x25519.ts';
import { readArchive } from './archive.ts';
import { installationBucket, putBack } from './bucket.ts';
import { backupDir, type Installation, installation, passphrase } from './config.ts';
import { BackupError } from './errors.ts';
import { CONFIG_PATHS, type Manifest } from './manifest.ts';
import { checkObject } from './objects.ts';
import { checkDump, restorePostgres } from './postgres.ts';
import { done, Progress, step } from './progress.ts';
import { discard, keep, removeLeftovers, scratchDir, track } from './scratch.ts';
import { countSqlite, integrityProblems, sqliteBeingWritten } from './sqlite.ts';
import { resolveArchive, sameCounts } from './verify.ts';

/** The site's IMAGE_CACHE_DIR as the restored site/.env sets it (relative paths are from the site folder). */
function imageCacheDir(siteEnvFile: string, installRoot: string): string {
  const configured = (existsSync(siteEnvFile) ? readEnvFile(siteEnvFile).IMAGE_CACHE_DIR : undefined) || process.env.IMAGE_CACHE_DIR;
  return configured ? path.resolve(path.dirname(siteEnvFile), configured) : path.join(installRoot, 'var', 'image-cache');
}

async function cmsAnswers(url: string): Promise<boolean> {
  try {
    const response = await fetch(`${url}/_health`, { signal: AbortSignal.timeout(2000) });
    return response.status === 204 || response.status === 200;
  } catch {
    return false;
  }
}

/**
 * A running installation is one whose CMS answers /_health at its address (CMS_PORT, default 1337),
 * or whose SQLite file another process is writing right now. A fresh --target folder with nothing to
 * overwrite is never "running", so a restore drill can run next to the live portal.
 */
async function refuseIfRunning(target: Installation, fresh: boolean): Promise<void> {
  const occupied = [target.databaseFile, target.uploadsDir, target.cmsEnvFile].some((p) => existsSync(p));
  if (fresh && !occupied && target.client === 'sqlite') return;
  if (await cmsAnswers(target.cmsUrl)) {
    throw new BackupError(
      `CMS đang chạy tại ${target.cmsUrl} (trả lời /_health). Không khôi phục đè lên cổng thông tin đang chạy: ` +
        'hãy dừng nó (Ctrl-C ở cửa sổ npm start, hoặc systemctl stop) rồi chạy lại lệnh khôi phục.',
    );
  }
  if (target.client === 'sqlite' && existsSync(target.databaseFile) && sqliteBeingWritten(target.databaseFile)) {
    throw new BackupError(`Cơ sở dữ liệu ${target.databaseFile} đang được một chương trình khác ghi. Hãy dừng cổng thông tin rồi chạy lại.`);
  }
}

interface Piece {
  from: string;
  to: string;
  /** Files that belong to `to` and must not outlive it (SQLite's journal and WAL). */
  companions: string[];
}

const BUCKET_DIR = 'bucket';

/** Format 2: decrypts every upload from the object store next to the archive, each checked against its SHA-256. */
async function extractUploads(archiveFile: string, manifest: Manifest, scratch: string): Promise<number> {
  if (manifest.formatVersion !== 2 || !manifest.store || !manifest.uploads) return 0;
  const key = parseIdentity(manifest.store.identity);
  const progress = new Progress(
    'giải mã tệp tải lên',
    manifest.uploads.reduce((sum, u) => sum + u.size, 0),
    manifest.uploads.length,
  );
  for (const upload of manifest.uploads) {
    // The bucket's objects wait in their own folder until they are put back into the bucket.
    const destination = upload.bucket ? path.join(scratch, BUCKET_DIR, path.posix.basename(upload.path)) : path.join(scratch, upload.path);
    mkdirSync(path.dirname(destination), { recursive: true });
    await checkObject(path.dirname(archiveFile), manifest.store.keyId, key, upload, destination);
    progress.add(upload.size, 1);
  }
  progress.finish();
  return manifest.uploads.length;
}

async function restoreBucket(bucket: S3Settings, uploads: string): Promise<void> {
  const files = readdirSync(uploads, { withFileTypes: true }).flatMap((entry) => {
    if (entry.isFile() && isStoredName(entry.name)) return [{ name: entry.name, file: path.join(uploads, entry.name) }];
    console.warn(`  ! không đưa ${entry.name} lên bucket: không phải tên tệp tải lên`);
    return [];
  });
  const progress = new Progress(
    'ghi lên bucket',
    files.reduce((sum, f) => sum + statSync(f.file).size, 0),
    files.length,
  );
  const result = await putBack(bucket, files, (bytes) => progress.add(bytes, 1));
  progress.finish();
  console.log(`  ✓ bucket ${bucket.bucket}: ghi lại ${result.written} tệp, ${result.unchanged} tệp đã có sẵn đúng nội dung`);
}

/** rename(), or copy next to the destination then rename() when the two are on different disks. */
function moveInto(from: string, to: string): void {
  mkdirSync(path.dirname(to), { recursive: true });
  try {
    renameSync(from, to);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EXDEV') throw error;
    const near = path.join(path.dirname(to), `.restore-${process.pid}-${path.basename(to)}`);
    track(near);
    cpSync(from, near, { recursive: true, preserveTimestamps: true });
    renameSync(near, to);
    keep(near);
  }
}

function asideName(file: string, stamp: string): string {
  const base = path.basename(file);
  return path.join(path.dirname(file), `${base.startsWith('.') ? '' : '.'}${base}.before-restore-${stamp}`);
}

/** Swaps every piece in; if one fails, puts back what was there before. Returns the set-aside paths. */
function swapIn(pieces: Piece[], stamp: string): string[] {
  const asides: [string, string][] = [];
  const placed: string[] = [];
  try {
    for (const piece of pieces) {
      for (const existing of [piece.to, ...piece.companions]) {
        if (!existsSync(existing)) continue;
        const aside = asideName(existing, stamp);
        renameSync(existing, aside);
        asides.push([existing, aside]);
      }
      moveInto(piece.from, piece.to);
      placed.push(piece.to);
    }
  } catch (error) {
    for (const file of placed) rmSync(file, { recursive: true, force: true });
    for (const [original, aside] of asides.reverse()) renameSync(aside, original);
    throw new BackupError(`Không đặt được dữ liệu khôi phục vào chỗ (${(error as Error).message}); đã trả lại dữ liệu cũ.`);
  }
  return asides.map(([, aside]) => aside);
}

export async function restoreBackup(argument: string | undefined, targetDir: string | undefined): Promise<void> {
  const secret = passphrase('decrypt');
  const file = resolveArchive(argument, backupDir());
  const installRoot = targetDir ? path.resolve(targetDir) : root;
  await refuseIfRunning(installation(installRoot), Boolean(targetDir));

  // Next to the target so the final moves are renames on the same disk; the target itself is created
  // only once everything checked out.
  const scratchParent = existsSync(installRoot) ? installRoot : path.dirname(installRoot);
  removeLeftovers(scratchParent);
  const scratch = scratchDir(scratchParent, 'restore');
  try {
    let timer = step(`Giải mã và kiểm tra ${path.basename(file)} vào thư mục tạm…`);
    const read = await readArchive(file, secret, (member) => path.join(scratch, member), new Progress('giải nén', 0, 0));
    const manifest = read.manifest;
    const files = read.files + (await extractUploads(file, manifest, scratch));
    const database = path.join(scratch, manifest.database.path);
    if (manifest.database.client === 'sqlite') {
      const problems = integrityProblems(database);
      if (problems.length > 0) throw new BackupError(`Cơ sở dữ liệu trong bản sao lưu không nguyên vẹn: ${problems.slice(0, 3).join('; ')}`);
      const mismatches = sameCounts(manifest.content, countSqlite(database, manifest.content));
      if (mismatches.length > 0) throw new BackupError(`Số tài liệu không khớp bản kê: ${mismatches.join('; ')}`);
    } else {
      await checkDump(database);
    }
    done(timer, `${files} tệp đúng mã kiểm tra, tạo lúc ${manifest.createdAt} trên máy ${manifest.hostname}`);

    const archivedEnv = path.join(scratch, CONFIG_PATHS.cmsEnv);
    const target = installation(installRoot, existsSync(archivedEnv) ? readEnvFile(archivedEnv) : undefined);
    if (target.client !== manifest.database.client) {
      throw new BackupError(
        `Bản sao lưu dùng ${manifest.database.client} nhưng nơi khôi phục cấu hình DATABASE_CLIENT=${target.client}. Hãy đặt DATABASE_CLIENT cho khớp.`,
      );
    }
    await refuseIfRunning(target, Boolean(targetDir));

    const bucket = installationBucket(target.env);
    const fromBucket = (manifest.uploads ?? []).filter((upload) => upload.bucket).length;
    if (fromBucket > 0 && !bucket) {
      throw new BackupError(
        `Bản sao lưu có ${fromBucket} tệp tải lên từ bucket S3, nhưng nơi khôi phục không đặt UPLOAD_PROVIDER=s3. ` +
          'Hãy đặt UPLOAD_PROVIDER=s3 và các biến S3_* (trong cms/.env hoặc biến môi trường) rồi chạy lại; chưa có gì bị thay đổi.',
      );
    }

    timer = step('Đặt dữ liệu vào chỗ…');
    const uploads = path.join(scratch, 'uploads');
    mkdirSync(uploads, { recursive: true });
    const pieces: Piece[] = [{ from: uploads, to: target.uploadsDir, companions: [] }];
    // The bucket's files go back into the bucket first, before anything local changes.
    if (bucket && fromBucket > 0) await restoreBucket(bucket, path.join(scratch, BUCKET_DIR));
    if (manifest.database.client === 'sqlite') {
      pieces.unshift({ from: database, to: target.databaseFile, companions: ['-journal', '-wal', '-shm'].map((s) => target.databaseFile + s) });
    } else {
      await restorePostgres(target.env, database);
      console.log(`  ✓ đã nạp lại cơ sở dữ liệu PostgreSQL ${target.env.DATABASE_NAME ?? target.env.DATABASE_URL?.replace(/\/\/[^@]*@/, '//…@') ?? ''}`);
    }
    for (const [member, to] of [
      [CONFIG_PATHS.cmsEnv, target.cmsEnvFile],
      [CONFIG_PATHS.siteEnv, target.siteEnvFile],
      [CONFIG_PATHS.demoAccounts, target.demoAccountsFile],
    ] as const) {
      if (existsSync(path.join(scratch, member))) pieces.push({ from: path.join(scratch, member), to, companions: [] });
    }
    const stamp = new Date().toISOString().replace(/[-:]/g, '').replace(/\..*/, '');
    const asides = swapIn(pieces, stamp);
    // The site trusts its image cache between purges; after a restore the files it shows may differ.
    const imageCache = imageCacheDir(target.siteEnvFile, installRoot);
    rmSync(imageCache, { recursive: true, force: true });
    done(timer);
    console.log(`\nĐã khôi phục vào ${installRoot}:`);
    for (const piece of pieces) console.log(`  ${piece.to}`);
    if (asides.length > 0) {
      console.log('Dữ liệu cũ được giữ lại (xóa khi đã kiểm tra cổng thông tin chạy đúng):');
      for (const aside of asides) console.log(`  ${aside}`);
    }
    console.log('Khởi động lại cổng thông tin (npm start) để dùng dữ liệu vừa khôi phục.');
  } finally {
    discard(scratch);
  }
}
