import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { parseIdentity } from './age-x25519.ts';
import { type ReadResult, readArchive } from './archive.ts';
import type { ArchiveSecret } from './crypto.ts';
import { BackupError } from './errors.ts';
import type { ContentCount, Manifest } from './manifest.ts';
import { LEFTOVER } from './names.ts';
import { checkObject, OBJECTS_DIR, storeDir } from './objects.ts';
import { checkDump } from './postgres.ts';
import { Progress } from './progress.ts';
import { discard, scratchDir } from './scratch.ts';
import { countSqlite, integrityProblems } from './sqlite.ts';

/** Resolves an archive argument: a path, or a bare name inside the backup folder. */
export function resolveArchive(argument: string | undefined, dir: string): string {
  if (!argument) throw new BackupError('Thiếu tên tệp sao lưu. Xem danh sách bằng: npm run backup -- list');
  const candidates = [path.resolve(argument), path.join(dir, argument)];
  const file = candidates.find((candidate) => existsSync(candidate) && statSync(candidate).isFile());
  if (!file) throw new BackupError(`Không tìm thấy tệp sao lưu "${argument}" (đã tìm ở ${candidates.join(' và ')}).`);
  if (LEFTOVER.test(path.basename(file))) {
    throw new BackupError(
      `${path.basename(file)} là tệp tạm của một lần sao lưu chưa xong (bị dừng giữa chừng), không phải bản sao lưu. Lần sao lưu sau sẽ tự xóa nó.`,
    );
  }
  return file;
}

export function sameCounts(expected: ContentCount[], actual: ContentCount[]): string[] {
  const byUid = new Map(actual.map((c) => [c.uid, c]));
  return expected.flatMap((want) => {
    const got = byUid.get(want.uid);
    const same = got && got.rows === want.rows && got.documents === want.documents && got.published === want.published && got.drafts === want.drafts;
    return same ? [] : [`${want.uid}: bản kê ghi ${want.rows} dòng, cơ sở dữ liệu có ${got?.rows ?? 0}`];
  });
}

/**
 * Format 2: every upload's object, decrypted and checked against its size and SHA-256 (each distinct
 * object once). With `onlyNew`, objects outside that set are only checked to exist with their size:
 * what create does for objects an earlier, fully verified backup already wrote.
 */
export async function verifyObjects(archiveFile: string, manifest: Manifest, onlyNew?: Set<string>): Promise<{ files: number; bytes: number }> {
  if (manifest.formatVersion !== 2 || !manifest.store || !manifest.uploads) return { files: 0, bytes: 0 };
  const dir = path.dirname(archiveFile);
  const key = parseIdentity(manifest.store.identity);
  const uploads = manifest.uploads;
  const progress = new Progress(
    'kiểm tra kho đối tượng',
    uploads.reduce((sum, u) => sum + u.size, 0),
    uploads.length,
  );
  const checked = new Set<string>();
  let bytes = 0;
  for (const upload of uploads) {
    if (!checked.has(upload.object)) {
      checked.add(upload.object);
      if (onlyNew && !onlyNew.has(upload.object)) {
        const object = path.join(storeDir(dir, manifest.store.keyId), upload.object);
        if (!existsSync(object) || statSync(object).size !== upload.objectSize) {
          throw new BackupError(
            `Đối tượng ${manifest.store.keyId}/${upload.object} (tệp ${upload.path}) thiếu hoặc sai kích thước trong ${path.join(dir, OBJECTS_DIR)}.`,
          );
        }
      } else {
        await checkObject(dir, manifest.store.keyId, key, upload);
      }
    }
    bytes += upload.size;
    progress.add(upload.size, 1);
  }
  progress.finish();
  return { files: uploads.length, bytes };
}

/**
 * The full check: decrypts everything, compares every member with the manifest, then checks the
 * database itself (SQLite integrity_check and document counts, or pg_restore --list), then (format 2)
 * every upload's object in the store next to the archive. Plaintext lands only in a private scratch
 * folder under `scratchParent`, removed before returning.
 */
export async function verifyArchive(
  file: string,
  passphrase: ArchiveSecret,
  scratchParent: string,
  onlyNew?: Set<string>,
): Promise<ReadResult & { objectSeconds: number }> {
  const scratch = scratchDir(scratchParent, 'verify');
  try {
    const databaseCopy = path.join(scratch, 'database');
    let databaseMember = '';
    const result = await readArchive(
      file,
      passphrase,
      (member) => {
        if (!member.startsWith('database/')) return null;
        databaseMember = member;
        return databaseCopy;
      },
      new Progress('kiểm tra', 0, 0),
    );
    if (databaseMember !== result.manifest.database.path) throw new BackupError('Tệp sao lưu không chứa cơ sở dữ liệu như bản kê ghi.');
    if (result.manifest.database.client === 'sqlite') {
      const problems = integrityProblems(databaseCopy);
      if (problems.length > 0) throw new BackupError(`Cơ sở dữ liệu trong bản sao lưu không nguyên vẹn (integrity_check): ${problems.slice(0, 3).join('; ')}`);
      const mismatches = sameCounts(result.manifest.content, countSqlite(databaseCopy, result.manifest.content));
      if (mismatches.length > 0) throw new BackupError(`Số tài liệu không khớp bản kê: ${mismatches.join('; ')}`);
    } else {
      await checkDump(databaseCopy);
    }
    const objectsBegan = Date.now();
    const objects = await verifyObjects(file, result.manifest, onlyNew);
    return {
      manifest: result.manifest,
      files: result.files + objects.files,
      bytes: result.bytes + objects.bytes,
      objectSeconds: (Date.now() - objectsBegan) / 1000,
    };
  } finally {
    discard(scratch);
  }
}
