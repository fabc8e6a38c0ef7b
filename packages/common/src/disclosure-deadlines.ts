/**
 * Deadlines of public disclosure (Thông tư 09/2024/TT-BGDĐT) as the portal reads them, and where a duty
 * stands on a given day. Pure: the CMS (panel, reminders), the site (Công khai page) and the tests use it.
 *
 * Our reading of the rules (docs/content-model.md; the domain notes flag the text as unverified):
 *  - annual disclosures of school year A–B, every section including the annual report: by 30 June of B;
 *  - the monthly education plan of a month: by the 25th of the month before;
 *  - the weekly menu (and plan) of a week: by the Saturday of the week before;
 *  - a change to disclosed information: within 10 working days of the change. The Ban giám hiệu says when
 *    the fact changed (the disclosure's `changedOn`); the CMS records when the change was published
 *    (`changePublishedAt`).
 * "Before day D" is read as "by the end of day D, Vietnam time": a duty published on D is on time.
 */
import { DAY_MS, vietnamDate } from './vietnam-time.js';

export type DutyKind = 'annual' | 'monthly-plan' | 'weekly-menu' | 'change';

/** Published on or before the due day; after it; not published and past it; due within the reminder window; later. */
export type DutyStatus = 'on-time' | 'late' | 'overdue' | 'due-soon' | 'upcoming';

export const DUTY_STATUS_LABELS: Record<DutyStatus, string> = {
  'on-time': 'Đúng hạn',
  late: 'Công khai muộn',
  overdue: 'Quá hạn',
  'due-soon': 'Sắp đến hạn',
  upcoming: 'Chưa đến hạn',
};

/** Days before the due day when the first reminder goes out (the second goes on the day itself). */
export const REMINDER_DAYS_BEFORE = 3;

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A calendar day ("YYYY-MM-DD") moved by `days`. */
export function addDays(day: string, days: number): string {
  const match = DAY.exec(day);
  if (!match) throw new Error(`not a calendar day: ${day}`);
  return new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) + days * DAY_MS).toISOString().slice(0, 10);
}

/** A calendar day as Vietnamese readers write it ("2026-12-07" → "07/12/2026"). */
export function dayText(day: string): string {
  return day.split('-').reverse().join('/');
}

/** Due day of the annual disclosures of a school year ("2026-2027" → "2027-06-30"); null if malformed. */
export function annualDueOn(schoolYear: string | null | undefined): string | null {
  const match = /^(\d{4})-(\d{4})$/.exec(schoolYear ?? '');
  return match && Number(match[2]) === Number(match[1]) + 1 ? `${match[2]}-06-30` : null;
}

/** Due day of the education plan of month `month` (1–12) of `year`: the 25th of the month before. */
export function monthlyPlanDueOn(year: number, month: number): string {
  const previous = month === 1 ? { y: year - 1, m: 12 } : { y: year, m: month - 1 };
  return `${previous.y}-${String(previous.m).padStart(2, '0')}-25`;
}

/** Due day of the menu of the week starting on Monday `weekStart`: the Saturday before. */
export function weeklyMenuDueOn(weekStart: string): string {
  return addDays(weekStart, -2);
}

/** Working days within which a change to disclosed information is to be published. */
export const CHANGE_WORKING_DAYS = 10;

const isWeekend = (day: string): boolean => {
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
  return weekday === 0 || weekday === 6;
};

/**
 * A calendar day moved forward by `count` working days, Monday to Friday: the day itself is not counted,
 * so from a Friday (or a Saturday) one working day is the Monday after.
 *
 * Vietnamese public holidays (Tết, 30/4, 1/5, 2/9 …) are not skipped: the portal has no authoritative
 * calendar of them (Tết follows the lunar calendar, and the Government moves and bridges days off each
 * year), so a deadline errs on the early side, never on the late one.
 */
export function addWorkingDays(day: string, count: number): string {
  let current = addDays(day, 0);
  for (let left = count; left > 0; ) {
    current = addDays(current, 1);
    if (!isWeekend(current)) left -= 1;
  }
  return current;
}

/** Due day of publishing a change to disclosed information that happened on `changedOn`. */
export function changeDueOn(changedOn: string): string {
  return addWorkingDays(changedOn, CHANGE_WORKING_DAYS);
}

/** "Kế hoạch giáo dục tháng 12/2026" names the plan of December 2026. */
const MONTHLY_PLAN_TITLE = /kế hoạch giáo dục tháng (\d{1,2})\s*\/\s*(\d{4})/i;

export interface DisclosureLike {
  schoolYear?: string | null;
  title?: string | null;
}

/** The duty a disclosure fulfils and its due day: a monthly plan by its title, anything else as annual. */
export function disclosureDuty(disclosure: DisclosureLike): { kind: DutyKind; dueOn: string } | null {
  const monthly = MONTHLY_PLAN_TITLE.exec((disclosure.title ?? '').normalize('NFC'));
  if (monthly) {
    const month = Number(monthly[1]);
    if (month >= 1 && month <= 12) return { kind: 'monthly-plan', dueOn: monthlyPlanDueOn(Number(monthly[2]), month) };
  }
  const annual = annualDueOn(disclosure.schoolYear);
  return annual ? { kind: 'annual', dueOn: annual } : null;
}

/**
 * Where a duty stands at `now`: by its first publication (null when not published), its due day and
 * today in Vietnam.
 */
export function dutyStatus(dueOn: string, firstPublishedAt: Date | number | string | null | undefined, now: Date | number = Date.now()): DutyStatus {
  if (firstPublishedAt !== null && firstPublishedAt !== undefined && firstPublishedAt !== '') {
    const published = typeof firstPublishedAt === 'string' ? Date.parse(firstPublishedAt) : firstPublishedAt;
    return vietnamDate(published) <= dueOn ? 'on-time' : 'late';
  }
  const today = vietnamDate(now);
  if (today > dueOn) return 'overdue';
  return today >= addDays(dueOn, -REMINDER_DAYS_BEFORE) ? 'due-soon' : 'upcoming';
}

export type ReminderKind = 'before' | 'on-day';

/**
 * The reminder that should have gone out by `now` for an unpublished duty, the latest first: "on-day"
 * on the due day, "before" from REMINDER_DAYS_BEFORE days ahead; none once published or past due.
 */
export function reminderDue(dueOn: string, published: boolean, now: Date | number = Date.now()): ReminderKind | null {
  if (published) return null;
  const today = vietnamDate(now);
  if (today === dueOn) return 'on-day';
  if (today < dueOn && today >= addDays(dueOn, -REMINDER_DAYS_BEFORE)) return 'before';
  return null;
}

/** The five sections of the annual disclosure (Thông tư 09/2024), in the schema's order. */
export const ANNUAL_SECTIONS = [
  'Thông tin chung',
  'Cam kết chất lượng và kế hoạch',
  'Điều kiện bảo đảm chất lượng',
  'Tài chính',
  'Báo cáo thường niên',
] as const;

export interface Duty {
  /** Stable across runs: what a sent reminder is recorded under. */
  key: string;
  kind: DutyKind;
  /** What is to be published, in Vietnamese. */
  title: string;
  dueOn: string;
  /** The annual section, the month ("YYYY-MM") or the week's Monday the duty is about. */
  subject: string;
  schoolYear?: string;
}

/** The school year running on a day: from September to August ("2026-12-01" → "2026-2027"). */
export function schoolYearOf(day: string): string {
  const [y, m] = day.split('-').map(Number) as [number, number];
  return m >= 9 ? `${y}-${y + 1}` : `${y - 1}-${y}`;
}

const mondayOf = (day: string): string => {
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
  return addDays(day, -((weekday + 6) % 7));
};

/**
 * The duties the panel follows on `today` (Vietnam): the annual sections of the running school year,
 * the education plans of this month and the next, and the menus of the last four weeks and the next one.
 */
export function dutiesAround(today: string): Duty[] {
  const year = schoolYearOf(today);
  const annual = ANNUAL_SECTIONS.map((section) => ({
    key: `annual:${year}:${section}`,
    kind: 'annual' as const,
    title: `${section}, năm học ${year}`,
    dueOn: annualDueOn(year) as string,
    subject: section,
    schoolYear: year,
  }));
  const [y, m] = today.split('-').map(Number) as [number, number];
  const months = [{ y, m }, m === 12 ? { y: y + 1, m: 1 } : { y, m: m + 1 }].map(({ y: year_, m: month }) => {
    const subject = `${year_}-${String(month).padStart(2, '0')}`;
    return {
      key: `monthly-plan:${subject}`,
      kind: 'monthly-plan' as const,
      title: `Kế hoạch giáo dục tháng ${month}/${year_}`,
      dueOn: monthlyPlanDueOn(year_, month),
      subject,
    };
  });
  const thisMonday = mondayOf(today);
  const weeks = [-3, -2, -1, 0, 1].map((offset) => {
    const monday = addDays(thisMonday, offset * 7);
    return {
      key: `weekly-menu:${monday}`,
      kind: 'weekly-menu' as const,
      title: `Thực đơn tuần từ ${dayText(monday)}`,
      dueOn: weeklyMenuDueOn(monday),
      subject: monday,
    };
  });
  return [...annual, ...months, ...weeks];
}

/** A change recorded on a disclosure: the day the disclosed fact changed. */
export interface DisclosureChange {
  documentId: string;
  title?: string | null;
  schoolYear?: string | null;
  /** "YYYY-MM-DD", Vietnam calendar. */
  changedOn: string;
}

/** The duty of publishing a change within CHANGE_WORKING_DAYS working days; one per document and day of change. */
export function changeDuty(change: DisclosureChange): Duty {
  return {
    key: `change:${change.documentId}:${change.changedOn}`,
    kind: 'change',
    title: `Thay đổi ngày ${dayText(change.changedOn)}: ${change.title ?? 'mục công khai'}`,
    dueOn: changeDueOn(change.changedOn),
    subject: change.documentId,
    ...(change.schoolYear ? { schoolYear: change.schoolYear } : {}),
  };
}

/** Days after its due day that a published change is still listed (as the menus of the last four weeks). */
export const CHANGE_LISTED_DAYS = 28;

/** Whether the duties of `today` include a change due on `dueOn`: always while unpublished, then for four weeks. */
export function changeListed(dueOn: string, published: boolean, today: string): boolean {
  return !published || today <= addDays(dueOn, CHANGE_LISTED_DAYS);
}
