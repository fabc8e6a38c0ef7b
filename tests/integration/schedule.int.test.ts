import { REVIEW_STATES } from '@portal/common/review-states';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AdminSession } from '../helpers/admin.ts';
import { api } from '../helpers/cms.ts';
import { createDraft, uploadPhoto } from '../helpers/fixtures.ts';
import { readMailbox, waitForMail } from '../helpers/mailbox.ts';
import { OwnCmsWithMailbox } from '../helpers/own-cms.ts';
import { testStack } from '../helpers/test-stack.ts';
import { waitFor } from '../helpers/wait.ts';

const ARTICLE = 'api::article.article';
const SCHEDULE = 'api::publication-schedule.publication-schedule';
const CM = `/content-manager/collection-types/${ARTICLE}`;

interface Answer<T = unknown> {
  data?: T;
  error?: { message: string };
}
interface Step {
  id: number;
  kind: string;
  runAt: string;
  status: string;
}

let teacher: AdminSession;
let leader: AdminSession;
let coverId: number;

const inSeconds = (seconds: number) => new Date(Date.now() + seconds * 1000).toISOString();
const scheduleAs = (session: AdminSession, documentId: string, publishAt: string, unpublishAt?: string) =>
  session.request<Answer<Step[]>>('POST', '/workflow/schedules', { uid: ARTICLE, documentId, publishAt, unpublishAt });
const isPublic = async (documentId: string) => (await api(`/api/articles/${documentId}`)).status === 200;
const actionsOf = async (documentId: string) =>
  (await leader.request<{ data: { action: string }[] }>('GET', `/workflow/history/${ARTICLE}/${documentId}`)).body.data.map((entry) => entry.action);

/** A teacher's article, sent for review. */
async function pendingArticle(title: string): Promise<{ documentId: string; slug: string }> {
  const draft = (await createDraft(teacher, coverId, { title })) as { documentId: string; slug: string };
  const submitted = await teacher.request('PUT', `${CM}/${draft.documentId}`, { reviewState: REVIEW_STATES.pending });
  expect(submitted.status).toBe(200);
  return draft;
}

beforeAll(async () => {
  teacher = await AdminSession.login('giaovien@mnhiephoa.test');
  leader = await AdminSession.login('hieutruong@mnhiephoa.test');
  coverId = (await uploadPhoto(teacher, { name: 'anh-hen-gio.png', alt: 'Ảnh bìa của bài hẹn giờ đăng', color: '#c0392b' })).id;
});

describe('approving with a publish time', () => {
  it('publishes the item at that time, refreshes the site, writes the audit entry and e-mails the author once', async () => {
    const doc = await pendingArticle('Hẹn giờ đăng: bé vẽ tranh mùa thu');
    const publishAt = inSeconds(3);
    const scheduled = await scheduleAs(leader, doc.documentId, publishAt);
    expect(scheduled.status, JSON.stringify(scheduled.body)).toBe(201);
    expect((await leader.request<Answer<{ reviewState: string }>>('GET', `${CM}/${doc.documentId}`)).body.data?.reviewState).toBe(REVIEW_STATES.approved);
    expect(await isPublic(doc.documentId)).toBe(false);

    await waitFor(() => isPublic(doc.documentId), 'bài hẹn giờ được đăng', 30_000, 200);
    expect(Date.now()).toBeGreaterThanOrEqual(Date.parse(publishAt));
    const page = `${testStack().siteUrl}/tin-tuc/${doc.slug}`;
    await waitFor(async () => (await fetch(page)).status === 200, 'trang công khai của bài hẹn giờ', 30_000, 200);
    expect(await (await fetch(page)).text()).toContain('Hẹn giờ đăng: bé vẽ tranh mùa thu');

    const actions = await actionsOf(doc.documentId);
    expect(actions.slice(-3)).toEqual(['Duyệt', 'Hẹn giờ đăng', 'Đăng theo lịch']);
    const subject = '[Đã đăng] Tin tức – Sự kiện: Hẹn giờ đăng: bé vẽ tranh mùa thu';
    const mail = await waitForMail(testStack().mailDir, (m) => m.subject === subject);
    expect(mail.to).toEqual(['giaovien@mnhiephoa.test']);
    expect(mail.text).toContain(`/tin-tuc/${doc.slug}`);
    expect((await readMailbox(testStack().mailDir)).filter((m) => m.subject === subject)).toHaveLength(1);
    const waiting = await leader.request<Answer<Step[]>>('GET', `/workflow/schedules?uid=${ARTICLE}&documentId=${doc.documentId}`);
    expect(waiting.body.data).toEqual([]);
  });

  it('takes the item down again at the unpublish time', async () => {
    const doc = await pendingArticle('Hẹn giờ gỡ: lịch nghỉ Tết Dương lịch');
    const scheduled = await scheduleAs(leader, doc.documentId, inSeconds(3), inSeconds(8));
    expect(scheduled.status, JSON.stringify(scheduled.body)).toBe(201);
    expect(scheduled.body.data?.map((step) => step.kind)).toEqual(['publish', 'unpublish']);
    // On a busy machine both steps may fall in one tick: the audit log, not a glimpse of the page, tells the order.
    await waitFor(async () => (await actionsOf(doc.documentId)).includes('Gỡ đăng theo lịch'), 'bài được đăng rồi gỡ theo lịch', 40_000, 200);
    expect((await actionsOf(doc.documentId)).slice(-2)).toEqual(['Đăng theo lịch', 'Gỡ đăng theo lịch']);
    expect(await isPublic(doc.documentId)).toBe(false);
  });

  it('refuses a time in the past, or a take-down before the publication, in Vietnamese', async () => {
    const doc = await pendingArticle('Hẹn giờ sai: giờ đã qua');
    const past = await scheduleAs(leader, doc.documentId, new Date(Date.now() - 60_000).toISOString());
    expect(past.status).toBe(400);
    expect(past.body.error?.message).toContain('Thời điểm đăng phải ở tương lai');
    const backwards = await scheduleAs(leader, doc.documentId, inSeconds(3600), inSeconds(1800));
    expect(backwards.status).toBe(400);
    expect(backwards.body.error?.message).toBe('Thời điểm gỡ phải sau thời điểm đăng.');
    const garbled = await scheduleAs(leader, doc.documentId, 'thứ Hai tuần sau');
    expect(garbled.status).toBe(400);
    expect(garbled.body.error?.message).toContain('Thời điểm đăng không hợp lệ');
    // Nothing was approved or planned by the refused attempts.
    expect((await leader.request<Answer<{ reviewState: string }>>('GET', `${CM}/${doc.documentId}`)).body.data?.reviewState).toBe(REVIEW_STATES.pending);
  });

  it('lets the Ban giám hiệu cancel a planned publication, once', async () => {
    const doc = await pendingArticle('Hẹn giờ rồi hủy: họp phụ huynh');
    const scheduled = await scheduleAs(leader, doc.documentId, inSeconds(3600));
    const step = scheduled.body.data![0]!;
    const cancelled = await leader.request<Answer<Step>>('DELETE', `/workflow/schedules/${step.id}`);
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.data?.status).toBe('cancelled');
    expect((await leader.request<Answer<Step[]>>('GET', `/workflow/schedules?uid=${ARTICLE}&documentId=${doc.documentId}`)).body.data).toEqual([]);
    const again = await leader.request<Answer>('DELETE', `/workflow/schedules/${step.id}`);
    expect(again.status).toBe(400);
    expect(again.body.error?.message).toBe('Lịch này đã chạy hoặc đã được hủy.');
    expect(await actionsOf(doc.documentId)).toContain('Hủy hẹn giờ đăng');
  });

  it('gives staff, tokens and visitors no way to create, read or change a schedule', async () => {
    const doc = await pendingArticle('Hẹn giờ bởi giáo viên');
    const own = await scheduleAs(teacher, doc.documentId, inSeconds(3600));
    expect(own.status).toBe(403);
    expect(own.body.error?.message).toBe('Chỉ Ban giám hiệu được hẹn giờ đăng.');
    const planned = (await scheduleAs(leader, doc.documentId, inSeconds(3600))).body.data![0]!;
    expect((await teacher.request('GET', '/workflow/schedules')).status).toBe(403);
    expect((await teacher.request('DELETE', `/workflow/schedules/${planned.id}`)).status).toBe(403);
    const viaContentManager = `/content-manager/collection-types/${SCHEDULE}`;
    const row = { targetUid: ARTICLE, targetDocumentId: doc.documentId, kind: 'publish', runAt: inSeconds(10), status: 'waiting' };
    expect((await teacher.request('POST', viaContentManager, row)).status).toBe(403);
    expect((await teacher.request('PUT', `${viaContentManager}/${planned.id}`, { runAt: inSeconds(5) })).status).toBe(403);
    // Even the Super Admin, who holds every content-manager permission, cannot write a step by hand.
    const admin = await AdminSession.login('admin@mnhiephoa.test');
    expect((await admin.request('POST', viaContentManager, row)).status).toBe(403);
    for (const token of [testStack().siteToken, null]) {
      expect([403, 404, 405]).toContain((await api('/api/publication-schedules', { token, method: 'POST', body: { data: row } })).status);
      expect([403, 404]).toContain((await api('/api/publication-schedules', { token })).status);
    }
    const still = await leader.request<Answer<Step[]>>('GET', `/workflow/schedules?uid=${ARTICLE}&documentId=${doc.documentId}`);
    expect(still.body.data?.map((step) => [step.id, step.status])).toEqual([[planned.id, 'waiting']]);
  });
});

describe('a CMS restart', () => {
  // A CMS of its own on a copy of the shared database, so this test can stop it without disturbing others.
  const own = new OwnCmsWithMailbox('portal-schedule-');
  const { cms } = own;

  const call = cms.call.bind(cms);
  const signIn = cms.signIn.bind(cms);
  const published = async (documentId: string) =>
    (await fetch(`${own.url}/api/articles/${documentId}`, { headers: { Authorization: `Bearer ${testStack().siteToken}` } })).status === 200;

  /** The leader's own article, sent for review and approved with a publish time. */
  async function planned(token: string, title: string, seconds: number): Promise<{ documentId: string; publishAt: string }> {
    const created = await call<Answer<{ documentId: string }>>(token, 'POST', CM, {
      title,
      summary: `Tóm tắt: ${title}`,
      body: [{ type: 'paragraph', children: [{ type: 'text', text: 'Nội dung thử.' }] }],
      cover: coverId,
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const documentId = created.body.data!.documentId;
    expect((await call(token, 'PUT', `${CM}/${documentId}`, { reviewState: REVIEW_STATES.pending })).status).toBe(200);
    // Counted from now: creating the draft may take seconds on a busy machine.
    const publishAt = inSeconds(seconds);
    const scheduled = await call(token, 'POST', '/workflow/schedules', { uid: ARTICLE, documentId, publishAt });
    expect(scheduled.status, JSON.stringify(scheduled.body)).toBe(201);
    return { documentId, publishAt };
  }

  beforeAll(() => own.start(), 180_000);
  afterAll(() => own.stop());

  it('publishes a schedule that fell due while the CMS was stopped, exactly once', async () => {
    let token = await signIn('hieutruong@mnhiephoa.test');
    const { documentId, publishAt } = await planned(token, 'Hẹn giờ qua khởi động lại', 4);
    await cms.stop();
    await waitFor(() => Date.now() > Date.parse(publishAt) + 500, 'đến giờ hẹn trong khi CMS dừng', 30_000, 100);

    await cms.start();
    await waitFor(() => published(documentId), 'bài được đăng sau khi CMS khởi động lại', 30_000, 200);
    // A later schedule running proves the timer ticked several times since: none of them repeated the first.
    token = await signIn('hieutruong@mnhiephoa.test');
    const { documentId: witness } = await planned(token, 'Hẹn giờ làm chứng', 3);
    await waitFor(() => published(witness), 'bài làm chứng được đăng', 30_000, 200);
    const history = await call<{ data: { action: string }[] }>(token, 'GET', `/workflow/history/${ARTICLE}/${documentId}`);
    expect(history.body.data.filter((entry) => entry.action === 'Đăng theo lịch')).toHaveLength(1);
    const steps = await call<Answer<Step[]>>(token, 'GET', `/workflow/schedules?uid=${ARTICLE}&documentId=${documentId}`);
    expect(steps.body.data).toEqual([]);
  }, 240_000);
});
