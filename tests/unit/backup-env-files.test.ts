import path from 'node:path';
import { installation } from '@portal/backups/config';
import { cmsDir, root, siteDir } from '@portal/common/layout';
import { afterEach, describe, expect, it } from 'vitest';

const NAMES = ['BACKUP_CMS_ENV_FILE', 'BACKUP_SITE_ENV_FILE'] as const;
const saved = Object.fromEntries(NAMES.map((name) => [name, process.env[name]]));

afterEach(() => {
  for (const name of NAMES) {
    if (saved[name] === undefined) delete process.env[name];
    else process.env[name] = saved[name];
  }
});

describe('the secrets files a backup carries', () => {
  it('are the installation’s cms/.env and site/.env unless told otherwise', () => {
    for (const name of NAMES) delete process.env[name];
    const here = installation(root, {});
    expect(here.cmsEnvFile).toBe(path.join(cmsDir, '.env'));
    expect(here.siteEnvFile).toBe(path.join(siteDir, '.env'));
  });

  it('are the files named by BACKUP_CMS_ENV_FILE and BACKUP_SITE_ENV_FILE, as a district school’s own', () => {
    process.env.BACKUP_CMS_ENV_FILE = '/srv/district/a/cms.env';
    process.env.BACKUP_SITE_ENV_FILE = '/srv/district/a/site.env';
    const here = installation(root, {});
    expect(here.cmsEnvFile).toBe('/srv/district/a/cms.env');
    expect(here.siteEnvFile).toBe('/srv/district/a/site.env');
  });

  it('are always the usual files of a fresh restore folder, whatever those variables say', () => {
    process.env.BACKUP_CMS_ENV_FILE = '/srv/district/a/cms.env';
    process.env.BACKUP_SITE_ENV_FILE = '/srv/district/a/site.env';
    const target = installation('/tmp/restore-drill', {});
    expect(target.cmsEnvFile).toBe('/tmp/restore-drill/cms/.env');
    expect(target.siteEnvFile).toBe('/tmp/restore-drill/site/.env');
  });
});
