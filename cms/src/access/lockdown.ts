import type { Core } from '@strapi/strapi';

/**
 * Visitors never talk to the CMS API directly: the site reads with its own token. So the
 * users-permissions "public" and "authenticated" roles hold no permission at all, and nobody can
 * register an account through the API.
 */
export async function lockDownContentApi(strapi: Core.Strapi): Promise<void> {
  const store = strapi.store({ type: 'plugin', name: 'users-permissions' });
  const advanced = ((await store.get({ key: 'advanced' })) ?? {}) as Record<string, unknown>;
  if (advanced.allow_register !== false) {
    await store.set({ key: 'advanced', value: { ...advanced, allow_register: false } });
  }
  const roles = (await strapi.db.query('plugin::users-permissions.role').findMany({ where: { type: { $in: ['public', 'authenticated'] } } })) as {
    id: number;
  }[];
  if (roles.length > 0) {
    await strapi.db.query('plugin::users-permissions.permission').deleteMany({
      where: { role: { id: { $in: roles.map((r) => r.id) } } },
    });
  }
}
