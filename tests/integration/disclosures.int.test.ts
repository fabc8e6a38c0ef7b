import { dutiesAround, schoolYearOf } from '@portal/common/disclosure-deadlines';
import { vietnamDate } from '@portal/common/vietnam-time';
import { describe, expect, it } from 'vitest';
import { AdminSession } from '../helpers/admin.ts';
import { testStack } from '../helpers/test-stack.ts';
import { waitFor } from '../helpers/wait.ts';

const UID = 'api::disclosure.disclosure';
const CM = `/content-manager/collection-types/${UID}`;

interface Stamped {
  firstPublishedAt: string | null;
  lastUpdatedAt: string | null;
}

async function publishedDates(documentId: string): Promise<Stamped> {
  const response = await fetch(`${testStack().cmsUrl}/api/disclosures/${documentId}?fields[0]=firstPublishedAt&fields[1]=lastUpdatedAt`, {
    headers: { Authorization: `Bearer ${testStack().siteToken}` },
  });
  expect(response.status).toBe(200);
  return ((await response.json()) as { data: Stamped }).data;
}

describe('public disclosure dates', () => {
  it('are set by the server on first publication and only the update date moves on republishing', async () => {
    const leader = await AdminSession.login('hieutruong@mnhiephoa.test');
    const title = `Công khai thử ngày đăng ${Date.now()}`;
    const created = await leader.createDraft(UID, {
      schoolYear: '2026-2027',
      section: 'Tài chính',
      title,
      body: [{ type: 'paragraph', children: [{ type: 'text', text: 'Dự toán thu chi năm học.' }] }],
      // Typed by hand, a future "last updated" date must not survive publishing.
      lastUpdatedAt: '2030-01-01T00:00:00.000Z',
    });
    expect(created.status).toBe(201);
    const documentId = created.body.data!.documentId;

    const before = Date.now();
    expect((await leader.request('POST', `${CM}/${documentId}/actions/publish`, {})).status).toBe(200);
    const first = await publishedDates(documentId);
    expect(Date.parse(first.firstPublishedAt!)).toBeGreaterThanOrEqual(before - 1000);
    expect(Date.parse(first.firstPublishedAt!)).toBeLessThanOrEqual(Date.now() + 1000);
    expect(first.lastUpdatedAt).toBe(first.firstPublishedAt);

    await waitFor(() => Date.now() > Date.parse(first.lastUpdatedAt!) + 1100, 'một giây trôi qua');
    expect((await leader.request('PUT', `${CM}/${documentId}`, { title: `${title} (sửa)` })).status).toBe(200);
    expect((await leader.request('POST', `${CM}/${documentId}/actions/publish`, {})).status).toBe(200);
    const second = await publishedDates(documentId);
    expect(second.firstPublishedAt).toBe(first.firstPublishedAt);
    expect(Date.parse(second.lastUpdatedAt!)).toBeGreaterThan(Date.parse(first.lastUpdatedAt!));

    const page = await (await fetch(`${testStack().siteUrl}/cong-khai`)).text();
    expect(page).toContain(`${title} (sửa)`);
    expect(page).toMatch(/Công khai lần đầu: <time datetime="\d{4}-\d{2}-\d{2}/);

    expect((await leader.request('DELETE', `${CM}/${documentId}`)).status).toBe(200);
  });

  it('of the demo documents keep the dates they were published on before the portal', async () => {
    const response = await fetch(
      `${testStack().cmsUrl}/api/disclosures?filters[slug][$eq]=thong-tin-chung-nam-hoc-2026-2027&fields[0]=firstPublishedAt&fields[1]=lastUpdatedAt`,
      { headers: { Authorization: `Bearer ${testStack().siteToken}` } },
    );
    const [doc] = ((await response.json()) as { data: Stamped[] }).data;
    expect(doc).toEqual({
      id: expect.any(Number),
      documentId: expect.any(String),
      firstPublishedAt: '2026-09-10T01:00:00.000Z',
      lastUpdatedAt: '2026-10-05T01:30:00.000Z',
    });
  });
});

describe('the Công khai page', () => {
  /** The deadline line of the item titled `title` on /cong-khai. */
  const deadlineOf = (html: string, title: string): string | undefined => {
    const at = html.indexOf(`<summary>${title}</summary>`);
    if (at < 0) return undefined;
    return /<p class="entry__meta disclosure__deadline"[^>]*>([\s\S]*?)<\/p>/.exec(html.slice(at))?.[1]?.replace(/<[^>]+>/g, '');
  };

  it('shows for each item when it was due, and that the seeded ones were published on time', async () => {
    const page = await (await fetch(`${testStack().siteUrl}/cong-khai`)).text();
    expect(deadlineOf(page, 'Báo cáo thường niên năm học 2025-2026')).toBe('Hạn công khai: 30/06/2026 · Đúng hạn');
    expect(deadlineOf(page, 'Kế hoạch giáo dục tháng 12/2026')).toBe('Hạn công khai: 25/11/2026 · Đúng hạn');
    expect(deadlineOf(page, 'Các khoản thu năm học 2026-2027')).toBe('Hạn công khai: 30/06/2027 · Đúng hạn');
  });

  it('marks an item first published after its due day as late', async () => {
    const leader = await AdminSession.login('hieutruong@mnhiephoa.test');
    const title = `Báo cáo thường niên năm học 2020-2021 (đăng bù ${Date.now()})`;
    const created = await leader.createDraft(UID, {
      schoolYear: '2020-2021',
      section: 'Báo cáo thường niên',
      title,
      body: [{ type: 'paragraph', children: [{ type: 'text', text: 'Đăng bù báo cáo của năm học cũ.' }] }],
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const documentId = created.body.data!.documentId;
    expect((await leader.request('POST', `${CM}/${documentId}/actions/publish`, {})).status).toBe(200);
    await waitFor(
      async () => deadlineOf(await (await fetch(`${testStack().siteUrl}/cong-khai`)).text(), title) === 'Hạn công khai: 30/06/2021 · Công khai muộn',
      'mục đăng muộn trên trang Công khai',
    );
    expect((await leader.request('DELETE', `${CM}/${documentId}`)).status).toBe(200);
  });
});

describe('"Việc cần công khai" for the Ban giám hiệu', () => {
  interface DutyState {
    key: string;
    kind: string;
    dueOn: string;
    publishedAt: string | null;
    status: string;
  }

  it('lists the duties around today with their due days, and counts a disclosure published today as on time', async () => {
    const leader = await AdminSession.login('hieutruong@mnhiephoa.test');
    const today = vietnamDate();
    const year = schoolYearOf(today);
    const created = await leader.createDraft(UID, {
      schoolYear: year,
      section: 'Điều kiện bảo đảm chất lượng',
      title: `Điều kiện bảo đảm chất lượng (thử hạn ${Date.now()})`,
      body: [{ type: 'paragraph', children: [{ type: 'text', text: 'Đội ngũ, cơ sở vật chất.' }] }],
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const documentId = created.body.data!.documentId;
    expect((await leader.request('POST', `${CM}/${documentId}/actions/publish`, {})).status).toBe(200);

    const { status, body } = await leader.request<{ data: DutyState[] }>('GET', '/workflow/disclosure-duties');
    expect(status).toBe(200);
    const byKey = new Map(body.data.map((d) => [d.key, d]));
    const annual = byKey.get(`annual:${year}:Điều kiện bảo đảm chất lượng`);
    expect(annual?.dueOn).toBe(`${year.slice(5)}-06-30`);
    expect(annual?.publishedAt).not.toBeNull();
    expect(annual?.status).toBe('on-time');
    // Every duty the pure module follows today is there, with the same due day.
    expect(body.data.map((d) => [d.key, d.dueOn])).toEqual(dutiesAround(today).map((d) => [d.key, d.dueOn]));
    expect(body.data.every((d) => ['on-time', 'late', 'overdue', 'due-soon', 'upcoming'].includes(d.status))).toBe(true);

    expect((await leader.request('DELETE', `${CM}/${documentId}`)).status).toBe(200);
  });

  it('is refused to staff', async () => {
    const teacher = await AdminSession.login('giaovien@mnhiephoa.test');
    expect((await teacher.request('GET', '/workflow/disclosure-duties')).status).toBe(403);
  });
});
