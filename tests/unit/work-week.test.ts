import { calendarDayOf, clockTime, currentWeekMonday, isInWeek, isMonday, markChangedEntries, mondayOfDay } from '@portal/common/work-week';
import { describe, expect, it } from 'vitest';
import { comingEntries, requestedMonday } from '../../site/src/lib/work-weeks.ts';

describe('weeks of the work calendar in Vietnam time', () => {
  it('runs Monday to Sunday, whatever instant of the Vietnamese day it is', () => {
    // Sunday 6 December 2026, 23:30 in Vietnam = 16:30 UTC: still the week of Monday 30 November.
    expect(currentWeekMonday(Date.parse('2026-12-06T16:30:00Z'))).toBe('2026-11-30');
    // Monday 7 December, 00:30 in Vietnam = Sunday 17:30 UTC: already the next week.
    expect(currentWeekMonday(Date.parse('2026-12-06T17:30:00Z'))).toBe('2026-12-07');
    expect(mondayOfDay('2026-12-06')).toBe('2026-11-30');
    expect(isInWeek('2026-12-06', '2026-11-30')).toBe(true);
    expect(isInWeek('2026-12-07', '2026-11-30')).toBe(false);
  });

  it('reads a week start sent as an instant as the day it is in Vietnam', () => {
    expect(calendarDayOf('2026-12-06T17:00:00.000Z')).toBe('2026-12-07');
    expect(isMonday(calendarDayOf('2026-12-06T17:00:00.000Z')!)).toBe(true);
    expect(isMonday('2026-12-06')).toBe(false);
    expect(calendarDayOf('2026-02-30')).toBeNull();
    expect(calendarDayOf('thứ hai')).toBeNull();
  });

  it('reads the times Strapi stores and refuses impossible ones', () => {
    expect(clockTime('07:30:00.000')).toBe('07:30');
    expect(clockTime('7:05')).toBe('07:05');
    expect(clockTime('24:00')).toBeNull();
    expect(clockTime('')).toBeNull();
  });

  it('takes the week of any day in an address and refuses anything else', () => {
    const now = new Date('2026-12-01T03:00:00Z');
    expect(requestedMonday(null, now)).toBe('2026-11-30');
    expect(requestedMonday('2026-12-09', now)).toBe('2026-12-07');
    expect(requestedMonday('2026-13-01', now)).toBeNull();
    expect(requestedMonday('abc', now)).toBeNull();
  });
});

describe('marks of changed entries', () => {
  const x = { date: '2026-11-30', startTime: '07:15:00.000', content: 'Chào cờ', place: 'Sân trường' };
  const y = { date: '2026-12-01', startTime: '08:00', content: 'Dự giờ lớp A1', place: 'Lớp A1' };

  it('marks nothing before the first publication, and ignores marks sent by a client', () => {
    expect(markChangedEntries([{ ...x, changedAt: '2020-01-01T00:00:00Z' }], null, 'NOW').map((e) => e.changedAt)).toEqual([null]);
  });

  it('marks only the entries that are new or differ from the published version', () => {
    const published = [
      { ...x, changedAt: null },
      { ...y, changedAt: null },
    ];
    const next = [
      { ...x, startTime: '07:15', changedAt: 'forged' },
      { ...y, place: 'Phòng họp' },
      { ...y, content: 'Họp Chi bộ' },
    ];
    expect(markChangedEntries(next, published, 'NOW').map((e) => e.changedAt)).toEqual([null, 'NOW', 'NOW']);
  });

  it('keeps an earlier mark while the entry stays as it was, and leaves new entries of a draft unmarked', () => {
    const published = [{ ...y, changedAt: 'EARLIER' }];
    expect(markChangedEntries([y], published, 'NOW').map((e) => e.changedAt)).toEqual(['EARLIER']);
    expect(markChangedEntries([y, x], published, null).map((e) => e.changedAt)).toEqual(['EARLIER', null]);
  });
});

describe('the home page block', () => {
  const entry = (date: string, start: string, end: string | null) => ({
    date,
    start,
    end,
    content: `${date} ${start}`,
    presiding: null,
    participants: null,
    place: null,
    changedAt: null,
  });
  it('shows what is still to come today and then the next days', () => {
    const entries = [
      entry('2026-12-01', '07:00', '08:00'),
      entry('2026-12-01', '09:00', '11:00'),
      entry('2026-12-02', '08:00', null),
      entry('2026-12-03', '08:00', null),
    ];
    expect(comingEntries(entries, '2026-12-01', '10:00', 2).map((e) => e.content)).toEqual(['2026-12-01 09:00', '2026-12-02 08:00']);
  });
});
