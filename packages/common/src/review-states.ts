/**
 * Review states of the content that goes through the Ban giám hiệu (DESIGN: Nháp → Chờ duyệt →
 * (Cần chỉnh sửa ↔ Chờ duyệt) → Đã duyệt → published; or Không duyệt).
 *
 * The database stores the stable ASCII codes (the `reviewState` enums of the reviewed schemas); users only
 * ever see the Vietnamese labels below. Pure data: the admin panel (browser) imports it too.
 */
export const REVIEW_STATES = {
  draft: 'draft',
  pending: 'pending',
  changesRequested: 'changes_requested',
  approved: 'approved',
  rejected: 'rejected',
} as const;
export type ReviewState = (typeof REVIEW_STATES)[keyof typeof REVIEW_STATES];

export const REVIEW_STATE_CODES: readonly ReviewState[] = Object.values(REVIEW_STATES);

export const REVIEW_STATE_LABELS: Readonly<Record<ReviewState, string>> = {
  draft: 'Nháp',
  pending: 'Chờ duyệt',
  changes_requested: 'Cần chỉnh sửa',
  approved: 'Đã duyệt',
  rejected: 'Không duyệt',
};

/** Not a review state: what the author and the audit log see once an approved item is online. */
export const PUBLISHED_LABEL = 'Đã đăng';

export const isReviewState = (value: unknown): value is ReviewState => typeof value === 'string' && (REVIEW_STATE_CODES as readonly string[]).includes(value);

/** The Vietnamese label of a state code; anything else (an older label, "Đã đăng") is returned unchanged. */
export function reviewStateLabel(value: string | null | undefined): string {
  if (value == null) return '';
  return isReviewState(value) ? REVIEW_STATE_LABELS[value] : value;
}

/** Code of each label that databases held before the codes (for the start-up migration). */
export const LEGACY_STATE_VALUES: Readonly<Record<string, ReviewState>> = Object.fromEntries(
  REVIEW_STATE_CODES.map((code) => [REVIEW_STATE_LABELS[code], code]),
);

/** A state as a client may still send it: its code, or the Vietnamese word stored before the codes. */
export function toReviewState(value: unknown): unknown {
  return typeof value === 'string' && Object.hasOwn(LEGACY_STATE_VALUES, value) ? LEGACY_STATE_VALUES[value] : value;
}

export type TransitionName = 'submit' | 'approve' | 'requestChanges' | 'reject';

export interface Transition {
  name: TransitionName;
  label: string;
  from: readonly ReviewState[];
  to: ReviewState;
  /** Who may take it: the item's author (staff acting on their own item) or the leadership. */
  by: 'author' | 'leadership';
  noteRequired: boolean;
}

const S = REVIEW_STATES;
export const TRANSITIONS: readonly Transition[] = [
  { name: 'submit', label: 'Gửi duyệt', from: [S.draft, S.changesRequested], to: S.pending, by: 'author', noteRequired: false },
  { name: 'approve', label: 'Duyệt', from: [S.pending], to: S.approved, by: 'leadership', noteRequired: false },
  { name: 'requestChanges', label: 'Yêu cầu chỉnh sửa', from: [S.pending, S.approved], to: S.changesRequested, by: 'leadership', noteRequired: true },
  { name: 'reject', label: 'Không duyệt', from: [S.pending, S.approved], to: S.rejected, by: 'leadership', noteRequired: true },
];

export function findTransition(from: ReviewState, to: ReviewState): Transition | undefined {
  return TRANSITIONS.find((t) => t.to === to && t.from.includes(from));
}
