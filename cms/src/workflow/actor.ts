import { displayName } from '@portal/common/person-name';
import type { Core } from '@strapi/strapi';
import { ROLE_CODES, SUPER_ADMIN_CODE } from '../access/roles';

export interface Actor {
  kind: 'admin' | 'token';
  id: number | null;
  name: string;
  email: string | null;
  roleCodes: string[];
  roleNames: string[];
  isLeadership: boolean;
  isStaff: boolean;
  isIt: boolean;
  isSuperAdmin: boolean;
}

interface RequestState {
  user?: { id: number; firstname?: string; lastname?: string; email?: string; roles?: { code: string; name: string }[] };
  auth?: { strategy?: { name?: string } };
  isAuthenticated?: boolean;
}

/**
 * Who is asking, from the HTTP request the document service call belongs to. Null means code of our
 * own (seeder, cron, the workflow itself) with no request behind it: trusted.
 */
export function currentActor(strapi: Core.Strapi): Actor | null {
  const ctx = strapi.requestContext.get() as { state?: RequestState } | undefined;
  const state = ctx?.state;
  if (!state?.auth?.strategy?.name) return null;
  if (state.auth.strategy.name !== 'admin' || !state.user) {
    return {
      kind: 'token',
      id: null,
      name: 'API token',
      email: null,
      roleCodes: [],
      roleNames: [],
      isLeadership: false,
      isStaff: false,
      isIt: false,
      isSuperAdmin: false,
    };
  }
  const user = state.user;
  const roleCodes = (user.roles ?? []).map((role) => role.code);
  return {
    kind: 'admin',
    id: user.id,
    name: displayName(user, `#${user.id}`),
    email: user.email ?? null,
    roleCodes,
    roleNames: (user.roles ?? []).map((role) => role.name),
    isLeadership: roleCodes.includes(ROLE_CODES.leadership) || roleCodes.includes(SUPER_ADMIN_CODE),
    isStaff: roleCodes.includes(ROLE_CODES.staff),
    isIt: roleCodes.includes(ROLE_CODES.it),
    isSuperAdmin: roleCodes.includes(SUPER_ADMIN_CODE),
  };
}
