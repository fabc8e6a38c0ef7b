import { questionErrors } from '@portal/common/questions';
import { uidOf } from '@portal/common/sections';
import { SIGNED_FORM_FIELDS } from '@portal/common/signed-request';
import { factories } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { ROLE_CODES } from '../../../access/roles';
import { readSignedForm, type SignedFormContext } from '../../../access/signed-form';
import { adminLink, emailsOfRole, sendLater } from '../../../notify/notifier';
import { storeQuestion } from '../question-rules';

/**
 * "Hỏi đáp – Góp ý" from the public site: a parent's question becomes a question for the Ban giám hiệu.
 * The site validates, stops robots (honeypot) and limits each address, then signs; this checks the
 * signature and every rule again. The e-mail to the Ban giám hiệu carries no name or contact of the
 * asker: those are read in the admin, by those allowed to.
 */
export default factories.createCoreController('api::question.question', ({ strapi }) => ({
  async ask(ctx: SignedFormContext) {
    const input = readSignedForm(ctx, SIGNED_FORM_FIELDS.question);
    const problems = Object.values(questionErrors(input));
    if (problems.length > 0) throw new errors.ValidationError(problems.join(' '));
    const created = await storeQuestion(strapi, {
      kind: input.kind,
      topic: input.topic,
      question: input.question,
      name: input.name || null,
      email: input.email || null,
      phone: input.phone || null,
      consent: input.consent === 'true',
    });
    sendLater(strapi, {
      to: await emailsOfRole(strapi, ROLE_CODES.leadership),
      subject: `[${input.kind}] ${input.topic}`,
      text: `Kính gửi Ban giám hiệu,\n\nCha mẹ trẻ vừa gửi ${input.kind.toLowerCase()} về "${input.topic}" từ trang Hỏi đáp:\n\n${input.question}\n\n${input.consent === 'true' ? 'Người gửi đồng ý công khai câu hỏi và câu trả lời (không kèm tên, thông tin liên hệ).' : 'Người gửi KHÔNG đồng ý công khai: chỉ trả lời riêng.'}\n\nTrả lời tại: ${adminLink(uidOf('question'), created.documentId)}\n\nCổng thông tin điện tử Trường Mầm non Hiệp Hòa`,
    });
    ctx.status = 201;
    ctx.body = { data: { received: true } };
  },
}));
