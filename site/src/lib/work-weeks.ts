/**
 * The weekly work calendar as the site shows it: which week an address names, its days with their
 * entries, the home page's coming entries and the iCalendar events. Weeks run Monday to Sunday in
 * Vietnam (packages/common/src/work-week.ts).
 */
import { addDays, calendarDayOf, clockTime, currentWeekMonday, daysOfWeek, entryKey, isCalendarDay, mondayOfDay, sortEntries } from '@portal/common/work-week';
import { ROUTE, type WorkWeek } from './cms/index.ts';
import { type CalendarEvent, stableId } from './ical.ts';

export { addDays, currentWeekMonday };

/** The address of one week's calendar (?tuan= names the week by its Monday). */
export const workWeekUrl = (monday: string): string => `${ROUTE.workWeek}?tuan=${monday}`;

/** One entry as the page shows it. */
export interface CalendarEntry {
  date: string;
  start: string;
  end: string | null;
  content: string;
  presiding: string | null;
  participants: string | null;
  place: string | null;
  /** When a change to the published week touched this entry; null if it is as first published. */
  changedAt: string | null;
}

export interface CalendarDay {
  date: string;
  entries: CalendarEntry[];
}

const text = (value: unknown): string | null => (typeof value === 'string' && value.trim() ? value.trim() : null);

/**
 * The Monday an address asks for: this week's without `?tuan`, the week containing the given day
 * otherwise; null (a 404) for anything that is not a real day of the years the school can have used.
 */
export function requestedMonday(requested: string | null, now: Date = new Date()): string | null {
  if (requested === null) return currentWeekMonday(now);
  if (!isCalendarDay(requested) || requested < '2000-01-01' || requested > '2099-12-31') return null;
  return mondayOfDay(requested);
}

export function calendarEntries(week: WorkWeek | null | undefined): CalendarEntry[] {
  const entries = Array.isArray(week?.entries) ? (week.entries as unknown as Record<string, unknown>[]) : [];
  return sortEntries(entries).flatMap((entry) => {
    const date = calendarDayOf(entry.date);
    const start = clockTime(entry.startTime);
    const content = text(entry.content);
    if (!date || !start || !content) return [];
    return [
      {
        date,
        start,
        end: clockTime(entry.endTime),
        content,
        presiding: text(entry.presiding),
        participants: text(entry.participants),
        place: text(entry.place),
        changedAt: text(entry.changedAt),
      },
    ];
  });
}

/** The seven days of the week, each with its entries (Sunday kept: meetings happen on weekends too). */
export function weekDays(monday: string, entries: readonly CalendarEntry[]): CalendarDay[] {
  return daysOfWeek(monday).map((date) => ({ date, entries: entries.filter((e) => e.date === date) }));
}

/** "07:30" or "07:30 – 09:00". */
export const timeRange = (entry: Pick<CalendarEntry, 'start' | 'end'>): string => (entry.end ? `${entry.start} – ${entry.end}` : entry.start);

/** Entries of today still to come or under way, then the following days', at most `count`. */
export function comingEntries(entries: readonly CalendarEntry[], today: string, nowTime: string, count: number): CalendarEntry[] {
  return entries.filter((e) => e.date > today || (e.date === today && (e.end ?? e.start) >= nowTime)).slice(0, count);
}

/** iCalendar events of published weeks; UIDs stay the same while an entry is unchanged. */
export function calendarEvents(weeks: readonly WorkWeek[], host: string, pageUrl: (monday: string) => string): CalendarEvent[] {
  const events: CalendarEvent[] = [];
  for (const week of weeks) {
    const monday = calendarDayOf(week.weekStart);
    if (!monday) continue;
    const seen = new Map<string, number>();
    for (const entry of calendarEntries(week)) {
      const key = entryKey({ ...entry, startTime: entry.start, endTime: entry.end });
      const occurrence = (seen.get(key) ?? 0) + 1;
      seen.set(key, occurrence);
      const description = [
        entry.presiding && `Chủ trì: ${entry.presiding}`,
        entry.participants && `Thành phần: ${entry.participants}`,
        entry.changedAt && 'Đã thay đổi so với lịch đăng lần đầu.',
      ]
        .filter(Boolean)
        .join('\n');
      events.push({
        uid: `${stableId(`${key}#${occurrence}`)}-${monday}@${host}`,
        start: { date: entry.date, time: entry.start },
        end: entry.end && entry.end > entry.start ? { date: entry.date, time: entry.end } : null,
        summary: entry.content,
        location: entry.place,
        description: description || null,
        url: pageUrl(monday),
      });
    }
  }
  return events;
}

/** The newest change of the weeks shown: the feed's DTSTAMP. */
export function lastChange(weeks: readonly WorkWeek[], fallback: Date): Date {
  const times = weeks.map((w) => Date.parse(String(w.updatedAt ?? w.publishedAt ?? ''))).filter((t) => Number.isFinite(t));
  return times.length > 0 ? new Date(Math.max(...times)) : fallback;
}

export const nextMonday = (monday: string): string => addDays(monday, 7);
export const previousMonday = (monday: string): string => addDays(monday, -7);
