import { type DateInput, formatDateTime, toCalendarDay } from './dates.ts';

/** A notice's two instants, as the CMS gives them. */
interface Window {
  startsAt?: DateInput | null;
  endsAt?: DateInput | null;
}

/** "23:15 ngày 02/12": the year goes without saying when the whole window falls in the current one. */
const withoutYear = (text: string): string => text.replace(/\/\d{4}$/, '');

/**
 * When a maintenance or incident notice applies, in as few words as a phone's banner line allows:
 * "Từ 22:00 đến 23:30 ngày 15/11/2026" within a day, "Từ 23:15 ngày 02/12 đến 00:15 ngày 03/12" across a
 * midnight of this year (with both years, a 390 px screen wrapped it onto a third line), the years in full
 * across a new year, and "Dự kiến xong lúc …" once it has begun.
 */
export function noticeWindow(notice: Window, now = Date.now()): string {
  const { startsAt, endsAt } = notice;
  if (!endsAt) return `Từ ${formatDateTime(startsAt)}`;
  if (startsAt && new Date(startsAt).getTime() <= now) return `Dự kiến xong lúc ${formatDateTime(endsAt)}`;
  if (!startsAt) return `Đến ${formatDateTime(endsAt)}`;
  const [startDay, endDay] = [toCalendarDay(startsAt), toCalendarDay(endsAt)];
  if (startDay === endDay) return `Từ ${formatDateTime(startsAt).slice(0, 5)} đến ${formatDateTime(endsAt)}`;
  const thisYear = toCalendarDay(new Date(now)).slice(0, 4);
  const short = startDay.startsWith(thisYear) && endDay.startsWith(thisYear) ? withoutYear : (text: string) => text;
  return `Từ ${short(formatDateTime(startsAt))} đến ${short(formatDateTime(endsAt))}`;
}
