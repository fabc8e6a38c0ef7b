/**
 * A district's schools on one machine: what `npm run district -- add` accepts (checked before anything
 * is created), the ports each school gets, and the register var/district/schools.json.
 */
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { varDir } from '../paths.ts';

export interface Ports {
  cms: number;
  site: number;
  monitor: number;
}

export interface School {
  /** The school's short code: its folder, database and role names. */
  key: string;
  name: string;
  /** The public site's host names, the first one canonical. */
  hosts: string[];
  /** The CMS's own host name (admin panel and uploads), kept apart from the site's (docs/deployment.md). */
  cmsHost: string;
  ports: Ports;
  /** PostgreSQL database, also the name of the role that owns it and that the school's CMS signs in as. */
  database: string;
  content: 'demo' | 'empty';
  addedAt: string;
  /** Set while `add` builds the school (its ports and names are reserved); start, nginx and backup skip it. */
  pending?: boolean;
}

export interface Register {
  schools: School[];
}

/** Where the district keeps its register and one folder per school (DISTRICT_DIR, default var/district). */
export function districtDir(): string {
  return path.resolve(process.env.DISTRICT_DIR || path.join(varDir, 'district'));
}

export function schoolDir(key: string, dir = districtDir()): string {
  return path.join(dir, key);
}

/** Slot n gets base+10n (CMS), +1 (site), +2 (monitor); the rest of the ten stay free for later services. */
export const PORT_STEP = 10;
export const DEFAULT_PORT_BASE = 5000;

export function portBase(value = process.env.DISTRICT_PORT_BASE): number {
  const base = Number(value ?? DEFAULT_PORT_BASE);
  if (!Number.isInteger(base) || base < 1024 || base > 60000) {
    throw new Error(`DISTRICT_PORT_BASE không hợp lệ: ${value} (cần số nguyên 1024–60000).`);
  }
  return base;
}

/**
 * The ports of a new school: the lowest slot that no registered school uses. Depends only on the
 * register, so the same register always gives the same answer, and a removed school's slot is reused.
 */
export function allocatePorts(schools: School[], base: number): Ports {
  const taken = new Set(schools.flatMap((school) => [school.ports.cms, school.ports.site, school.ports.monitor]));
  for (let slot = 0; ; slot += 1) {
    const first = base + slot * PORT_STEP;
    const ports = { cms: first, site: first + 1, monitor: first + 2 };
    if (first + 2 > 65535) throw new Error('Hết cổng để cấp cho trường mới: hãy đặt DISTRICT_PORT_BASE nhỏ hơn.');
    if (![ports.cms, ports.site, ports.monitor].some((port) => taken.has(port))) return ports;
  }
}

const KEY = /^[a-z0-9](?:[a-z0-9-]{0,30}[a-z0-9])?$/;
const LABEL = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;

export function isHostName(host: string): boolean {
  return host.length <= 253 && host.includes('.') && host.split('.').every((label) => LABEL.test(label));
}

/** PostgreSQL database (and role) of a school: portal_<key>, with '-' as '_' (keys have no '_', so names stay distinct). */
export function databaseName(key: string): string {
  return `portal_${key.replaceAll('-', '_')}`;
}

export interface AddInput {
  key?: string;
  name?: string;
  host?: string;
  cmsHost?: string;
  demo?: boolean;
  empty?: boolean;
}

/** Checks `add`'s input against the rules and the register; every problem, in Vietnamese, or the new school. */
export function validateAdd(input: AddInput, register: Register, base: number, now = new Date()): { errors: string[]; school?: School } {
  const errors: string[] = [];
  const key = input.key ?? '';
  if (!key) errors.push('Thiếu mã trường (ví dụ: npm run district -- add mn-hiep-hoa --name "Trường Mầm non Hiệp Hòa" --host mnhiephoa.edu.vn).');
  else if (!KEY.test(key)) {
    errors.push(
      `Mã trường "${key}" không hợp lệ: chỉ dùng chữ thường không dấu, chữ số và dấu gạch ngang (a-z, 0-9, -), tối đa 32 ký tự, không bắt đầu hay kết thúc bằng "-".`,
    );
  } else if (register.schools.some((school) => school.key === key)) errors.push(`Mã trường "${key}" đã có trong quận/huyện.`);
  const name = (input.name ?? '').trim().normalize('NFC');
  if (!name) errors.push('Thiếu tên trường: --name "Tên trường".');
  else if (name.length > 200) errors.push('Tên trường dài quá 200 ký tự.');
  const hosts = (input.host ?? '')
    .split(',')
    .map((host) => host.trim().toLowerCase())
    .filter(Boolean);
  if (hosts.length === 0) errors.push('Thiếu tên miền: --host tenmien.edu.vn (thêm tên phụ sau dấu phẩy).');
  const cmsHost = (input.cmsHost ?? (hosts[0] ? `cms.${hosts[0]}` : '')).trim().toLowerCase();
  const all = [...hosts, ...(cmsHost ? [cmsHost] : [])];
  for (const host of all) if (!isHostName(host)) errors.push(`Tên miền "${host}" không hợp lệ (ví dụ đúng: mnhiephoa.edu.vn).`);
  const repeated = all.filter((host, index) => all.indexOf(host) !== index);
  if (repeated.length > 0) errors.push(`Tên miền bị lặp: ${[...new Set(repeated)].join(', ')}.`);
  for (const school of register.schools) {
    const clash = all.filter((host) => school.hosts.includes(host) || school.cmsHost === host);
    if (clash.length > 0) errors.push(`Tên miền ${clash.join(', ')} đã thuộc trường "${school.key}".`);
  }
  if (input.demo && input.empty) errors.push('Chỉ chọn một trong --demo và --empty.');
  if (errors.length > 0) return { errors };
  return {
    errors,
    school: {
      key,
      name,
      hosts,
      cmsHost,
      ports: allocatePorts(register.schools, base),
      database: databaseName(key),
      content: input.demo ? 'demo' : 'empty',
      addedAt: now.toISOString(),
    },
  };
}

export function registerFile(dir = districtDir()): string {
  return path.join(dir, 'schools.json');
}

export function readRegister(dir = districtDir()): Register {
  const file = registerFile(dir);
  if (!existsSync(file)) return { schools: [] };
  return JSON.parse(readFileSync(file, 'utf8')) as Register;
}

/** Replaces the register in one rename, so a crash never leaves half a file. */
export function writeRegister(register: Register, dir = districtDir()): void {
  mkdirSync(dir, { recursive: true });
  const file = registerFile(dir);
  writeFileSync(`${file}.tmp`, `${JSON.stringify(register, null, 2)}\n`, { mode: 0o644 });
  renameSync(`${file}.tmp`, file);
}
