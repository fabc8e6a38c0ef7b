import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { hashFile } from './manifest.ts';
import { formatVietnam, LEFTOVER } from './names.ts';
import { OBJECTS_DIR } from './objects.ts';
import { megabytes } from './progress.ts';
import { archivesIn } from './prune.ts';
import { readSidecar } from './sidecar.ts';

export interface Listed {
  name: string;
  date: Date;
  size: number;
  files: number | null;
  /** yes: verified when made and unchanged since (same sha256); changed: the bytes differ; unknown: no note. */
  verified: 'yes' | 'changed' | 'unknown';
}

/**
 * "Verified" costs one sha256 pass over each archive (no passphrase, no decryption): it proves the
 * file is byte for byte the one that was fully verified when it was made.
 */
export async function listArchives(dir: string): Promise<{ archives: Listed[]; leftovers: number }> {
  const archives: Listed[] = [];
  for (const { name, date } of archivesIn(dir).sort((a, b) => b.date.getTime() - a.date.getTime())) {
    const file = path.join(dir, name);
    const size = statSync(file).size;
    const note = readSidecar(file);
    let verified: Listed['verified'] = 'unknown';
    if (note) verified = note.size === size && (await hashFile(file)).sha256 === note.sha256 ? 'yes' : 'changed';
    archives.push({ name, date, size, files: note?.files ?? null, verified });
  }
  let leftovers = 0;
  for (const folder of [dir, path.join(dir, OBJECTS_DIR)]) {
    try {
      leftovers += readdirSync(folder).filter((name) => LEFTOVER.test(name)).length;
    } catch {
      // no folder yet: nothing left over in it either
    }
  }
  return { archives, leftovers };
}

export function printList(dir: string, archives: Listed[], leftovers: number): void {
  if (archives.length === 0) {
    console.log(`Chưa có bản sao lưu nào trong ${dir}.`);
  } else {
    console.log(`Bản sao lưu trong ${dir} (giờ Việt Nam, mới nhất trước):\n`);
    const label = { yes: 'có', changed: 'KHÔNG — tệp đã thay đổi', unknown: 'chưa rõ' };
    console.log(`${'Tệp'.padEnd(44)}  ${'Ngày giờ'.padEnd(19)}  ${'Dung lượng'.padStart(10)}  ${'Số tệp'.padStart(6)}  Đã kiểm tra`);
    for (const a of archives) {
      console.log(
        `${a.name.padEnd(44)}  ${formatVietnam(a.date)}  ${megabytes(a.size).padStart(10)}  ${String(a.files ?? '?').padStart(6)}  ${label[a.verified]}`,
      );
    }
  }
  if (leftovers > 0) console.log(`\n(Bỏ qua ${leftovers} tệp tạm của lần sao lưu bị dừng giữa chừng; lần sao lưu sau sẽ xóa.)`);
}
