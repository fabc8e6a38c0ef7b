import { isReviewedUid, type ReviewedUid, reviewedUids, typeLabel } from '@portal/common/sections';

// Review states and their transitions are shared data (the admin panel shows the same labels).
export {
  findTransition,
  PUBLISHED_LABEL,
  REVIEW_STATE_LABELS,
  REVIEW_STATES as STATES,
  type ReviewState,
  reviewStateLabel,
  TRANSITIONS,
  type Transition,
  type TransitionName,
  toReviewState,
} from '@portal/common/review-states';

/** Content types that go through review. Directives and disclosures are edited by the Ban giám hiệu only. */
export const REVIEWED_TYPES: readonly ReviewedUid[] = reviewedUids();
export type ReviewedType = ReviewedUid;

export const isReviewed = isReviewedUid;

/** Human names of what audit entries and e-mails talk about (content types and the admin's own). */
export function labelOfType(uid: string): string {
  return OTHER_LABELS[uid] ?? typeLabel(uid);
}

const OTHER_LABELS: Record<string, string> = {
  'admin::role': 'Vai trò',
  'admin::user': 'Tài khoản quản trị',
  'plugin::upload.file': 'Tệp đa phương tiện',
};
