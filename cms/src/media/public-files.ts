import type { Core, UID } from '@strapi/strapi';
import { filesShownPublicly, storedNames } from './usage';

/** What the take-down code needs of a file row. */
export interface StoredFile {
  id: number;
  url?: string | null;
  formats?: unknown;
  updatedAt?: string | Date | null;
}

function mediaFields(strapi: Core.Strapi, uid: string): string[] {
  const attributes = (strapi.contentType(uid as UID.ContentType)?.attributes ?? {}) as Record<string, { type?: string }>;
  return Object.entries(attributes)
    .filter(([, attribute]) => attribute.type === 'media')
    .map(([name]) => name);
}

/** Every file a document links to, in its draft and its published version. */
export async function documentFiles(strapi: Core.Strapi, uid: string, documentId: string): Promise<StoredFile[]> {
  const fields = mediaFields(strapi, uid);
  if (fields.length === 0) return [];
  const select = { select: ['id', 'url', 'formats', 'updatedAt'] };
  const rows = (await strapi.db.query(uid as UID.ContentType).findMany({
    where: { documentId },
    select: ['id'],
    populate: Object.fromEntries(fields.map((field) => [field, select])),
  })) as Record<string, unknown>[];
  const files = new Map<number, StoredFile>();
  for (const row of rows) {
    for (const field of fields) {
      const value = row[field];
      for (const file of Array.isArray(value) ? value : value ? [value] : []) {
        const stored = file as StoredFile;
        if (typeof stored.id === 'number') files.set(stored.id, stored);
      }
    }
  }
  return [...files.values()];
}

/** Stored names of the files among `files` that the public no longer sees: their transformed copies must go. */
export async function withdrawnNames(strapi: Core.Strapi, files: StoredFile[]): Promise<string[]> {
  if (files.length === 0) return [];
  const shown = await filesShownPublicly(
    strapi,
    files.map((file) => file.id),
  );
  return [...new Set(files.filter((file) => !shown.has(file.id)).flatMap((file) => storedNames(file)))];
}

/**
 * The version of a file as the site's image URLs carry it: its last change, in base 36. A replaced
 * file keeps its stored name (Strapi keeps the hash), so the name alone cannot tell old bytes from new.
 */
export function fileVersion(file: { updatedAt?: string | Date | null }): string | null {
  const time = file.updatedAt ? new Date(file.updatedAt).getTime() : NaN;
  return Number.isFinite(time) ? time.toString(36) : null;
}
