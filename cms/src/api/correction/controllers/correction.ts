import { uidOf } from '@portal/common/sections';
import { SIGNED_FORM_FIELDS } from '@portal/common/signed-request';
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { ROLE_CODES } from '../../../access/roles';
import { readSignedForm, type SignedFormContext } from '../../../access/signed-form';
import { adminLink, emailsOfRole, sendLater } from '../../../notify/notifier';
import { writeAudit } from '../../../workflow/audit';

/**
 * "Báo nội dung sai sót" from the public site (Quy chế Art. 16.2): becomes a correction submission for
 * the Ban giám hiệu. The site validates, rate-limits and signs; this checks the signature and the limits again.
 */
export default ({ strapi }: { strapi: Core.Strapi }) => ({
  async create(ctx: SignedFormContext) {
    const { message, contact, page, title } = readSignedForm(ctx, SIGNED_FORM_FIELDS.correction);
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
