import { describe, expect, it } from 'vitest';
import { FeedClock } from '../../site/src/lib/feed-clock.ts';

describe('the change feed clock', () => {
  it('trusts the caches before the first read and while reads come on time', () => {
    const clock = new FeedClock(1_000);
    expect(clock.behind(0)).toBe(false);
    clock.begin(0);
    clock.end(500);
    expect(clock.behind(1_400)).toBe(false);
    clock.begin(1_450);
    expect(clock.behind(1_500)).toBe(false);
  });

  it('counts the caches behind once a read is more than a second overdue, as after a SIGSTOP', () => {
    const clock = new FeedClock(1_000);
    clock.begin(0);
    clock.end(500);
    expect(clock.behind(1_501)).toBe(true);
  });

  it('keeps counting them behind while the late read is under way, and trusts them again once it has ended', () => {
    const clock = new FeedClock(1_000);
    clock.begin(0);
    clock.end(500);
    clock.begin(9_000);
    expect(clock.behind(9_001)).toBe(true);
    clock.end(10_000);
    expect(clock.behind(9_600)).toBe(false);
  });

  it('never counts a slow CMS against the caches: a read on time that takes long leaves them trusted', () => {
    const clock = new FeedClock(1_000);
    clock.begin(0);
    clock.end(500);
    clock.begin(500);
    expect(clock.behind(30_000)).toBe(false);
    // It failed after 30 s: the next read is due as usual.
    clock.end(30_500);
    expect(clock.behind(31_000)).toBe(false);
  });
});
