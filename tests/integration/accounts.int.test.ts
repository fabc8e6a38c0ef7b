import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AdminSession } from '../helpers/admin.ts';
import { readMailbox, waitForMail } from '../helpers/mailbox.ts';
import { testStack } from '../helpers/test-stack.ts';

/**
 * What the Tổ CNTT may do with accounts (Quy chế Art. 15): create, block and unblock staff and IT
 * accounts and send a password-reset link; never grant the Ban giám hiệu or Super Admin role, never
 * change its own roles, never set another person's password or e-mail. Every route that writes users
 * or roles is tried, as an IT account would try it.
 */

interface Role {
  id: number;
  code: string;
  name: string;
}
interface User {
  id: number;
  email: string;
  isActive: boolean;
  blocked: boolean;
  roles: Role[];
  registrationToken?: string;
}
type Answer<T> = { data?: T; error?: { message: string } };

let it_: AdminSession;
let teacher: AdminSession;
let leader: AdminSession;
let admin: AdminSession;
let roles: Record<string, Role>;
let itId: number;
let leaderId: number;
const stamp = Date.now().toString(36);
const mail = (name: string) => `${name}-${stamp}@mnhiephoa.test`;

async function userByEmail(email: string): Promise<User | undefined> {
  const { body } = await admin.request<{ data: { results: User[] } }>('GET', `/admin/users?pageSize=100&filters[email][$eq]=${encodeURIComponent(email)}`);
  return body.data.results.find((user) => user.email === email);
}

async function fullUser(id: number): Promise<User> {
  return (await admin.request<{ data: User }>('GET', `/admin/users/${id}`)).body.data;
}

async function auditNotes(email: string): Promise<{ action: string; note: string | null; actorEmail: string | null }[]> {
  const { body } = await leader.request<{ results: { action: string; note: string | null; actorEmail: string | null }[] }>(
    'GET',
    `/content-manager/collection-types/api::audit-entry.audit-entry?page=1&pageSize=100&sort=id:ASC&filters[targetTitle][$eq]=${encodeURIComponent(email)}`,
  );
  return body.results;
}

async function signIn(email: string, password: string): Promise<number> {
  const response = await fetch(`${testStack().cmsUrl}/admin/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email, password }),
  });
  return response.status;
}

/** An account made by the Super Admin and activated through its invitation, as the admin panel does. */
async function activeAccount(name: string, roleCode: string, password: string): Promise<User> {
  const created = await admin.request<Answer<User>>('POST', '/admin/users', {
    email: mail(name),
    firstname: 'Thử',
    lastname: name,
    roles: [roles[roleCode]!.id],
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const registered = await fetch(`${testStack().cmsUrl}/admin/register`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ registrationToken: created.body.data!.registrationToken, userInfo: { firstname: 'Thử', lastname: name, password } }),
  });
  expect(registered.status).toBe(200);
  return created.body.data!;
}

beforeAll(async () => {
  it_ = await AdminSession.login('cntt@mnhiephoa.test');
  teacher = await AdminSession.login('giaovien@mnhiephoa.test');
  leader = await AdminSession.login('hieutruong@mnhiephoa.test');
  admin = await AdminSession.login('admin@mnhiephoa.test');
  const list = await admin.request<{ data: Role[] }>('GET', '/admin/roles');
  roles = Object.fromEntries(list.body.data.map((role) => [role.code, role]));
  itId = (await it_.request<{ data: { id: number } }>('GET', '/admin/users/me')).body.data.id;
  leaderId = (await leader.request<{ data: { id: number } }>('GET', '/admin/users/me')).body.data.id;
});

// Later suites count the active staff accounts (a notice is e-mailed to each): leave only the demo ones.
afterAll(async () => {
  const { body } = await admin.request<{ data: { results: User[] } }>('GET', '/admin/users?pageSize=100');
  const ours = body.data.results.filter((user) => user.email.endsWith(`-${stamp}@mnhiephoa.test`)).map((user) => user.id);
  if (ours.length > 0) expect((await admin.request('POST', '/admin/users/batch-delete', { ids: ours })).status).toBe(200);
});

describe('the Tổ CNTT creates accounts of the staff and IT roles only', () => {
  it('creates a staff account and an IT account, and the audit log names the roles given', async () => {
    for (const [name, code, label] of [
      ['gv-moi', 'giao-vien-nhan-vien', 'Giáo viên – Nhân viên'],
      ['cntt-moi', 'to-cntt', 'Tổ CNTT'],
    ] as const) {
      const { status, body } = await it_.request<Answer<User>>('POST', '/admin/users', {
        email: mail(name),
        firstname: 'Mới',
        lastname: name,
        roles: [roles[code]!.id],
      });
      expect(status, JSON.stringify(body)).toBe(201);
      expect((await fullUser(body.data!.id)).roles.map((role) => role.code)).toEqual([code]);
      const entries = await auditNotes(mail(name));
      expect(entries).toContainEqual(expect.objectContaining({ action: 'Tạo tài khoản', note: `Vai trò: ${label}`, actorEmail: 'cntt@mnhiephoa.test' }));
    }
  });

  it.each([
    ['the Super Admin role', ['strapi-super-admin']],
    ['the Ban giám hiệu role', ['ban-giam-hieu']],
    ['a staff role together with the Super Admin role', ['giao-vien-nhan-vien', 'strapi-super-admin']],
  ])('refuses to create an account with %s, in Vietnamese, creating nothing', async (_name, codes) => {
    const email = mail(`cap-quyen-${codes.join('-')}`);
    const { status, body } = await it_.request<Answer<User>>('POST', '/admin/users', {
      email,
      firstname: 'Không',
      lastname: 'Được',
      roles: codes.map((code) => roles[code]!.id),
    });
    expect(status).toBe(403);
    expect(body.error?.message).toContain('Chỉ Super Admin được cấp vai trò Ban giám hiệu hoặc Super Admin');
    expect(await userByEmail(email)).toBeUndefined();
  });

  it('lets only the Super Admin grant the Ban giám hiệu role', async () => {
    const { status, body } = await admin.request<Answer<User>>('POST', '/admin/users', {
      email: mail('bgh-moi'),
      firstname: 'Mới',
      lastname: 'BGH',
      roles: [roles['ban-giam-hieu']!.id],
    });
    expect(status).toBe(201);
    expect((await fullUser(body.data!.id)).roles.map((role) => role.code)).toEqual(['ban-giam-hieu']);
  });

  it('gives a teacher no way to create accounts at all', async () => {
    const email = mail('gv-tao');
    const { status } = await teacher.request('POST', '/admin/users', { email, firstname: 'A', lastname: 'B', roles: [roles['giao-vien-nhan-vien']!.id] });
    expect(status).toBe(403);
    expect(await userByEmail(email)).toBeUndefined();
  });
});

describe('the Tổ CNTT never raises its own or anyone’s powers', () => {
  it.each([
    ['Super Admin', 'strapi-super-admin'],
    ['Ban giám hiệu', 'ban-giam-hieu'],
  ])('cannot add %s to its own roles, through either account route', async (_name, code) => {
    const wanted = [roles['to-cntt']!.id, roles[code]!.id];
    const byId = await it_.request<Answer<User>>('PUT', `/admin/users/${itId}`, { roles: wanted });
    expect(byId.status).toBe(403);
    expect(byId.body.error?.message).toContain('Không ai được tự đổi vai trò của chính mình');
    const byProfile = await it_.request<Answer<User>>('PUT', '/admin/users/me', { roles: wanted });
    expect(byProfile.status).not.toBe(200);
    expect((await fullUser(itId)).roles.map((role) => role.code)).toEqual(['to-cntt']);
  });

  it('cannot promote a staff account to the Ban giám hiệu or Super Admin', async () => {
    const target = await activeAccount('gv-thang-chuc', 'giao-vien-nhan-vien', 'GiaoVien-2026-Moi');
    for (const code of ['ban-giam-hieu', 'strapi-super-admin']) {
      const { status, body } = await it_.request<Answer<User>>('PUT', `/admin/users/${target.id}`, { roles: [roles[code]!.id] });
      expect(status).toBe(403);
      expect(body.error?.message).toContain('Chỉ Super Admin');
    }
    expect((await fullUser(target.id)).roles.map((role) => role.code)).toEqual(['giao-vien-nhan-vien']);
  });

  it('cannot touch an account of the Ban giám hiệu, not even to block it', async () => {
    const { status, body } = await it_.request<Answer<User>>('PUT', `/admin/users/${leaderId}`, { isActive: false });
    expect(status).toBe(403);
    expect(body.error?.message).toContain('không được sửa tài khoản của Ban giám hiệu');
    expect((await fullUser(leaderId)).isActive).toBe(true);
  });

  it('cannot set another account’s password or e-mail, and the old password keeps working', async () => {
    const target = await activeAccount('gv-mat-khau', 'giao-vien-nhan-vien', 'GiaoVien-2026-Cu');
    const password = await it_.request<Answer<User>>('PUT', `/admin/users/${target.id}`, { password: 'CnttDat-2026-Moi' });
    expect(password.status).toBe(403);
    expect(password.body.error?.message).toContain('gửi liên kết đặt lại mật khẩu');
    expect(await signIn(target.email, 'CnttDat-2026-Moi')).toBe(400);
    expect(await signIn(target.email, 'GiaoVien-2026-Cu')).toBe(200);
    const email = await it_.request<Answer<User>>('PUT', `/admin/users/${target.id}`, { email: mail('doi-email') });
    expect(email.status).toBe(403);
    expect((await fullUser(target.id)).email).toBe(target.email);
  });

  it('cannot delete accounts, one at a time or in a batch', async () => {
    const target = await activeAccount('gv-xoa', 'giao-vien-nhan-vien', 'GiaoVien-2026-Xoa');
    expect((await it_.request('DELETE', `/admin/users/${target.id}`)).status).toBe(403);
    expect((await it_.request('POST', '/admin/users/batch-delete', { ids: [target.id] })).status).toBe(403);
    expect(await userByEmail(target.email)).toBeDefined();
  });

  it('cannot create, change or delete roles or their permissions', async () => {
    const staffRole = roles['giao-vien-nhan-vien']!;
    const attempts = [
      await it_.request('POST', '/admin/roles', { name: `Vai trò lạ ${stamp}`, description: 'x' }),
      await it_.request('PUT', `/admin/roles/${staffRole.id}`, { name: 'Đổi tên', description: 'x' }),
      await it_.request('PUT', `/admin/roles/${staffRole.id}/permissions`, { permissions: [] }),
      await it_.request('DELETE', `/admin/roles/${staffRole.id}`),
      await it_.request('POST', '/admin/roles/batch-delete', { ids: [staffRole.id] }),
    ];
    for (const attempt of attempts) expect(attempt.status).toBe(403);
    const after = await admin.request<{ data: unknown[] }>('GET', `/admin/roles/${staffRole.id}/permissions`);
    expect(after.body.data.length).toBeGreaterThan(0);
    expect((await admin.request<{ data: Role }>('GET', `/admin/roles/${staffRole.id}`)).body.data.name).toBe(staffRole.name);
  });
});

describe('blocking, unblocking and password help', () => {
  it('blocks and unblocks a staff account, and the audit log says which', async () => {
    const target = await activeAccount('gv-khoa', 'giao-vien-nhan-vien', 'GiaoVien-2026-Khoa');
    const blocked = await it_.request<Answer<User>>('PUT', `/admin/users/${target.id}`, { isActive: false });
    expect(blocked.status, JSON.stringify(blocked.body)).toBe(200);
    expect(await signIn(target.email, 'GiaoVien-2026-Khoa')).not.toBe(200);
    expect((await it_.request('PUT', `/admin/users/${target.id}`, { isActive: true })).status).toBe(200);
    expect(await signIn(target.email, 'GiaoVien-2026-Khoa')).toBe(200);
    const actions = (await auditNotes(target.email)).map((entry) => entry.action);
    expect(actions).toEqual(expect.arrayContaining(['Ngừng kích hoạt tài khoản', 'Kích hoạt tài khoản']));
  });

  it('records a role change by the Super Admin as roles before → after', async () => {
    const target = await activeAccount('gv-doi-vai-tro', 'giao-vien-nhan-vien', 'GiaoVien-2026-Vaitro');
    const { status } = await admin.request('PUT', `/admin/users/${target.id}`, { roles: [roles['to-cntt']!.id] });
    expect(status).toBe(200);
    const entry = (await auditNotes(target.email)).find((item) => item.action === 'Sửa tài khoản');
    expect(entry?.note).toBe('Vai trò: Giáo viên – Nhân viên → Tổ CNTT');
  });

  it('sends a reset link to the person’s own address, which sets a new password there', async () => {
    const target = await activeAccount('gv-quen-mk', 'giao-vien-nhan-vien', 'GiaoVien-2026-Quen');
    const { status, body } = await it_.request<{ data: { sentTo: string } }>('POST', `/portal/accounts/${target.id}/reset-link`);
    expect(status).toBe(202);
    expect(body.data.sentTo).toBe(target.email);
    const message = await waitForMail(testStack().mailDir, (m) => m.to.includes(target.email) && m.subject.includes('Đặt lại mật khẩu'));
    const code = /reset-password\?code=([0-9a-f]+)/.exec(message.text)?.[1];
    expect(code).toBeDefined();
    const reset = await fetch(`${testStack().cmsUrl}/admin/reset-password`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ resetPasswordToken: code, password: 'ChinhToi-2026-Dat' }),
    });
    expect(reset.status).toBe(200);
    expect(await signIn(target.email, 'ChinhToi-2026-Dat')).toBe(200);
    expect((await auditNotes(target.email)).map((entry) => entry.action)).toContain('Gửi liên kết đặt lại mật khẩu');
  });

  it('sends no reset link for the Ban giám hiệu, and teachers cannot send one', async () => {
    const before = (await readMailbox(testStack().mailDir)).filter(
      (m) => m.to.includes('hieutruong@mnhiephoa.test') && m.subject.includes('Đặt lại mật khẩu'),
    ).length;
    expect((await it_.request('POST', `/portal/accounts/${leaderId}/reset-link`)).status).toBe(403);
    expect((await teacher.request('POST', `/portal/accounts/${itId}/reset-link`)).status).toBe(403);
    const after = (await readMailbox(testStack().mailDir)).filter(
      (m) => m.to.includes('hieutruong@mnhiephoa.test') && m.subject.includes('Đặt lại mật khẩu'),
    ).length;
    expect(after).toBe(before);
  });
});
