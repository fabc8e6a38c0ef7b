/**
 * Requests signed with a secret two services share: the CMS's cache-purge webhooks to the site, the site's
 * correction reports to the CMS, preview links and preview image URLs. One implementation, so that the
 * signer and the checker can never drift apart.
 */
import { createHash, createHmac, timingSafeEqual } from 'node:crypto';

export const TIMESTAMP_HEADER = 'X-Portal-Timestamp';
export const SIGNATURE_HEADER = 'X-Portal-Signature';
/** How far a signed request's timestamp may be from our clock: old signed requests cannot be replayed. */
export const MAX_SKEW_SECONDS = 300;
/** Shorter secrets are treated as not configured. */
export const MIN_SECRET_LENGTH = 32;

/**
 * Compares digests, so the time taken says nothing about the secret, not even its length.
 * Equal digests mean equal strings (SHA-256 has no known collisions).
 */
export function sameSecret(given: string, expected: string): boolean {
  const digest = (value: string) => createHash('sha256').update(value, 'utf8').digest();
  return timingSafeEqual(digest(given), digest(expected));
}

/** `sha256=<hex>` of `<timestamp>.<body>`: the signature header of a signed request. */
export function signBody(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

/** The headers of a signed JSON POST, stamped with the current second. */
export function signedHeaders(secret: string, body: string, now = Date.now()): Record<string, string> {
  const timestamp = String(Math.floor(now / 1000));
  return { 'Content-Type': 'application/json', [TIMESTAMP_HEADER]: timestamp, [SIGNATURE_HEADER]: signBody(secret, timestamp, body) };
}

export type SignatureCheck = 'ok' | 'unsigned' | 'bad-signature' | 'stale' | 'not-configured';

/** Request headers as fetch (`Headers`) or Node/Koa (lower-case record) hand them over. */
export type HeaderSource = Headers | Record<string, string | string[] | undefined>;

function header(headers: HeaderSource, name: string): string {
  const lower = name.toLowerCase();
  if (typeof (headers as Headers).get === 'function') return (headers as Headers).get(lower) ?? '';
  const value = (headers as Record<string, string | string[] | undefined>)[lower];
  return String((Array.isArray(value) ? value[0] : value) ?? '');
}

/** Checks a signed request: the secret is configured, the signature matches the body, the timestamp is recent. */
export function checkSignedRequest(secret: string, headers: HeaderSource, body: string, now = Date.now()): SignatureCheck {
  if (secret.length < MIN_SECRET_LENGTH) return 'not-configured';
  const signature = header(headers, SIGNATURE_HEADER);
  const timestamp = header(headers, TIMESTAMP_HEADER);
  if (!signature || !timestamp) return 'unsigned';
  if (!sameSecret(signature, signBody(secret, timestamp, body))) return 'bad-signature';
  const seconds = Number(timestamp);
  if (!Number.isFinite(seconds) || Math.abs(now / 1000 - seconds) > MAX_SKEW_SECONDS) return 'stale';
  return 'ok';
}

/**
 * The JSON body of a form the site signs for the CMS (a correction, a question): exactly `fields`, in that
 * order, each a string. The site signs it, the CMS rebuilds it from the body it received and checks the
 * signature over the same bytes; any other field is neither signed nor read.
 */
/** The public forms the site signs for the CMS, each with its fields in signing order. */
export const SIGNED_FORM_FIELDS = {
  correction: ['message', 'contact', 'page', 'title'],
  question: ['kind', 'topic', 'question', 'name', 'email', 'phone', 'consent'],
} as const;

export function formPayload(fields: readonly string[], values: Record<string, unknown>): string {
  return JSON.stringify(Object.fromEntries(fields.map((field) => [field, typeof values[field] === 'string' ? values[field] : ''])));
}

/** base64url HMAC-SHA256 over the parts joined by newlines: the signature of a preview link or image URL. */
export function signParts(key: string, parts: readonly (string | number)[]): string {
  return createHmac('sha256', key).update(parts.join('\n')).digest('base64url');
}

/** Whether `signature` is the signature of `parts`, compared in constant time. */
export function checkParts(key: string, parts: readonly (string | number)[], signature: string): boolean {
  return sameSecret(signature, signParts(key, parts));
}
