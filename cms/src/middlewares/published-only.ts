import type { Core } from '@strapi/strapi';

const DRAFT_PARAMS = ['status', 'publicationState', 'hasPublishedVersion'];

/**
 * Strapi's REST API returns drafts to anyone allowed to `find` who asks for `?status=draft`.
 * The content API here serves published content only; drafts are seen in the admin or through
 * the signed preview. The check runs on the raw query string, before any controller.
 */
export default (_config: unknown, _ctx: { strapi: Core.Strapi }) => {
  return async (ctx: { path: string; query: Record<string, unknown>; status: number; body: unknown }, next: () => Promise<void>) => {
    if (ctx.path.startsWith('/api/')) {
      const asked = DRAFT_PARAMS.filter((name) => name in ctx.query);
      const allowed = asked.every((name) => name === 'status' && ctx.query[name] === 'published');
      if (!allowed) {
        ctx.status = 400;
        ctx.body = {
          data: null,
          error: {
            status: 400,
            name: 'ValidationError',
            message: 'API công khai chỉ trả về nội dung đã đăng; không được yêu cầu bản nháp.',
            details: { params: asked },
          },
        };
        return;
      }
    }
    await next();
  };
};
