/** Review states (DESIGN: Nháp → Chờ duyệt → (Cần chỉnh sửa ↔ Chờ duyệt) → Đã duyệt → published; or Không duyệt). */
export const STATES = {
  draft: 'Nháp',
  pending: 'Chờ duyệt',
  changesRequested: 'Cần chỉnh sửa',
  approved: 'Đã duyệt',
  rejected: 'Không duyệt',
} as const;
export type ReviewState = (typeof STATES)[keyof typeof STATES];
export const PUBLISHED_LABEL = 'Đã đăng';

/** Content types that go through review. Directives and disclosures are edited by the Ban giám hiệu only. */
export const REVIEWED_TYPES = [
  'api::article.article',
  'api::activity.activity',
  'api::menu.menu',
  'api::directive.directive',
  'api::disclosure.disclosure',
] as const;
export type ReviewedType = (typeof REVIEWED_TYPES)[number];

export const isReviewed = (uid: string): uid is ReviewedType => (REVIEWED_TYPES as readonly string[]).includes(uid);

export type TransitionName = 'submit' | 'approve' | 'requestChanges' | 'reject';

export interface Transition {
  name: TransitionName;
  label: string;
  from: ReviewState[];
  to: ReviewState;
  /** Who may take it: the item's author (staff acting on their own item) or the leadership. */
  by: 'author' | 'leadership';
  noteRequired: boolean;
}

export const TRANSITIONS: Transition[] = [
  { name: 'submit', label: 'Gửi duyệt', from: [STATES.draft, STATES.changesRequested], to: STATES.pending, by: 'author', noteRequired: false },
  { name: 'approve', label: 'Duyệt', from: [STATES.pending], to: STATES.approved, by: 'leadership', noteRequired: false },
  {
    name: 'requestChanges',
    label: 'Yêu cầu chỉnh sửa',
    from: [STATES.pending, STATES.approved],
    to: STATES.changesRequested,
    by: 'leadership',
    noteRequired: true,
  },
  { name: 'reject', label: 'Không duyệt', from: [STATES.pending, STATES.approved], to: STATES.rejected, by: 'leadership', noteRequired: true },
];

export function findTransition(from: ReviewState, to: ReviewState): Transition | undefined {
  return TRANSITIONS.find((t) => t.to === to && t.from.includes(from));
}

/** Human names of the content types, for audit entries and e-mails. */
export const TYPE_LABELS: Record<string, string> = {
  'api::article.article': 'Tin tức – Sự kiện',
  'api::activity.activity': 'Hoạt động – Phong trào',
  'api::menu.menu': 'Thực đơn tuần',
  'api::directive.directive': 'Văn bản',
  'api::disclosure.disclosure': 'Công khai',
  'api::submission.submission': 'Thông tin gửi BGH',
  'api::notice.notice': 'Thông báo bảo trì – sự cố',
  'api::school.school': 'Thông tin nhà trường',
  'api::category.category': 'Chuyên mục',
  'admin::role': 'Vai trò',
  'admin::user': 'Tài khoản quản trị',
  'plugin::upload.file': 'Tệp đa phương tiện',
};
