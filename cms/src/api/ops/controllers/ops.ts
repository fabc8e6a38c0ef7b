import { MIN_SECRET_LENGTH, sameSecret } from '@portal/common/signed-request';
import type { Core } from '@strapi/strapi';
import { ROLE_CODES } from '../../../access/roles';
import { deliveryHealth } from '../../../cache/deliveries';
import { emailsOfRole } from '../../../notify/notifier';

interface Ctx {
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

/** Answers 401 in Vietnamese unless the request carries MONITOR_TOKEN; true when it does. */
function monitorOnly(ctx: Ctx): boolean {
  ctx.set('Cache-Control', 'no-store');
  const secret = process.env.MONITOR_TOKEN ?? '';
  const given = bearerToken(ctx.request.headers.authorization);
  if (secret.length >= MIN_SECRET_LENGTH && given && sameSecret(given, secret)) return true;
  // Answered here rather than thrown: Strapi's route wrapper would replace a thrown 401's message with "Unauthorized".
  ctx.set('WWW-Authenticate', 'Bearer');
  ctx.status = 401;
  ctx.body = {
    data: null,
    error: { status: 401, name: 'UnauthorizedError', message: 'Khóa giám sát (MONITOR_TOKEN) không hợp lệ hoặc chưa được gửi kèm.', details: {} },
  };
  return false;
}

/**
 * Operations data for the uptime monitor (packages/monitor): the e-mail addresses of the Tổ CNTT's active
 * admin accounts, which the monitor keeps so it can still alert them while the CMS is down, and the health
 * of the delivery outbox (counts and ages only). Nothing else is exposed here.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async alertRecipients(ctx: Ctx) {
    if (!monitorOnly(ctx)) return;
    ctx.body = { data: { role: ROLE_CODES.it, emails: await emailsOfRole(strapi, ROLE_CODES.it) } };
  },

  async deliveries(ctx: Ctx) {
    if (!monitorOnly(ctx)) return;
    ctx.body = { data: await deliveryHealth(strapi) };
  },
});
