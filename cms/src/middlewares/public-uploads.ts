import path from 'node:path';
import { MIN_SECRET_LENGTH, sameSecret } from '@portal/common/signed-request';
import type { Core } from '@strapi/strapi';
import { fileVersion, type StoredFile } from '../media/public-files';
import { FILE_UID, filesShownPublicly, storedNames } from '../media/usage';

interface Ctx {
  method: string;
  path: string;
  req: { headers: Record<string, string | string[] | undefined> };
  append(field: string, value: string): void;
  status: number;
  body: unknown;
  get(field: string): string;
  set(field: string, value: string): void;
  cookies: { get(name: string, options?: { signed?: boolean }): string | undefined };
}

const REFRESH_COOKIE = 'strapi_admin_refresh';
const DEFAULT_ACCESS_COOKIE = 'jwtToken';
/** Long enough for a page's images to be reused, short enough that a take-down reaches every cache quickly. */
export const PUBLIC_MAX_AGE_SECONDS = 60;

/**
 * The stored upload a request path reaches, or null when it is not under /uploads. Decoded and
 * normalised the way koa-static resolves files, so `/%75ploads/x.jpg` or `/robots.txt/../uploads/x.jpg`
 * cannot reach a file past this check.
 */
export function uploadPath(requestPath: string): string | null {
  let decoded: string;
  try {
    decoded = decodeURIComponent(requestPath);
  } catch {
    return null;
  }
  const normal = path.posix.normalize(decoded);
  // Case-insensitive: koa-router matches /UPLOADS/ too, and some file systems ignore case.
  if (!normal.toLowerCase().startsWith('/uploads/')) return null;
  const rest = normal.slice('/uploads/'.length);
  return rest && !rest.endsWith('/') ? rest : null;
}

function isSecret(given: string, expected: string): boolean {
  return expected.length >= MIN_SECRET_LENGTH && given !== '' && sameSecret(given, expected);
}

function bearer(ctx: Ctx): string {
  const [scheme, token, extra] = (ctx.get('authorization') || '').trim().split(/\s+/);
  return scheme?.toLowerCase() === 'bearer' && token && !extra ? token : '';
}

async function activeAdmin(strapi: Core.Strapi, userId: string): Promise<boolean> {
  const numeric = Number(userId);
  const id = Number.isInteger(numeric) && String(numeric) === userId ? numeric : userId;
  const user = (await strapi.db.query('admin::user').findOne({ where: { id }, select: ['id', 'isActive', 'blocked'] })) as {
    isActive?: boolean;
    blocked?: boolean;
  } | null;
  return Boolean(user?.isActive === true && user.blocked !== true);
}

/**
 * Whether the request comes from someone signed in to the admin panel. A plain <img> carries no
 * Authorization header, but with `admin.auth.cookie.path` = "/" (config/admin.ts) the browser sends the
 * admin's cookies with /uploads requests: the httpOnly refresh cookie in both login modes, and the
 * access-token cookie when "remember me" is off. Both are checked against a live session, as Strapi's
 * own admin authentication does, so a signed-out or blocked user gets nothing.
 */
export async function isSignedInAdmin(strapi: Core.Strapi, ctx: Ctx): Promise<boolean> {
  const sessions = strapi.sessionManager?.('admin');
  if (!sessions) return false;
  const cookieName = String(strapi.config.get('admin.auth.cookie.name', '') || DEFAULT_ACCESS_COOKIE);
  for (const token of [bearer(ctx), ctx.cookies.get(cookieName, { signed: false }) ?? '']) {
    if (!token) continue;
    const access = sessions.validateAccessToken(token);
    if (access.isValid && (await sessions.isSessionActive(access.payload.sessionId)) && (await activeAdmin(strapi, access.payload.userId))) return true;
  }
  // Signed by Koa (APP_KEYS) when Strapi set it; ctx.cookies.get checks that signature.
  const refresh = ctx.cookies.get(REFRESH_COOKIE);
  if (refresh) {
    const result = await sessions.validateRefreshToken(refresh);
    if (result.isValid && (await activeAdmin(strapi, result.userId))) return true;
  }
  return false;
}

const LEGACY_COOKIE_PATH = '/admin';

/**
 * Browsers signed in before the cookie path became "/" still hold cookies on /admin. Once Strapi sets
 * the same cookie on "/", the browser sends both to /admin, the older one first, and Strapi reads the
 * first: a refresh would fail and sign the user out. For such requests only the newest value is kept
 * and the one on /admin is expired, so nobody is signed out by the move.
 */
export function retireLegacyAdminCookies(strapi: Core.Strapi, ctx: Ctx): void {
  const configured = String(strapi.config.get('admin.auth.cookie.path', '') || LEGACY_COOKIE_PATH);
  const header = ctx.req.headers.cookie;
  if (configured === LEGACY_COOKIE_PATH || typeof header !== 'string' || !ctx.path.toLowerCase().startsWith('/admin')) return;
  const names = [REFRESH_COOKIE, `${REFRESH_COOKIE}.sig`, String(strapi.config.get('admin.auth.cookie.name', '') || DEFAULT_ACCESS_COOKIE)];
  const pairs = header
    .split(';')
    .map((pair) => pair.trim())
    .filter(Boolean);
  const nameOf = (pair: string) => pair.slice(0, Math.max(0, pair.indexOf('=')));
  const doubled = names.filter((name) => pairs.filter((pair) => nameOf(pair) === name).length > 1);
  if (doubled.length === 0) return;
  // Longest path first (RFC 6265 5.4): the last value of a name is the one on "/".
  ctx.req.headers.cookie = pairs
    .filter((pair, index) => !doubled.includes(nameOf(pair)) || !pairs.slice(index + 1).some((later) => nameOf(later) === nameOf(pair)))
    .join('; ');
  for (const name of doubled) ctx.append('Set-Cookie', `${name}=; Path=${LEGACY_COOKIE_PATH}; Expires=Thu, 01 Jan 1970 00:00:00 GMT; HttpOnly; SameSite=Lax`);
}

/** The file row a stored name belongs to: the original (`hash.ext`) or one of its formats (`small_hash.ext`). */
async function findStoredFile(strapi: Core.Strapi, rest: string): Promise<StoredFile | null> {
  const url = `/uploads/${rest}`;
  const base = rest.includes('/') ? '' : rest;
  const stem = base.slice(0, base.length - path.posix.extname(base).length);
  const hashes = stem ? [stem, ...(stem.includes('_') ? [stem.slice(stem.indexOf('_') + 1)] : [])] : [];
  const rows = (await strapi.db.query(FILE_UID).findMany({
    where: { $or: [{ url }, ...(hashes.length ? [{ hash: { $in: hashes } }] : [])] },
    select: ['id', 'url', 'formats', 'updatedAt'],
    limit: 10,
  })) as StoredFile[];
  return rows.find((row) => row.url === url || (base !== '' && storedNames(row).includes(base))) ?? null;
}

const notFound = (ctx: Ctx) => {
  ctx.status = 404;
  ctx.set('Cache-Control', 'no-store');
  ctx.set('Content-Type', 'text/plain; charset=utf-8');
  ctx.body = 'Không tìm thấy tệp.';
};

/**
 * Uploaded files are public only while published content shows them. A file used only by drafts (or by
 * nothing, or by a private submission) answers 404 to the public, so a photo taken down in the CMS stops
 * being served at once. Signed-in admins (the media library, draft previews in the panel) and the site
 * server (its read token, to transform images) still get every file; the site also learns the file's
 * version and whether the public may see it, from two headers, and may ask with HEAD for only those.
 * (It also retires the admin cookies left on /admin by the move of their path to "/", see above.)
 */
export default (_config: unknown, { strapi }: { strapi: Core.Strapi }) => {
  return async (ctx: Ctx, next: () => Promise<void>) => {
    retireLegacyAdminCookies(strapi, ctx);
    if (ctx.method !== 'GET' && ctx.method !== 'HEAD') return next();
    const rest = uploadPath(ctx.path);
    if (rest === null) return next();
    const file = await findStoredFile(strapi, rest);
    if (!file) return notFound(ctx);
    const shown = (await filesShownPublicly(strapi, [file.id])).has(file.id);
    const fromSite = isSecret(bearer(ctx), process.env.SITE_API_TOKEN ?? '');
    if (!shown && !fromSite && !(await isSignedInAdmin(strapi, ctx))) return notFound(ctx);
    // Never long-lived: a replaced file keeps its URL, and a withdrawn one must stop being served.
    ctx.set('Cache-Control', shown ? `public, max-age=${PUBLIC_MAX_AGE_SECONDS}` : 'private, no-store');
    if (fromSite) {
      ctx.set('X-Media-Version', fileVersion(file) ?? '');
      ctx.set('X-Media-Public', shown ? '1' : '0');
      if (ctx.method === 'HEAD') {
        // Answered here: with object storage the bytes are not on this server at all.
        ctx.body = null;
        ctx.status = 204;
        return;
      }
    }
    await next();
  };
};
