/**
 * Dates in the admin as the school writes them. Strapi's screens format dates through Intl with styles that
 * read badly in Vietnamese, and offer no setting for it:
 * - the list views and panels use `dateStyle: 'full'` ("lúc 19:05 Thứ Hai, 30 tháng 11, 2026") or
 *   `'short'` ("19:05 30/11/26") → one format, dd/mm/yyyy, with HH:mm after it where a time is shown;
 * - the date picker keeps the first two letters of the short weekday, which gives "Th" for six days of the
 *   week → the narrow Vietnamese weekdays, T2 … T7, CN.
 * So the admin's Intl.DateTimeFormat is wrapped, for Vietnamese only and only for those two requests.
 */
type Options = Intl.DateTimeFormatOptions;

const FIELDS: (keyof Options)[] = ['era', 'year', 'month', 'day', 'hour', 'minute', 'second', 'dayPeriod', 'timeStyle', 'dateStyle'];

const isVietnamese = (locales: unknown): boolean => {
  const first = Array.isArray(locales) ? locales[0] : locales;
  return typeof first === 'string' && /^vi(-|$)/i.test(first);
};

/** "30/11/2026" or "30/11/2026 19:05", from the parts of a numeric formatter (whatever CLDR's order). */
export function numericDate(parts: Intl.DateTimeFormatPart[], withTime: boolean): string {
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  const date = `${part('day')}/${part('month')}/${part('year')}`;
  return withTime ? `${date} ${part('hour')}:${part('minute')}` : date;
}

function numericFormatter(Original: typeof Intl.DateTimeFormat, locales: unknown, options: Options): Intl.DateTimeFormat {
  const withTime = options.timeStyle !== undefined;
  const inner = new Original(locales as string, {
    day: '2-digit',
    month: '2-digit',
    year: 'numeric',
    ...(withTime ? { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' } : {}),
    ...(options.timeZone ? { timeZone: options.timeZone } : {}),
  });
  // `format` is a getter on the prototype; an own property takes precedence for this formatter only.
  Object.defineProperty(inner, 'format', { value: (date?: Date | number) => numericDate(inner.formatToParts(date), withTime) });
  return inner;
}

function rewrite(Original: typeof Intl.DateTimeFormat, locales: unknown, options: Options | undefined): Intl.DateTimeFormat | [unknown, Options | undefined] {
  if (!options || !isVietnamese(locales)) return [locales, options];
  if (options.dateStyle !== undefined) return numericFormatter(Original, locales, options);
  const onlyWeekday = options.weekday === 'short' && FIELDS.every((field) => options[field] === undefined);
  if (onlyWeekday) return [locales, { ...options, weekday: 'narrow' }];
  return [locales, options];
}

let installed = false;

export function installVietnameseDates(): void {
  if (installed || typeof Intl === 'undefined') return;
  installed = true;
  const Original = Intl.DateTimeFormat;
  const create = (args: unknown[]): Intl.DateTimeFormat => {
    const result = rewrite(Original, args[0], args[1] as Options | undefined);
    return Array.isArray(result) ? new Original(result[0] as string, result[1]) : result;
  };
  Intl.DateTimeFormat = new Proxy(Original, {
    construct: (_target, args) => create(args),
    apply: (_target, _this, args) => create(args),
  });
}
