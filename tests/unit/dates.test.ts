import { describe, expect, it } from 'vitest';
import { formatDate, formatDateTime, formatLongDate, machineDate, toCalendarDay, todayInVietnam } from '../../site/src/lib/dates.ts';

describe('formatDate', () => {
  it('writes a calendar day as dd/mm/yyyy', () => {
    expect(formatDate('2023-11-17')).toBe('17/11/2023');
  });

  it('pads day and month with a zero', () => {
    expect(formatDate('2026-09-05')).toBe('05/09/2026');
  });

  it('shows a late-evening UTC timestamp as the next day, as it already is in Vietnam', () => {
    // 20:30 UTC on 16 November is 03:30 on 17 November in Asia/Ho_Chi_Minh (UTC+7).
    expect(formatDate('2023-11-16T20:30:00.000Z')).toBe('17/11/2023');
    expect(formatDate(new Date('2023-11-16T20:30:00.000Z'))).toBe('17/11/2023');
  });

  it('keeps a timestamp earlier in the UTC day on the same day', () => {
    expect(formatDate('2023-11-17T03:00:00.000Z')).toBe('17/11/2023');
  });

  it('never shifts a date-only string, whatever zone it is formatted from', () => {
    // The first day of a year is where a shift to the previous day would be most visible.
    expect(formatDate('2024-01-01')).toBe('01/01/2024');
    expect(formatLongDate('2024-01-01')).toBe('Thứ Hai, 01/01/2024');
    expect(toCalendarDay('2024-01-01')).toBe('2024-01-01');
  });

  it('returns an empty string for missing or invalid input instead of "Invalid Date"', () => {
    expect(formatDate(null)).toBe('');
    expect(formatDate(undefined)).toBe('');
    expect(formatDate('')).toBe('');
    expect(formatDate('not a date')).toBe('');
  });
});

describe('formatLongDate', () => {
  it('names the weekday, then writes the day as lists do', () => {
    expect(formatLongDate('2023-11-17')).toBe('Thứ Sáu, 17/11/2023');
    expect(formatLongDate('2026-11-20')).not.toContain('tháng');
  });

  it('uses the Vietnamese day of a timestamp, weekday included', () => {
    expect(formatLongDate('2023-11-16T20:30:00.000Z')).toBe('Thứ Sáu, 17/11/2023');
  });

  it('calls Sunday "Chủ Nhật", capitalised at the start of the phrase', () => {
    expect(formatLongDate('2026-11-29')).toBe('Chủ Nhật, 29/11/2026');
  });

  it('returns an empty string for missing or invalid input', () => {
    expect(formatLongDate(null)).toBe('');
    expect(formatLongDate('not a date')).toBe('');
  });
});

describe('formatDateTime', () => {
  it('shows the hour in Vietnam on a 24-hour clock', () => {
    expect(formatDateTime('2026-10-21T01:40:00.000Z')).toBe('08:40 ngày 21/10/2026');
    expect(formatDateTime('2026-10-21T13:05:00.000Z')).toBe('20:05 ngày 21/10/2026');
  });
});

describe('calendar days', () => {
  it('gives today as the day in Vietnam, not on the server clock', () => {
    expect(todayInVietnam(new Date('2026-12-31T17:30:00.000Z'))).toBe('2027-01-01');
    expect(todayInVietnam(new Date('2026-12-31T16:59:59.000Z'))).toBe('2026-12-31');
  });

  it('keeps a date-only string as the machine-readable value of <time>', () => {
    expect(machineDate('2023-11-17')).toBe('2023-11-17');
    expect(machineDate('2023-11-16T20:30:00.000Z')).toBe('2023-11-16T20:30:00.000Z');
  });
});

describe('formatters', () => {
  it('are made once per style and zone, not once per date: a page of results formats dozens of dates', () => {
    const Original = Intl.DateTimeFormat;
    let made = 0;
    const counting = new Proxy(Original, {
      construct(target, args: ConstructorParameters<typeof Intl.DateTimeFormat>) {
        made++;
        return new target(...args);
      },
    });
    Intl.DateTimeFormat = counting;
    try {
      const days = Array.from({ length: 100 }, (_, i) => `2026-${String((i % 12) + 1).padStart(2, '0')}-${String((i % 28) + 1).padStart(2, '0')}`);
      const first = days.map((day) => [formatDate(day), formatLongDate(day), toCalendarDay(day), formatDateTime(`${day}T01:30:00Z`)]);
      const again = days.map((day) => [formatDate(day), formatLongDate(day), toCalendarDay(day), formatDateTime(`${day}T01:30:00Z`)]);
      expect(again).toEqual(first);
      expect(first[0]).toEqual(['01/01/2026', 'Thứ Năm, 01/01/2026', '2026-01-01', '08:30 ngày 01/01/2026']);
      // Four styles, two zones (calendar days are formatted in UTC, instants in Vietnam): a handful in all.
      expect(made).toBeLessThanOrEqual(8);
    } finally {
      Intl.DateTimeFormat = Original;
    }
  });
});
