import type { QuestionInput } from '@portal/common/questions';
import { uidOf } from '@portal/common/sections';
import { SIGNED_FORM_FIELDS } from '@portal/common/signed-request';
import { cmsPostSigned } from './http.ts';

export interface Correction {
  /** What is wrong, in the reader's words. */
  message: string;
  contact: string;
  /** Site path of the page being reported. */
  page: string;
  title: string;
}

/** Sends a reader's "Báo nội dung sai sót" to the CMS, where it becomes a submission for the BGH. */
export async function sendCorrection(correction: Correction): Promise<void> {
  await cmsPostSigned(uidOf('submission'), 'corrections', SIGNED_FORM_FIELDS.correction, correction);
}

/** Sends a parent's question or feedback ("Hỏi đáp – Góp ý") to the CMS, where the Ban giám hiệu answers it. */
export async function sendQuestion(question: QuestionInput): Promise<void> {
  await cmsPostSigned(uidOf('faq'), 'questions', SIGNED_FORM_FIELDS.question, question);
}
