import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { districtSummary, renderDistrictView, type SchoolReport, schoolState } from '@portal/monitor/district-view';
import type { ServiceStatus } from '@portal/monitor/status';
import { describe, expect, it } from 'vitest';
import { DEFAULT_NGINX, nginxConfig } from '../../scripts/lib/district/nginx.ts';
import { overviewPort } from '../../scripts/lib/district/overview.ts';
import { allocatePorts, databaseName, type Register, type School, validateAdd } from '../../scripts/lib/district/schools.ts';
import { schoolStack } from '../../scripts/lib/district/stacks.ts';
import { root } from '../../scripts/lib/paths.ts';
import type { StackOptions } from '../../scripts/lib/stack.ts';

const school = (key: string, cms: number, hosts = [`${key}.edu.vn`]): School => ({
  key,
  name: `Trường ${key}`,
  hosts,
  cmsHost: `cms.${hosts[0]}`,
  ports: { cms, site: cms + 1, monitor: cms + 2 },
  database: databaseName(key),
  content: 'empty',
  addedAt: '2026-11-30T00:00:00.000Z',
});

describe('district port allocation', () => {
  it('gives the first school the base ports and the next one the next slot', () => {
    expect(allocatePorts([], 5000)).toEqual({ cms: 5000, site: 5001, monitor: 5002 });
    expect(allocatePorts([school('a', 5000)], 5000)).toEqual({ cms: 5010, site: 5011, monitor: 5012 });
  });

  it('reuses the lowest free slot and never a port a school holds', () => {
    const schools = [school('a', 5000), school('c', 5020)];
    expect(allocatePorts(schools, 5000)).toEqual({ cms: 5010, site: 5011, monitor: 5012 });
    // A school registered off the grid still blocks the slots its ports fall in.
    expect(allocatePorts([school('x', 5001)], 5000)).toEqual({ cms: 5010, site: 5011, monitor: 5012 });
  });

  it('answers the same for the same register', () => {
    const schools = [school('a', 5000), school('b', 5010)];
    expect(allocatePorts(schools, 5000)).toEqual(allocatePorts([...schools], 5000));
  });
});

describe('district add input', () => {
  const register: Register = { schools: [school('mn-hiep-hoa', 5000, ['mnhiephoa.edu.vn', 'www.mnhiephoa.edu.vn'])] };
  const ok = { key: 'th-yen-giang', name: 'Trường Tiểu học Yên Giang', host: 'thyengiang.edu.vn,www.thyengiang.edu.vn' };

  it('accepts a new school and fills in its ports, database, CMS host and empty content', () => {
    const { errors, school: added } = validateAdd(ok, register, 5000);
    expect(errors).toEqual([]);
    expect(added).toMatchObject({
      key: 'th-yen-giang',
      hosts: ['thyengiang.edu.vn', 'www.thyengiang.edu.vn'],
      cmsHost: 'cms.thyengiang.edu.vn',
      ports: { cms: 5010, site: 5011, monitor: 5012 },
      database: 'portal_th_yen_giang',
      content: 'empty',
    });
  });

  it.each([
    [{ ...ok, key: 'TH_Yen' }, 'Mã trường "TH_Yen" không hợp lệ'],
    [{ ...ok, key: '-a' }, 'không hợp lệ'],
    [{ ...ok, key: 'a'.repeat(33) }, 'không hợp lệ'],
    [{ ...ok, key: undefined }, 'Thiếu mã trường'],
    [{ ...ok, key: 'mn-hiep-hoa' }, 'Mã trường "mn-hiep-hoa" đã có'],
    [{ ...ok, name: '   ' }, 'Thiếu tên trường'],
    [{ ...ok, host: '' }, 'Thiếu tên miền'],
    [{ ...ok, host: 'http://x.vn' }, 'Tên miền "http://x.vn" không hợp lệ'],
    [{ ...ok, host: 'localhost' }, 'Tên miền "localhost" không hợp lệ'],
    [{ ...ok, host: 'www.mnhiephoa.edu.vn' }, 'www.mnhiephoa.edu.vn đã thuộc trường "mn-hiep-hoa"'],
    [{ ...ok, host: 'a.vn', cmsHost: 'cms.mnhiephoa.edu.vn' }, 'đã thuộc trường "mn-hiep-hoa"'],
    [{ ...ok, host: 'a.vn,a.vn' }, 'Tên miền bị lặp: a.vn'],
    [{ ...ok, demo: true, empty: true }, 'Chỉ chọn một trong --demo và --empty'],
  ])('refuses %o with a Vietnamese message', (input, message) => {
    const { errors, school: added } = validateAdd(input, register, 5000);
    expect(added).toBeUndefined();
    expect(errors.join('\n')).toContain(message);
  });

  it('lists every problem at once', () => {
    expect(validateAdd({ key: 'X', host: 'bad' }, register, 5000).errors).toHaveLength(3);
  });
});

describe('district nginx configuration', () => {
  it('is, for one school, exactly the configuration docs/deployment.md shows', () => {
    const doc = readFileSync(path.join(root, 'docs', 'deployment.md'), 'utf8');
    const block = /```nginx\n([\s\S]*?)```/.exec(doc)?.[1];
    const generated = nginxConfig([{ hosts: ['mnhiephoa.edu.vn'], cmsHost: 'cms.mnhiephoa.edu.vn', sitePort: 4321, cmsPort: 1337 }], DEFAULT_NGINX);
    expect(block).toBe(generated);
  });

  it('routes each school’s host names to its own site and CMS ports, with the shared zones once', () => {
    const text = nginxConfig(
      [
        { hosts: ['a.edu.vn', 'www.a.edu.vn'], cmsHost: 'cms.a.edu.vn', sitePort: 5001, cmsPort: 5000, label: 'Trường A (a)' },
        { hosts: ['b.edu.vn'], cmsHost: 'cms.b.edu.vn', sitePort: 5011, cmsPort: 5010, label: 'Trường B (b)' },
      ],
      { cacheDir: '/tmp/cache', certDir: '/tmp/certs' },
    );
    expect(text.match(/limit_req_zone \$binary_remote_addr zone=pages/g)).toHaveLength(1);
    expect(text).toContain('server_name a.edu.vn www.a.edu.vn;');
    expect(text).toContain('server_name cms.b.edu.vn;');
    expect(text).toContain('ssl_certificate     /tmp/certs/cms.a.edu.vn/fullchain.pem;');
    const schoolB = text.slice(text.indexOf('# Trường B'));
    expect(schoolB).toContain('proxy_pass http://127.0.0.1:5011;');
    expect(schoolB).toContain('proxy_pass http://127.0.0.1:5010;');
    expect(schoolB).not.toContain('127.0.0.1:5001');
    expect(schoolB).not.toContain('127.0.0.1:5000');
  });
});

describe('district school processes', () => {
  it('give every school its own database, secrets, files, purge URL and sender, and the database password to its CMS only', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'district-unit-'));
    try {
      const [a, b] = [school('a', 5000), school('b', 5010)].map((each) => schoolStack(each, dir)) as [StackOptions, StackOptions];
      const own = (options: StackOptions) => [
        ...Object.values(options.extraEnv ?? {}),
        options.secrets.cms.DATABASE_NAME,
        options.secrets.cms.DATABASE_PASSWORD,
        options.secrets.cms.WEBHOOK_SECRET,
        options.secrets.cms.EMAIL_FROM,
        options.monitor?.db,
      ];
      const shared = own(a).filter((value) => own(b).includes(value));
      expect(shared).toEqual([]);
      for (const name of ['SEARCH_INDEX_FILE', 'IMAGE_CACHE_DIR', 'STATUS_SNAPSHOT_FILE', 'OUTBOX_DIR', 'PUBLIC_DIR', 'BACKUP_DIR']) {
        expect(a.extraEnv?.[name], name).toMatch(new RegExp(`^${dir}/a/`));
      }
      expect(a.secrets.cms.DATABASE_NAME).toBe('portal_a');
      expect(a.secrets.site.DATABASE_PASSWORD).toBeUndefined();
      expect(JSON.stringify(a.extraEnv)).not.toContain(a.secrets.cms.DATABASE_PASSWORD);
      expect(statSync(path.join(dir, 'a', 'cms.env')).mode & 0o777).toBe(0o600);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the district status page', () => {
  // The fields the district page reads; the rest of a monitor's answer does not matter here.
  const service = (id: string, state: ServiceStatus['state'], detail = 'HTTP 200') =>
    ({ id, name: id === 'site' ? 'Trang công khai' : 'CMS', state, since: null, detail }) as unknown as ServiceStatus;
  const report = (key: string, status: SchoolReport['status']): SchoolReport => ({
    key,
    name: `Trường ${key}`,
    hosts: [`${key}.edu.vn`],
    monitorUrl: 'http://127.0.0.1:5002',
    status,
  });
  const at = '2026-12-01T01:00:00.000Z';

  it('ranks a school by its worst service, and a monitor that does not answer as down', () => {
    expect(schoolState(report('a', { generatedAt: at, services: [service('site', 'up'), service('cms', 'up')] }))).toBe('up');
    expect(schoolState(report('b', { generatedAt: at, services: [service('site', 'maintenance'), service('cms', 'unknown')] }))).toBe('unknown');
    expect(schoolState(report('c', { generatedAt: at, services: [service('site', 'up'), service('cms', 'down', 'HTTP 502')] }))).toBe('down');
    expect(schoolState(report('d', { error: 'Không liên lạc được với giám sát của trường.' }))).toBe('down');
  });

  it('lists every school with what is wrong, in Vietnamese, escaping what the monitors report', () => {
    const reports = [
      report('a', { generatedAt: at, services: [service('site', 'up')] }),
      report('b', { generatedAt: at, services: [service('cms', 'down', '<b>HTTP 502</b>')] }),
      report('c', { error: 'Không liên lạc được với giám sát của trường.' }),
    ];
    const html = renderDistrictView(reports, new Date(at));
    expect(html).toContain('3 trường; <strong>2 trường có dịch vụ ngừng hoạt động</strong>');
    expect(html).toContain('&lt;b&gt;HTTP 502&lt;/b&gt;');
    expect(html).not.toContain('<b>HTTP 502</b>');
    expect(html).toContain('Không liên lạc được với giám sát của trường.');
    const summary = districtSummary(reports, new Date(at));
    expect(summary.schools.map((school) => school.state)).toEqual(['up', 'down', 'down']);
    expect(summary.schools[2]).toMatchObject({ error: 'Không liên lạc được với giám sát của trường.', services: [] });
  });

  it('takes its port from DISTRICT_STATUS_PORT, by default base + 9, and refuses a wrong one', () => {
    expect(overviewPort('')).toBe(Number(process.env.DISTRICT_PORT_BASE ?? 5000) + 9);
    expect(overviewPort('7000')).toBe(7000);
    expect(() => overviewPort('80')).toThrow(/DISTRICT_STATUS_PORT không hợp lệ/);
  });
});
