import { describe, expect, it } from 'vitest';
import { escapeText, foldLine, renderCalendar, stableId } from '../../site/src/lib/ical.ts';
import { fixedOffset, instantOf, parseCalendar, prop, unescapeText } from '../helpers/ical-parse.ts';

const octets = (text: string) => new TextEncoder().encode(text).length;

describe('iCalendar TEXT escaping', () => {
  it('escapes backslash, semicolon, comma and line breaks, and the strict reader gets the text back', () => {
    const text = 'Họp Chi bộ; thành phần: A, B\\C\r\ndòng hai\ndòng ba';
    const escaped = escapeText(text);
    expect(escaped).toBe('Họp Chi bộ\\; thành phần: A\\, B\\\\C\\ndòng hai\\ndòng ba');
    expect(unescapeText(escaped)).toBe(text.replace(/\r\n/g, '\n'));
  });
});

describe('iCalendar line folding', () => {
  it('leaves a line of 75 octets alone and folds one of 76', () => {
    expect(foldLine('A'.repeat(75))).toBe('A'.repeat(75));
    expect(foldLine('A'.repeat(76))).toBe(`${'A'.repeat(75)}\r\n A`);
  });

  it('counts UTF-8 octets, never splits a Vietnamese letter, and unfolds to the same text', () => {
    const line = `SUMMARY:${'Kiểm tra nề nếp bán trú, dự giờ lớp Mẫu giáo lớn A1 '.repeat(4)}`;
    const folded = foldLine(line);
    const parts = folded.split('\r\n');
    expect(parts.length).toBeGreaterThan(3);
    for (const part of parts) expect(octets(part)).toBeLessThanOrEqual(75);
    for (const part of parts.slice(1)) expect(part.startsWith(' ')).toBe(true);
    // Decoding each part alone would show U+FFFD if a character had been cut.
    for (const part of parts) expect(new TextDecoder('utf-8', { fatal: true }).decode(new TextEncoder().encode(part))).toBe(part);
    expect(parts.map((part, index) => (index === 0 ? part : part.slice(1))).join('')).toBe(line);
  });
});

describe('the rendered calendar', () => {
  const calendar = renderCalendar({
    productId: '-//test//VI',
    name: 'Lịch công tác – Trường Mầm non Hiệp Hòa',
    stamp: new Date('2026-11-30T02:00:00Z'),
    events: [
      {
        uid: 'a@test',
        start: { date: '2026-12-06', time: '23:30' },
        summary: 'Trực trường, kiểm tra an ninh; phòng cháy',
        location: 'Nhà trường',
        description: 'Chủ trì: Phó Hiệu trưởng\nThành phần: Bảo vệ, y tế',
      },
      { uid: 'b@test', start: { date: '2026-12-07', time: '00:30' }, end: { date: '2026-12-07', time: '01:00' }, summary: 'Việc đầu tuần' },
    ],
  });

  it('passes the strict reader, with Vietnam times that land on the right instants', () => {
    const root = parseCalendar(calendar);
    const zone = root.components.find((c) => c.name === 'VTIMEZONE')!;
    expect(fixedOffset(zone)).toBe(420);
    const [sunday, monday] = root.components.filter((c) => c.name === 'VEVENT');
    // Sunday 23:30 in Vietnam is 16:30 UTC the same day; Monday 00:30 is still Sunday in UTC.
    expect(instantOf(prop(sunday!, 'DTSTART')!, 420).toISOString()).toBe('2026-12-06T16:30:00.000Z');
    expect(instantOf(prop(monday!, 'DTSTART')!, 420).toISOString()).toBe('2026-12-06T17:30:00.000Z');
    expect(unescapeText(prop(sunday!, 'DESCRIPTION')!.value)).toBe('Chủ trì: Phó Hiệu trưởng\nThành phần: Bảo vệ, y tế');
    expect(prop(sunday!, 'DTEND')).toBeUndefined();
    expect(prop(monday!, 'DTEND')?.value).toBe('20261207T010000');
    expect(prop(sunday!, 'DTSTAMP')?.value).toBe('20261130T020000Z');
  });

  it('is refused by the strict reader once a line end or an escape is broken', () => {
    expect(() => parseCalendar(calendar.replace('\r\nVERSION', '\nVERSION'))).toThrow(/CRLF/);
    expect(() => parseCalendar(calendar.replace('kiểm tra an ninh\\;', 'kiểm tra an ninh;'))).toThrow(/unescaped/);
    expect(() => parseCalendar(calendar.replace('UID:b@test', 'UID:a@test'))).toThrow(/duplicate UID/);
  });

  it('gives the same UID hash for the same text only', () => {
    expect(stableId('x')).toBe(stableId('x'));
    expect(stableId('x')).not.toBe(stableId('y'));
    expect(stableId('x')).toMatch(/^[0-9a-f]{16}$/);
  });
});
