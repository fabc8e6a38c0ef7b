import { uidOf, uidsEditedBy } from '@portal/common/sections';
import type { Core } from '@strapi/strapi';

/** Strapi's own role; the IT lead holds it. */
export const SUPER_ADMIN_CODE = 'strapi-super-admin';

export const ROLE_CODES = {
  leadership: 'ban-giam-hieu',
  staff: 'giao-vien-nhan-vien',
  it: 'to-cntt',
} as const;

type Verb = 'create' | 'read' | 'update' | 'delete' | 'publish';
interface Grant {
  subjects: string[];
  verbs: Verb[];
  /** Admin RBAC conditions, e.g. only items the user created. */
  conditions?: string[];
}
interface RoleDefinition {
  code: string;
  name: string;
  description: string;
  content: Grant[];
  other: { action: string; conditions?: string[] }[];
}

// Who writes which type comes from the registry (`editedBy`).
const DRAFTED = uidsEditedBy('staff');
const LEADERSHIP_OWNED = uidsEditedBy('leadership');
const NOTICES = uidsEditedBy('it');
const SUBMISSIONS = [uidOf('submission')];
const AUDIT = [uidOf('audit-entry')];
// Parents' questions carry their names and contacts: only the Ban giám hiệu, who answers, reads them.
// Questions arrive only from the site (never created in the admin); their public copies are written by
// the CMS alone (api/question/question-rules.ts), so nobody holds more than reading them.
const QUESTIONS = [uidOf('question')];
const FAQS = [uidOf('faq')];
const ALL_VERBS: Verb[] = ['create', 'read', 'update', 'delete', 'publish'];

export const CONDITIONS = {
  creator: 'admin::is-creator',
  incident: 'api::is-incident-report',
  aboutOwnItems: 'api::about-own-items',
};
const OWN = [CONDITIONS.creator];

// Changing a file is narrowed further on every media route (cms/src/media/guard.ts): files shown on
// the portal change only by the Ban giám hiệu.
const MEDIA = ({ readAll, updateAll }: { readAll: boolean; updateAll: boolean }) => [
  { action: 'plugin::upload.read', conditions: readAll ? [] : OWN },
  { action: 'plugin::upload.configure-view' },
  { action: 'plugin::upload.assets.create' },
  { action: 'plugin::upload.assets.update', conditions: updateAll ? [] : OWN },
  { action: 'plugin::upload.assets.download' },
  { action: 'plugin::upload.assets.copy-link' },
];

// DESIGN's roles table. The review workflow narrows these further on the server.
export const ROLE_DEFINITIONS: RoleDefinition[] = [
  {
    code: ROLE_CODES.leadership,
    name: 'Ban giám hiệu',
    description: 'Duyệt, đăng và gỡ nội dung; quản lý văn bản, công khai, hồ sơ nhà trường; trả lời câu hỏi, góp ý của cha mẹ.',
    content: [
      { subjects: [...DRAFTED, ...LEADERSHIP_OWNED], verbs: ALL_VERBS },
      { subjects: NOTICES, verbs: ['read'] },
      { subjects: SUBMISSIONS, verbs: ['read', 'update', 'delete'] },
      { subjects: QUESTIONS, verbs: ['read', 'update', 'delete'] },
      { subjects: FAQS, verbs: ['read'] },
      { subjects: AUDIT, verbs: ['read'] },
    ],
    other: MEDIA({ readAll: true, updateAll: true }),
  },
  {
    code: ROLE_CODES.staff,
    name: 'Giáo viên – Nhân viên',
    description: 'Viết bản nháp tin bài, hoạt động, thực đơn và gửi Ban giám hiệu duyệt; gửi thông tin, báo sai sót, báo sự cố.',
    content: [
      { subjects: DRAFTED, verbs: ['create', 'read', 'update'], conditions: OWN },
      { subjects: [...LEADERSHIP_OWNED, ...NOTICES], verbs: ['read'] },
      { subjects: SUBMISSIONS, verbs: ['create', 'read'], conditions: OWN },
      { subjects: AUDIT, verbs: ['read'], conditions: [CONDITIONS.aboutOwnItems] },
    ],
    other: MEDIA({ readAll: false, updateAll: false }),
  },
  {
    code: ROLE_CODES.it,
    name: 'Tổ CNTT',
    description: 'Quản lý tài khoản, thông báo bảo trì – sự cố, giám sát và sao lưu.',
    content: [
      { subjects: NOTICES, verbs: ALL_VERBS },
      { subjects: [...DRAFTED, ...LEADERSHIP_OWNED], verbs: ['read'] },
      { subjects: AUDIT, verbs: ['read'] },
      { subjects: SUBMISSIONS, verbs: ['read', 'update'], conditions: [CONDITIONS.incident] },
    ],
    other: [
      ...MEDIA({ readAll: true, updateAll: false }),
      { action: 'admin::users.create' },
      { action: 'admin::users.read' },
      { action: 'admin::users.update' },
      { action: 'admin::roles.read' },
    ],
  },
];

interface Permission {
  action: string;
  subject?: string | null;
  properties?: Record<string, unknown>;
  conditions?: string[];
}

function permissionsFor(strapi: Core.Strapi, role: RoleDefinition): Permission[] {
  const contentTypeService = strapi.service('admin::content-type') as unknown as {
    getPermissionsWithNestedFields(actions: unknown[], options: Record<string, unknown>): Permission[];
  };
  const actionProvider = (strapi.service('admin::permission') as unknown as { actionProvider: { values(): { actionId: string; section: string }[] } })
    .actionProvider;
  const contentActions = actionProvider.values().filter((a) => a.section === 'contentTypes');
  const withFields = contentTypeService.getPermissionsWithNestedFields(contentActions, {});

  const wanted: Permission[] = [];
  for (const grant of role.content) {
    for (const verb of grant.verbs) {
      const action = `plugin::content-manager.explorer.${verb}`;
      for (const subject of grant.subjects) {
        const base = withFields.find((p) => p.action === action && p.subject === subject);
        if (!base) continue; // e.g. publish on a type without draft & publish
        wanted.push({ ...base, conditions: grant.conditions ?? [] });
      }
    }
  }
  for (const extra of role.other) {
    wanted.push({ action: extra.action, subject: null, properties: {}, conditions: extra.conditions ?? [] });
  }
  return wanted;
}

/** Conditions of our own, registered before the roles that use them. */
export async function registerConditions(strapi: Core.Strapi): Promise<void> {
  const provider = (
    strapi.service('admin::permission') as unknown as {
      conditionProvider: { registerMany(conditions: unknown[]): Promise<unknown> };
    }
  ).conditionProvider;
  await provider.registerMany([
    {
      displayName: 'Chỉ báo sự cố',
      name: 'is-incident-report',
      category: 'Cổng thông tin',
      handler: () => ({ kind: { $eq: 'Báo sự cố' } }),
    },
    {
      displayName: 'Nhật ký về nội dung của mình',
      name: 'about-own-items',
      category: 'Cổng thông tin',
      handler: (user: { id: number }) => ({ targetAuthorId: { $eq: user.id } }),
    },
  ]);
}

/** Creates the school's roles by code and sets exactly their permissions, at every start. */
export async function ensureRoles(strapi: Core.Strapi): Promise<void> {
  const roles = strapi.service('admin::role') as unknown as {
    create(attributes: Record<string, unknown>): Promise<{ id: number }>;
    assignPermissions(id: number, permissions: Permission[]): Promise<unknown>;
  };
  for (const definition of ROLE_DEFINITIONS) {
    const query = strapi.db.query('admin::role');
    let role = (await query.findOne({ where: { code: definition.code } })) as { id: number; name: string; description: string } | null;
    if (!role) {
      role = {
        ...(await roles.create({ name: definition.name, code: definition.code, description: definition.description })),
        name: definition.name,
        description: definition.description,
      };
    } else if (role.name !== definition.name || role.description !== definition.description) {
      await query.update({ where: { id: role.id }, data: { name: definition.name, description: definition.description } });
    }
    await roles.assignPermissions(role.id, permissionsFor(strapi, definition));
  }
  // Strapi's own role keeps its name (it is Strapi's code for it) but is described in the school's words.
  // Written only when it differs, so a restart leaves the table (and backups' hashes of it) unchanged.
  const superAdminDescription = 'Toàn quyền với mọi chức năng và cài đặt của trang quản trị (người phụ trách kỹ thuật).';
  const superAdmin = (await strapi.db.query('admin::role').findOne({ where: { code: SUPER_ADMIN_CODE } })) as { id: number; description: string | null } | null;
  if (superAdmin && superAdmin.description !== superAdminDescription) {
    await strapi.db.query('admin::role').update({ where: { id: superAdmin.id }, data: { description: superAdminDescription } });
  }
  // Strapi's generic starter roles would only confuse the school's staff.
  const starters = (await strapi.db.query('admin::role').findMany({ where: { code: { $in: ['strapi-editor', 'strapi-author'] } }, populate: ['users'] })) as {
    id: number;
    users: unknown[];
  }[];
  for (const starter of starters) {
    if (starter.users.length === 0) {
      await strapi.db.query('admin::permission').deleteMany({ where: { role: { id: starter.id } } });
      await strapi.db.query('admin::role').delete({ where: { id: starter.id } });
    }
  }
}
