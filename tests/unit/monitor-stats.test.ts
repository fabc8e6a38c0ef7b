import { DAY_MS, vietnamDate, vietnamDayStart } from '@portal/common/vietnam-time';
import { type CheckPoint, lastDays, maxGapFor, percentile, toSegments, totalsBetween, totalsByDay, uptimeOf } from '@portal/monitor/stats';
import { describe, expect, it } from 'vitest';

const MIN = 60_000;
const at = (iso: string) => Date.parse(iso);
/** Checks every minute from `start`, one state per minute. */
const everyMinute = (start: number, states: CheckPoint['state'][]): CheckPoint[] => states.map((state, index) => ({ at: start + index * MIN, state }));

describe('uptime over time with maintenance', () => {
  it('lets each check stand for the time until the next one', () => {
    const start = at('2026-11-05T03:00:00Z');
    const points = everyMinute(start, ['up', 'up', 'down', 'down', 'up']);
    const totals = totalsBetween(toSegments(points, 2 * MIN, start + 5 * MIN), start, start + 5 * MIN);
    expect(totals).toEqual({ up: 3 * MIN, down: 2 * MIN, maintenance: 0 });
    expect(uptimeOf(totals)).toBe(0.6);
  });

  it('leaves maintenance time out of uptime but counts it separately', () => {
    const start = at('2026-11-05T03:00:00Z');
    const points = everyMinute(start, ['up', 'maintenance', 'maintenance', 'maintenance', 'down', 'up', 'up', 'up']);
    const totals = totalsBetween(toSegments(points, 2 * MIN, start + 8 * MIN), start, start + 8 * MIN);
    expect(totals).toEqual({ up: 4 * MIN, down: MIN, maintenance: 3 * MIN });
    expect(uptimeOf(totals)).toBe(0.8);
  });

  it('does not count a gap in the checks (the monitor was stopped) as up or down', () => {
    const start = at('2026-11-05T03:00:00Z');
    const points: CheckPoint[] = [
      { at: start, state: 'up' },
      { at: start + 60 * MIN, state: 'down' },
    ];
    const totals = totalsBetween(toSegments(points, 2 * MIN, start + 61 * MIN), start, start + 61 * MIN);
    expect(totals).toEqual({ up: 2 * MIN, down: MIN, maintenance: 0 });
  });

  it('has no uptime figure when nothing but maintenance was observed', () => {
    expect(uptimeOf({ up: 0, down: 0, maintenance: 5 * MIN })).toBeNull();
    expect(uptimeOf({ up: 0, down: 0, maintenance: 0 })).toBeNull();
  });

  it('clips a window that starts or ends inside a check', () => {
    const start = at('2026-11-05T03:00:00Z');
    const segments = toSegments(everyMinute(start, ['down', 'up']), 2 * MIN, start + 2 * MIN);
    expect(totalsBetween(segments, start + 30_000, start + 90_000)).toEqual({ up: 30_000, down: 30_000, maintenance: 0 });
  });

  it('allows a check to stand for twice the interval, or the interval plus two timeouts when that is longer', () => {
    expect(maxGapFor(60_000, 10_000)).toBe(120_000);
    expect(maxGapFor(1_000, 3_000)).toBe(7_000);
  });
});

describe('response-time percentiles', () => {
  it('uses the nearest rank of the sorted values', () => {
    const values = Array.from({ length: 100 }, (_, index) => 100 - index); // 100..1, unsorted
    expect(percentile(values, 50)).toBe(50);
    expect(percentile(values, 95)).toBe(95);
    expect(percentile(values, 99)).toBe(99);
    expect(percentile([7], 99)).toBe(7);
    expect(percentile([30, 10, 20], 50)).toBe(20);
  });

  it('has no percentile without values', () => {
    expect(percentile([], 50)).toBeNull();
  });
});

describe('days in Vietnam', () => {
  it('starts a day at midnight in Asia/Ho_Chi_Minh (17:00 UTC the day before)', () => {
    expect(vietnamDate(at('2026-11-04T16:59:59Z'))).toBe('2026-11-04');
    expect(vietnamDate(at('2026-11-04T17:00:00Z'))).toBe('2026-11-05');
    expect(vietnamDayStart(at('2026-11-05T10:00:00Z'))).toBe(at('2026-11-04T17:00:00Z'));
  });

  it('splits a segment that crosses midnight between the two days', () => {
    const start = at('2026-11-04T16:30:00Z'); // 23:30 in Vietnam
    const days = totalsByDay(
      toSegments(
        [
          { at: start, state: 'down' },
          { at: start + 60 * MIN, state: 'up' },
        ],
        2 * 60 * MIN,
        start + 61 * MIN,
      ),
    );
    expect(days.get('2026-11-04')).toEqual({ up: 0, down: 30 * MIN, maintenance: 0 });
    expect(days.get('2026-11-05')).toEqual({ up: MIN, down: 30 * MIN, maintenance: 0 });
  });

  it('lists the last 90 days oldest first, ending today', () => {
    const now = at('2026-11-05T03:00:00Z');
    const days = lastDays(now, 90);
    expect(days).toHaveLength(90);
    expect(days.at(-1)).toBe('2026-11-05');
    expect(days[0]).toBe(vietnamDate(now - 89 * DAY_MS));
    expect(new Set(days).size).toBe(90);
  });
});
