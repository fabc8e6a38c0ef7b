import type { Core } from '@strapi/strapi';
import { type BearerCtx, requireBearer } from '../../../access/bearer';
import { changesAfter } from '../../../cache/changes';

interface Ctx extends BearerCtx {
  query: Record<string, unknown>;
}

/**
 * GET /api/site/changes?after=<seq>: the change sequence (cms/src/cache/changes.ts) for the site's
 * processes, with the site's own token. Only change numbers, cache tags and stored file names: what the
 * signed webhook already tells the site. Without `after`, only the head (a process that just started).
 */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async list(ctx: Ctx) {
    ctx.set('Cache-Control', 'no-store');
    if (!requireBearer(ctx, process.env.SITE_API_TOKEN ?? '', 'Khóa truy cập của trang công khai (SITE_API_TOKEN) không hợp lệ hoặc chưa được gửi kèm.'))
      return;
    const raw = ctx.query.after;
    let after: number | null = null;
    if (raw !== undefined) {
      after = typeof raw === 'string' && /^\d{1,15}$/.test(raw) ? Number(raw) : Number.NaN;
      if (!Number.isSafeInteger(after)) {
        ctx.status = 400;
        ctx.body = { data: null, error: { status: 400, name: 'ValidationError', message: 'Tham số after phải là một số nguyên không âm.', details: {} } };
        return;
      }
    }
    ctx.body = { data: await changesAfter(strapi, after) };
  },
});
