import { REVIEW_STATES } from '@portal/common/review-states';
import { beforeAll, describe, expect, it } from 'vitest';
import { AdminSession } from '../helpers/admin.ts';
import { api } from '../helpers/cms.ts';
import { createDraft, uploadPhoto } from '../helpers/fixtures.ts';
import { testStack } from '../helpers/test-stack.ts';
import { waitFor } from '../helpers/wait.ts';

const ARTICLE = 'api::article.article';
const DIRECTIVE = 'api::directive.directive';
const CM = (uid: string) => `/content-manager/collection-types/${uid}`;

interface Version {
  version: number;
  at: string;
  actorName: string;
  action: string;
  stateCode: string | null;
  reviewStateLabel: string;
  published: boolean;
  title: string;
}
interface Segment {
  kind: 'same' | 'removed' | 'added';
  text: string;
}
interface Comparison {
  older: Version | null;
  newer: Version;
  fields: { field: string; label: string; changed: boolean; before: Segment[]; after: Segment[] }[];
}

let teacher: AdminSession;
let leader: AdminSession;
let it_: AdminSession;
let admin: AdminSession;
let coverId: number;

const versions = async (session: AdminSession, documentId: string, uid = ARTICLE) =>
  session.request<{ data?: Version[]; error?: { message: string } }>('GET', `/workflow/versions/${uid}/${documentId}`);
const compare = async (session: AdminSession, documentId: string, version: number, against?: number) =>
  session.request<{ data?: Comparison; error?: { message: string } }>(
    'GET',
    `/workflow/versions/${ARTICLE}/${documentId}/${version}${against ? `?against=${against}` : ''}`,
  );
const restore = (session: AdminSession, documentId: string, version: number, uid = ARTICLE) =>
  session.request<{ data?: { restored: number }; error?: { message: string } }>('POST', `/workflow/versions/${uid}/${documentId}/${version}/restore`, {});
const draftOf = async (documentId: string) =>
  (await leader.request<{ data: { title: string; reviewState: string } }>('GET', `${CM(ARTICLE)}/${documentId}`)).body.data;
const update = (session: AdminSession, documentId: string, data: Record<string, unknown>, uid = ARTICLE) =>
  session.request('PUT', `${CM(uid)}/${documentId}`, data);
const publish = (session: AdminSession, documentId: string, uid = ARTICLE) => session.request('POST', `${CM(uid)}/${documentId}/actions/publish`, {});
const publicTitle = async (documentId: string) => {
  const { status, body } = await api<{ data?: { title: string } }>(`/api/articles/${documentId}`);
  return status === 200 ? (body.data?.title ?? null) : null;
};
const page = async (path: string) => (await fetch(`${testStack().siteUrl}${path}`, { signal: AbortSignal.timeout(15_000) })).text();
const words = (segments: Segment[], kind: Segment['kind']) =>
  segments
    .filter((s) => s.kind === kind)
    .map((s) => s.text)
    .join('');

beforeAll(async () => {
  teacher = await AdminSession.login('giaovien@mnhiephoa.test');
  leader = await AdminSession.login('hieutruong@mnhiephoa.test');
  it_ = await AdminSession.login('cntt@mnhiephoa.test');
  admin = await AdminSession.login('admin@mnhiephoa.test');
  coverId = (await uploadPhoto(teacher, { name: 'anh-lich-su.png', alt: 'Ảnh thử lịch sử phiên bản', color: '#8e44ad' })).id;
});

describe('the history of a teacher’s article', () => {
  let documentId: string;

  beforeAll(async () => {
    documentId = (await createDraft(teacher, coverId, { title: 'Bé vui hội chợ quê hương', summary: 'Các bé tham gia hội chợ.' })).documentId;
    expect((await update(teacher, documentId, { title: 'Bé vui ngày hội quê hương' })).status).toBe(200);
    // The admin saves the form before a review step, often unchanged: that is not a new version.
    expect((await update(teacher, documentId, { title: 'Bé vui ngày hội quê hương' })).status).toBe(200);
    expect((await update(teacher, documentId, { reviewState: REVIEW_STATES.pending })).status).toBe(200);
    expect((await update(leader, documentId, { reviewState: REVIEW_STATES.approved })).status).toBe(200);
    expect((await publish(leader, documentId)).status).toBe(200);
  });

  it('keeps every saved version with who saved it, when, and at which review step', async () => {
    const { status, body } = await versions(leader, documentId);
    expect(status).toBe(200);
    const list = body.data ?? [];
    expect(list.map((v) => [v.version, v.action, v.actorName, v.stateCode, v.published])).toEqual([
      [5, 'Đăng', 'Phạm Thị Thanh Vân', REVIEW_STATES.approved, true],
      [4, 'Duyệt', 'Phạm Thị Thanh Vân', REVIEW_STATES.approved, false],
      [3, 'Gửi duyệt', 'Nguyễn Thị Thu Hà', REVIEW_STATES.pending, false],
      [2, 'Sửa', 'Nguyễn Thị Thu Hà', REVIEW_STATES.draft, false],
      [1, 'Tạo bản nháp', 'Nguyễn Thị Thu Hà', REVIEW_STATES.draft, false],
    ]);
    expect(list[2]?.reviewStateLabel).toBe('Chờ duyệt');
    for (const v of list) expect(Date.now() - Date.parse(v.at)).toBeLessThan(10 * 60_000);
  });

  it('compares a version with the one before it, field by field, marking removed and added words', async () => {
    const { status, body } = await compare(leader, documentId, 2);
    expect(status).toBe(200);
    const diff = body.data as Comparison;
    expect(diff.older?.version).toBe(1);
    const title = diff.fields.find((f) => f.field === 'title');
    expect(title).toMatchObject({ label: 'Tiêu đề', changed: true });
    expect(words(title?.before ?? [], 'removed')).toContain('chợ');
    expect(words(title?.after ?? [], 'added')).toContain('ngày');
    expect(diff.fields.find((f) => f.field === 'summary')).toMatchObject({ label: 'Tóm tắt', changed: false });
    expect(
      diff.fields
        .find((f) => f.field === 'cover')
        ?.after.map((s) => s.text)
        .join(''),
    ).toBe('anh-lich-su.png');
    // Any two versions, in either order; an unknown one is a clear 404.
    expect((await compare(leader, documentId, 5, 1)).body.data?.fields.find((f) => f.field === 'title')?.changed).toBe(true);
    const missing = await compare(leader, documentId, 99);
    expect(missing.status).toBe(404);
    expect(missing.body.error?.message).toBe('Không có phiên bản này.');
  });

  it('restores an earlier version as a new draft that must be reviewed again, while the published one stays online', async () => {
    expect((await update(leader, documentId, { title: 'Ngày hội quê hương của bé' })).status).toBe(200);
    expect((await publish(leader, documentId)).status).toBe(200);
    expect(await publicTitle(documentId)).toBe('Ngày hội quê hương của bé');

    const answer = await restore(teacher, documentId, 1);
    expect(answer.status).toBe(201);
    const draft = await draftOf(documentId);
    expect(draft.title).toBe('Bé vui hội chợ quê hương');
    expect(draft.reviewState).toBe(REVIEW_STATES.draft);
    expect(await publicTitle(documentId)).toBe('Ngày hội quê hương của bé');

    const [latest] = (await versions(leader, documentId)).body.data ?? [];
    expect(latest).toMatchObject({ action: 'Khôi phục phiên bản 1', actorName: 'Nguyễn Thị Thu Hà', stateCode: REVIEW_STATES.draft, published: false });
    const audit = await leader.request<{ data: { action: string }[] }>('GET', `/workflow/history/${ARTICLE}/${documentId}`);
    expect(audit.body.data.map((entry) => entry.action)).toContain('Khôi phục phiên bản 1');
    // Restored, it is a draft like any other: the teacher cannot publish it, the review starts again.
    expect((await publish(teacher, documentId)).status).toBe(403);
    expect(await publicTitle(documentId)).toBe('Ngày hội quê hương của bé');
  });
});

describe('who may read and restore versions', () => {
  let leadersOwn: string;

  beforeAll(async () => {
    leadersOwn = (await createDraft(leader, coverId, { title: 'Kế hoạch tháng của Ban giám hiệu' })).documentId;
    expect((await update(leader, leadersOwn, { title: 'Kế hoạch tháng Mười hai của Ban giám hiệu' })).status).toBe(200);
  });

  it('refuses a teacher the versions of an item she may not read, and refuses her and the Tổ CNTT a restore', async () => {
    expect((await versions(teacher, leadersOwn)).status).toBe(403);
    expect((await compare(teacher, leadersOwn, 1)).status).toBe(403);
    expect((await restore(teacher, leadersOwn, 1)).status).toBe(403);
    const byIt = await restore(it_, leadersOwn, 1);
    expect(byIt.status).toBe(403);
    expect(byIt.body.error?.message).toBe('Bạn chỉ được khôi phục phiên bản của nội dung do chính mình viết.');
    expect((await leader.request<{ data: { title: string } }>('GET', `${CM(ARTICLE)}/${leadersOwn}`)).body.data.title).toBe(
      'Kế hoạch tháng Mười hai của Ban giám hiệu',
    );
    // The Tổ CNTT reads them (it answers for the portal), as it reads the audit log.
    expect((await versions(it_, leadersOwn)).body.data?.length).toBe(2);
  });

  it('lets no account write a version: not through the content manager, not through a public API', async () => {
    const forged = await admin.request<{ error?: { message: string } }>('POST', `${CM('api::revision.revision')}`, {
      contentType: ARTICLE,
      targetDocumentId: leadersOwn,
      version: 3,
      at: new Date().toISOString(),
      actorName: 'Giả mạo',
      action: 'Sửa',
      snapshot: { title: 'Giả' },
    });
    expect(forged.status).toBeGreaterThanOrEqual(400);
    expect((await versions(leader, leadersOwn)).body.data?.map((v) => v.actorName)).not.toContain('Giả mạo');
    expect((await api('/api/revisions')).status).toBe(404);
  });
});

describe('what the public page says about updates', () => {
  it('shows when a directive was last updated and the change note the Ban giám hiệu wrote', async () => {
    const found = await leader.request<{ results: { documentId: string; slug: string; number: string }[] }>(
      'GET',
      `${CM(DIRECTIVE)}?filters[number][$eq]=${encodeURIComponent('112/TB-MNHH')}`,
    );
    const directive = found.body.results[0];
    if (!directive) throw new Error('seeded directive 112/TB-MNHH not found');
    const note = 'Sửa lại giờ họp phụ huynh từ 7 giờ 30 thành 8 giờ.';
    expect((await update(leader, directive.documentId, { changeNote: note }, DIRECTIVE)).status).toBe(200);
    expect((await publish(leader, directive.documentId, DIRECTIVE)).status).toBe(200);
    await waitFor(async () => (await page(`/van-ban/${directive.slug}`)).includes(note), 'the directive page shows the change note');
    const html = await page(`/van-ban/${directive.slug}`);
    // Seeded minutes ago and published again now: an update, with its time.
    expect(html).toMatch(/<dt>Cập nhật lần cuối<\/dt>\s*<dd><time datetime="[^"]+">\d{2}:\d{2} ngày \d{2}\/\d{2}\/\d{4}<\/time>/);
    // The first publication is kept by the server: a client cannot move it.
    const published = await api<{ data: { firstPublishedAt: string; publishedAt: string }[] }>(
      `/api/directives?filters[documentId][$eq]=${directive.documentId}`,
    );
    const dates = published.body.data?.[0];
    expect(Date.parse(dates?.publishedAt ?? '') - Date.parse(dates?.firstPublishedAt ?? '')).toBeGreaterThan(5_000);
    expect((await update(leader, directive.documentId, { firstPublishedAt: '2020-01-01T00:00:00.000Z' }, DIRECTIVE)).status).toBe(200);
    const draft = await leader.request<{ data: { firstPublishedAt: string } }>('GET', `${CM(DIRECTIVE)}/${directive.documentId}`);
    expect(draft.body.data.firstPublishedAt).toBe(dates?.firstPublishedAt);
  });

  it('shows no "last updated" on an article published once', async () => {
    const { documentId } = await createDraft(leader, coverId, { title: 'Tin đăng một lần duy nhất' });
    expect((await publish(leader, documentId)).status).toBe(200);
    const slug = (await api<{ data: { slug: string } }>(`/api/articles/${documentId}`)).body.data?.slug;
    await waitFor(async () => (await page(`/tin-tuc/${slug}`)).includes('Tin đăng một lần duy nhất'), 'the article page is online');
    const html = await page(`/tin-tuc/${slug}`);
    expect(html).toContain('Đăng ngày');
    expect(html).not.toContain('Cập nhật lần cuối');
  });
});
