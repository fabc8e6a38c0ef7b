import { request } from 'node:http';
import { REVIEW_STATES } from '@portal/common/review-states';
import { beforeAll, describe, expect, it } from 'vitest';
import { AdminSession } from '../helpers/admin.ts';
import { readMailbox, waitForMail } from '../helpers/mailbox.ts';
import { testStack } from '../helpers/test-stack.ts';

/**
 * E-mail: what readers and staff type is text in every message, never markup in the recipient's mail
 * client; and nothing is announced for a step that was refused and rolled back.
 */

const ARTICLE = 'api::article.article';
const CM = `/content-manager/collection-types/${ARTICLE}`;
const MARKUP = '<b>đậm</b><img src=x onerror="alert(1)"><a href="http://lua-dao.example/">bấm vào đây</a>';
let teacher: AdminSession;
let leader: AdminSession;

function expectEscaped(html: string | null) {
  expect(html).not.toBeNull();
  expect(html).not.toContain('<b>đậm</b>');
  expect(html).not.toContain('<img');
  expect(html).not.toContain('<a href="http://lua-dao.example/"');
  expect(html).toContain('&lt;b&gt;đậm&lt;/b&gt;');
  expect(html).toContain('&lt;img src=x onerror=&quot;alert(1)&quot;&gt;');
}

/**
 * A reader's form post from an address of its own (127.0.0.3): the correction suite uses up the
 * per-address limit of 127.0.0.1 on purpose.
 */
function postForm(url: string, fields: Record<string, string>): Promise<number> {
  const body = new URLSearchParams(fields).toString();
  const target = new URL(url);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: target.hostname,
        port: target.port,
        path: target.pathname,
        method: 'POST',
        localAddress: '127.0.0.3',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded', 'Content-Length': Buffer.byteLength(body), Origin: target.origin },
        timeout: 15_000,
      },
      (response) => {
        response.resume();
        resolve(response.statusCode ?? 0);
      },
    );
    req.on('timeout', () => req.destroy(new Error('timeout')));
    req.on('error', reject);
    req.end(body);
  });
}

beforeAll(async () => {
  teacher = await AdminSession.login('giaovien@mnhiephoa.test');
  leader = await AdminSession.login('hieutruong@mnhiephoa.test');
});

describe('markup typed by people arrives as text', () => {
  it('escapes an anonymous reader’s markup from the correction form in the Ban giám hiệu’s mail', async () => {
    const { siteUrl } = testStack();
    const marker = `Sai ngày ${Date.now()}`;
    const status = await postForm(`${siteUrl}/bao-sai-sot`, {
      'noi-dung': `${marker}: ${MARKUP}`,
      'lien-he': '',
      trang: '/tin-tuc',
      'tieu-de': `Tin ${marker}`,
      website: '',
    });
    expect(status).toBe(200);
    const mail = await waitForMail(testStack().mailDir, (m) => m.text.includes(marker));
    expect(mail.text).toContain(MARKUP);
    expectEscaped(mail.html);
  });

  it('escapes markup in a teacher’s title and message in the review mail', async () => {
    const title = `Tin có thẻ ${Date.now()} ${MARKUP}`;
    const created = await teacher.createDraft(ARTICLE, { title: title.slice(0, 250), summary: 'Tóm tắt.' });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const submitted = await teacher.request('PUT', `${CM}/${created.body.data!.documentId}`, { reviewState: REVIEW_STATES.pending, reviewNote: MARKUP });
    expect(submitted.status).toBe(200);
    const mail = await waitForMail(testStack().mailDir, (m) => m.subject.startsWith('[Chờ duyệt]') && m.text.includes(created.body.data!.documentId));
    expectEscaped(mail.html);
  });
});

describe('no mail for a step that did not happen', () => {
  it('sends no "[Chờ duyệt]" mail when a publish that submitted the item was refused and rolled back', async () => {
    const title = `Bài gửi duyệt bị hoàn tác ${Date.now()}`;
    const created = await teacher.createDraft(ARTICLE, { title, summary: 'Tóm tắt.' });
    const documentId = created.body.data!.documentId;
    // The admin's publish button saves the form (here: submitting it) and publishes in one transaction;
    // the publish is refused (no cover, not approved), so the submission is rolled back too.
    const refused = await leader.request<{ error?: { message: string } }>('POST', `${CM}/${documentId}/actions/publish`, {
      title,
      reviewState: REVIEW_STATES.pending,
    });
    expect(refused.status).toBe(400);
    expect(refused.body.error?.message).toBeTruthy();
    const state = await leader.request<{ data: { reviewState: string } }>('GET', `${CM}/${documentId}`);
    expect(state.body.data.reviewState).toBe(REVIEW_STATES.draft);
    // The real submission afterwards sends its mail; the refused step must not have sent one before it.
    expect((await teacher.request('PUT', `${CM}/${documentId}`, { reviewState: REVIEW_STATES.pending })).status).toBe(200);
    await waitForMail(testStack().mailDir, (m) => m.subject.includes(title));
    const sent = (await readMailbox(testStack().mailDir)).filter((m) => m.subject.includes(title));
    expect(sent.map((m) => m.subject)).toEqual([`[Chờ duyệt] Tin tức – Sự kiện: ${title}`]);
  });
});
