/**
 * `npm run move-to-postgres`: moves this installation from its SQLite database to an empty PostgreSQL
 * database, verified table by table. The portal must be stopped first. Guide: README › Scaling.
 */
import path from 'node:path';
import { parseArgs } from 'node:util';
import { root } from './lib/paths.ts';
import { prepare } from './lib/prepare.ts';
import { run } from './lib/run.ts';

const HELP = `Chuyển cổng thông tin từ SQLite sang PostgreSQL.

Cách dùng:
  DATABASE_URL=postgres://người-dùng:mật-khẩu@máy:5432/tên npm run move-to-postgres [-- --from <tệp SQLite>]

Cơ sở dữ liệu đích đọc từ DATABASE_URL, hoặc DATABASE_HOST, DATABASE_PORT, DATABASE_NAME,
DATABASE_USERNAME, DATABASE_PASSWORD, DATABASE_SCHEMA (như cms/config/database.ts). Đích phải là một
cơ sở dữ liệu PostgreSQL trống; lệnh từ chối chạy nếu schema đích đã có bảng.
Nguồn mặc định là DATABASE_FILENAME của cms/.env (mặc định cms/.tmp/data.db).

Hãy dừng cổng thông tin trước khi chuyển. Tệp tải lên (cms/public/uploads) giữ nguyên chỗ cũ.
Sau khi chuyển xong, thêm DATABASE_CLIENT=postgres và các biến DATABASE_* ở trên vào cms/.env.`;

const { values } = parseArgs({ options: { help: { type: 'boolean', short: 'h' }, from: { type: 'string' } } });
if (values.help) {
  console.log(HELP);
  process.exit(0);
}

await prepare();
const { installation } = await import('@portal/backups/config');
const { BackupError, messageOf } = await import('@portal/backups/errors');
const { moveToPostgres } = await import('@portal/backups/move-to-postgres');

const here = installation();
const sqliteFile = values.from ? path.resolve(values.from) : here.databaseFile;
const env = { ...here.env, DATABASE_CLIENT: 'postgres' };
const began = Date.now();
try {
  const checks = await moveToPostgres({
    sqliteFile,
    env,
    log: (line) => console.log(`▶ ${line}`),
    createSchema: () =>
      run(process.execPath, [path.join(root, 'scripts', 'lib', 'strapi-schema.ts')], {
        cwd: root,
        env: { ...process.env, ...env, STRAPI_TELEMETRY_DISABLED: 'true' },
      }),
  });
  const rows = checks.reduce((sum, check) => sum + check.rows, 0);
  for (const check of checks) console.log(`  ${check.table.padEnd(48)} ${String(check.rows).padStart(7)} dòng  ${check.hash.slice(0, 16)}`);
  console.log(
    `\nĐã chuyển ${checks.length} bảng, ${rows} dòng từ ${sqliteFile} sang PostgreSQL trong ${((Date.now() - began) / 1000).toFixed(1)} s; ` +
      'số dòng và mã băm của từng bảng khớp nhau.',
  );
  console.log('Bước tiếp theo: thêm DATABASE_CLIENT=postgres và các biến DATABASE_* vào cms/.env, rồi khởi động lại cổng thông tin.');
} catch (error) {
  console.error(`\nKhông chuyển được: ${error instanceof BackupError ? error.message : messageOf(error)}`);
  process.exit(1);
}
