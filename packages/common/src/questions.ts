/**
 * "Hỏi đáp – Góp ý": the rules of a parent's question, shared by the site (which validates before sending)
 * and the CMS (which validates again and stores it). One definition, so the two can never disagree on
 * what is accepted. The CMS schema (cms/src/api/question) repeats the lists as enumerations; a unit test
 * keeps them equal.
 */

export const QUESTION_KINDS = ['Hỏi đáp', 'Góp ý'] as const;
export type QuestionKind = (typeof QUESTION_KINDS)[number];

/** Topics of /hoi-dap, in the order the page lists them. */
export const QUESTION_TOPICS = ['Tuyển sinh', 'Học phí – Khoản thu', 'Bán trú – Dinh dưỡng', 'Sức khỏe', 'Chương trình học', 'Cơ sở vật chất', 'Khác'] as const;
export type QuestionTopic = (typeof QUESTION_TOPICS)[number];

/** Where a question stands; set by the CMS only, from the answer and the publication. */
export const QUESTION_STATUS = { new: 'Mới', answered: 'Đã trả lời', published: 'Đã công khai' } as const;

export const QUESTION_LIMITS = { textMin: 10, textMax: 2000, name: 100, email: 200, phone: 20, answerMax: 5000 } as const;

/** A question as the form sends it: every field a string, as a signed request carries it. */
export interface QuestionInput {
  kind: string;
  topic: string;
  question: string;
  name: string;
  email: string;
  phone: string;
  /** 'true' when the asker agreed to publish the question and its answer (without name or contact). */
  consent: string;
}

export const isEmailAddress = (value: string): boolean => /^[^\s@<>()[\],;:"]+@[^\s@<>()[\],;:"]+\.[^\s@<>()[\],;:"]{2,}$/.test(value);
/** A Vietnamese phone number as people write it: 0xx… or +84…, 10–11 digits, spaces, dots or dashes between. */
export const isPhoneNumber = (value: string): boolean => /^(?:\+84|0)[\d .-]{8,14}$/.test(value) && /^\D*(?:\d\D*){9,12}$/.test(value.replace(/^\+84/, '0'));

const EMAIL_IN_TEXT = /[^\s@<>()[\],;:"]+@[^\s@<>()[\],;:"]+\.[a-z]{2,}/giu;
const PHONE_IN_TEXT = /(?:\+84|(?<!\d)0)(?:[ .-]?\d){8,11}(?!\d)/gu;

/**
 * The parent's text with e-mail addresses and phone numbers taken out: the first draft of the public
 * wording, which the Ban giám hiệu then reads and edits (names cannot be told apart by a pattern).
 */
export function withoutContacts(text: string): string {
  return text.replace(EMAIL_IN_TEXT, '[đã ẩn]').replace(PHONE_IN_TEXT, '[đã ẩn]');
}

/** Vietnamese messages for the fields that are wrong, by field; an empty object means the question is valid. */
export function questionErrors(input: QuestionInput): Partial<Record<keyof QuestionInput, string>> {
  const errors: Partial<Record<keyof QuestionInput, string>> = {};
  if (!(QUESTION_KINDS as readonly string[]).includes(input.kind)) errors.kind = 'Hãy chọn gửi câu hỏi hay góp ý.';
  if (!(QUESTION_TOPICS as readonly string[]).includes(input.topic)) errors.topic = 'Hãy chọn một chủ đề.';
  if (input.question.length < QUESTION_LIMITS.textMin) errors.question = `Hãy viết câu hỏi hoặc góp ý (ít nhất ${QUESTION_LIMITS.textMin} ký tự).`;
  else if (input.question.length > QUESTION_LIMITS.textMax) errors.question = `Nội dung quá dài: tối đa ${QUESTION_LIMITS.textMax} ký tự.`;
  if (input.name.length > QUESTION_LIMITS.name) errors.name = `Họ tên tối đa ${QUESTION_LIMITS.name} ký tự.`;
  if (input.email && (input.email.length > QUESTION_LIMITS.email || !isEmailAddress(input.email))) {
    errors.email = 'Địa chỉ thư điện tử chưa đúng (ví dụ: ten@gmail.com). Có thể để trống.';
  }
  if (input.phone && (input.phone.length > QUESTION_LIMITS.phone || !isPhoneNumber(input.phone))) {
    errors.phone = 'Số điện thoại chưa đúng (ví dụ: 0912 345 678). Có thể để trống.';
  }
  if (input.consent !== 'true' && input.consent !== 'false') errors.consent = 'Lựa chọn công khai không hợp lệ.';
  return errors;
}
