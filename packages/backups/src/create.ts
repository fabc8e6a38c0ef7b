import { copyFileSync, createReadStream, createWriteStream, existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { s3Client } from '@portal/common/s3';
import { generateKey, identityString } from './age-x25519.ts';
import { readManifestOnly, writeArchive } from './archive.ts';
import { type BucketObject, downloadObject, installationBucket, listBucket } from './bucket.ts';
import { backupDir, copyDir, installation, keepPolicy, passphrase } from './config.ts';
import { BackupError, messageOf } from './errors.ts';
import { syncPath } from './fsutil.ts';
import {
  CONFIG_PATHS,
  type ContentCount,
  contentTypes,
  hashFile,
  MANIFEST_PATH,
  type Manifest,
  type ManifestFile,
  newManifest,
  POSTGRES_PATH,
  SQLITE_PATH,
  type UploadEntry,
} from './manifest.ts';
import { archiveName, tempName } from './names.ts';
import {
  type ArchiveUse,
  beginBackup,
  type Collected,
  claimedKeyId,
  collectGarbage,
  copyObjects,
  OBJECTS_DIR,
  REFS,
  readRefs,
  type StoreKey,
  storeDir,
  storeFile,
  storeKey,
  syncFolders,
  writeRefs,
} from './objects.ts';
import { dumpPostgres } from './postgres.ts';
import { done, megabytes, Progress, step } from './progress.ts';
import { archivesIn, prune } from './prune.ts';
import { discard, keep, removeLeftovers, scratchDir, track } from './scratch.ts';
import { readSidecar, type Sidecar, writeSidecar } from './sidecar.ts';
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
  copyFileSync(finalFile + REFS, path.join(dir, name + REFS));
  await syncPath(dir);
}

export interface Created {
  file: string;
  size: number;
  seconds: number;
  uploadFiles: number;
  uploadBytes: number;
  /** Upload bytes whose content was not in the object store yet (written, encrypted, with this backup). */
  newBytes: number;
  /** Upload bytes already in the store: unchanged since the last backup, or the same content as another file. */
  reusedBytes: number;
  /** Bytes of uploads read (new or changed path, size or mtime); the rest was taken from the previous manifest. */
  readBytes: number;
  /** Time spent on uploads: finding, reading, encrypting, syncing and re-checking new objects. */
  uploadSeconds: number;
}

/**
 * The newest archive this passphrase opens tells the store key and each upload's hash by path, size and
 * mtime. A format-1 archive or none (the first backup after the object store arrived) starts a new key,
 * and so does a new passphrase; at most three archives are tried, each costing one scrypt.
 */
async function previousBackup(dir: string, secret: string): Promise<{ store: StoreKey; manifest: Manifest } | null> {
  const newestFirst = archivesIn(dir).sort((a, b) => b.date.getTime() - a.date.getTime() || b.name.localeCompare(a.name));
  for (const { name } of newestFirst.slice(0, 3)) {
    try {
      const manifest = await readManifestOnly(path.join(dir, name), secret);
      if (manifest.formatVersion !== 2 || !manifest.store) return null;
      return { store: storeKey(manifest.store.identity), manifest };
    } catch (error) {
      console.warn(`  ! không đọc được bản kê của ${name} (${messageOf(error)}); thử bản cũ hơn`);
    }
  }
  return null;
}

/**
 * Which objects of `store` an archive uses, for garbage collection. Its .objects list when authentic;
 * otherwise its manifest. An archive this passphrase cannot open uses another key (a key only travels
 * from an archive the current passphrase opened), so it never holds this key's objects.
 */
async function archiveUse(file: string, store: StoreKey, secret: string): Promise<ArchiveUse> {
  const refs = readRefs(file, store);
  if (refs) return { keyId: refs.keyId, objects: refs.objects };
  const note = readSidecar(file);
  if (note && note.formatVersion === undefined) return { keyId: null, objects: [] };
  const claimed = claimedKeyId(file);
  if (claimed && claimed !== store.keyId) return { keyId: claimed, objects: [] };
  try {
    const manifest = await readManifestOnly(file, secret);
    if (manifest.formatVersion !== 2 || !manifest.store || !manifest.uploads) return { keyId: null, objects: [] };
    return { keyId: manifest.store.keyId, objects: manifest.uploads.map((u) => u.object) };
  } catch (error) {
    return /Sai mật khẩu/.test(messageOf(error)) ? { keyId: claimed, objects: [] } : null;
  }
}

export async function collectObjects(dir: string, store: StoreKey, secret: string): Promise<Collected> {
  const files = () => archivesIn(dir).map((a) => path.join(dir, a.name));
  const uses = new Map<string, ArchiveUse>();
  for (const file of files()) uses.set(file, await archiveUse(file, store, secret));
  // Archives named after this point (another backup finishing) are read again under the lock.
  return collectGarbage(dir, store, files, (file) => {
    if (uses.has(file)) return uses.get(file) ?? null;
    const refs = readRefs(file, store);
    return refs ? { keyId: refs.keyId, objects: refs.objects } : null;
  });
}

async function inPool<T>(items: T[], width: number, work: (item: T, index: number) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      await work(items[index]!, index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(width, items.length) }, worker));
}

export async function createBackup(): Promise<Created> {
  const began = Date.now();
  const secret = passphrase('encrypt');
  const policy = keepPolicy();
  const target = backupDir();
  const second = copyDir();
  const source = installation();
  // Checked first: a wrong S3_* variable stops the backup before anything is written.
  const bucket = installationBucket(source.env);
  mkdirSync(target, { recursive: true, mode: 0o700 });
  const cleaned = [target, path.join(target, OBJECTS_DIR)].flatMap((dir) => removeLeftovers(dir));
  if (cleaned.length > 0) console.log(`Đã xóa ${cleaned.length} tệp tạm do lần sao lưu trước bị dừng giữa chừng để lại.`);
  const marks = [await beginBackup(target)];
  if (second) {
    mkdirSync(second, { recursive: true });
    removeLeftovers(path.join(second, OBJECTS_DIR));
    marks.push(await beginBackup(second));
  }

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

    timer = step('Thu thập cấu hình và bí mật…');
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
    const files: ManifestFile[] = [];
    for (const member of members) files.push({ path: member, ...(await hashFile(path.join(staging, member))) });
    const previous = await previousBackup(target, secret);
    const store = previous?.store ?? storeKey(identityString(generateKey()));
    done(timer, `${files.length} tệp; kho đối tượng ${store.keyId}${previous ? '' : ' (mới: mọi tệp tải lên được lưu lại)'}`);

    timer = step(
      bucket
        ? `Lưu tệp tải lên từ bucket ${bucket.bucket} vào kho đối tượng (chỉ tệp mới hoặc đã đổi được tải về)…`
        : 'Lưu tệp tải lên vào kho đối tượng (chỉ nội dung mới; ảnh, video, PDF, Office không nén lại)…',
    );
    const uploadsBegan = Date.now();
    const known = new Map((previous?.manifest.uploads ?? []).map((u) => [u.path, u]));
    // The local files, and with UPLOAD_PROVIDER=s3 the bucket's objects too: files uploaded before the move
    // to the bucket stay on the CMS's disk. Listed after the database copy, so a file the copy names is listed.
    const client = bucket ? s3Client(bucket) : null;
    const listed = bucket ? await listBucket(bucket, client ?? undefined) : [];
    const inBucket = new Set(listed.map((object) => object.name));
    const local = uploadFiles(source.uploadsDir).filter((file) => {
      if (!inBucket.has(file)) return true;
      console.warn(`  ! ${file} có cả trên đĩa và trong bucket: chỉ sao lưu bản trong bucket`);
      return false;
    });
    const uploads: { file: string; object: BucketObject | null }[] = [
      ...local.map((file) => ({ file, object: null })),
      ...listed.map((object) => ({ file: object.name, object })),
    ];
    // Inside the staging folder: removed with it on every way out, never part of the archive.
    const downloads = path.join(staging, 'bucket-downloads');
    mkdirSync(downloads, { mode: 0o700 });
    /** The file to read an upload from: the local one, or the object downloaded next to the store. */
    const readable = async (index: number): Promise<string> => {
      const { file, object } = uploads[index]!;
      if (!object || !bucket || !client) return path.join(source.uploadsDir, file);
      const downloaded = path.join(downloads, `${index}`);
      await downloadObject(bucket, client, object, downloaded);
      return downloaded;
    };
    const entries: UploadEntry[] = new Array(uploads.length);
    const toRead: number[] = [];
    let uploadBytes = 0;
    let readBytes = 0;
    for (const [index, { file, object: listedObject }] of uploads.entries()) {
      let size: number;
      let mtime: string;
      if (listedObject) {
        size = listedObject.size;
        mtime = listedObject.version;
      } else {
        const stat = statSync(path.join(source.uploadsDir, file), { bigint: true });
        size = Number(stat.size);
        mtime = stat.mtimeNs.toString();
      }
      uploadBytes += size;
      // restic's rule: same path, size and mtime (a bucket object: ETag and date) means same content;
      // the object must still be in the store, whole.
      const before = known.get(`uploads/${file}`);
      const object = before && path.join(storeDir(target, store.keyId), before.object);
      const fromBucket = listedObject !== null;
      if (
        before &&
        object &&
        Boolean(before.bucket) === fromBucket &&
        before.size === size &&
        before.mtime === mtime &&
        existsSync(object) &&
        statSync(object).size === before.objectSize
      ) {
        entries[index] = before;
      } else {
        entries[index] = {
          path: `uploads/${file}`,
          size,
          sha256: '',
          mtime,
          object: '',
          objectSize: 0,
          gzip: false,
          ...(fromBucket ? { bucket: true as const } : {}),
        };
        toRead.push(index);
        readBytes += size;
      }
    }
    const storing = new Progress('lưu', readBytes, toRead.length);
    const synced = new Set<string>();
    const newObjects = new Set<string>();
    let newBytes = 0;
    await inPool(toRead, 3, async (index) => {
      const entry = entries[index]!;
      const from = await readable(index);
      const stored = await storeFile(from, store, target, synced, (bytes) => storing.add(bytes));
      if (uploads[index]!.object) rmSync(from, { force: true });
      storing.add(0, 1);
      if (stored.isNew) {
        newObjects.add(stored.object);
        newBytes += stored.size;
      }
      entries[index] = { ...entry, size: stored.size, sha256: stored.sha256, object: stored.object, objectSize: stored.objectSize, gzip: stored.gzip };
    });
    storing.finish();
    rmSync(downloads, { recursive: true, force: true });
    await syncFolders(synced);
    let uploadSeconds = (Date.now() - uploadsBegan) / 1000;
    done(
      timer,
      `${uploads.length} tệp${bucket ? ` (${listed.length} tệp trong bucket, ${local.length} tệp trên đĩa)` : ''}, ${megabytes(uploadBytes)}: ` +
        `đọc ${toRead.length} tệp (${megabytes(readBytes)}${bucket ? `, tải về ${toRead.filter((index) => uploads[index]!.object).length} tệp` : ''}), ` +
        `mới ${newObjects.size} đối tượng (${megabytes(newBytes)})`,
    );

    const manifest = newManifest(source.client, content, files, { keyId: store.keyId, identity: identityString(store.key) }, entries);
    writeFileSync(path.join(staging, MANIFEST_PATH), `${JSON.stringify(manifest, null, 2)}\n`, { mode: 0o600 });
    const plainBytes = files.reduce((sum, f) => sum + f.size, 0);

    timer = step('Nén và mã hóa cơ sở dữ liệu, cấu hình và bản kê (age, mật khẩu scrypt)…');
    const name = uniqueName(second ? [target, second] : [target]);
    const temp = path.join(target, tempName(name));
    track(temp);
    const { sha256, fileKey } = await writeArchive(staging, [MANIFEST_PATH, ...members], temp, secret, new Progress('ghi', tarSize(files), files.length + 1));
    discard(staging);
    const size = statSync(temp).size;
    done(timer, `${megabytes(size)}`);

    timer = step('Kiểm tra lại bản sao lưu và các đối tượng mới trước khi đặt tên chính thức…');
    // Opened with the file key it was just sealed with: one scrypt less, the same full check of every byte.
    uploadSeconds += (await verifyArchive(temp, { fileKey }, target, newObjects)).objectSeconds;
    const finalFile = path.join(target, name);
    renameSync(temp, finalFile);
    keep(temp);
    writeRefs(
      finalFile,
      store,
      entries.map((e) => e.object),
    );
    await syncPath(target);
    const sidecar: Sidecar = {
      formatVersion: 2,
      archive: name,
      size,
      sha256,
      createdAt: manifest.createdAt,
      verifiedAt: new Date().toISOString(),
      files: files.length + entries.length,
      plainBytes: plainBytes + uploadBytes,
      database: source.client,
      documents,
      uploadFiles: entries.length,
      uploadBytes,
      newBytes,
    };
    writeSidecar(finalFile, sidecar);
    done(timer, `giải mã và mã kiểm tra đều đạt, ${source.client === 'sqlite' ? 'integrity_check' : 'pg_restore --list'}: tốt`);

    if (second) {
      timer = step(`Chép sang nơi lưu thứ hai ${second}…`);
      const copied = await copyObjects(
        target,
        second,
        store.keyId,
        entries.map((e) => e.object),
      );
      await copyToSecond(second, finalFile, sha256, sidecar);
      done(timer, `đối tượng mới: ${megabytes(copied)}`);
    }

    timer = step(`Dọn bản cũ (giữ ${policy.daily} ngày, ${policy.weekly} tuần, ${policy.monthly} tháng) và đối tượng không còn bản nào dùng…`);
    for (const file of marks) discard(file);
    const notes: string[] = [];
    for (const dir of [target, ...(second ? [second] : [])]) {
      const removed = prune(dir, policy);
      const collected = await collectObjects(dir, store, secret);
      notes.push(
        `${dir}: ${removed.length > 0 ? `đã xóa ${removed.length} bản` : 'không có bản nào cần xóa'}, ` +
          (collected.skipped ? `chưa dọn kho đối tượng (${collected.skipped})` : `xóa ${collected.removed} đối tượng (${megabytes(collected.bytes)})`),
      );
    }
    done(timer, notes.join('; '));
    return {
      file: finalFile,
      size,
      seconds: (Date.now() - began) / 1000,
      uploadFiles: entries.length,
      uploadBytes,
      newBytes,
      reusedBytes: uploadBytes - newBytes,
      readBytes,
      uploadSeconds,
    };
  } finally {
    discard(staging);
    for (const file of marks) discard(file);
  }
}
