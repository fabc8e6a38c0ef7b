/**
 * Vietnamese labels of the admin edit and list views. Strapi keeps them in the content-manager
 * configuration, not in schema.json, so they are written at every start (see apply.ts).
 * A unit test checks that every attribute of every schema has a label here.
 */
import { SECTIONS, type SectionKey } from '@portal/common/sections';

export interface ViewLabels {
  mainField: string;
  fields: Record<string, string>;
  /** Fields not shown in the edit view (the workflow panel shows the review fields). */
  hidden?: string[];
  /** Fields shown but not editable: the server keeps them (and ignores what is sent for them anyway). */
  readOnly?: string[];
  /** Columns of the list view, in order. */
  list?: string[];
  /** The list view's order when the user has not picked one (Strapi's default is the main field, A to Z). */
  sort?: { by: string; order: 'ASC' | 'DESC' };
}

const REVIEW_FIELDS = { reviewState: 'Trạng thái duyệt', reviewNote: 'Ghi chú của người duyệt' };
const REVIEW_HIDDEN = ['reviewState', 'reviewNote'];

const COMMON = {
  createdAt: 'Ngày tạo',
  updatedAt: 'Cập nhật lúc',
  publishedAt: 'Ngày đăng',
  createdBy: 'Người tạo',
  updatedBy: 'Người cập nhật',
  documentId: 'Mã tài liệu',
};

// By registry key: the compiler asks for the labels of every section the registry gains.
const TYPE_VIEW_LABELS: Record<SectionKey, ViewLabels> = {
  article: {
    mainField: 'title',
    fields: {
      title: 'Tiêu đề',
      slug: 'Đường dẫn (slug)',
      summary: 'Tóm tắt',
      body: 'Nội dung',
      cover: 'Ảnh đại diện',
      gallery: 'Thư viện ảnh',
      category: 'Chuyên mục',
      classGroup: 'Lớp / nhóm',
      featured: 'Tin nổi bật',
      sourceSubmission: 'Từ thông tin gửi BGH',
      firstPublishedAt: 'Đăng lần đầu lúc',
      ...REVIEW_FIELDS,
    },
    hidden: ['firstPublishedAt', ...REVIEW_HIDDEN],
    list: ['title', 'reviewState', 'category', 'createdBy', 'updatedAt'],
  },
  announcement: {
    mainField: 'title',
    fields: {
      title: 'Tiêu đề',
      slug: 'Đường dẫn (slug)',
      kind: 'Loại thông báo',
      summary: 'Tóm tắt (để trống: lấy đoạn đầu của nội dung)',
      body: 'Nội dung',
      attachments: 'Tệp đính kèm',
      pinned: 'Ghim lên đầu danh sách',
      ...REVIEW_FIELDS,
    },
    hidden: REVIEW_HIDDEN,
    list: ['title', 'kind', 'reviewState', 'createdBy', 'updatedAt'],
  },
  category: {
    mainField: 'name',
    fields: { name: 'Tên chuyên mục', slug: 'Đường dẫn (slug)', description: 'Mô tả', articles: 'Bài viết' },
  },
  directive: {
    mainField: 'number',
    hidden: ['slug', 'firstPublishedAt', ...REVIEW_HIDDEN],
    list: ['docType', 'number', 'issuedOn', 'reviewState', 'updatedAt'],
    fields: {
      docType: 'Loại văn bản',
      number: 'Số ký hiệu',
      slug: 'Đường dẫn (tự tạo từ loại và số ký hiệu)',
      issuer: 'Cơ quan ban hành',
      issuedOn: 'Ngày ban hành',
      effectiveFrom: 'Hiệu lực từ ngày',
      effectiveUntil: 'Hết hiệu lực từ ngày',
      signer: 'Người ký',
      abstract: 'Trích yếu',
      body: 'Nội dung tóm tắt',
      attachments: 'Tệp đính kèm',
      basedOn: 'Căn cứ',
      citedBy: 'Được căn cứ bởi',
      supersedes: 'Thay thế văn bản',
      supersededBy: 'Bị thay thế bởi',
      changeNote: 'Ghi chú thay đổi (công khai, khi sửa văn bản đã đăng)',
      firstPublishedAt: 'Đăng lần đầu lúc',
      ...REVIEW_FIELDS,
    },
  },
  activity: {
    mainField: 'title',
    fields: {
      title: 'Tiêu đề',
      slug: 'Đường dẫn (slug)',
      kind: 'Loại',
      classGroup: 'Lớp / nhóm',
      date: 'Ngày diễn ra',
      location: 'Địa điểm',
      summary: 'Tóm tắt',
      body: 'Nội dung',
      cover: 'Ảnh đại diện',
      gallery: 'Thư viện ảnh',
      ...REVIEW_FIELDS,
    },
    hidden: REVIEW_HIDDEN,
    list: ['title', 'kind', 'date', 'reviewState', 'createdBy', 'updatedAt'],
  },
  submission: {
    mainField: 'title',
    fields: {
      kind: 'Loại thông tin',
      title: 'Tiêu đề',
      message: 'Nội dung',
      attachments: 'Tệp đính kèm',
      relatedUrl: 'Đường dẫn liên quan',
      source: 'Nguồn',
      contact: 'Liên hệ người gửi',
      handlingStatus: 'Tình trạng xử lý',
      handlerNote: 'Ghi chú xử lý',
      article: 'Bài viết đã tạo từ thông tin này',
    },
    list: ['title', 'kind', 'handlingStatus', 'createdBy', 'createdAt'],
  },
  album: {
    mainField: 'title',
    fields: {
      title: 'Tên album',
      slug: 'Đường dẫn (slug)',
      date: 'Ngày',
      classGroup: 'Lớp / nhóm',
      description: 'Mô tả',
      cover: 'Ảnh bìa (để trống: ảnh đầu tiên)',
      photos: 'Các ảnh',
      activity: 'Lấy ảnh từ hoạt động (khi album không có ảnh riêng)',
      ...REVIEW_FIELDS,
    },
    hidden: REVIEW_HIDDEN,
    list: ['title', 'date', 'classGroup', 'reviewState', 'updatedAt'],
    sort: { by: 'date', order: 'DESC' },
  },
  faq: {
    mainField: 'question',
    fields: {
      topic: 'Chủ đề',
      question: 'Câu hỏi (công khai)',
      answer: 'Câu trả lời',
      askedAt: 'Ngày hỏi',
      answeredAt: 'Ngày trả lời',
    },
    readOnly: ['topic', 'question', 'answer', 'askedAt', 'answeredAt'],
    list: ['question', 'topic', 'answeredAt'],
    sort: { by: 'answeredAt', order: 'DESC' },
  },
  question: {
    mainField: 'question',
    fields: {
      kind: 'Loại',
      topic: 'Chủ đề',
      question: 'Câu hỏi, góp ý của cha mẹ (nguyên văn)',
      name: 'Họ tên người gửi',
      email: 'Thư điện tử người gửi',
      phone: 'Số điện thoại người gửi',
      consent: 'Người gửi đồng ý công khai (không kèm tên, liên hệ)',
      handlingStatus: 'Tình trạng',
      answer: 'Câu trả lời của Ban giám hiệu',
      answeredAt: 'Trả lời lúc',
      answerEmailedAt: 'Đã gửi thư trả lời lúc',
      publicQuestion: 'Câu hỏi sẽ công khai (bỏ tên, số điện thoại, địa chỉ nếu có)',
      publish: 'Công khai trên trang Hỏi đáp',
      faqDocumentId: 'Mã mục Hỏi đáp công khai',
    },
    hidden: ['faqDocumentId'],
    readOnly: ['question', 'name', 'email', 'phone', 'consent', 'handlingStatus', 'answeredAt', 'answerEmailedAt'],
    list: ['question', 'kind', 'topic', 'handlingStatus', 'createdAt'],
    sort: { by: 'createdAt', order: 'DESC' },
  },
  notice: {
    mainField: 'title',
    fields: {
      kind: 'Loại thông báo',
      title: 'Tiêu đề',
      message: 'Nội dung',
      affectedServices: 'Dịch vụ bị ảnh hưởng',
      startsAt: 'Bắt đầu',
      endsAt: 'Kết thúc (dự kiến)',
      resolved: 'Đã khắc phục (ghi giờ tự động)',
      resolvedAt: 'Đã khắc phục lúc',
      staffNotifiedAt: 'Đã gửi thư báo cán bộ lúc',
    },
  },
  disclosure: {
    mainField: 'title',
    fields: {
      schoolYear: 'Năm học (VD: 2026-2027)',
      section: 'Mục công khai',
      title: 'Tiêu đề',
      slug: 'Đường dẫn (slug)',
      body: 'Nội dung',
      attachments: 'Tệp đính kèm',
      firstPublishedAt: 'Công khai lần đầu',
      lastUpdatedAt: 'Cập nhật lần cuối',
      changedOn: 'Ngày thông tin thay đổi (công khai trong 10 ngày làm việc)',
      changePublishedAt: 'Công khai thay đổi lúc',
      ...REVIEW_FIELDS,
    },
    hidden: REVIEW_HIDDEN,
    readOnly: ['changePublishedAt'],
    list: ['schoolYear', 'section', 'title', 'reviewState', 'updatedAt'],
  },
  menu: {
    mainField: 'weekStart',
    fields: { weekStart: 'Tuần bắt đầu (thứ Hai)', ageGroup: 'Nhóm tuổi', days: 'Các ngày trong tuần', note: 'Ghi chú', ...REVIEW_FIELDS },
    hidden: REVIEW_HIDDEN,
    list: ['weekStart', 'ageGroup', 'reviewState', 'createdBy', 'updatedAt'],
  },
  'work-week': {
    mainField: 'weekStart',
    fields: {
      weekStart: 'Tuần bắt đầu (thứ Hai, giờ Việt Nam)',
      entries: 'Các công việc trong tuần',
      note: 'Ghi chú',
      ...REVIEW_FIELDS,
    },
    hidden: REVIEW_HIDDEN,
    list: ['weekStart', 'reviewState', 'updatedBy', 'updatedAt'],
    // The newest week first: the Ban giám hiệu works on this week and the next.
    sort: { by: 'weekStart', order: 'DESC' },
  },
  admission: {
    mainField: 'title',
    fields: {
      schoolYear: 'Năm học (VD: 2027-2028)',
      title: 'Tiêu đề (VD: Tuyển sinh năm học 2027–2028)',
      plan: 'Kế hoạch tuyển sinh',
      opensOn: 'Bắt đầu nhận hồ sơ',
      closesOn: 'Kết thúc nhận hồ sơ',
      resultsOn: 'Ngày công bố kết quả',
      ageGroups: 'Độ tuổi, chỉ tiêu',
      documents: 'Hồ sơ cần mang theo',
      contact: 'Liên hệ',
      planFile: 'Tệp kế hoạch (PDF)',
      ...REVIEW_FIELDS,
    },
    hidden: REVIEW_HIDDEN,
    list: ['schoolYear', 'title', 'opensOn', 'closesOn', 'reviewState', 'updatedAt'],
    sort: { by: 'opensOn', order: 'DESC' },
  },
  school: {
    mainField: 'name',
    fields: {
      name: 'Tên trường',
      nameEn: 'Tên tiếng Anh',
      governingBody: 'Cơ quan chủ quản',
      address: 'Địa chỉ',
      phone: 'Điện thoại',
      email: 'Thư điện tử',
      introduction: 'Giới thiệu',
      introductionEn: 'Giới thiệu bằng tiếng Anh',
      leaders: 'Ban giám hiệu',
      contactPerson: 'Người phụ trách liên hệ',
      organisation: 'Cơ cấu tổ chức',
      classes: 'Các nhóm, lớp (mỗi dòng một tên)',
      orgChart: 'Sơ đồ tổ chức (ảnh)',
      officeHours: 'Giờ làm việc',
      logo: 'Biểu trưng (logo) của trường',
      photo: 'Ảnh nhà trường (đầu trang chủ)',
      relatedLinks: 'Liên kết cơ quan liên quan (chân trang)',
    },
  },
  'audit-entry': {
    mainField: 'action',
    fields: {
      actorName: 'Người thực hiện',
      actorId: 'Mã người thực hiện',
      actorEmail: 'Thư điện tử',
      actorRole: 'Vai trò',
      at: 'Thời điểm',
      contentType: 'Loại nội dung',
      targetDocumentId: 'Mã tài liệu',
      targetTitle: 'Tài liệu',
      targetAuthorId: 'Mã tác giả của tài liệu',
      action: 'Thao tác',
      fromState: 'Từ trạng thái',
      toState: 'Sang trạng thái',
      note: 'Ghi chú',
    },
    list: ['at', 'actorName', 'action', 'targetTitle', 'fromState', 'toState'],
    // A log is read from its latest entry.
    sort: { by: 'at', order: 'DESC' },
  },
  'publication-schedule': {
    mainField: 'targetTitle',
    fields: {
      targetUid: 'Loại nội dung',
      targetDocumentId: 'Mã tài liệu',
      targetTitle: 'Tài liệu',
      kind: 'Việc cần làm',
      runAt: 'Thời điểm',
      status: 'Tình trạng',
      claimedAt: 'Bắt đầu chạy lúc',
      doneAt: 'Xong lúc',
      requestedById: 'Mã người hẹn giờ',
      requestedByName: 'Người hẹn giờ',
      authorId: 'Mã tác giả của tài liệu',
      outcome: 'Kết quả',
    },
    list: ['runAt', 'kind', 'targetTitle', 'status'],
  },
  delivery: {
    mainField: 'what',
    fields: {
      kind: 'Loại',
      target: 'Địa chỉ nhận',
      what: 'Nội dung',
      payload: 'Nội dung gửi',
      status: 'Tình trạng',
      attempts: 'Số lần đã thử',
      nextAttemptAt: 'Thử lại lúc',
      claimedAt: 'Bắt đầu gửi lúc',
      doneAt: 'Xong lúc',
      lastError: 'Lỗi gần nhất',
      condition: 'Điều kiện bỏ qua',
    },
    list: ['kind', 'what', 'status', 'attempts', 'nextAttemptAt'],
  },
  'disclosure-reminder': {
    mainField: 'title',
    fields: {
      reminderKey: 'Mã thư nhắc',
      dutyKey: 'Mã việc cần công khai',
      kind: 'Lần nhắc',
      dueOn: 'Hạn công khai',
      title: 'Việc cần công khai',
      sentAt: 'Gửi lúc',
    },
    list: ['title', 'kind', 'dueOn', 'sentAt'],
  },
  change: {
    mainField: 'what',
    fields: {
      what: 'Thay đổi',
      tags: 'Thẻ cần xóa',
      files: 'Tệp ảnh cần gỡ',
    },
    list: ['what', 'createdAt'],
  },
  revision: {
    mainField: 'title',
    fields: {
      contentType: 'Loại nội dung',
      targetDocumentId: 'Mã tài liệu',
      version: 'Phiên bản',
      at: 'Lúc',
      actorName: 'Người thực hiện',
      actorId: 'Mã người thực hiện',
      actorRole: 'Vai trò',
      targetAuthorId: 'Mã tác giả',
      action: 'Thao tác',
      stateCode: 'Trạng thái duyệt',
      published: 'Đăng',
      title: 'Tiêu đề',
      snapshot: 'Nội dung phiên bản',
    },
    list: ['title', 'version', 'action', 'at'],
  },
};

export const CONTENT_TYPE_LABELS: Record<string, ViewLabels> = Object.fromEntries(SECTIONS.map((s) => [s.uid, TYPE_VIEW_LABELS[s.key]]));

export const COMPONENT_LABELS: Record<string, ViewLabels> = {
  'school.leader': {
    mainField: 'name',
    fields: { name: 'Họ và tên', position: 'Chức vụ', phone: 'Điện thoại', email: 'Thư điện tử', duties: 'Nhiệm vụ' },
  },
  'school.org-unit': {
    mainField: 'name',
    fields: { name: 'Tên bộ phận', head: 'Người phụ trách', members: 'Thành phần' },
  },
  'school.related-link': { mainField: 'name', fields: { name: 'Tên cơ quan', url: 'Địa chỉ trang (https://…)' } },
  'menu.day': {
    mainField: 'weekday',
    fields: { weekday: 'Thứ', breakfast: 'Bữa sáng', lunch: 'Bữa trưa', afternoon: 'Bữa chiều', energyKcal: 'Năng lượng (kcal)' },
  },
  'notice.affected-service': { mainField: 'service', fields: { service: 'Dịch vụ' } },
  'calendar.entry': {
    mainField: 'content',
    fields: {
      date: 'Ngày (trong tuần)',
      startTime: 'Bắt đầu lúc',
      endTime: 'Kết thúc lúc',
      content: 'Nội dung công việc',
      presiding: 'Chủ trì',
      participants: 'Thành phần tham dự',
      place: 'Địa điểm',
      changedAt: 'Đã thay đổi lúc (hệ thống tự ghi khi đăng lại)',
    },
    // Set by the server when a published week is published again with this entry new or different.
    hidden: ['changedAt'],
  },
  'admission.age-group': {
    mainField: 'name',
    fields: { name: 'Nhóm, lớp (VD: Nhà trẻ 24–36 tháng)', bornFrom: 'Sinh từ năm', bornTo: 'Sinh đến năm', places: 'Số chỉ tiêu' },
  },
  'admission.document': { mainField: 'name', fields: { name: 'Giấy tờ' } },
  'admission.contact': {
    mainField: 'person',
    fields: { person: 'Người nhận hồ sơ', phone: 'Điện thoại', address: 'Địa điểm nhận hồ sơ', hours: 'Thời gian làm việc' },
  },
};

export const SYSTEM_FIELD_LABELS: Record<string, string> = COMMON;
