import { type DateInput, toCalendarDay, todayInVietnam } from './dates.ts';

export type Validity = 'Còn hiệu lực' | 'Hết hiệu lực' | 'Chưa có hiệu lực';

export interface ValidityInput {
  effectiveFrom?: DateInput | null;
  effectiveUntil?: DateInput | null;
  /** True when a published document replaces this one: it no longer applies even without an end date. */
  superseded?: boolean;
}

/**
 * Legal validity of a directive on a given day in Vietnam.
 *
 * effectiveUntil is the last day the document applies (inclusive). A missing effectiveFrom means the
 * start is not recorded, which the school treats as already in force.
 */
export function directiveValidity(input: ValidityInput, now: Date = new Date()): Validity {
  const today = todayInVietnam(now);
  const from = input.effectiveFrom ? toCalendarDay(input.effectiveFrom) : '';
  const until = input.effectiveUntil ? toCalendarDay(input.effectiveUntil) : '';
  if (from && today < from) return 'Chưa có hiệu lực';
  if (input.superseded) return 'Hết hiệu lực';
  if (until && today > until) return 'Hết hiệu lực';
  return 'Còn hiệu lực';
}

/** CSS modifier for the status badge, so colour is never the only signal (the text is always shown). */
export function validityClass(validity: Validity): string {
  switch (validity) {
    case 'Còn hiệu lực':
      return 'badge--valid';
    case 'Hết hiệu lực':
      return 'badge--expired';
    default:
      return 'badge--pending';
  }
}
