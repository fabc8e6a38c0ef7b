import type { Core } from '@strapi/strapi';
import { guardRoute, type KoaContext } from '../access/route-guards';
import { type Actor, currentActor } from '../workflow/actor';
import { writeAudit } from '../workflow/audit';
import { forbid } from '../workflow/rules';
import { STATES } from '../workflow/states';
import { FILE_UID, fileUses } from './usage';

interface FileRow {
  id: number;
  name: string;
  createdBy?: { id: number } | null;
}

const MESSAGES = {
  own: 'Bạn chỉ được sửa, chuyển hoặc xóa tệp do chính mình tải lên.',
  published: (name: string) =>
    `Tệp "${name}" đang hiển thị trên cổng thông tin: chỉ Ban giám hiệu được thay hoặc xóa tệp này. Hãy tải tệp mới lên và thay vào bài viết; bài sẽ được gửi duyệt lại, bản đang đăng giữ nguyên cho đến khi được duyệt.`,
  folders: 'Chỉ Ban giám hiệu được đổi tên, chuyển hoặc xóa thư mục trong thư viện tệp.',
  fromUrl: 'Tải tệp từ đường dẫn đã bị tắt trên cổng thông tin. Hãy tải tệp từ máy của bạn lên.',
  ai: 'Tính năng AI của thư viện tệp bị tắt: ảnh của trẻ không được gửi ra dịch vụ bên ngoài.',
  attach: (name: string) => `Bạn chỉ được gắn tệp do chính mình tải lên (tệp "${name}" không phải của bạn).`,
};

type Kind = 'change' | 'delete' | 'move';
const ACTION_LABELS: Record<Kind, string> = { change: 'Sửa tệp', delete: 'Xóa tệp', move: 'Chuyển tệp' };

const ids = (values: unknown): number[] =>
  (Array.isArray(values) ? values : values === undefined || values === null ? [] : [values]).map(Number).filter((id) => Number.isInteger(id) && id > 0);

function signedIn(strapi: Core.Strapi): Actor {
  const actor = currentActor(strapi);
  if (actor?.kind !== 'admin') throw forbid('Cần đăng nhập trang quản trị.');
  return actor;
}

async function loadFiles(strapi: Core.Strapi, fileIds: number[]): Promise<FileRow[]> {
  if (fileIds.length === 0) return [];
  return (await strapi.db.query(FILE_UID).findMany({ where: { id: { $in: fileIds } }, select: ['id', 'name'], populate: ['createdBy'] })) as FileRow[];
}

/**
 * The rule of the single-file routes, for every route that changes files: staff change only their own
 * files, and a file that the public sees changes only by the Ban giám hiệu (Quy chế Art. 14.2).
 * Moving a file changes nothing public, so only ownership applies to it.
 */
async function checkFiles(strapi: Core.Strapi, actor: Actor, fileIds: number[], kind: Kind): Promise<FileRow[]> {
  const files = await loadFiles(strapi, fileIds);
  if (actor.isLeadership) return files;
  if (files.some((file) => file.createdBy?.id !== actor.id)) throw forbid(MESSAGES.own);
  if (kind !== 'move') {
    const published = (await fileUses(strapi, fileIds)).find((use) => use.published);
    if (published) throw forbid(MESSAGES.published(files.find((file) => file.id === published.fileId)?.name ?? ''));
  }
  return files;
}

/**
 * After a change by staff, the documents that use the file start a new review if they were already
 * approved or rejected, exactly as an edit of the document itself would.
 */
async function afterChange(strapi: Core.Strapi, actor: Actor, files: FileRow[], kind: Kind): Promise<void> {
  const uses =
    kind === 'move' || actor.isLeadership
      ? []
      : await fileUses(
          strapi,
          files.map((file) => file.id),
        );
  for (const use of uses) {
    const rows = (await strapi.db.query(use.uid as 'api::article.article').findMany({
      where: { documentId: use.documentId, publishedAt: null, reviewState: { $in: [STATES.approved, STATES.rejected] } },
      select: ['id', 'reviewState', 'title'],
    })) as { id: number; reviewState: string; title?: string }[];
    for (const row of rows) {
      await strapi.db.query(use.uid as 'api::article.article').update({ where: { id: row.id }, data: { reviewState: STATES.draft } as never });
      await writeAudit(strapi, {
        actor,
        contentType: use.uid,
        documentId: use.documentId,
        title: row.title ?? use.documentId,
        authorId: actor.id,
        action: 'Sửa tệp đính kèm',
        from: row.reviewState,
        to: STATES.draft,
      });
    }
  }
  for (const file of files) {
    await writeAudit(strapi, {
      actor,
      contentType: FILE_UID,
      documentId: String(file.id),
      title: file.name,
      authorId: file.createdBy?.id ?? null,
      action: ACTION_LABELS[kind],
    });
  }
}

function filesRoute(strapi: Core.Strapi, kind: Kind, pick: (ctx: KoaContext) => number[]) {
  return async (ctx: KoaContext, next: () => Promise<unknown>) => {
    const fileIds = pick(ctx);
    if (fileIds.length === 0) return next();
    const actor = signedIn(strapi);
    const files = await checkFiles(strapi, actor, fileIds, kind);
    const result = await next();
    if (ctx.status < 400) await afterChange(strapi, actor, files, kind);
    return result;
  };
}

const body = (ctx: KoaContext) => (ctx.request.body ?? {}) as Record<string, unknown>;

function leadershipForFolders(strapi: Core.Strapi) {
  return async (ctx: KoaContext, next: () => Promise<unknown>) => {
    const touchesFolders = ctx.params.id !== undefined || ids(body(ctx).folderIds).length > 0;
    if (touchesFolders && !signedIn(strapi).isLeadership) throw forbid(MESSAGES.folders);
    return next();
  };
}

const refuse = (message: string) => async () => {
  throw forbid(message);
};

function mediaFieldsOf(strapi: Core.Strapi, uid: string): string[] {
  const model = strapi.getModel(uid as 'api::article.article') as unknown as { attributes?: Record<string, { type: string }> } | undefined;
  return Object.entries(model?.attributes ?? {})
    .filter(([, attribute]) => attribute.type === 'media')
    .map(([field]) => field);
}

/** File ids named in a media field's value, in every shape the document service accepts. */
function referencedIds(value: unknown): number[] {
  if (value === null || value === undefined) return [];
  if (Array.isArray(value)) return value.flatMap(referencedIds);
  if (typeof value === 'object') {
    const record = value as Record<string, unknown>;
    if ('id' in record) return ids(record.id);
    return [...referencedIds(record.connect), ...referencedIds(record.set)];
  }
  return ids(value);
}

/** Attaching: only files the user may read in the media library, or files the document already has. */
function registerAttachRule(strapi: Core.Strapi): void {
  strapi.documents.use(async (context, next) => {
    if (!['create', 'update', 'clone'].includes(context.action)) return next();
    const params = context.params as { documentId?: string; data?: Record<string, unknown> };
    const actor = currentActor(strapi);
    if (!actor || actor.isLeadership || actor.isIt || !params.data) return next();
    const named = mediaFieldsOf(strapi, context.uid).flatMap((field) => referencedIds(params.data?.[field]));
    if (named.length === 0) return next();
    const files = await loadFiles(strapi, named);
    const foreign = files.filter((file) => file.createdBy?.id !== actor.id);
    if (foreign.length > 0) {
      const already = new Set(
        params.documentId
          ? (
              await fileUses(
                strapi,
                foreign.map((file) => file.id),
              )
            )
              .filter((use) => use.uid === context.uid && use.documentId === params.documentId)
              .map((use) => use.fileId)
          : [],
      );
      const refused = foreign.find((file) => !already.has(file.id));
      if (refused) throw forbid(MESSAGES.attach(refused.name));
    }
    return next();
  });
}

/** Registered in register(): guards on the media library's routes and the attach rule on documents. */
export function registerMediaGuard(strapi: Core.Strapi): void {
  // POST /upload is also Strapi's multiplexer: with ?id= it replaces a file or edits its information.
  guardRoute(
    'upload.admin-upload.upload',
    filesRoute(strapi, 'change', (ctx) => ids(ctx.query.id)),
  );
  guardRoute(
    ['upload.admin-upload.updateFileInfo', 'upload.admin-upload.replaceFile'],
    filesRoute(strapi, 'change', (ctx) => ids(ctx.params.id)),
  );
  guardRoute(
    'upload.admin-upload.bulkUpdateFileInfo',
    filesRoute(strapi, 'change', (ctx) =>
      Array.isArray(body(ctx).updates) ? (body(ctx).updates as { id?: unknown }[]).flatMap((update) => ids(update?.id)) : [],
    ),
  );
  guardRoute(
    'upload.admin-file.destroy',
    filesRoute(strapi, 'delete', (ctx) => ids(ctx.params.id)),
  );
  guardRoute('upload.admin-folder-file.deleteMany', leadershipForFolders(strapi));
  guardRoute(
    'upload.admin-folder-file.deleteMany',
    filesRoute(strapi, 'delete', (ctx) => ids(body(ctx).fileIds)),
  );
  guardRoute('upload.admin-folder-file.moveMany', leadershipForFolders(strapi));
  guardRoute(
    'upload.admin-folder-file.moveMany',
    filesRoute(strapi, 'move', (ctx) => ids(body(ctx).fileIds)),
  );
  guardRoute('upload.admin-folder.update', leadershipForFolders(strapi));
  // Nothing in the portal needs the CMS to fetch URLs (a way to reach services on the server's own network).
  guardRoute('upload.admin-upload.uploadFromUrls', refuse(MESSAGES.fromUrl));
  guardRoute(['upload.admin-file.generateAIMetadata', 'upload.admin-file.createAIMetadataJob'], refuse(MESSAGES.ai));
  registerAttachRule(strapi);
}
