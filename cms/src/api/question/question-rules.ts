import { AsyncLocalStorage } from 'node:async_hooks';
import { QUESTION_STATUS, withoutContacts } from '@portal/common/questions';
import { uidOf } from '@portal/common/sections';
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { ROLE_CODES } from '../../access/roles';
import { sendLater, siteUrl } from '../../notify/notifier';
import { currentActor } from '../../workflow/actor';
import { forbid } from '../../workflow/rules';

const UID = uidOf('question');
const FAQ = uidOf('faq');

/** Written by the CMS only: where the question stands, when it was answered and mailed, its public copy. */
const SERVER_FIELDS = ['handlingStatus', 'answeredAt', 'answerEmailedAt', 'faqDocumentId'];
/** What the parent sent stays as they sent it; above all, their consent is theirs to give, nobody else's. */
const ASKER_FIELDS = ['question', 'name', 'email', 'phone', 'consent'];
const FAQ_WRITES = ['create', 'update', 'delete', 'clone', 'publish', 'unpublish', 'discardDraft'];

export const NO_CONSENT_MESSAGE =
  'Người hỏi không đồng ý công khai: câu hỏi này chỉ được trả lời riêng (qua thư hoặc điện thoại), không được đăng lên trang Hỏi đáp.';
export const NO_ANSWER_MESSAGE = 'Hãy viết câu trả lời trước khi công khai câu hỏi lên trang Hỏi đáp.';
export const NO_PUBLIC_TEXT_MESSAGE = 'Hãy viết nội dung câu hỏi sẽ công khai (đã bỏ tên, số điện thoại, địa chỉ nếu có).';

interface QuestionRow {
  id: number;
  documentId: string;
  topic: string;
  question: string;
  email: string | null;
  consent: boolean | null;
  answer: string | null;
  answeredAt: string | null;
  answerEmailedAt: string | null;
  publicQuestion: string | null;
  publish: boolean | null;
  faqDocumentId: string | null;
  handlingStatus: string | null;
  createdAt: string;
}

// The public copy (faq) is written only inside this module: nothing typed into an admin form or an API
// call can put a name or a contact on /hoi-dap, or publish a question whose asker did not consent.
const serverWrite = new AsyncLocalStorage<true>();
const asServer = <T>(work: () => Promise<T>): Promise<T> => serverWrite.run(true, work);

const filled = (value: unknown): string => (typeof value === 'string' ? value.trim() : '');

async function rowOf(strapi: Core.Strapi, documentId: string): Promise<QuestionRow | null> {
  return (await strapi.db.query(UID).findOne({ where: { documentId } })) as QuestionRow | null;
}

function answerMail(row: QuestionRow): { subject: string; text: string } {
  return {
    subject: 'Nhà trường trả lời câu hỏi của quý phụ huynh',
    text: [
      'Kính gửi quý phụ huynh,',
      '',
      'Trường Mầm non Hiệp Hòa đã nhận được câu hỏi, góp ý của quý phụ huynh:',
      '',
      row.question,
      '',
      'Ban giám hiệu trả lời:',
      '',
      filled(row.answer),
      '',
      row.publish && row.consent ? `Câu hỏi và câu trả lời (không kèm tên, thông tin liên hệ) được đăng tại ${siteUrl()}/hoi-dap.` : '',
      'Thư này được gửi tự động, xin đừng trả lời thư. Cần trao đổi thêm, quý phụ huynh vui lòng liên hệ văn phòng nhà trường.',
      '',
      'Trường Mầm non Hiệp Hòa',
    ]
      .filter((line, index, all) => line !== '' || all[index - 1] !== '')
      .join('\n'),
  };
}

/**
 * Brings a question's server-kept fields in line with what it now holds: the time of the answer, the
 * status, the one e-mail to the asker, and the public copy on /hoi-dap (made, updated or removed).
 * Runs after every save; a save that changes none of these changes nothing, and mails nobody.
 */
export async function settleQuestion(strapi: Core.Strapi, documentId: string): Promise<void> {
  const row = await rowOf(strapi, documentId);
  if (!row) return;
  const answer = filled(row.answer);
  const now = new Date().toISOString();
  const changes: Record<string, unknown> = {};
  // A new answer after one was taken back is a new answer: its time, and one more e-mail.
  const previous = row.answeredAt ? new Date(row.answeredAt).toISOString() : null;
  const answeredAt = answer ? (previous ?? now) : null;
  if (answeredAt !== previous) changes.answeredAt = answeredAt;
  if (!answer && row.answerEmailedAt) changes.answerEmailedAt = null;
  const published = Boolean(row.publish && row.consent && answer && filled(row.publicQuestion));
  let faqDocumentId = row.faqDocumentId;
  await asServer(async () => {
    const faqs = strapi.documents(FAQ);
    if (published) {
      const data = { topic: row.topic, question: filled(row.publicQuestion), answer, askedAt: row.createdAt, answeredAt: answeredAt ?? now };
      const existing = faqDocumentId ? await faqs.findOne({ documentId: faqDocumentId }) : null;
      if (existing) await faqs.update({ documentId: existing.documentId, data: data as never });
      else faqDocumentId = (await faqs.create({ data: data as never })).documentId;
    } else if (faqDocumentId) {
      await faqs.delete({ documentId: faqDocumentId });
      faqDocumentId = null;
    }
  });
  if (faqDocumentId !== row.faqDocumentId) changes.faqDocumentId = faqDocumentId;
  const status = published ? QUESTION_STATUS.published : answer ? QUESTION_STATUS.answered : QUESTION_STATUS.new;
  // The publish box means "on /hoi-dap": it cannot stay ticked on a question that is not there.
  if (row.publish && !published) changes.publish = false;
  if (status !== row.handlingStatus) changes.handlingStatus = status;
  const email = filled(row.email);
  if (answer && email && !row.answerEmailedAt) {
    changes.answerEmailedAt = now;
    sendLater(strapi, { to: [email], ...answerMail({ ...row, publish: published }) });
  }
  if (Object.keys(changes).length > 0) await strapi.db.query(UID).update({ where: { id: row.id }, data: changes });
}

/** Refuses, in the admin's words, a publication the rules do not allow. */
function checkPublication(current: QuestionRow, data: Record<string, unknown>): void {
  const publish = 'publish' in data ? data.publish === true : current.publish === true;
  if (!publish) return;
  if (current.consent !== true) throw new errors.ValidationError(NO_CONSENT_MESSAGE);
  if (!filled('answer' in data ? data.answer : current.answer)) throw new errors.ValidationError(NO_ANSWER_MESSAGE);
  if (!filled('publicQuestion' in data ? data.publicQuestion : current.publicQuestion)) throw new errors.ValidationError(NO_PUBLIC_TEXT_MESSAGE);
}

/** What the asker typed that can name or reach them: only the Ban giám hiệu, who answers, sees it. */
const ASKER_IDENTITY = ['name', 'email', 'phone', 'question'];
const ASKER_CONTACTS = ['name', 'email', 'phone'];

export const ASKER_HIDDEN_MESSAGE =
  'Chỉ Ban giám hiệu tìm và sắp xếp được theo tên, thư, điện thoại hay nội dung câu hỏi của cha mẹ: Quản trị hệ thống không xem được thông tin liên hệ của họ.';

/**
 * An admin account without the Ban giám hiệu's role: the Super Admin passes every permission check of
 * Strapi's, yet has no need of a parent's name or contact (Nghị định 13/2023: personal data to those
 * who need it). Code of our own (no request) and the Ban giám hiệu see everything.
 */
function seesNoAsker(strapi: Core.Strapi): boolean {
  const actor = currentActor(strapi);
  return actor?.kind === 'admin' && !actor.roleCodes.includes(ROLE_CODES.leadership);
}

function withoutAsker<T>(value: T): T {
  if (Array.isArray(value)) return value.map(withoutAsker) as T;
  if (!value || typeof value !== 'object') return value;
  const row: Record<string, unknown> = { ...(value as Record<string, unknown>) };
  for (const field of ASKER_CONTACTS) if (field in row) row[field] = null;
  if (typeof row.question === 'string') row.question = withoutContacts(row.question);
  return row as T;
}

/** Whether a query's filters, sort or search could find a question by who asked it (an oracle even when the answer is masked). */
function searchesAsker(params: { filters?: unknown; sort?: unknown; _q?: unknown }): boolean {
  const keys = (value: unknown): string[] =>
    Array.isArray(value)
      ? value.flatMap(keys)
      : value && typeof value === 'object'
        ? Object.entries(value).flatMap(([key, inner]) => [key, ...keys(inner)])
        : [];
  const sorted = JSON.stringify(params.sort ?? '').match(/[A-Za-z_]+/g) ?? [];
  return (typeof params._q === 'string' && params._q.trim() !== '') || [...keys(params.filters), ...sorted].some((key) => ASKER_IDENTITY.includes(key));
}

/**
 * The rules of "Hỏi đáp – Góp ý" on the document service, so they hold on every route that writes
 * (content-manager edit, bulk delete, clone, content API, another plugin): questions arrive only from the
 * site's signed form (api/question/controllers), the asker's words and consent are never changed, and the
 * public copy follows the question.
 */
export function registerQuestionRules(strapi: Core.Strapi): void {
  strapi.documents.use(async (context, next) => {
    if (context.uid !== UID || !seesNoAsker(strapi)) return next();
    if (searchesAsker(context.params as { filters?: unknown; sort?: unknown; _q?: unknown })) throw forbid(ASKER_HIDDEN_MESSAGE);
    return withoutAsker(await next());
  });
  strapi.documents.use(async (context, next) => {
    if (context.uid === FAQ) {
      if (FAQ_WRITES.includes(context.action) && !serverWrite.getStore()) {
        throw forbid('Mục Hỏi đáp công khai do hệ thống tạo từ câu hỏi đã được trả lời; hãy sửa câu hỏi trong "Câu hỏi – góp ý của cha mẹ".');
      }
      return next();
    }
    if (context.uid !== UID) return next();
    const params = context.params as { data?: Record<string, unknown>; documentId?: string };
    if (context.action === 'create' || context.action === 'clone') {
      if (!serverWrite.getStore()) throw forbid('Câu hỏi, góp ý chỉ được gửi từ trang Hỏi đáp của cổng thông tin.');
      return next();
    }
    if (context.action === 'update' && params.documentId) {
      const data = params.data ?? {};
      if (!serverWrite.getStore()) for (const field of [...SERVER_FIELDS, ...ASKER_FIELDS]) delete data[field];
      const current = await rowOf(strapi, params.documentId);
      if (current) checkPublication(current, data);
      const result = await next();
      await settleQuestion(strapi, params.documentId);
      return result;
    }
    if (context.action === 'delete' && params.documentId) {
      const current = await rowOf(strapi, params.documentId);
      const result = await next();
      if (current?.faqDocumentId) {
        const faqDocumentId = current.faqDocumentId;
        await asServer(() => strapi.documents(FAQ).delete({ documentId: faqDocumentId }));
      }
      return result;
    }
    return next();
  });
}

/** A question as the site's form sends it, checked. */
export interface AskedQuestion {
  kind: string;
  topic: string;
  question: string;
  name: string | null;
  email: string | null;
  phone: string | null;
  consent: boolean;
}

/** Stores a question sent from the site: a new one, whose public wording is at first the parent's own without contacts. */
export async function storeQuestion(strapi: Core.Strapi, asked: AskedQuestion): Promise<{ documentId: string }> {
  const { kind, topic, question, name, email, phone, consent } = asked;
  return asServer(
    async () =>
      (await strapi.documents(UID).create({
        data: {
          kind,
          topic,
          question,
          name,
          email,
          phone,
          consent,
          publicQuestion: withoutContacts(question),
          handlingStatus: QUESTION_STATUS.new,
          publish: false,
        } as never,
      })) as { documentId: string },
  );
}

export interface SeedQuestion extends AskedQuestion {
  askedAt: string;
  answer?: string;
  answeredAt?: string;
  publicQuestion?: string;
  publish?: boolean;
}

/** Demo content (scripts/seed.ts): a question as it was asked, then answered and published as the data says. */
export async function seedQuestion(strapi: Core.Strapi, seed: SeedQuestion): Promise<string> {
  const { documentId } = await storeQuestion(strapi, seed);
  await strapi.db.query(UID).update({
    where: { documentId },
    data: { createdAt: seed.askedAt, ...(seed.answer && seed.answeredAt ? { answeredAt: seed.answeredAt } : {}) },
  });
  await asServer(() =>
    strapi.documents(UID).update({
      documentId,
      data: { answer: seed.answer ?? null, publish: seed.publish === true, publicQuestion: seed.publicQuestion ?? withoutContacts(seed.question) } as never,
    }),
  );
  return documentId;
}
