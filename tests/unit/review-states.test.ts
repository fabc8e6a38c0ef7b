import {
  findTransition,
  LEGACY_STATE_VALUES,
  PUBLISHED_LABEL,
  REVIEW_STATE_CODES,
  REVIEW_STATE_LABELS,
  REVIEW_STATES,
  reviewStateLabel,
  toReviewState,
} from '@portal/common/review-states';
import { describe, expect, it } from 'vitest';

describe('review states', () => {
  it('are stable ASCII codes with one Vietnamese label each', () => {
    expect(REVIEW_STATE_CODES).toEqual(['draft', 'pending', 'changes_requested', 'approved', 'rejected']);
    expect(Object.values(REVIEW_STATE_LABELS)).toEqual(['Nháp', 'Chờ duyệt', 'Cần chỉnh sửa', 'Đã duyệt', 'Không duyệt']);
    expect(reviewStateLabel(REVIEW_STATES.changesRequested)).toBe('Cần chỉnh sửa');
    expect(reviewStateLabel(PUBLISHED_LABEL)).toBe('Đã đăng');
    expect(reviewStateLabel(null)).toBe('');
  });

  it('map every old stored label to its code', () => {
    expect(toReviewState('Chờ duyệt')).toBe('pending');
    expect(toReviewState('pending')).toBe('pending');
    expect(toReviewState(undefined)).toBeUndefined();
    expect(LEGACY_STATE_VALUES).toEqual({
      Nháp: 'draft',
      'Chờ duyệt': 'pending',
      'Cần chỉnh sửa': 'changes_requested',
      'Đã duyệt': 'approved',
      'Không duyệt': 'rejected',
    });
  });

  it('allow only the workflow’s transitions', () => {
    expect(findTransition('draft', 'pending')?.name).toBe('submit');
    expect(findTransition('changes_requested', 'pending')?.name).toBe('submit');
    expect(findTransition('approved', 'rejected')?.name).toBe('reject');
    expect(findTransition('draft', 'approved')).toBeUndefined();
  });
});
