/**
 * How each school of the district runs: its own secrets (var/district/<key>/cms.env, site.env, mode 0600),
 * its own PostgreSQL database and role, uploads, accounts, logs, monitor and backups, and its own ports —
 * the same StackOptions `npm start` uses, filled in per school.
 */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { ensureEnvFiles, ensureSecretKeys, type Secrets } from '../env-file.ts';
import type { StackOptions } from '../stack.ts';
import { server } from './database.ts';
import { districtDir, type School, schoolDir } from './schools.ts';

export interface SchoolFiles {
  dir: string;
  cmsEnv: string;
  siteEnv: string;
  publicDir: string;
  accounts: string;
  logs: string;
  backups: string;
  monitorDb: string;
}

export function schoolFiles(key: string, dir = districtDir()): SchoolFiles {
  const own = schoolDir(key, dir);
  return {
    dir: own,
    cmsEnv: path.join(own, 'cms.env'),
    siteEnv: path.join(own, 'site.env'),
    publicDir: path.join(own, 'public'),
    accounts: path.join(own, 'accounts.json'),
    logs: path.join(own, 'logs'),
    // BACKUP_DIR set for the district puts every school's archives in BACKUP_DIR/<key>.
    backups: process.env.BACKUP_DIR ? path.resolve(process.env.BACKUP_DIR, key) : path.join(own, 'backups'),
    monitorDb: path.join(own, 'monitor.db'),
  };
}

/** The school's secrets, generated on first use: the portal's usual ones plus its database password. */
export function schoolSecrets(files: SchoolFiles): Secrets {
  mkdirSync(files.dir, { recursive: true, mode: 0o700 });
  ensureSecretKeys(files.cmsEnv, ['DATABASE_PASSWORD']);
  return ensureEnvFiles({ cms: files.cmsEnv, site: files.siteEnv });
}

/** The public address of a school: https://<first host>, or http:// when DISTRICT_SCHEME=http (no TLS yet, tests). */
export function publicUrls(school: School): { site: string; cms: string } {
  const scheme = process.env.DISTRICT_SCHEME === 'http' ? 'http' : 'https';
  return { site: `${scheme}://${school.hosts[0]}`, cms: `${scheme}://${school.cmsHost}` };
}

/** What only the school's CMS (and its seeder and backup) may see: the way into its database. */
export function databaseEnv(school: School, secrets: Secrets): Record<string, string> {
  const pg = server();
  return {
    DATABASE_CLIENT: 'postgres',
    DATABASE_HOST: pg.host,
    DATABASE_PORT: String(pg.port),
    DATABASE_NAME: school.database,
    DATABASE_USERNAME: school.database,
    DATABASE_PASSWORD: secrets.cms.DATABASE_PASSWORD ?? '',
  };
}

/** What the school's CMS, site and monitor all see (and its backup): its addresses, ports and folders. */
export function schoolEnv(school: School, files: SchoolFiles): Record<string, string> {
  const urls = publicUrls(school);
  return {
    PUBLIC_DIR: files.publicDir,
    DEMO_ACCOUNTS_FILE: files.accounts,
    SITE_URL: urls.site,
    CMS_PUBLIC_URL: urls.cms,
    CMS_URL: `http://127.0.0.1:${school.ports.cms}`,
    CMS_PORT: String(school.ports.cms),
    MONITOR_URL: `http://127.0.0.1:${school.ports.monitor}`,
    // The CMS purges its own site's processes on loopback, never another school's (nor through nginx).
    SITE_PURGE_URLS: `http://127.0.0.1:${school.ports.site}/api/cache/purge`,
    BACKUP_DIR: files.backups,
    // Files that default to the installation's var/: one school must never read or write another's.
    SEARCH_INDEX_FILE: path.join(files.dir, 'search-index.json'),
    IMAGE_CACHE_DIR: path.join(files.dir, 'image-cache'),
    STATUS_SNAPSHOT_FILE: path.join(files.dir, 'status-snapshot.json'),
    OUTBOX_DIR: path.join(files.dir, 'outbox'),
  };
}

/** The school's StackOptions for startStack: its CMS, its site and its own monitor. */
export function schoolStack(school: School, dir = districtDir()): StackOptions {
  const files = schoolFiles(school.key, dir);
  const own = schoolSecrets(files);
  // startStack gives secrets.cms to the CMS only: the database password stays out of the site and the monitor.
  // Mail says which school it comes from (a value in the school's cms.env wins).
  const from = { EMAIL_FROM: `Cổng thông tin ${school.name} <no-reply@${school.hosts[0]}>` };
  const secrets = { cms: { ...from, ...own.cms, ...databaseEnv(school, own) }, site: own.site };
  return {
    secrets,
    host: '127.0.0.1',
    cmsPort: school.ports.cms,
    sitePort: school.ports.site,
    // Unused with PostgreSQL; the monitor measures free disk space where this file would be.
    databaseFile: path.join(files.dir, 'data.db'),
    publicDir: files.publicDir,
    demoAccountsFile: files.accounts,
    logs: files.logs,
    extraEnv: schoolEnv(school, files),
    monitor: {
      port: school.ports.monitor,
      db: files.monitorDb,
      env: {
        MONITOR_SITE_URL: `http://127.0.0.1:${school.ports.site}`,
        MONITOR_CMS_URL: `http://127.0.0.1:${school.ports.cms}`,
        MONITOR_KEYWORD: school.name,
        MONITOR_DATA_DIR: files.dir,
      },
    },
  };
}
