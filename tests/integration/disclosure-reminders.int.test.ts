import { addDays, changeDueOn, dayText } from '@portal/common/disclosure-deadlines';
import { vietnamDate } from '@portal/common/vietnam-time';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AdminSession } from '../helpers/admin.ts';
import { api } from '../helpers/cms.ts';
import { readMailbox, waitForMail } from '../helpers/mailbox.ts';
import { testStack } from '../helpers/test-stack.ts';
import { waitFor } from '../helpers/wait.ts';

/**
 * The disclosure reminders (cms/src/workflow/disclosure-reminders.ts), run as at instants the tests choose
 * through the test stack's route POST /portal/test/disclosure-reminders, so nothing depends on the day or
 * the weekday the suite runs on. The stack's own timer is off (tests/helpers/test-stack.ts).
 */

const UID = 'api::disclosure.disclosure';
const CM = `/content-manager/collection-types/${UID}`;
const LEADER = 'hieutruong@mnhiephoa.test';

interface Sent {
  key: string;
  kind: 'before' | 'on-day';
  dueOn: string;
  title: string;
}

interface DutyState {
  key: string;
  kind: string;
  title: string;
  dueOn: string;
  publishedAt: string | null;
  status: string;
}

/** An instant given as Vietnam wall-clock time (UTC+7). */
const vn = (local: string) => new Date(`${local}+07:00`).toISOString();

let admin: AdminSession;
let leader: AdminSession;
const created: string[] = [];

async function remind(at: string): Promise<Sent[]> {
  const { status, body } = await admin.request<{ data: Sent[] }>('POST', '/portal/test/disclosure-reminders', { now: vn(at) });
  expect(status, JSON.stringify(body)).toBe(200);
  return body.data;
}

const reminderMails = async (text: string) =>
  (await readMailbox(testStack().mailDir)).filter((m) => m.subject.startsWith('[Nhắc công khai]') && m.text.includes(text));

async function draftDisclosure(title: string, changedOn: string): Promise<string> {
  const answer = await leader.createDraft(UID, {
    schoolYear: '2025-2026',
    section: 'Tài chính',
    title,
    changedOn,
    body: [{ type: 'paragraph', children: [{ type: 'text', text: 'Mức thu điều chỉnh theo nghị quyết của Hội đồng nhân dân tỉnh.' }] }],
  });
  expect(answer.status, JSON.stringify(answer.body)).toBe(201);
  const documentId = answer.body.data!.documentId;
  created.push(documentId);
  return documentId;
}

beforeAll(async () => {
  admin = await AdminSession.login('admin@mnhiephoa.test');
  leader = await AdminSession.login(LEADER);
});

afterAll(async () => {
  for (const documentId of created) await leader.request('DELETE', `${CM}/${documentId}`);
});

describe('reminders of a change to a disclosure', () => {
  it('go to the Ban giám hiệu three days before the due day and on the day, once each', async () => {
    const title = `Các khoản thu năm học 2025-2026 (thay đổi ${Date.now()})`;
    // Monday 02/03/2026 + 10 working days = Monday 16/03/2026.
    const documentId = await draftDisclosure(title, '2026-03-02');
    const key = `change:${documentId}:2026-03-02`;
    const about = (sent: Sent[]) => sent.filter((s) => s.key.startsWith(`${key}|`));

    expect(about(await remind('2026-03-12T09:00:00'))).toEqual([]);
    expect(about(await remind('2026-03-13T08:00:00'))).toEqual([
      { key: `${key}|before`, kind: 'before', dueOn: '2026-03-16', title: `Thay đổi ngày 02/03/2026: ${title}` },
    ]);
    const before = await waitForMail(testStack().mailDir, (m) => m.subject.startsWith('[Nhắc công khai]') && m.text.includes(title));
    expect(before.to).toEqual([LEADER]);
    expect(before.text).toContain(`- Thay đổi ngày 02/03/2026: ${title}: hạn 16/03/2026 (còn 3 ngày)`);
    expect(before.text).toContain(`/admin/content-manager/collection-types/${UID}/${documentId}`);
    expect(before.text).toMatch(/trang quản trị: http:\/\/127\.0\.0\.1:\d+\/admin\n/);

    // Later the same "before" window: nothing new for this duty.
    expect(about(await remind('2026-03-14T10:00:00'))).toEqual([]);
    expect(about(await remind('2026-03-16T07:00:00'))).toEqual([
      { key: `${key}|on-day`, kind: 'on-day', dueOn: '2026-03-16', title: `Thay đổi ngày 02/03/2026: ${title}` },
    ]);
    const onDay = await waitForMail(testStack().mailDir, (m) => m.text.includes(title) && m.text.includes('Hôm nay (16/03/2026) là hạn cuối'));
    expect(onDay.to).toEqual([LEADER]);

    // A second run of the same moment sends nothing at all; the next day, past the due day, neither.
    expect(await remind('2026-03-16T07:00:00')).toEqual([]);
    expect(about(await remind('2026-03-17T08:00:00'))).toEqual([]);
    expect((await reminderMails(title)).map((m) => m.file).sort()).toEqual([before.file, onDay.file].sort());
  });

  it('are sent once when two runs reach the same reminder at the same moment', async () => {
    const title = `Điều kiện bảo đảm chất lượng (thay đổi ${Date.now()})`;
    // Monday 09/03/2026 + 10 working days = Monday 23/03/2026; Friday 20/03 is three days before.
    const documentId = await draftDisclosure(title, '2026-03-09');
    const key = `change:${documentId}:2026-03-09|before`;
    const [first, second] = await Promise.all([remind('2026-03-20T08:00:00'), remind('2026-03-20T08:00:00')]);
    const keys = [...first, ...second].map((s) => s.key);
    expect(keys.filter((k) => k === key)).toHaveLength(1);
    expect(new Set(keys).size).toBe(keys.length);
    await waitFor(async () => (await reminderMails(title)).length > 0, 'thư nhắc tới nơi');
    expect(await remind('2026-03-20T09:00:00')).toEqual([]);
    expect(await reminderMails(title)).toHaveLength(1);
  });
});

describe('reminders of the regular duties', () => {
  it("include a week's menu that nobody published by the Saturday before", async () => {
    // Wednesday 08/04/2026: the week of Monday 13/04 is due on Saturday 11/04; the demo menus are of November 2026.
    const sent = await remind('2026-04-08T08:00:00');
    expect(sent).toContainEqual({ key: 'weekly-menu:2026-04-13|before', kind: 'before', dueOn: '2026-04-11', title: 'Thực đơn tuần từ 13/04/2026' });
    await waitForMail(
      testStack().mailDir,
      (m) => m.subject.startsWith('[Nhắc công khai]') && m.text.includes('Thực đơn tuần từ 13/04/2026: hạn 11/04/2026 (còn 3 ngày)'),
    );
  });

  it('leave out what is already published: the demo plan of December 2026 is not reminded on its due day', async () => {
    const sent = await remind('2026-11-25T08:00:00');
    expect(sent.map((s) => s.key)).not.toContain('monthly-plan:2026-12|on-day');
  });
});

describe('a change published within 10 working days', () => {
  it('records when the change went out, shows the duty as on time in the panel and on /cong-khai, and gets no reminder', async () => {
    const today = vietnamDate();
    const dueOn = changeDueOn(today);
    const title = `Các khoản thu năm học 2025-2026 (đã công khai thay đổi ${Date.now()})`;
    const documentId = await draftDisclosure(title, today);
    const before = Date.now();
    expect((await leader.request('POST', `${CM}/${documentId}/actions/publish`, {})).status).toBe(200);

    const { body: stored } = await api<{ data: { changedOn: string; changePublishedAt: string } }>(
      `/api/disclosures/${documentId}?fields[0]=changedOn&fields[1]=changePublishedAt`,
    );
    expect(stored.data.changedOn).toBe(today);
    expect(Date.parse(stored.data.changePublishedAt)).toBeGreaterThanOrEqual(before - 1000);
    expect(Date.parse(stored.data.changePublishedAt)).toBeLessThanOrEqual(Date.now() + 1000);

    const duties = async () => (await leader.request<{ data: DutyState[] }>('GET', '/workflow/disclosure-duties')).body.data;
    const key = `change:${documentId}:${today}`;
    expect((await duties()).find((d) => d.key === key)).toEqual({
      key,
      kind: 'change',
      title: `Thay đổi ngày ${dayText(today)}: ${title}`,
      dueOn,
      subject: documentId,
      schoolYear: '2025-2026',
      publishedAt: stored.data.changePublishedAt,
      status: 'on-time',
    });

    // Published: no reminder before or on its due day.
    const runs = [...(await remind(`${addDays(dueOn, -3)}T08:00:00`)), ...(await remind(`${dueOn}T08:00:00`))];
    expect(runs.filter((s) => s.key.startsWith(key))).toEqual([]);

    await waitFor(async () => {
      const page = await (await fetch(`${testStack().siteUrl}/cong-khai`)).text();
      const at = page.indexOf(`<summary>${title}</summary>`);
      const line = at < 0 ? '' : (/<p class="entry__meta disclosure__change"[^>]*>([\s\S]*?)<\/p>/.exec(page.slice(at))?.[1]?.replace(/<[^>]+>/g, '') ?? '');
      return (
        line === `Thông tin thay đổi ngày ${dayText(today)} · Hạn công khai thay đổi: ${dayText(dueOn)} · Công khai thay đổi: ${dayText(today)} · Đúng hạn`
      );
    }, 'ngày thay đổi và hạn công khai thay đổi trên trang Công khai');

    // Publishing again with the same day of change keeps when the change went out.
    expect((await leader.request('PUT', `${CM}/${documentId}`, { title: `${title} (sửa lỗi chính tả)` })).status).toBe(200);
    expect((await leader.request('POST', `${CM}/${documentId}/actions/publish`, {})).status).toBe(200);
    const { body: again } = await api<{ data: { changePublishedAt: string } }>(`/api/disclosures/${documentId}?fields[0]=changePublishedAt`);
    expect(again.data.changePublishedAt).toBe(stored.data.changePublishedAt);

    // A new change typed into the draft is a second duty, waiting, while the published one stays on time.
    const yesterday = addDays(today, -1);
    expect((await leader.request('PUT', `${CM}/${documentId}`, { changedOn: yesterday, changePublishedAt: '2020-01-01T00:00:00.000Z' })).status).toBe(200);
    const listed = await duties();
    expect(listed.find((d) => d.key === `change:${documentId}:${yesterday}`)).toMatchObject({ dueOn: changeDueOn(yesterday), publishedAt: null });
    expect(listed.find((d) => d.key === key)?.status).toBe('on-time');
  });
});

describe('the record of sent reminders', () => {
  it('cannot be written through the content manager, not even by the Super Admin', async () => {
    const answer = await admin.request('POST', '/content-manager/collection-types/api::disclosure-reminder.disclosure-reminder', {
      reminderKey: 'annual:2099-2100:Tài chính|before',
      dutyKey: 'annual:2099-2100:Tài chính',
      kind: 'before',
      dueOn: '2100-06-30',
      sentAt: new Date().toISOString(),
    });
    // A hidden type gets no content-manager permission, not even the Super Admin's.
    expect(answer.status).toBe(403);
  });

  it('is not reachable with the site token, by the Ban giám hiệu in the content manager, or through the test route', async () => {
    expect([403, 404]).toContain((await api('/api/disclosure-reminders')).status);
    const listed = await leader.request('GET', '/content-manager/collection-types/api::disclosure-reminder.disclosure-reminder');
    expect([403, 404]).toContain(listed.status);
    expect((await leader.request('POST', '/portal/test/disclosure-reminders', { now: new Date().toISOString() })).status).toBe(403);
  });
});
