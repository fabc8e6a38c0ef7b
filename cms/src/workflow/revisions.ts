/**
 * Content history: every saved version of every reviewed item (who, when, which review step), compared
 * field by field and restorable as a new draft that goes through review again. The workflow rules
 * (./rules.ts) record a version after each write they let through; the admin reads them through
 * /workflow/versions/… (./routes.ts). Versions are written with the query engine only: the document
 * service refuses every write to them, so no account can forge or erase one.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { uidOf } from '@portal/common/sections';
import type { Core } from '@strapi/strapi';
import { CONTENT_TYPE_LABELS } from '../admin-labels/labels';
import type { Actor } from './actor';
import { canonical, type FieldDiff, type Snapshot, snapshotDiff } from './revision-diff';
import { reviewStateLabel } from './states';
import { titleOf } from './titles';

export const REVISION_UID = uidOf('revision');

/** Fields that are not the item's content: the workflow and Strapi keep them. */
const NOT_CONTENT = new Set([
  'id',
  'documentId',
  'createdAt',
  'updatedAt',
  'publishedAt',
  'createdBy',
  'updatedBy',
  'locale',
  'localizations',
  'reviewState',
  'reviewNote',
  'firstPublishedAt',
  'changePublishedAt',
]);

interface Attribute {
  type: string;
  multiple?: boolean;
  relation?: string;
  target?: string;
  mappedBy?: string;
  repeatable?: boolean;
}

type Row = Record<string, unknown> & { documentId: string; reviewState?: string | null; createdBy?: { id: number } | null };

export interface RevisionRow {
  id: number;
  contentType: string;
  targetDocumentId: string;
  version: number;
  at: string;
  actorName: string;
  actorRole: string | null;
  action: string;
  stateCode: string | null;
  published: boolean;
  title: string | null;
  targetAuthorId: number | null;
  snapshot: Snapshot;
}

/** The content attributes a version keeps: owned relations only (the other side is another item's content). */
function contentAttributes(strapi: Core.Strapi, uid: string): [string, Attribute][] {
  const attributes = (strapi.contentType(uid as never) as unknown as { attributes: Record<string, Attribute> }).attributes;
  return Object.entries(attributes).filter(([name, attribute]) => !NOT_CONTENT.has(name) && !(attribute.type === 'relation' && attribute.mappedBy));
}

function media(value: unknown): unknown {
  const one = (file: unknown) => {
    const f = file as { id: number; name?: string };
    return { $media: f.id, name: f.name ?? '' };
  };
  if (Array.isArray(value)) return value.map(one);
  return value ? one(value) : null;
}

function relation(value: unknown): unknown {
  const one = (row: unknown) => ({ $doc: (row as { documentId: string }).documentId, label: titleOf(row as Record<string, unknown>) });
  if (Array.isArray(value)) return value.map(one);
  return value ? one(value) : null;
}

/** A component's values without the ids Strapi gives each copy (a restore makes new ones). */
function component(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(component);
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).filter(([key]) => key !== 'id'));
  return value ?? null;
}

/** The draft of an item as a version keeps it, with its author; null when the item has no draft (deleted). */
async function loadDraft(strapi: Core.Strapi, uid: string, documentId: string): Promise<{ row: Row; snapshot: Snapshot } | null> {
  const attributes = contentAttributes(strapi, uid);
  const populate = [...attributes.filter(([, a]) => ['media', 'relation', 'component', 'dynamiczone'].includes(a.type)).map(([name]) => name), 'createdBy'];
  const row = (await strapi.db.query(uid as 'api::article.article').findOne({ where: { documentId, publishedAt: null }, populate })) as Row | null;
  if (!row) return null;
  const snapshot: Snapshot = {};
  for (const [name, attribute] of attributes) {
    const value = row[name];
    if (attribute.type === 'media') snapshot[name] = media(value);
    else if (attribute.type === 'relation') snapshot[name] = relation(value);
    else if (attribute.type === 'component' || attribute.type === 'dynamiczone') snapshot[name] = component(value);
    else snapshot[name] = value ?? null;
  }
  return { row, snapshot };
}

/** A restore in progress: the workflow records it under its own name and sends the item back to Nháp. */
export const restoring = new AsyncLocalStorage<{ version: number }>();

/**
 * Records the item's current draft as a new version, unless nothing in it changed since the last one
 * (the admin saves the form before each review step): a publish is always recorded.
 */
export async function recordRevision(
  strapi: Core.Strapi,
  uid: string,
  documentId: string | undefined,
  actor: Actor | null,
  action: string,
  published = false,
): Promise<void> {
  if (!documentId) return;
  const draft = await loadDraft(strapi, uid, documentId);
  if (!draft) return;
  const last = (await strapi.db.query(REVISION_UID).findOne({
    where: { contentType: uid, targetDocumentId: documentId },
    orderBy: { version: 'desc' },
  })) as RevisionRow | null;
  const state = draft.row.reviewState ?? null;
  if (!published && last && last.stateCode === state && canonical(last.snapshot) === canonical(draft.snapshot)) return;
  await strapi.db.query(REVISION_UID).create({
    data: {
      contentType: uid,
      targetDocumentId: documentId,
      version: (last?.version ?? 0) + 1,
      at: new Date(),
      actorName: actor?.name ?? 'Hệ thống',
      actorId: actor?.id ?? null,
      actorRole: actor?.roleNames.join(', ') || (actor ? null : 'Hệ thống'),
      targetAuthorId: draft.row.createdBy?.id ?? null,
      action,
      stateCode: state,
      published,
      title: titleOf(draft.row).slice(0, 300),
      snapshot: draft.snapshot,
    },
  });
}

/** Who may read an item's versions: the Ban giám hiệu and the Tổ CNTT all, staff those of their own items. */
function visibleTo(actor: Actor): Record<string, unknown> {
  return actor.isLeadership || actor.isIt ? {} : { targetAuthorId: actor.id ?? -1 };
}

export async function listRevisions(strapi: Core.Strapi, actor: Actor, uid: string, documentId: string) {
  const rows = (await strapi.db.query(REVISION_UID).findMany({
    where: { contentType: uid, targetDocumentId: documentId, ...visibleTo(actor) },
    select: ['version', 'at', 'actorName', 'actorRole', 'action', 'stateCode', 'published', 'title'],
    orderBy: { version: 'desc' },
    limit: 1000,
  })) as Omit<RevisionRow, 'snapshot'>[];
  return rows.map((row) => ({ ...row, reviewStateLabel: reviewStateLabel(row.stateCode) }));
}

async function findRevision(strapi: Core.Strapi, actor: Actor, uid: string, documentId: string, version: number): Promise<RevisionRow | null> {
  return (await strapi.db
    .query(REVISION_UID)
    .findOne({ where: { contentType: uid, targetDocumentId: documentId, version, ...visibleTo(actor) } })) as RevisionRow | null;
}

const meta = ({ snapshot: _, ...row }: RevisionRow) => ({ ...row, reviewStateLabel: reviewStateLabel(row.stateCode) });

/**
 * Version `version` against `against` (by default the version before it; the first one against nothing),
 * field by field with the admin's labels. Null when either version is not there for this account.
 */
export async function compareRevisions(
  strapi: Core.Strapi,
  actor: Actor,
  uid: string,
  documentId: string,
  version: number,
  against?: number,
): Promise<{ older: ReturnType<typeof meta> | null; newer: ReturnType<typeof meta>; fields: FieldDiff[] } | null> {
  const newer = await findRevision(strapi, actor, uid, documentId, version);
  if (!newer) return null;
  let older: RevisionRow | null = null;
  if (against !== undefined) {
    older = await findRevision(strapi, actor, uid, documentId, against);
    if (!older) return null;
  } else if (version > 1) {
    older = (await strapi.db.query(REVISION_UID).findOne({
      where: { contentType: uid, targetDocumentId: documentId, version: { $lt: version } },
      orderBy: { version: 'desc' },
    })) as RevisionRow | null;
  }
  const labels = CONTENT_TYPE_LABELS[uid]?.fields ?? {};
  return { older: older ? meta(older) : null, newer: meta(newer), fields: snapshotDiff(older?.snapshot ?? {}, newer.snapshot, labels) };
}

/** Ids of the rows of `uid` among `ids` that still exist. */
async function existing(strapi: Core.Strapi, uid: string, key: 'id' | 'documentId', ids: (number | string)[]): Promise<Set<number | string>> {
  if (ids.length === 0) return new Set();
  const rows = (await strapi.db.query(uid as 'plugin::upload.file').findMany({ where: { [key]: { $in: ids } }, select: [key] })) as Record<
    string,
    number | string
  >[];
  return new Set(rows.map((row) => row[key] as number | string));
}

/**
 * The document-service data that puts a version back: files by id and related items by documentId, each
 * only if it still exists (a file or item deleted since is left out rather than failing the restore).
 */
export async function restoreData(strapi: Core.Strapi, uid: string, snapshot: Snapshot): Promise<Record<string, unknown>> {
  const data: Record<string, unknown> = {};
  for (const [name, attribute] of contentAttributes(strapi, uid)) {
    if (!(name in snapshot)) continue;
    const value = snapshot[name];
    if (attribute.type === 'media') {
      const list = (Array.isArray(value) ? value : value ? [value] : []) as { $media: number }[];
      const alive = await existing(
        strapi,
        'plugin::upload.file',
        'id',
        list.map((file) => file.$media),
      );
      const ids = list.map((file) => file.$media).filter((id) => alive.has(id));
      data[name] = attribute.multiple ? ids : (ids[0] ?? null);
    } else if (attribute.type === 'relation') {
      const list = (Array.isArray(value) ? value : value ? [value] : []) as { $doc: string }[];
      const alive = await existing(
        strapi,
        attribute.target as string,
        'documentId',
        list.map((doc) => doc.$doc),
      );
      const ids = list.map((doc) => doc.$doc).filter((id) => alive.has(id));
      data[name] = Array.isArray(value) ? ids : (ids[0] ?? null);
    } else {
      data[name] = value;
    }
  }
  return data;
}

export async function revisionToRestore(strapi: Core.Strapi, actor: Actor, uid: string, documentId: string, version: number): Promise<RevisionRow | null> {
  return findRevision(strapi, actor, uid, documentId, version);
}
