import { describe, expect, it } from 'vitest';
import { nextAttemptAfter, parseDelays, RETRY_DELAYS_MS, retryDelays } from '../../cms/src/cache/outbox.ts';
import { mailMessage } from '../../cms/src/notify/notifier.ts';

describe('the delivery outbox', () => {
  it('waits longer after each failed attempt, for purges and for e-mails', () => {
    const now = Date.UTC(2026, 10, 30, 12, 0, 0);
    for (const delays of Object.values(RETRY_DELAYS_MS)) {
      const waits = delays.map((_, index) => nextAttemptAfter(delays, index + 1, now)!.getTime() - now);
      expect(waits).toEqual(delays);
      expect([...waits].sort((a, b) => a - b)).toEqual(waits);
    }
  });

  it('gives a purge up after more than an hour and an e-mail after more than eight hours', () => {
    const total = (delays: readonly number[]) => delays.reduce((sum, delay) => sum + delay, 0);
    expect(nextAttemptAfter(RETRY_DELAYS_MS.purge, RETRY_DELAYS_MS.purge.length + 1, 0)).toBeNull();
    expect(nextAttemptAfter(RETRY_DELAYS_MS.mail, RETRY_DELAYS_MS.mail.length + 1, 0)).toBeNull();
    expect(total(RETRY_DELAYS_MS.purge)).toBeGreaterThan(3_600_000);
    expect(total(RETRY_DELAYS_MS.mail)).toBeGreaterThan(8 * 3_600_000);
  });

  it('takes a schedule of its own per kind from the environment, and keeps the default for a setting that is not one', () => {
    expect(retryDelays('mail', { OUTBOX_MAIL_RETRY_DELAYS_MS: '3000, 3000' })).toEqual([3000, 3000]);
    expect(retryDelays('purge', { OUTBOX_MAIL_RETRY_DELAYS_MS: '3000' })).toEqual(RETRY_DELAYS_MS.purge);
    expect(retryDelays('purge', { OUTBOX_PURGE_RETRY_DELAYS_MS: '500' })).toEqual([500]);
    expect(retryDelays('mail', {})).toEqual(RETRY_DELAYS_MS.mail);
    for (const wrong of ['1s', '1000,,2000', '-5', '1.5', `${8 * 24 * 3_600_000}`]) expect(parseDelays(wrong), wrong).toBeNull();
    expect(parseDelays('  ')).toBeNull();
    expect(parseDelays('0')).toEqual([0]);
  });

  it('queues an e-mail to each valid address once, with a one-line subject and an escaped HTML part', () => {
    const message = mailMessage({
      to: ['a@x.test', 'khong-phai-dia-chi', 'a@x.test', 'b@x.test'],
      subject: 'Tiêu đề\r\nBcc: c@x.test',
      text: 'Xin chào <b>cô</b>',
    });
    expect(message).toEqual({
      to: 'a@x.test, b@x.test',
      subject: 'Tiêu đề Bcc: c@x.test',
      text: 'Xin chào <b>cô</b>',
      html: expect.stringContaining('<p>Xin chào &lt;b&gt;cô&lt;/b&gt;</p>'),
    });
    expect(mailMessage({ to: ['khong-phai-dia-chi'], subject: 'x', text: 'y' })).toBeNull();
  });
});
