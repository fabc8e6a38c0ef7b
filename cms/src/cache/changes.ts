import { reasonOf } from '@portal/common/retry';
import { uidOf } from '@portal/common/sections';
import type { ChangesPage } from '@portal/common/site-changes';
import type { Core } from '@strapi/strapi';

/**
 * The change sequence: one row per purge (the same tags and files the webhook carries), numbered by the
 * database. Every site process reads it every SITE_CHANGES_POLL_MS, so a process the webhook did not
 * reach (another worker, another machine, one that was stopped or cut off) catches up by itself. Kept in
 * the CMS database rather than PostgreSQL NOTIFY or Redis: it works the same on SQLite and PostgreSQL,
 * needs no other service, and what a process missed while it was away is still there to read.
 */
export const CHANGE_UID = uidOf('change');

/** Rows older than this are deleted (the newest one never: it is the head); a process further behind starts over. */
const KEEP_MS = 24 * 3_600_000;
const PRUNE_EVERY_MS = 3_600_000;
/** Rows per answer; a process further behind asks again from the last one. */
export const CHANGES_PAGE = 100;

interface ChangeRow {
  id: number;
  tags: unknown;
  files: unknown;
}

const rows = (strapi: Core.Strapi) => strapi.db.query(CHANGE_UID);
const strings = (value: unknown): string[] => (Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : []);

let lastPruneAt = 0;

/** Adds one change and returns its number. */
export async function recordChange(strapi: Core.Strapi, change: { tags: string[]; files: string[]; what: string }): Promise<number> {
  const row = (await rows(strapi).create({ data: { what: change.what.slice(0, 300), tags: change.tags, files: change.files } })) as ChangeRow;
  if (Date.now() - lastPruneAt > PRUNE_EVERY_MS) {
    lastPruneAt = Date.now();
    await pruneChanges(strapi, row.id).catch((error: unknown) => strapi.log.warn(`[cache] Không dọn được dãy thay đổi cũ: ${reasonOf(error)}`));
  }
  return row.id;
}

async function pruneChanges(strapi: Core.Strapi, head: number): Promise<void> {
  await rows(strapi).deleteMany({ where: { createdAt: { $lt: new Date(Date.now() - KEEP_MS) }, id: { $lt: head } } });
}

async function edge(strapi: Core.Strapi, order: 'asc' | 'desc'): Promise<number | null> {
  const row = (await rows(strapi).findOne({ select: ['id'], orderBy: { id: order } })) as { id: number } | null;
  return row?.id ?? null;
}

/** The changes numbered after `after` (at most CHANGES_PAGE, oldest first); none when `after` is null. */
export async function changesAfter(strapi: Core.Strapi, after: number | null): Promise<ChangesPage> {
  // The head first: a change recorded meanwhile is then at most listed twice, never counted as seen unlisted.
  const head = (await edge(strapi, 'desc')) ?? 0;
  const oldest = await edge(strapi, 'asc');
  if (after === null) return { head, oldest, changes: [], more: false };
  const found = (await rows(strapi).findMany({
    select: ['id', 'tags', 'files'],
    where: { id: { $gt: after } },
    orderBy: { id: 'asc' },
    limit: CHANGES_PAGE + 1,
  })) as ChangeRow[];
  return {
    head,
    oldest,
    changes: found.slice(0, CHANGES_PAGE).map((row) => ({ seq: row.id, tags: strings(row.tags), files: strings(row.files) })),
    more: found.length > CHANGES_PAGE,
  };
}
