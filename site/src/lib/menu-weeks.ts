/**
 * Which week /thuc-don shows. Weeks are the Mondays (YYYY-MM-DD) that have a published menu.
 * Parents open the page to see what their child eats this week, so that week comes first (on Sunday,
 * when school is out, the week starting tomorrow); failing that the nearest coming week; otherwise the
 * most recent one.
 */

import { DAY_MS, vietnamDayStart } from '@portal/common/vietnam-time';
import { formatDate } from './dates.ts';

const ISO_DAY = /^\d{4}-\d{2}-\d{2}$/;

export function isIsoDay(value: string): boolean {
  if (!ISO_DAY.test(value)) return false;
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
}

export function addDays(day: string, days: number): string {
  const date = new Date(`${day}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** Monday of the week containing `day`. */
export function mondayOf(day: string): string {
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay(); // 0 = Sunday
  return addDays(day, weekday === 0 ? -6 : 1 - weekday);
}

export interface WeekChoice {
  week: string;
  previous: string | null;
  next: string | null;
}

/**
 * The week to show and its neighbours among the published weeks. `requested` comes from the address
 * (?tuan=YYYY-MM-DD; any day of a week selects that week); null when it names a week without a menu.
 */
export function chooseWeek(weeks: readonly string[], requested: string | null, today: string): WeekChoice | null {
  const sorted = [...new Set(weeks)].filter(isIsoDay).sort();
  if (sorted.length === 0) return null;
  let week: string | undefined;
  if (requested !== null) {
    if (!isIsoDay(requested)) return null;
    const monday = mondayOf(requested);
    week = sorted.find((w) => mondayOf(w) === monday);
    if (!week) return null;
  } else {
    const thisWeek = mondayOf(addDays(today, 1));
    week = sorted.find((w) => mondayOf(w) === thisWeek) ?? sorted.find((w) => w > thisWeek) ?? sorted.at(-1)!;
  }
  const index = sorted.indexOf(week);
  return { week, previous: sorted[index - 1] ?? null, next: sorted[index + 1] ?? null };
}

// ── Days of a week ───────────────────────────────────────────────────────────

/** The school days a menu names (menu.day's `weekday` enumeration), Monday first. */
export const SCHOOL_DAYS = ['Thứ Hai', 'Thứ Ba', 'Thứ Tư', 'Thứ Năm', 'Thứ Sáu', 'Thứ Bảy'] as const;
export type SchoolDay = (typeof SCHOOL_DAYS)[number];

/** Weekday names by JavaScript's day number (0 = Sunday), as the school writes them. */
const WEEKDAY_NAMES = ['Chủ nhật', ...SCHOOL_DAYS] as const;

/** The calendar day of a school day in the week of `weekStart` (any day of that week). */
export function dateOfSchoolDay(weekStart: string, weekday: string): string | null {
  const index = (SCHOOL_DAYS as readonly string[]).indexOf(weekday);
  return index < 0 ? null : addDays(mondayOf(weekStart), index);
}

/** "Thứ Hai", …, "Chủ nhật" for a calendar day (YYYY-MM-DD). */
export function weekdayName(day: string): string {
  return WEEKDAY_NAMES[new Date(`${day}T00:00:00Z`).getUTCDay()] ?? '';
}

/** "Thứ Hai 30/11/2026" */
export function dayLabel(day: string): string {
  return `${weekdayName(day)} ${formatDate(day)}`;
}

/** The school day `today` is, when it falls in the week of `weekStart`; null on Sunday or in another week. */
export function todayInWeek(weekStart: string, today: string): SchoolDay | null {
  if (!isIsoDay(weekStart) || !isIsoDay(today) || mondayOf(weekStart) !== mondayOf(today)) return null;
  const name = weekdayName(today);
  return (SCHOOL_DAYS as readonly string[]).includes(name) ? (name as SchoolDay) : null;
}

// ── How long a page that says "today" stays right ───────────────────────────

/**
 * Seconds from `now` until the next midnight in Vietnam (at least 1). Pages that mark today are cached
 * no longer than this, so the first reader after midnight gets a page rendered for the new day.
 */
export function secondsUntilVietnamMidnight(now: Date | number = Date.now()): number {
  const at = typeof now === 'number' ? now : now.getTime();
  return Math.max(1, Math.ceil((vietnamDayStart(at) + DAY_MS - at) / 1000));
}

// ── Meals ────────────────────────────────────────────────────────────────────

/** The meals of a menu day, in the order they are eaten. */
export const MEALS = [
  { key: 'breakfast', label: 'Bữa sáng' },
  { key: 'lunch', label: 'Bữa trưa' },
  { key: 'afternoon', label: 'Bữa chiều' },
] as const;

// Younger children first, as the school's printed menus are ordered.
const AGE_ORDER = ['Nhà trẻ', 'Mẫu giáo'];

/** Menus ordered as the school prints them: nursery before kindergarten. */
export function byAgeGroup<T extends { ageGroup?: string | null }>(menus: readonly T[]): T[] {
  const rank = (menu: T) => {
    const index = AGE_ORDER.indexOf(menu.ageGroup ?? '');
    return index < 0 ? AGE_ORDER.length : index;
  };
  return [...menus].sort((a, b) => rank(a) - rank(b));
}

/** A menu's days in weekday order, each with its calendar day. */
export function datedDays<D extends { weekday?: string | null }>(weekStart: string, days: readonly D[] | null | undefined): { day: D; date: string }[] {
  const out: { day: D; date: string }[] = [];
  for (const weekday of SCHOOL_DAYS) {
    const day = (days ?? []).find((d) => d.weekday === weekday);
    const date = dateOfSchoolDay(weekStart, weekday);
    if (day && date) out.push({ day, date });
  }
  return out;
}
