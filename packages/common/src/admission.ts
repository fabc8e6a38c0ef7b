/**
 * Enrolment seasons (Tuyển sinh): where a season stands on a given instant, which season the site shows,
 * and the date rules the CMS enforces. Dates are calendar days in Vietnam ("YYYY-MM-DD", Strapi's `date`),
 * and a season is open from the first minute of its opening day to the last minute of its closing day,
 * Vietnam time, whatever the server's time zone. Pure: the CMS, the site and the tests import it.
 */
import { vietnamDate } from './vietnam-time.js';

export type AdmissionStatus = 'upcoming' | 'open' | 'closed';

export const ADMISSION_STATUS_LABELS: Record<AdmissionStatus, string> = {
  upcoming: 'Sắp mở',
  open: 'Đang nhận hồ sơ',
  closed: 'Đã kết thúc',
};

/** A calendar day as Strapi gives it: "YYYY-MM-DD" over REST, a Date (midnight UTC) in its typings. */
export type DayValue = string | Date | null | undefined;

export interface SeasonDates {
  opensOn?: DayValue;
  closesOn?: DayValue;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;

/** "YYYY-MM-DD", or null when the value is not a calendar day. */
export function dayOf(value: DayValue): string | null {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString().slice(0, 10);
  return typeof value === 'string' && DAY.test(value) ? value : null;
}

/** A season's state at `now`; null when its dates are missing or malformed (the CMS refuses those). */
export function admissionStatus(season: SeasonDates, now: Date | number = Date.now()): AdmissionStatus | null {
  const opensOn = dayOf(season.opensOn);
  const closesOn = dayOf(season.closesOn);
  if (!opensOn || !closesOn) return null;
  const today = vietnamDate(now);
  if (today < opensOn) return 'upcoming';
  if (today > closesOn) return 'closed';
  return 'open';
}

/**
 * The season the site shows: an open one (the one closing first, when rounds overlap), else the next
 * to open, else the one that closed last. Null when there is none.
 */
export function currentSeason<T extends SeasonDates>(seasons: readonly T[], now: Date | number = Date.now()): T | null {
  const withStatus = seasons.flatMap((season) => {
    const status = admissionStatus(season, now);
    return status ? [{ season, status, opensOn: dayOf(season.opensOn) as string, closesOn: dayOf(season.closesOn) as string }] : [];
  });
  const pick = (status: AdmissionStatus, order: (a: (typeof withStatus)[number], b: (typeof withStatus)[number]) => number) =>
    withStatus.filter((s) => s.status === status).sort(order)[0]?.season ?? null;
  return (
    pick('open', (a, b) => a.closesOn.localeCompare(b.closesOn)) ??
    pick('upcoming', (a, b) => a.opensOn.localeCompare(b.opensOn)) ??
    pick('closed', (a, b) => b.closesOn.localeCompare(a.closesOn))
  );
}

export interface AdmissionRuleInput {
  opensOn?: string | null;
  closesOn?: string | null;
  resultsOn?: string | null;
  schoolYear?: string | null;
  ageGroups?: readonly { name?: string | null; bornFrom?: number | null; bornTo?: number | null }[] | null;
}

/** Day of a "YYYY-MM-DD" as dd/mm/yyyy, for messages (no Intl: the admin bundle imports this too). */
const shown = (day: string): string => day.split('-').reverse().join('/');

/**
 * What is wrong with a season's dates and age groups, in Vietnamese, or null. The CMS runs it on every
 * save (drafts included), so the site never meets a season that closes before it opens.
 */
export function admissionProblem(season: AdmissionRuleInput): string | null {
  const { opensOn, closesOn, resultsOn, schoolYear } = season;
  if (opensOn && closesOn && closesOn < opensOn) {
    return `Ngày kết thúc nhận hồ sơ (${shown(closesOn)}) không được trước ngày bắt đầu nhận hồ sơ (${shown(opensOn)}).`;
  }
  if (opensOn && resultsOn && resultsOn < opensOn) {
    return `Ngày công bố kết quả (${shown(resultsOn)}) không được trước ngày bắt đầu nhận hồ sơ (${shown(opensOn)}).`;
  }
  if (schoolYear) {
    const match = /^(\d{4})-(\d{4})$/.exec(schoolYear);
    if (!match || Number(match[2]) !== Number(match[1]) + 1) {
      return `Năm học "${schoolYear}" không hợp lệ: cần viết dạng 2027-2028 (hai năm liền nhau).`;
    }
  }
  for (const group of season.ageGroups ?? []) {
    if (typeof group?.bornFrom === 'number' && typeof group.bornTo === 'number' && group.bornTo < group.bornFrom) {
      return `Nhóm tuổi "${group.name ?? ''}": năm sinh "đến" (${group.bornTo}) không được trước năm sinh "từ" (${group.bornFrom}).`;
    }
  }
  return null;
}
