import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { generateKey, identityString } from '@portal/backups/age-x25519';
import { alreadyCompressed } from '@portal/backups/compressible';
import type { UploadEntry } from '@portal/backups/manifest';
import {
  beginBackup,
  checkObject,
  collectGarbage,
  OBJECTS_DIR,
  objectsIn,
  readRefs,
  type StoreKey,
  storeDir,
  storeFile,
  storeKey,
  writeRefs,
} from '@portal/backups/objects';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';

let dir: string;
let store: StoreKey;

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'backup-objects-'));
  mkdirSync(path.join(dir, 'uploads'));
  store = storeKey(identityString(generateKey()));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function upload(name: string, content: Buffer | string): string {
  const file = path.join(dir, 'uploads', name);
  writeFileSync(file, content);
  return file;
}

async function stored(file: string) {
  const result = await storeFile(file, store, dir, new Set(), () => undefined);
  const entry: UploadEntry = { path: `uploads/${path.basename(file)}`, mtime: '0', ...result };
  return { result, entry };
}

describe('already-compressed media', () => {
  it('is recognised by its first bytes whatever its name, and by its extension otherwise', () => {
    const jpeg = Buffer.from('ffd8ffe000104a464946', 'hex');
    const webp = Buffer.concat([Buffer.from('RIFF'), Buffer.alloc(4), Buffer.from('WEBPVP8 ')]);
    const avif = Buffer.concat([Buffer.alloc(4), Buffer.from('ftypavif')]);
    const docx = Buffer.from('504b030414000600', 'hex');
    expect(alreadyCompressed('anh.bin', jpeg)).toBe(true);
    expect(alreadyCompressed('anh', webp)).toBe(true);
    expect(alreadyCompressed('anh', avif)).toBe(true);
    expect(alreadyCompressed('van-ban.docx', docx)).toBe(true);
    expect(alreadyCompressed('quyet-dinh.pdf', Buffer.from('%PDF-1.7'))).toBe(true);
    expect(alreadyCompressed('video.MP4', Buffer.alloc(0))).toBe(true);
    expect(alreadyCompressed('logo.svg', Buffer.from('<svg xmlns='))).toBe(false);
    expect(alreadyCompressed('danh-sach.csv', Buffer.from('ho,ten'))).toBe(false);
    expect(alreadyCompressed('am-thanh.wav', Buffer.concat([Buffer.from('RIFF'), Buffer.alloc(4), Buffer.from('WAVEfmt ')]))).toBe(false);
    // An unknown format is tried: random bytes do not shrink, a repetitive table does.
    expect(alreadyCompressed('du-lieu.bin', randomBytes(65_536))).toBe(true);
    expect(alreadyCompressed('du-lieu.bin', Buffer.from('ma,ten,lop\n'.repeat(6000)))).toBe(false);
  });

  it('is stored without gzip, while text is gzipped, and both decrypt to the same bytes', async () => {
    const photo = Buffer.concat([Buffer.from('ffd8ffe0', 'hex'), randomBytes(100_000)]);
    const text = '<svg>'.padEnd(100_000, 'a');
    const jpeg = await stored(upload('anh.jpg', photo));
    const svg = await stored(upload('logo.svg', text));
    expect(jpeg.result.gzip).toBe(false);
    expect(jpeg.result.object).not.toMatch(/\.gz$/);
    expect(svg.result.gzip).toBe(true);
    expect(svg.result.objectSize).toBeLessThan(10_000);
    for (const { entry } of [jpeg, svg]) {
      const out = path.join(dir, `out-${path.basename(entry.path)}`);
      await checkObject(dir, store.keyId, store.key, entry, out);
      expect(readFileSync(out).equals(readFileSync(path.join(dir, entry.path)))).toBe(true);
    }
  });
});

describe('the object store', () => {
  it('keeps one object per content, named by a keyed hash, and leaves no temporary file', async () => {
    const content = randomBytes(50_000);
    const first = await stored(upload('a.bin', content));
    const second = await stored(upload('b.bin', content));
    expect(first.result.isNew).toBe(true);
    expect(second.result.isNew).toBe(false);
    expect(second.result.object).toBe(first.result.object);
    expect(first.result.object).not.toContain(first.result.sha256);
    expect(objectsIn(storeDir(dir, store.keyId))).toEqual([first.result.object]);
    expect(readdirSync(path.join(dir, OBJECTS_DIR)).filter((name) => name.startsWith('.'))).toEqual([]);
  });

  it('says in Vietnamese which upload is damaged when one byte of its object changed', async () => {
    const { entry } = await stored(upload('anh.jpg', Buffer.concat([Buffer.from('ffd8ff', 'hex'), randomBytes(200_000)])));
    const file = path.join(storeDir(dir, store.keyId), entry.object);
    const bytes = readFileSync(file);
    bytes[100_000]! ^= 1;
    writeFileSync(file, bytes);
    await expect(checkObject(dir, store.keyId, store.key, entry)).rejects.toThrow(/Đối tượng .* \(tệp uploads\/anh\.jpg\) trong kho bị hỏng/);
    rmSync(file);
    await expect(checkObject(dir, store.keyId, store.key, entry)).rejects.toThrow(/Thiếu đối tượng .* \(tệp uploads\/anh\.jpg\)/);
  });
});

describe('garbage collection of objects', () => {
  it('removes objects no archive uses, keeps the used ones, and trusts only authentic object lists', async () => {
    const kept = await stored(upload('a.bin', randomBytes(1000)));
    const dropped = await stored(upload('b.bin', randomBytes(1000)));
    const archive = path.join(dir, 'portal-backup-20261129-023000.tar.gz.age');
    writeFileSync(archive, '');
    writeRefs(archive, store, [kept.result.object]);
    expect(readRefs(archive, store)?.objects).toEqual([kept.result.object]);
    expect(readRefs(archive, storeKey(identityString(generateKey())))).toBeNull();

    const use = (file: string) => {
      const refs = readRefs(file, store);
      return refs ? { keyId: refs.keyId, objects: refs.objects } : null;
    };
    const forged = JSON.parse(readFileSync(`${archive}.objects`, 'utf8')) as { objects: string[] };
    writeFileSync(`${archive}.objects`, JSON.stringify({ ...forged, objects: [] }));
    const refused = collectGarbage(dir, store, () => [archive], use);
    expect(refused.skipped).toMatch(/không xác định được/);
    expect(objectsIn(storeDir(dir, store.keyId)).sort()).toEqual([kept.result.object, dropped.result.object].sort());

    writeRefs(archive, store, [kept.result.object]);
    const collected = collectGarbage(dir, store, () => [archive], use);
    expect(collected).toMatchObject({ removed: 1, skipped: null });
    expect(objectsIn(storeDir(dir, store.keyId))).toEqual([kept.result.object]);
  });

  it('deletes nothing while another backup is running, and removes an old key only once no archive uses it', async () => {
    const old = storeKey(identityString(generateKey()));
    const oldObject = await storeFile(upload('c.bin', randomBytes(1000)), old, dir, new Set(), () => undefined);
    const orphan = await stored(upload('d.bin', randomBytes(1000)));
    const otherBackup = path.join(dir, OBJECTS_DIR, `.backup-${process.ppid}-1`);
    writeFileSync(otherBackup, '');
    const none = () => [] as string[];
    expect(collectGarbage(dir, store, none, () => null).skipped).toMatch(/đang chạy/);
    expect(existsSync(path.join(storeDir(dir, store.keyId), orphan.result.object))).toBe(true);
    rmSync(otherBackup);

    const archive = path.join(dir, 'portal-backup-20261129-023000.tar.gz.age');
    const inUse = collectGarbage(
      dir,
      store,
      () => [archive],
      () => ({ keyId: old.keyId, objects: [] }),
    );
    expect(inUse.removed).toBe(1);
    expect(existsSync(path.join(storeDir(dir, old.keyId), oldObject.object))).toBe(true);
    collectGarbage(dir, store, none, () => null);
    expect(existsSync(storeDir(dir, old.keyId))).toBe(false);
    expect(statSync(storeDir(dir, store.keyId)).isDirectory()).toBe(true);
  });

  it('makes a new backup wait while objects are being collected', async () => {
    const lock = path.join(dir, OBJECTS_DIR, `.prune-${process.ppid}-1`);
    mkdirSync(path.dirname(lock), { recursive: true });
    writeFileSync(lock, '');
    await expect(beginBackup(dir, 300)).rejects.toThrow(/đang được một tiến trình khác dọn/);
    rmSync(lock);
    const mark = await beginBackup(dir, 300);
    expect(path.basename(mark)).toMatch(new RegExp(`^\\.backup-${process.pid}-`));
  });
});
