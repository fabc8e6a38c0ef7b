import { uidOf } from '@portal/common/sections';
import type { Core } from '@strapi/strapi';
import { repeatInBackground } from '../db/background';
import { adminLink, emailOfUser, publicLink, sendLater } from '../notify/notifier';
import type { Actor } from './actor';
import { writeAudit } from './audit';
import { forbid, invalid, titleOf } from './rules';
import { isReviewed, labelOfType, PUBLISHED_LABEL, reviewStateLabel, STATES } from './states';
import { formatScheduleTime } from './status';

/**
 * Scheduled publishing: the Ban giám hiệu approves an item with a publish time (and, if wanted, a time
 * to take it down). Each planned step is one row of the internal publication-schedule type; a timer in
 * the CMS runs the rows that are due. A row is claimed by one UPDATE … WHERE status = 'waiting', so a
 * step runs once even with two CMS processes or a timer tick that overlaps the previous one, and rows
 * live in the database, so a restart neither loses nor repeats them.
 */

export const SCHEDULE_UID = uidOf('publication-schedule');

export const SCHEDULE_STATUS = { waiting: 'waiting', running: 'running', done: 'done', failed: 'failed', cancelled: 'cancelled' } as const;
export type ScheduleKind = 'publish' | 'unpublish';

export interface ScheduleRow {
  id: number;
  targetUid: string;
  targetDocumentId: string;
  targetTitle: string | null;
  kind: ScheduleKind;
  runAt: string;
  status: string;
  claimedAt: string | null;
  requestedById: number | null;
  requestedByName: string | null;
  authorId: number | null;
  outcome: string | null;
}

interface DocRow {
  documentId: string;
  reviewState?: string | null;
  title?: string;
  number?: string;
  docType?: string;
  weekStart?: string;
  ageGroup?: string;
  slug?: string | null;
  publishedAt?: string | null;
  createdBy?: { id: number } | null;
}

/** Steps closer than this to "now" are refused: the page the Ban giám hiệu filled in is already late. */
const MIN_LEAD_MS = 1_000;
const DEFAULT_INTERVAL_MS = 30_000;

const schedules = (strapi: Core.Strapi) => strapi.db.query(SCHEDULE_UID);

async function draftRow(strapi: Core.Strapi, uid: string, documentId: string): Promise<DocRow | null> {
  return (await strapi.db.query(uid as 'api::article.article').findOne({ where: { documentId, publishedAt: null }, populate: ['createdBy'] })) as DocRow | null;
}

async function publishedRow(strapi: Core.Strapi, uid: string, documentId: string): Promise<DocRow | null> {
  return (await strapi.db.query(uid as 'api::article.article').findOne({ where: { documentId, publishedAt: { $notNull: true } } })) as DocRow | null;
}

function instantOf(value: unknown, what: string): Date {
  const date = typeof value === 'string' || typeof value === 'number' ? new Date(value) : null;
  if (!date || Number.isNaN(date.getTime())) throw invalid(`${what} không hợp lệ. Hãy chọn ngày và giờ.`);
  return date;
}

/** Waiting steps, for the edit view and the list (one document, or all of them). */
export async function waitingSchedules(strapi: Core.Strapi, target?: { uid: string; documentId: string }): Promise<ScheduleRow[]> {
  return (await schedules(strapi).findMany({
    where: { status: SCHEDULE_STATUS.waiting, ...(target ? { targetUid: target.uid, targetDocumentId: target.documentId } : {}) },
    orderBy: { runAt: 'asc' },
    limit: 500,
  })) as ScheduleRow[];
}

async function cancelWaiting(strapi: Core.Strapi, uid: string, documentId: string, kinds: ScheduleKind[], outcome: string): Promise<number> {
  const { count } = (await schedules(strapi).updateMany({
    where: { targetUid: uid, targetDocumentId: documentId, kind: { $in: kinds }, status: SCHEDULE_STATUS.waiting },
    data: { status: SCHEDULE_STATUS.cancelled, doneAt: new Date(), outcome },
  })) as { count: number };
  return count;
}

/**
 * "Duyệt và hẹn giờ đăng": approves the item if it waits for review (through the document service, so the
 * usual rules, audit entry and e-mail apply) and plans its publication, replacing any earlier plan.
 */
export async function scheduleDocument(
  strapi: Core.Strapi,
  actor: Actor,
  input: { uid: unknown; documentId: unknown; publishAt: unknown; unpublishAt?: unknown },
): Promise<ScheduleRow[]> {
  if (!actor.isLeadership) throw forbid('Chỉ Ban giám hiệu được hẹn giờ đăng.');
  const uid = String(input.uid ?? '');
  const documentId = String(input.documentId ?? '');
  if (!isReviewed(uid)) throw invalid('Loại nội dung này không hẹn giờ đăng được.');
  const publishAt = instantOf(input.publishAt, 'Thời điểm đăng');
  if (publishAt.getTime() < Date.now() + MIN_LEAD_MS) throw invalid('Thời điểm đăng phải ở tương lai (giờ Việt Nam). Hãy chọn một thời điểm muộn hơn.');
  const unpublishAt =
    input.unpublishAt === undefined || input.unpublishAt === null || input.unpublishAt === '' ? null : instantOf(input.unpublishAt, 'Thời điểm gỡ');
  if (unpublishAt && unpublishAt.getTime() <= publishAt.getTime()) throw invalid('Thời điểm gỡ phải sau thời điểm đăng.');

  const row = await draftRow(strapi, uid, documentId);
  if (!row) throw invalid('Không tìm thấy mục cần hẹn giờ đăng.');
  const state = row.reviewState ?? STATES.draft;
  if (state === STATES.pending) {
    await strapi.documents(uid as 'api::article.article').update({ documentId, data: { reviewState: STATES.approved } as never });
  } else if (state !== STATES.approved) {
    throw invalid(`Chỉ hẹn giờ đăng được mục đang chờ duyệt hoặc đã duyệt; mục này đang ở trạng thái "${reviewStateLabel(state)}".`);
  }

  await cancelWaiting(strapi, uid, documentId, ['publish', 'unpublish'], 'Thay bằng lịch hẹn mới.');
  const base = {
    targetUid: uid,
    targetDocumentId: documentId,
    targetTitle: titleOf(row).slice(0, 300),
    status: SCHEDULE_STATUS.waiting,
    requestedById: actor.id,
    requestedByName: actor.name,
    authorId: row.createdBy?.id ?? null,
  };
  const created = [(await schedules(strapi).create({ data: { ...base, kind: 'publish', runAt: publishAt } })) as ScheduleRow];
  if (unpublishAt) created.push((await schedules(strapi).create({ data: { ...base, kind: 'unpublish', runAt: unpublishAt } })) as ScheduleRow);
  await writeAudit(strapi, {
    actor,
    contentType: uid,
    documentId,
    title: titleOf(row),
    authorId: row.createdBy?.id ?? null,
    action: 'Hẹn giờ đăng',
    from: STATES.approved,
    note: `Đăng lúc ${formatScheduleTime(publishAt)}${unpublishAt ? `; gỡ lúc ${formatScheduleTime(unpublishAt)}` : ''} (giờ Việt Nam).`,
  });
  return created;
}

/** Cancels one waiting step (Ban giám hiệu). */
export async function cancelSchedule(strapi: Core.Strapi, actor: Actor, id: number): Promise<ScheduleRow> {
  if (!actor.isLeadership) throw forbid('Chỉ Ban giám hiệu được hủy lịch đăng.');
  const row = (await schedules(strapi).findOne({ where: { id } })) as ScheduleRow | null;
  if (!row) throw invalid('Không tìm thấy lịch đăng.');
  const { count } = (await schedules(strapi).updateMany({
    where: { id, status: SCHEDULE_STATUS.waiting },
    data: { status: SCHEDULE_STATUS.cancelled, doneAt: new Date(), outcome: `Hủy bởi ${actor.name}.` },
  })) as { count: number };
  if (count !== 1) throw invalid('Lịch này đã chạy hoặc đã được hủy.');
  await writeAudit(strapi, {
    actor,
    contentType: row.targetUid,
    documentId: row.targetDocumentId,
    title: row.targetTitle,
    authorId: row.authorId,
    action: row.kind === 'publish' ? 'Hủy hẹn giờ đăng' : 'Hủy hẹn giờ gỡ',
    note: `Lịch lúc ${formatScheduleTime(row.runAt)}.`,
  });
  return { ...row, status: SCHEDULE_STATUS.cancelled };
}

function mailAuthor(strapi: Core.Strapi, row: ScheduleRow, doc: DocRow | null, what: string): void {
  void (async () => {
    const to = await emailOfUser(strapi, row.authorId);
    const link = (row.kind === 'publish' ? publicLink(row.targetUid, doc?.slug) : null) ?? adminLink(row.targetUid, row.targetDocumentId);
    sendLater(strapi, {
      to,
      subject: `[${what}] ${labelOfType(row.targetUid)}: ${row.targetTitle ?? ''}`,
      text: `Kính gửi thầy/cô,\n\nMục "${row.targetTitle ?? ''}" (${labelOfType(row.targetUid)}) ${what === 'Đã đăng' ? 'đã được đăng lên cổng thông tin' : 'đã được gỡ khỏi cổng thông tin'} theo lịch Ban giám hiệu đã hẹn (${formatScheduleTime(row.runAt)}).\n\n${row.kind === 'publish' ? 'Xem trên trang' : 'Xem tại'}: ${link}\n\nCổng thông tin điện tử Trường Mầm non Hiệp Hòa`,
    });
  })().catch((error: unknown) => strapi.log.error(`[lịch đăng] Không gửi được thư báo: ${error instanceof Error ? error.message : String(error)}`));
}

/** Does one claimed step; returns what happened (the row's outcome) and whether it was carried out. */
async function execute(strapi: Core.Strapi, row: ScheduleRow): Promise<{ status: string; outcome: string }> {
  const uid = row.targetUid as 'api::article.article';
  const audit = (action: string, from: string | null, to: string | null, note: string) =>
    writeAudit(strapi, {
      actor: null,
      contentType: uid,
      documentId: row.targetDocumentId,
      title: row.targetTitle,
      authorId: row.authorId,
      action,
      from,
      to,
      note,
    });
  if (row.kind === 'publish') {
    const draft = await draftRow(strapi, uid, row.targetDocumentId);
    if (!draft) return { status: SCHEDULE_STATUS.cancelled, outcome: 'Mục đã bị xóa.' };
    if (draft.reviewState !== STATES.approved) {
      // Changed after it was approved (a staff edit, a returned item): a new review comes first.
      const outcome = `Không đăng: mục đang ở trạng thái "${reviewStateLabel(draft.reviewState)}", cần duyệt lại.`;
      await audit('Hủy hẹn giờ đăng', draft.reviewState ?? null, null, outcome);
      return { status: SCHEDULE_STATUS.cancelled, outcome };
    }
    // No person behind this call: the review rules let it through, the cache purge follows as for any publish.
    await strapi.documents(uid).publish({ documentId: row.targetDocumentId });
    await audit('Đăng theo lịch', STATES.approved, PUBLISHED_LABEL, `Hẹn lúc ${formatScheduleTime(row.runAt)} bởi ${row.requestedByName ?? 'Ban giám hiệu'}.`);
    mailAuthor(strapi, row, await publishedRow(strapi, uid, row.targetDocumentId), 'Đã đăng');
    return { status: SCHEDULE_STATUS.done, outcome: 'Đã đăng.' };
  }
  if (!(await publishedRow(strapi, uid, row.targetDocumentId))) return { status: SCHEDULE_STATUS.done, outcome: 'Mục đã không còn được đăng.' };
  await strapi.documents(uid).unpublish({ documentId: row.targetDocumentId });
  await audit('Gỡ đăng theo lịch', PUBLISHED_LABEL, null, `Hẹn lúc ${formatScheduleTime(row.runAt)} bởi ${row.requestedByName ?? 'Ban giám hiệu'}.`);
  mailAuthor(strapi, row, null, 'Đã gỡ');
  return { status: SCHEDULE_STATUS.done, outcome: 'Đã gỡ.' };
}

/** Runs every due step once. Returns how many this process carried out. */
export async function runDueSchedules(strapi: Core.Strapi, now = new Date()): Promise<number> {
  const due = (await schedules(strapi).findMany({
    where: { status: SCHEDULE_STATUS.waiting, runAt: { $lte: now } },
    orderBy: { runAt: 'asc' },
    limit: 50,
  })) as ScheduleRow[];
  let ran = 0;
  for (const row of due) {
    const claimedAt = new Date();
    const { count } = (await schedules(strapi).updateMany({
      where: { id: row.id, status: SCHEDULE_STATUS.waiting },
      data: { status: SCHEDULE_STATUS.running, claimedAt },
    })) as { count: number };
    if (count !== 1) continue; // another process (or tick) has it
    let result: { status: string; outcome: string };
    try {
      result = await execute(strapi, row);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      strapi.log.error(`[lịch đăng] Không ${row.kind === 'publish' ? 'đăng' : 'gỡ'} được "${row.targetTitle}" theo lịch: ${reason}`);
      result = { status: SCHEDULE_STATUS.failed, outcome: reason.slice(0, 2000) };
    }
    await schedules(strapi).update({ where: { id: row.id }, data: { status: result.status, outcome: result.outcome, doneAt: new Date() } });
    if (result.status === SCHEDULE_STATUS.done) ran += 1;
  }
  return ran;
}

/**
 * A step claimed by a process that stopped before recording the result: finished if its effect is
 * visible (published since the claim, or no longer published), otherwise waiting again.
 */
export async function recoverInterrupted(strapi: Core.Strapi): Promise<void> {
  const stuck = (await schedules(strapi).findMany({ where: { status: SCHEDULE_STATUS.running } })) as ScheduleRow[];
  for (const row of stuck) {
    const published = await publishedRow(strapi, row.targetUid, row.targetDocumentId);
    const claimed = row.claimedAt ? Date.parse(row.claimedAt) : 0;
    const happened = row.kind === 'publish' ? Boolean(published?.publishedAt && Date.parse(published.publishedAt) >= claimed - 1_000) : published === null;
    await schedules(strapi).update({
      where: { id: row.id },
      data: happened
        ? { status: SCHEDULE_STATUS.done, doneAt: new Date(), outcome: 'Đã xong trước khi máy chủ khởi động lại.' }
        : { status: SCHEDULE_STATUS.waiting, claimedAt: null },
    });
  }
}

let timer: NodeJS.Timeout | null = null;
const WRITES = ['create', 'update', 'delete', 'publish', 'unpublish', 'discardDraft', 'clone'];

/** The timer that runs due steps (SCHEDULE_INTERVAL_MS, default 30 s); first run right after start-up. */
export async function startScheduler(strapi: Core.Strapi): Promise<void> {
  await recoverInterrupted(strapi);
  const interval = Math.max(200, Number(process.env.SCHEDULE_INTERVAL_MS) || DEFAULT_INTERVAL_MS);
  timer = repeatInBackground(strapi, 'lịch đăng', interval, () => runDueSchedules(strapi));
}

export function stopScheduler(): void {
  if (timer) clearInterval(timer);
  timer = null;
}

/**
 * The schedule type is written by this module only (query engine), never through the document service:
 * no role, token or route can create or change a step. A person publishing by hand makes a waiting
 * publish step pointless, so it is cancelled.
 */
export function registerScheduleGuards(strapi: Core.Strapi, isPerson: () => boolean): void {
  type Middleware = Parameters<typeof strapi.documents.use>[0];
  const middleware = async (context: { uid: string; action: string; params?: { documentId?: string } }, next: () => Promise<unknown>) => {
    if (context.uid === SCHEDULE_UID && WRITES.includes(context.action)) {
      throw forbid('Lịch đăng chỉ được đặt hoặc hủy trong khung "Duyệt nội dung" của Ban giám hiệu.');
    }
    const result = await next();
    if (context.action === 'publish' && isReviewed(context.uid) && context.params?.documentId && isPerson()) {
      await cancelWaiting(strapi, context.uid, context.params.documentId, ['publish'], 'Đã được đăng trước giờ hẹn.');
    }
    return result;
  };
  strapi.documents.use(middleware as unknown as Middleware);
}
