import type { Core } from '@strapi/strapi';
import { documentTags, sendPurge, TYPE_TAGS } from '../cache/purge-webhook';
import { afterCommit } from '../db/after-commit';
import type { StoredFile } from './public-files';
import { FILE_UID, type FileUse, fileUses, storedNames } from './usage';

/**
 * A file changed or disappeared in the media library: one signed purge names every page that shows it
 * (type and `doc:` tags of each document using it, draft or published) and every stored name (original
 * and formats), so the site drops all transformed copies at once. `uses` are the file's uses read before
 * the change, when the change removes them (a deleted file no longer links to anything).
 */
export async function announceMediaChange(strapi: Core.Strapi, files: StoredFile[], what: string, uses?: DocumentRef[] | null): Promise<void> {
  const known =
    uses ??
    (await fileUses(
      strapi,
      files.map((file) => file.id),
    ));
  const names = [...new Set(files.flatMap((file) => storedNames(file)))];
  sendPurge(strapi, documentTags(known), what, names);
}

/** A document that may show a file: its type and id are enough to name its pages. */
type DocumentRef = Pick<FileUse, 'uid'> & { documentId?: string | null };

interface UploadService {
  remove(file: StoredFile, ...rest: unknown[]): Promise<unknown>;
  replace(id: unknown, args: unknown, ...rest: unknown[]): Promise<unknown>;
  updateFileInfo(id: unknown, args: unknown, ...rest: unknown[]): Promise<unknown>;
}

async function fileRow(strapi: Core.Strapi, id: number): Promise<StoredFile | null> {
  return (await strapi.db.query(FILE_UID).findOne({ where: { id }, select: ['id', 'url', 'formats', 'updatedAt'] })) as StoredFile | null;
}

/** Reads what a change is about to affect; a failed read must not stop the change, only widen the purge. */
async function before(strapi: Core.Strapi, id: number): Promise<{ row: StoredFile | null; uses: FileUse[] | null }> {
  try {
    return { row: await fileRow(strapi, id), uses: await fileUses(strapi, [id]) };
  } catch (error) {
    strapi.log.error(`[media] Không đọc được nơi dùng tệp #${id}: ${error instanceof Error ? error.message : String(error)}`);
    return { row: null, uses: null };
  }
}

// Uses that could not be read: every public type's pages are purged instead.
const ALL_TYPES: DocumentRef[] = Object.keys(TYPE_TAGS).map((uid) => ({ uid }));

function announceLater(strapi: Core.Strapi, files: (StoredFile | null | undefined)[], what: string, uses: DocumentRef[] | null): void {
  const present = files.filter((file): file is StoredFile => typeof file?.id === 'number');
  afterCommit(strapi, () =>
    announceMediaChange(strapi, present, what, uses ?? ALL_TYPES).catch((error: unknown) => {
      strapi.log.error(`[media] Không báo được trang công khai gỡ ảnh (${what}): ${error instanceof Error ? error.message : String(error)}`);
      sendPurge(
        strapi,
        documentTags(ALL_TYPES),
        what,
        present.flatMap((file) => storedNames(file)),
      );
    }),
  );
}

/**
 * Every way a file is deleted, replaced or edited goes through these upload service methods (the media
 * library, bulk delete and folder delete call `remove` per file). After the original succeeds, and after
 * its transaction commits, the site is told to drop the file's pages and transformed copies.
 * Other wrappers of the same methods (authorisation) compose: each keeps the method it found.
 */
export function registerMediaTakedown(strapi: Core.Strapi): void {
  const service = strapi.plugin('upload').service('upload') as unknown as UploadService;
  const remove = service.remove.bind(service);
  const replace = service.replace.bind(service);
  const updateFileInfo = service.updateFileInfo.bind(service);

  service.remove = async (file, ...rest) => {
    const id = Number(file?.id);
    const seen = await before(strapi, id);
    const result = await remove(file, ...rest);
    announceLater(strapi, [file, seen.row], 'delete plugin::upload.file', seen.uses);
    return result;
  };

  service.replace = async (id, args, ...rest) => {
    const seen = await before(strapi, Number(id));
    const result = (await replace(id, args, ...rest)) as StoredFile | null;
    // Replacing links nothing new: the uses read before are the uses after.
    // Replace keeps the stored name but may change which formats exist: old and new names both go.
    announceLater(strapi, [seen.row, result], 'replace plugin::upload.file', seen.uses);
    return result;
  };

  service.updateFileInfo = async (id, args, ...rest) => {
    const seen = await before(strapi, Number(id));
    const result = (await updateFileInfo(id, args, ...rest)) as StoredFile | null;
    // Alternative text and captions are on the pages; the new updatedAt is a new version in image URLs.
    announceLater(strapi, [seen.row, result], 'update plugin::upload.file', seen.uses);
    return result;
  };
}
