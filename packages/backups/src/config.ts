import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { readEnvFile } from '@portal/common/env-file';
import { cmsDir, root, siteDir, varDir } from '@portal/common/layout';
import { BackupError } from './errors.ts';

export interface KeepPolicy {
  daily: number;
  weekly: number;
  monthly: number;
}

/** Where the data of one installation lives, as Strapi and `npm start` resolve it. */
export interface Installation {
  root: string;
  client: 'sqlite' | 'postgres';
  databaseFile: string;
  publicDir: string;
  uploadsDir: string;
  cmsEnvFile: string;
  siteEnvFile: string;
  demoAccountsFile: string;
  cmsUrl: string;
  /** The environment the CMS would see: its .env file overridden by the process environment. */
  env: Record<string, string | undefined>;
}

const MIN_PASSPHRASE = 12;

/**
 * The passphrase comes from the environment only (or a file named there, for systemd credentials):
 * it must never sit in cms/.env, which is itself copied into every archive.
 */
export function passphrase(purpose: 'encrypt' | 'decrypt'): string {
  let value = process.env.BACKUP_PASSPHRASE;
  const file = process.env.BACKUP_PASSPHRASE_FILE;
  if (!value && file) {
    if (!existsSync(file)) throw new BackupError(`Không đọc được BACKUP_PASSPHRASE_FILE: ${file} không tồn tại.`);
    value = readFileSync(file, 'utf8').replace(/\r?\n$/, '');
  }
  if (!value) {
    throw new BackupError(
      'Chưa có mật khẩu sao lưu: hãy đặt biến môi trường BACKUP_PASSPHRASE (hoặc BACKUP_PASSPHRASE_FILE trỏ tới tệp chứa mật khẩu). ' +
        'Không có mật khẩu thì không sao lưu, kiểm tra hay khôi phục được.',
    );
  }
  if (purpose === 'encrypt' && value.length < MIN_PASSPHRASE) {
    throw new BackupError(`BACKUP_PASSPHRASE quá ngắn (${value.length} ký tự): cần ít nhất ${MIN_PASSPHRASE} ký tự ngẫu nhiên.`);
  }
  return value;
}

export function backupDir(): string {
  return path.resolve(root, process.env.BACKUP_DIR || path.join(varDir, 'backups'));
}

export function copyDir(): string | null {
  const value = process.env.BACKUP_COPY_DIR;
  if (!value) return null;
  const resolved = path.resolve(root, value);
  if (resolved === backupDir()) throw new BackupError('BACKUP_COPY_DIR phải khác BACKUP_DIR (bản sao thứ hai phải ở nơi khác).');
  return resolved;
}

function count(name: string, fallback: number): number {
  const raw = process.env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) throw new BackupError(`${name} phải là số nguyên không âm, đang là "${raw}".`);
  return value;
}

export function keepPolicy(): KeepPolicy {
  return { daily: count('BACKUP_KEEP_DAILY', 7), weekly: count('BACKUP_KEEP_WEEKLY', 4), monthly: count('BACKUP_KEEP_MONTHLY', 12) };
}

export function backupTime(): string {
  const value = process.env.BACKUP_TIME || '02:30';
  const match = /^(\d{1,2}):(\d{2})$/.exec(value);
  if (!match || Number(match[1]) > 23 || Number(match[2]) > 59) {
    throw new BackupError(`BACKUP_TIME phải có dạng GG:PP (ví dụ 02:30), đang là "${value}".`);
  }
  return `${match[1]!.padStart(2, '0')}:${match[2]}`;
}

/**
 * The .env file a backup carries and a restore in place puts back: the installation's own, or the one
 * named by `name` when its secrets live elsewhere (a district's school keeps them in
 * var/district/<key>/cms.env and site.env). A restore into a fresh --target folder always writes the
 * usual <target>/cms/.env and <target>/site/.env.
 */
function envFileOf(name: string, here: boolean, usual: string): string {
  const named = process.env[name];
  return here && named ? path.resolve(named) : usual;
}

/**
 * Resolves an installation's paths the way `npm start` does: the process environment wins over
 * cms/.env, and relative paths are taken from <root>/cms. `fileEnv` lets a restore use the cms/.env
 * it is about to put in place instead of the one on disk.
 */
export function installation(installRoot = root, fileEnv?: Record<string, string>): Installation {
  const here = installRoot === root;
  const rootCmsDir = here ? cmsDir : path.join(installRoot, 'cms');
  const cmsEnvFile = envFileOf('BACKUP_CMS_ENV_FILE', here, path.join(rootCmsDir, '.env'));
  const env: Record<string, string | undefined> = { ...(fileEnv ?? readEnvFile(cmsEnvFile)), ...process.env };
  const client = env.DATABASE_CLIENT === 'postgres' ? 'postgres' : 'sqlite';
  if (env.DATABASE_CLIENT && !['sqlite', 'postgres'].includes(env.DATABASE_CLIENT)) {
    throw new BackupError(`DATABASE_CLIENT="${env.DATABASE_CLIENT}" không được hỗ trợ (chỉ sqlite hoặc postgres).`);
  }
  const publicDir = path.resolve(rootCmsDir, env.PUBLIC_DIR || 'public');
  const host = process.env.PORTAL_HOST || '127.0.0.1';
  return {
    root: installRoot,
    client,
    databaseFile: path.resolve(rootCmsDir, env.DATABASE_FILENAME || '.tmp/data.db'),
    publicDir,
    uploadsDir: path.join(publicDir, 'uploads'),
    cmsEnvFile,
    siteEnvFile: envFileOf('BACKUP_SITE_ENV_FILE', here, path.join(here ? siteDir : path.join(installRoot, 'site'), '.env')),
    demoAccountsFile: process.env.DEMO_ACCOUNTS_FILE ? path.resolve(process.env.DEMO_ACCOUNTS_FILE) : path.join(installRoot, 'var', 'demo-accounts.json'),
    cmsUrl: `http://${host.includes(':') ? `[${host}]` : host}:${process.env.CMS_PORT || env.CMS_PORT || '1337'}`,
    env,
  };
}
