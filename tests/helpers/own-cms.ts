import { type ChildProcess, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, openSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { cmsDir, root } from '../../scripts/lib/paths.ts';
import { cmsEnv, type StackOptions } from '../../scripts/lib/stack.ts';
import { readBody } from './admin.ts';
import { startSmtpSink } from './mailbox.ts';
import { freePort, stackOptions, TEST_PASSWORD, testStack } from './test-stack.ts';
import { waitFor } from './wait.ts';

/**
 * A Strapi process of one test file's own (usually on a copy of the shared database), for tests that stop
 * and start the CMS without disturbing the shared test portal.
 */
export class OwnCms {
  private child: ChildProcess | null = null;
  private readonly options: () => StackOptions;
  private readonly url: () => string;
  private readonly logFile: string;

  /** Options and URL are read at start, so a test may choose its ports in beforeAll. */
  constructor(options: () => StackOptions, url: () => string, logFile: string) {
    this.options = options;
    this.url = url;
    this.logFile = logFile;
  }

  async start(): Promise<void> {
    const log = openSync(this.logFile, 'a');
    const child = spawn(process.execPath, [path.join(root, 'node_modules', '@strapi', 'strapi', 'bin', 'strapi.js'), 'start'], {
      cwd: cmsDir,
      env: cmsEnv(this.options()),
      detached: true,
      stdio: ['ignore', log, log],
    });
    this.child = child;
    await waitFor(
      async () => {
        if (child.exitCode !== null) throw new Error(`Strapi thử nghiệm đã dừng khi khởi động (xem ${path.basename(this.logFile)})`);
        try {
          return (await fetch(`${this.url()}/_health`, { signal: AbortSignal.timeout(2000) })).status === 204;
        } catch {
          return false;
        }
      },
      'CMS thử nghiệm trả lời /_health',
      120_000,
      200,
    );
  }

  /** An admin API call with a signed-in user's token. */
  async call<T>(token: string, method: string, pathname: string, body?: unknown): Promise<{ status: number; body: T }> {
    const response = await fetch(`${this.url()}${pathname}`, {
      method,
      headers: { Authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, body: (await readBody(response)) as T };
  }

  /** Signs a demo account in with the test password; its admin token. */
  async signIn(email: string): Promise<string> {
    const answer = await fetch(`${this.url()}/admin/login`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ email, password: TEST_PASSWORD }),
    });
    if (answer.status !== 200) throw new Error(`Đăng nhập ${email} vào CMS thử nghiệm thất bại: HTTP ${answer.status}`);
    return ((await answer.json()) as { data: { token: string } }).data.token;
  }

  /** SIGKILL, as a power cut or the OOM killer would: no shutdown code runs. Resolves once it has exited. */
  async kill(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    killGroup(child, 'SIGKILL');
    await exited;
    this.child = null;
  }

  /** SIGTERM to the whole process group, SIGKILL after 10 s; resolves once it has exited. */
  async stop(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    killGroup(child, 'SIGTERM');
    const timer = setTimeout(() => killGroup(child, 'SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
    this.child = null;
  }
}

export function killGroup(child: ChildProcess | null, signal: NodeJS.Signals): void {
  try {
    if (child?.pid) process.kill(-child.pid, signal);
  } catch {
    // already gone
  }
}

/**
 * An online copy of the shared test database as `<workDir>/data.db` (SQLite backup API: safe while the
 * shared CMS writes), with an empty uploads folder beside it, for a CMS of a test file's own.
 */
export async function copySharedDatabase(workDir: string, file = 'data.db'): Promise<string> {
  const target = path.join(workDir, file);
  const source = new Database(testStack().databaseFile, { readonly: true, fileMustExist: true });
  try {
    await source.backup(target);
  } finally {
    source.close();
  }
  mkdirSync(path.join(workDir, 'public', 'uploads'), { recursive: true });
  return target;
}

/**
 * A CMS of a test file's own on a copy of the shared database, with an SMTP server of its own writing to
 * `mailDir`: `start()` in beforeAll (after whatever the copy should hold has been written to the shared
 * portal), `stop()` in afterAll, which also removes its folder. `env` is added to the test stack's.
 */
export class OwnCmsWithMailbox {
  readonly workDir: string;
  readonly mailDir: string;
  readonly cms: OwnCms;
  url = '';
  private options: StackOptions | null = null;
  private smtp: { stop(): void } | null = null;

  constructor(prefix: string, env: Record<string, string> = {}) {
    this.workDir = mkdtempSync(path.join(tmpdir(), prefix));
    this.mailDir = path.join(this.workDir, 'mail');
    this.cms = new OwnCms(
      () => {
        if (!this.options) throw new Error('OwnCmsWithMailbox: start() first');
        return { ...this.options, extraEnv: { ...this.options.extraEnv, ...env } };
      },
      () => this.url,
      path.join(this.workDir, 'cms.log'),
    );
  }

  async start(): Promise<void> {
    await copySharedDatabase(this.workDir);
    const smtpPort = await freePort();
    this.smtp = await startSmtpSink(smtpPort, this.mailDir);
    const cmsPort = await freePort();
    // The unused site port keeps this CMS's purge webhooks away from the shared site.
    this.options = stackOptions(this.workDir, cmsPort, await freePort(), smtpPort);
    this.url = `http://127.0.0.1:${cmsPort}`;
    await this.cms.start();
  }

  async stop(): Promise<void> {
    await this.cms.stop();
    this.smtp?.stop();
    rmSync(this.workDir, { recursive: true, force: true });
  }
}
