import { uidOf } from '@portal/common/sections';
import type { Core } from '@strapi/strapi';
import { forbid } from '../workflow/rules';
import { labelOfType } from '../workflow/states';
import { guardRoute, type KoaContext } from './route-guards';

/**
 * Reads that Strapi does not check against the document itself.
 *
 * Strapi's route policies only ask "may this user read articles at all?"; the condition of a role
 * (a teacher reads only the drafts they created, the Tổ CNTT only incident reports) is applied by the
 * content-manager's list and findOne, and forgotten elsewhere: `clone` copies any document for anyone
 * who may create (and answers with the copy's full text), `bulkFindForValidation` returns any draft by
 * id with its author, the relation lists hand out the ids of every related document, a list populates
 * related documents whoever may read them, filters on a relation's fields are an oracle on documents
 * behind it, the homepage counts everyone's drafts, and our item history shows the audit trail of any
 * document. Two answers even carried account credentials: roles and relation candidates, asked to
 * `populate`, came with their users' password hashes and reset tokens.
 *
 * Every guard asks the question Strapi's own list view asks: does the document match the user's read
 * permission, conditions included (the content-manager's permission checker turns the role's rules into
 * a query filter)? A document the user may not read is refused exactly like one that does not exist.
 */

type Query = Record<string, unknown>;
type Row = Record<string, unknown>;
interface PermissionChecker {
  can: { read(entity?: unknown, field?: string): boolean };
  requiresEntity: { read(): boolean };
  sanitizedQuery: { read(query: Query): Promise<Query> };
}
interface Attribute {
  type?: string;
  target?: string;
  component?: string;
  components?: string[];
}
interface Schema {
  uid?: string;
  attributes?: Record<string, Attribute>;
  options?: { draftAndPublish?: boolean };
  pluginOptions?: Record<string, { visible?: boolean } | undefined>;
}

const AUDIT = uidOf('audit-entry');
const ADMIN_USER = 'admin::user';
const MEDIA = 'plugin::upload.file';
const NOT_READABLE = 'Không tìm thấy mục này, hoặc bạn không có quyền xem nó.';
const RELATION_QUERY = 'Không được lọc hoặc sắp xếp theo nội dung liên kết mà bạn không có quyền xem đầy đủ.';
const PUBLIC_RELATION_QUERY = 'API công khai không cho lọc hoặc sắp xếp theo nội dung liên kết có bản nháp.';

function schemaOf(strapi: Core.Strapi, uid: unknown): Schema | undefined {
  if (typeof uid !== 'string') return undefined;
  return strapi.getModel(uid as 'api::article.article') as unknown as Schema | undefined;
}

function isContentType(strapi: Core.Strapi, uid: unknown): uid is string {
  return typeof uid === 'string' && uid in strapi.contentTypes;
}

function checkerFor(strapi: Core.Strapi, ctx: KoaContext, uid: string): PermissionChecker | null {
  const userAbility = ctx.state.userAbility;
  if (!userAbility || !isContentType(strapi, uid)) return null;
  const service = strapi.plugin('content-manager').service('permission-checker') as {
    create(options: { userAbility: unknown; model: string }): PermissionChecker;
  };
  return service.create({ userAbility, model: uid });
}

/** May read every document of the type, whatever its author or state (no condition narrows it). */
function readsWholeType(strapi: Core.Strapi, ctx: KoaContext, uid: string): boolean {
  const checker = checkerFor(strapi, ctx, uid);
  return !!checker && checker.can.read() && !checker.requiresEntity.read();
}

function hasDraftAndPublish(strapi: Core.Strapi, uid: string): boolean {
  return schemaOf(strapi, uid)?.options?.draftAndPublish === true;
}

/**
 * The rows of `uid` matching `filters` that the user may read: the role's conditions become a filter, as
 * in the content-manager's list view. No signed-in admin, or no read permission on the type: nothing.
 */
async function readableRows(strapi: Core.Strapi, ctx: KoaContext, uid: string, filters: Query, select: string[]): Promise<Row[]> {
  const checker = checkerFor(strapi, ctx, uid);
  if (!checker?.can.read()) return [];
  const permissionQuery = await checker.sanitizedQuery.read({});
  const where = { $and: [filters, ...(permissionQuery.filters ? [permissionQuery.filters] : [])] };
  const queryParams = strapi.get('query-params') as { transform(uid: string, params: Query): Query };
  const dbParams = queryParams.transform(uid, { filters: where });
  return (strapi.db.query(uid as 'api::article.article') as unknown as { findMany(params: Query): Promise<Row[]> }).findMany({ ...dbParams, select });
}

async function readableIds(strapi: Core.Strapi, ctx: KoaContext, uid: string, ids: unknown[]): Promise<Set<unknown>> {
  if (ids.length === 0) return new Set();
  return new Set((await readableRows(strapi, ctx, uid, { id: { $in: [...new Set(ids)] } }, ['id'])).map((row) => row.id));
}

/**
 * Whether the user may read every one of these documents. A document with draft & publish is judged by
 * its draft, the version that clone and the validation helpers read.
 */
export async function mayReadDocuments(strapi: Core.Strapi, ctx: KoaContext, uid: string, documentIds: unknown[]): Promise<boolean> {
  const wanted = [...new Set(documentIds)];
  if (wanted.length === 0) return true;
  if (wanted.some((id) => typeof id !== 'string' || id.length === 0)) return false;
  const filters: Query = { documentId: { $in: wanted }, ...(hasDraftAndPublish(strapi, uid) ? { publishedAt: { $null: true } } : {}) };
  const readable = new Set((await readableRows(strapi, ctx, uid, filters, ['documentId'])).map((row) => row.documentId));
  return wanted.every((id) => readable.has(id));
}

async function requireReadable(strapi: Core.Strapi, ctx: KoaContext, uid: unknown, documentIds: unknown[]): Promise<void> {
  if (!isContentType(strapi, uid) || !(await mayReadDocuments(strapi, ctx, uid, documentIds))) throw forbid(NOT_READABLE);
}

function asList(value: unknown): unknown[] {
  if (Array.isArray(value)) return value;
  if (value && typeof value === 'object') return Object.values(value);
  return value === undefined ? [] : [value];
}

// ---------------------------------------------------------------------------------------------------
// Filters and sorts that reach into related documents

type HopCheck = (target: string) => boolean;

/** Walks `filters` of `uid` and throws when a path crosses a relation that `allowed` refuses. */
function checkFilterPaths(strapi: Core.Strapi, uid: string, filters: unknown, allowed: HopCheck, message: string, depth = 0): void {
  if (depth > 20) throw forbid(message);
  if (Array.isArray(filters)) {
    for (const item of filters) checkFilterPaths(strapi, uid, item, allowed, message, depth + 1);
    return;
  }
  if (!filters || typeof filters !== 'object') return;
  const attributes = schemaOf(strapi, uid)?.attributes ?? {};
  for (const [key, value] of Object.entries(filters as Record<string, unknown>)) {
    if (key === '$and' || key === '$or' || key === '$not') {
      checkFilterPaths(strapi, uid, value, allowed, message, depth + 1);
      continue;
    }
    if (key.startsWith('$')) continue; // an operator: its value is data, not a path
    const next = hopTarget(attributes[key], allowed, message);
    if (next) checkFilterPaths(strapi, next, value, allowed, message, depth + 1);
  }
}

/** The schema a path segment leads to, or null for a scalar; throws when the hop is refused. */
function hopTarget(attribute: Attribute | undefined, allowed: HopCheck, message: string): string | null {
  if (!attribute) return null;
  if (attribute.type === 'component') return attribute.component ?? null;
  if (attribute.type === 'media') return MEDIA;
  if (attribute.type === 'dynamiczone') throw forbid(message);
  if (attribute.type !== 'relation') return null;
  if (!attribute.target || !allowed(attribute.target)) throw forbid(message);
  return attribute.target;
}

function sortPaths(sort: unknown, prefix: string[] = []): string[][] {
  if (typeof sort === 'string') {
    return sort
      .split(',')
      .map((part) => part.trim().split(':')[0] ?? '')
      .filter(Boolean)
      .map((path) => [...prefix, ...path.split('.')]);
  }
  if (Array.isArray(sort)) return sort.flatMap((item) => sortPaths(item, prefix));
  if (sort && typeof sort === 'object') {
    return Object.entries(sort as Record<string, unknown>).flatMap(([key, value]) =>
      value && typeof value === 'object' ? sortPaths(value, [...prefix, key]) : [[...prefix, ...key.split('.')]],
    );
  }
  return [];
}

function checkSortPaths(strapi: Core.Strapi, uid: string, sort: unknown, allowed: HopCheck, message: string): void {
  for (const path of sortPaths(sort)) {
    let current: string | null = uid;
    for (const segment of path) {
      if (!current) break;
      current = hopTarget(schemaOf(strapi, current)?.attributes?.[segment], allowed, message);
    }
  }
}

function checkQueryPaths(strapi: Core.Strapi, uid: string, query: Query, allowed: HopCheck, message: string): void {
  if (query.filters !== undefined) checkFilterPaths(strapi, uid, query.filters, allowed, message);
  if (query.sort !== undefined) checkSortPaths(strapi, uid, query.sort, allowed, message);
}

// ---------------------------------------------------------------------------------------------------
// Related documents in answers

function isRow(value: unknown): value is Row & { id: unknown } {
  return !!value && typeof value === 'object' && !Array.isArray(value) && 'id' in value;
}

function objectsOf(value: unknown): Row[] {
  if (Array.isArray(value)) return value.filter((item): item is Row => !!item && typeof item === 'object');
  return value && typeof value === 'object' ? [value as Row] : [];
}

/**
 * Removes, in place, the populated related documents the user may not read (a list populates to-one
 * relations, a `populate` parameter any of them), at every depth, through components and dynamic zones.
 * Authors (admin users) stay: they belong to a document the user may read. Counts stay.
 */
async function pruneRelations(strapi: Core.Strapi, ctx: KoaContext, uid: string, documents: Row[], depth = 0): Promise<void> {
  if (documents.length === 0 || depth > 10) return;
  const attributes = schemaOf(strapi, uid)?.attributes ?? {};
  for (const [name, attribute] of Object.entries(attributes)) {
    const values = documents.map((document) => document[name]).filter((value) => value !== undefined && value !== null);
    if (values.length === 0) continue;
    if (attribute.type === 'component' && attribute.component) {
      await pruneRelations(strapi, ctx, attribute.component, values.flatMap(objectsOf), depth + 1);
    } else if (attribute.type === 'dynamiczone') {
      const items = values.flatMap(objectsOf);
      for (const component of new Set(items.map((item) => String(item.__component)))) {
        await pruneRelations(
          strapi,
          ctx,
          component,
          items.filter((item) => item.__component === component),
          depth + 1,
        );
      }
    } else if (attribute.type === 'relation' && attribute.target !== ADMIN_USER) {
      const rows = values.flatMap(objectsOf).filter(isRow);
      const readable = attribute.target
        ? await readableIds(
            strapi,
            ctx,
            attribute.target,
            rows.map((row) => row.id),
          )
        : new Set<unknown>();
      for (const document of documents) {
        const value = document[name];
        if (Array.isArray(value)) document[name] = value.filter((item) => !isRow(item) || readable.has(item.id));
        else if (isRow(value) && !readable.has(value.id)) document[name] = null;
      }
      if (attribute.target) {
        const kept = documents.flatMap((document) => objectsOf(document[name])).filter(isRow);
        await pruneRelations(strapi, ctx, attribute.target, kept, depth + 1);
      }
    }
  }
}

/** The documents in a content-manager answer: `results` of a list, `data` of one document. */
async function pruneAnswer(strapi: Core.Strapi, ctx: KoaContext, uid: unknown): Promise<void> {
  if (!isContentType(strapi, uid)) return;
  const body = ctx.body as { results?: unknown; data?: unknown } | null;
  if (!body || typeof body !== 'object') return;
  const documents = [...objectsOf(body.results), ...objectsOf(body.data)];
  await pruneRelations(strapi, ctx, uid, documents);
}

// ---------------------------------------------------------------------------------------------------
// Homepage counts and the item history

interface CountRow {
  documentId: string;
  publishedAt: string | null;
  updatedAt: string;
}

/** The homepage's "drafts / published / modified" counts, over the documents this user may read. */
async function countReadableDocuments(strapi: Core.Strapi, ctx: KoaContext) {
  const counts = { draft: 0, published: 0, modified: 0 };
  for (const [uid, model] of Object.entries(strapi.contentTypes)) {
    if ((model as unknown as Schema).pluginOptions?.['content-manager']?.visible === false) continue;
    const rows = (await readableRows(strapi, ctx, uid, {}, ['documentId', 'publishedAt', 'updatedAt'])) as unknown as CountRow[];
    const byDocument = new Map<string, CountRow[]>();
    for (const row of rows) byDocument.set(row.documentId, [...(byDocument.get(row.documentId) ?? []), row]);
    for (const versions of byDocument.values()) {
      if (!hasDraftAndPublish(strapi, uid)) {
        counts.published += 1;
        continue;
      }
      const newest = (published: boolean) =>
        Math.max(
          -Infinity,
          ...versions.filter((version) => (version.publishedAt !== null) === published).map((version) => new Date(version.updatedAt).getTime()),
        );
      const draft = newest(false);
      const published = newest(true);
      if (published === -Infinity) counts.draft += 1;
      else if (draft === published) counts.published += 1;
      else counts.modified += 1;
    }
  }
  return counts;
}

/** The api:: content type a document id belongs to, whatever type the URL names. */
async function typeOfDocument(strapi: Core.Strapi, documentId: string): Promise<string | null> {
  for (const uid of Object.keys(strapi.contentTypes).filter((key) => key.startsWith('api::'))) {
    const found = await strapi.db.query(uid as 'api::article.article').findOne({ where: { documentId }, select: ['id'] });
    if (found) return uid;
  }
  return null;
}

interface RelationBody {
  results?: Row[];
  pagination?: { page?: number; pageSize?: number; pageCount?: number; total?: number };
}

function relationTarget(strapi: Core.Strapi, model: unknown, field: unknown): string | null {
  if (typeof field !== 'string') return null;
  const attribute = schemaOf(strapi, model)?.attributes?.[field];
  return attribute?.type === 'relation' && attribute.target ? attribute.target : null;
}

/**
 * The audit log names who wrote a document and its title. An entry about a document of a type the user
 * does not read entirely is shown only when the user may read that document: the Tổ CNTT keeps the log
 * of everything it reads (all content, accounts, incident reports) but not the other submissions.
 */
async function auditFilter(strapi: Core.Strapi, ctx: KoaContext): Promise<Query | null> {
  const hidden: string[] = [];
  const readable: Query[] = [];
  for (const uid of Object.keys(strapi.contentTypes).filter((key) => key.startsWith('api::') && key !== AUDIT)) {
    if (readsWholeType(strapi, ctx, uid)) continue;
    const names = [...new Set([labelOfType(uid), uid])];
    hidden.push(...names);
    const ids = [...new Set((await readableRows(strapi, ctx, uid, {}, ['documentId'])).map((row) => row.documentId))];
    if (ids.length > 0) readable.push({ contentType: { $in: names }, targetDocumentId: { $in: ids } });
  }
  return hidden.length === 0 ? null : { $or: [{ contentType: { $notIn: hidden } }, ...readable] };
}

function registerAuditReads(strapi: Core.Strapi): void {
  strapi.documents.use(async (context, next) => {
    if (context.uid !== AUDIT || !['findMany', 'findFirst', 'findOne', 'count'].includes(context.action)) return next();
    const ctx = strapi.requestContext.get() as KoaContext | undefined;
    if (!ctx?.state?.userAbility) return next();
    const filter = await auditFilter(strapi, ctx);
    if (filter) {
      const params = context.params as { filters?: Query };
      params.filters = params.filters ? { $and: [params.filters, filter] } : filter;
    }
    return next();
  });
}

const CM = 'content-manager';
/** Content-manager routes that answer with documents of `:model`. */
const DOCUMENT_ANSWERS = [
  ...['find', 'findOne', 'create', 'update', 'clone', 'autoClone', 'publish', 'unpublish', 'discard', 'bulkFindForValidation'].map(
    (name) => `${CM}.collection-types.${name}`,
  ),
  ...['find', 'createOrUpdate', 'publish', 'unpublish', 'discard'].map((name) => `${CM}.single-types.${name}`),
];
/** Content-manager routes whose query may filter or sort `:model`. */
const QUERIED = [`${CM}.collection-types.find`, `${CM}.collection-types.findOne`, `${CM}.single-types.find`];

/** Attaches the read guards. Call from register(), after installRouteGuards. */
export function registerReadGuards(strapi: Core.Strapi): void {
  registerAuditReads(strapi);

  // Clone and auto-clone: Strapi checks "may create", then copies any document, whoever wrote it.
  guardRoute([`${CM}.collection-types.clone`, `${CM}.collection-types.autoClone`], async (ctx, next) => {
    await requireReadable(strapi, ctx, ctx.params.model, [ctx.params.sourceId]);
    return next();
  });

  // The publish dialog's validation helper returns whole drafts by id, with their authors.
  guardRoute(`${CM}.collection-types.bulkFindForValidation`, async (ctx, next) => {
    const body = (ctx.request.body ?? {}) as { documentIds?: unknown };
    await requireReadable(strapi, ctx, ctx.params.model, asList(body.documentIds));
    return next();
  });

  // Counts of a document's unpublished relations: about given documents, so only for their readers.
  guardRoute(`${CM}.collection-types.countDraftRelations`, async (ctx, next) => {
    await requireReadable(strapi, ctx, ctx.params.model, [ctx.params.id]);
    return next();
  });
  guardRoute(`${CM}.collection-types.countManyEntriesDraftRelations`, async (ctx, next) => {
    await requireReadable(strapi, ctx, ctx.params.model, asList(ctx.query.documentIds));
    return next();
  });

  // Content history (paid; the routes exist only with a licence): a version is a whole copy.
  guardRoute(`${CM}.history-version.findMany`, async (ctx, next) => {
    await requireReadable(strapi, ctx, ctx.query.contentType, [ctx.query.documentId]);
    return next();
  });

  // Preview links: only for a document the user may read (our handler narrows it to author and BGH).
  // Answered as Strapi answers "no preview for this document": 204, no link.
  guardRoute(`${CM}.preview.getPreviewUrl`, async (ctx, next) => {
    if (
      ctx.query.documentId !== undefined &&
      !(isContentType(strapi, ctx.params.contentType) && (await mayReadDocuments(strapi, ctx, ctx.params.contentType, [ctx.query.documentId])))
    ) {
      ctx.status = 204;
      ctx.body = null;
      return;
    }
    return next();
  });

  // i18n helpers that copy a document's fields into another locale; AI jobs name a document.
  guardRoute('i18n.content-types.getFillFromLocaleData', async (ctx, next) => {
    await requireReadable(strapi, ctx, ctx.params.model, [ctx.query.documentId]);
    return next();
  });
  guardRoute('i18n.content-types.getNonLocalizedAttributes', async (ctx, next) => {
    const body = (ctx.request.body ?? {}) as { model?: unknown; id?: unknown };
    if (!isContentType(strapi, body.model) || !(await readableIds(strapi, ctx, body.model, [body.id])).has(body.id)) throw forbid(NOT_READABLE);
    return next();
  });
  guardRoute('i18n.ai-localization-jobs.getJobForCollectionType', async (ctx, next) => {
    await requireReadable(strapi, ctx, ctx.params.contentType, [ctx.params.documentId]);
    return next();
  });

  // Lists and single documents: a filter or sort on a related document's fields answers "does some
  // related document say X?", so it is only allowed into types the user reads entirely; and the related
  // documents populated into the answer are cut to those the user may read.
  guardRoute(QUERIED, async (ctx, next) => {
    const model = ctx.params.model;
    if (isContentType(strapi, model))
      checkQueryPaths(strapi, model, ctx.query, (target) => target === ADMIN_USER || readsWholeType(strapi, ctx, target), RELATION_QUERY);
    return next();
  });
  guardRoute(DOCUMENT_ANSWERS, async (ctx, next) => {
    await next();
    await pruneAnswer(strapi, ctx, ctx.params.model);
  });

  // Relations one may add: Strapi filters the candidates by the user's conditions, but when the user
  // may not read the target type at all it filters nothing and lists every document.
  guardRoute(`${CM}.relations.findAvailable`, async (ctx, next) => {
    // The candidates go out unsanitized: `populate` brought their authors with password hashes. The
    // relation picker never sends it.
    if (ctx.query.populate !== undefined) throw forbid('Danh sách liên kết không nhận tham số populate.');
    const target = relationTarget(strapi, ctx.params.model, ctx.params.targetField);
    if (target && target !== ADMIN_USER) {
      if (!checkerFor(strapi, ctx, target)?.can.read()) throw forbid('Bạn không có quyền xem loại nội dung được liên kết ở trường này.');
      checkQueryPaths(strapi, target, ctx.query, (hop) => hop === ADMIN_USER || readsWholeType(strapi, ctx, hop), RELATION_QUERY);
    }
    // The edit view sends `id=` (empty) while the document is being created.
    if (ctx.query.id !== undefined && ctx.query.id !== '' && isContentType(strapi, ctx.params.model)) {
      await requireReadable(strapi, ctx, ctx.params.model, [ctx.query.id]);
    }
    return next();
  });

  // Relations already set: Strapi adds the id, documentId and dates of every related document, readable
  // or not. Only readable ones stay.
  guardRoute(`${CM}.relations.findExisting`, async (ctx, next) => {
    if (isContentType(strapi, ctx.params.model)) await requireReadable(strapi, ctx, ctx.params.model, [ctx.params.id]);
    await next();
    const target = relationTarget(strapi, ctx.params.model, ctx.params.targetField);
    const body = ctx.body as RelationBody | undefined;
    if (!target || target === ADMIN_USER || !body?.results) return;
    const readable = await readableIds(
      strapi,
      ctx,
      target,
      body.results.map((row) => row.id),
    );
    const kept = body.results.filter((row) => readable.has(row.id));
    const removed = body.results.length - kept.length;
    if (removed === 0) return;
    const pagination = body.pagination ?? {};
    const total = Math.max(0, (pagination.total ?? body.results.length) - removed);
    ctx.body = { ...body, results: kept, pagination: { ...pagination, total, pageCount: Math.ceil(total / (pagination.pageSize || 10)) } };
  });

  // Roles list their users when asked to populate them, with every column of the user table: password
  // hashes, reset and registration tokens included (Strapi sanitizes nothing on this path). The admin panel
  // never asks; whoever holds admin::roles.read (the Tổ CNTT) must not get them.
  guardRoute(['admin.role.findAll', 'admin.role.findOne', 'admin.role.getPermissions'], async (ctx, next) => {
    if (ctx.query.populate !== undefined) throw forbid('Danh sách vai trò không kèm tài khoản người dùng; hãy xem tài khoản ở mục Người dùng.');
    return next();
  });

  // The homepage widget counts drafts of every readable type, ignoring the role's conditions.
  guardRoute(`${CM}.homepage.getCountDocuments`, async (ctx) => {
    ctx.body = { data: await countReadableDocuments(strapi, ctx) };
  });

  // Our item history: the audit trail names who wrote and who reviewed a document, with its title. The
  // document must be readable (looked up by id in every type, so naming another type in the URL does
  // not help), and only audit entries the user may read are returned.
  guardRoute('GET /workflow/history/:uid/:documentId', async (ctx, next) => {
    const documentId = String(ctx.params.documentId ?? '');
    const uid = await typeOfDocument(strapi, documentId);
    if (uid) await requireReadable(strapi, ctx, uid, [documentId]);
    await next();
    const body = ctx.body as { data?: Row[] } | undefined;
    if (!Array.isArray(body?.data)) return;
    const filter = await auditFilter(strapi, ctx);
    const ids = { id: { $in: body.data.map((entry) => entry.id) } };
    const readable = new Set((await readableRows(strapi, ctx, AUDIT, filter ? { $and: [ids, filter] } : ids, ['id'])).map((row) => row.id));
    ctx.body = { ...body, data: body.data.filter((entry) => readable.has(entry.id)) };
  });

  // Content history: a version holds a document's whole content, so its versions are read (and restored)
  // only by who may read the document itself, looked up by id in every type as above.
  guardRoute(
    [
      'GET /workflow/versions/:uid/:documentId',
      'GET /workflow/versions/:uid/:documentId/:version',
      'POST /workflow/versions/:uid/:documentId/:version/restore',
    ],
    async (ctx, next) => {
      const documentId = String(ctx.params.documentId ?? '');
      const uid = await typeOfDocument(strapi, documentId);
      if (uid) await requireReadable(strapi, ctx, uid, [documentId]);
      await next();
    },
  );

  // The public API: a filter or sort through a relation into a type with drafts matches the drafts too
  // (Strapi applies `status` to the documents listed, not to the related ones a filter walks through),
  // so "categories with an article titled X" reveals unpublished titles. The site never needs it.
  for (const uid of Object.keys(strapi.contentTypes).filter((key) => key.startsWith('api::'))) {
    guardRoute([`${uid}.find`, `${uid}.findOne`], async (ctx, next) => {
      checkQueryPaths(strapi, uid, ctx.query, (target) => !hasDraftAndPublish(strapi, target), PUBLIC_RELATION_QUERY);
      return next();
    });
  }
}
