import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CALLERS, type Caller, classOf, ROUTE_CLASSES, type RouteClass } from '../helpers/route-classes.ts';
import {
  type Answer,
  aboutSecrets,
  Client,
  createSecrets,
  documentCounts,
  leaksIn,
  removeSecondTeacher,
  type Secret,
  type Secrets,
} from '../helpers/secrets.ts';

/**
 * Every route the CMS serves, checked against tests/helpers/route-classes.ts: nothing unclassified
 * (a Strapi upgrade that adds a route fails here, naming it), no route that reads a secret draft or
 * submission, or names its author, for a caller who may not read it, and each class answering each
 * caller as the table says.
 */

interface Route {
  type: string;
  method: string;
  path: string;
  key: string;
  guarded: boolean;
  kindGuarded: boolean;
}

const clients = {} as Record<Caller, Client>;
let routes: Route[];
let secrets: Secrets;

const describeRoute = (route: Route) => `${route.type} ${route.method} ${route.path} => ${route.key}`;
const served = (route: Route, path = route.path) => (route.type === 'content-api' ? `/api${path}` : path);

beforeAll(async () => {
  for (const caller of CALLERS) clients[caller] = await Client.as(caller);
  routes = (await clients.superAdmin.json<{ data: Route[] }>('GET', '/portal/routes')).data;
  secrets = await createSecrets();
}, 120_000);

describe('the route inventory', () => {
  it('is given to the Super Admin only', async () => {
    expect(routes.length).toBeGreaterThan(200);
    expect(routes.some((route) => route.key === 'content-manager.collection-types.clone' && route.guarded)).toBe(true);
    for (const caller of ['leadership', 'staff', 'it'] as const) {
      const answer = await clients[caller].send('GET', '/portal/routes');
      expect(answer.status, caller).toBe(403);
      expect(answer.text).toContain('Chỉ Quản trị hệ thống');
    }
    for (const caller of ['siteToken', 'anonymous'] as const) expect((await clients[caller].send('GET', '/portal/routes')).status, caller).toBe(401);
  });

  it('classifies every route Strapi registered', () => {
    const unclassified = routes.filter((route) => !classOf(route)).map(describeRoute);
    expect(unclassified, 'routes to classify in tests/helpers/route-classes.ts').toEqual([]);
  });

  it('classifies only routes that are registered', () => {
    const keys = new Set(routes.map((route) => route.key));
    expect(Object.keys(ROUTE_CLASSES).filter((key) => !keys.has(key))).toEqual([]);
  });

  it('has a guard on every route classified as guarded by the read or media guards, and classes every guarded route', () => {
    const missing = routes
      .filter((route) => ['guarded:reads', 'guarded:media', 'guarded:settings'].includes(classOf(route)!.cls) && !route.guarded)
      .map(describeRoute);
    expect(missing, 'classified as guarded, no guard attached').toEqual([]);
    const unexplained = routes
      .filter((route) => route.guarded && !classOf(route)!.cls.startsWith('guarded:') && classOf(route)!.cls !== 'site-token')
      .map(describeRoute);
    expect(unexplained, 'guarded, but classified as something else').toEqual([]);
  });
});

afterAll(async () => {
  if (secrets) await removeSecondTeacher(secrets);
});

// ---------------------------------------------------------------------------------------------------
// The leak sweep

/** Who tries to read the secrets, and which secrets each may not read. */
const PROBERS: { caller: Caller; cannotRead: (all: Secrets) => Secret[] }[] = [
  // The Ban giám hiệu reads both; it still must never get credentials.
  { caller: 'leadership', cannotRead: () => [] },
  { caller: 'staff', cannotRead: (all) => [all.article, all.submission] },
  // The Tổ CNTT reads every draft (roles.ts) but only incident reports among submissions.
  { caller: 'it', cannotRead: (all) => [all.submission] },
  { caller: 'siteToken', cannotRead: (all) => [all.article, all.submission] },
  { caller: 'anonymous', cannotRead: (all) => [all.article, all.submission] },
];

/** A relation field of the secret's own type, for the relation routes. */
const RELATION_FIELD: Record<string, string> = { 'api::article.article': 'category', 'api::submission.submission': 'article' };

function fillPath(path: string, secret: Secret, rowIds: boolean): string {
  return path
    .replace('((?!uploads/).+)', 'index.html')
    .replace('(.*)', 'local')
    .replace(/:([A-Za-z]+)/g, (_match, name: string) => {
      if (['model', 'uid', 'contentType'].includes(name)) return secret.uid;
      if (name === 'id') return rowIds ? String(secret.id) : secret.documentId;
      if (name === 'targetField') return RELATION_FIELD[secret.uid] ?? 'category';
      if (name === 'provider') return 'local';
      return secret.documentId;
    });
}

/** The requests that try to reach one secret through one route, in every spelling worth trying. */
function requestsFor(route: Route, secret: Secret): { method: string; path: string; body?: unknown }[] {
  const paths = new Set<string>();
  for (const rowIds of route.path.includes(':id') ? [false, true] : [false]) {
    const filled = fillPath(route.path, secret, rowIds);
    paths.add(served(route, filled));
    // Users & permissions serves some content-API routes without its prefix (/api/users, /api/auth/...).
    if (route.type === 'content-api' && filled.startsWith('/users-permissions/')) paths.add(served(route, filled.replace('/users-permissions', '')));
  }
  const query =
    route.type === 'admin'
      ? `?documentId=${secret.documentId}&contentType=${secret.uid}&model=${secret.uid}&documentIds[0]=${secret.documentId}&id=${secret.documentId}&status=draft&populate=*`
      : '?populate=*';
  const body =
    route.method === 'GET'
      ? undefined
      : {
          documentIds: [secret.documentId],
          contentTypeUID: secret.uid,
          field: 'slug',
          value: secret.slug ?? 'x',
          data: {},
          model: secret.uid,
          id: secret.id,
          permissions: [{ action: 'plugin::content-manager.explorer.read', subject: secret.uid }],
        };
  return [...paths].flatMap((path) => [
    { method: route.method, path, body },
    { method: route.method, path: `${path}${query}`, body },
  ]);
}

/** Password hashes and live reset or registration tokens of admin accounts, in any answer. */
function credentialsIn(text: string): string[] {
  const found: string[] = [];
  if (/\$2[aby]\$\d\d\$/.test(text)) found.push('a password hash');
  if (/"(resetPasswordToken|registrationToken|confirmationToken)":"[^"]+"/.test(text)) found.push('an account token');
  return found;
}

async function inBatches<T>(items: T[], size: number, work: (item: T) => Promise<void>): Promise<void> {
  for (let start = 0; start < items.length; start += size) await Promise.all(items.slice(start, start + size).map(work));
}

describe('the leak sweep', () => {
  it('never shows a secret draft or submission, or its author, to a caller who may not read it, and creates nothing', async () => {
    const before = await documentCounts();
    const leaks: string[] = [];
    const answered: Record<string, number> = {};
    let sent = 0;
    const readRoutes = routes.filter((route) => route.method === 'GET' || classOf(route)?.readLike);
    for (const prober of PROBERS) {
      const hidden = prober.cannotRead(secrets);
      // GET routes are tried on both secrets (for the credentials check too); read-like POSTs only on
      // secrets the caller may not read: for a reader, clone would really copy.
      const targets = (route: Route) => (route.method === 'GET' ? [secrets.article, secrets.submission] : hidden);
      const jobs = readRoutes.flatMap((route) => targets(route).flatMap((secret) => requestsFor(route, secret).map((request) => ({ route, request }))));
      await inBatches(jobs, 6, async ({ route, request }) => {
        const answer: Answer = await clients[prober.caller].send(request.method, request.path, request.body);
        sent += 1;
        if (answer.status < 300) answered[prober.caller] = (answered[prober.caller] ?? 0) + 1;
        const routeClass = classOf(route)!;
        // Account managers see names and e-mails of accounts: the marker still must not show.
        const checked = routeClass.accounts && routeClass.access[prober.caller] !== 'no' ? hidden.map((secret) => ({ ...secret, author: [] })) : hidden;
        // An id the request did not name must not come back either: that is how drafts were found.
        const named = `${request.path} ${JSON.stringify(request.body ?? '')}`;
        const found = [
          ...leaksIn(answer.text, checked),
          ...aboutSecrets(answer.json, hidden),
          ...hidden
            .filter((secret) => !named.includes(secret.documentId) && answer.text.includes(secret.documentId))
            .map((secret) => `the id of ${secret.marker}`),
          ...credentialsIn(answer.text),
        ];
        if (found.length > 0) leaks.push(`${prober.caller} ${request.method} ${request.path} (${route.key}) → ${answer.status}: ${found.join(', ')}`);
      });
    }
    expect(leaks).toEqual([]);
    // The sweep really reached the routes: signed-in callers got answers, not only refusals.
    expect(sent).toBeGreaterThan(1000);
    expect(answered.staff ?? 0).toBeGreaterThan(50);
    expect(answered.it ?? 0).toBeGreaterThan(50);
    expect(await documentCounts()).toEqual(before);
  }, 600_000);
});

// ---------------------------------------------------------------------------------------------------
// Each class answers each caller as the table says

/** GET routes left out of the per-class check, and why. */
const NOT_SAMPLED: Record<string, string> = {
  'admin.transfer.runner-push': 'a WebSocket upgrade',
  'admin.transfer.runner-pull': 'a WebSocket upgrade',
  'admin.ai.getAiToken': "asks Strapi's cloud for a token",
  'admin.ai.getAiUsage': "asks Strapi's cloud",
  'admin.admin.licenseTrialTimeLeft': "asks Strapi's licence server",
  'users-permissions.auth.connect': 'redirects to a login provider',
  'content-manager.preview.getPreviewUrl': 'needs a document (the read-guard tests cover it)',
  'i18n.content-types.getFillFromLocaleData': 'needs a document (the read-guard tests cover it)',
  'i18n.ai-localization-jobs.getJobForSingleType': 'answers 404 while no job exists',
};

/** Query parameters a route needs to answer at all. */
const SAMPLE_QUERY: Record<string, string> = { 'content-manager.homepage.getRecentDocuments': '?action=update' };

const SAMPLE_COLLECTION = 'api::directive.directive';
const SAMPLE_SINGLE = 'api::school.school';

/** The route's path filled with a document type every role may read, or null when it needs more. */
function samplePath(route: Route): string | null {
  const model = route.path.includes('single-types') ? SAMPLE_SINGLE : SAMPLE_COLLECTION;
  const filled = route.path.replace(/:(model|uid|contentType)\b/g, model);
  if (filled.includes(':') || filled.includes('(')) return null;
  return `${served(route, filled)}${SAMPLE_QUERY[route.key] ?? ''}`;
}

const refused = (status: number) => status >= 400 && status < 500;

describe('each class of route', () => {
  const expectations = (route: Route, routeClass: RouteClass) => CALLERS.map((caller) => ({ caller, expected: routeClass.access[caller], route }));

  it('answers every caller of a GET route as its class says', async () => {
    const wrong: string[] = [];
    const sampled = routes.filter((route) => route.method === 'GET' && !(route.key in NOT_SAMPLED) && samplePath(route) !== null);
    expect(sampled.length).toBeGreaterThan(60);
    const byClass = new Set<string>();
    await inBatches(sampled, 4, async (route) => {
      const routeClass = classOf(route)!;
      byClass.add(routeClass.cls.split(':')[0]!);
      const path = samplePath(route)!;
      const statuses: number[] = [];
      for (const { caller, expected } of expectations(route, routeClass)) {
        const { status } = await clients[caller].send('GET', path);
        statuses.push(status);
        // Anonymous routes answer the same to everyone (checked below), often a refusal without their own credential.
        const ok = routeClass.cls === 'anonymous' || (expected === 'no' ? refused(status) : status < 400);
        if (!ok) wrong.push(`${caller} GET ${path} (${route.key}, ${routeClass.cls}) → ${status}, expected ${expected}`);
      }
      // Anonymous routes do not depend on who asks.
      if (routeClass.cls === 'anonymous' && new Set(statuses).size !== 1) wrong.push(`GET ${path} (${route.key}) differs by caller: ${statuses.join(', ')}`);
    });
    expect(wrong).toEqual([]);
    expect([...byClass].sort()).toEqual(['anonymous', 'guarded', 'off', 'rbac', 'signed-in', 'site-token', 'super-admin']);
  }, 300_000);
});
