import { createHmac, timingSafeEqual } from 'node:crypto';

/** How far a webhook's timestamp may be from our clock: old signed requests cannot be replayed. */
export const MAX_SKEW_SECONDS = 300;

export function signWebhook(secret: string, timestamp: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`;
}

export type WebhookCheck = 'ok' | 'unsigned' | 'bad-signature' | 'stale' | 'not-configured';

export function checkWebhook(secret: string, headers: Headers, body: string, now = Date.now()): WebhookCheck {
  if (secret.length < 32) return 'not-configured';
  const signature = headers.get('x-portal-signature');
  const timestamp = headers.get('x-portal-timestamp');
  if (!signature || !timestamp) return 'unsigned';
  const expected = Buffer.from(signWebhook(secret, timestamp, body));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return 'bad-signature';
  const seconds = Number(timestamp);
  if (!Number.isFinite(seconds) || Math.abs(now / 1000 - seconds) > MAX_SKEW_SECONDS) return 'stale';
  return 'ok';
}
