import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, readFileSync, writeFileSync } from 'node:fs';

export interface DemoAccount {
  email: string;
  /** Tên ("Thu Hà"); the admin shows lastname + firstname, the Vietnamese order (person-name.ts). */
  firstname: string;
  /** Họ and tên đệm ("Nguyễn Thị"). */
  lastname: string;
  /** Admin role code; `strapi-super-admin` is Strapi's own. */
  role: string;
  roleName: string;
  password: string;
}

const ACCOUNTS: Omit<DemoAccount, 'password'>[] = [
  { email: 'admin@mnhiephoa.test', firstname: 'Hệ thống', lastname: 'Quản trị', role: 'strapi-super-admin', roleName: 'Super Admin' },
  { email: 'hieutruong@mnhiephoa.test', firstname: 'Thanh Vân', lastname: 'Phạm Thị', role: 'ban-giam-hieu', roleName: 'Ban giám hiệu' },
  { email: 'giaovien@mnhiephoa.test', firstname: 'Thu Hà', lastname: 'Nguyễn Thị', role: 'giao-vien-nhan-vien', roleName: 'Giáo viên – Nhân viên' },
  { email: 'cntt@mnhiephoa.test', firstname: 'Minh Đức', lastname: 'Trần', role: 'to-cntt', roleName: 'Tổ CNTT' },
];

/** Meets Strapi's admin password rule: 8+ characters with upper case, lower case and a digit. */
export function isStrongEnough(password: string): boolean {
  return password.length >= 8 && /[a-z]/.test(password) && /[A-Z]/.test(password) && /\d/.test(password);
}

function randomPassword(): string {
  return `Mn${randomBytes(12).toString('base64url')}9`;
}

/**
 * The demo passwords are decided once, at the first start, and kept in a mode-600 file that git
 * ignores; the seeder reads them from there. DEMO_PASSWORD (tests) sets the same one for all four.
 * `domain` replaces the demo school's e-mail domain (a district's school gets addresses at its own host).
 */
export function ensureDemoAccounts(file: string, fixedPassword = process.env.DEMO_PASSWORD, domain?: string): DemoAccount[] {
  if (existsSync(file)) return readDemoAccounts(file);
  if (fixedPassword !== undefined && fixedPassword !== '' && !isStrongEnough(fixedPassword)) {
    throw new Error('DEMO_PASSWORD phải có ít nhất 8 ký tự, gồm chữ hoa, chữ thường và chữ số.');
  }
  const accounts = ACCOUNTS.map((account) => ({
    ...account,
    email: domain ? account.email.replace(/@.*$/, `@${domain}`) : account.email,
    password: fixedPassword || randomPassword(),
  }));
  writeFileSync(file, `${JSON.stringify(accounts, null, 2)}\n`, { mode: 0o600 });
  chmodSync(file, 0o600);
  return accounts;
}

export function readDemoAccounts(file: string): DemoAccount[] {
  return JSON.parse(readFileSync(file, 'utf8')) as DemoAccount[];
}
