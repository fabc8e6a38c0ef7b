import type { Core } from '@strapi/strapi';
import { type BearerCtx, requireBearer } from '../../../access/bearer';
import { ROLE_CODES } from '../../../access/roles';
import { deliveryHealth } from '../../../cache/deliveries';
import { emailsOfRole } from '../../../notify/notifier';

/**
 * Operations data for the uptime monitor (packages/monitor): the e-mail addresses of the Tổ CNTT's active
 * admin accounts, which the monitor keeps so it can still alert them while the CMS is down, and the health
 * of the delivery outbox (counts and ages only). Nothing else is exposed here.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async alertRecipients(ctx: BearerCtx) {
    ctx.set('Cache-Control', 'no-store');
    if (!requireBearer(ctx, process.env.MONITOR_TOKEN ?? '', 'Khóa giám sát (MONITOR_TOKEN) không hợp lệ hoặc chưa được gửi kèm.')) return;
    ctx.body = { data: { role: ROLE_CODES.it, emails: await emailsOfRole(strapi, ROLE_CODES.it) } };
  },

  async deliveries(ctx: BearerCtx) {
    ctx.set('Cache-Control', 'no-store');
    if (!requireBearer(ctx, process.env.MONITOR_TOKEN ?? '', 'Khóa giám sát (MONITOR_TOKEN) không hợp lệ hoặc chưa được gửi kèm.')) return;
    ctx.body = { data: await deliveryHealth(strapi) };
  },
});
