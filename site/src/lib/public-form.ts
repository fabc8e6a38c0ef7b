/**
 * What every public form of the site does once its fields are checked ("Báo sai sót", "Hỏi đáp – Góp ý"):
 * a honeypot that robots fill, a per-address limit, the signed call to the CMS, and the HTTP status and
 * Vietnamese message of each outcome. The form page keeps the visitor's text in every outcome but success.
 */
import { isCmsError } from './cms/index.ts';
import { RateLimiter } from './rate-limit.ts';

/** Name of the hidden field robots fill and people never see (components/Honeypot.astro). */
export const HONEYPOT_FIELD = 'website';

/** One limiter per form for the server's lifetime, not one per request. */
export function formLimiter(form: string, limit: number, windowMinutes: number): RateLimiter {
  const shared = globalThis as { __formLimiters?: Map<string, RateLimiter> };
  shared.__formLimiters ??= new Map();
  let limiter = shared.__formLimiters.get(form);
  if (!limiter) {
    limiter = new RateLimiter(limit, windowMinutes * 60_000);
    shared.__formLimiters.set(form, limiter);
  }
  return limiter;
}

interface ResponseLike {
  response: { status?: number; headers: Headers };
  clientAddress: string;
}

export interface FormOutcome {
  sent: boolean;
  /** Vietnamese message for the whole form (too many tries, CMS down); '' when none. */
  failure: string;
}

/**
 * Sends a checked form: invalid fields (a 400, nothing sent), a filled honeypot (answered as if sent,
 * nothing stored), an address over its limit (429), a CMS that cannot be reached (503). `send` throws
 * CmsError when the CMS does not take the form.
 */
export async function submitForm(
  astro: ResponseLike,
  options: { invalid: boolean; form: FormData; limiter: RateLimiter; send: () => Promise<void> },
): Promise<FormOutcome> {
  if (options.invalid) {
    astro.response.status = 400;
    return { sent: false, failure: '' };
  }
  // A robot filled the hidden field: answer as if it worked, store nothing.
  if (String(options.form.get(HONEYPOT_FIELD) ?? '')) return { sent: true, failure: '' };
  if (!options.limiter.allow(astro.clientAddress)) {
    astro.response.status = 429;
    astro.response.headers.set('Retry-After', '600');
    return { sent: false, failure: 'Bạn đã gửi nhiều lần trong thời gian ngắn. Hãy thử lại sau ít phút; nội dung bạn viết vẫn còn bên dưới.' };
  }
  try {
    await options.send();
    return { sent: true, failure: '' };
  } catch (error) {
    if (!isCmsError(error)) throw error;
    astro.response.status = 503;
    astro.response.headers.set('Retry-After', '60');
    return {
      sent: false,
      failure: 'Hệ thống đang tạm gián đoạn nên chưa gửi được. Nội dung bạn viết vẫn còn bên dưới, hãy thử lại sau ít phút.',
    };
  }
}

/** A text field of a submitted form, trimmed. */
export const formText = (form: FormData, name: string): string => String(form.get(name) ?? '').trim();
