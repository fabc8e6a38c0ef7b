import { uidOf } from '@portal/common/sections';
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
  // Key order matters: the CMS recomputes the signature over exactly these fields.
  await cmsPostSigned(uidOf('submission'), 'corrections', {
    message: correction.message,
    contact: correction.contact,
    page: correction.page,
    title: correction.title,
  });
}
