import { reasonOf } from '@portal/common/retry';
import { SECTIONS } from '@portal/common/sections';
import { MIN_SECRET_LENGTH } from '@portal/common/signed-request';
import type { Core } from '@strapi/strapi';
import { afterCommit } from '../db/after-commit';
import { inBackground } from '../db/background';
import { documentFiles, type StoredFile, withdrawnNames } from '../media/public-files';
import { storedNames } from '../media/usage';
import { recordChange } from './changes';
import { enqueuePurges } from './outbox';

/** Route-cache tags of each public type, from the registry (the site tags its pages with the same names). */
export const TYPE_TAGS: Record<string, string[]> = Object.fromEntries(SECTIONS.filter((s) => s.public).map((s) => [s.uid, [...s.tags]]));

// Actions that change what the public sees. Draft & publish types change publicly only by these (or by
// create/update with status "published", which Strapi turns into a publish without the publish action);
// categories have no drafts, so their every write counts.
const PUBLIC_ACTIONS = ['publish', 'unpublish', 'delete'];
const NO_DRAFT_TYPES: string[] = SECTIONS.filter((s) => s.public && !s.draftAndPublish).map((s) => s.uid);
/** The site refuses longer tag lists; type tags alone purge every page of those types anyway. */
const MAX_TAGS = 50;

function targets(): string[] {
  const configured = (process.env.SITE_PURGE_URLS ?? '')
    .split(',')
    .map((url) => url.trim())
    .filter(Boolean);
  if (configured.length > 0) return configured;
  return [`${(process.env.SITE_URL ?? 'http://127.0.0.1:4321').replace(/\/$/, '')}/api/cache/purge`];
}

/** The route-cache tags of documents: their types' tags and one `doc:` tag each, within the site's limit. */
export function documentTags(documents: { uid: string; documentId?: string | null }[]): string[] {
  const typeTags = new Set<string>();
  const docTags = new Set<string>();
  for (const { uid, documentId } of documents) {
    const tags = TYPE_TAGS[uid];
    if (!tags) continue;
    for (const tag of tags) typeTags.add(tag);
    if (documentId) docTags.add(`doc:${documentId}`);
  }
  const all = [...typeTags, ...docTags];
  return all.length <= MAX_TAGS ? all : [...typeTags];
}

/**
 * Tells every site process which tags to purge and which stored files (by name) to drop from its image
 * cache: recorded in the change sequence (cache/changes.ts), which every site process reads, and pushed to
 * the SITE_PURGE_URLS at once through the outbox (cache/outbox.ts), retried until delivered. The webhook
 * carries the change's number, so a process that had it pushed does not apply it again. Never throws.
 */
export function sendPurge(strapi: Core.Strapi, tags: string[], what: string, files: string[] = []): void {
  if (tags.length === 0 && files.length === 0) return;
  const secret = process.env.WEBHOOK_SECRET ?? '';
  const push = secret.length >= MIN_SECRET_LENGTH;
  if (!push) strapi.log.warn('[cache] WEBHOOK_SECRET chưa được đặt: trang công khai chỉ cập nhật khi tự đọc dãy thay đổi (chậm hơn một chút).');
  const failed = (stage: string) => (error: unknown) =>
    strapi.log.error(`[cache] Không ghi được ${stage} (${[...tags, ...files].join(', ')}): ${reasonOf(error)}`);
  void inBackground(
    (async () => {
      const seq = await recordChange(strapi, { tags, files, what }).catch((error: unknown) => {
        failed('thay đổi vào dãy thay đổi')(error);
        return null;
      });
      if (!push) return;
      const body = JSON.stringify(seq === null ? { tags, what, files } : { tags, what, files, seq });
      await enqueuePurges(strapi, targets(), body, what).catch(failed('yêu cầu xóa bộ nhớ đệm vào hàng đợi'));
    })(),
  );
}

export function registerPurgeWebhook(strapi: Core.Strapi): void {
  strapi.documents.use(async (context, next) => {
    const params = (context.params ?? {}) as { documentId?: string; status?: string };
    const publishes = ['create', 'update'].includes(context.action) && params.status === 'published';
    const changesPublic =
      PUBLIC_ACTIONS.includes(context.action) || publishes || (NO_DRAFT_TYPES.includes(context.uid) && ['create', 'update'].includes(context.action));
    if (!TYPE_TAGS[context.uid] || !changesPublic) return next();
    // Read before the action: a deleted document no longer links to its files afterwards.
    const before = params.documentId ? await documentFiles(strapi, context.uid, params.documentId) : [];
    const result = await next();
    const documentId = params.documentId ?? (result as { documentId?: string } | null)?.documentId;
    const what = `${context.action} ${context.uid}`;
    afterCommit(strapi, () =>
      (async () => {
        // A file this document used (before or after) that nothing published shows any more must leave the
        // site's image cache: unpublished, deleted, or dropped from the newly published version.
        const all = new Map<number, StoredFile>(before.map((file) => [file.id, file]));
        let files: string[];
        try {
          const after = documentId ? await documentFiles(strapi, context.uid, documentId) : [];
          for (const file of after) all.set(file.id, file);
          files = await withdrawnNames(strapi, [...all.values()]);
        } catch (error) {
          // Dropping too much only costs a re-encoding; keeping a withdrawn photo is not acceptable.
          strapi.log.error(`[cache] Không xác định được ảnh cần gỡ sau "${what}": ${error instanceof Error ? error.message : String(error)}`);
          files = [...all.values()].flatMap((file) => storedNames(file));
        }
        sendPurge(strapi, documentTags([{ uid: context.uid, documentId }]), what, files);
      })(),
    );
    return result;
  });
}
