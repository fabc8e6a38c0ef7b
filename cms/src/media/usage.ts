import type { Core } from '@strapi/strapi';
import { PUBLIC_COLLECTION_TYPES, PUBLIC_SINGLE_TYPES } from '../access/public-types';

export const FILE_UID = 'plugin::upload.file';
const PUBLIC_TYPES: readonly string[] = [...PUBLIC_COLLECTION_TYPES, ...PUBLIC_SINGLE_TYPES];

export interface FileUse {
  fileId: number;
  uid: string;
  documentId: string;
  /**
   * Whether the public sees the file through this use: a published version of a type the site reads.
   * (A submission has no drafts, so Strapi marks its rows published, but its attachments are private.)
   */
  published: boolean;
  field: string;
}

interface MorphRow {
  file_id: number;
  related_id: number;
  related_type: string;
  field: string;
}

function morphTable(strapi: Core.Strapi): string {
  const related = strapi.db.metadata.get(FILE_UID).attributes.related as unknown as { joinTable?: { name: string } };
  return related.joinTable?.name ?? 'files_related_mph';
}

/**
 * Where files are used: every document row (draft or published version) that links to one of them.
 * Media sit on content-type fields directly; a file used inside a component is reported against no
 * document, which counts as unpublished (safe: it is then neither served nor editable by staff).
 */
export async function fileUses(strapi: Core.Strapi, fileIds: number[]): Promise<FileUse[]> {
  const ids = [...new Set(fileIds.map(Number).filter((id) => Number.isInteger(id) && id > 0))];
  if (ids.length === 0) return [];
  const links = (await strapi.db.connection(morphTable(strapi)).whereIn('file_id', ids).select('file_id', 'related_id', 'related_type', 'field')) as MorphRow[];
  const byType = new Map<string, MorphRow[]>();
  for (const link of links) byType.set(link.related_type, [...(byType.get(link.related_type) ?? []), link]);
  const uses: FileUse[] = [];
  for (const [uid, rows] of byType) {
    if (!uid.startsWith('api::')) continue;
    const entries = (await strapi.db.query(uid as 'api::article.article').findMany({
      where: { id: { $in: rows.map((row) => row.related_id) } },
      select: ['id', 'documentId', 'publishedAt'],
    })) as { id: number; documentId: string; publishedAt: string | null }[];
    const byId = new Map(entries.map((entry) => [entry.id, entry]));
    for (const row of rows) {
      const entry = byId.get(Number(row.related_id));
      if (entry)
        uses.push({
          fileId: Number(row.file_id),
          uid,
          documentId: entry.documentId,
          published: entry.publishedAt !== null && PUBLIC_TYPES.includes(uid),
          field: row.field,
        });
    }
  }
  return uses;
}

/** The ids among `fileIds` that the public site shows (a published document of a public type uses them). */
export async function filesShownPublicly(strapi: Core.Strapi, fileIds: number[]): Promise<Set<number>> {
  return new Set((await fileUses(strapi, fileIds)).filter((use) => use.published).map((use) => use.fileId));
}

/** Stored names of a file: the original and every generated format (`name_hash.ext`, `small_name_hash.ext`…). */
export function storedNames(file: { url?: string | null; formats?: unknown }): string[] {
  const names = new Set<string>();
  const add = (url: unknown) => {
    if (typeof url === 'string' && url) names.add(decodeURIComponent(url.split('?')[0]!.split('/').pop() ?? ''));
  };
  add(file.url);
  if (file.formats && typeof file.formats === 'object') {
    for (const format of Object.values(file.formats as Record<string, { url?: unknown }>)) add(format?.url);
  }
  names.delete('');
  return [...names];
}
