/**
 * Vietnam keeps UTC+7 all year (no daylight saving time), so local time is a fixed offset. Free of Node
 * APIs: the CMS's admin panel (a browser bundle) imports it too.
 */
export const TIME_ZONE = 'Asia/Ho_Chi_Minh';
export const VN_OFFSET_MS = 7 * 3600 * 1000;
/** The same offset as written in e-mail and RSS dates (RFC 822). */
export const VN_OFFSET_TEXT = '+0700';
export const DAY_MS = 24 * 3600 * 1000;

const instant = (at: Date | number): number => (typeof at === 'number' ? at : at.getTime());

/** The calendar date in Vietnam of an instant, as YYYY-MM-DD. */
export function vietnamDate(at: Date | number = new Date()): string {
  return new Date(instant(at) + VN_OFFSET_MS).toISOString().slice(0, 10);
}

/** The instant (ms) the Vietnamese calendar day of `at` begins. */
export function vietnamDayStart(at: Date | number): number {
  return Math.floor((instant(at) + VN_OFFSET_MS) / DAY_MS) * DAY_MS - VN_OFFSET_MS;
}

export interface VietnamParts {
  y: number;
  m: number;
  d: number;
  hh: number;
  mm: number;
  ss: number;
  /** 0 = Sunday. */
  weekday: number;
}

/** The Vietnam wall-clock reading of an instant. */
export function vietnamParts(date: Date): VietnamParts {
  const local = new Date(date.getTime() + VN_OFFSET_MS);
  return {
    y: local.getUTCFullYear(),
    m: local.getUTCMonth() + 1,
    d: local.getUTCDate(),
    hh: local.getUTCHours(),
    mm: local.getUTCMinutes(),
    ss: local.getUTCSeconds(),
    weekday: local.getUTCDay(),
  };
}

/** The instant of a Vietnam wall-clock time. */
export function fromVietnam(y: number, m: number, d: number, hh = 0, mm = 0, ss = 0): Date {
  return new Date(Date.UTC(y, m - 1, d, hh, mm, ss) - VN_OFFSET_MS);
}

const formats = new Map<string, Intl.DateTimeFormat>();

/**
 * An Intl formatter that shows instants in Vietnam's time zone, whatever the machine's or browser's zone.
 * Made once per locale and options: a formatter is costly to build and holds native memory until collected.
 */
export function vietnamFormat(options: Intl.DateTimeFormatOptions, locale = 'vi-VN'): Intl.DateTimeFormat {
  const key = `${locale}|${JSON.stringify(options)}`;
  let found = formats.get(key);
  if (!found) {
    found = new Intl.DateTimeFormat(locale, { ...options, timeZone: TIME_ZONE });
    formats.set(key, found);
  }
  return found;
}
