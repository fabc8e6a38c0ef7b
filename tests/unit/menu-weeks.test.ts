import { describe, expect, it } from 'vitest';
import { todayInVietnam } from '../../site/src/lib/dates.ts';
import {
  byAgeGroup,
  chooseWeek,
  datedDays,
  dateOfSchoolDay,
  dayLabel,
  mondayOf,
  secondsUntilVietnamMidnight,
  todayInWeek,
  weekdayName,
} from '../../site/src/lib/menu-weeks.ts';

const weeks = ['2026-11-16', '2026-11-23', '2026-11-30'];

describe('the week the menu page shows', () => {
  it('is the current week on a school day', () => {
    expect(chooseWeek(weeks, null, '2026-11-25')).toEqual({ week: '2026-11-23', previous: '2026-11-16', next: '2026-11-30' });
    expect(chooseWeek(weeks, null, '2026-11-28')?.week).toBe('2026-11-23');
  });

  it('is the coming week on Sunday', () => {
    expect(chooseWeek(weeks, null, '2026-11-29')?.week).toBe('2026-11-30');
  });

  it('is the nearest coming week when this week has no menu, else the latest one', () => {
    expect(chooseWeek(['2026-12-14', '2026-11-16'], null, '2026-12-02')?.week).toBe('2026-12-14');
    expect(chooseWeek(weeks, null, '2027-01-06')).toEqual({ week: '2026-11-30', previous: '2026-11-23', next: null });
  });

  it('follows the address, where any day selects its week, and has no neighbour past the ends', () => {
    expect(chooseWeek(weeks, '2026-11-18', '2026-11-29')).toEqual({ week: '2026-11-16', previous: null, next: '2026-11-23' });
  });

  it('skips weeks without a menu when going back and forth', () => {
    expect(chooseWeek(['2026-11-02', '2026-11-30'], '2026-11-30', '2026-11-30')).toEqual({ week: '2026-11-30', previous: '2026-11-02', next: null });
  });

  it('finds nothing for a week without a menu or an address that is not a date', () => {
    for (const bad of ['2026-12-07', '2026-02-30', '30/11/2026', 'tuan-nay', '']) expect(chooseWeek(weeks, bad, '2026-11-29')).toBeNull();
    expect(chooseWeek([], null, '2026-11-29')).toBeNull();
  });

  it('counts weeks from Monday', () => {
    expect(mondayOf('2026-11-29')).toBe('2026-11-23');
    expect(mondayOf('2026-11-30')).toBe('2026-11-30');
    expect(mondayOf('2027-01-01')).toBe('2026-12-28');
  });
});

describe('the days of a menu week', () => {
  it('dates each school day from the Monday of its week', () => {
    expect(dateOfSchoolDay('2026-11-30', 'Thứ Hai')).toBe('2026-11-30');
    expect(dateOfSchoolDay('2026-11-30', 'Thứ Bảy')).toBe('2026-12-05');
    // A week entered from another day of it still dates from its Monday.
    expect(dateOfSchoolDay('2026-12-02', 'Thứ Ba')).toBe('2026-12-01');
    expect(dateOfSchoolDay('2026-11-30', 'Chủ nhật')).toBeNull();
  });

  it('names a day with its weekday and its date as the site writes dates', () => {
    expect(dayLabel('2026-11-30')).toBe('Thứ Hai 30/11/2026');
    expect(dayLabel('2026-12-06')).toBe('Chủ nhật 06/12/2026');
    expect(weekdayName('2027-01-01')).toBe('Thứ Sáu');
  });

  it('finds today in its own week only, and never on Sunday', () => {
    expect(todayInWeek('2026-11-30', '2026-11-30')).toBe('Thứ Hai');
    expect(todayInWeek('2026-11-30', '2026-12-05')).toBe('Thứ Bảy');
    expect(todayInWeek('2026-11-30', '2026-12-06')).toBeNull();
    expect(todayInWeek('2026-11-23', '2026-11-30')).toBeNull();
    expect(todayInWeek('2026-11-30', 'hom-nay')).toBeNull();
  });

  it('orders the days Monday first and leaves out days the menu does not have', () => {
    const days = [{ weekday: 'Thứ Tư' }, { weekday: 'Thứ Hai' }, { weekday: 'Chủ nhật' }];
    expect(datedDays('2026-11-30', days)).toEqual([
      { day: { weekday: 'Thứ Hai' }, date: '2026-11-30' },
      { day: { weekday: 'Thứ Tư' }, date: '2026-12-02' },
    ]);
    expect(datedDays('2026-11-30', null)).toEqual([]);
  });

  it('puts the nursery before the kindergarten, and unknown groups last', () => {
    const order = byAgeGroup([{ ageGroup: 'Khác' }, { ageGroup: 'Mẫu giáo' }, { ageGroup: 'Nhà trẻ' }]).map((m) => m.ageGroup);
    expect(order).toEqual(['Nhà trẻ', 'Mẫu giáo', 'Khác']);
  });
});

describe('today at the Vietnamese midnight', () => {
  // 16:59:59 UTC is 23:59:59 in Vietnam (UTC+7 all year); one second later it is the next day there.
  const lastSecond = new Date('2026-11-29T16:59:59Z');
  const midnight = new Date('2026-11-29T17:00:00Z');

  it('turns to the next day at midnight in Vietnam, not in UTC', () => {
    expect(todayInVietnam(lastSecond)).toBe('2026-11-29');
    expect(todayInVietnam(midnight)).toBe('2026-11-30');
    expect(todayInWeek('2026-11-30', todayInVietnam(lastSecond))).toBeNull();
    expect(todayInWeek('2026-11-30', todayInVietnam(midnight))).toBe('Thứ Hai');
    // 23:00 UTC on Monday is already 06:00 on Tuesday in Vietnam.
    expect(todayInVietnam(new Date('2026-11-30T23:00:00Z'))).toBe('2026-12-01');
  });

  it('keeps a page that marks today fresh no later than the next Vietnamese midnight', () => {
    expect(secondsUntilVietnamMidnight(lastSecond)).toBe(1);
    expect(secondsUntilVietnamMidnight(midnight)).toBe(24 * 3600);
    expect(secondsUntilVietnamMidnight(new Date('2026-11-29T16:55:00Z'))).toBe(300);
    // Noon in Vietnam (05:00 UTC): twelve hours left.
    expect(secondsUntilVietnamMidnight(Date.parse('2026-11-30T05:00:00Z'))).toBe(12 * 3600);
  });
});
