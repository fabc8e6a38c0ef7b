import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ensureDemoAccounts } from '../../scripts/lib/demo-accounts.ts';
import { ensureEnvFiles } from '../../scripts/lib/env-file.ts';
import { freePort, type StackOptions, seedIfNeeded, startStack } from '../../scripts/lib/stack.ts';
import { startSmtpSink } from './mailbox.ts';
import { createDatabase, dropDatabase, PG } from './postgres.ts';

export { freePort };

/** What the tests need to know about the running portal; passed to test processes as PORTAL_TEST_*. */
export interface TestStackInfo {
  cmsUrl: string;
  siteUrl: string;
  /** The uptime monitor's JSON API (GET /status, /health), checking this stack every 2 s. */
  monitorUrl: string;
  siteToken: string;
  databaseFile: string;
  publicDir: string;
  demoAccountsFile: string;
  password: string;
  workDir: string;
  smtpPort: number;
  mailDir: string;
  smtpPid: number;
  /** Which database the stack's CMS runs on: the SQLite file above, or a throwaway PostgreSQL database. */
  database: { client: 'sqlite' } | { client: 'postgres'; name: string };
}

export type TestDatabase = TestStackInfo['database']['client'];

/** The CMS's database variables (cms/config/database.ts) that point a process at the stack's database. */
export function databaseEnv(info: Pick<TestStackInfo, 'databaseFile' | 'database'>): Record<string, string> {
  if (info.database.client === 'sqlite') return { DATABASE_CLIENT: 'sqlite', DATABASE_FILENAME: info.databaseFile };
  return {
    DATABASE_CLIENT: 'postgres',
    DATABASE_HOST: PG.host,
    DATABASE_PORT: String(PG.port),
    DATABASE_NAME: info.database.name,
    DATABASE_USERNAME: PG.user,
    DATABASE_PASSWORD: PG.password,
    // The stamp of the seeder sits beside the (unused) SQLite file.
    DATABASE_FILENAME: info.databaseFile,
  };
}

/** Which database a stack started by the suites themselves uses (PORTAL_TEST_DATABASE, default sqlite). */
export function requestedDatabase(): TestDatabase {
  const value = process.env.PORTAL_TEST_DATABASE ?? 'sqlite';
  if (value !== 'sqlite' && value !== 'postgres') throw new Error(`PORTAL_TEST_DATABASE không hợp lệ: ${value} (sqlite hoặc postgres).`);
  return value;
}

export const TEST_PASSWORD = 'KiemThu-2026-Demo';
export const UPLOAD_LIMIT_BYTES = 2 * 1024 * 1024;

export function stackOptions(workDir: string, cmsPort: number, sitePort: number, smtpPort = 0): StackOptions {
  return {
    secrets: ensureEnvFiles(),
    host: '127.0.0.1',
    cmsPort,
    sitePort,
    databaseFile: path.join(workDir, 'data.db'),
    publicDir: path.join(workDir, 'public'),
    demoAccountsFile: path.join(workDir, 'demo-accounts.json'),
    logs: path.join(workDir, 'logs'),
    // A small upload limit keeps the oversized-upload tests fast.
    extraEnv: {
      DEMO_PASSWORD: TEST_PASSWORD,
      UPLOAD_MAX_BYTES: String(UPLOAD_LIMIT_BYTES),
      // The suites sign the demo accounts in many times from one address.
      ADMIN_LOGIN_MAX_ATTEMPTS: '500',
      // The question form's limit test fills one address's window; the browser tests that ask later must not find it full.
      QUESTION_WINDOW_MINUTES: '1',
      // Scheduled publishing checks twice a second, so its tests wait on seconds, not on the 30 s default.
      SCHEDULE_INTERVAL_MS: '500',
      // The disclosure reminders' timer is off: on some days the demo content alone has a duty due, and its
      // e-mail would land in the mailboxes of tests that count messages. The reminder tests run them as at a
      // day of their choosing through a route only test stacks have (PORTAL_TEST_ROUTES).
      DISCLOSURE_REMINDER_INTERVAL_MS: '0',
      PORTAL_TEST_ROUTES: '1',
      ...(smtpPort ? { SMTP_HOST: '127.0.0.1', SMTP_PORT: String(smtpPort), SMTP_TIMEOUT_MS: '3000' } : {}),
      OUTBOX_DIR: path.join(workDir, 'outbox'),
      IMAGE_CACHE_DIR: path.join(workDir, 'image-cache'),
      SEARCH_INDEX_FILE: path.join(workDir, 'search-index.json'),
    },
  };
}

/**
 * A whole portal on temporary data (its own SQLite file, uploads folder and ports), seeded exactly as
 * `npm start` seeds, so tests never touch the user's database.
 */
export async function startTestStack(client: TestDatabase = 'sqlite'): Promise<{ info: TestStackInfo; stop(): Promise<void> }> {
  const workDir = mkdtempSync(path.join(tmpdir(), 'portal-test-'));
  const smtpPort = await freePort();
  const mailDir = path.join(workDir, 'mail');
  const options = stackOptions(workDir, await freePort(), await freePort(), smtpPort);
  const pgName = client === 'postgres' ? await createDatabase('portal_test') : null;
  if (pgName) Object.assign(options.extraEnv ?? {}, databaseEnv({ databaseFile: options.databaseFile, database: { client: 'postgres', name: pgName } }));
  // The monitor's alerts stay in its own outbox: the suites' mailbox only sees the portal's own mail.
  options.monitor = {
    port: await freePort(),
    db: path.join(workDir, 'monitor.db'),
    env: {
      MONITOR_INTERVAL_SECONDS: '2',
      MONITOR_TIMEOUT_MS: '5000',
      SMTP_HOST: '',
      OUTBOX_DIR: path.join(workDir, 'monitor-outbox'),
      BACKUP_DIR: path.join(workDir, 'backups'),
    },
  };
  ensureDemoAccounts(options.demoAccountsFile, TEST_PASSWORD);
  const smtp = await startSmtpSink(smtpPort, mailDir);
  let stack: Awaited<ReturnType<typeof startStack>>;
  try {
    await seedIfNeeded(options);
    stack = await startStack(options);
  } catch (error) {
    smtp.stop();
    if (pgName) await dropDatabase(pgName).catch(() => {});
    throw error;
  }
  const info: TestStackInfo = {
    cmsUrl: stack.cmsUrl,
    siteUrl: stack.siteUrl,
    monitorUrl: stack.monitorUrl ?? '',
    siteToken: options.secrets.site.SITE_API_TOKEN ?? '',
    databaseFile: options.databaseFile,
    publicDir: options.publicDir,
    demoAccountsFile: options.demoAccountsFile,
    password: TEST_PASSWORD,
    workDir,
    smtpPort,
    mailDir,
    smtpPid: smtp.pid,
    database: pgName ? { client: 'postgres', name: pgName } : { client: 'sqlite' },
  };
  return {
    info,
    async stop() {
      await stack.stop();
      smtp.stop();
      try {
        process.kill(-Number(readFileSync(path.join(workDir, 'smtp-sink.pid'), 'utf8')), 'SIGKILL');
      } catch {
        // already stopped
      }
      if (process.env.KEEP_TEST_DATA) return;
      rmSync(workDir, { recursive: true, force: true });
      if (pgName) await dropDatabase(pgName);
    },
  };
}

export function toEnv(info: TestStackInfo): Record<string, string> {
  return { PORTAL_TEST: JSON.stringify(info) };
}

/** Read by tests: the stack started by `npm test` (or by the suite's global setup). */
export function testStack(): TestStackInfo {
  const raw = process.env.PORTAL_TEST;
  if (!raw) throw new Error('PORTAL_TEST chưa được đặt: hãy chạy bằng `npm test`.');
  return JSON.parse(raw) as TestStackInfo;
}
