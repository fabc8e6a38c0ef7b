/**
 * Rules of the weekly work calendar (Lịch công tác tuần), shared by the CMS, which enforces them on every
 * save, and the site, which shows the weeks. A week is Monday to Sunday in Vietnam; calendar days are
 * "YYYY-MM-DD" strings computed in UTC arithmetic, so no machine's time zone can move them.
 */
import { vietnamDate } from './vietnam-time.js';

const ISO_DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

export function isCalendarDay(value: string): boolean {
  if (!ISO_DAY.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

/**
 * The calendar day a client meant: "YYYY-MM-DD" as it is; an instant (a Date, or ISO text with a time,
 * which some clients send for a date field) as the day it is in Vietnam. Null for anything else.
 */
export function calendarDayOf(value: unknown): string | null {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : vietnamDate(value);
  if (typeof value !== 'string') return null;
  const text = value.trim();
  if (isCalendarDay(text)) return text;
  if (!/^\d{4}-\d{2}-\d{2}T/.test(text)) return null;
  const at = new Date(text);
  return Number.isNaN(at.getTime()) ? null : vietnamDate(at);
}

export function addDays(day: string, days: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** 0 = Sunday … 6 = Saturday, of a calendar day. */
export const weekdayOf = (day: string): number => new Date(`${day}T00:00:00Z`).getUTCDay();

export const isMonday = (day: string): boolean => isCalendarDay(day) && weekdayOf(day) === 1;

/** Monday of the week (Monday to Sunday) that contains `day`. */
export function mondayOfDay(day: string): string {
  const weekday = weekdayOf(day);
  return addDays(day, weekday === 0 ? -6 : 1 - weekday);
}

/** The seven days of the week starting on `monday`. */
export const daysOfWeek = (monday: string): string[] => Array.from({ length: 7 }, (_, index) => addDays(monday, index));

export const isInWeek = (day: string, monday: string): boolean => day >= monday && day <= addDays(monday, 6);

/** The Monday of the current week in Vietnam. */
export const currentWeekMonday = (now: Date | number = Date.now()): string => mondayOfDay(vietnamDate(now));

/** "dd/mm/yyyy" of a calendar day, for messages (the site formats with Intl). */
export function dayText(day: string): string {
  const match = ISO_DAY.exec(day);
  return match ? `${match[3]}/${match[2]}/${match[1]}` : day;
}

const WEEKDAY_NAMES = ['Chủ nhật', 'Thứ Hai', 'Thứ Ba', 'Thứ Tư', 'Thứ Năm', 'Thứ Sáu', 'Thứ Bảy'] as const;
export const weekdayName = (day: string): string => WEEKDAY_NAMES[weekdayOf(day)] ?? '';

/** "HH:MM" of Strapi's time values ("07:30", "07:30:00", "07:30:00.000"); null when it is not a time of day. */
export function clockTime(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  const match = /^(\d{1,2}):(\d{2})(?::(\d{2})(?:\.\d{1,3})?)?$/.exec(value.trim());
  if (!match) return null;
  const hours = Number(match[1]);
  const minutes = Number(match[2]);
  if (hours > 23 || minutes > 59 || Number(match[3] ?? 0) > 59) return null;
  return `${String(hours).padStart(2, '0')}:${match[2]}`;
}

// ── Entries and what changed ────────────────────────────────────────────────

/** The fields of one calendar entry (component calendar.entry), as stored or as a client sends them. */
export interface WorkEntry {
  date?: unknown;
  startTime?: unknown;
  endTime?: unknown;
  content?: unknown;
  presiding?: unknown;
  participants?: unknown;
  place?: unknown;
  changedAt?: unknown;
}

const text = (value: unknown): string => (typeof value === 'string' ? value.trim().replace(/\s+/g, ' ') : '');

/** What readers see of an entry: two entries with the same key read the same. */
export function entryKey(entry: WorkEntry): string {
  return JSON.stringify([
    calendarDayOf(entry.date) ?? '',
    clockTime(entry.startTime) ?? '',
    clockTime(entry.endTime) ?? '',
    text(entry.content),
    text(entry.presiding),
    text(entry.participants),
    text(entry.place),
  ]);
}

/**
 * Each entry with its `changedAt` decided from the published version of the week: an entry that reads
 * the same as one published entry keeps that entry's mark (a change stays marked on later publications);
 * any other entry is marked `changedAt` when the week was already published, and unmarked before its
 * first publication. `changedAt` given by a client is never kept. `now` is null for a draft save, which
 * changes nothing public: its new entries are marked when the week is published.
 */
export function markChangedEntries<E extends WorkEntry>(
  entries: readonly E[],
  published: readonly WorkEntry[] | null,
  now: string | null,
): (E & { changedAt: unknown })[] {
  const unused = [...(published ?? [])];
  return entries.map((entry) => {
    const key = entryKey(entry);
    const index = unused.findIndex((old) => entryKey(old) === key);
    if (index >= 0) {
      const [old] = unused.splice(index, 1);
      return { ...entry, changedAt: old?.changedAt ?? null };
    }
    return { ...entry, changedAt: published ? now : null };
  });
}

/** The entries in reading order: by day, then start time. */
export function sortEntries<E extends WorkEntry>(entries: readonly E[]): E[] {
  const sortKey = (e: WorkEntry) => `${calendarDayOf(e.date) ?? ''} ${clockTime(e.startTime) ?? ''}`;
  return [...entries].sort((a, b) => sortKey(a).localeCompare(sortKey(b)));
}
