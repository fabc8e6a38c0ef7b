import { uidOf } from '@portal/common/sections';
import { dayText } from '@portal/common/work-week';
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { ROLE_CODES, SUPER_ADMIN_CODE } from '../access/roles';
import { adminLink, COMPOSED_TYPES, composeLink, emailOfUser, emailsOfRole, publicLink, sendLater, sendLaterUnlessPublished } from '../notify/notifier';
import { type Actor, currentActor } from './actor';
import { writeAudit } from './audit';
import {
  findTransition,
  isReviewed,
  labelOfType,
  PUBLISHED_LABEL,
  type ReviewedType,
  type ReviewState,
  reviewStateLabel,
  STATES,
  type Transition,
  toReviewState,
} from './states';
import { submissionRules } from './submissions';

type Data = Record<string, unknown>;
interface Row {
  id: number;
  documentId: string;
  reviewState?: ReviewState | null;
  reviewNote?: string | null;
  title?: string;
  slug?: string | null;
  number?: string;
  docType?: string;
  weekStart?: string;
  ageGroup?: string;
  createdBy?: { id: number } | null;
}
interface Context {
  uid: string;
  action: string;
  params: { documentId?: string; data?: Data; status?: string };
}

// PolicyError, not ForbiddenError: Strapi's REST layer replaces a ForbiddenError's message with a bare
// "Forbidden", and the user must read why.
export const forbid = (message: string) => new errors.PolicyError(message);
export const invalid = (message: string) => new errors.ValidationError(message);

export function titleOf(
  row: { title?: string; number?: string; docType?: string; weekStart?: string; ageGroup?: string; documentId?: string } | null | undefined,
): string {
  if (!row) return '';
  if (row.title) return row.title;
  if (row.number) return `${row.docType ?? 'Văn bản'} ${row.number}`;
  // A menu has an age group; a week of the work calendar has none.
  if (row.weekStart && row.ageGroup) return `Thực đơn tuần ${row.weekStart} (${row.ageGroup})`;
  if (row.weekStart) return `Lịch công tác tuần ${dayText(row.weekStart)}`;
  return row.documentId ?? '';
}

async function loadDraft(strapi: Core.Strapi, uid: string, documentId: string | undefined): Promise<Row | null> {
  if (!documentId) return null;
  return (await strapi.db.query(uid as 'api::article.article').findOne({
    where: { documentId, publishedAt: null },
    populate: ['createdBy'],
  })) as Row | null;
}

async function isLeadershipUser(strapi: Core.Strapi, id: number | null | undefined): Promise<boolean> {
  if (!id) return false;
  const count = await strapi.db.query('admin::user').count({ where: { id, roles: { code: { $in: [ROLE_CODES.leadership, SUPER_ADMIN_CODE] } } } });
  return count > 0;
}

async function setState(strapi: Core.Strapi, uid: string, documentId: string, reviewState: ReviewState) {
  await strapi.db.query(uid as ReviewedType).updateMany({ where: { documentId }, data: { reviewState } as never });
}

/** How long an approval e-mail waits for the publication that "Duyệt và đăng" sends right after it. */
export const APPROVAL_MAIL_DELAY_MS = 10_000;

/**
 * The e-mails that follow a review step (Art. 14.2: the BGH decides; the author hears the decision).
 * The Ban giám hiệu reviews in the full editor; an author is sent to what she can use on a phone: the
 * public page once published, and "Bài của tôi" on Gửi bài for the kinds of content written there.
 */
async function notify(strapi: Core.Strapi, uid: string, row: Row, actor: Actor, event: string, note?: string | null) {
  const type = labelOfType(uid);
  const title = titleOf(row);
  const noteLine = note ? `\nGhi chú của Ban giám hiệu: ${note}\n` : '';
  const signature = '\n\nCổng thông tin điện tử Trường Mầm non Hiệp Hòa';
  if (event === STATES.pending) {
    sendLater(strapi, {
      to: await emailsOfRole(strapi, ROLE_CODES.leadership),
      subject: `[Chờ duyệt] ${type}: ${title}`,
      text: `Kính gửi Ban giám hiệu,\n\n${actor.name} vừa gửi duyệt mục "${title}" (${type}).${note ? `\nLời nhắn: ${note}\n` : ''}\nXem và duyệt tại: ${adminLink(uid, row.documentId)}${signature}`,
    });
    return;
  }
  const authorId = row.createdBy?.id;
  if (!authorId || authorId === actor.id) return;
  const ownLink = COMPOSED_TYPES.includes(uid) ? composeLink(row.documentId) : adminLink(uid, row.documentId);
  const messages: Record<string, [string, string, string]> = {
    [STATES.approved]: ['Đã được duyệt', `đã được ${actor.name} duyệt và sẽ được đăng.`, `Xem tại: ${ownLink}`],
    [STATES.changesRequested]: ['Cần chỉnh sửa', `được ${actor.name} yêu cầu chỉnh sửa trước khi đăng.`, `Sửa và gửi lại tại: ${ownLink}`],
    [STATES.rejected]: ['Không được duyệt', `không được ${actor.name} duyệt.`, `Xem tại: ${ownLink}`],
    [PUBLISHED_LABEL]: ['Đã đăng', `đã được ${actor.name} đăng lên cổng thông tin.`, `Xem trên trang: ${publicLink(uid, row.slug) ?? ownLink}`],
  };
  const message = messages[event];
  if (!message) return;
  const mail = {
    to: await emailOfUser(strapi, authorId),
    subject: `[${message[0]}] ${type}: ${title}`,
    text: `Kính gửi thầy/cô,\n\nMục "${title}" (${type}) ${message[1]}\n${noteLine}\n${message[2]}${signature}`,
  };
  if (event === STATES.approved) {
    sendLaterUnlessPublished(strapi, mail, APPROVAL_MAIL_DELAY_MS, { uid, documentId: row.documentId, since: Date.now() });
    return;
  }
  sendLater(strapi, mail);
}

function authorOf(row: Row): number | null {
  return row.createdBy?.id ?? null;
}

async function assertCanPublish(strapi: Core.Strapi, actor: Actor, row: Row, stateAfter: ReviewState): Promise<boolean> {
  if (!actor.isLeadership) throw forbid('Chỉ Ban giám hiệu được đăng nội dung lên cổng thông tin.');
  if (stateAfter === STATES.approved) return false;
  const author = authorOf(row);
  // Work written by the leadership itself, or loaded by the system, needs no second reader.
  if (author === null || (await isLeadershipUser(strapi, author))) return true;
  throw invalid(`Chưa thể đăng: mục này đang ở trạng thái "${reviewStateLabel(stateAfter)}". Cần được Ban giám hiệu duyệt trước khi đăng.`);
}

async function reviewedRules(strapi: Core.Strapi, context: Context, actor: Actor, next: () => Promise<unknown>) {
  const { uid, action, params } = context;
  const data = params.data;

  if (action === 'create' || action === 'clone') {
    if (data) {
      data.reviewState = STATES.draft;
      data.reviewNote = null;
    }
    if (params.status === 'published') throw forbid('Hãy lưu bản nháp và gửi duyệt; không thể đăng ngay khi tạo mới.');
    const result = (await next()) as Row | null;
    if (result?.documentId) {
      await writeAudit(strapi, {
        actor,
        contentType: uid,
        documentId: result.documentId,
        title: titleOf(result),
        authorId: actor.id,
        action: action === 'clone' ? 'Nhân bản' : 'Tạo bản nháp',
        to: STATES.draft,
      });
    }
    return result;
  }

  const row = await loadDraft(strapi, uid, params.documentId);
  if (!row) return next();
  const author = authorOf(row);
  const isAuthor = actor.id !== null && author === actor.id;
  const current = (row.reviewState ?? STATES.draft) as ReviewState;
  const audit = (what: string, from?: string | null, to?: string | null, note?: string | null) =>
    writeAudit(strapi, { actor, contentType: uid, documentId: row.documentId, title: titleOf(row), authorId: author, action: what, from, to, note });

  if (action === 'update') {
    if (!actor.isLeadership && !isAuthor) throw forbid('Bạn chỉ được sửa nội dung do chính mình viết.');
    // Clients written before the codes send the Vietnamese word; it means the same state.
    if (data && 'reviewState' in data) data.reviewState = toReviewState(data.reviewState);
    const requested = data?.reviewState as ReviewState | undefined;
    // The admin's publish button saves the form first, often with nothing changed: no "Sửa" entry then.
    const changedFields = Object.keys(data ?? {}).filter(
      (field) =>
        ![
          'reviewState',
          'reviewNote',
          'updatedAt',
          'updatedBy',
          'createdAt',
          'createdBy',
          'publishedAt',
          'documentId',
          'id',
          'locale',
          'localizations',
        ].includes(field),
    );
    let transition: Transition | undefined;
    let note: string | null = null;
    let after: ReviewState = current;
    if (data && requested !== undefined && requested !== current) {
      if (!actor.isLeadership && requested !== STATES.pending) throw forbid(`Chỉ Ban giám hiệu được chuyển sang "${reviewStateLabel(requested)}".`);
      transition = findTransition(current, requested);
      if (!transition) throw invalid(`Không thể chuyển trạng thái từ "${reviewStateLabel(current)}" sang "${reviewStateLabel(requested)}".`);
      if (transition.by === 'leadership' && !actor.isLeadership) throw forbid(`Chỉ Ban giám hiệu được "${transition.label}".`);
      if (transition.by === 'author' && !isAuthor && !actor.isLeadership) throw forbid('Chỉ tác giả hoặc Ban giám hiệu được gửi duyệt mục này.');
      note = typeof data.reviewNote === 'string' && data.reviewNote.trim() ? data.reviewNote.trim() : null;
      if (transition.noteRequired && !note) throw invalid(`Cần ghi rõ lý do khi "${transition.label}" để tác giả biết cần làm gì.`);
      data.reviewNote = note;
      after = transition.to;
    } else if (data) {
      // A plain edit. The review fields change only through a transition.
      data.reviewNote = row.reviewNote ?? null;
      // Staff changing approved or rejected work start a new review; the published version stays online.
      after = !actor.isLeadership && (current === STATES.approved || current === STATES.rejected) ? STATES.draft : current;
      data.reviewState = after;
    }
    const publishing = params.status === 'published';
    const selfApproved = publishing ? await assertCanPublish(strapi, actor, row, after) : false;
    const result = await next();
    if (transition) {
      await audit(transition.label, current, after, note);
      await notify(strapi, uid, row, actor, after, note);
    } else if (changedFields.length > 0) {
      await audit('Sửa', current, after !== current ? after : null);
    }
    if (publishing) {
      if (selfApproved) await setState(strapi, uid, row.documentId, STATES.approved);
      await audit(selfApproved ? 'Đăng (tự duyệt)' : 'Đăng', after, PUBLISHED_LABEL);
      await notify(strapi, uid, row, actor, PUBLISHED_LABEL);
    }
    return result;
  }

  if (action === 'publish') {
    const selfApproved = await assertCanPublish(strapi, actor, row, current);
    const result = await next();
    if (selfApproved) await setState(strapi, uid, row.documentId, STATES.approved);
    await audit(selfApproved ? 'Đăng (tự duyệt)' : 'Đăng', current, PUBLISHED_LABEL);
    await notify(strapi, uid, row, actor, PUBLISHED_LABEL);
    return result;
  }

  const leadershipOnly: Record<string, string> = { unpublish: 'Gỡ đăng', delete: 'Xóa', discardDraft: 'Hủy thay đổi của bản nháp' };
  const label = leadershipOnly[action];
  if (label) {
    if (!actor.isLeadership) throw forbid(`Chỉ Ban giám hiệu được ${label.toLowerCase()}.`);
    const result = await next();
    await audit(label, current, null);
    return result;
  }
  return next();
}

const WRITES = ['create', 'update', 'delete', 'publish', 'unpublish', 'discardDraft', 'clone'];

/** Registers the review workflow on the document service: every write path goes through here. */
export function registerWorkflowRules(strapi: Core.Strapi): void {
  type Middleware = Parameters<typeof strapi.documents.use>[0];
  const middleware = async (context: unknown, next: () => Promise<unknown>): Promise<unknown> => {
    const ctx = context as Context;
    if (!WRITES.includes(ctx.action)) return next();
    if (ctx.uid === uidOf('audit-entry')) {
      throw forbid('Nhật ký chỉ được hệ thống ghi thêm; không ai có thể thêm tay, sửa hay xóa.');
    }
    const actor = currentActor(strapi);
    if (!actor) return next();
    if (ctx.uid === uidOf('submission')) return submissionRules(strapi, ctx, actor, next);
    if (!isReviewed(ctx.uid)) return next();
    return reviewedRules(strapi, ctx, actor, next);
  };
  strapi.documents.use(middleware as unknown as Middleware);
}
