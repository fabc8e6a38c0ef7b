import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cpSync, createWriteStream, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { readManifestOnly } from '@portal/backups/archive';
import { CONFIG_PATHS } from '@portal/backups/manifest';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DemoAccount } from '../../scripts/lib/demo-accounts.ts';
import { dropSchoolDatabase } from '../../scripts/lib/district/database.ts';
import { readRegister, type School } from '../../scripts/lib/district/schools.ts';
import { portIsFree } from '../../scripts/lib/stack.ts';
import { colourPhoto } from '../helpers/fixtures.ts';
import { PG, POSTGRES_REQUIRED, postgresAnswers, withDatabase } from '../helpers/postgres.ts';
import { waitFor } from '../helpers/wait.ts';

const available = await postgresAnswers();
if (!available && POSTGRES_REQUIRED) throw new Error('POSTGRES_REQUIRED=1 nhưng PostgreSQL không trả lời (PGHOST/PGPORT, mặc định 127.0.0.1:5432).');
if (!available) console.warn('Bỏ qua kiểm thử nhiều trường (district): không có PostgreSQL ở 127.0.0.1:5432.');

const CM = '/content-manager/collection-types/api::article.article';
const BACKUP_PASSPHRASE = 'mật khẩu sao lưu thử nghiệm';
const sha256 = (file: string) => createHash('sha256').update(readFileSync(file)).digest('hex');
const script = path.resolve('scripts/district.ts');
const dir = mkdtempSync(path.join(tmpdir(), 'portal-district-'));
// Keys of this run only, so that a parallel or crashed run never meets these databases.
const tag = `t${process.pid}`;
const keys = ['a', 'b', 'c'].map((letter) => `${tag}-${letter}`);

/**
 * Three slots of ten ports that nothing listens on (and the district status page's, base + 9), below Linux's ephemeral range (32768 and up), from
 * which other processes' outgoing connections and freePort() would take them while the schools start.
 */
async function freeBase(): Promise<number> {
  for (let base = 20000 + (process.pid % 300) * 40; base < 32700; base += 997) {
    const ports = [0, 1, 2, 9, 10, 11, 12, 20, 21, 22].map((offset) => base + offset);
    if ((await Promise.all(ports.map((port) => portIsFree(port, '127.0.0.1')))).every(Boolean)) return base;
  }
  throw new Error('no free ports below 32768');
}

let env: NodeJS.ProcessEnv = {};
const district = (args: string[], extra: NodeJS.ProcessEnv = {}) =>
  promisify(execFile)(process.execPath, ['--disable-warning=MODULE_TYPELESS_PACKAGE_JSON', script, ...args], {
    env: { ...env, ...extra },
    encoding: 'utf8',
    timeout: 120_000,
  });

let running: ChildProcess | undefined;
let schools: School[] = [];
const timings: Record<string, number> = {};
/** The cover of the article school A published (a file the public may see, on A's CMS). */
let coverUrl = '';
const siteUrl = (school: School) => `http://127.0.0.1:${school.ports.site}`;
const cmsUrl = (school: School) => `http://127.0.0.1:${school.ports.cms}`;
const accounts = (school: School) => JSON.parse(readFileSync(path.join(dir, school.key, 'accounts.json'), 'utf8')) as DemoAccount[];
const leader = (school: School) => accounts(school).find((account) => account.role === 'ban-giam-hieu') as DemoAccount;

async function login(school: School, account: DemoAccount): Promise<{ status: number; token?: string }> {
  const response = await fetch(`${cmsUrl(school)}/admin/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email: account.email, password: account.password }),
  });
  const body = (await response.json()) as { data?: { token?: string; accessToken?: string } };
  return { status: response.status, token: body.data?.accessToken ?? body.data?.token };
}

const tokens = new Map<string, string>();
/** The admin API as the school's Ban giám hiệu account (signed in once: sign-ins are rate-limited). */
async function admin<T = Record<string, unknown>>(school: School, method: string, route: string, body?: unknown): Promise<{ status: number; body: T }> {
  const token = tokens.get(school.key) ?? (await login(school, leader(school))).token ?? '';
  tokens.set(school.key, token);
  const form = body instanceof FormData;
  const response = await fetch(`${cmsUrl(school)}${route}`, {
    method,
    headers: { Authorization: `Bearer ${token}`, ...(body === undefined || form ? {} : { 'Content-Type': 'application/json' }) },
    body: body === undefined ? undefined : form ? body : JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as T };
}

async function upload(school: School, name: string): Promise<{ id: number; url: string }> {
  const form = new FormData();
  form.append('files', new Blob([new Uint8Array(await colourPhoto('#27ae60', 16, 16))], { type: 'image/png' }), name);
  form.append('fileInfo', JSON.stringify({ name, alternativeText: 'Ảnh thử của một trường' }));
  const { status, body } = await admin<{ id: number; url: string }[]>(school, 'POST', '/upload', form);
  if (status !== 201 || !body[0]) throw new Error(`upload ${status}`);
  return body[0];
}

const page = async (url: string) => {
  const response = await fetch(url, { signal: AbortSignal.timeout(15_000) });
  return { status: response.status, cache: response.headers.get('x-cache'), html: await response.text() };
};

describe.skipIf(!available)('a district of three schools on one machine', () => {
  beforeAll(async () => {
    env = { ...process.env, DISTRICT_DIR: dir, DISTRICT_PORT_BASE: String(await freeBase()), DISTRICT_SCHEME: 'http' };
    // Three adds at once, as an operator's script may run them: each reserves its ports under the register's lock.
    await Promise.all(
      keys.map(async (key, index) => {
        const began = Date.now();
        await district(['add', key, '--name', `Trường Mầm non Thử ${'ABC'[index]}`, '--host', `${key}.test,www.${key}.test`, '--empty']);
        timings[`add ${key}`] = Date.now() - began;
      }),
    );
    schools = readRegister(dir).schools.sort((x, y) => x.key.localeCompare(y.key));
    const began = Date.now();
    running = spawn(process.execPath, ['--disable-warning=MODULE_TYPELESS_PACKAGE_JSON', script, 'start'], {
      env,
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const log = createWriteStream(path.join(dir, 'start.log'));
    running.stdout?.pipe(log);
    running.stderr?.pipe(log);
    const exited = new Promise<void>((resolve) => running?.once('exit', () => resolve()));
    await Promise.race([
      waitFor(
        async () =>
          (await fetch(`${siteUrl(schools[2] as School)}/`).catch(() => null))?.status === 200 &&
          (await readFileSync(path.join(dir, 'start.log'), 'utf8')).includes('Ctrl-C'),
        'mọi trường chạy',
        150_000,
        250,
      ),
      exited.then(() => {
        throw new Error(`district start dừng:\n${readFileSync(path.join(dir, 'start.log'), 'utf8')}`);
      }),
    ]);
    timings.start = Date.now() - began;
    console.log(`district: ${JSON.stringify(timings)}`);
  }, 400_000);

  afterAll(async () => {
    if (running?.pid && running.exitCode === null) {
      const exit = new Promise((resolve) => running?.once('exit', resolve));
      process.kill(-running.pid, 'SIGTERM');
      await exit;
    }
    for (const key of keys) await dropSchoolDatabase(`portal_${key.replaceAll('-', '_')}`).catch(() => {});
    rmSync(dir, { recursive: true, force: true });
  }, 60_000);

  it('adds three schools with their own ports, databases and secrets, readable only by the owner', () => {
    const [a, b, c] = schools as [School, School, School];
    expect(schools.map((school) => school.key)).toEqual(keys);
    expect(new Set(schools.flatMap((school) => Object.values(school.ports))).size).toBe(9);
    expect(new Set(schools.map((school) => school.database)).size).toBe(3);
    const secret = (school: School) => readFileSync(path.join(dir, school.key, 'cms.env'), 'utf8').match(/^WEBHOOK_SECRET=(.+)$/m)?.[1];
    expect(new Set([secret(a), secret(b), secret(c)]).size).toBe(3);
    for (const school of schools) {
      for (const file of ['cms.env', 'site.env', 'accounts.json']) expect(statSync(path.join(dir, school.key, file)).mode & 0o777).toBe(0o600);
      expect(readFileSync(path.join(dir, school.key, 'site.env'), 'utf8')).not.toContain('DATABASE_PASSWORD');
    }
  });

  it('lets each school’s database role into its own database only', async () => {
    const [a, b] = schools as [School, School];
    const connect = async (user: string, database: string) => {
      const client = new pg.Client({
        ...PG,
        user,
        password: readFileSync(path.join(dir, user === a.database ? a.key : b.key, 'cms.env'), 'utf8').match(/^DATABASE_PASSWORD=(.+)$/m)?.[1],
        database,
      });
      try {
        await client.connect();
        return (await client.query('SELECT current_database() AS name')).rows[0]?.name as string;
      } catch (error) {
        return (error as Error).message;
      } finally {
        await client.end().catch(() => {});
      }
    };
    expect(await connect(a.database, a.database)).toBe(a.database);
    expect(await connect(b.database, a.database)).toContain('permission denied for database');
  });

  it('refuses a second school with a host name already taken, in Vietnamese, and changes nothing', async () => {
    const error = await district(['add', `${tag}-d`, '--name', 'Trường trùng', '--host', `www.${keys[0]}.test`]).catch(
      (e: { code: number; stderr: string }) => e,
    );
    expect(error).toMatchObject({ code: 2 });
    expect((error as { stderr: string }).stderr).toContain(`đã thuộc trường "${keys[0]}"`);
    expect(readRegister(dir).schools).toHaveLength(3);
    expect(readdirSync(dir)).not.toContain(`${tag}-d`);
  });

  it('shows each school its own profile, and its own monitor on its status page', async () => {
    for (const school of schools) {
      const home = await page(`${siteUrl(school)}/`);
      expect(home.status).toBe(200);
      expect(home.html).toContain(school.name);
      for (const other of schools) if (other !== school) expect(home.html).not.toContain(other.name);
      const status = (await (await fetch(`http://127.0.0.1:${school.ports.monitor}/status`)).json()) as { services: { id: string }[] };
      expect(status.services.map((service) => service.id)).toContain('site');
      expect((await page(`${siteUrl(school)}/trang-thai`)).status).toBe(200);
    }
  });

  it('watches every school from one monitor process, which answers on each school’s own monitor port', async () => {
    const answers = await Promise.all(
      schools.map(async (school) => (await (await fetch(`http://127.0.0.1:${school.ports.monitor}/health`)).json()) as { ok: boolean; pid: number }),
    );
    const pids = new Set(answers.map((answer) => answer.pid));
    expect(pids.size).toBe(1);
    const [pid] = [...pids] as [number];
    expect(readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0')).toEqual(expect.arrayContaining([path.resolve('scripts/monitor.ts'), '--district']));
    // No school has a monitor process of its own: the only monitor.ts under the district's command is this one.
    const { stdout } = await promisify(execFile)('ps', ['-o', 'pid=,args=', '--ppid', String(running?.pid)]);
    expect(
      stdout
        .split('\n')
        .filter((line) => line.includes('scripts/monitor.ts'))
        .map((line) => Number(line.trim().split(/\s+/)[0])),
    ).toEqual([pid]);
    const rss = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
    console.log(`district: one monitor process for ${schools.length} schools, resident memory ${Math.round(Number(rss) / 1024)} MB`);
  });

  it('shows every school on the district’s one status page, as the district’s monitor reports it', async () => {
    const overview = `http://127.0.0.1:${Number(env.DISTRICT_PORT_BASE) + 9}`;
    type Summary = { schools: { key: string; name: string; state: string; services: { id: string; state: string }[] }[] };
    let summary: Summary = { schools: [] };
    // Each monitor has a state for the site once its first round of checks is done.
    await waitFor(
      async () => {
        summary = (await (await fetch(`${overview}/status`)).json()) as Summary;
        return summary.schools.every((school) => school.services.some((service) => service.id === 'site' && service.state !== 'unknown'));
      },
      'giám sát của mọi trường đã kiểm tra trang công khai',
      60_000,
      500,
    );
    expect(summary.schools.map((school) => school.key)).toEqual(keys);
    for (const school of summary.schools) {
      expect(school.name).toBe(schools.find((s) => s.key === school.key)?.name);
      expect(school.services.find((service) => service.id === 'site')?.state).toBe('up');
      expect(school.services.map((service) => service.id)).toContain('cms');
    }
    const response = await fetch(`${overview}/`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-security-policy')).toContain("default-src 'none'");
    const html = await response.text();
    expect(html).toContain('<html lang="vi">');
    expect(html).toContain('Tình trạng các trường');
    for (const school of schools) expect(html).toContain(school.name);
    expect((await fetch(`${overview}/khong-co`)).status).toBe(404);
    expect((await fetch(`${overview}/status`, { method: 'POST' })).status).toBe(405);
  });

  it('lets an account of one school sign in there and not at another school', async () => {
    const [a, b] = schools as [School, School];
    expect((await login(a, leader(a))).token).toBeTruthy();
    const elsewhere = await login(b, leader(a));
    expect(elsewhere.token).toBeUndefined();
    expect(elsewhere.status).toBe(400);
  });

  it('publishes an article on its own school’s site only, and purges only that site’s cache', async () => {
    const [a, b, c] = schools as [School, School, School];
    // Warm every school's news list: the second visit comes from each site's page cache.
    for (const school of schools) await page(`${siteUrl(school)}/tin-tuc`);
    for (const school of schools) expect((await page(`${siteUrl(school)}/tin-tuc`)).cache).toBe('HIT');

    const title = `Tin riêng của trường A ${Date.now()}`;
    const cover = await upload(a, 'bia-tin-a.png');
    const draft = await admin<{ data: { documentId: string } }>(a, 'POST', CM, {
      title,
      summary: 'Chỉ trường A đăng tin này.',
      body: [{ type: 'paragraph', children: [{ type: 'text', text: 'Nội dung.' }] }],
      cover: cover.id,
    });
    expect(draft.status).toBe(201);
    expect((await admin(a, 'POST', `${CM}/${draft.body.data.documentId}/actions/publish`, {})).status).toBe(200);

    await waitFor(async () => (await page(`${siteUrl(a)}/tin-tuc`)).html.includes(title), 'tin mới trên trang trường A', 15_000);
    for (const other of [b, c]) {
      const list = await page(`${siteUrl(other)}/tin-tuc`);
      expect(list.html).not.toContain(title);
      // Not purged: the page still comes from the cache it was in before A published.
      expect(list.cache).toBe('HIT');
      const api = await admin<{ results: unknown[] }>(other, 'GET', CM);
      expect(api.body.results).toHaveLength(0);
    }
    coverUrl = cover.url;
  });

  it('serves an upload of one school from that school’s CMS and folder only', async () => {
    const [a, b, c] = schools as [School, School, School];
    expect((await fetch(`${cmsUrl(a)}${coverUrl}`)).status).toBe(200);
    expect((await fetch(`${cmsUrl(b)}${coverUrl}`)).status).toBe(404);
    expect((await fetch(`${cmsUrl(c)}${coverUrl}`)).status).toBe(404);
    expect(readdirSync(path.join(dir, a.key, 'public', 'uploads'))).toContain(path.basename(coverUrl));
    for (const other of [b, c]) expect(readdirSync(path.join(dir, other.key, 'public', 'uploads'))).toEqual([]);
  });

  it('writes one nginx configuration naming every host, which nginx -t accepts', async () => {
    const certs = path.join(dir, 'certs');
    const pem = path.join(dir, 'pem');
    mkdirSync(pem);
    await promisify(execFile)('openssl', [
      'req',
      '-x509',
      '-newkey',
      'ec',
      '-pkeyopt',
      'ec_paramgen_curve:prime256v1',
      '-nodes',
      '-days',
      '1',
      '-subj',
      '/CN=test',
      '-keyout',
      `${pem}/privkey.pem`,
      '-out',
      `${pem}/fullchain.pem`,
    ]);
    for (const school of schools) for (const host of [...school.hosts, school.cmsHost]) cpSync(pem, path.join(certs, host), { recursive: true });
    const out = path.join(dir, 'portal.conf');
    await district(['nginx', '--out', out, '--cert-dir', certs, '--cache-dir', path.join(dir, 'nginx-cache')]);
    const text = readFileSync(out, 'utf8');
    for (const school of schools) {
      expect(text).toContain(`server_name ${school.hosts.join(' ')};`);
      expect(text).toContain(`server_name ${school.cmsHost};`);
      expect(text).toContain(`proxy_pass http://127.0.0.1:${school.ports.site};`);
    }
    const main = path.join(dir, 'nginx.conf');
    writeFileSync(main, `pid ${dir}/nginx.pid;\nerror_log stderr;\nevents {}\nhttp {\n  include ${out};\n}\n`);
    const checked = await promisify(execFile)('nginx', ['-t', '-p', dir, '-e', 'stderr', '-c', main], { encoding: 'utf8' });
    expect(checked.stderr).toContain('test is successful');
  });

  it('backs up every school into its own folder, one archive each, carrying that school’s own secrets', async () => {
    await district(['backup'], { BACKUP_PASSPHRASE });
    const carried = new Set<string>();
    for (const school of schools) {
      const folder = path.join(dir, school.key, 'backups');
      const archives = readdirSync(folder).filter((name) => name.endsWith('.tar.gz.age'));
      expect(archives).toHaveLength(1);
      const manifest = await readManifestOnly(path.join(folder, archives[0] as string), BACKUP_PASSPHRASE);
      const member = (name: string) => manifest.files.find((file) => file.path === name)?.sha256;
      expect(member(CONFIG_PATHS.cmsEnv), school.key).toBe(sha256(path.join(dir, school.key, 'cms.env')));
      expect(member(CONFIG_PATHS.siteEnv), school.key).toBe(sha256(path.join(dir, school.key, 'site.env')));
      expect(member(CONFIG_PATHS.demoAccounts), school.key).toBe(sha256(path.join(dir, school.key, 'accounts.json')));
      carried.add(member(CONFIG_PATHS.cmsEnv) ?? '');
    }
    expect(carried.size).toBe(schools.length);
  }, 120_000);

  it('removes a school only once the district is stopped and --yes is given, after a last backup, keeping its folder aside', async () => {
    const [gone, ...kept] = schools as [School, ...School[]];
    const databases = async () =>
      (await withDatabase('postgres', (client) => client.query<{ datname: string }>('SELECT datname FROM pg_database'))).rows.map((row) => row.datname);
    const roles = async () =>
      (await withDatabase('postgres', (client) => client.query<{ rolname: string }>('SELECT rolname FROM pg_roles'))).rows.map((row) => row.rolname);
    const untouched = () => {
      expect(
        readRegister(dir)
          .schools.map((school) => school.key)
          .sort(),
      ).toEqual(keys);
      expect(readdirSync(path.join(dir, gone.key)).sort()).toEqual(expect.arrayContaining(['accounts.json', 'backups', 'cms.env', 'public', 'site.env']));
    };
    const refusal = (args: string[]) =>
      district(args, { BACKUP_PASSPHRASE }).then(
        () => 'ran',
        (error: { code?: number; stderr?: string }) => `${error.code}: ${error.stderr}`,
      );

    expect(await refusal(['remove', gone.key, '--yes'])).toMatch(
      new RegExp(`^2: Trường "${gone.key}" đang chạy \\(cổng ${gone.ports.cms}.*Chưa có gì bị thay đổi`),
    );
    untouched();
    if (running?.pid && running.exitCode === null) {
      const exit = new Promise((resolve) => running?.once('exit', resolve));
      process.kill(-running.pid, 'SIGTERM');
      await exit;
    }
    expect(await refusal(['remove', gone.key])).toMatch(/^2: Sẽ bỏ trường .*Chạy lại với --yes nếu chắc chắn\. Chưa có gì bị thay đổi\./);
    expect(await refusal(['remove', `${tag}-x`, '--yes'])).toMatch(new RegExp(`^2: Không có trường mã "${tag}-x"`));
    untouched();
    // No last backup (here: no passphrase), no removal.
    const unsaved = await district(['remove', gone.key, '--yes'], { BACKUP_PASSPHRASE: '', BACKUP_PASSPHRASE_FILE: '' }).then(
      () => 'ran',
      (error: { code?: number; stdout?: string; stderr?: string }) => `${error.code}: ${error.stdout}${error.stderr}`,
    );
    expect(unsaved).toMatch(/^1: [\s\S]*Chưa có mật khẩu sao lưu[\s\S]*Không bỏ trường "[^"]+": bản sao lưu cuối cùng không thành.*Chưa có gì bị thay đổi\./);
    untouched();
    expect(await databases()).toContain(gone.database);

    const removing = Date.now();
    const removed = await district(['remove', gone.key, '--yes'], { BACKUP_PASSPHRASE });
    expect(removed.stdout).toContain(`Đã bỏ trường "${gone.name}"`);
    expect(
      readRegister(dir)
        .schools.map((school) => school.key)
        .sort(),
    ).toEqual(kept.map((school) => school.key).sort());
    expect(await databases()).not.toContain(gone.database);
    expect(await roles()).not.toContain(gone.database);
    for (const school of kept) expect(await databases()).toContain(school.database);
    const [aside, ...more] = readdirSync(path.join(dir, 'removed'));
    expect(more).toEqual([]);
    expect(aside).toMatch(new RegExp(`^${gone.key}-\\d{8}T\\d{6}$`));
    // The last backup, made by the remove command (the same day's earlier one pruned), is kept with the folder.
    const folder = path.join(dir, 'removed', aside as string, 'backups');
    const archives = readdirSync(folder).filter((name) => name.endsWith('.tar.gz.age'));
    expect(archives).toHaveLength(1);
    const last = await readManifestOnly(path.join(folder, archives[0] as string), BACKUP_PASSPHRASE);
    expect(Date.parse(last.createdAt)).toBeGreaterThanOrEqual(removing - 1000);
    expect(last.files.find((file) => file.path === CONFIG_PATHS.cmsEnv)?.sha256).toBe(sha256(path.join(dir, 'removed', aside as string, 'cms.env')));
    expect(statSync(path.join(dir, 'removed')).mode & 0o777).toBe(0o700);
    const config = (await district(['nginx'])).stdout;
    expect(config).not.toContain(gone.hosts[0]);
    expect(config).toContain(`server_name ${kept[0]?.hosts.join(' ')};`);
  }, 180_000);
});
