/**
 * Pure arithmetic of the monitor's history: each check stands for the time until the next one, so
 * uptime is measured in time, not in counts. Time inside a maintenance window is counted apart and
 * left out of uptime; a gap (the monitor was not running) counts as nothing.
 */
import { DAY_MS, vietnamDate, vietnamDayStart } from '@portal/common/vietnam-time';

export type CountedState = 'up' | 'down' | 'maintenance';

export interface CheckPoint {
  at: number;
  state: CountedState;
}

export interface Segment {
  from: number;
  to: number;
  state: CountedState;
}

export interface Totals {
  up: number;
  down: number;
  maintenance: number;
}

export const HOUR_MS = 3_600_000;

/** How long one check may stand for: a longer silence means the monitor was not watching. */
export function maxGapFor(intervalMs: number, timeoutMs: number): number {
  return Math.max(2 * intervalMs, intervalMs + 2 * timeoutMs);
}

/** Points must be sorted by time. The last point lasts until `endAt` (at most `maxGapMs`). */
export function toSegments(points: CheckPoint[], maxGapMs: number, endAt: number): Segment[] {
  const segments: Segment[] = [];
  for (let index = 0; index < points.length; index += 1) {
    const point = points[index]!;
    const next = points[index + 1];
    const to = Math.min(next ? next.at : endAt, point.at + maxGapMs);
    if (to > point.at) segments.push({ from: point.at, to, state: point.state });
  }
  return segments;
}

export function emptyTotals(): Totals {
  return { up: 0, down: 0, maintenance: 0 };
}

/** Time in each state between `from` and `to`. */
export function totalsBetween(segments: Segment[], from: number, to: number): Totals {
  const totals = emptyTotals();
  for (const segment of segments) {
    const overlap = Math.min(segment.to, to) - Math.max(segment.from, from);
    if (overlap > 0) totals[segment.state] += overlap;
  }
  return totals;
}

export function addTotals(a: Totals, b: Totals): Totals {
  return { up: a.up + b.up, down: a.down + b.down, maintenance: a.maintenance + b.maintenance };
}

/** Share of watched time the service was up, maintenance excluded; null when there is nothing to judge. */
export function uptimeOf(totals: Totals): number | null {
  const judged = totals.up + totals.down;
  return judged > 0 ? totals.up / judged : null;
}

/** Nearest-rank percentile (p in 0..100) of unsorted values; null for none. */
export function percentile(values: number[], p: number): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

/** Totals per Vietnamese calendar day, splitting segments at midnight. */
export function totalsByDay(segments: Segment[]): Map<string, Totals> {
  const days = new Map<string, Totals>();
  for (const segment of segments) {
    let from = segment.from;
    while (from < segment.to) {
      const to = Math.min(segment.to, vietnamDayStart(from) + DAY_MS);
      const day = vietnamDate(from);
      const totals = days.get(day) ?? emptyTotals();
      totals[segment.state] += to - from;
      days.set(day, totals);
      from = to;
    }
  }
  return days;
}

/** The last `count` Vietnamese days up to and including today's, oldest first. */
export function lastDays(now: number, count: number): string[] {
  const today = vietnamDayStart(now);
  return Array.from({ length: count }, (_, index) => vietnamDate(today - (count - 1 - index) * DAY_MS));
}

export const minutes = (ms: number) => Math.round((ms / 60_000) * 100) / 100;
