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
