import { fromVietnam, TIME_ZONE, vietnamDate, vietnamDayStart, vietnamFormat, vietnamParts } from '@portal/common/vietnam-time';
import { describe, expect, it } from 'vitest';

const at = (iso: string) => new Date(iso);

describe('Vietnam time (UTC+7, no daylight saving)', () => {
  it('names the zone', () => {
    expect(TIME_ZONE).toBe('Asia/Ho_Chi_Minh');
  });

  it('gives the calendar day in Vietnam, from a Date or milliseconds', () => {
    expect(vietnamDate(at('2026-12-31T16:59:59Z'))).toBe('2026-12-31');
    expect(vietnamDate(at('2026-12-31T17:00:00Z'))).toBe('2027-01-01');
    expect(vietnamDate(at('2026-12-31T17:00:00Z').getTime())).toBe('2027-01-01');
  });

  it('agrees with Intl in Asia/Ho_Chi_Minh', () => {
    const instant = at('2026-07-15T20:15:00Z');
    expect(vietnamDate(instant)).toBe(new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Ho_Chi_Minh' }).format(instant));
    expect(vietnamFormat({ hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(instant)).toBe('03:15');
  });

  it('starts a day at 17:00 UTC the day before', () => {
    expect(vietnamDayStart(at('2026-11-05T10:00:00Z'))).toBe(at('2026-11-04T17:00:00Z').getTime());
    expect(vietnamDayStart(at('2026-11-04T17:00:00Z').getTime())).toBe(at('2026-11-04T17:00:00Z').getTime());
  });

  it('reads and builds wall-clock times', () => {
    expect(vietnamParts(at('2026-11-29T19:30:05Z'))).toEqual({ y: 2026, m: 11, d: 30, hh: 2, mm: 30, ss: 5, weekday: 1 });
    expect(fromVietnam(2026, 11, 30, 2, 30, 5).toISOString()).toBe('2026-11-29T19:30:05.000Z');
    expect(fromVietnam(2026, 12, 32).toISOString()).toBe('2026-12-31T17:00:00.000Z');
  });
});

describe('vietnamFormat', () => {
  it('hands back the same formatter for the same locale and options, and a different one otherwise', () => {
    const day = vietnamFormat({ day: '2-digit', month: '2-digit', year: 'numeric' });
    expect(vietnamFormat({ day: '2-digit', month: '2-digit', year: 'numeric' })).toBe(day);
    expect(vietnamFormat({ day: '2-digit', month: '2-digit', year: 'numeric' }, 'en-GB')).not.toBe(day);
    expect(vietnamFormat({ hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })).not.toBe(day);
    expect(day.format(new Date('2026-12-01T18:30:00Z'))).toBe('02/12/2026');
  });
});
