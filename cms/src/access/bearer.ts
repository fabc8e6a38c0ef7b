import { MIN_SECRET_LENGTH, sameSecret } from '@portal/common/signed-request';

/** What the routes that check a shared secret themselves need of Koa's context. */
export interface BearerCtx {
  request: { headers: Record<string, string | string[] | undefined> };
  set(name: string, value: string): void;
  status: number;
  body: unknown;
}

function bearerToken(header: string | string[] | undefined): string {
  const value = Array.isArray(header) ? header[0] : header;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(value ?? '');
  return match?.[1] ?? '';
}

/**
 * For routes whose caller is another process of the portal, not a CMS user (the uptime monitor, the site):
 * true when the request carries `expected` as its bearer token; otherwise answers 401 with `message` and
 * returns false. Answered here rather than thrown: Strapi's route wrapper would replace a thrown 401's
 * message with "Unauthorized". An unset or short secret refuses everyone.
 */
export function requireBearer(ctx: BearerCtx, expected: string, message: string): boolean {
  const given = bearerToken(ctx.request.headers.authorization);
  if (expected.length >= MIN_SECRET_LENGTH && given && sameSecret(given, expected)) return true;
  ctx.set('WWW-Authenticate', 'Bearer');
  ctx.status = 401;
  ctx.body = { data: null, error: { status: 401, name: 'UnauthorizedError', message, details: {} } };
  return false;
}
