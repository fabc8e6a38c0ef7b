import { uidOf } from '@portal/common/sections';
import type { Core, UID } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { checkPreview } from '../../../preview/links';

interface Ctx {
  query: Record<string, unknown>;
  set(name: string, value: string): void;
  body: unknown;
}

/** Relations, media and components of a type, minus the admin users behind createdBy/updatedBy. */
function populateFor(strapi: Core.Strapi, uid: UID.ContentType): Record<string, true> {
  const attributes = strapi.getModel(uid).attributes as Record<string, { type: string; target?: string }>;
  const populate: Record<string, true> = {};
  for (const [name, attribute] of Object.entries(attributes)) {
    if (['media', 'component', 'dynamiczone'].includes(attribute.type)) populate[name] = true;
    if (attribute.type === 'relation' && attribute.target?.startsWith('api::') && attribute.target !== uidOf('submission')) {
      populate[name] = true;
    }
  }
  return populate;
}

export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async find(ctx: Ctx) {
    ctx.set('Cache-Control', 'no-store, private');
    ctx.set('X-Robots-Tag', 'noindex, nofollow');
    const check = checkPreview(ctx.query);
    if (!check.ok) {
      throw new errors.PolicyError(
        check.reason === 'expired' ? 'Liên kết xem trước đã hết hạn. Hãy mở lại bản xem trước từ trang quản trị.' : 'Liên kết xem trước không hợp lệ.',
        { reason: check.reason },
      );
    }
    const document = (await strapi.documents(check.uid).findOne({
      documentId: String(ctx.query.id),
      status: 'draft',
      populate: populateFor(strapi, check.uid) as never,
    })) as Record<string, unknown> | null;
    if (!document) throw new errors.NotFoundError('Bản nháp này không còn tồn tại.');
    // Review notes are between the author and the Ban giám hiệu, not for whoever holds the link.
    const { reviewNote: _note, reviewState: _state, createdBy: _c, updatedBy: _u, ...data } = document;
    ctx.body = { data, meta: { type: ctx.query.type } };
  },
});
