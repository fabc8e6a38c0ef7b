/**
 * Dates as Vietnamese readers expect them, always in Vietnam's time zone whatever the server's TZ.
 *
 * Strapi returns two shapes: date attributes as "YYYY-MM-DD" (a calendar day with no time zone)
 * and datetimes as ISO instants. A calendar day must never move: "2023-11-17" parsed as a JS Date
 * is midnight UTC, which some zones would show as the 16th, so calendar days are formatted in UTC.
 */

import { TIME_ZONE, vietnamDate } from '@portal/common/vietnam-time';

const LOCALE = 'vi-VN';

const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;

export type DateInput = string | Date;

/** A date-time as ISO text: the CMS's own text as it is, a Date (as Strapi's types allow) converted. */
export function isoText(value: DateInput): string {
  return typeof value === 'string' ? value : value.toISOString();
}

interface Resolved {
  date: Date;
  timeZone: string;
}

function resolve(value: DateInput): Resolved | null {
  if (value instanceof Date) {
    return Number.isNaN(value.getTime()) ? null : { date: value, timeZone: TIME_ZONE };
  }
  const match = DATE_ONLY.exec(value.trim());
  if (match) {
    const [, y, m, d] = match;
    const date = new Date(Date.UTC(Number(y), Number(m) - 1, Number(d)));
    return Number.isNaN(date.getTime()) ? null : { date, timeZone: 'UTC' };
  }
  const date = new Date(value);
  return Number.isNaN(date.getTime()) ? null : { date, timeZone: TIME_ZONE };
}

const formatters = new Map<string, Intl.DateTimeFormat>();

/**
 * One formatter per locale, options and zone for the life of the process. Making one costs a fraction
 * of a millisecond and native memory that only a garbage collection gives back: a page of search
 * results or of news formats dozens of dates.
 */
function formatter(locale: string, options: Intl.DateTimeFormatOptions, timeZone: string): Intl.DateTimeFormat {
  const key = `${locale}|${timeZone}|${JSON.stringify(options)}`;
  let found = formatters.get(key);
  if (!found) {
    found = new Intl.DateTimeFormat(locale, { ...options, timeZone });
    formatters.set(key, found);
  }
  return found;
}

function format(value: DateInput | null | undefined, options: Intl.DateTimeFormatOptions): string {
  if (value == null || value === '') return '';
  const resolved = resolve(value);
  if (!resolved) return '';
  return formatter(LOCALE, options, resolved.timeZone).format(resolved.date);
}

/** "17/11/2023" */
export function formatDate(value: DateInput | null | undefined): string {
  return format(value, { day: '2-digit', month: '2-digit', year: 'numeric' });
}

/**
 * "Thứ Sáu, 17/11/2023": the weekday, then the day as lists write it. One style for every date on the
 * site (Intl's "17 tháng 11, 2023" reads as a translation).
 */
export function formatLongDate(value: DateInput | null | undefined): string {
  const weekday = format(value, { weekday: 'long' });
  const day = formatDate(value);
  return weekday && day ? `${capitalise(weekday)}, ${day}` : '';
}

/** Intl writes "thứ Sáu" or "chủ Nhật" in some ICU versions; a weekday that starts a phrase is capitalised. */
function capitalise(text: string): string {
  return text.charAt(0).toLocaleUpperCase(LOCALE) + text.slice(1);
}

/** "08:40 ngày 21/10/2026" — for notices, where the hour matters. */
export function formatDateTime(value: DateInput | null | undefined): string {
  const time = format(value, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  const day = formatDate(value);
  return time && day ? `${time} ngày ${day}` : '';
}

/**
 * The calendar day ("YYYY-MM-DD") of an instant as seen in Vietnam, or of a date-only string unchanged.
 * Comparable as strings, which is what validity checks need.
 */
export function toCalendarDay(value: DateInput): string {
  const resolved = resolve(value);
  if (!resolved) return '';
  const parts = formatter('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit' }, resolved.timeZone).formatToParts(resolved.date);
  const get = (type: string): string => parts.find((p) => p.type === type)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}

/** Today's calendar day in Vietnam. */
export function todayInVietnam(now: Date = new Date()): string {
  return Number.isNaN(now.getTime()) ? '' : vietnamDate(now);
}

/** Value for a <time datetime="…"> attribute: the day for date-only input, the full instant otherwise. */
export function machineDate(value: DateInput | null | undefined): string {
  if (value == null || value === '') return '';
  if (typeof value === 'string' && DATE_ONLY.test(value.trim())) return value.trim();
  const resolved = resolve(value);
  return resolved ? resolved.date.toISOString() : '';
}
