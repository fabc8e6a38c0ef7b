/**
 * Strapi's admin writes a user's name as "firstname lastname" in every place it shows one (menu, home,
 * "created by" columns, filters, history), which puts a Vietnamese name in the Western order. The same
 * code shows the `username` instead whenever one is set, and nothing else uses that field (sign-in is by
 * e-mail), so the portal keeps `username` equal to the full name in Vietnamese order.
 */
import { vietnameseName } from '@portal/common/person-name';
import type { Core } from '@strapi/strapi';

const USER = 'admin::user';

interface NameRow {
  id: number;
  firstname?: string | null;
  lastname?: string | null;
  username?: string | null;
}
interface LifecycleEvent {
  params: { data?: Record<string, unknown>; where?: unknown };
}

const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);

export function registerDisplayNames(strapi: Core.Strapi): void {
  strapi.db.lifecycles.subscribe({
    models: [USER],
    beforeCreate(event: LifecycleEvent) {
      const data = event.params.data;
      if (!data) return;
      const name = vietnameseName({ firstname: text(data.firstname), lastname: text(data.lastname) });
      if (name) data.username = name;
    },
    async beforeUpdate(event: LifecycleEvent) {
      const data = event.params.data;
      // Only a write of the name itself renames: sign-ins and role changes update the row too.
      if (!data || !('firstname' in data || 'lastname' in data)) return;
      const before = (await strapi.db.query(USER).findOne({ where: event.params.where, select: ['firstname', 'lastname'] })) as NameRow | null;
      const name = vietnameseName({
        firstname: 'firstname' in data ? text(data.firstname) : (before?.firstname ?? null),
        lastname: 'lastname' in data ? text(data.lastname) : (before?.lastname ?? null),
      });
      if (name) data.username = name;
    },
  });
}

/** Accounts made before this rule (or by hand in the database) get their name in Vietnamese order too. */
export async function syncDisplayNames(strapi: Core.Strapi): Promise<void> {
  const rows = (await strapi.db.query(USER).findMany({ select: ['id', 'firstname', 'lastname', 'username'] })) as NameRow[];
  for (const row of rows) {
    const name = vietnameseName(row);
    if (name && row.username !== name) await strapi.db.query(USER).update({ where: { id: row.id }, data: { username: name } });
  }
}
