import path from 'node:path';
import { addDays, changeDueOn, reminderDue } from '@portal/common/disclosure-deadlines';
import { vietnamDate } from '@portal/common/vietnam-time';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AdminSession } from '../helpers/admin.ts';
import { queryFile } from '../helpers/db-snapshot.ts';
import { readMailbox } from '../helpers/mailbox.ts';
import { OwnCmsWithMailbox } from '../helpers/own-cms.ts';
import { waitFor } from '../helpers/wait.ts';

const UID = 'api::disclosure.disclosure';
const CM = `/content-manager/collection-types/${UID}`;
const LEADER = 'hieutruong@mnhiephoa.test';

/** A day of change whose 10-working-day due day falls within the reminder window of today (today to 3 days on). */
function changedOnDueSoon(today: string): string {
  for (let back = 0; back < 30; back += 1) {
    const changedOn = addDays(today, -back);
    const due = changeDueOn(changedOn);
    if (due >= today && due <= addDays(today, 3)) return changedOn;
  }
  throw new Error(`no day of change is due within three days of ${today}`);
}

const draft = (title: string, changedOn: string) => ({
  schoolYear: '2026-2027',
  section: 'Tài chính',
  title,
  changedOn,
  body: [{ type: 'paragraph', children: [{ type: 'text', text: 'Điều chỉnh mức thu tiền ăn bán trú.' }] }],
});

describe('the reminder timer of a running CMS', () => {
  // A CMS of its own, on a copy of the shared database, with the timer on (the shared stack has it off) and its own mailbox.
  const own = new OwnCmsWithMailbox('portal-reminder-timer-', { DISCLOSURE_REMINDER_INTERVAL_MS: '1000', OUTBOX_INTERVAL_MS: '300' });
  const { cms, mailDir, workDir } = own;
  const changedOn = changedOnDueSoon(vietnamDate());
  const stamp = Date.now();
  const titles = [
    `Các khoản thu (thay đổi trước khởi động ${stamp})`,
    `Các khoản thu (thay đổi khi đang chạy ${stamp})`,
    `Các khoản thu (thay đổi sau khi khởi động lại ${stamp})`,
  ];
  const mailsAbout = async (title: string) => (await readMailbox(mailDir)).filter((m) => m.subject.startsWith('[Nhắc công khai]') && m.text.includes(title));
  const query = <T>(sql: string): T[] => queryFile<T>(path.join(workDir, 'data.db'), sql);
  const reminderRows = () => query<{ key: string }>('SELECT reminder_key AS key FROM disclosure_reminders');
  const mailsInFlight = () => query<{ n: number }>("SELECT count(*) AS n FROM deliveries WHERE kind = 'mail' AND status IN ('waiting', 'sending')")[0]!.n;

  beforeAll(async () => {
    // Written in the shared portal, then copied: the first run, right at start-up, finds it.
    const leader = await AdminSession.login(LEADER);
    const created = await leader.createDraft(UID, draft(titles[0]!, changedOn));
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    try {
      await own.start();
    } finally {
      await leader.request('DELETE', `${CM}/${created.body.data!.documentId}`);
    }
  }, 180_000);

  afterAll(() => own.stop());

  it('reminds at start-up and on every tick, and a kill -9 and restart send nothing twice', async () => {
    const kind = reminderDue(changeDueOn(changedOn), false);
    expect(kind).not.toBeNull();
    await waitFor(async () => (await mailsAbout(titles[0]!)).length > 0, 'thư nhắc gửi lúc khởi động', 60_000, 200);
    expect((await mailsAbout(titles[0]!))[0]!.to).toEqual([LEADER]);

    // A change typed while the CMS runs is reminded by a later tick.
    let leader = await cms.signIn(LEADER);
    expect((await cms.call(leader, 'POST', CM, draft(titles[1]!, changedOn))).status).toBe(201);
    await waitFor(async () => (await mailsAbout(titles[1]!)).length > 0, 'thư nhắc của lần chạy sau', 30_000, 200);

    // Killed once the outbox is idle: a message being sent at the kill may go twice (the outbox's rule), a reminder may not.
    await waitFor(() => mailsInFlight() === 0, 'hàng đợi thư trống', 30_000, 200);
    await cms.kill();
    await cms.start();
    leader = await cms.signIn(LEADER);
    expect((await cms.call(leader, 'POST', CM, draft(titles[2]!, changedOn))).status).toBe(201);
    await waitFor(async () => (await mailsAbout(titles[2]!)).length > 0, 'thư nhắc sau khi khởi động lại', 60_000, 200);

    // Several ticks have passed since each one: each change was reminded once, and recorded once.
    for (const title of titles) expect(await mailsAbout(title), title).toHaveLength(1);
    const keys = reminderRows().map((row) => row.key);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys.filter((key) => key.startsWith('change:') && key.endsWith(`:${changedOn}|${kind}`)).length).toBeGreaterThanOrEqual(3);
  });
});
