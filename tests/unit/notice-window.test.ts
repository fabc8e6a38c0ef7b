import { describe, expect, it } from 'vitest';
import { noticeWindow } from '../../site/src/lib/notice-window.ts';

// 22:13 on 2 December 2026 in Vietnam (UTC+7).
const NOW = Date.parse('2026-12-02T15:13:00Z');

describe('the time line of a maintenance notice', () => {
  it('names the day once when the notice ends the day it starts', () => {
    expect(noticeWindow({ startsAt: '2026-12-02T15:30:00Z', endsAt: '2026-12-02T16:30:00Z' }, NOW)).toBe('Từ 22:30 đến 23:30 ngày 02/12/2026');
  });

  it('leaves the year out across a midnight of this year, so that a phone shows it on one line', () => {
    expect(noticeWindow({ startsAt: '2026-12-02T16:13:00Z', endsAt: '2026-12-02T17:13:00Z' }, NOW)).toBe('Từ 23:13 ngày 02/12 đến 00:13 ngày 03/12');
  });

  it('writes both years across a new year', () => {
    expect(noticeWindow({ startsAt: '2026-12-31T16:00:00Z', endsAt: '2026-12-31T18:00:00Z' }, NOW)).toBe('Từ 23:00 ngày 31/12/2026 đến 01:00 ngày 01/01/2027');
  });

  it('keeps the year of a window in another year than the current one', () => {
    expect(noticeWindow({ startsAt: '2027-01-04T16:00:00Z', endsAt: '2027-01-04T18:00:00Z' }, NOW)).toBe('Từ 23:00 ngày 04/01/2027 đến 01:00 ngày 05/01/2027');
  });

  it('says when a notice that has begun should be over', () => {
    expect(noticeWindow({ startsAt: '2026-12-02T15:00:00Z', endsAt: '2026-12-02T17:30:00Z' }, NOW)).toBe('Dự kiến xong lúc 00:30 ngày 03/12/2026');
  });

  it('gives only the start of a notice without an end', () => {
    expect(noticeWindow({ startsAt: '2026-12-02T16:00:00Z', endsAt: null }, NOW)).toBe('Từ 23:00 ngày 02/12/2026');
  });
});
