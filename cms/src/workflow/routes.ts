import { vietnameseName } from '@portal/common/person-name';
import { sectionByUid, uidOf } from '@portal/common/sections';
import type { Core } from '@strapi/strapi';
import { publicLink, siteUrl } from '../notify/notifier';
import { type Actor, currentActor } from './actor';
import { disclosureDuties } from './disclosure-duties';
import { compareRevisions, listRevisions, restoreData, restoring, revisionToRestore } from './revisions';
import { titleOf } from './rules';
import { cancelSchedule, scheduleDocument, waitingSchedules } from './schedule';
import { isReviewed, labelOfType, REVIEWED_TYPES, STATES } from './states';
import { HANDLING } from './submissions';

interface Ctx {
  params: Record<string, string>;
  request: { body?: Record<string, unknown> };
  status: number;
  body: unknown;
  forbidden(message: string): void;
  badRequest(message: string): void;
  notFound(message: string): void;
}

interface ItemRow {
  documentId: string;
  reviewState: string;
  reviewNote: string | null;
  updatedAt: string;
  createdBy?: { id: number; firstname?: string; lastname?: string } | null;
  title?: string;
  number?: string;
  docType?: string;
  weekStart?: string;
  ageGroup?: string;
  slug?: string;
  cover?: { url: string; formats?: Record<string, { url: string }> | null } | null;
}

/** A version number from the URL, or null when it is not one. */
function versionNumber(value: unknown): number | null {
  return typeof value === 'string' && /^[1-9]\d{0,8}$/.test(value) ? Number(value) : null;
}

function actorOrFail(strapi: Core.Strapi, ctx: Ctx): Actor | null {
  const actor = currentActor(strapi);
  if (actor?.kind !== 'admin') {
    ctx.forbidden('Cần đăng nhập trang quản trị.');
    return null;
  }
  return actor;
}

async function publishedIds(strapi: Core.Strapi, uid: string, documentIds: string[]): Promise<Set<string>> {
  if (documentIds.length === 0) return new Set();
  const rows = (await strapi.db.query(uid as 'api::article.article').findMany({
    where: { documentId: { $in: documentIds }, publishedAt: { $notNull: true } },
    select: ['documentId'],
  })) as { documentId: string }[];
  return new Set(rows.map((row) => row.documentId));
}

async function listItems(strapi: Core.Strapi, where: Record<string, unknown>, orderBy: 'asc' | 'desc') {
  const items = [];
  for (const uid of REVIEWED_TYPES) {
    // A thumbnail of the cover for "Bài của tôi", on the types that have one.
    const hasCover = !!(strapi.contentType(uid as never) as { attributes?: Record<string, unknown> } | undefined)?.attributes?.cover;
    const rows = (await strapi.db.query(uid).findMany({
      where: { ...where, publishedAt: null },
      populate: hasCover ? ['createdBy', 'cover'] : ['createdBy'],
      orderBy: { updatedAt: orderBy },
      limit: 200,
    })) as ItemRow[];
    const published = await publishedIds(
      strapi,
      uid,
      rows.map((row) => row.documentId),
    );
    for (const row of rows) {
      items.push({
        uid,
        type: labelOfType(uid),
        documentId: row.documentId,
        title: titleOf(row),
        reviewState: row.reviewState,
        reviewNote: row.reviewNote,
        published: published.has(row.documentId),
        slug: row.slug ?? null,
        publicUrl: published.has(row.documentId) ? publicLink(uid, row.slug) : null,
        coverUrl: row.cover ? (row.cover.formats?.thumbnail?.url ?? row.cover.url) : null,
        updatedAt: row.updatedAt,
        author: row.createdBy ? vietnameseName(row.createdBy) : null,
      });
    }
  }
  return items.sort((a, b) => (orderBy === 'asc' ? 1 : -1) * (Date.parse(a.updatedAt) - Date.parse(b.updatedAt)));
}

/** The school's classes, one per line in the school profile, for the phone "Gửi bài" page. */
async function schoolClasses(strapi: Core.Strapi): Promise<string[]> {
  const school = (await strapi.db.query(uidOf('school')).findOne({ where: { publishedAt: { $notNull: true } }, select: ['classes'] })) as {
    classes: string | null;
  } | null;
  return [
    ...new Set(
      (school?.classes ?? '')
        .split('\n')
        .map((line) => line.trim())
        .filter((line) => line.length > 0 && line.length <= 100),
    ),
  ];
}

/** Admin API of the workflow: the review queue, "my items", an item's history, submission → article. */
export function registerWorkflowRoutes(strapi: Core.Strapi): void {
  const policies = ['admin::isAuthenticatedAdmin'];
  strapi.server.routes({
    type: 'admin',
    prefix: '',
    routes: [
      {
        method: 'GET',
        path: '/workflow/queue',
        config: { policies },
        handler: async (ctx: Ctx) => {
          const actor = actorOrFail(strapi, ctx);
          if (!actor) return;
          if (!actor.isLeadership) return ctx.forbidden('Chỉ Ban giám hiệu xem được danh sách chờ duyệt.');
          ctx.body = { data: await listItems(strapi, { reviewState: STATES.pending }, 'asc') };
        },
      },
      {
        method: 'GET',
        path: '/workflow/disclosure-duties',
        config: { policies },
        handler: async (ctx: Ctx) => {
          const actor = actorOrFail(strapi, ctx);
          if (!actor) return;
          if (!actor.isLeadership) return ctx.forbidden('Chỉ Ban giám hiệu xem được việc cần công khai.');
          ctx.body = { data: await disclosureDuties(strapi) };
        },
      },
      {
        method: 'GET',
        path: '/workflow/mine',
        config: { policies },
        handler: async (ctx: Ctx) => {
          const actor = actorOrFail(strapi, ctx);
          if (!actor) return;
          ctx.body = { data: await listItems(strapi, { createdBy: { id: actor.id } }, 'desc') };
        },
      },
      {
        method: 'GET',
        path: '/workflow/compose-options',
        config: { policies },
        handler: async (ctx: Ctx) => {
          const actor = actorOrFail(strapi, ctx);
          if (!actor) return;
          ctx.body = { data: { classes: await schoolClasses(strapi), siteUrl: siteUrl() } };
        },
      },
      {
        method: 'GET',
        path: '/workflow/history/:uid/:documentId',
        config: { policies },
        handler: async (ctx: Ctx) => {
          const actor = actorOrFail(strapi, ctx);
          if (!actor) return;
          const where: Record<string, unknown> = { targetDocumentId: ctx.params.documentId };
          // Staff read the history of their own items only, as in the audit log itself.
          if (!actor.isLeadership && !actor.isIt) where.targetAuthorId = actor.id;
          const entries = await strapi.db.query(uidOf('audit-entry')).findMany({ where, orderBy: { at: 'asc' }, limit: 500 });
          ctx.body = { data: entries };
        },
      },
      {
        // Content history: the versions of one item, newest first (./revisions.ts).
        method: 'GET',
        path: '/workflow/versions/:uid/:documentId',
        config: { policies },
        handler: async (ctx: Ctx) => {
          const actor = actorOrFail(strapi, ctx);
          if (!actor) return;
          if (!isReviewed(ctx.params.uid)) return ctx.notFound('Loại nội dung này không lưu phiên bản.');
          ctx.body = { data: await listRevisions(strapi, actor, ctx.params.uid, ctx.params.documentId) };
        },
      },
      {
        // One version against another (?against=N; by default the one before it), field by field.
        method: 'GET',
        path: '/workflow/versions/:uid/:documentId/:version',
        config: { policies },
        handler: async (ctx: Ctx & { query: Record<string, unknown> }) => {
          const actor = actorOrFail(strapi, ctx);
          if (!actor) return;
          const version = versionNumber(ctx.params.version);
          const against = ctx.query.against === undefined ? undefined : versionNumber(ctx.query.against);
          if (!isReviewed(ctx.params.uid) || version === null || against === null) return ctx.notFound('Không có phiên bản này.');
          const diff = await compareRevisions(strapi, actor, ctx.params.uid, ctx.params.documentId, version, against);
          if (!diff) return ctx.notFound('Không có phiên bản này.');
          ctx.body = { data: diff };
        },
      },
      {
        // Puts a version back as the item's draft, which then goes through review again (state Nháp).
        method: 'POST',
        path: '/workflow/versions/:uid/:documentId/:version/restore',
        config: { policies },
        handler: async (ctx: Ctx) => {
          const actor = actorOrFail(strapi, ctx);
          if (!actor) return;
          const { uid, documentId } = ctx.params;
          const version = versionNumber(ctx.params.version);
          if (!isReviewed(uid) || version === null) return ctx.notFound('Không có phiên bản này.');
          const revision = await revisionToRestore(strapi, actor, uid, documentId, version);
          if (!revision) return ctx.notFound('Không có phiên bản này.');
          // The same rule as editing: staff restore only their own items, of the types staff write.
          const writers = sectionByUid(uid)?.editedBy;
          if (!actor.isLeadership && !(writers === 'staff' && actor.isStaff && revision.targetAuthorId === actor.id)) {
            return ctx.forbidden('Bạn chỉ được khôi phục phiên bản của nội dung do chính mình viết.');
          }
          const draft = await strapi.db.query(uid as 'api::article.article').findOne({ where: { documentId, publishedAt: null }, select: ['id'] });
          if (!draft) return ctx.notFound('Mục này đã bị xóa; không thể khôi phục phiên bản của nó.');
          const data = await restoreData(strapi, uid, revision.snapshot);
          // Through the document service, so that the workflow and the content rules check it like any edit.
          await restoring.run({ version }, () => strapi.documents(uid as 'api::article.article').update({ documentId, data: data as never }));
          ctx.status = 201;
          ctx.body = { data: { restored: version, reviewState: STATES.draft } };
        },
      },
      {
        // Waiting publish/unpublish steps: of one document (?uid=&documentId=) or all, for the badges.
        method: 'GET',
        path: '/workflow/schedules',
        config: { policies },
        handler: async (ctx: Ctx & { query: Record<string, unknown> }) => {
          const actor = actorOrFail(strapi, ctx);
          if (!actor) return;
          if (!actor.isLeadership) return ctx.forbidden('Chỉ Ban giám hiệu xem được lịch đăng.');
          const { uid, documentId } = ctx.query;
          const target = typeof uid === 'string' && typeof documentId === 'string' ? { uid, documentId } : undefined;
          ctx.body = { data: await waitingSchedules(strapi, target) };
        },
      },
      {
        method: 'POST',
        path: '/workflow/schedules',
        config: { policies },
        handler: async (ctx: Ctx) => {
          const actor = actorOrFail(strapi, ctx);
          if (!actor) return;
          if (!actor.isLeadership) return ctx.forbidden('Chỉ Ban giám hiệu được hẹn giờ đăng.');
          const body = ctx.request.body ?? {};
          ctx.status = 201;
          ctx.body = {
            data: await scheduleDocument(strapi, actor, {
              uid: body.uid,
              documentId: body.documentId,
              publishAt: body.publishAt,
              unpublishAt: body.unpublishAt,
            }),
          };
        },
      },
      {
        method: 'DELETE',
        path: '/workflow/schedules/:id',
        config: { policies },
        handler: async (ctx: Ctx) => {
          const actor = actorOrFail(strapi, ctx);
          if (!actor) return;
          if (!actor.isLeadership) return ctx.forbidden('Chỉ Ban giám hiệu được hủy lịch đăng.');
          ctx.body = { data: await cancelSchedule(strapi, actor, Number(ctx.params.id)) };
        },
      },
      {
        method: 'POST',
        path: '/workflow/submissions/:documentId/to-article',
        config: { policies },
        handler: async (ctx: Ctx) => {
          const actor = actorOrFail(strapi, ctx);
          if (!actor) return;
          if (!actor.isLeadership) return ctx.forbidden('Chỉ Ban giám hiệu được chuyển thông tin thành bài viết.');
          const submission = (await strapi.db.query(uidOf('submission')).findOne({
            where: { documentId: ctx.params.documentId },
            populate: ['article', 'attachments'],
          })) as { kind: string; title: string; message: string; handlingStatus: string; article: { documentId: string } | null } | null;
          if (!submission) return ctx.notFound('Không tìm thấy thông tin đã gửi.');
          if (submission.kind !== 'Thông tin – tin bài') return ctx.badRequest('Chỉ thông tin – tin bài mới chuyển thành bài viết được.');
          if (submission.article) return ctx.badRequest('Thông tin này đã được chuyển thành bài viết.');
          const paragraphs = submission.message
            .split(/\n\s*\n|\n/)
            .map((p) => p.trim())
            .filter(Boolean);
          const article = (await strapi.documents(uidOf('article')).create({
            data: {
              title: submission.title.length >= 5 ? submission.title : `Tin: ${submission.title}`,
              summary: submission.message.slice(0, 500),
              body: paragraphs.map((text) => ({ type: 'paragraph', children: [{ type: 'text', text }] })),
              sourceSubmission: ctx.params.documentId,
            } as never,
          })) as { documentId: string };
          await strapi.documents(uidOf('submission')).update({
            documentId: ctx.params.documentId,
            data: {
              handlingStatus: submission.handlingStatus === HANDLING.new ? HANDLING.inProgress : submission.handlingStatus,
              handlerNote: 'Đã chuyển thành bản nháp bài viết.',
              article: article.documentId,
            } as never,
          });
          ctx.status = 201;
          ctx.body = { data: { documentId: article.documentId } };
        },
      },
    ],
  } as never);
}
