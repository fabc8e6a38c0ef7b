import { vietnamDate } from '@portal/common/vietnam-time';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AdminSession } from '../helpers/admin.ts';
import { api } from '../helpers/cms.ts';
import { testStack } from '../helpers/test-stack.ts';
import { waitFor } from '../helpers/wait.ts';

const UID = 'api::admission.admission';
const CM = `/content-manager/collection-types/${UID}`;
type Answer = { data?: { documentId: string; opensOn?: string; closesOn?: string }; error?: { message: string } };

let leader: AdminSession;
let teacher: AdminSession;

const site = async (path: string): Promise<{ status: number; text: string }> => {
  const response = await fetch(`${testStack().siteUrl}${path}`, { signal: AbortSignal.timeout(15_000) });
  return { status: response.status, text: await response.text() };
};
const publish = (session: AdminSession, documentId: string) => session.request<Answer>('POST', `${CM}/${documentId}/actions/publish`, {});
const unpublish = (session: AdminSession, documentId: string) => session.request<Answer>('POST', `${CM}/${documentId}/actions/unpublish`, {});
const DAY_MS = 24 * 3600 * 1000;
/** The Vietnamese calendar day `offset` days from today, as the CMS stores a date. */
const day = (offset: number) => vietnamDate(Date.now() + offset * DAY_MS);
const shown = (iso: string) => iso.split('-').reverse().join('/');
const plan = (text: string) => [{ type: 'paragraph', children: [{ type: 'text', text }] }];

function season(title: string, opensOn: string, closesOn: string): Record<string, unknown> {
  return {
    schoolYear: '2030-2031',
    title,
    opensOn,
    closesOn,
    plan: plan('Kế hoạch tuyển sinh thử nghiệm.'),
    ageGroups: [{ name: 'Mẫu giáo 3–4 tuổi', bornFrom: 2027, bornTo: 2027, places: 35 }],
    documents: [{ name: 'Bản sao giấy khai sinh' }],
    contact: { person: 'Cô Thử', phone: '0203 3877 299', address: 'Văn phòng nhà trường', hours: 'Giờ hành chính' },
  };
}

async function publishedTitle(documentId: string): Promise<string | null> {
  const { status, body } = await api<{ data?: { title: string } }>(`/api/admissions/${documentId}`);
  return status === 200 ? (body.data?.title ?? null) : null;
}

/** The enrolment block of the home page, or null. */
const homeBlock = (html: string): string | null => /<section class="home-admission"[\s\S]*?<\/section>/.exec(html)?.[0] ?? null;
/** What /tuyen-sinh shows as its season: the article under the page's heading. */
const seasonOnPage = (html: string): string | null => /<article class="admission-season"[\s\S]*?<\/article>/.exec(html)?.[0] ?? null;

beforeAll(async () => {
  leader = await AdminSession.login('hieutruong@mnhiephoa.test');
  teacher = await AdminSession.login('giaovien@mnhiephoa.test');
});

describe('the seeded enrolment seasons', () => {
  it('are both on /tuyen-sinh, with the plan PDF, the fees link to /cong-khai and the phone as a tel: link', async () => {
    const { status, text } = await site('/tuyen-sinh');
    expect(status).toBe(200);
    expect(text).toContain('Tuyển sinh năm học 2027–2028');
    expect(text).toContain('Tuyển sinh bổ sung nhà trẻ năm học 2026–2027');
    const shownSeason = seasonOnPage(text) ?? '';
    expect(shownSeason).toMatch(/href="tel:0203387721[79]"/);
    expect(shownSeason).toContain('href="/cong-khai"');
    expect(shownSeason).toMatch(/Đang nhận hồ sơ|Sắp mở|Đã kết thúc/);
    // The 2027–2028 plan carries its PDF (shown while it is the current season, i.e. outside December 2026).
    const { body } = await api<{ data: { planFile: { mime: string } | null }[] }>(
      `/api/admissions?filters[schoolYear][$eq]=2027-2028&populate[planFile][fields][0]=mime`,
    );
    expect(body.data[0]?.planFile?.mime).toBe('application/pdf');
  });
});

describe('a season on the site', () => {
  const seeded: string[] = [];
  let documentId = '';
  const title = `Tuyển sinh thử ${Date.now()}`;

  beforeAll(async () => {
    // The demo seasons have fixed dates (one may be open today): set aside while these tests own the dates.
    const { body } = await api<{ data: { documentId: string }[] }>('/api/admissions?fields[0]=title');
    for (const { documentId: id } of body.data) {
      expect((await unpublish(leader, id)).status).toBe(200);
      seeded.push(id);
    }
  });

  afterAll(async () => {
    if (documentId) await leader.request('DELETE', `${CM}/${documentId}`);
    for (const id of seeded) expect((await publish(leader, id)).status).toBe(200);
  });

  it('is open from its opening day: "Đang nhận hồ sơ" on /tuyen-sinh and a block near the top of the home page', async () => {
    const created = await leader.createDraft(UID, season(title, day(0), day(10)));
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    documentId = created.body.data!.documentId;
    expect((await publish(leader, documentId)).status).toBe(200);

    await waitFor(async () => seasonOnPage((await site('/tuyen-sinh')).text)?.includes(title) === true, 'mùa tuyển sinh mới trên /tuyen-sinh');
    const page = seasonOnPage((await site('/tuyen-sinh')).text)!;
    expect(page).toContain('Đang nhận hồ sơ');
    expect(page).toContain(`${shown(day(10))}</time>`);
    expect(page).toContain('href="tel:02033877299"');

    await waitFor(async () => homeBlock((await site('/')).text)?.includes(title) === true, 'khối tuyển sinh trên trang chủ');
    const home = (await site('/')).text;
    const block = homeBlock(home)!;
    expect(block).toContain('href="/tuyen-sinh"');
    expect(block).toContain(shown(day(10)));
    // Near the top: before today's menu and the announcements.
    expect(home.indexOf('class="home-admission"')).toBeLessThan(home.indexOf('id="thuc-don-hom-nay"'));
  });

  it('is over the day after its closing day: "Đã kết thúc", and the home page has no enrolment block', async () => {
    expect((await leader.request('PUT', `${CM}/${documentId}`, { opensOn: day(-10), closesOn: day(-1) })).status).toBe(200);
    expect((await publish(leader, documentId)).status).toBe(200);
    await waitFor(async () => seasonOnPage((await site('/tuyen-sinh')).text)?.includes('Đã kết thúc') === true, 'mùa tuyển sinh đã kết thúc');
    await waitFor(async () => homeBlock((await site('/')).text) === null, 'trang chủ không còn khối tuyển sinh');
  });

  it('still closing today is open, and opening tomorrow is "Sắp mở" with no home block', async () => {
    expect((await leader.request('PUT', `${CM}/${documentId}`, { opensOn: day(-10), closesOn: day(0) })).status).toBe(200);
    expect((await publish(leader, documentId)).status).toBe(200);
    await waitFor(async () => homeBlock((await site('/')).text)?.includes(title) === true, 'khối tuyển sinh vẫn còn trong ngày cuối');

    expect((await leader.request('PUT', `${CM}/${documentId}`, { opensOn: day(1), closesOn: day(20) })).status).toBe(200);
    expect((await publish(leader, documentId)).status).toBe(200);
    await waitFor(async () => seasonOnPage((await site('/tuyen-sinh')).text)?.includes('Sắp mở') === true, 'mùa tuyển sinh sắp mở');
    expect(seasonOnPage((await site('/tuyen-sinh')).text)).toContain(shown(day(1)));
    await waitFor(async () => homeBlock((await site('/')).text) === null, 'trang chủ chưa có khối tuyển sinh');
  });

  it('is found by search, with a link to /tuyen-sinh', async () => {
    // A result's own link, not the menu's.
    const results = (html: string) => [...html.matchAll(/<h2 class="search-result__title"[^>]*><a href="([^"]*)"/g)].map((m) => m[1]);
    await waitFor(async () => results((await site(`/tim-kiem?q=${encodeURIComponent(title)}`)).text).includes('/tuyen-sinh'), 'kết quả tìm kiếm tuyển sinh');
  });
});

describe('the dates of a season', () => {
  it('are refused on create when applications close before they open, in Vietnamese, and nothing is saved', async () => {
    const title = `Tuyển sinh sai ngày ${Date.now()}`;
    const { status, body } = await leader.createDraft(UID, season(title, '2031-07-15', '2031-06-15'));
    expect(status).toBe(400);
    expect(body.error?.message).toBe('Ngày kết thúc nhận hồ sơ (15/06/2031) không được trước ngày bắt đầu nhận hồ sơ (15/07/2031).');
    const list = await leader.request<{ results: { title: string }[] }>('GET', `${CM}?filters[title][$eq]=${encodeURIComponent(title)}`);
    expect(list.status).toBe(200);
    expect(list.body.results).toEqual([]);
  });

  it('are refused on an update that moves only the closing day before the stored opening day, and the draft keeps its dates', async () => {
    const created = await leader.createDraft(UID, season(`Tuyển sinh sửa ngày ${Date.now()}`, '2031-06-15', '2031-07-15'));
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const id = created.body.data!.documentId;
    const refused = await leader.request<Answer>('PUT', `${CM}/${id}`, { closesOn: '2031-06-01' });
    expect(refused.status).toBe(400);
    expect(refused.body.error?.message).toContain('không được trước ngày bắt đầu nhận hồ sơ (15/06/2031)');
    const stored = await leader.request<{ data: { closesOn: string } }>('GET', `${CM}/${id}`);
    expect(stored.body.data.closesOn).toBe('2031-07-15');
    expect((await leader.request('DELETE', `${CM}/${id}`)).status).toBe(200);
  });
});

describe('a staff account', () => {
  let draftId = '';

  beforeAll(async () => {
    const created = await leader.createDraft(UID, season(`Tuyển sinh chưa đăng ${Date.now()}`, '2031-06-15', '2031-07-15'));
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    draftId = created.body.data!.documentId;
  });

  afterAll(async () => {
    if (draftId) await leader.request('DELETE', `${CM}/${draftId}`);
  });

  it('cannot create a season', async () => {
    const { status } = await teacher.createDraft(UID, season(`Tuyển sinh của giáo viên ${Date.now()}`, '2031-06-15', '2031-07-15'));
    expect(status).toBe(403);
  });

  it('cannot publish, bulk-publish or edit one, and it stays unpublished', async () => {
    expect((await publish(teacher, draftId)).status).toBe(403);
    expect((await teacher.request('POST', `${CM}/actions/bulkPublish`, { documentIds: [draftId] })).status).toBe(403);
    expect((await teacher.request('PUT', `${CM}/${draftId}`, { title: 'Giáo viên sửa kế hoạch' })).status).toBe(403);
    expect(await publishedTitle(draftId)).toBeNull();
  });
});
