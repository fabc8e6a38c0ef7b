import {
  copyFileSync,
  createReadStream,
  createWriteStream,
  existsSync,
  mkdirSync,
  readdirSync,
  renameSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { writeArchive } from './archive.ts';
import { backupDir, copyDir, installation, keepPolicy, passphrase } from './config.ts';
import { BackupError } from './errors.ts';
import { syncPath } from './fsutil.ts';
import {
  CONFIG_PATHS,
  type ContentCount,
  contentTypes,
  hashFile,
  MANIFEST_PATH,
  type ManifestFile,
  newManifest,
  POSTGRES_PATH,
  SQLITE_PATH,
} from './manifest.ts';
import { archiveName, tempName } from './names.ts';
import { dumpPostgres } from './postgres.ts';
import { done, megabytes, Progress, step } from './progress.ts';
import { prune } from './prune.ts';
import { discard, keep, removeLeftovers, scratchDir, track } from './scratch.ts';
import { type Sidecar, writeSidecar } from './sidecar.ts';
import { backupSqlite, countSqlite, integrityProblems } from './sqlite.ts';
import { verifyArchive } from './verify.ts';

/** Regular files under the uploads folder, relative paths; symlinks are skipped since Strapi never makes them. */
function uploadFiles(dir: string, prefix = ''): string[] {
  if (!existsSync(dir)) return [];
  const files: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => a.name.localeCompare(b.name))) {
    const relative = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) files.push(...uploadFiles(path.join(dir, entry.name), relative));
    else if (entry.isFile()) files.push(relative);
    else console.warn(`  ! bỏ qua ${relative}: không phải tệp thường`);
  }
  return files;
}

/** Bytes of the tar stream: a 512-byte header per member, data padded to 512, two zero blocks at the end. */
function tarSize(files: ManifestFile[]): number {
  return files.reduce((sum, f) => sum + 1024 + Math.ceil(f.size / 512) * 512, 1024);
}

function uniqueName(dirs: string[]): string {
  const now = new Date();
  for (let sequence = 0; ; sequence += 1) {
    const name = archiveName(now, sequence);
    if (dirs.every((dir) => !existsSync(path.join(dir, name)))) return name;
  }
}

async function copyToSecond(dir: string, finalFile: string, sha256: string, sidecar: Sidecar): Promise<void> {
  mkdirSync(dir, { recursive: true });
  removeLeftovers(dir);
  const name = path.basename(finalFile);
  const temp = path.join(dir, `.copy-${process.pid}-${name}`);
  track(temp);
  await pipeline(createReadStream(finalFile), createWriteStream(temp, { flags: 'wx', mode: 0o600 }));
  await syncPath(temp);
  const copied = await hashFile(temp);
  if (copied.sha256 !== sha256) throw new BackupError(`Bản sao ở ${dir} không khớp bản gốc: đĩa đích có thể bị lỗi hoặc đầy.`);
  renameSync(temp, path.join(dir, name));
  keep(temp);
  writeSidecar(path.join(dir, name), sidecar);
  await syncPath(dir);
}

export interface Created {
  file: string;
  size: number;
  seconds: number;
}

export async function createBackup(): Promise<Created> {
  const began = Date.now();
  const secret = passphrase('encrypt');
  const policy = keepPolicy();
  const target = backupDir();
  const second = copyDir();
  const source = installation();
  mkdirSync(target, { recursive: true, mode: 0o700 });
  const cleaned = removeLeftovers(target);
  if (cleaned.length > 0) console.log(`Đã xóa ${cleaned.length} tệp tạm do lần sao lưu trước bị dừng giữa chừng để lại.`);

  const staging = scratchDir(target, 'staging');
  try {
    let timer = step(source.client === 'sqlite' ? `Chụp cơ sở dữ liệu SQLite ${source.databaseFile}…` : 'Xuất cơ sở dữ liệu PostgreSQL (pg_dump)…');
    mkdirSync(path.join(staging, 'database'), { mode: 0o700 });
    let content: ContentCount[];
    if (source.client === 'sqlite') {
      if (!existsSync(source.databaseFile)) throw new BackupError(`Không có cơ sở dữ liệu tại ${source.databaseFile}: kiểm tra DATABASE_FILENAME.`);
      const copy = path.join(staging, SQLITE_PATH);
      await backupSqlite(source.databaseFile, copy);
      const problems = integrityProblems(copy);
      if (problems.length > 0) throw new BackupError(`Cơ sở dữ liệu đang chạy không nguyên vẹn (integrity_check): ${problems.slice(0, 3).join('; ')}`);
      content = countSqlite(copy, contentTypes());
    } else {
      content = await dumpPostgres(source.env, path.join(staging, POSTGRES_PATH), contentTypes());
    }
    const documents = content.reduce((sum, c) => sum + c.documents, 0);
    done(timer, `${content.length} kiểu nội dung, ${documents} tài liệu`);

    timer = step('Thu thập cấu hình, bí mật và tệp tải lên…');
    const members: string[] = [`database/${path.basename(source.client === 'sqlite' ? SQLITE_PATH : POSTGRES_PATH)}`];
    mkdirSync(path.join(staging, 'config'), { mode: 0o700 });
    for (const [member, file] of [
      [CONFIG_PATHS.cmsEnv, source.cmsEnvFile],
      [CONFIG_PATHS.siteEnv, source.siteEnvFile],
      [CONFIG_PATHS.demoAccounts, source.demoAccountsFile],
    ] as const) {
      if (!existsSync(file)) {
        if (member !== CONFIG_PATHS.demoAccounts) console.warn(`  ! không có ${file}: bản sao lưu sẽ thiếu tệp này`);
        continue;
      }
      copyFileSync(file, path.join(staging, member));
      members.push(member);
    }
    // The uploads are read in place through a link, not copied: the staging folder stays small.
    const uploads = uploadFiles(source.uploadsDir);
    if (uploads.length > 0) symlinkSync(source.uploadsDir, path.join(staging, 'uploads'), 'dir');
    const uploadBytes = uploads.reduce((sum, file) => sum + statSync(path.join(source.uploadsDir, file)).size, 0);
    const hashing = new Progress('tính mã kiểm tra', uploadBytes, uploads.length);
    const files: ManifestFile[] = [];
    for (const member of members) files.push({ path: member, ...(await hashFile(path.join(staging, member))) });
    for (const file of uploads) {
      files.push({ path: `uploads/${file}`, ...(await hashFile(path.join(source.uploadsDir, file), (bytes) => hashing.add(bytes))) });
      hashing.add(0, 1);
    }
    members.push(...uploads.map((file) => `uploads/${file}`));
    const manifest = newManifest(source.client, content, files);
    writeFileSync(path.join(staging, MANIFEST_PATH), `${JSON.stringify(manifest, null, 2)}\n`, { mode: 0o600 });
    const plainBytes = files.reduce((sum, f) => sum + f.size, 0);
    done(timer, `${files.length} tệp, ${megabytes(plainBytes)} (tải lên: ${uploads.length} tệp, ${megabytes(uploadBytes)})`);

    timer = step('Nén và mã hóa (age, mật khẩu scrypt)…');
    const name = uniqueName(second ? [target, second] : [target]);
    const temp = path.join(target, tempName(name));
    track(temp);
    const sha256 = await writeArchive(staging, [MANIFEST_PATH, ...members], temp, secret, new Progress('ghi', tarSize(files), files.length + 1));
    discard(staging);
    const size = statSync(temp).size;
    done(timer, `${megabytes(size)}`);

    timer = step('Kiểm tra lại toàn bộ bản sao lưu trước khi đặt tên chính thức…');
    await verifyArchive(temp, secret, target);
    const finalFile = path.join(target, name);
    renameSync(temp, finalFile);
    keep(temp);
    await syncPath(target);
    const sidecar: Sidecar = {
      archive: name,
      size,
      sha256,
      createdAt: manifest.createdAt,
      verifiedAt: new Date().toISOString(),
      files: files.length,
      plainBytes,
      database: source.client,
      documents,
    };
    writeSidecar(finalFile, sidecar);
    done(timer, `giải mã và mã kiểm tra đều đạt, ${source.client === 'sqlite' ? 'integrity_check' : 'pg_restore --list'}: tốt`);

    if (second) {
      timer = step(`Chép sang nơi lưu thứ hai ${second}…`);
      await copyToSecond(second, finalFile, sha256, sidecar);
      done(timer);
    }

    timer = step(`Dọn bản cũ (giữ ${policy.daily} ngày, ${policy.weekly} tuần, ${policy.monthly} tháng)…`);
    const removed = [target, ...(second ? [second] : [])].flatMap((dir) => prune(dir, policy).map((n) => path.join(dir, n)));
    done(timer, removed.length > 0 ? `đã xóa ${removed.length} bản` : 'không có bản nào cần xóa');
    return { file: finalFile, size, seconds: (Date.now() - began) / 1000 };
  } finally {
    discard(staging);
  }
}
