import { archivesToKeep, type DatedArchive, dayKey, monthKey, weekKey } from '@portal/backups/prune';
import { fromVietnam } from '@portal/common/vietnam-time';
import { describe, expect, it } from 'vitest';

const at = (y: number, m: number, d: number, hh = 2, mm = 30): DatedArchive => {
  const date = fromVietnam(y, m, d, hh, mm);
  return { name: `${y}-${m}-${d}T${hh}:${mm}`, date };
};

/** One archive a day at 02:30 Vietnam time, for `days` days ending on the given day. */
function daily(days: number, y = 2026, m = 11, d = 29): DatedArchive[] {
  return Array.from({ length: days }, (_, i) => {
    const date = fromVietnam(y, m, d - i, 2, 30);
    return { name: date.toISOString(), date };
  });
}

describe('grandfather-father-son pruning', () => {
  it('keeps every archive while there are fewer than the daily count', () => {
    const archives = daily(5);
    expect(archivesToKeep(archives, { daily: 7, weekly: 4, monthly: 12 }).size).toBe(5);
  });

  it('keeps one archive per day for the last seven days, per week for four weeks and per month for a year', () => {
    const archives = daily(400);
    const kept = archivesToKeep(archives, { daily: 7, weekly: 4, monthly: 12 });
    const keptArchives = archives.filter((a) => kept.has(a.name));
    const days = new Set(keptArchives.map((a) => dayKey(a.date)));
    expect(days.size).toBe(keptArchives.length);
    // 7 daily; weekly adds the Sundays of the 3 older weeks (the newest week's is a daily one);
    // monthly adds the last day of the 11 older months (the current month's newest is the newest of all).
    expect(keptArchives.length).toBe(7 + 3 + 11);
    expect(new Set(keptArchives.map((a) => monthKey(a.date))).size).toBe(12);
    expect(new Set(keptArchives.map((a) => weekKey(a.date))).size).toBeGreaterThanOrEqual(4);
    const oldest = keptArchives.at(-1)!;
    expect(dayKey(oldest.date)).toBe('2025-12-31');
  });

  it('keeps the newest archive of a day when several were made that day', () => {
    const morning = at(2026, 11, 29, 2, 30);
    const evening = at(2026, 11, 29, 20, 0);
    const kept = archivesToKeep([morning, evening], { daily: 1, weekly: 0, monthly: 0 });
    expect([...kept]).toEqual([evening.name]);
  });

  it('always keeps the newest archive, even when every count is zero', () => {
    const archives = daily(3);
    expect([...archivesToKeep(archives, { daily: 0, weekly: 0, monthly: 0 })]).toEqual([archives[0]!.name]);
  });

  it('counts only periods that have an archive, so a gap in backups does not shorten history', () => {
    const archives = [at(2026, 11, 29), at(2026, 11, 1), at(2026, 10, 1), at(2026, 6, 1)];
    const kept = archivesToKeep(archives, { daily: 3, weekly: 0, monthly: 0 });
    expect(kept.size).toBe(3);
    expect(kept.has(archives[3]!.name)).toBe(false);
  });

  it('uses the Vietnam calendar: 23:30 UTC is already the next day in Hiệp Hòa', () => {
    const lateUtc = new Date(Date.UTC(2026, 10, 28, 23, 30));
    expect(dayKey(lateUtc)).toBe('2026-11-29');
  });

  it('numbers weeks the ISO way, with Monday as the first day', () => {
    expect(weekKey(fromVietnam(2026, 11, 29, 12))).toBe('2026-W48'); // Sunday
    expect(weekKey(fromVietnam(2026, 11, 30, 12))).toBe('2026-W49'); // Monday
    expect(weekKey(fromVietnam(2027, 1, 1, 12))).toBe('2026-W53');
  });
});
