import { describe, expect, it } from 'vitest';
import { combinedStatus, formatScheduleTime, parseVietnamLocal, toVietnamLocal } from '../../cms/src/workflow/status.ts';

describe('the one status of a reviewed item', () => {
  it('names the review state while nothing is online', () => {
    expect(combinedStatus('draft', 'draft').label).toBe('Nháp');
    expect(combinedStatus('pending', 'draft')).toEqual({ label: 'Chờ duyệt', tone: 'warning' });
    expect(combinedStatus('changes_requested', 'draft').label).toBe('Cần chỉnh sửa');
    expect(combinedStatus('rejected', 'draft').label).toBe('Không duyệt');
    expect(combinedStatus('approved', 'draft').label).toBe('Đã duyệt');
    expect(combinedStatus(null, null).label).toBe('Nháp');
  });

  it('says "Đã đăng" once the approved version is online, and what waits behind a published item', () => {
    expect(combinedStatus('approved', 'published')).toEqual({ label: 'Đã đăng', tone: 'success' });
    expect(combinedStatus('approved', 'modified').label).toBe('Đã đăng – có thay đổi chưa đăng');
    expect(combinedStatus('pending', 'modified').label).toBe('Đã đăng – có bản sửa chờ duyệt');
    expect(combinedStatus('pending', 'published').label).toBe('Đã đăng – có bản sửa chờ duyệt');
    expect(combinedStatus('draft', 'modified').label).toBe('Đã đăng – có bản sửa chưa gửi duyệt');
    expect(combinedStatus('changes_requested', 'modified').label).toBe('Đã đăng – bản sửa cần chỉnh sửa');
  });

  it('shows a planned publication in Vietnam time, only while the item is approved', () => {
    const at = '2026-12-01T01:00:00.000Z';
    expect(combinedStatus('approved', 'draft', at)).toEqual({ label: 'Đã hẹn đăng 08:00 01/12/2026', tone: 'primary' });
    expect(combinedStatus('approved', 'modified', at).label).toBe('Đã đăng – bản sửa đã hẹn đăng 08:00 01/12/2026');
    expect(combinedStatus('draft', 'draft', at).label).toBe('Nháp');
  });
});

describe('schedule times', () => {
  it('writes an instant as Vietnam wall-clock time, hours first', () => {
    expect(formatScheduleTime(new Date('2026-11-30T17:05:00Z'))).toBe('00:05 01/12/2026');
  });

  it('reads a datetime-local value as Vietnam time, whatever the machine’s zone', () => {
    expect(parseVietnamLocal('2026-12-01T08:00')?.toISOString()).toBe('2026-12-01T01:00:00.000Z');
    expect(toVietnamLocal(new Date('2026-12-01T01:00:00Z'))).toBe('2026-12-01T08:00');
  });

  it('refuses malformed or impossible dates instead of rolling them over', () => {
    expect(parseVietnamLocal('')).toBeNull();
    expect(parseVietnamLocal('01/12/2026 08:00')).toBeNull();
    expect(parseVietnamLocal('2026-02-31T08:00')).toBeNull();
    expect(parseVietnamLocal('2026-12-01T25:00')).toBeNull();
  });
});
