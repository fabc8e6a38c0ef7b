import { uidOf } from '@portal/common/sections';
import type { Core, UID } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { checkPreview } from '../../../preview/links';

interface Ctx {
  query: Record<string, unknown>;
  set(name: string, value: string): void;
  body: unknown;
}

type Attributes = Record<string, { type: string; target?: string }>;

const attributesOf = (strapi: Core.Strapi, uid: UID.ContentType) => strapi.getModel(uid).attributes as Attributes;

/** Media and components of a type: what its own draft shows. */
function ownPopulate(strapi: Core.Strapi, uid: UID.ContentType): Record<string, true> {
  const populate: Record<string, true> = {};
  for (const [name, attribute] of Object.entries(attributesOf(strapi, uid))) {
    if (['media', 'component', 'dynamiczone'].includes(attribute.type)) populate[name] = true;
  }
  return populate;
}

/** Relations to the site's own types (never the admin users behind createdBy/updatedBy, nor submissions). */
function shownRelations(strapi: Core.Strapi, uid: UID.ContentType): [string, UID.ContentType][] {
  return Object.entries(attributesOf(strapi, uid))
    .filter(([, a]) => a.type === 'relation' && a.target?.startsWith('api::') && a.target !== uidOf('submission'))
    .map(([name, a]) => [name, a.target as UID.ContentType]);
}

/**
 * What a draft points to is shown as the public will see it once the draft is published: the published
 * version of each related item (an album shows its activity's published photos), or nothing. A draft's
 * relations lead to other drafts, which are not the link holder's to read.
 */
async function publishedRelations(strapi: Core.Strapi, uid: UID.ContentType, documentId: string): Promise<Record<string, unknown>> {
  const relations = shownRelations(strapi, uid);
  if (relations.length === 0) return {};
  const ids = (await strapi.documents(uid).findOne({
    documentId,
    status: 'draft',
    fields: ['documentId'] as never,
    populate: Object.fromEntries(relations.map(([name]) => [name, { fields: ['documentId'] }])) as never,
  })) as Record<string, unknown> | null;
  const shown: Record<string, unknown> = {};
  for (const [name, target] of relations) {
    const related = ids?.[name];
    const list = (Array.isArray(related) ? related : related ? [related] : []) as { documentId: string }[];
    const hasDrafts = strapi.getModel(target).options?.draftAndPublish !== false;
    const found = await Promise.all(
      list.map((item) =>
        strapi
          .documents(target)
          .findOne({ documentId: item.documentId, ...(hasDrafts ? { status: 'published' as const } : {}), populate: ownPopulate(strapi, target) as never }),
      ),
    );
    const published = found.filter((item) => item !== null).map((item) => withoutPrivate(strapi, target, item as Record<string, unknown>));
    shown[name] = Array.isArray(related) ? published : (published[0] ?? null);
  }
  return shown;
}

/**
 * Private fields (review notes are between the author and the Ban giám hiệu) and the admin accounts
 * behind an item are not for whoever holds the link.
 */
function withoutPrivate(strapi: Core.Strapi, uid: UID.ContentType, document: Record<string, unknown>): Record<string, unknown> {
  const attributes = attributesOf(strapi, uid) as Record<string, { private?: boolean }>;
  return Object.fromEntries(Object.entries(document).filter(([name]) => name !== 'createdBy' && name !== 'updatedBy' && !attributes[name]?.private));
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
    const documentId = String(ctx.query.id);
    const document = (await strapi.documents(check.uid).findOne({
      documentId,
      status: 'draft',
      populate: ownPopulate(strapi, check.uid) as never,
    })) as Record<string, unknown> | null;
    if (!document) throw new errors.NotFoundError('Bản nháp này không còn tồn tại.');
    const data = { ...withoutPrivate(strapi, check.uid, document), ...(await publishedRelations(strapi, check.uid, documentId)) };
    ctx.body = { data, meta: { type: ctx.query.type } };
  },
});
