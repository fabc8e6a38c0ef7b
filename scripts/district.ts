/**
 * `npm run district -- <lệnh>`: many schools of one district (Phòng GD&ĐT) on one machine, each with its
 * own PostgreSQL database, CMS, site, secrets, uploads and backups, all watched by one monitor process. Guide: docs/deployment.md, "District".
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { ensureDemoAccounts } from './lib/demo-accounts.ts';
import { createSchoolDatabase, dropSchoolDatabase } from './lib/district/database.ts';
import { DEFAULT_NGINX, nginxConfig } from './lib/district/nginx.ts';
import { districtDir, portBase, type Register, readRegister, type School, validateAdd, writeRegister } from './lib/district/schools.ts';
import { schoolFiles, schoolStack } from './lib/district/stacks.ts';
import { root } from './lib/paths.ts';
import { prepare } from './lib/prepare.ts';
import { done, run, step } from './lib/run.ts';
import { onStop } from './lib/signals.ts';
import { cmsEnv, pipeOutput, portIsFree, type StackOptions, startStack, stopChild, stopStartedStacks, waitUntil } from './lib/stack.ts';

const HELP = `Nhiều trường của một Phòng GD&ĐT trên một máy.

Cách dùng:
  npm run district -- add <mã> --name "<Tên trường>" --host <tên miền>[,<tên phụ>] [--cms-host <tên miền>] [--empty|--demo]
        thêm một trường: thư mục var/district/<mã>/ với khóa bí mật riêng, cơ sở dữ liệu portal_<mã>
        trên PostgreSQL chung, cổng riêng; --empty (mặc định): chỉ tài khoản và hồ sơ trường;
        --demo: toàn bộ nội dung mẫu. Trang quản trị mặc định ở cms.<tên miền>.
  npm run district -- list                     liệt kê các trường
  npm run district -- start                    chạy CMS và trang công khai của mọi trường, một tiến trình giám sát
                                               cho mọi trường và trang tình trạng chung (Ctrl-C để dừng)
  npm run district -- nginx [--out <tệp>] [--cert-dir <thư mục>] [--cache-dir <thư mục>]
                                               cấu hình nginx cho mọi trường (mặc định in ra màn hình)
  npm run district -- backup                   sao lưu từng trường vào var/district/<mã>/backups (cần BACKUP_PASSPHRASE)
  npm run district -- remove <mã> --yes        bỏ một trường (khi district đã dừng): sao lưu lần cuối, xóa cơ sở
                                               dữ liệu và vai trò của nó, cất thư mục của nó vào var/district/removed/

Biến môi trường: DISTRICT_DIR, DISTRICT_PORT_BASE, DISTRICT_STATUS_PORT, DISTRICT_SCHEME, PGHOST, PGPORT, PGUSER, PGPASSWORD
(docs/configuration.md).`;

class UsageError extends Error {}

/**
 * Changes to the register, one at a time across processes (two adds must not take the same ports). Held
 * only while the register is read and written, so that several adds can build their schools at once.
 */
async function withLock<T>(fn: (register: Register) => T): Promise<T> {
  mkdirSync(districtDir(), { recursive: true });
  const file = path.join(districtDir(), '.lock');
  const deadline = Date.now() + 10_000;
  for (;;) {
    try {
      closeSync(openSync(file, 'wx'));
      break;
    } catch {
      if (Date.now() > deadline) throw new UsageError(`Sổ các trường đang bị khóa (tệp ${file}). Nếu không còn lệnh district nào chạy, hãy xóa tệp đó.`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
  try {
    return fn(readRegister());
  } finally {
    rmSync(file, { force: true });
  }
}

async function add(key: string | undefined, values: Record<string, string | boolean | undefined>) {
  const input = {
    key,
    name: values.name as string,
    host: values.host as string,
    cmsHost: values['cms-host'] as string,
    demo: !!values.demo,
    empty: !!values.empty,
  };
  const began = Date.now();
  // Checked (and the school reserved in the register, marked pending) before anything is created.
  const school = await withLock((register) => {
    const { errors, school } = validateAdd(input, register, portBase());
    if (!school) throw new UsageError(errors.join('\n'));
    if (existsSync(schoolFiles(school.key).dir)) {
      throw new UsageError(`Thư mục ${schoolFiles(school.key).dir} đã có: mã "${school.key}" từng được dùng. Hãy xóa thư mục đó hoặc chọn mã khác.`);
    }
    const pending = { ...school, pending: true };
    writeRegister({ schools: [...register.schools, pending] });
    return pending;
  });
  const files = schoolFiles(school.key);
  let created: Awaited<ReturnType<typeof createSchoolDatabase>> | undefined;
  try {
    await prepare();
    const options = schoolStack(school);
    for (const folder of [path.join(files.publicDir, 'uploads'), files.logs, files.backups]) mkdirSync(folder, { recursive: true });
    // Every school's accounts are its own: addresses at its host, random passwords (never DEMO_PASSWORD).
    ensureDemoAccounts(files.accounts, '', school.hosts[0]);
    const creating = step(`Tạo cơ sở dữ liệu ${school.database}…`);
    created = await createSchoolDatabase(school.database, options.secrets.cms.DATABASE_PASSWORD ?? '');
    done(creating);
    const seeding = step(school.content === 'demo' ? 'Nạp nội dung mẫu…' : 'Tạo vai trò, tài khoản và hồ sơ trường…');
    await run(process.execPath, [path.join(root, 'scripts', 'seed.ts')], {
      cwd: root,
      env: {
        ...cmsEnv(options),
        SEED_CONTENT: school.content,
        SCHOOL_NAME: school.name,
        SCHOOL_EMAIL: `lienhe@${school.hosts[0]}`,
      },
    });
    done(seeding);
    const { pending: _, ...ready } = school;
    await withLock((register) => writeRegister({ schools: register.schools.map((other) => (other.key === school.key ? ready : other)) }));
  } catch (error) {
    // A school that could not be added leaves nothing behind: not its database, role, folder or reservation.
    if (created) await dropSchoolDatabase(school.database, created).catch(() => {});
    rmSync(files.dir, { recursive: true, force: true });
    await withLock((register) => writeRegister({ schools: register.schools.filter((other) => other.key !== school.key) }));
    throw error;
  }
  console.log(`
Đã thêm trường "${school.name}" (mã ${school.key}) sau ${((Date.now() - began) / 1000).toFixed(1)} s:
  Trang công khai:  https://${school.hosts.join(', https://')}  (cổng ${school.ports.site})
  Trang quản trị:   https://${school.cmsHost}/admin  (cổng ${school.ports.cms})
  Giám sát:         cổng ${school.ports.monitor}
  Cơ sở dữ liệu:    ${school.database}
  Tài khoản:        ${files.accounts} (chỉ chủ máy đọc được)
Tiếp theo: npm run district -- nginx --out /etc/nginx/conf.d/portal.conf, rồi npm run district -- start`);
}

function list(schools: School[]) {
  if (schools.length === 0) {
    console.log(`Chưa có trường nào (${districtDir()}). Thêm: npm run district -- add <mã> --name "…" --host …`);
    return;
  }
  for (const school of schools) {
    console.log(
      `${school.key.padEnd(20)} ${school.name} — ${[...school.hosts, school.cmsHost].join(', ')} — cổng CMS ${school.ports.cms}, ` +
        `trang ${school.ports.site}, giám sát ${school.ports.monitor} — ${school.database} (${school.content === 'demo' ? 'nội dung mẫu' : 'trống'})${school.pending ? ' — ĐANG THÊM' : ''}`,
    );
  }
}

let stopping = false;
/** The district's one monitor process (scripts/monitor.ts --district), once started. */
let monitor: ChildProcess | undefined;
async function shutdown(code: number) {
  if (stopping) return;
  stopping = true;
  console.log('\nĐang dừng mọi trường…');
  // The monitor first, so that stopping the schools is not recorded as an outage.
  if (monitor) await stopChild(monitor);
  await stopStartedStacks();
  console.log('Đã dừng.');
  process.exit(code);
}

async function start(schools: School[]) {
  if (schools.length === 0) throw new UsageError('Chưa có trường nào để chạy. Thêm: npm run district -- add …');
  onStop(() => void shutdown(0));
  await prepare();
  const began = step(`Khởi động ${schools.length} trường (CMS, trang công khai) và một giám sát chung…`);
  // Each school's monitor runs in the district's one monitor process, not in a process of its own.
  const options: [School, StackOptions][] = schools.map((school) => [school, { ...schoolStack(school), monitor: undefined }]);
  // All at once; one that fails stops the others (startStack stops its own, shutdown the rest).
  const stacks = await Promise.all(options.map(([, stack]) => startStack(stack)));
  if (stopping) return;
  // Loaded after prepare(): the overview imports the monitor package, which needs the shared package built.
  const { overviewPort } = await import('./lib/district/overview.ts');
  const port = overviewPort();
  const taken = [...schools.map((school) => school.ports.monitor), port];
  for (const busy of (await Promise.all(taken.map(async (one) => ((await portIsFree(one, '127.0.0.1')) ? null : one)))).filter((one) => one !== null)) {
    throw new Error(
      `Cổng ${busy} của giám sát chung đang được dùng: hãy dừng chương trình đang dùng cổng đó${busy === port ? ' hoặc đặt DISTRICT_STATUS_PORT khác' : ''}.`,
    );
  }
  monitor = spawn(process.execPath, ['--disable-warning=MODULE_TYPELESS_PACKAGE_JSON', path.join(root, 'scripts', 'monitor.ts'), '--district'], {
    cwd: root,
    env: process.env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  pipeOutput(monitor, 'monitor', path.join(districtDir(), 'logs'));
  await waitUntil(`http://127.0.0.1:${port}/status`, (status) => status === 200, monitor, 'Giám sát chung', 60_000);
  done(began);
  console.log('\nCác trường đang chạy (nhật ký trong var/district/<mã>/logs, của giám sát chung trong var/district/logs):');
  stacks.forEach((stack, index) => {
    const school = schools[index] as School;
    console.log(`  ${school.key.padEnd(20)} trang ${stack.siteUrl}/  quản trị ${stack.cmsUrl}/admin  giám sát http://127.0.0.1:${school.ports.monitor}/status`);
  });
  console.log(`\nTình trạng mọi trường trên một trang: http://127.0.0.1:${port}/ (JSON: /status)`);
  console.log('\nNhấn Ctrl-C để dừng.');
}

function nginx(schools: School[], values: Record<string, string | boolean | undefined>) {
  if (schools.length === 0) throw new UsageError('Chưa có trường nào: không có gì để cấu hình.');
  const text = nginxConfig(
    schools.map((school) => ({
      hosts: school.hosts,
      cmsHost: school.cmsHost,
      sitePort: school.ports.site,
      cmsPort: school.ports.cms,
      label: `${school.name} (${school.key})`,
    })),
    {
      cacheDir: (values['cache-dir'] as string | undefined) ?? DEFAULT_NGINX.cacheDir,
      certDir: (values['cert-dir'] as string | undefined) ?? DEFAULT_NGINX.certDir,
    },
  );
  const out = values.out as string | undefined;
  if (!out) {
    process.stdout.write(text);
    return;
  }
  writeFileSync(out, text);
  console.log(`Đã ghi cấu hình nginx của ${schools.length} trường vào ${out}. Kiểm tra: nginx -t, rồi: systemctl reload nginx`);
}

/** Runs a script to completion with its output prefixed by `name`; resolves with its exit code. */
function runPrefixed(name: string, args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--disable-warning=MODULE_TYPELESS_PACKAGE_JSON', ...args], { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
    pipeOutput(child, name, 'console');
    child.on('error', () => resolve(1));
    child.on('exit', (code) => resolve(code ?? 1));
  });
}

/** `npm run backup -- create` with the school's database, uploads, folder and secrets; its exit code. */
function backupOne(school: School): Promise<number> {
  const files = schoolFiles(school.key);
  // The archive carries the school's own secrets, not the installation's cms/.env and site/.env.
  const env = { ...cmsEnv(schoolStack(school)), BACKUP_CMS_ENV_FILE: files.cmsEnv, BACKUP_SITE_ENV_FILE: files.siteEnv };
  return runPrefixed(school.key, [path.join(root, 'scripts', 'backup.ts'), 'create'], env);
}

/**
 * Takes a school out of the district, only while the district is stopped and only with --yes: a last
 * backup first (nothing is removed when it fails), then its database and role are dropped and its folder
 * (secrets, accounts, uploads, logs, archives) is moved aside to var/district/removed/<key>-<time>/, so
 * that the school can still be restored from it. Its key and host names become free again.
 */
async function remove(key: string | undefined, confirmed: boolean): Promise<number> {
  if (!key) throw new UsageError('Thiếu mã trường: npm run district -- remove <mã> --yes');
  const school = readRegister().schools.find((one) => one.key === key);
  if (!school) throw new UsageError(`Không có trường mã "${key}". Xem các trường: npm run district -- list`);
  const files = schoolFiles(school.key);
  const busy: number[] = [];
  for (const port of [school.ports.cms, school.ports.site, school.ports.monitor]) if (!(await portIsFree(port, '127.0.0.1'))) busy.push(port);
  if (busy.length > 0) {
    throw new UsageError(
      `Trường "${key}" đang chạy (cổng ${busy.join(', ')} đang được dùng): hãy dừng district (Ctrl-C hoặc systemctl stop) rồi chạy lại. Chưa có gì bị thay đổi.`,
    );
  }
  const aside = path.join(districtDir(), 'removed', `${school.key}-${new Date().toISOString().replace(/[-:]/g, '').replace(/\..*/, '')}`);
  if (!confirmed) {
    throw new UsageError(
      `Sẽ bỏ trường "${school.name}" (mã ${key}): sao lưu lần cuối vào ${files.backups}, xóa cơ sở dữ liệu và vai trò ${school.database}, ` +
        `chuyển thư mục ${files.dir} sang ${path.dirname(aside)}/, bỏ ${[...school.hosts, school.cmsHost].join(', ')} khỏi cấu hình nginx. ` +
        'Chạy lại với --yes nếu chắc chắn. Chưa có gì bị thay đổi.',
    );
  }
  const began = step(`Sao lưu lần cuối trường ${key}…`);
  if ((await backupOne(school)) !== 0) {
    console.error(`\nKhông bỏ trường "${key}": bản sao lưu cuối cùng không thành (xem các dòng [${key}] ở trên). Chưa có gì bị thay đổi.`);
    return 1;
  }
  done(began);
  // The folder first, as it alone can be put back: a database that cannot be dropped leaves the school as it was.
  mkdirSync(path.dirname(aside), { recursive: true, mode: 0o700 });
  renameSync(files.dir, aside);
  try {
    await dropSchoolDatabase(school.database);
  } catch (error) {
    renameSync(aside, files.dir);
    throw new Error(
      `Không xóa được cơ sở dữ liệu ${school.database}: ${error instanceof Error ? error.message : String(error)}. Trường vẫn như cũ (chỉ có thêm bản sao lưu cuối cùng).`,
    );
  }
  await withLock((register) => writeRegister({ schools: register.schools.filter((other) => other.key !== school.key) }));
  console.log(`
Đã bỏ trường "${school.name}" (mã ${key}). Thư mục của trường (khóa bí mật, tài khoản, tệp tải lên, bản sao lưu)
được giữ ở ${aside}: khôi phục từ đó nếu cần, xóa khi chắc chắn không cần nữa.
Tiếp theo: npm run district -- nginx --out /etc/nginx/conf.d/portal.conf, rồi systemctl reload nginx`);
  return 0;
}

/**
 * One backup per school, all at once (a backup mostly waits on pg_dump, the disk and scrypt), each with
 * that school's database, uploads and folder; one school's failure does not stop the others.
 */
async function backup(schools: School[]): Promise<number> {
  if (schools.length === 0) throw new UsageError('Chưa có trường nào để sao lưu.');
  const began = step(`Sao lưu ${schools.length} trường…`);
  const codes = await Promise.all(schools.map(backupOne));
  const failed = schools.filter((_, index) => codes[index] !== 0).map((school) => school.key);
  if (failed.length > 0) {
    console.error(`\nSao lưu thất bại ở ${failed.length}/${schools.length} trường: ${failed.join(', ')} (xem các dòng [mã trường] ở trên).`);
    return 1;
  }
  done(began, `đã sao lưu ${schools.length} trường`);
  return 0;
}

/** The schools whose add has finished (one still being added, or whose add was killed, is marked pending). */
function ready(): School[] {
  const { schools } = readRegister();
  for (const school of schools.filter((s) => s.pending)) {
    console.warn(`Bỏ qua trường "${school.key}": đang được thêm, hoặc lần thêm đã bị ngắt (xóa mục đó trong schools.json nếu không còn lệnh add nào chạy).`);
  }
  return schools.filter((school) => !school.pending);
}

async function main(argv: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      help: { type: 'boolean', short: 'h' },
      name: { type: 'string' },
      host: { type: 'string' },
      'cms-host': { type: 'string' },
      demo: { type: 'boolean' },
      empty: { type: 'boolean' },
      out: { type: 'string' },
      'cert-dir': { type: 'string' },
      'cache-dir': { type: 'string' },
      yes: { type: 'boolean' },
    },
  });
  const [command, key, ...extra] = positionals;
  if (values.help || !command || command === 'help') {
    console.log(HELP);
    return command || values.help ? 0 : 2;
  }
  if (extra.length > 0 || (key !== undefined && command !== 'add' && command !== 'remove'))
    throw new UsageError(`Thừa tham số: ${[key, ...extra].filter(Boolean).join(' ')}. Xem: npm run district -- --help`);
  switch (command) {
    case 'add':
      await add(key, values);
      return 0;
    case 'list':
      list(readRegister().schools);
      return 0;
    case 'start':
      await start(ready());
      return 0;
    case 'nginx':
      nginx(ready(), values);
      return 0;
    case 'backup':
      return backup(ready());
    case 'remove':
      return remove(key, !!values.yes);
    default:
      throw new UsageError(`Không có lệnh "${command}". Xem: npm run district -- --help`);
  }
}

// The district sets each school's database itself: a DATABASE_* left in the operator's shell must not
// point every school's CMS at one database (startStack lets the environment win over a school's secrets).
for (const name of Object.keys(process.env)) if (name.startsWith('DATABASE_')) delete process.env[name];

main(process.argv.slice(2)).then(
  (code) => {
    if (code !== 0 || !['start'].includes(process.argv[2] ?? '')) process.exit(code);
  },
  async (error: unknown) => {
    if (error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      console.error((error as Error).message);
      process.exit(2);
    }
    console.error(`\nLỗi: ${error instanceof Error ? error.message : String(error)}`);
    if (process.argv[2] === 'start') await shutdown(1);
    process.exit(1);
  },
);
