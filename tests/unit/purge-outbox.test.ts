import { describe, expect, it } from 'vitest';
import { nextAttemptAfter, RETRY_DELAYS_MS } from '../../cms/src/cache/outbox.ts';

describe('the purge outbox', () => {
  it('waits longer after each failed attempt', () => {
    const now = Date.UTC(2026, 10, 30, 12, 0, 0);
    const delays = RETRY_DELAYS_MS.map((_, index) => nextAttemptAfter(index + 1, now)!.getTime() - now);
    expect(delays).toEqual(RETRY_DELAYS_MS);
    expect([...delays].sort((a, b) => a - b)).toEqual(delays);
  });

  it('gives up after the last delay, more than an hour after the change', () => {
    expect(nextAttemptAfter(RETRY_DELAYS_MS.length + 1, 0)).toBeNull();
    expect(RETRY_DELAYS_MS.reduce((sum, delay) => sum + delay, 0)).toBeGreaterThan(3_600_000);
  });
});
