import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { currentActor } from '../workflow/actor';
import { guardRoute, type KoaContext } from './route-guards';

const DRAFT_PARAMS = ['status', 'publicationState', 'hasPublishedVersion'];
const READS = ['findMany', 'findOne', 'findFirst', 'count'];
export const PUBLISHED_ONLY_MESSAGE = 'API công khai chỉ trả về nội dung đã đăng; không được yêu cầu bản nháp.';

/**
 * The content API serves published content only; drafts are seen in the admin or through the signed
 * preview. Two layers, neither of which looks at the URL's text:
 * - every content-API route refuses a query that asks for drafts, with a Vietnamese 400;
 * - for API-token callers the document service itself reads published versions only, whatever
 *   reached it (another route, a plugin's controller, a populate).
 * Review state and notes are private attributes in the schemas, so the API neither returns nor filters on them.
 */
export function registerPublishedOnly(strapi: Core.Strapi): void {
  guardRoute('content-api:*', async (ctx: KoaContext, next) => {
    const asked = DRAFT_PARAMS.filter((name) => name in ctx.query);
    const allowed = asked.every((name) => name === 'status' && ctx.query[name] === 'published');
    if (!allowed) throw new errors.ValidationError(PUBLISHED_ONLY_MESSAGE, { params: asked });
    return next();
  });
  strapi.documents.use(async (context, next) => {
    if (READS.includes(context.action) && currentActor(strapi)?.kind === 'token') {
      const params = context.params as Record<string, unknown>;
      params.status = 'published';
      delete params.hasPublishedVersion;
    }
    return next();
  });
}
