import type { Core } from '@strapi/strapi';

/**
 * Guards bound to routes, not to URL text. Every route Strapi serves (admin, plugins, content API,
 * our own) is registered through `strapi.server.routes()`; wrapping that one function lets us attach
 * a route middleware to the route object itself, so it runs after authentication and Strapi's own
 * permission checks whatever spelling, case or encoding the request used.
 *
 * A route is named by its origin and handler, e.g. `upload.admin-folder-file.deleteMany`,
 * `admin.user.create`, `content-manager.collection-types.clone`, `api::article.article.find`.
 * Routes whose handler is a function (our own admin routes) are named `<METHOD> <full path>`.
 */

export interface KoaContext {
  method: string;
  path: string;
  params: Record<string, string>;
  query: Record<string, unknown>;
  request: { body?: unknown; files?: unknown };
  state: Record<string, unknown> & { route?: unknown };
  status: number;
  body: unknown;
  set(name: string, value: string): void;
}
export type RouteGuard = (ctx: KoaContext, next: () => Promise<unknown>) => Promise<unknown>;

export interface RouteRecord {
  /** admin | content-api */
  type: string;
  method: string;
  /** Path as served, with the router's prefix (content-API paths without the global /api prefix). */
  path: string;
  key: string;
}

interface RouteInput {
  method: string;
  path: string;
  handler: unknown;
  info?: { pluginName?: string; apiName?: string; type?: string };
  config?: { middlewares?: unknown[] } & Record<string, unknown>;
}
interface RouterInput {
  type?: string;
  prefix?: string;
  routes?: RouteInput[];
}

const guards = new Map<string, RouteGuard[]>();
const registered: RouteRecord[] = [];

function originOf(route: RouteInput): string | null {
  if (route.info?.apiName) return `api::${route.info.apiName}`;
  return route.info?.pluginName ?? null;
}

export function routeKey(route: RouteInput, prefix = ''): string {
  const origin = originOf(route);
  if (origin && typeof route.handler === 'string') {
    // Content-API handlers are often already fully qualified ("api::article.article.find").
    return route.handler.includes('::') ? route.handler : `${origin}.${route.handler}`;
  }
  return `${route.method.toUpperCase()} ${prefix}${route.path}`;
}

/**
 * Attaches a guard to one or more routes by key, or to every route of a kind with `content-api:*` or
 * `admin:*`. Guards of a kind run first, then the route's own, each in the order they were attached.
 */
export function guardRoute(keys: string | string[], guard: RouteGuard): void {
  for (const key of Array.isArray(keys) ? keys : [keys]) guards.set(key, [...(guards.get(key) ?? []), guard]);
}

/** Keys that have a guard attached, for the route inventory. */
export function guardedKeys(): string[] {
  return [...guards.keys()].sort();
}

/** Every route Strapi registered, as it was registered. */
export function registeredRoutes(): RouteRecord[] {
  return [...registered];
}

function runGuards(key: string, type: string): RouteGuard {
  return async (ctx, next) => {
    const chain = [...(guards.get(`${type}:*`) ?? []), ...(guards.get(key) ?? [])];
    const step = (index: number): Promise<unknown> => (index < chain.length ? chain[index]!(ctx, () => step(index + 1)) : next());
    return step(0);
  };
}

/** Must run in register(), before Strapi builds its routers (that happens between register and bootstrap). */
export function installRouteGuards(strapi: Core.Strapi): void {
  const server = strapi.server as unknown as { routes(input: RouterInput | RouteInput[]): unknown };
  const original = server.routes.bind(server);
  server.routes = (input) => {
    const routers = Array.isArray(input) ? [{ routes: input }] : [input];
    for (const router of routers) {
      for (const route of router.routes ?? []) {
        const key = routeKey(route, router.prefix ?? '');
        const type = router.type ?? route.info?.type ?? 'admin';
        registered.push({ type, method: route.method.toUpperCase(), path: `${router.prefix ?? ''}${route.path}`, key });
        route.config = { ...(route.config ?? {}), middlewares: [runGuards(key, type), ...(route.config?.middlewares ?? [])] };
      }
    }
    return original(input);
  };
}
