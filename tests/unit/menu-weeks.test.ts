import { describe, expect, it } from 'vitest';
import { chooseWeek, mondayOf } from '../../site/src/lib/menu-weeks.ts';

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
