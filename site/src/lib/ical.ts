/**
 * iCalendar (RFC 5545) text of the weekly work calendar, which staff subscribe to from their phones.
 * Pure: no CMS, no clock. Times are Vietnam wall-clock times with TZID and the zone's VTIMEZONE (Vietnam
 * has kept one offset, without daylight saving, since 1975), so a phone in any zone shows the right hour.
 */
import { TIME_ZONE, VN_OFFSET_TEXT } from '@portal/common/vietnam-time';

export const ICAL_CONTENT_TYPE = 'text/calendar; charset=utf-8';

/** TEXT value escaping (RFC 5545 3.3.11): backslash, semicolon, comma and line breaks. */
export function escapeText(value: string): string {
  return value.replace(/\r\n?/g, '\n').replace(/\\/g, '\\\\').replace(/;/g, '\\;').replace(/,/g, '\\,').replace(/\n/g, '\\n');
}

const encoder = new TextEncoder();
const octets = (text: string): number => encoder.encode(text).length;

/**
 * One content line folded (RFC 5545 3.1): no line longer than 75 octets without its CRLF, continuation
 * lines starting with one space (which counts), never splitting a UTF-8 character.
 */
export function foldLine(line: string): string {
  const parts: string[] = [];
  let current = '';
  let size = 0;
  for (const char of line) {
    const width = octets(char);
    const limit = parts.length === 0 ? 75 : 74;
    if (size + width > limit) {
      parts.push(current);
      current = '';
      size = 0;
    }
    current += char;
    size += width;
  }
  parts.push(current);
  return parts.join('\r\n ');
}

/** A calendar day and a wall-clock time in Vietnam. */
export interface LocalTime {
  /** YYYY-MM-DD */
  date: string;
  /** HH:MM */
  time: string;
}

export interface CalendarEvent {
  uid: string;
  start: LocalTime;
  end?: LocalTime | null;
  summary: string;
  location?: string | null;
  description?: string | null;
  url?: string | null;
}

export interface Calendar {
  /** Identifies the product that wrote the calendar (PRODID). */
  productId: string;
  name: string;
  description?: string;
  /** When the content was last changed: DTSTAMP of every event, so the same content gives the same bytes. */
  stamp: Date;
  events: readonly CalendarEvent[];
}

const localValue = (at: LocalTime): string => `${at.date.replaceAll('-', '')}T${at.time.replace(':', '')}00`;

/** UTC DATE-TIME form ("20261130T013000Z"). */
export const utcValue = (at: Date): string => `${at.toISOString().slice(0, 19).replace(/[-:]/g, '')}Z`;

/** The whole VCALENDAR, lines folded and ended by CRLF. */
export function renderCalendar(calendar: Calendar): string {
  const lines = [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    `PRODID:${calendar.productId}`,
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    `X-WR-CALNAME:${escapeText(calendar.name)}`,
    ...(calendar.description ? [`X-WR-CALDESC:${escapeText(calendar.description)}`] : []),
    `X-WR-TIMEZONE:${TIME_ZONE}`,
    // Subscribed calendars refresh hourly (RFC 7986, and the name Outlook and Google read).
    'REFRESH-INTERVAL;VALUE=DURATION:PT1H',
    'X-PUBLISHED-TTL:PT1H',
    'BEGIN:VTIMEZONE',
    `TZID:${TIME_ZONE}`,
    'BEGIN:STANDARD',
    'DTSTART:19750613T000000',
    `TZOFFSETFROM:${VN_OFFSET_TEXT}`,
    `TZOFFSETTO:${VN_OFFSET_TEXT}`,
    'TZNAME:ICT',
    'END:STANDARD',
    'END:VTIMEZONE',
  ];
  const stamp = utcValue(calendar.stamp);
  for (const event of calendar.events) {
    lines.push(
      'BEGIN:VEVENT',
      `UID:${event.uid}`,
      `DTSTAMP:${stamp}`,
      `DTSTART;TZID=${TIME_ZONE}:${localValue(event.start)}`,
      ...(event.end ? [`DTEND;TZID=${TIME_ZONE}:${localValue(event.end)}`] : []),
      `SUMMARY:${escapeText(event.summary)}`,
      ...(event.location ? [`LOCATION:${escapeText(event.location)}`] : []),
      ...(event.description ? [`DESCRIPTION:${escapeText(event.description)}`] : []),
      ...(event.url ? [`URL:${event.url}`] : []),
      'END:VEVENT',
    );
  }
  lines.push('END:VCALENDAR');
  return `${lines.map(foldLine).join('\r\n')}\r\n`;
}

/** A short, stable hash (FNV-1a, two 32-bit lanes) for event UIDs that do not change between fetches. */
export function stableId(text: string): string {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ 0x5bd1e995;
  for (const byte of encoder.encode(text)) {
    a = Math.imul(a ^ byte, 0x01000193) >>> 0;
    b = Math.imul(b ^ byte, 0x5bd1e995) >>> 0;
  }
  return a.toString(16).padStart(8, '0') + b.toString(16).padStart(8, '0');
}
