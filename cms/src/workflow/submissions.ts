import { uidOf } from '@portal/common/sections';
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { ROLE_CODES } from '../access/roles';
import { adminLink, emailOfUser, emailsOfRole, sendLater } from '../notify/notifier';
import type { Actor } from './actor';
import { writeAudit } from './audit';
import { forbid } from './rules';

const UID = uidOf('submission');
export const HANDLING = { new: 'Mới', inProgress: 'Đang xử lý', done: 'Đã xử lý', declined: 'Không xử lý' } as const;
export const INCIDENT = 'Báo sự cố';

// Mới → Đang xử lý → Đã xử lý | Không xử lý; a closed item can be reopened.
const NEXT: Record<string, string[]> = {
  [HANDLING.new]: [HANDLING.inProgress, HANDLING.done, HANDLING.declined],
  [HANDLING.inProgress]: [HANDLING.done, HANDLING.declined],
  [HANDLING.done]: [HANDLING.inProgress],
  [HANDLING.declined]: [HANDLING.inProgress],
};

type Data = Record<string, unknown>;
interface Row {
  documentId: string;
  kind: string;
  title: string;
  handlingStatus: string;
  handlerNote: string | null;
  createdBy?: { id: number } | null;
}
interface Context {
  action: string;
  params: { documentId?: string; data?: Data };
}

/** The Ban giám hiệu triages information and corrections, the Tổ CNTT incidents (Art. 15–16). */
function canHandle(actor: Actor, kind: string): boolean {
  return actor.isLeadership || (actor.isIt && kind === INCIDENT);
}

export async function submissionRules(strapi: Core.Strapi, context: Context, actor: Actor, next: () => Promise<unknown>) {
  const { action, params } = context;
  const data = params.data;

  if (action === 'create') {
    if (actor.kind !== 'admin') throw forbid('Chỉ gửi được thông tin từ trang quản trị hoặc biểu mẫu báo sai sót.');
    if (data) {
      data.handlingStatus = HANDLING.new;
      data.handlerNote = null;
      data.source = 'Cán bộ – giáo viên';
      delete data.article;
    }
    const row = (await next()) as Row | null;
    if (row?.documentId) {
      await writeAudit(strapi, {
        actor,
        contentType: UID,
        documentId: row.documentId,
        title: row.title,
        authorId: actor.id,
        action: `Gửi: ${row.kind}`,
        to: HANDLING.new,
      });
      const incident = row.kind === INCIDENT;
      sendLater(strapi, {
        to: await emailsOfRole(strapi, incident ? ROLE_CODES.it : ROLE_CODES.leadership),
        subject: `[${row.kind}] ${row.title}`,
        text: `${incident ? 'Kính gửi Tổ CNTT' : 'Kính gửi Ban giám hiệu'},\n\n${actor.name} vừa gửi "${row.kind}": ${row.title}\n\n${String(data?.message ?? '')}\n\nXử lý tại: ${adminLink(UID, row.documentId)}\n\nCổng thông tin điện tử Trường Mầm non Hiệp Hòa`,
      });
    }
    return row;
  }

  const row = params.documentId
    ? ((await strapi.db.query(UID).findOne({ where: { documentId: params.documentId }, populate: ['createdBy'] })) as Row | null)
    : null;
  if (!row) return next();

  if (action === 'update') {
    if (!canHandle(actor, row.kind)) throw forbid('Bạn không có quyền xử lý thông tin này.');
    const wanted = (data?.handlingStatus as string | undefined) ?? row.handlingStatus;
    const note = typeof data?.handlerNote === 'string' ? data.handlerNote.trim() : (row.handlerNote ?? '');
    if (wanted !== row.handlingStatus) {
      if (!NEXT[row.handlingStatus]?.includes(wanted)) {
        throw new errors.ValidationError(`Không thể chuyển tình trạng xử lý từ "${row.handlingStatus}" sang "${wanted}".`);
      }
      if (wanted === HANDLING.declined && !note) throw new errors.ValidationError('Cần ghi lý do khi chọn "Không xử lý".');
    }
    // What the sender wrote stays as sent; handlers change only the handling fields and the article link.
    if (data) for (const field of ['kind', 'title', 'message', 'attachments', 'relatedUrl', 'source', 'contact']) delete data[field];
    const result = await next();
    if (wanted !== row.handlingStatus) {
      await writeAudit(strapi, {
        actor,
        contentType: UID,
        documentId: row.documentId,
        title: row.title,
        authorId: row.createdBy?.id,
        action: 'Xử lý thông tin',
        from: row.handlingStatus,
        to: wanted,
        note: note || null,
      });
      if (wanted === HANDLING.done || wanted === HANDLING.declined) {
        sendLater(strapi, {
          to: await emailOfUser(strapi, row.createdBy?.id),
          subject: `[${wanted}] ${row.title}`,
          text: `Kính gửi thầy/cô,\n\nThông tin "${row.title}" thầy/cô gửi đã được ${actor.name} chuyển sang "${wanted}".${note ? `\nGhi chú: ${note}` : ''}\n\nXem tại: ${adminLink(UID, row.documentId)}\n\nCổng thông tin điện tử Trường Mầm non Hiệp Hòa`,
        });
      }
    }
    return result;
  }

  if (action === 'delete') {
    if (!actor.isLeadership) throw forbid('Chỉ Ban giám hiệu được xóa thông tin đã gửi.');
    const result = await next();
    await writeAudit(strapi, {
      actor,
      contentType: UID,
      documentId: row.documentId,
      title: row.title,
      authorId: row.createdBy?.id,
      action: 'Xóa',
      from: row.handlingStatus,
    });
    return result;
  }
  return next();
}
