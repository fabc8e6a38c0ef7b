import type { Core } from '@strapi/strapi';
import { forbid } from '../workflow/rules';
import { SUPER_ADMIN_CODE } from './roles';
import { guardedKeys, registeredRoutes } from './route-guards';

interface Ctx {
  state: { user?: { roles?: { code: string }[] } };
  set(name: string, value: string): void;
  body: unknown;
}

/**
 * GET /portal/routes: every route Strapi registered (admin, plugins, content API, ours), with its key and
 * whether a guard of ours is attached. Super Admin only: the list is a map of the attack surface, and
 * the test suite compares it with the classification in tests/helpers/route-classes.ts, so a route
 * that appears after a Strapi upgrade is noticed before it is trusted.
 */
export function registerRouteInventory(strapi: Core.Strapi): void {
  strapi.server.routes({
    type: 'admin',
    prefix: '',
    routes: [
      {
        method: 'GET',
        path: '/portal/routes',
        config: { policies: ['admin::isAuthenticatedAdmin'] },
        handler: async (ctx: Ctx) => {
          const roles = (ctx.state.user?.roles ?? []).map((role) => role.code);
          if (!roles.includes(SUPER_ADMIN_CODE)) throw forbid('Chỉ Quản trị hệ thống (Super Admin) xem được danh sách đường dẫn của máy chủ.');
          ctx.set('Cache-Control', 'no-store');
          const guarded = new Set(guardedKeys());
          ctx.body = {
            // guarded: a guard is attached to this route's key; kindGuarded: one is attached to every route of its kind.
            data: registeredRoutes().map((route) => ({ ...route, guarded: guarded.has(route.key), kindGuarded: guarded.has(`${route.type}:*`) })),
            meta: { guardedKeys: [...guarded] },
          };
        },
      },
    ],
  } as never);
}
