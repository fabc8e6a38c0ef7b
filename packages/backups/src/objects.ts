import { createCipheriv, createDecipheriv, createHash, hkdfSync, randomBytes } from 'node:crypto';
import { createReadStream, createWriteStream, existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { open } from 'node:fs/promises';
import path from 'node:path';
import { PassThrough, Transform, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createGunzip, createGzip } from 'node:zlib';
import { AgeDecrypt, AgeEncrypt, parseIdentity, type X25519Key } from './age-x25519.ts';
import { alreadyCompressed, SAMPLE_BYTES } from './compressible.ts';
import { BackupError, messageOf } from './errors.ts';
import { syncPath } from './fsutil.ts';
import type { UploadEntry } from './manifest.ts';
import { discard, keep, track } from './scratch.ts';

/**
 * The object store: every distinct upload content once, encrypted, in `<backup dir>/objects/<key id>/`.
 * Archives hold the database, the configuration and a manifest mapping each upload path to its object,
 * so a backup of unchanged uploads writes nothing here. Objects are age files (X25519) to a key that
 * lives only inside the archives' manifests, which are themselves encrypted with the passphrase. The
 * key id is part of the path: a new passphrase starts a new key, so an archive never depends on
 * objects that only the old passphrase can open.
 */

export const OBJECTS_DIR = 'objects';
export const OBJECT_PATTERN = /^[0-9a-f]{2}\/[0-9a-f]{64}(\.gz)?$/;

export interface StoreKey {
  key: X25519Key;
  keyId: string;
  /** Names objects: a keyed hash of the content's SHA-256, so a name does not reveal which known file it holds. */
  nameKey: Buffer;
  /** Authenticates each archive's list of objects (the .objects file prune reads without the passphrase). */
  refsKey: Buffer;
}

export function storeKey(identity: string): StoreKey {
  const key = parseIdentity(identity);
  const derive = (info: string) => Buffer.from(hkdfSync('sha256', key.secret, Buffer.alloc(0), info, 32));
  return {
    key,
    keyId: createHash('sha256').update('portal-backup object store\n').update(key.public).digest('hex').slice(0, 16),
    nameKey: derive('portal-backup/object-name'),
    refsKey: derive('portal-backup/object-refs'),
  };
}

export function objectName(store: StoreKey, sha256: string, gzip: boolean): string {
  // The secret key first, then a fixed-length hex digest: length extension has nothing to extend.
  const name = createHash('sha256').update(store.nameKey).update(sha256).digest('hex');
  return `${name.slice(0, 2)}/${name}${gzip ? '.gz' : ''}`;
}

export const storeDir = (backupDir: string, keyId: string) => path.join(backupDir, OBJECTS_DIR, keyId);

function tap(onChunk: (chunk: Buffer) => void): Transform {
  return new Transform({
    transform(chunk: Buffer, _encoding, callback) {
      onChunk(chunk);
      callback(null, chunk);
    },
  });
}

async function readHead(file: string): Promise<Buffer> {
  const handle = await open(file, 'r');
  try {
    const head = Buffer.alloc(SAMPLE_BYTES);
    const { bytesRead } = await handle.read(head, 0, SAMPLE_BYTES, 0);
    return head.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

export interface Stored {
  sha256: string;
  size: number;
  object: string;
  objectSize: number;
  gzip: boolean;
  /** False when an object with this content was already in the store: nothing new was kept. */
  isNew: boolean;
}

/**
 * Reads `file` once: hashes it and encrypts it into a temporary file in the store (synced to disk),
 * then renames it to its name, or drops it when that content is already stored. A crash leaves only
 * a `.partial-<pid>-…` file, which the next run removes; never a half-written object under a real name.
 */
export async function storeFile(file: string, store: StoreKey, backupDir: string, synced: Set<string>, onBytes: (bytes: number) => void): Promise<Stored> {
  const root = path.join(backupDir, OBJECTS_DIR);
  const gzip = !alreadyCompressed(file, await readHead(file));
  mkdirSync(root, { recursive: true, mode: 0o700 });
  const temp = path.join(root, `.partial-${process.pid}-${randomBytes(8).toString('hex')}`);
  track(temp);
  const hash = createHash('sha256');
  let size = 0;
  let objectSize = 0;
  const stages: (Transform | PassThrough | Writable)[] = [
    tap((chunk) => {
      hash.update(chunk);
      size += chunk.length;
      onBytes(chunk.length);
    }),
  ];
  if (gzip) stages.push(createGzip({ level: 6 }));
  stages.push(
    new AgeEncrypt(store.key.public),
    tap((chunk) => {
      objectSize += chunk.length;
    }),
  );
  await pipeline([createReadStream(file), ...stages, createWriteStream(temp, { flags: 'wx', mode: 0o600 })]);
  const sha256 = hash.digest('hex');
  const object = objectName(store, sha256, gzip);
  const final = path.join(storeDir(backupDir, store.keyId), object);
  if (existsSync(final)) {
    discard(temp);
    return { sha256, size, object, objectSize: statSync(final).size, gzip, isNew: false };
  }
  await syncPath(temp);
  mkdirSync(path.dirname(final), { recursive: true, mode: 0o700 });
  renameSync(temp, final);
  keep(temp);
  synced.add(path.dirname(final));
  return { sha256, size, object, objectSize, gzip, isNew: true };
}

/** Syncs the folders that received objects, so the renames survive a power cut before the archive is named. */
export async function syncFolders(folders: Set<string>): Promise<void> {
  const parents = new Set<string>();
  for (const folder of folders) {
    await syncPath(folder);
    parents.add(path.dirname(folder));
  }
  for (const parent of parents) await syncPath(parent);
  folders.clear();
}

/**
 * Decrypts one object and checks it against its manifest entry (size and SHA-256 of the upload), writing
 * the plaintext to `destination` when given. Every failure names the upload and says what to do.
 */
export async function checkObject(backupDir: string, keyId: string, key: X25519Key, entry: UploadEntry, destination?: string): Promise<void> {
  const file = path.join(storeDir(backupDir, keyId), entry.object);
  if (!existsSync(file)) {
    throw new BackupError(
      `Thiếu đối tượng ${keyId}/${entry.object} (tệp ${entry.path}) trong kho ${path.join(backupDir, OBJECTS_DIR)}: ` +
        'kho đối tượng phải nằm cạnh tệp sao lưu; dùng bản ở BACKUP_COPY_DIR nếu có.',
    );
  }
  const hash = createHash('sha256');
  let size = 0;
  const stages: (Transform | Writable)[] = [new AgeDecrypt(key)];
  if (entry.gzip) stages.push(createGunzip());
  stages.push(
    tap((chunk) => {
      hash.update(chunk);
      size += chunk.length;
    }),
  );
  const out = destination ? createWriteStream(destination, { flags: 'wx', mode: 0o644 }) : new PassThrough().resume();
  try {
    await pipeline([createReadStream(file), ...stages, out]);
  } catch (error) {
    throw new BackupError(`Đối tượng ${keyId}/${entry.object} (tệp ${entry.path}) trong kho bị hỏng: ${messageOf(error)}. Dùng bản ở BACKUP_COPY_DIR nếu có.`);
  }
  if (size !== entry.size || hash.digest('hex') !== entry.sha256) {
    throw new BackupError(`Đối tượng ${keyId}/${entry.object} (tệp ${entry.path}) không khớp mã kiểm tra sha256: kho đối tượng đã bị sửa hoặc hỏng.`);
  }
}

// --- which archives use which objects -------------------------------------------------------------

export const REFS = '.objects';

export interface Refs {
  archive: string;
  keyId: string;
  objects: string[];
  mac: string;
}

/**
 * A Poly1305 tag over the list (ChaCha20-Poly1305 with the list as associated data and no message):
 * a MAC under the store's key, checked in constant time by OpenSSL. `mac` is nonce and tag, in hex.
 */
function refsMac(refsKey: Buffer, archive: string, keyId: string, objects: string[], nonce = randomBytes(12)): string {
  const cipher = createCipheriv('chacha20-poly1305', refsKey, nonce, { authTagLength: 16 });
  cipher.setAAD(Buffer.from(JSON.stringify([archive, keyId, objects])), { plaintextLength: 0 });
  cipher.final();
  return nonce.toString('hex') + cipher.getAuthTag().toString('hex');
}

function refsMacValid(refsKey: Buffer, refs: Refs): boolean {
  if (typeof refs.mac !== 'string' || !/^[0-9a-f]{56}$/.test(refs.mac)) return false;
  const decipher = createDecipheriv('chacha20-poly1305', refsKey, Buffer.from(refs.mac.slice(0, 24), 'hex'), { authTagLength: 16 });
  decipher.setAAD(Buffer.from(JSON.stringify([refs.archive, refs.keyId, refs.objects])), { plaintextLength: 0 });
  decipher.setAuthTag(Buffer.from(refs.mac.slice(24), 'hex'));
  try {
    decipher.final();
    return true;
  } catch {
    return false;
  }
}

export function writeRefs(archiveFile: string, store: StoreKey, objects: Iterable<string>): void {
  const archive = path.basename(archiveFile);
  const list = [...new Set(objects)].sort();
  const refs: Refs = { archive, keyId: store.keyId, objects: list, mac: refsMac(store.refsKey, archive, store.keyId, list) };
  writeFileSync(archiveFile + REFS, `${JSON.stringify(refs)}\n`, { mode: 0o600 });
}

/** The archive's object list if it is authentic under `store`; null when missing, damaged or of another key. */
export function readRefs(archiveFile: string, store: StoreKey): Refs | null {
  try {
    const refs = JSON.parse(readFileSync(archiveFile + REFS, 'utf8')) as Refs;
    if (refs.archive !== path.basename(archiveFile) || refs.keyId !== store.keyId || !Array.isArray(refs.objects)) return null;
    return refsMacValid(store.refsKey, refs) ? refs : null;
  } catch {
    return null;
  }
}

/** The key id an archive's object list claims, unauthenticated: only used to keep another key's folder. */
export function claimedKeyId(archiveFile: string): string | null {
  try {
    return (JSON.parse(readFileSync(archiveFile + REFS, 'utf8')) as Refs).keyId ?? null;
  } catch {
    return null;
  }
}

// --- locks between a running backup and garbage collection ----------------------------------------

/**
 * A backup marks the store while it runs (`.backup-<pid>-…`); garbage collection takes `.prune-<pid>-…`.
 * Each writes its own mark first and then looks for the other's, so at least one of them sees the
 * other: the collector then gives up for this run (it never deletes what a running backup just wrote
 * or decided to reuse), and the backup waits for the collector to finish. Marks of dead processes are
 * leftovers, removed like the other temporary files.
 */
function marks(root: string, kind: 'backup' | 'prune'): number[] {
  if (!existsSync(root)) return [];
  return readdirSync(root).flatMap((name) => {
    const match = new RegExp(`^\\.${kind}-(\\d+)-`).exec(name);
    if (!match) return [];
    const pid = Number(match[1]);
    if (pid === process.pid) return [];
    try {
      process.kill(pid, 0);
      return [pid];
    } catch (error) {
      return (error as NodeJS.ErrnoException).code === 'EPERM' ? [pid] : [];
    }
  });
}

function mark(root: string, kind: 'backup' | 'prune'): string {
  mkdirSync(root, { recursive: true, mode: 0o700 });
  const file = path.join(root, `.${kind}-${process.pid}-${Date.now()}`);
  writeFileSync(file, `${new Date().toISOString()}\n`, { flag: 'wx', mode: 0o600 });
  track(file);
  return file;
}

export async function beginBackup(backupDir: string, waitMs = 10 * 60_000): Promise<string> {
  const root = path.join(backupDir, OBJECTS_DIR);
  const file = mark(root, 'backup');
  const deadline = Date.now() + waitMs;
  while (marks(root, 'prune').length > 0) {
    if (Date.now() > deadline) {
      discard(file);
      throw new BackupError(`Kho đối tượng ${root} đang được một tiến trình khác dọn quá lâu; hãy thử lại sau.`);
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return file;
}

export interface Collected {
  removed: number;
  bytes: number;
  skipped: string | null;
}

/** What one archive uses: objects of `keyId` (authentic when `keyId` is the current store's), or null if unknown. */
export type ArchiveUse = { keyId: string | null; objects: string[] } | null;

/**
 * Deletes objects no remaining archive references. `useOf(archiveFile)` says which objects an archive
 * uses; when that cannot be established for one archive, nothing is deleted. Another key's folder
 * (an older passphrase) goes as a whole once no remaining archive uses that key.
 */
export function collectGarbage(backupDir: string, store: StoreKey, listArchives: () => string[], useOf: (archiveFile: string) => ArchiveUse): Collected {
  const root = path.join(backupDir, OBJECTS_DIR);
  if (!existsSync(root)) return { removed: 0, bytes: 0, skipped: null };
  const lock = mark(root, 'prune');
  try {
    if (marks(root, 'backup').length > 0 || marks(root, 'prune').length > 0) {
      return { removed: 0, bytes: 0, skipped: 'một lần sao lưu hoặc dọn kho khác đang chạy' };
    }
    const referenced = new Set<string>();
    const keys = new Set<string>();
    // Listed under the lock: an archive named from now on belongs to a backup that waits for this one.
    for (const archive of listArchives()) {
      const use = useOf(archive);
      if (use === null) return { removed: 0, bytes: 0, skipped: `không xác định được các đối tượng mà ${path.basename(archive)} dùng` };
      if (use.keyId) keys.add(use.keyId);
      if (use.keyId === store.keyId) for (const object of use.objects) referenced.add(object);
    }
    let removed = 0;
    let bytes = 0;
    for (const keyId of readdirSync(root)) {
      const dir = path.join(root, keyId);
      if (!/^[0-9a-f]{16}$/.test(keyId) || !statSync(dir).isDirectory()) continue;
      if (keyId !== store.keyId && keys.has(keyId)) continue;
      for (const object of objectsIn(dir)) {
        if (keyId === store.keyId && referenced.has(object)) continue;
        const file = path.join(dir, object);
        bytes += statSync(file).size;
        rmSync(file, { force: true });
        removed += 1;
      }
      if (keyId !== store.keyId) rmSync(dir, { recursive: true, force: true });
    }
    return { removed, bytes, skipped: null };
  } finally {
    discard(lock);
  }
}

/** Object names (`ab/<hash>[.gz]`) under one key's folder. */
export function objectsIn(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((shard) => /^[0-9a-f]{2}$/.test(shard))
    .flatMap((shard) =>
      readdirSync(path.join(dir, shard))
        .map((name) => `${shard}/${name}`)
        .filter((object) => OBJECT_PATTERN.test(object)),
    );
}

/**
 * Copies the objects `objects` that `to` lacks from one backup folder to another (temporary name,
 * synced, checked byte for byte, renamed). Returns the bytes copied.
 */
export async function copyObjects(from: string, to: string, keyId: string, objects: Iterable<string>): Promise<number> {
  const source = storeDir(from, keyId);
  const target = storeDir(to, keyId);
  const root = path.join(to, OBJECTS_DIR);
  mkdirSync(root, { recursive: true, mode: 0o700 });
  const touched = new Set<string>();
  let bytes = 0;
  for (const object of new Set(objects)) {
    const final = path.join(target, object);
    if (existsSync(final)) continue;
    const temp = path.join(root, `.copy-${process.pid}-${randomBytes(8).toString('hex')}`);
    track(temp);
    const original = createHash('sha256');
    await pipeline(
      createReadStream(path.join(source, object)),
      tap((chunk) => original.update(chunk)),
      createWriteStream(temp, { flags: 'wx', mode: 0o600 }),
    );
    await syncPath(temp);
    const copied = createHash('sha256');
    await pipeline(
      createReadStream(temp),
      tap((chunk) => copied.update(chunk)),
      new PassThrough().resume(),
    );
    if (copied.digest('hex') !== original.digest('hex'))
      throw new BackupError(`Bản chép đối tượng ${object} ở ${to} không khớp bản gốc: đĩa đích có thể bị lỗi hoặc đầy.`);
    mkdirSync(path.dirname(final), { recursive: true, mode: 0o700 });
    renameSync(temp, final);
    keep(temp);
    touched.add(path.dirname(final));
    bytes += statSync(final).size;
  }
  await syncFolders(touched);
  return bytes;
}
