/**
 * A strict reader of iCalendar text (RFC 5545) for tests: it throws on anything a picky client could
 * refuse (bare LF, lines over 75 octets, bad continuation, unbalanced components, unescaped TEXT
 * separators, missing required properties, TZIDs without their VTIMEZONE, duplicate UIDs).
 */

export interface Property {
  name: string;
  params: Record<string, string>;
  value: string;
}

export interface Component {
  name: string;
  properties: Property[];
  components: Component[];
}

const TEXT_PROPERTIES = new Set(['SUMMARY', 'DESCRIPTION', 'LOCATION', 'X-WR-CALNAME', 'X-WR-CALDESC', 'COMMENT']);
const encoder = new TextEncoder();

/** Unfolded content lines, after checking the physical lines. */
export function contentLines(text: string): string[] {
  if (!text.endsWith('\r\n')) throw new Error('the text does not end with CRLF');
  if (/\r(?!\n)|(?<!\r)\n/.test(text)) throw new Error('a line ends without CRLF');
  const physical = text.slice(0, -2).split('\r\n');
  const lines: string[] = [];
  for (const [index, line] of physical.entries()) {
    if (encoder.encode(line).length > 75) throw new Error(`line ${index + 1} has more than 75 octets: ${line}`);
    if (line.startsWith(' ') || line.startsWith('\t')) {
      if (lines.length === 0) throw new Error('the first line is a continuation');
      lines[lines.length - 1] += line.slice(1);
    } else {
      if (line === '') throw new Error(`line ${index + 1} is empty`);
      lines.push(line);
    }
  }
  return lines;
}

export function parseLine(line: string): Property {
  const match = /^([A-Za-z0-9-]+)((?:;[A-Za-z0-9-]+=(?:"[^"]*"|[^";:,]*)(?:,(?:"[^"]*"|[^";:,]*))*)*):(.*)$/.exec(line);
  if (!match) throw new Error(`not a content line: ${line}`);
  const params: Record<string, string> = {};
  for (const param of (match[2] ?? '').split(';').slice(1)) {
    const [key, ...rest] = param.split('=');
    params[key!.toUpperCase()] = rest.join('=');
  }
  return { name: match[1]!.toUpperCase(), params, value: match[3]! };
}

/** The value of a TEXT property with its escapes undone; throws on a bare ";" or "," or a bad escape. */
export function unescapeText(value: string): string {
  let out = '';
  for (let i = 0; i < value.length; i++) {
    const char = value[i]!;
    if (char === '\\') {
      const next = value[++i];
      if (next === 'n' || next === 'N') out += '\n';
      else if (next === '\\' || next === ';' || next === ',') out += next;
      else throw new Error(`bad escape \\${next ?? ''} in ${value}`);
    } else if (char === ';' || char === ',') {
      throw new Error(`unescaped "${char}" in a TEXT value: ${value}`);
    } else out += char;
  }
  return out;
}

/** Parses and checks a whole VCALENDAR; returns its tree. */
export function parseCalendar(text: string): Component {
  const stack: Component[] = [];
  let root: Component | null = null;
  for (const line of contentLines(text)) {
    const property = parseLine(line);
    if (property.name === 'BEGIN') {
      const component: Component = { name: property.value.toUpperCase(), properties: [], components: [] };
      if (stack.length === 0) {
        if (root) throw new Error('a second top-level component');
        root = component;
      } else stack[stack.length - 1]!.components.push(component);
      stack.push(component);
    } else if (property.name === 'END') {
      const open = stack.pop();
      if (!open || open.name !== property.value.toUpperCase()) throw new Error(`END:${property.value} does not close ${open?.name ?? 'anything'}`);
    } else {
      const current = stack[stack.length - 1];
      if (!current) throw new Error(`property outside any component: ${line}`);
      if (TEXT_PROPERTIES.has(property.name)) unescapeText(property.value);
      current.properties.push(property);
    }
  }
  if (stack.length > 0 || !root) throw new Error('unterminated calendar');
  checkCalendar(root);
  return root;
}

const one = (component: Component, name: string): Property => {
  const found = component.properties.filter((p) => p.name === name);
  if (found.length !== 1) throw new Error(`${component.name} has ${found.length} ${name}`);
  return found[0]!;
};
export const prop = (component: Component, name: string): Property | undefined => component.properties.find((p) => p.name === name);

const LOCAL = /^\d{8}T\d{6}$/;
const UTC = /^\d{8}T\d{6}Z$/;

function checkCalendar(calendar: Component): void {
  if (calendar.name !== 'VCALENDAR') throw new Error('the top component is not VCALENDAR');
  if (one(calendar, 'VERSION').value !== '2.0') throw new Error('VERSION is not 2.0');
  one(calendar, 'PRODID');
  const zones = new Set(calendar.components.filter((c) => c.name === 'VTIMEZONE').map((zone) => one(zone, 'TZID').value));
  const uids = new Set<string>();
  for (const event of calendar.components.filter((c) => c.name === 'VEVENT')) {
    const uid = one(event, 'UID').value;
    if (uids.has(uid)) throw new Error(`duplicate UID ${uid}`);
    uids.add(uid);
    if (!UTC.test(one(event, 'DTSTAMP').value)) throw new Error('DTSTAMP is not a UTC date-time');
    for (const name of ['DTSTART', 'DTEND']) {
      const found = event.properties.filter((p) => p.name === name);
      if (name === 'DTSTART' && found.length !== 1) throw new Error('an event without one DTSTART');
      if (found.length > 1) throw new Error(`two ${name}`);
      const time = found[0];
      if (!time) continue;
      if (time.params.TZID !== undefined) {
        if (!zones.has(time.params.TZID)) throw new Error(`TZID ${time.params.TZID} has no VTIMEZONE`);
        if (!LOCAL.test(time.value)) throw new Error(`${name} with TZID is not a local date-time`);
      } else if (!UTC.test(time.value)) throw new Error(`${name} is neither UTC nor with a TZID`);
    }
  }
}

/** The instant of a DTSTART/DTEND, given the fixed offset of its zone in minutes east of UTC. */
export function instantOf(property: Property, offsetMinutes: number): Date {
  const v = property.value;
  const utc = Date.UTC(
    Number(v.slice(0, 4)),
    Number(v.slice(4, 6)) - 1,
    Number(v.slice(6, 8)),
    Number(v.slice(9, 11)),
    Number(v.slice(11, 13)),
    Number(v.slice(13, 15)),
  );
  return new Date(v.endsWith('Z') ? utc : utc - offsetMinutes * 60_000);
}

/** Minutes east of UTC of a VTIMEZONE with one fixed offset ("+0700" → 420). */
export function fixedOffset(zone: Component): number {
  const standard = zone.components.find((c) => c.name === 'STANDARD');
  if (!standard || zone.components.length !== 1) throw new Error('not a zone with one fixed offset');
  const to = one(standard, 'TZOFFSETTO').value;
  const match = /^([+-])(\d{2})(\d{2})$/.exec(to);
  if (!match) throw new Error(`bad TZOFFSETTO ${to}`);
  return (match[1] === '-' ? -1 : 1) * (Number(match[2]) * 60 + Number(match[3]));
}
