import { uidOf } from '@portal/common/sections';
import { checkSignedRequest } from '@portal/common/signed-request';
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { ROLE_CODES } from '../../../access/roles';
import { adminLink, emailsOfRole, sendLater } from '../../../notify/notifier';
import { writeAudit } from '../../../workflow/audit';

interface Ctx {
  request: { body?: unknown; headers: Record<string, string | string[] | undefined>; rawBody?: string };
  status: number;
  body: unknown;
}

function verify(ctx: Ctx, payload: string): boolean {
  return checkSignedRequest(process.env.WEBHOOK_SECRET ?? '', ctx.request.headers, payload) === 'ok';
}

const text = (value: unknown) => (typeof value === 'string' ? value.trim() : '');

/**
 * "Báo nội dung sai sót" from the public site (Quy chế Art. 16.2): becomes a correction submission for
 * the Ban giám hiệu. The site validates, rate-limits and signs; this checks the signature and the limits again.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async create(ctx: Ctx) {
    const body = (ctx.request.body ?? {}) as Record<string, unknown>;
    const payload = JSON.stringify({ message: body.message, contact: body.contact, page: body.page, title: body.title });
    if (!verify(ctx, payload)) throw new errors.PolicyError('Yêu cầu không được ký hợp lệ.');
    const message = text(body.message);
    const contact = text(body.contact);
    const page = text(body.page);
    const title = text(body.title);
    if (message.length < 10 || message.length > 2000) throw new errors.ValidationError('Nội dung cần từ 10 đến 2000 ký tự.');
    if (contact.length > 200 || !page.startsWith('/') || page.length > 500 || title.length > 200) {
      throw new errors.ValidationError('Thông tin gửi kèm không hợp lệ.');
    }
    const created = (await strapi.db.query(uidOf('submission')).create({
      data: {
        kind: 'Báo sai sót',
        title: `Báo sai sót: ${title || page}`.slice(0, 200),
        message,
        relatedUrl: page,
        source: 'Công chúng',
        contact: contact || null,
        handlingStatus: 'Mới',
      },
    })) as { documentId: string; title: string };
    await writeAudit(strapi, {
      actor: null,
      contentType: uidOf('submission'),
      documentId: created.documentId,
      title: created.title,
      action: 'Công chúng báo sai sót',
      to: 'Mới',
    });
    sendLater(strapi, {
      to: await emailsOfRole(strapi, ROLE_CODES.leadership),
      subject: `[Báo sai sót] ${title || page}`,
      text: `Kính gửi Ban giám hiệu,\n\nMột người đọc vừa báo nội dung sai sót trên trang ${page}:\n\n${message}\n\nLiên hệ người gửi: ${contact || '(không để lại)'}\n\nXử lý tại: ${adminLink(uidOf('submission'), created.documentId)}\n\nCổng thông tin điện tử Trường Mầm non Hiệp Hòa`,
    });
    ctx.status = 201;
    ctx.body = { data: { received: true } };
  },
});
