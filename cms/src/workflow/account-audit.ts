import type { Core } from '@strapi/strapi';
import { currentActor } from './actor';
import { writeAudit } from './audit';

const EVENTS: Record<string, [string, string]> = {
  'role.create': ['admin::role', 'Tạo vai trò'],
  'role.update': ['admin::role', 'Sửa vai trò'],
  'role.delete': ['admin::role', 'Xóa vai trò'],
};

/**
 * Role changes made by a person go to the audit log (account changes are logged, with what changed, by
 * cms/src/access/accounts.ts). Changes made by our own start-up
 * code (the roles defined in code) have no request behind them and are not logged at every boot.
 */
export function auditAccountChanges(strapi: Core.Strapi): void {
  for (const [event, [contentType, action]] of Object.entries(EVENTS)) {
    strapi.eventHub.on(event, async (payload: { role?: { id: number; name: string } }) => {
      const actor = currentActor(strapi);
      if (!actor || !payload.role) return;
      await writeAudit(strapi, { actor, contentType, documentId: String(payload.role.id), title: payload.role.name, action, note: null });
    });
  }
  const roles = strapi.service('admin::role') as unknown as {
    assignPermissions(roleId: number, permissions: unknown[]): Promise<unknown[]>;
  };
  const assign = roles.assignPermissions.bind(roles);
  roles.assignPermissions = async (roleId, permissions) => {
    const result = await assign(roleId, permissions);
    const actor = currentActor(strapi);
    if (actor) {
      const role = (await strapi.db.query('admin::role').findOne({ where: { id: roleId }, select: ['name'] })) as { name: string } | null;
      await writeAudit(strapi, {
        actor,
        contentType: 'admin::role',
        documentId: String(roleId),
        title: role?.name,
        action: 'Đổi quyền của vai trò',
        note: `${permissions.length} quyền`,
      });
    }
    return result;
  };
}
