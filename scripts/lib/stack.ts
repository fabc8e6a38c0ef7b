import { type ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, readFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { bucketOf, mediaBaseUrl } from '@portal/common/s3';
import type { Secrets } from './env-file.ts';
import { cmsDir, root, siteDir } from './paths.ts';
import { run } from './run.ts';
import { fingerprint, isFresh, markFresh } from './stamps.ts';

/**
 * The site's process entry: the built Astro server behind site/src/server.ts, which adds the security
 * headers to the responses the adapter serves without Astro (static files).
 */
export const siteServer = path.join(siteDir, 'src', 'server.ts');
/** The site's heap limits (MB): old space, and each young-generation semi-space; docs/deployment.md's unit uses the same. */
export const SITE_HEAP_FLAGS = ['--max-old-space-size=128', '--max-semi-space-size=8'];
/**
 * The CMS's heap (MB): each young-generation semi-space, and the old space. On a machine with GBs of
 * memory V8 gives the young generation 2 × 64 MB and lets the old space pile garbage up to 430 MB and
 * more before collecting, though Strapi's live data after a collection is about 140 MB (the full-scale
 * benchmark); with these limits it stays near 350 MB. docs/deployment.md's unit uses the same; raise the
 * old space there if the CMS's log ever says "JavaScript heap out of memory".
 */
export const CMS_HEAP_FLAGS = ['--max-semi-space-size=16', '--max-old-space-size=384'];

export interface StackOptions {
  secrets: Secrets;
  host: string;
  cmsPort: number;
  sitePort: number;
  /** SQLite file; Strapi resolves it from cms/. */
  databaseFile: string;
  /** Strapi's public folder (uploads go in <publicDir>/uploads). */
  publicDir: string;
  demoAccountsFile: string;
  /** Where child output goes: 'console' prefixes lines, a folder gets cms.log and site.log. */
  logs: 'console' | string;
  extraEnv?: Record<string, string>;
  /** Also run the uptime monitor (scripts/monitor.ts) on this port with this database. */
  monitor?: { port: number; db: string; env?: Record<string, string> };
}

export interface Stack {
  cmsUrl: string;
  siteUrl: string;
  /** The monitor's JSON API, when options.monitor was given. */
  monitorUrl: string | null;
  stop(): Promise<void>;
}

export function cmsEnv(options: StackOptions): NodeJS.ProcessEnv {
  return {
    // Like dotenv: the environment wins over the generated .env file.
    ...options.secrets.cms,
    ...process.env,
    CMS_HOST: options.host,
    CMS_PORT: String(options.cmsPort),
    SITE_URL: `http://${options.host}:${options.sitePort}`,
    DATABASE_FILENAME: options.databaseFile,
    PUBLIC_DIR: options.publicDir,
    DEMO_ACCOUNTS_FILE: options.demoAccountsFile,
    STRAPI_TELEMETRY_DISABLED: 'true',
    BROWSER: 'none',
    // See siteEnv: the upload plugin's image thread pool would otherwise keep arenas of its own.
    MALLOC_ARENA_MAX: process.env.MALLOC_ARENA_MAX ?? '2',
    ...options.extraEnv,
  };
}

/**
 * Where the site fetches originals from when the CMS stores uploads in a bucket: what site/.env says, or
 * else the bucket's base as cms/.env configures it, so `npm start` needs the S3 settings in one place only.
 */
function mediaSource(options: StackOptions): Record<string, string> {
  if (options.secrets.site.MEDIA_SOURCE_URL || process.env.MEDIA_SOURCE_URL) return {};
  const bucket = bucketOf({ ...options.secrets.cms, ...process.env, ...options.extraEnv });
  return bucket ? { MEDIA_SOURCE_URL: mediaBaseUrl(bucket) } : {};
}

export function siteEnv(options: StackOptions): NodeJS.ProcessEnv {
  const cmsUrl = `http://${options.host}:${options.cmsPort}`;
  return {
    ...options.secrets.site,
    ...process.env,
    HOST: options.host,
    PORT: String(options.sitePort),
    CMS_URL: process.env.CMS_URL ?? cmsUrl,
    CMS_PUBLIC_URL: process.env.CMS_PUBLIC_URL ?? cmsUrl,
    SITE_URL: process.env.SITE_URL ?? `http://${options.host}:${options.sitePort}`,
    ASTRO_TELEMETRY_DISABLED: '1',
    // glibc gives each thread (libvips's, for images) its own malloc arenas, which it rarely returns:
    // two arenas keep the process's memory a fraction of that at the same speed.
    MALLOC_ARENA_MAX: process.env.MALLOC_ARENA_MAX ?? '2',
    // A fixed threshold: blocks of 128 KiB and more (the search index file, posting lists, image buffers)
    // go back to the system when freed. glibc otherwise raises it after the first such free and keeps
    // later ones in its heap: about 20 MB of the site's memory at the benchmark's scale.
    MALLOC_MMAP_THRESHOLD_: process.env.MALLOC_MMAP_THRESHOLD_ ?? '131072',
    // Where the status page (/trang-thai) reads the monitor's JSON.
    ...(options.monitor ? { MONITOR_URL: process.env.MONITOR_URL ?? `http://${options.host}:${options.monitor.port}` } : {}),
    ...mediaSource(options),
    ...options.extraEnv,
  };
}

export function monitorEnv(options: StackOptions): NodeJS.ProcessEnv {
  const siteUrl = `http://${options.host}:${options.sitePort}`;
  return {
    ...process.env,
    MONITOR_HOST: options.host,
    MONITOR_PORT: String(options.monitor?.port ?? 4390),
    MONITOR_DB: options.monitor?.db ?? path.join(root, 'var', 'monitor.db'),
    MONITOR_SITE_URL: process.env.MONITOR_SITE_URL ?? siteUrl,
    MONITOR_CMS_URL: process.env.MONITOR_CMS_URL ?? `http://${options.host}:${options.cmsPort}`,
    SITE_URL: process.env.SITE_URL ?? siteUrl,
    SITE_API_TOKEN: process.env.SITE_API_TOKEN ?? options.secrets.cms.SITE_API_TOKEN ?? '',
    MONITOR_TOKEN: process.env.MONITOR_TOKEN ?? options.secrets.cms.MONITOR_TOKEN ?? '',
    DATABASE_FILENAME: options.databaseFile,
    ...options.extraEnv,
    ...options.monitor?.env,
  };
}

/** Seeds the demo content unless this database was already seeded from the same data and code. */
export async function seedIfNeeded(options: StackOptions): Promise<boolean> {
  const database = path.resolve(cmsDir, options.databaseFile);
  const stampFile = `${database}.seeded`;
  const print = fingerprint([path.join(cmsDir, 'data'), path.join(root, 'scripts', 'seed.ts'), path.join(root, 'scripts', 'lib')], database);
  mkdirSync(path.join(options.publicDir, 'uploads'), { recursive: true });
  if (isFresh(stampFile, print, [database])) return false;
  mkdirSync(path.dirname(database), { recursive: true });
  await run(process.execPath, [path.join(root, 'scripts', 'seed.ts')], { cwd: root, env: cmsEnv(options) });
  markFresh(stampFile, print);
  return true;
}

/** A port the system has just handed out as unused on this host. */
/** A port from the environment variable `name` (else `fallback`); a value that is not a port stops the command. */
export function portFromEnv(name: string, fallback: number): number {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(value) || value < 1 || value > 65535) throw new Error(`${name} không hợp lệ: ${process.env[name]}`);
  return value;
}

/** The options of the portal on this machine's demo data, as `npm start` and `npm run dev` run it. */
export function localPortal(secrets: Secrets, demoAccountsFile: string): StackOptions {
  return {
    secrets,
    host: process.env.PORTAL_HOST ?? '127.0.0.1',
    cmsPort: portFromEnv('CMS_PORT', 1337),
    sitePort: portFromEnv('SITE_PORT', 4321),
    databaseFile: path.resolve(cmsDir, process.env.DATABASE_FILENAME ?? secrets.cms.DATABASE_FILENAME ?? '.tmp/data.db'),
    publicDir: path.resolve(cmsDir, process.env.PUBLIC_DIR ?? secrets.cms.PUBLIC_DIR ?? 'public'),
    demoAccountsFile,
    logs: 'console',
  };
}

/** Ports this process has handed out: the kernel can give the same free port twice before either is bound. */
const handedOut = new Set<number>();

/**
 * `PORTAL_TEST_PORTS=<first>-<last>`: `npm test` gives each of its lanes its own range, below the kernel's
 * ephemeral ports, so that processes of two lanes never pick the same port (nor an outgoing connection's).
 */
function portRange(value = process.env.PORTAL_TEST_PORTS): { first: number; last: number } | null {
  const match = /^(\d+)-(\d+)$/.exec(value ?? '');
  if (!match) return null;
  const [first, last] = [Number(match[1]), Number(match[2])];
  return first >= 1024 && last > first && last <= 65535 ? { first, last } : null;
}

function kernelPort(host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, host, () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

/** A port nothing listens on now, never one this process has handed out before. */
export async function freePort(host = '127.0.0.1'): Promise<number> {
  const range = portRange();
  for (let attempt = 0; attempt < 200; attempt++) {
    const port = range ? range.first + Math.floor(Math.random() * (range.last - range.first + 1)) : await kernelPort(host);
    if (handedOut.has(port) || (range && !(await portIsFree(port, host)))) continue;
    handedOut.add(port);
    return port;
  }
  throw new Error(`Không tìm được cổng trống${range ? ` trong khoảng ${range.first}–${range.last}` : ''}.`);
}

export function portIsFree(port: number, host: string): Promise<boolean> {
  return new Promise((resolve) => {
    const server = net.createServer();
    server.once('error', () => resolve(false));
    server.listen(port, host, () => server.close(() => resolve(true)));
  });
}

export function pipeOutput(child: ChildProcess, name: string, logs: string): void {
  if (logs === 'console') {
    for (const stream of [child.stdout, child.stderr]) {
      let pending = '';
      stream?.on('data', (chunk: Buffer) => {
        const lines = (pending + chunk.toString()).split('\n');
        pending = lines.pop() ?? '';
        for (const line of lines) if (line.trim()) process.stdout.write(`[${name}] ${line}\n`);
      });
    }
    return;
  }
  mkdirSync(logs, { recursive: true });
  const file = createWriteStream(path.join(logs, `${name}.log`), { flags: 'a' });
  child.stdout?.pipe(file);
  child.stderr?.pipe(file);
}

export async function waitUntil(url: string, ok: (status: number) => boolean, child: ChildProcess, name: string, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`${name} đã dừng khi đang khởi động (mã ${child.exitCode ?? child.signalCode}).`);
    }
    try {
      const response = await fetch(url, { signal: AbortSignal.timeout(2000), redirect: 'manual' });
      if (ok(response.status)) return;
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${name} không trả lời tại ${url} sau ${timeoutMs / 1000} giây.`);
}

export function stopChild(child: ChildProcess, timeoutMs = 10_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return Promise.resolve();
  const pid = child.pid;
  return new Promise((resolve) => {
    const kill = (signal: NodeJS.Signals) => {
      try {
        process.kill(-pid, signal); // the child's whole process group
      } catch {
        // already gone
      }
    };
    const timer = setTimeout(() => kill('SIGKILL'), timeoutMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    kill('SIGTERM');
  });
}

/** How to stop every stack started in this process and not stopped yet, including one still starting. */
const started = new Set<() => Promise<void>>();

/** Stops every stack this process has started, finished starting or not (for a signal during start-up). */
export async function stopStartedStacks(): Promise<void> {
  await Promise.all([...started].map((stop) => stop()));
}

/** Starts the CMS and the site as child process groups and resolves when both answer. */
export async function startStack(options: StackOptions): Promise<Stack> {
  const ports: [string, number][] = [
    ['CMS', options.cmsPort],
    ['Trang công khai', options.sitePort],
  ];
  if (options.monitor) ports.push(['Giám sát', options.monitor.port]);
  for (const [name, port] of ports) {
    if (!(await portIsFree(port, options.host))) {
      throw new Error(`Cổng ${port} (${name}) đang được dùng. Hãy dừng chương trình đang dùng cổng đó, hoặc đặt CMS_PORT / SITE_PORT / MONITOR_PORT khác.`);
    }
  }
  const children: ChildProcess[] = [];
  let monitor: ChildProcess | undefined;
  let stopped = false;
  const stop = async () => {
    stopped = true;
    // The monitor first, so that stopping the servers is not recorded as an outage.
    if (monitor) await stopChild(monitor);
    await Promise.all(children.map((child) => stopChild(child)));
    started.delete(stop);
  };
  started.add(stop);
  try {
    // Each server leads its own process group, so stopping it also stops anything it started.
    const launch = (name: string, script: string, args: string[], cwd: string, env: NodeJS.ProcessEnv, flags: string[] = []) => {
      // A stop during start-up must not be followed by a server nobody will stop.
      if (stopped) throw new Error('Đã dừng trong khi khởi động.');
      const child = spawn(process.execPath, [...flags, script, ...args], { cwd, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
      children.push(child);
      pipeOutput(child, name, options.logs);
      return child;
    };
    const cms = launch('cms', path.join(root, 'node_modules', '@strapi', 'strapi', 'bin', 'strapi.js'), ['start'], cmsDir, cmsEnv(options), CMS_HEAP_FLAGS);
    // V8 sizes its heap to the machine (GBs here) and lets garbage pile up to that; the site's live data
    // (the search index, rendering) fits well under this, and the page cache's bytes live outside the heap.
    const site = launch('site', siteServer, [], siteDir, siteEnv(options), SITE_HEAP_FLAGS);

    const cmsUrl = `http://${options.host}:${options.cmsPort}`;
    const siteUrl = `http://${options.host}:${options.sitePort}`;
    await waitUntil(`${cmsUrl}/_health`, (status) => status === 204, cms, 'CMS', 120_000);
    await waitUntil(`${siteUrl}/`, (status) => status === 200, site, 'Trang công khai', 60_000);
    let monitorUrl: string | null = null;
    if (options.monitor) {
      // The monitor reuses the CMS's outbox transport (cms/ has no "type": "module").
      monitor = launch('monitor', path.join(root, 'scripts', 'monitor.ts'), [], root, monitorEnv(options), ['--disable-warning=MODULE_TYPELESS_PACKAGE_JSON']);
      monitorUrl = `http://${options.host}:${options.monitor.port}`;
      await waitUntil(`${monitorUrl}/health`, (status) => status === 200, monitor, 'Giám sát', 30_000);
    }
    return { cmsUrl, siteUrl, monitorUrl, stop };
  } catch (error) {
    await stop();
    if (options.logs !== 'console') {
      for (const name of ['cms', 'site', 'monitor']) {
        const file = path.join(options.logs, `${name}.log`);
        if (existsSync(file)) console.error(`--- ${name}.log (cuối) ---\n${readFileSync(file, 'utf8').split('\n').slice(-40).join('\n')}`);
      }
    }
    throw error;
  }
}
