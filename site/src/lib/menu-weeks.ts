/**
 * Which week /thuc-don shows. Weeks are the Mondays (YYYY-MM-DD) that have a published menu.
 * Parents open the page to see what their child eats this week, so that week comes first (on Sunday,
 * when school is out, the week starting tomorrow); failing that the nearest coming week; otherwise the
 * most recent one.
 */

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
