/**
 * `npm run backup [-- <lệnh>]`: encrypted, verified backups of the portal while it keeps running, and
 * their verification, listing, restore and daily schedule. Operator guide: docs/operations-backup.md.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { buildCommon } from './lib/prepare.ts';

// The backup workspace (packages/backups) runs from its TypeScript sources, but imports the compiled shared
// package: build it first when it is missing or stale (a no-op otherwise), then load the tool.
await buildCommon();
const { backupDir, passphrase } = await import('@portal/backups/config');
const { createBackup } = await import('@portal/backups/create');
const { BackupError, messageOf } = await import('@portal/backups/errors');
const { listArchives, printList } = await import('@portal/backups/list');
const { megabytes } = await import('@portal/backups/progress');
const { summaryJson, summaryLine } = await import('@portal/backups/summary');
const { restoreBackup } = await import('@portal/backups/restore');
const { runSchedule } = await import('@portal/backups/schedule');
const { resolveArchive, verifyArchive } = await import('@portal/backups/verify');

const HELP = `Sao lưu và khôi phục cổng thông tin.

Cách dùng:
  npm run backup                               tạo một bản sao lưu (giống "create")
  npm run backup -- create                     tạo bản sao lưu khi cổng thông tin vẫn chạy
  npm run backup -- create --json              như trên, dòng cuối là tóm tắt dạng JSON (cho npm run bench)
  npm run backup -- verify <tệp>               kiểm tra đầy đủ một bản sao lưu (giải mã, sha256, integrity_check)
  npm run backup -- list                       liệt kê các bản sao lưu trong BACKUP_DIR
  npm run backup -- restore <tệp> [--target <thư mục>]
                                               khôi phục vào bản cài đặt đã dừng, hoặc vào thư mục mới
  npm run backup -- schedule                   chạy mãi, sao lưu mỗi ngày lúc BACKUP_TIME (giờ Việt Nam)
  npm run backup -- --help                     xem hướng dẫn này

Biến môi trường:
  BACKUP_PASSPHRASE      mật khẩu mã hóa (bắt buộc, ≥ 12 ký tự); hoặc BACKUP_PASSPHRASE_FILE
  BACKUP_DIR             thư mục lưu bản sao lưu (mặc định var/backups)
  BACKUP_COPY_DIR        thư mục thứ hai nhận một bản chép (ổ khác, ổ mạng…), không bắt buộc
  BACKUP_KEEP_DAILY      số ngày giữ bản sao lưu (mặc định 7)
  BACKUP_KEEP_WEEKLY     số tuần giữ (mặc định 4)
  BACKUP_KEEP_MONTHLY    số tháng giữ (mặc định 12)
  BACKUP_TIME            giờ sao lưu hằng ngày, GG:PP giờ Việt Nam (mặc định 02:30)

<tệp> là đường dẫn, hoặc chỉ tên tệp trong BACKUP_DIR. Tài liệu: docs/operations-backup.md`;

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: { help: { type: 'boolean', short: 'h' }, target: { type: 'string' }, json: { type: 'boolean' } },
  });
  const [command = 'create', archive, ...extra] = positionals;
  if (values.help || command === 'help') {
    console.log(HELP);
    return 0;
  }
  if (values.target !== undefined && command !== 'restore') throw new BackupError('--target chỉ dùng với lệnh restore.');
  if (values.json && command !== 'create') throw new BackupError('--json chỉ dùng với lệnh create.');
  const tooMany = () => new BackupError(`Thừa tham số: ${extra.join(' ')}. Xem: npm run backup -- --help`);
  switch (command) {
    case 'create': {
      if (archive !== undefined) throw new BackupError(`Lệnh create không nhận tham số "${archive}". Xem: npm run backup -- --help`);
      const created = await createBackup();
      console.log(`\nĐã sao lưu: ${created.file} (${megabytes(created.size)}, ${created.seconds.toFixed(1)} s).`);
      console.log(summaryLine(created));
      if (values.json) console.log(JSON.stringify(summaryJson(created)));
      return 0;
    }
    case 'verify': {
      if (extra.length > 0) throw tooMany();
      const secret = passphrase('decrypt');
      const file = resolveArchive(archive, backupDir());
      const began = Date.now();
      const result = await verifyArchive(file, secret, backupDir());
      const documents = result.manifest.content.reduce((sum, c) => sum + c.documents, 0);
      console.log(
        `\nBản sao lưu tốt: ${path.basename(file)} — ${result.files} tệp (${megabytes(result.bytes)}) đúng sha256, ` +
          `cơ sở dữ liệu ${result.manifest.database.client} nguyên vẹn, ${documents} tài liệu; kiểm tra trong ${((Date.now() - began) / 1000).toFixed(1)} s.`,
      );
      return 0;
    }
    case 'list': {
      if (archive !== undefined) throw new BackupError('Lệnh list không nhận tham số.');
      const dir = backupDir();
      const { archives, leftovers } = await listArchives(dir);
      printList(dir, archives, leftovers);
      return 0;
    }
    case 'restore':
      if (extra.length > 0) throw tooMany();
      if (values.target === '') throw new BackupError('--target cần một thư mục.');
      await restoreBackup(archive, values.target);
      return 0;
    case 'schedule':
      if (archive !== undefined) throw new BackupError('Lệnh schedule không nhận tham số.');
      return runSchedule();
    default:
      throw new BackupError(`Không có lệnh "${command}". Xem: npm run backup -- --help`);
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    const usage = error instanceof TypeError && (error as NodeJS.ErrnoException).code?.startsWith('ERR_PARSE_ARGS');
    if (error instanceof BackupError || usage) {
      console.error(`\nLỗi: ${usage ? `tham số không hợp lệ (${messageOf(error)}). Xem: npm run backup -- --help` : messageOf(error)}`);
    } else {
      console.error(`\nLỗi không mong đợi: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    }
    process.exit(usage ? 2 : 1);
  },
);
