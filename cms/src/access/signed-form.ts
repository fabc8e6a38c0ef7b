import { checkSignedRequest, formPayload } from '@portal/common/signed-request';
import { errors } from '@strapi/utils';

export interface SignedFormContext {
  request: { body?: unknown; headers: Record<string, string | string[] | undefined> };
  status: number;
  body: unknown;
}

/**
 * The fields of a form the public site signed (cms/src/api/correction, cms/src/api/question), trimmed.
 * Only the site holds the secret, so an unsigned or altered request is refused before anything is read:
 * the site's validation, honeypot and per-address limit cannot be skipped by posting here directly.
 */
export function readSignedForm<F extends string>(ctx: SignedFormContext, fields: readonly F[]): Record<F, string> {
  const body = (ctx.request.body ?? {}) as Record<string, unknown>;
  if (checkSignedRequest(process.env.WEBHOOK_SECRET ?? '', ctx.request.headers, formPayload(fields, body)) !== 'ok') {
    throw new errors.PolicyError('Yêu cầu không được ký hợp lệ.');
  }
  return Object.fromEntries(fields.map((field) => [field, typeof body[field] === 'string' ? (body[field] as string).trim() : ''])) as Record<F, string>;
}
