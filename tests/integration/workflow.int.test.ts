import { REVIEW_STATES } from '@portal/common/review-states';
import { beforeAll, describe, expect, it } from 'vitest';
import { AdminSession } from '../helpers/admin.ts';
import { api } from '../helpers/cms.ts';
import { createDraft, uploadPhoto } from '../helpers/fixtures.ts';
import { readMailbox, startSmtpSink, waitForMail } from '../helpers/mailbox.ts';
import { testStack } from '../helpers/test-stack.ts';

const ARTICLE = 'api::article.article';
const CM = `/content-manager/collection-types/${ARTICLE}`;
let teacher: AdminSession;
let leader: AdminSession;
let it_: AdminSession;
let admin: AdminSession;
let teacherId: number;

interface Doc {
  documentId: string;
  title: string;
  reviewState: string;
  reviewNote: string | null;
}
type Answer = { data?: Doc; error?: { message: string } };

const update = (session: AdminSession, documentId: string, data: Record<string, unknown>) => session.request<Answer>('PUT', `${CM}/${documentId}`, data);
const publish = (session: AdminSession, documentId: string) => session.request<Answer>('POST', `${CM}/${documentId}/actions/publish`, {});
const draftOf = async (documentId: string) => (await leader.request<Answer>('GET', `${CM}/${documentId}`)).body.data!;
const publicTitle = async (documentId: string) => {
  const { status, body } = await api<{ data?: { title: string } }>(`/api/articles/${documentId}`);
  return status === 200 ? body.data!.title : null;
};
const history = async (documentId: string) =>
  (
    await leader.request<{ data: { action: string; fromState: string | null; toState: string | null; note: string | null; actorName: string }[] }>(
      'GET',
      `/workflow/history/${ARTICLE}/${documentId}`,
    )
  ).body.data;

let coverId: number;

async function newDraft(session: AdminSession, title: string): Promise<Doc> {
  return (await createDraft(session, coverId, { title, summary: `Tóm tắt của ${title}`, text: 'Nội dung.' })) as unknown as Doc;
}

beforeAll(async () => {
  teacher = await AdminSession.login('giaovien@mnhiephoa.test');
  leader = await AdminSession.login('hieutruong@mnhiephoa.test');
  it_ = await AdminSession.login('cntt@mnhiephoa.test');
  admin = await AdminSession.login('admin@mnhiephoa.test');
  teacherId = (await teacher.request<{ data: { id: number } }>('GET', '/admin/users/me')).body.data.id;
  coverId = (await uploadPhoto(teacher, { name: 'anh-bia-thu.png', alt: 'Ảnh bìa màu xanh dùng để thử', color: '#2e86c1' })).id;
});

describe('a teacher writes, the Ban giám hiệu decides', () => {
  let doc: Doc;

  beforeAll(async () => {
    doc = await newDraft(teacher, 'Bé vui hội chợ quê hương');
  });

  it('starts every new item as Nháp', () => {
    expect(doc.reviewState).toBe(REVIEW_STATES.draft);
  });

  it('refuses to let the teacher publish, approve, unpublish or delete, in Vietnamese, changing nothing', async () => {
    const attempts = [
      await publish(teacher, doc.documentId),
      await update(teacher, doc.documentId, { reviewState: REVIEW_STATES.approved }),
      await teacher.request<Answer>('DELETE', `${CM}/${doc.documentId}`),
    ];
    for (const attempt of attempts) expect(attempt.status).toBe(403);
    expect(attempts[0]!.body.error?.message).toBe('Bạn không có quyền thực hiện thao tác này.');
    expect(attempts[1]!.body.error?.message).toContain('Chỉ Ban giám hiệu');
    expect(await publicTitle(doc.documentId)).toBeNull();
    expect((await draftOf(doc.documentId)).reviewState).toBe(REVIEW_STATES.draft);
  });

  it('tells the Ban giám hiệu by e-mail when the teacher submits', async () => {
    const submitted = await update(teacher, doc.documentId, { reviewState: REVIEW_STATES.pending, reviewNote: 'Nhờ cô xem giúp ạ' });
    expect(submitted.status, JSON.stringify(submitted.body)).toBe(200);
    expect(submitted.body.data?.reviewState).toBe(REVIEW_STATES.pending);
    const mail = await waitForMail(testStack().mailDir, (m) => m.subject.includes(doc.title) && m.subject.startsWith('[Chờ duyệt]'));
    expect(mail.to).toEqual(['hieutruong@mnhiephoa.test']);
    expect(mail.subject).toBe(`[Chờ duyệt] Tin tức – Sự kiện: ${doc.title}`);
    expect(mail.text).toContain('Kính gửi Ban giám hiệu');
    expect(mail.text).toContain('vừa gửi duyệt');
    expect(mail.text).toContain(`/admin/content-manager/collection-types/${ARTICLE}/${doc.documentId}`);
  });

  it('does not publish what has not been approved, even for the Ban giám hiệu', async () => {
    const { status, body } = await publish(leader, doc.documentId);
    expect(status).toBe(400);
    expect(body.error?.message).toContain('Cần được Ban giám hiệu duyệt trước khi đăng');
    expect(await publicTitle(doc.documentId)).toBeNull();
  });

  it('requires a note to request changes, and sends that note to the author', async () => {
    const without = await update(leader, doc.documentId, { reviewState: REVIEW_STATES.changesRequested });
    expect(without.status).toBe(400);
    expect(without.body.error?.message).toContain('Cần ghi rõ lý do');
    expect((await draftOf(doc.documentId)).reviewState).toBe(REVIEW_STATES.pending);

    const note = 'Thêm tên lớp và ngày tổ chức vào đoạn đầu.';
    const returned = await update(leader, doc.documentId, { reviewState: REVIEW_STATES.changesRequested, reviewNote: note });
    expect(returned.status).toBe(200);
    expect(returned.body.data?.reviewNote).toBe(note);
    const mail = await waitForMail(testStack().mailDir, (m) => m.subject === `[Cần chỉnh sửa] Tin tức – Sự kiện: ${doc.title}`);
    expect(mail.to).toEqual(['giaovien@mnhiephoa.test']);
    expect(mail.text).toContain(note);
  });

  it('lets the author fix and resubmit, then the Ban giám hiệu approves and publishes', async () => {
    expect((await update(teacher, doc.documentId, { title: 'Bé vui hội chợ quê hương lớp A1' })).status).toBe(200);
    expect((await update(teacher, doc.documentId, { reviewState: REVIEW_STATES.pending })).status).toBe(200);
    expect((await update(leader, doc.documentId, { reviewState: REVIEW_STATES.approved })).status).toBe(200);
    const published = await publish(leader, doc.documentId);
    expect(published.status, JSON.stringify(published.body)).toBe(200);
    expect(await publicTitle(doc.documentId)).toBe('Bé vui hội chợ quê hương lớp A1');
    const mail = await waitForMail(testStack().mailDir, (m) => m.subject === '[Đã đăng] Tin tức – Sự kiện: Bé vui hội chợ quê hương lớp A1');
    expect(mail.to).toEqual(['giaovien@mnhiephoa.test']);
  });

  it('keeps the published version online while a teacher edit waits for a new review', async () => {
    const edited = await update(teacher, doc.documentId, { title: 'Tiêu đề sửa sau khi đăng' });
    expect(edited.status).toBe(200);
    expect(edited.body.data?.reviewState).toBe(REVIEW_STATES.draft);
    expect(await publicTitle(doc.documentId)).toBe('Bé vui hội chợ quê hương lớp A1');
  });

  it('records every step in the audit log with who, from, to and the note', async () => {
    const entries = await history(doc.documentId);
    const steps = entries.map((e) => `${e.action}:${e.fromState ?? ''}>${e.toState ?? ''}`);
    expect(steps).toEqual([
      'Tạo bản nháp:>Nháp',
      'Gửi duyệt:Nháp>Chờ duyệt',
      'Yêu cầu chỉnh sửa:Chờ duyệt>Cần chỉnh sửa',
      'Sửa:Cần chỉnh sửa>',
      'Gửi duyệt:Cần chỉnh sửa>Chờ duyệt',
      'Duyệt:Chờ duyệt>Đã duyệt',
      'Đăng:Đã duyệt>Đã đăng',
      'Sửa:Đã duyệt>Nháp',
    ]);
    expect(entries[2]!.note).toBe('Thêm tên lớp và ngày tổ chức vào đoạn đầu.');
    expect(entries[2]!.actorName).toContain('Phạm Thị');
  });

  it('requires a note to reject', async () => {
    const other = await newDraft(teacher, 'Bài sẽ không được duyệt');
    await update(teacher, other.documentId, { reviewState: REVIEW_STATES.pending });
    expect((await update(leader, other.documentId, { reviewState: REVIEW_STATES.rejected })).status).toBe(400);
    const rejected = await update(leader, other.documentId, { reviewState: REVIEW_STATES.rejected, reviewNote: 'Trùng nội dung với bài đã đăng.' });
    expect(rejected.status).toBe(200);
    await waitForMail(testStack().mailDir, (m) => m.subject === '[Không được duyệt] Tin tức – Sự kiện: Bài sẽ không được duyệt');
  });

  it('still understands a state sent as the Vietnamese word stored before the codes', async () => {
    const old = await newDraft(teacher, 'Bài gửi theo cách cũ');
    expect((await update(teacher, old.documentId, { reviewState: 'Chờ duyệt' })).status).toBe(200);
    expect((await draftOf(old.documentId)).reviewState).toBe(REVIEW_STATES.pending);
    expect((await update(leader, old.documentId, { reviewState: 'Không duyệt', reviewNote: 'Thử cách cũ.' })).status).toBe(200);
    expect((await draftOf(old.documentId)).reviewState).toBe(REVIEW_STATES.rejected);
  });
});

describe('server-side enforcement on every path', () => {
  it('does not let a teacher edit someone else’s item', async () => {
    const mine = await newDraft(leader, 'Bài của Ban giám hiệu');
    const attempt = await update(teacher, mine.documentId, { title: 'Bị sửa trộm' });
    expect(attempt.status).toBe(403);
    expect((await draftOf(mine.documentId)).title).toBe('Bài của Ban giám hiệu');
  });

  it('publishes leadership’s own work as self-approved', async () => {
    const own = await newDraft(leader, 'Thông báo của Hiệu trưởng');
    const published = await publish(leader, own.documentId);
    expect(published.status, JSON.stringify(published.body)).toBe(200);
    expect(await publicTitle(own.documentId)).toBe('Thông báo của Hiệu trưởng');
    expect((await history(own.documentId)).map((e) => e.action)).toContain('Đăng (tự duyệt)');
  });

  it('does not bulk-publish an unapproved item', async () => {
    const pending = await newDraft(teacher, 'Bài chờ đăng hàng loạt');
    const { status } = await leader.request('POST', `${CM}/actions/bulkPublish`, { documentIds: [pending.documentId] });
    expect(status).toBeGreaterThanOrEqual(400);
    expect(await publicTitle(pending.documentId)).toBeNull();
  });

  it('gives a full-access REST token no way around the review', async () => {
    const created = await admin.request<{ data: { accessKey: string } }>('POST', '/admin/api-tokens', {
      name: `Thử toàn quyền ${Date.now()}`,
      type: 'full-access',
      lifespan: null,
      kind: 'content-api',
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const token = created.body.data.accessKey;
    // REST creates and updates publish by default; that is the review's back door, so it is shut.
    const direct = await api<Answer>('/api/articles', { token, method: 'POST', body: { data: { title: 'Đăng thẳng qua API', summary: 'x' } } });
    expect(direct.status).toBe(403);
    expect(direct.body.error?.message).toContain('không thể đăng ngay');
    const asDraft = await api('/api/articles?status=draft', { token, method: 'POST', body: { data: { title: 'Bản nháp qua API', summary: 'x' } } });
    expect(asDraft.status).toBe(400);
    const { body: list } = await api<{ data: { documentId: string; title: string }[] }>('/api/articles?pagination[pageSize]=1');
    const target = list.data[0]!;
    const edit = await api<Answer>(`/api/articles/${target.documentId}`, { token, method: 'PUT', body: { data: { title: 'Sửa thẳng qua API' } } });
    expect(edit.status).toBe(403);
    expect((await api(`/api/articles/${target.documentId}`, { token, method: 'DELETE' })).status).toBe(403);
    expect(await publicTitle(target.documentId)).toBe(target.title);
    expect((await api<{ data: unknown[] }>('/api/articles?filters[title][$eq]=Đăng thẳng qua API', { token })).body.data).toEqual([]);
  });
});

describe('the audit log', () => {
  it('cannot be written, changed or deleted by anyone, not even the super admin', async () => {
    const AUDIT = '/content-manager/collection-types/api::audit-entry.audit-entry';
    const list = await admin.request<{ results: { documentId: string; action: string }[] }>('GET', `${AUDIT}?page=1&pageSize=1`);
    const entry = list.body.results[0]!;
    const attempts = [
      await admin.request('POST', AUDIT, { actorName: 'Giả mạo', at: new Date().toISOString(), contentType: 'x', action: 'Giả mạo' }),
      await admin.request('PUT', `${AUDIT}/${entry.documentId}`, { action: 'Đã sửa' }),
      await admin.request('DELETE', `${AUDIT}/${entry.documentId}`),
    ];
    for (const attempt of attempts) expect(attempt.status).toBeGreaterThanOrEqual(400);
    const after = await admin.request<{ data: { action: string } }>('GET', `${AUDIT}/${entry.documentId}`);
    expect(after.body.data.action).toBe(entry.action);
  });

  it('shows a teacher only the entries about her own items', async () => {
    const { status, body } = await teacher.request<{ results: { targetAuthorId: number | null }[] }>(
      'GET',
      '/content-manager/collection-types/api::audit-entry.audit-entry?page=1&pageSize=100',
    );
    expect(status).toBe(200);
    expect(body.results.length).toBeGreaterThan(0);
    expect(body.results.every((e) => e.targetAuthorId === teacherId)).toBe(true);
  });

  it('records a role change made by a person', async () => {
    const roles = await admin.request<{ data: { id: number; code: string; name: string; description: string }[] }>('GET', '/admin/roles');
    const it = roles.body.data.find((role) => role.code === 'to-cntt')!;
    expect((await admin.request('PUT', `/admin/roles/${it.id}`, { name: it.name, description: `${it.description} (tạm)` })).status).toBe(200);
    // Put it back: roles are defined in code, and the next start would restore it anyway.
    expect((await admin.request('PUT', `/admin/roles/${it.id}`, { name: it.name, description: it.description })).status).toBe(200);
    const log = await admin.request<{ results: { action: string; targetTitle: string }[] }>(
      'GET',
      '/content-manager/collection-types/api::audit-entry.audit-entry?page=1&pageSize=5&sort=id:DESC',
    );
    expect(log.body.results.some((e) => e.action === 'Sửa vai trò' && e.targetTitle === 'Tổ CNTT')).toBe(true);
  });
});

describe('submissions (Art. 16)', () => {
  const SUB = '/content-manager/collection-types/api::submission.submission';

  it('sends an incident report to the Tổ CNTT, who can handle it', async () => {
    const created = await teacher.request<{ data: { documentId: string; handlingStatus: string } }>('POST', SUB, {
      kind: 'Báo sự cố',
      title: 'Máy tính phòng họp không vào được mạng',
      message: 'Từ sáng nay máy tính phòng họp không truy cập được Internet.',
      handlingStatus: 'Đã xử lý',
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body.data.handlingStatus).toBe('Mới');
    const mail = await waitForMail(testStack().mailDir, (m) => m.subject === '[Báo sự cố] Máy tính phòng họp không vào được mạng');
    expect(mail.to).toEqual(['cntt@mnhiephoa.test']);
    expect(mail.text).toContain('Kính gửi Tổ CNTT');

    const id = created.body.data.documentId;
    expect((await it_.request('PUT', `${SUB}/${id}`, { handlingStatus: 'Không xử lý' })).status).toBe(400);
    const handled = await it_.request<{ data: { handlingStatus: string } }>('PUT', `${SUB}/${id}`, {
      handlingStatus: 'Đang xử lý',
      handlerNote: 'Đang kiểm tra bộ định tuyến.',
    });
    expect(handled.status).toBe(200);
    expect(handled.body.data.handlingStatus).toBe('Đang xử lý');
  });

  it('keeps information submissions out of the Tổ CNTT’s reach, and the BGH turns one into an article draft', async () => {
    const created = await teacher.request<{ data: { documentId: string } }>('POST', SUB, {
      kind: 'Thông tin – tin bài',
      title: 'Lớp A2 trồng rau sạch',
      message: 'Sáng thứ Năm, các bé lớp A2 cùng cô trồng rau cải trong vườn trường.\nCác bé rất hào hứng.',
    });
    const id = created.body.data.documentId;
    await waitForMail(testStack().mailDir, (m) => m.subject === '[Thông tin – tin bài] Lớp A2 trồng rau sạch' && m.to.includes('hieutruong@mnhiephoa.test'));
    expect([403, 404]).toContain((await it_.request('GET', `${SUB}/${id}`)).status);
    expect((await teacher.request('POST', `/workflow/submissions/${id}/to-article`)).status).toBe(403);

    const converted = await leader.request<{ data: { documentId: string } }>('POST', `/workflow/submissions/${id}/to-article`);
    expect(converted.status, JSON.stringify(converted.body)).toBe(201);
    const article = await draftOf(converted.body.data.documentId);
    expect(article.title).toBe('Lớp A2 trồng rau sạch');
    expect(article.reviewState).toBe(REVIEW_STATES.draft);
    const submission = await leader.request<{ data: { handlingStatus: string; article: unknown } }>('GET', `${SUB}/${id}?populate=article`);
    expect(submission.body.data.handlingStatus).toBe('Đang xử lý');
    expect((await leader.request('POST', `/workflow/submissions/${id}/to-article`)).status).toBe(400);
  });
});

describe('e-mail never blocks a workflow step', () => {
  it('completes the step while the mail server is down, and delivers once it is back', async () => {
    const stack = testStack();
    process.kill(-stack.smtpPid, 'SIGKILL');
    const doc = await newDraft(teacher, 'Bài gửi khi máy chủ thư ngừng');
    const started = Date.now();
    const submitted = await update(teacher, doc.documentId, { reviewState: REVIEW_STATES.pending });
    expect(submitted.status).toBe(200);
    expect(Date.now() - started).toBeLessThan(2_000);
    expect((await readMailbox(stack.mailDir)).some((m) => m.subject.includes('Bài gửi khi máy chủ thư ngừng'))).toBe(false);
    // The restarted server keeps serving later tests; the test stack stops it at the end.
    await startSmtpSink(stack.smtpPort, stack.mailDir);
    const mail = await waitForMail(stack.mailDir, (m) => m.subject === '[Chờ duyệt] Tin tức – Sự kiện: Bài gửi khi máy chủ thư ngừng', 30_000);
    expect(mail.to).toEqual(['hieutruong@mnhiephoa.test']);
  });
});

describe('the admin home lists', () => {
  it('shows the Ban giám hiệu what waits for review, oldest first, and refuses the queue to staff', async () => {
    const first = await newDraft(teacher, 'Chờ duyệt thứ nhất');
    const second = await newDraft(teacher, 'Chờ duyệt thứ hai');
    await update(teacher, first.documentId, { reviewState: REVIEW_STATES.pending });
    await update(teacher, second.documentId, { reviewState: REVIEW_STATES.pending });
    const { status, body } = await leader.request<{ data: { documentId: string; reviewState: string; author: string | null }[] }>('GET', '/workflow/queue');
    expect(status).toBe(200);
    expect(body.data.every((item) => item.reviewState === REVIEW_STATES.pending)).toBe(true);
    const order = body.data.map((item) => item.documentId);
    expect(order.indexOf(first.documentId)).toBeGreaterThanOrEqual(0);
    expect(order.indexOf(first.documentId)).toBeLessThan(order.indexOf(second.documentId));
    expect(body.data.find((item) => item.documentId === first.documentId)?.author).toContain('Nguyễn Thị');
    expect((await teacher.request('GET', '/workflow/queue')).status).toBe(403);
  });

  it('shows an author her own items with their states and the reviewer’s note', async () => {
    const { status, body } = await teacher.request<{ data: { documentId: string; title: string; reviewState: string; reviewNote: string | null }[] }>(
      'GET',
      '/workflow/mine',
    );
    expect(status).toBe(200);
    expect(body.data.length).toBeGreaterThan(0);
    expect(body.data.some((item) => item.reviewState === REVIEW_STATES.rejected && item.reviewNote === 'Trùng nội dung với bài đã đăng.')).toBe(true);
    expect(body.data.some((item) => item.title === 'Bài của Ban giám hiệu')).toBe(false);
  });

  it('lets the Tổ CNTT read the whole audit log', async () => {
    const { status, body } = await it_.request<{ results: { targetAuthorId: number | null }[]; pagination: { total: number } }>(
      'GET',
      '/content-manager/collection-types/api::audit-entry.audit-entry?page=1&pageSize=100',
    );
    expect(status).toBe(200);
    expect(body.results.some((entry) => entry.targetAuthorId !== teacherId)).toBe(true);
  });
});
