import { changeDuty, dutiesAround } from '@portal/common/disclosure-deadlines';
import { describe, expect, it } from 'vitest';
import { reminderMail } from '../../cms/src/workflow/reminder-mail.ts';

const TO = ['hieutruong@mnhiephoa.test'];
// Friday 04/12/2026: the menu of the week of Monday 07/12 is due on Saturday 05/12.
const menu = dutiesAround('2026-12-04').find((d) => d.key === 'weekly-menu:2026-12-07')!;
const change = changeDuty({ documentId: 'doc1', title: 'Các khoản thu năm học 2026-2027', changedOn: '2026-11-20' });

describe('the reminder e-mail to the Ban giám hiệu', () => {
  it('names a single duty due in a few days with its due day and how many days are left', () => {
    const mail = reminderMail([{ duty: menu, kind: 'before' }], TO, '2026-12-04');
    expect(mail.to).toEqual(TO);
    expect(mail.subject).toBe('[Nhắc công khai] Hạn 05/12/2026: Thực đơn tuần từ 07/12/2026');
    expect(mail.text).toContain('Kính gửi Ban giám hiệu,');
    expect(mail.text).toContain('- Thực đơn tuần từ 07/12/2026: hạn 05/12/2026 (còn 1 ngày)');
    expect(mail.text).toMatch(/Xem "Việc cần công khai" trên trang quản trị: http:\/\/\S+\/admin\n/);
  });

  it('says when the due day is today, and links a change to its disclosure in the admin', () => {
    const mail = reminderMail([{ duty: change, kind: 'on-day' }], TO, '2026-12-04');
    expect(change.dueOn).toBe('2026-12-04');
    expect(mail.subject).toBe('[Nhắc công khai] Hôm nay là hạn: Thay đổi ngày 20/11/2026: Các khoản thu năm học 2026-2027');
    expect(mail.text).toContain('Hôm nay (04/12/2026) là hạn cuối công khai theo Thông tư 09/2024/TT-BGDĐT:');
    expect(mail.text).toMatch(/Mở mục công khai: http:\/\/\S+\/admin\/content-manager\/collection-types\/api::disclosure\.disclosure\/doc1/);
  });

  it('lists several duties in one message, those due today first', () => {
    const mail = reminderMail(
      [
        { duty: menu, kind: 'before' },
        { duty: change, kind: 'on-day' },
      ],
      TO,
      '2026-12-04',
    );
    expect(mail.subject).toBe('[Nhắc công khai] 2 việc cần công khai, 1 việc đến hạn hôm nay');
    expect(mail.text.indexOf('Thay đổi ngày 20/11/2026')).toBeLessThan(mail.text.indexOf('Thực đơn tuần từ 07/12/2026'));
    expect(mail.text).toContain('Sắp đến hạn công khai theo Thông tư 09/2024/TT-BGDĐT:');
  });
});
