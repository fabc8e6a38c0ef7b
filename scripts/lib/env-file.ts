// Imports the compiled shared package: prepare() builds it before loading this module.
import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { readEnvFile } from '@portal/common/env-file';
import { cmsDir, siteDir } from './paths.ts';

const secret = (bytes = 32) => randomBytes(bytes).toString('base64url');
const HEADER = '# Generated on first run. Secret: never commit.';

/**
 * Fills in the secrets a file lacks and keeps every value it already has: a key is written once and
 * never overwritten, so restarting, upgrading or re-running the first start never rotates a secret.
 */
function ensureKeys(file: string, header: string, wanted: Record<string, () => string>): Record<string, string> {
  const current = readEnvFile(file);
  const missing = Object.entries(wanted).filter(([key]) => !current[key]);
  if (missing.length > 0) {
    const added = missing.map(([key, make]) => `${key}=${make()}`);
    const before = existsSync(file) ? readFileSync(file, 'utf8').replace(/\n?$/, '\n') : `${header}\n`;
    writeFileSync(file, `${before}${added.join('\n')}\n`, { mode: 0o600 });
  }
  chmodSync(file, 0o600);
  return readEnvFile(file);
}

/** Adds these generated secrets to `file` unless it has them (e.g. a district school's database password). */
export function ensureSecretKeys(file: string, keys: string[]): Record<string, string> {
  return ensureKeys(file, HEADER, Object.fromEntries(keys.map((key) => [key, () => secret()])));
}

export interface Secrets {
  cms: Record<string, string>;
  site: Record<string, string>;
}

/** Where the generated secrets live: cms/.env and site/.env for the one school of `npm start`. */
export interface EnvFiles {
  cms: string;
  site: string;
}

const APP_ENV_FILES: EnvFiles = { cms: path.join(cmsDir, '.env'), site: path.join(siteDir, '.env') };

/** The secrets of one installation, generated into `files` on first use (each call site its own folder: a district's schools). */
export function ensureEnvFiles(files: EnvFiles = APP_ENV_FILES): Secrets {
  const cms = ensureKeys(files.cms, HEADER, {
    APP_KEYS: () => [secret(), secret(), secret(), secret()].join(','),
    API_TOKEN_SALT: () => secret(),
    ADMIN_JWT_SECRET: () => secret(),
    TRANSFER_TOKEN_SALT: () => secret(),
    JWT_SECRET: () => secret(),
    ENCRYPTION_KEY: () => secret(),
    SITE_API_TOKEN: () => secret(48),
    WEBHOOK_SECRET: () => secret(),
    PREVIEW_SECRET: () => secret(),
    // The uptime monitor's key for the CMS's ops endpoint (alert recipients); see packages/monitor/.
    MONITOR_TOKEN: () => secret(),
  });
  // The site holds only what it needs to read published content and to check the CMS's webhooks;
  // preview links are checked by the CMS, so the preview secret stays there.
  const site = ensureKeys(files.site, HEADER, {
    SITE_API_TOKEN: () => cms.SITE_API_TOKEN ?? '',
    WEBHOOK_SECRET: () => cms.WEBHOOK_SECRET ?? '',
  });
  if (site.SITE_API_TOKEN !== cms.SITE_API_TOKEN) {
    throw new Error(`SITE_API_TOKEN trong ${files.site} khác ${files.cms}. Hãy xóa dòng đó trong ${files.site} rồi chạy lại.`);
  }
  return { cms, site };
}
