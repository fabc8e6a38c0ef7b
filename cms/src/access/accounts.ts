import { randomBytes } from 'node:crypto';
import type { Core } from '@strapi/strapi';
import { sendLater } from '../notify/notifier';
import { type Actor, currentActor } from '../workflow/actor';
import { writeAudit } from '../workflow/audit';
import { forbid } from '../workflow/rules';
import { ROLE_CODES } from './roles';

/** Roles the Tổ CNTT may give (Quy chế Art. 15: the IT team manages accounts, not the leadership's powers). */
export const ROLES_IT_MAY_GRANT: readonly string[] = [ROLE_CODES.staff, ROLE_CODES.it];

const MESSAGES = {
  grant: 'Tổ CNTT chỉ được cấp vai trò Giáo viên – Nhân viên hoặc Tổ CNTT. Chỉ Super Admin được cấp vai trò Ban giám hiệu hoặc Super Admin.',
  ownRoles: 'Không ai được tự đổi vai trò của chính mình. Hãy nhờ Super Admin.',
  protectedTarget: 'Tổ CNTT không được sửa tài khoản của Ban giám hiệu hoặc Super Admin.',
  credentials: 'Tổ CNTT không đặt mật khẩu hay đổi e-mail của tài khoản khác. Hãy gửi liên kết đặt lại mật khẩu cho người đó.',
  delete: 'Chỉ Super Admin được xóa tài khoản. Tổ CNTT có thể khóa tài khoản thay vì xóa.',
  roles: 'Chỉ Super Admin được tạo, sửa, xóa vai trò hoặc đổi quyền của vai trò.',
  resetLink: 'Chỉ Tổ CNTT hoặc Super Admin được gửi liên kết đặt lại mật khẩu.',
};

const FIELD_LABELS: Record<string, string> = {
  firstname: 'tên',
  lastname: 'họ',
  username: 'tên đăng nhập',
  email: 'e-mail',
  password: 'mật khẩu',
  isActive: 'kích hoạt',
  blocked: 'khóa',
  roles: 'vai trò',
  preferedLanguage: 'ngôn ngữ',
};

interface UserRow {
  id: number;
  email: string;
  firstname?: string | null;
  lastname?: string | null;
  username?: string | null;
  isActive: boolean;
  blocked: boolean;
  preferedLanguage?: string | null;
  roles: { id: number; code: string; name: string }[];
}
type Attributes = Record<string, unknown>;

function roleIdsOf(value: unknown): number[] {
  if (!Array.isArray(value)) return [];
  return value.map((role) => Number(typeof role === 'object' && role !== null ? (role as { id?: unknown }).id : role)).filter(Number.isFinite);
}

async function rolesByIds(strapi: Core.Strapi, ids: number[]): Promise<{ id: number; code: string; name: string }[]> {
  if (ids.length === 0) return [];
  return (await strapi.db.query('admin::role').findMany({ where: { id: { $in: ids } }, select: ['id', 'code', 'name'] })) as {
    id: number;
    code: string;
    name: string;
  }[];
}

async function loadUser(strapi: Core.Strapi, id: unknown): Promise<UserRow | null> {
  return (await strapi.db.query('admin::user').findOne({ where: { id: Number(id) }, populate: ['roles'] })) as UserRow | null;
}

const onlyGrantable = (roles: { code: string }[]) => roles.every((role) => ROLES_IT_MAY_GRANT.includes(role.code));
const roleNames = (roles: { name: string }[]) =>
  roles
    .map((role) => role.name)
    .sort()
    .join(', ') || '(không có)';
const sameSet = (a: number[], b: number[]) => a.length === b.length && [...a].sort().join() === [...b].sort().join();

/** Fields that really change: the admin's form sends every field back, changed or not. */
function changedFields(before: UserRow, attributes: Attributes): string[] {
  const changed: string[] = [];
  for (const [field, value] of Object.entries(attributes)) {
    if (!(field in FIELD_LABELS)) continue;
    if (field === 'password') changed.push(field);
    else if (field === 'roles') {
      if (
        !sameSet(
          roleIdsOf(value),
          before.roles.map((role) => role.id),
        )
      )
        changed.push(field);
    } else if (field === 'email') {
      if (String(value ?? '').toLowerCase() !== before.email.toLowerCase()) changed.push(field);
    } else if ((value ?? null) !== ((before as unknown as Attributes)[field] ?? null)) changed.push(field);
  }
  return changed;
}

function describeChange(before: UserRow, after: UserRow | null, changed: string[]): { action: string; note: string | null } {
  const parts: string[] = [];
  if (changed.includes('roles') && after) parts.push(`Vai trò: ${roleNames(before.roles)} → ${roleNames(after.roles)}`);
  const others = changed.filter((field) => field !== 'roles');
  if (others.length > 0) parts.push(`Đã đổi: ${others.map((field) => FIELD_LABELS[field]).join(', ')}`);
  let action = 'Sửa tài khoản';
  if (after && changed.includes('blocked')) action = after.blocked ? 'Khóa tài khoản' : 'Mở khóa tài khoản';
  else if (after && changed.includes('isActive')) action = after.isActive ? 'Kích hoạt tài khoản' : 'Ngừng kích hoạt tài khoản';
  return { action, note: parts.join('; ') || null };
}

/**
 * Account rules on the admin user and role services, so they hold on every route that writes users or
 * roles (create, update, batch delete, profile, registration, roles and their permissions). Calls with no
 * signed-in person behind them (start-up, the invitation and password-reset flows) are Strapi's own.
 */
export function registerAccountRules(strapi: Core.Strapi): void {
  const users = strapi.service('admin::user') as unknown as {
    create(attributes: Attributes): Promise<UserRow>;
    updateById(id: unknown, attributes: Attributes): Promise<UserRow | null>;
    deleteById(id: unknown): Promise<UserRow | null>;
    deleteByIds(ids: unknown[]): Promise<UserRow[]>;
  };
  const create = users.create.bind(users);
  const updateById = users.updateById.bind(users);
  const deleteById = users.deleteById.bind(users);
  const deleteByIds = users.deleteByIds.bind(users);
  const audit = (actor: Actor, user: { id: number; email: string }, action: string, note: string | null) =>
    writeAudit(strapi, { actor, contentType: 'admin::user', documentId: String(user.id), title: user.email, action, note });

  users.create = async (attributes) => {
    const actor = currentActor(strapi);
    if (!actor) return create(attributes);
    const roles = await rolesByIds(strapi, roleIdsOf(attributes.roles));
    if (!actor.isSuperAdmin) {
      if (!onlyGrantable(roles)) throw forbid(MESSAGES.grant);
      if ('password' in attributes) throw forbid(MESSAGES.credentials);
    }
    const created = await create(attributes);
    await audit(actor, created, 'Tạo tài khoản', `Vai trò: ${roleNames(roles)}`);
    return created;
  };

  users.updateById = async (id, attributes) => {
    const actor = currentActor(strapi);
    if (!actor) return updateById(id, attributes);
    const before = await loadUser(strapi, id);
    if (!before) return updateById(id, attributes);
    const changed = changedFields(before, attributes);
    const self = actor.id === before.id;
    if (!actor.isSuperAdmin) {
      if (changed.includes('roles')) {
        if (self) throw forbid(MESSAGES.ownRoles);
        if (!onlyGrantable(await rolesByIds(strapi, roleIdsOf(attributes.roles)))) throw forbid(MESSAGES.grant);
      }
      if (!self) {
        if (!onlyGrantable(before.roles)) throw forbid(MESSAGES.protectedTarget);
        if (changed.includes('password') || changed.includes('email')) throw forbid(MESSAGES.credentials);
      }
    }
    const updated = await updateById(id, attributes);
    if (changed.length > 0) {
      const { action, note } = describeChange(before, updated, changed);
      await audit(actor, before, self ? `${action} (của chính mình)` : action, note);
    }
    return updated;
  };

  users.deleteById = async (id) => {
    const actor = currentActor(strapi);
    if (actor && !actor.isSuperAdmin) throw forbid(MESSAGES.delete);
    const deleted = await deleteById(id);
    if (actor && deleted) await audit(actor, deleted, 'Xóa tài khoản', `Vai trò: ${roleNames(deleted.roles ?? [])}`);
    return deleted;
  };

  users.deleteByIds = async (ids) => {
    const actor = currentActor(strapi);
    if (actor && !actor.isSuperAdmin) throw forbid(MESSAGES.delete);
    const deleted = await deleteByIds(ids);
    if (actor) for (const user of deleted) await audit(actor, user, 'Xóa tài khoản', `Vai trò: ${roleNames(user.roles ?? [])}`);
    return deleted;
  };

  const roles = strapi.service('admin::role') as unknown as Record<string, (...args: unknown[]) => Promise<unknown>>;
  for (const method of ['create', 'update', 'deleteByIds', 'assignPermissions', 'addPermissions', 'resetSuperAdminPermissions']) {
    const original = roles[method]!.bind(roles);
    roles[method] = async (...args: unknown[]) => {
      const actor = currentActor(strapi);
      if (actor && !actor.isSuperAdmin) throw forbid(MESSAGES.roles);
      return original(...args);
    };
  }
}

const RESET_LINK_HOURS = 24;

function adminBaseUrl(strapi: Core.Strapi): string {
  const configured = strapi.config.get('admin.absoluteUrl') as string | undefined;
  const server = (process.env.CMS_PUBLIC_URL || `http://${process.env.CMS_HOST ?? '127.0.0.1'}:${process.env.CMS_PORT ?? '1337'}`).replace(/\/$/, '');
  return configured && /^https?:\/\//.test(configured) ? configured.replace(/\/$/, '') : `${server}/admin`;
}

/**
 * The Tổ CNTT helps a colleague who forgot a password by sending a reset link to that person's own
 * address; nobody learns or sets another person's password.
 */
export async function sendPasswordResetLink(strapi: Core.Strapi, actor: Actor, userId: number): Promise<{ email: string }> {
  if (!actor.isIt && !actor.isSuperAdmin) throw forbid(MESSAGES.resetLink);
  const target = await loadUser(strapi, userId);
  if (!target?.isActive || target.blocked) throw forbid('Không tìm thấy tài khoản đang hoạt động này.');
  if (!actor.isSuperAdmin && !onlyGrantable(target.roles)) throw forbid(MESSAGES.protectedTarget);
  const code = randomBytes(20).toString('hex');
  await strapi.db.query('admin::user').update({
    where: { id: target.id },
    data: { resetPasswordToken: code, resetPasswordTokenExpiresAt: new Date(Date.now() + RESET_LINK_HOURS * 3_600_000) },
  });
  const link = `${adminBaseUrl(strapi)}/auth/reset-password?code=${code}`;
  sendLater(strapi, {
    to: [target.email],
    subject: 'Đặt lại mật khẩu trang quản trị cổng thông tin',
    text: `Kính gửi thầy/cô,\n\n${actor.name} (Tổ CNTT) đã gửi cho thầy/cô liên kết đặt lại mật khẩu trang quản trị cổng thông tin (dùng được một lần, trong ${RESET_LINK_HOURS} giờ):\n\n${link}\n\nNếu thầy/cô không yêu cầu, hãy bỏ qua thư này; mật khẩu hiện tại vẫn dùng được.\n\nCổng thông tin điện tử Trường Mầm non Hiệp Hòa`,
  });
  await writeAudit(strapi, {
    actor,
    contentType: 'admin::user',
    documentId: String(target.id),
    title: target.email,
    action: 'Gửi liên kết đặt lại mật khẩu',
    note: null,
  });
  return { email: target.email };
}

/** Admin API: POST /portal/accounts/:id/reset-link, for the Tổ CNTT's account page. */
export function registerAccountRoutes(strapi: Core.Strapi): void {
  strapi.server.routes({
    type: 'admin',
    prefix: '',
    routes: [
      {
        method: 'POST',
        path: '/portal/accounts/:id/reset-link',
        config: { policies: ['admin::isAuthenticatedAdmin'] },
        handler: async (ctx: { params: { id: string }; status: number; body: unknown }) => {
          const actor = currentActor(strapi);
          if (actor?.kind !== 'admin') throw forbid('Cần đăng nhập trang quản trị.');
          const sent = await sendPasswordResetLink(strapi, actor, Number(ctx.params.id));
          ctx.status = 202;
          ctx.body = { data: { sentTo: sent.email, message: `Đã gửi liên kết đặt lại mật khẩu tới ${sent.email}.` } };
        },
      },
    ],
  } as never);
}
