import { displayName, vietnameseName } from '@portal/common/person-name';
import { fromVietnam, TIME_ZONE } from '@portal/common/vietnam-time';
import { beforeAll, describe, expect, it } from 'vitest';
import { vietnameseLabel } from '../../cms/src/admin/branding/aria-labels.ts';
import { installVietnameseDates } from '../../cms/src/admin/branding/dates.ts';
import { looksEnglish } from '../helpers/admin-language.ts';

describe('names in Vietnamese order', () => {
  it('writes the family and middle names before the given name', () => {
    expect(vietnameseName({ firstname: 'Thu Hà', lastname: 'Nguyễn Thị' })).toBe('Nguyễn Thị Thu Hà');
    expect(vietnameseName({ firstname: ' Minh  Đức ', lastname: 'Trần' })).toBe('Trần Minh Đức');
    expect(vietnameseName({ firstname: 'Lan', lastname: null })).toBe('Lan');
  });

  it('falls back to the e-mail, then to what the caller gives', () => {
    expect(displayName({ firstname: '', lastname: '', email: 'gv@mnhiephoa.test' })).toBe('gv@mnhiephoa.test');
    expect(displayName({}, '#7')).toBe('#7');
  });
});

describe('dates in the admin', () => {
  const at = fromVietnam(2026, 11, 30, 19, 5);
  beforeAll(() => installVietnameseDates());

  it('writes Strapi’s full and short date styles as dd/mm/yyyy, with HH:mm after it', () => {
    const format = (options: Intl.DateTimeFormatOptions) => new Intl.DateTimeFormat('vi', { ...options, timeZone: TIME_ZONE }).format(at);
    expect(format({ dateStyle: 'full' })).toBe('30/11/2026');
    expect(format({ dateStyle: 'full', timeStyle: 'short' })).toBe('30/11/2026 19:05');
    expect(format({ dateStyle: 'short', timeStyle: 'short' })).toBe('30/11/2026 19:05');
    expect(new Date(at).toLocaleDateString('vi-VN', { timeZone: TIME_ZONE, day: '2-digit', month: '2-digit', year: 'numeric' })).toBe('30/11/2026');
  });

  it('names the weekdays T2 … CN where the date picker asks for short weekdays', () => {
    const weekday = new Intl.DateTimeFormat('vi-VN', { weekday: 'short', timeZone: TIME_ZONE });
    const week = [0, 1, 2, 3, 4, 5, 6].map((day) => weekday.format(fromVietnam(2026, 11, 30 + day, 12)));
    expect(week).toEqual(['T2', 'T3', 'T4', 'T5', 'T6', 'T7', 'CN']);
    expect(new Intl.DateTimeFormat('vi', { weekday: 'long', day: 'numeric', month: 'long', timeZone: TIME_ZONE }).format(at)).toContain('Thứ Hai');
  });

  it('leaves other languages and other requests alone', () => {
    expect(new Intl.DateTimeFormat('en-GB', { dateStyle: 'full', timeZone: TIME_ZONE }).format(at)).toMatch(/^Monday,? 30 November 2026$/);
    expect(new Intl.DateTimeFormat('vi', { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: TIME_ZONE }).format(at)).toBe('19:05');
    expect(new Intl.DateTimeFormat('vi') instanceof Intl.DateTimeFormat).toBe(true);
    expect(Intl.DateTimeFormat('vi', { dateStyle: 'full', timeZone: TIME_ZONE }).format(at)).toBe('30/11/2026');
  });
});

describe('the admin string scan', () => {
  it('takes plain-ASCII interface words for English and Vietnamese for Vietnamese', () => {
    for (const english of ['Search', 'Learn more on our documentation', 'Copy preview link', 'Close', 'Rows per page'])
      expect(looksEnglish(english)).toBe(true);
    for (const fine of ['Tìm kiếm', 'Sao chép liên kết xem trước', 'PDF', 'T2', 'CN', '30/11/2026 19:05', 'anh-bia.jpg'])
      expect(looksEnglish(fine)).toBe(false);
  });
});

describe('screen-reader labels Strapi writes in English', () => {
  it('are replaced by the Vietnamese the control shows or means', () => {
    expect(vietnameseLabel('published', 'status', 'Đã đăng')).toBe('Đã đăng');
    expect(vietnameseLabel('draft', 'status', '')).toBe('Bản nháp');
    expect(vietnameseLabel('Choose date', null, '')).toBe('Chọn ngày');
    expect(vietnameseLabel('Choose time', 'combobox', '')).toBe('Chọn giờ');
    expect(vietnameseLabel('Xóa date', null, '')).toBe('Xóa ngày');
    expect(vietnameseLabel('Xóa time', null, '')).toBe('Xóa giờ');
  });

  it('leave Vietnamese labels and other English alone', () => {
    expect(vietnameseLabel('Đã đăng', 'status', 'Đã đăng')).toBeUndefined();
    expect(vietnameseLabel('published', null, '')).toBeUndefined();
    expect(vietnameseLabel('Update date', null, '')).toBeUndefined();
  });
});
