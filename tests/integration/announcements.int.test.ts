import { REVIEW_STATES } from '@portal/common/review-states';
import { beforeAll, describe, expect, it } from 'vitest';
import { AdminSession } from '../helpers/admin.ts';
import { api } from '../helpers/cms.ts';
import { testStack } from '../helpers/test-stack.ts';
import { waitFor } from '../helpers/wait.ts';

const ANNOUNCEMENT = 'api::announcement.announcement';
const CM = `/content-manager/collection-types/${ANNOUNCEMENT}`;

interface Doc {
  documentId: string;
  title: string;
  slug: string;
  reviewState: string;
}
type Answer = { data?: Doc; error?: { message: string } };

let teacher: AdminSession;
let leader: AdminSession;
let it_: AdminSession;

const site = async (path: string): Promise<{ status: number; text: string }> => {
  const response = await fetch(`${testStack().siteUrl}${path}`, { signal: AbortSignal.timeout(15_000) });
  return { status: response.status, text: await response.text() };
};
const update = (session: AdminSession, documentId: string, data: Record<string, unknown>) => session.request<Answer>('PUT', `${CM}/${documentId}`, data);
const publish = (session: AdminSession, documentId: string) => session.request<Answer>('POST', `${CM}/${documentId}/actions/publish`, {});
const paragraph = (text: string) => [{ type: 'paragraph', children: [{ type: 'text', text }] }];

beforeAll(async () => {
  teacher = await AdminSession.login('giaovien@mnhiephoa.test');
  leader = await AdminSession.login('hieutruong@mnhiephoa.test');
  it_ = await AdminSession.login('cntt@mnhiephoa.test');
});

describe('the seeded announcements', () => {
  it('are listed on /thong-bao, the pinned one first, each with its kind and date', async () => {
    const { status, text } = await site('/thong-bao');
    expect(status).toBe(200);
    const titles = [...text.matchAll(/<h2 class="announcement-list__title[^"]*"[^>]*><a href="\/thong-bao\/[^"]+"[^>]*>([^<]+)<\/a>/g)].map((m) => m[1]);
    expect(titles[0]).toBe('Thông báo lịch nghỉ Tết Dương lịch năm 2027');
    // The others newest first: 30/11 before 25/11 before 23/11 before 18/11.
    expect(titles.slice(1)).toEqual([
      'Khám sức khỏe định kỳ học kỳ I cho trẻ',
      'Ngày hội “Bé với an toàn giao thông”',
      'Tuyển sinh bổ sung trẻ nhà trẻ năm học 2026–2027',
      'Họp cha mẹ trẻ cuối học kỳ I năm học 2026–2027',
    ]);
    expect(text).toContain('Tuyển sinh');
    expect(text).toContain('27/11/2026');
  });

  it('have their own page and feed, and are found by search with a link to that page', async () => {
    const page = await site('/thong-bao/lich-nghi-tet-duong-lich-2027');
    expect(page.status).toBe(200);
    expect(page.text).toContain('Trẻ đi học trở lại bình thường từ Thứ Hai, 04/01/2027.');
    const feed = await site('/thong-bao/rss.xml');
    expect(feed.status).toBe(200);
    expect(feed.text).toContain('<title>Thông báo lịch nghỉ Tết Dương lịch năm 2027</title>');
    expect(feed.text).toMatch(/<link>[^<]+\/thong-bao\/tuyen-sinh-bo-sung-nha-tre-nam-hoc-2026-2027<\/link>/);
    const found = await site(`/tim-kiem?q=${encodeURIComponent('tuyển sinh bổ sung')}`);
    expect(found.text).toContain('href="/thong-bao/tuyen-sinh-bo-sung-nha-tre-nam-hoc-2026-2027"');
    const sitemap = await site('/sitemap.xml');
    expect(sitemap.text).toMatch(/<loc>[^<]+\/thong-bao\/hop-cha-me-tre-cuoi-hoc-ky-i-2026-2027<\/loc>/);
  });
});

describe('an announcement goes through review like an article', () => {
  let doc: Doc;
  const title = 'Thông báo thử: nghỉ học ngày bầu cử';

  beforeAll(async () => {
    const { status, body } = await teacher.createDraft(ANNOUNCEMENT, { title, kind: 'Nghỉ lễ', body: paragraph('Trẻ nghỉ học một ngày.') });
    expect(status, JSON.stringify(body)).toBe(201);
    doc = body.data as unknown as Doc;
  });

  it('starts as a teacher’s Nháp that neither the API nor the site shows', async () => {
    expect(doc.reviewState).toBe(REVIEW_STATES.draft);
    expect(doc.slug).toBe('thong-bao-thu-nghi-hoc-ngay-bau-cu');
    expect((await api(`/api/announcements/${doc.documentId}`)).status).toBe(404);
    expect((await site(`/thong-bao/${doc.slug}`)).status).toBe(404);
  });

  it('cannot be published by the teacher, nor by the Ban giám hiệu before approval', async () => {
    expect((await publish(teacher, doc.documentId)).status).toBe(403);
    expect((await update(teacher, doc.documentId, { reviewState: REVIEW_STATES.pending })).status).toBe(200);
    const early = await publish(leader, doc.documentId);
    expect(early.status).toBe(400);
    expect(early.body.error?.message).toContain('Cần được Ban giám hiệu duyệt trước khi đăng');
    expect((await site(`/thong-bao/${doc.slug}`)).status).toBe(404);
  });

  it('appears on its page, in the list and in search once approved and published', async () => {
    expect((await update(leader, doc.documentId, { reviewState: REVIEW_STATES.approved })).status).toBe(200);
    const published = await publish(leader, doc.documentId);
    expect(published.status, JSON.stringify(published.body)).toBe(200);
    const page = await site(`/thong-bao/${doc.slug}`);
    expect(page.status).toBe(200);
    // No summary was written: the page shows the body once, not twice (the meta description is its words).
    const main = page.text.slice(page.text.indexOf('<main'), page.text.indexOf('</main>'));
    expect(main.split('Trẻ nghỉ học một ngày.').length - 1).toBe(1);
    await waitFor(async () => (await site('/thong-bao')).text.includes(title), 'the list shows the new announcement');
    await waitFor(
      async () => (await site(`/tim-kiem?q=${encodeURIComponent('ngày bầu cử')}`)).text.includes(`href="/thong-bao/${doc.slug}"`),
      'search finds the new announcement',
    );
  });

  it('is not for the Tổ CNTT to write', async () => {
    const { status } = await it_.createDraft(ANNOUNCEMENT, { title: 'Tổ CNTT thử viết thông báo', kind: 'Khác', body: paragraph('Không được.') });
    expect(status).toBe(403);
  });
});
