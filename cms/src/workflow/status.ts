import { PUBLISHED_LABEL, REVIEW_STATES, type ReviewState, reviewStateLabel } from '@portal/common/review-states';
import { fromVietnam, vietnamParts } from '@portal/common/vietnam-time';

/**
 * The one status people see for a reviewed item: the review state and Strapi's published state (and a
 * pending schedule) combined, so the edit view and the list never show two status systems side by side.
 * Pure: the admin panel (browser) and the server both use it.
 */

/** Strapi 5's document status: no published version, published as is, or published with later edits. */
export type PublicationStatus = 'draft' | 'published' | 'modified';

export type StatusTone = 'neutral' | 'warning' | 'danger' | 'success' | 'primary';

export interface CombinedStatus {
  label: string;
  tone: StatusTone;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** "08:00 01/12/2026": Vietnam wall-clock time, the one date-time format of the admin's workflow. */
export function formatScheduleTime(at: Date | string): string {
  const p = vietnamParts(typeof at === 'string' ? new Date(at) : at);
  return `${pad(p.hh)}:${pad(p.mm)} ${pad(p.d)}/${pad(p.m)}/${p.y}`;
}

/** The instant of a `<input type="datetime-local">` value read as Vietnam time; null if malformed. */
export function parseVietnamLocal(value: string): Date | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/.exec(value.trim());
  if (!match) return null;
  const [y, m, d, hh, mm, ss] = match.slice(1).map((part) => Number(part ?? 0)) as [number, number, number, number, number, number];
  const date = fromVietnam(y, m, d, hh, mm, ss);
  // 31/02 and 25:00 roll over in Date.UTC: refuse them instead.
  const back = vietnamParts(date);
  return back.y === y && back.m === m && back.d === d && back.hh === hh && back.mm === mm ? date : null;
}

/** The `datetime-local` value of an instant in Vietnam time (for the input's `min` and defaults). */
export function toVietnamLocal(at: Date): string {
  const p = vietnamParts(at);
  return `${p.y}-${pad(p.m)}-${pad(p.d)}T${pad(p.hh)}:${pad(p.mm)}`;
}

export function combinedStatus(
  reviewState: string | null | undefined,
  publication: PublicationStatus | null | undefined,
  publishAt?: string | Date | null,
): CombinedStatus {
  const state = (reviewState ?? REVIEW_STATES.draft) as ReviewState;
  const online = publication === 'published' || publication === 'modified';
  if (publishAt && state === REVIEW_STATES.approved) {
    const when = `Đã hẹn đăng ${formatScheduleTime(publishAt)}`;
    return { label: online ? `${PUBLISHED_LABEL} – bản sửa ${when.charAt(0).toLowerCase()}${when.slice(1)}` : when, tone: 'primary' };
  }
  if (!online) {
    const tones: Record<ReviewState, StatusTone> = {
      draft: 'neutral',
      pending: 'warning',
      changes_requested: 'danger',
      approved: 'success',
      rejected: 'danger',
    };
    return { label: reviewStateLabel(state), tone: tones[state] ?? 'neutral' };
  }
  if (state === REVIEW_STATES.approved) {
    return publication === 'published' ? { label: PUBLISHED_LABEL, tone: 'success' } : { label: `${PUBLISHED_LABEL} – có thay đổi chưa đăng`, tone: 'success' };
  }
  // Online, with a newer version somewhere in review.
  const edits: Record<Exclude<ReviewState, 'approved'>, [string, StatusTone]> = {
    draft: ['có bản sửa chưa gửi duyệt', 'neutral'],
    pending: ['có bản sửa chờ duyệt', 'warning'],
    changes_requested: ['bản sửa cần chỉnh sửa', 'danger'],
    rejected: ['bản sửa không được duyệt', 'danger'],
  };
  const [text, tone] = edits[state as Exclude<ReviewState, 'approved'>] ?? edits.draft;
  return { label: `${PUBLISHED_LABEL} – ${text}`, tone };
}
