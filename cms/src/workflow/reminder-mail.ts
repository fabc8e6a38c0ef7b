import { type Duty, dayText, type ReminderKind } from '@portal/common/disclosure-deadlines';
import { uidOf } from '@portal/common/sections';
import { DAY_MS } from '@portal/common/vietnam-time';
import { adminHomeLink, adminLink, type Mail } from '../notify/notifier';

export interface DueReminder {
  duty: Duty;
  kind: ReminderKind;
}

/** Whole days from `today` to `dueOn` (both "YYYY-MM-DD"). */
const daysUntil = (today: string, dueOn: string): number => Math.round((Date.parse(dueOn) - Date.parse(today)) / DAY_MS);

function line(reminder: DueReminder, today: string): string {
  const { duty } = reminder;
  const left = reminder.kind === 'before' ? ` (còn ${daysUntil(today, duty.dueOn)} ngày)` : '';
  // A change has its own document: open it. The other duties are listed on the admin's home page.
  const open = duty.kind === 'change' ? `\n  Mở mục công khai: ${adminLink(uidOf('disclosure'), duty.subject)}` : '';
  return `- ${duty.title}: hạn ${dayText(duty.dueOn)}${left}${open}`;
}

/**
 * The reminder the Ban giám hiệu gets for the disclosure duties (Thông tư 09/2024) that fall due: those due
 * today first, then those due within the next days, each with its due day and, for a change, its document.
 */
export function reminderMail(reminders: DueReminder[], to: string[], today: string): Mail {
  const onDay = reminders.filter((r) => r.kind === 'on-day');
  const before = reminders.filter((r) => r.kind === 'before').sort((a, b) => a.duty.dueOn.localeCompare(b.duty.dueOn));
  const parts: string[] = ['Kính gửi Ban giám hiệu,'];
  const list = (items: DueReminder[]) => items.map((r) => line(r, today)).join('\n');
  if (onDay.length > 0) parts.push(`Hôm nay (${dayText(today)}) là hạn cuối công khai theo Thông tư 09/2024/TT-BGDĐT:\n${list(onDay)}`);
  if (before.length > 0) parts.push(`Sắp đến hạn công khai theo Thông tư 09/2024/TT-BGDĐT:\n${list(before)}`);
  parts.push(`Xem "Việc cần công khai" trên trang quản trị: ${adminHomeLink()}`);
  parts.push('Mỗi việc được nhắc hai lần: vài ngày trước hạn và đúng ngày hạn; việc đã công khai thì không nhắc nữa.');
  parts.push('Cổng thông tin điện tử Trường Mầm non Hiệp Hòa');
  const first = onDay[0] ?? before[0]!;
  const subject =
    reminders.length === 1
      ? `[Nhắc công khai] ${first.kind === 'on-day' ? 'Hôm nay là hạn' : `Hạn ${dayText(first.duty.dueOn)}`}: ${first.duty.title}`
      : `[Nhắc công khai] ${reminders.length} việc cần công khai${onDay.length > 0 ? `, ${onDay.length} việc đến hạn hôm nay` : ''}`;
  return { to, subject, text: parts.join('\n\n') };
}
