import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureEnvFiles } from '../../scripts/lib/env-file.ts';
import { queryFile } from '../helpers/db-snapshot.ts';
import { readMailbox, startSmtpSink } from '../helpers/mailbox.ts';
import { copySharedDatabase, OwnCms } from '../helpers/own-cms.ts';
import { freePort, stackOptions } from '../helpers/test-stack.ts';
import { waitFor } from '../helpers/wait.ts';

interface Delivery {
  id: number;
  kind: string;
  status: string;
  attempts: number;
  what: string;
  target: string;
}
interface Listed {
  id: number;
  kind: string;
  what: string;
  target: string;
  attempts: number;
  lastError: string | null;
}

const NOTICES = '/content-manager/collection-types/api::notice.notice';

describe('e-mails that the mail server could not take', () => {
  // A CMS of its own on a copy of the shared database, whose SMTP port has no server until the test starts one.
  const workDir = mkdtempSync(path.join(tmpdir(), 'portal-mail-outbox-'));
  const mailDir = path.join(workDir, 'mail');
  let cmsUrl = '';
  let smtpPort = 0;
  let smtp: { stop(): void } | null = null;
  let options: ReturnType<typeof stackOptions>;
  const cms = new OwnCms(
    () => options,
    () => cmsUrl,
    path.join(workDir, 'cms.log'),
  );
  const deliveries = () => queryFile<Delivery>(path.join(workDir, 'data.db'), 'SELECT id, kind, status, attempts, what, target FROM deliveries ORDER BY id');
  const mailsAbout = (title: string) => deliveries().filter((row) => row.kind === 'mail' && row.what.includes(title));

  /** The Tổ CNTT publishes a notice: every staff account is e-mailed, one message each. */
  async function publishNotice(title: string): Promise<void> {
    const it = await cms.signIn('cntt@mnhiephoa.test');
    const created = await cms.call<{ data?: { documentId: string } }>(it, 'POST', NOTICES, {
      kind: 'Sự cố',
      title,
      message: 'Máy chủ thư của nhà trường tạm ngừng.',
      startsAt: new Date().toISOString(),
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const published = await cms.call(it, 'POST', `${NOTICES}/${created.body.data!.documentId}/actions/publish`, {});
    expect(published.status, JSON.stringify(published.body)).toBe(200);
  }

  beforeAll(async () => {
    await copySharedDatabase(workDir);
    const cmsPort = await freePort();
    smtpPort = await freePort();
    options = stackOptions(workDir, cmsPort, await freePort(), smtpPort);
    // Three attempts three seconds apart: long enough to stop the CMS in between, short enough to see one given up.
    options.extraEnv = { ...options.extraEnv, OUTBOX_INTERVAL_MS: '300', OUTBOX_MAIL_RETRY_DELAYS_MS: '3000,3000' };
    cmsUrl = `http://127.0.0.1:${cmsPort}`;
    await cms.start();
  }, 180_000);

  afterAll(async () => {
    await cms.stop();
    smtp?.stop();
    rmSync(workDir, { recursive: true, force: true });
  });

  const failedTitle = `Sự cố thư bỏ cuộc ${Date.now()}`;

  it('gives an e-mail up after its last retry, lists it for the Tổ CNTT only, and reports it to the monitor', async () => {
    await publishNotice(failedTitle);
    await waitFor(
      () => mailsAbout(failedTitle).length > 0 && mailsAbout(failedTitle).every((row) => row.status === 'failed'),
      'thư bị bỏ sau lần thử cuối',
      60_000,
      200,
    );
    const rows = mailsAbout(failedTitle);
    expect(rows.every((row) => row.attempts === 3)).toBe(true);
    expect(rows.map((row) => row.target)).toContain('giaovien@mnhiephoa.test');

    const it = await cms.signIn('cntt@mnhiephoa.test');
    const listed = await cms.call<{ data: { failed: Listed[]; retrying: Listed[] } }>(it, 'GET', '/portal/deliveries');
    expect(listed.status).toBe(200);
    const ours = listed.body.data.failed.filter((entry) => entry.what.includes(failedTitle));
    expect(ours.map((entry) => entry.id).sort()).toEqual(rows.map((row) => row.id).sort());
    expect(ours.every((entry) => entry.kind === 'mail' && entry.attempts === 3 && /ECONNREFUSED|connect/i.test(entry.lastError ?? ''))).toBe(true);

    for (const email of ['giaovien@mnhiephoa.test', 'hieutruong@mnhiephoa.test']) {
      const token = await cms.signIn(email);
      const refused = await cms.call<{ error?: { message: string } }>(token, 'GET', '/portal/deliveries');
      expect(refused.status, email).toBe(403);
      expect(refused.body.error?.message).toBe('Chỉ Tổ CNTT xem và xử lý được hàng đợi gửi.');
      expect((await cms.call(token, 'POST', `/portal/deliveries/${rows[0]!.id}/retry`)).status, email).toBe(403);
    }

    const health = await fetch(`${cmsUrl}/api/ops/deliveries`, { headers: { Authorization: `Bearer ${ensureEnvFiles().cms.MONITOR_TOKEN}` } });
    expect(health.status).toBe(200);
    const body = (await health.json()) as { data: { failedLast30Days: { mail: number; total: number }; lastFailedAt: string | null } };
    expect(body.data.failedLast30Days.mail).toBeGreaterThanOrEqual(rows.length);
    expect(Date.parse(body.data.lastFailedAt ?? '')).toBeGreaterThan(Date.now() - 120_000);
    expect(JSON.stringify(body)).not.toContain('@');
    expect((await fetch(`${cmsUrl}/api/ops/deliveries`)).status).toBe(401);
  }, 120_000);

  it('keeps an e-mail through a kill -9 of the CMS and delivers it exactly once after the restart, and resends a failed one on request', async () => {
    const title = `Sự cố thư sau khi khởi động lại ${Date.now()}`;
    await publishNotice(title);
    // No mail server answers: the first attempt fails and the messages wait for their retry.
    await waitFor(
      () => mailsAbout(title).length > 0 && mailsAbout(title).every((row) => row.status === 'waiting' && row.attempts >= 1),
      'thư chờ thử lại',
      30_000,
      50,
    );
    await cms.kill();
    const waiting = mailsAbout(title);
    expect(waiting.every((row) => row.status === 'waiting')).toBe(true);

    smtp = await startSmtpSink(smtpPort, mailDir);
    await cms.start();
    await waitFor(() => mailsAbout(title).every((row) => row.status === 'done'), 'thư đã gửi sau khi khởi động lại', 30_000, 200);
    const received = (await readMailbox(mailDir)).filter((mail) => mail.subject.includes(title));
    expect(received.flatMap((mail) => mail.to).sort()).toEqual(waiting.map((row) => row.target).sort());
    expect(new Set(received.flatMap((mail) => mail.to)).size).toBe(received.length);

    // What was given up stays given up through the restart, until the Tổ CNTT sends it again.
    expect((await readMailbox(mailDir)).filter((mail) => mail.subject.includes(failedTitle))).toEqual([]);
    const failed = mailsAbout(failedTitle).find((row) => row.target === 'giaovien@mnhiephoa.test')!;
    expect(failed.status).toBe('failed');
    const it = await cms.signIn('cntt@mnhiephoa.test');
    const retried = await cms.call<{ data: { message: string } }>(it, 'POST', `/portal/deliveries/${failed.id}/retry`);
    expect(retried.status).toBe(200);
    expect(retried.body.data.message).toMatch(/^Đã đưa lại vào hàng đợi/);
    await waitFor(async () => (await readMailbox(mailDir)).some((mail) => mail.subject.includes(failedTitle)), 'thư gửi lại tới nơi', 30_000, 200);
    expect((await readMailbox(mailDir)).filter((mail) => mail.subject.includes(failedTitle)).map((mail) => mail.to)).toEqual([['giaovien@mnhiephoa.test']]);
    expect((await cms.call(it, 'POST', `/portal/deliveries/${failed.id}/retry`)).status).toBe(404);
  }, 180_000);
});
