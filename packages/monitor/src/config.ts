import path from 'node:path';
import { readEnvFile } from '@portal/common/env-file';
import { cmsDir, root, siteDir, varDir } from '@portal/common/layout';

export const SERVICE_IDS = ['site', 'directive', 'cms', 'admin', 'delivery', 'disk', 'backup', 'tls'] as const;
export type ServiceId = (typeof SERVICE_IDS)[number];

/** Vietnamese names, as shown on the status page and in alerts. */
export const SERVICE_NAMES: Record<ServiceId, string> = {
  site: 'Trang công khai',
  directive: 'Trang văn bản',
  cms: 'CMS',
  admin: 'Trang quản trị',
  delivery: 'Hàng đợi gửi',
  disk: 'Dung lượng đĩa',
  backup: 'Sao lưu',
  tls: 'Chứng chỉ TLS',
};

/**
 * A service whose failure is explained by another one: when the CMS process is down its admin page is
 * down too, and one alert (about the CMS) says it all. The child's own alert waits while a parent fails.
 */
export const SERVICE_PARENTS: Record<ServiceId, ServiceId[]> = {
  site: [],
  directive: ['site', 'cms'],
  cms: [],
  admin: ['cms'],
  // The CMS reports its delivery outbox (e-mails, purges of the site's cache); down, it reports nothing.
  delivery: ['cms'],
  disk: [],
  backup: [],
  tls: [],
};

/**
 * Names of the backup archives in BACKUP_DIR, as packages/backups/src/names.ts writes them:
 * `portal-backup-20261105-020000.tar.gz.age` (optionally `-2` before the extension). One constant, so a
 * change of the backup naming needs one edit here. Their age is the file's modification time.
 */
export const BACKUP_FILE_PATTERN = /^portal-backup-\d{8}-\d{6}(?:-\d{1,3})?\.tar\.gz\.age$/;

/** Notice kinds that open a maintenance window (a "Sự cố" notice explains downtime but does not excuse it). */
export const MAINTENANCE_KINDS = ['Bảo trì', 'Nâng cấp'] as const;

/** The notice's affected-service labels (cms/src/components/notice/affected-service.json) → monitored services. */
export const AFFECTED_SERVICE_MAP: Record<string, ServiceId[]> = {
  'Trang thông tin': ['site', 'directive'],
  'Trang quản trị': ['cms', 'admin', 'delivery'],
  'Thư điện tử': ['delivery'],
  'Toàn hệ thống': [...SERVICE_IDS],
};

export interface SmtpSettings {
  host: string;
  port: number;
  secure: boolean;
  username: string;
  password: string;
  timeoutMs: number;
}

export interface MonitorConfig {
  siteUrl: string;
  cmsUrl: string;
  statusPageUrl: string;
  keyword: string;
  /** Fixed directive page to check, or null to discover a published one. */
  directivePath: string | null;
  siteToken: string;
  monitorToken: string;
  intervalMs: number;
  timeoutMs: number;
  /** Consecutive failures before a service counts as down. */
  retries: number;
  /** Consecutive successes before a down service counts as up again. */
  recoveries: number;
  cooldownMs: number;
  dbFile: string;
  retentionDays: number;
  dailyRetentionDays: number;
  host: string;
  port: number;
  dataDir: string;
  diskMinFreePercent: number;
  diskMinFreeMb: number;
  backupDir: string;
  backupMaxAgeHours: number;
  tlsWarnDays: number;
  /** MONITOR_ALERT_EMAILS: when set, the only recipients; else the Tổ CNTT accounts from the CMS. */
  alertEmails: string[] | null;
  webhookUrl: string | null;
  webhookTimeoutMs: number;
  smtp: SmtpSettings | null;
  outboxDir: string;
  emailFrom: string;
}

export type Env = Record<string, string | undefined>;

function number(env: Env, name: string, fallback: number, min: number, max = Number.MAX_SAFE_INTEGER): number {
  const raw = env[name];
  if (raw === undefined || raw.trim() === '') return fallback;
  const value = Number(raw);
  if (!Number.isFinite(value) || value < min || value > max) {
    throw new Error(`${name} không hợp lệ: "${raw}" (cần một số từ ${min} đến ${max}).`);
  }
  return value;
}

function url(name: string, value: string): string {
  try {
    const parsed = new URL(value);
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new Error('protocol');
  } catch {
    throw new Error(`${name} không phải địa chỉ http(s) hợp lệ: "${value}".`);
  }
  return value.replace(/\/+$/, '');
}

/**
 * Reads the monitor's settings. The environment wins; secrets and mail settings the operator keeps in
 * cms/.env or site/.env (as the CMS itself does) are read from there when the environment lacks them.
 */
export function loadConfig(processEnv: Env = process.env, files = { cms: path.join(cmsDir, '.env'), site: path.join(siteDir, '.env') }): MonitorConfig {
  const fileEnv = { ...readEnvFile(files.site), ...readEnvFile(files.cms) };
  const env: Env = new Proxy(processEnv, {
    get: (target, name: string) => (target[name] !== undefined ? target[name] : fileEnv[name]),
  });
  const siteUrl = url('MONITOR_SITE_URL', env.MONITOR_SITE_URL || env.SITE_URL || 'http://127.0.0.1:4321');
  const cmsUrl = url('MONITOR_CMS_URL', env.MONITOR_CMS_URL || env.CMS_URL || 'http://127.0.0.1:1337');
  const publicSite = url('SITE_URL', env.SITE_URL || siteUrl);
  const directivePath = env.MONITOR_DIRECTIVE_PATH?.trim() || null;
  if (directivePath && !directivePath.startsWith('/')) throw new Error('MONITOR_DIRECTIVE_PATH phải bắt đầu bằng "/", ví dụ /van-ban/quyet-dinh-380.');
  const database = path.resolve(cmsDir, env.DATABASE_FILENAME || '.tmp/data.db');
  const smtpHost = env.SMTP_HOST?.trim() ?? '';
  const emails = (env.MONITOR_ALERT_EMAILS ?? '')
    .split(/[,;\s]+/)
    .map((address) => address.trim())
    .filter((address) => address !== '');
  const invalid = emails.filter((address) => !/^[^@\s]+@[^@\s]+$/.test(address));
  if (invalid.length > 0) throw new Error(`MONITOR_ALERT_EMAILS có địa chỉ không hợp lệ: ${invalid.join(', ')}`);
  const port = number(env, 'MONITOR_PORT', 4390, 0, 65535);
  return {
    siteUrl,
    cmsUrl,
    statusPageUrl: `${publicSite}/trang-thai`,
    keyword: (env.MONITOR_KEYWORD ?? 'Hiệp Hòa').normalize('NFC'),
    directivePath,
    siteToken: env.SITE_API_TOKEN ?? '',
    monitorToken: env.MONITOR_TOKEN ?? '',
    intervalMs: number(env, 'MONITOR_INTERVAL_SECONDS', 60, 0.2, 86_400) * 1000,
    timeoutMs: number(env, 'MONITOR_TIMEOUT_MS', 10_000, 100, 600_000),
    retries: number(env, 'MONITOR_RETRIES', 3, 1, 100),
    recoveries: number(env, 'MONITOR_RECOVERY_CHECKS', 2, 1, 100),
    cooldownMs: number(env, 'MONITOR_ALERT_COOLDOWN_MINUTES', 30, 0, 10_080) * 60_000,
    dbFile: path.resolve(root, env.MONITOR_DB || path.join(varDir, 'monitor.db')),
    retentionDays: number(env, 'MONITOR_RETENTION_DAYS', 90, 1, 3650),
    dailyRetentionDays: number(env, 'MONITOR_DAILY_RETENTION_DAYS', 730, 90, 36_500),
    host: env.MONITOR_HOST || '127.0.0.1',
    port,
    dataDir: path.resolve(root, env.MONITOR_DATA_DIR || path.dirname(database)),
    diskMinFreePercent: number(env, 'MONITOR_DISK_MIN_FREE_PERCENT', 10, 0, 100),
    diskMinFreeMb: number(env, 'MONITOR_DISK_MIN_FREE_MB', 1024, 0),
    backupDir: path.resolve(root, env.BACKUP_DIR || path.join(varDir, 'backups')),
    backupMaxAgeHours: number(env, 'MONITOR_BACKUP_MAX_AGE_HOURS', 26, 0.001),
    tlsWarnDays: number(env, 'MONITOR_TLS_WARN_DAYS', 14, 0, 3650),
    alertEmails: emails.length > 0 ? [...new Set(emails)] : null,
    webhookUrl: env.MONITOR_WEBHOOK_URL ? url('MONITOR_WEBHOOK_URL', env.MONITOR_WEBHOOK_URL) : null,
    webhookTimeoutMs: number(env, 'MONITOR_WEBHOOK_TIMEOUT_MS', 5_000, 100, 120_000),
    smtp: smtpHost
      ? {
          host: smtpHost,
          port: number(env, 'SMTP_PORT', 587, 1, 65535),
          secure: /^(1|true|yes)$/i.test(env.SMTP_SECURE ?? ''),
          username: env.SMTP_USERNAME ?? '',
          password: env.SMTP_PASSWORD ?? '',
          timeoutMs: number(env, 'SMTP_TIMEOUT_MS', 10_000, 100),
        }
      : null,
    // Like the CMS (cms/config/plugins.ts), a relative OUTBOX_DIR is relative to cms/.
    outboxDir: path.resolve(cmsDir, env.OUTBOX_DIR || '../var/outbox'),
    emailFrom: env.EMAIL_FROM || 'Cổng thông tin Trường Mầm non Hiệp Hòa <no-reply@mnhiephoa.test>',
  };
}

/** Services monitored with this configuration: the TLS check only when a monitored address is https. */
export function activeServices(config: Pick<MonitorConfig, 'siteUrl' | 'cmsUrl'>): ServiceId[] {
  const https = [config.siteUrl, config.cmsUrl].some((value) => value.startsWith('https:'));
  return SERVICE_IDS.filter((id) => id !== 'tls' || https);
}
