import { createHmac } from 'node:crypto';
import { checkParts, checkSignedRequest, MAX_SKEW_SECONDS, sameSecret, signBody, signedHeaders, signParts } from '@portal/common/signed-request';
import { describe, expect, it } from 'vitest';

const secret = 's'.repeat(40);
const body = '{"tags":["article"]}';
const now = Date.UTC(2026, 10, 30, 8, 0, 0);

describe('signed requests (CMS ⇄ site webhooks and correction reports)', () => {
  it('signs `<timestamp>.<body>` with HMAC-SHA256 as sha256=<hex>, in the X-Portal headers', () => {
    const headers = signedHeaders(secret, body, now);
    const timestamp = String(now / 1000);
    expect(headers).toEqual({
      'Content-Type': 'application/json',
      'X-Portal-Timestamp': timestamp,
      'X-Portal-Signature': `sha256=${createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex')}`,
    });
    expect(signBody(secret, timestamp, body)).toBe(headers['X-Portal-Signature']);
  });

  it('accepts its own signature from fetch Headers and from a lower-case Node header record', () => {
    const headers = signedHeaders(secret, body, now);
    expect(checkSignedRequest(secret, new Headers(headers), body, now)).toBe('ok');
    const lower = Object.fromEntries(Object.entries(headers).map(([key, value]) => [key.toLowerCase(), value]));
    expect(checkSignedRequest(secret, lower, body, now)).toBe('ok');
  });

  it('refuses a changed body, another secret, a missing header, an old or future timestamp, a short secret', () => {
    const headers = new Headers(signedHeaders(secret, body, now));
    expect(checkSignedRequest(secret, headers, `${body} `, now)).toBe('bad-signature');
    expect(checkSignedRequest('t'.repeat(40), headers, body, now)).toBe('bad-signature');
    expect(checkSignedRequest(secret, new Headers({ 'X-Portal-Timestamp': String(now / 1000) }), body, now)).toBe('unsigned');
    expect(checkSignedRequest(secret, headers, body, now + (MAX_SKEW_SECONDS + 1) * 1000)).toBe('stale');
    expect(checkSignedRequest(secret, headers, body, now - (MAX_SKEW_SECONDS + 1) * 1000)).toBe('stale');
    expect(checkSignedRequest(secret, headers, body, now + MAX_SKEW_SECONDS * 1000)).toBe('ok');
    expect(checkSignedRequest('short', headers, body, now)).toBe('not-configured');
  });

  it('calls a validly signed non-numeric timestamp stale', () => {
    const headers = { 'x-portal-timestamp': 'soon', 'x-portal-signature': signBody(secret, 'soon', body) };
    expect(checkSignedRequest(secret, headers, body, now)).toBe('stale');
  });
});

describe('signed links (preview links and preview image URLs)', () => {
  it('signs newline-joined parts as base64url HMAC-SHA256', () => {
    expect(signParts(secret, ['tin-tuc', 'abc123', 1_800_000_000])).toBe(
      createHmac('sha256', secret).update('tin-tuc\nabc123\n1800000000').digest('base64url'),
    );
  });

  it('checks a signature against the parts', () => {
    const sig = signParts(secret, ['anh-preview', '/anh/x.webp', 42]);
    expect(checkParts(secret, ['anh-preview', '/anh/x.webp', 42], sig)).toBe(true);
    expect(checkParts(secret, ['anh-preview', '/anh/y.webp', 42], sig)).toBe(false);
    expect(checkParts(secret, ['anh-preview', '/anh/x.webp', 42], sig.slice(1))).toBe(false);
  });
});

describe('sameSecret', () => {
  it('is true only for equal strings, whatever their lengths', () => {
    expect(sameSecret('token-1', 'token-1')).toBe(true);
    expect(sameSecret('token-1', 'token-2')).toBe(false);
    expect(sameSecret('token', 'token-1')).toBe(false);
    expect(sameSecret('', 'x')).toBe(false);
  });
});
