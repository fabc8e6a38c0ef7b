/**
 * Gửi bài as the server sees it: the document the phone page sends (built by the page's own code),
 * what the public page then prints, and the e-mails the author receives about it.
 */
import { REVIEW_STATES } from '@portal/common/review-states';
import { uidOf } from '@portal/common/sections';
import { beforeAll, describe, expect, it } from 'vitest';
import { documentData } from '../../cms/src/admin/compose/document.ts';
import { type Draft, EMPTY_DRAFT } from '../../cms/src/admin/compose/draft-store.ts';
import { AdminSession } from '../helpers/admin.ts';
import { uploadPhoto } from '../helpers/fixtures.ts';
import { readMailbox, waitForMail } from '../helpers/mailbox.ts';
import { testStack } from '../helpers/test-stack.ts';
import { waitFor } from '../helpers/wait.ts';

const ACTIVITY = uidOf('activity');
const CM = `/content-manager/collection-types/${ACTIVITY}`;
const TEACHER = 'giaovien@mnhiephoa.test';
let teacher: AdminSession;
let leader: AdminSession;
let photos: Draft['photos'];

/** Sends a post exactly as the Gửi bài page does: create the draft, then "Gửi duyệt". */
async function sendFromPhone(draft: Partial<Draft> & { title: string; text: string }): Promise<string> {
  const data = documentData({ ...EMPTY_DRAFT, photos, ...draft, kind: 'activity' });
  const created = await teacher.createDraft(ACTIVITY, data);
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const documentId = created.body.data!.documentId;
  expect((await teacher.request('PUT', `${CM}/${documentId}`, { reviewState: REVIEW_STATES.pending })).status).toBe(200);
  return documentId;
}

/** "Duyệt và đăng" as the review panel does it: approve, then publish. */
async function approveAndPublish(documentId: string): Promise<void> {
  expect((await leader.request('PUT', `${CM}/${documentId}`, { reviewState: REVIEW_STATES.approved })).status).toBe(200);
  const published = await leader.request('POST', `${CM}/${documentId}/actions/publish`, {});
  expect(published.status, JSON.stringify(published.body)).toBe(200);
}

const between = (html: string, start: RegExp, end: string) => {
  const from = html.search(start);
  return from < 0 ? '' : html.slice(from, html.indexOf(end, from));
};
const count = (text: string, part: string) => text.split(part).length - 1;

beforeAll(async () => {
  teacher = await AdminSession.login(TEACHER);
  leader = await AdminSession.login('hieutruong@mnhiephoa.test');
  photos = [];
  for (const [name, alt, color] of [
    ['gui-bai-1.png', 'Các bé xới đất trong vườn trường', '#2e8b57'],
    ['gui-bai-2.png', 'Bé tưới nước cho cây vừa trồng', '#c0392b'],
  ] as const) {
    const uploaded = await uploadPhoto(teacher, { name, alt, color });
    photos.push({ id: uploaded.id, url: uploaded.url, alt, savedAlt: alt });
  }
});

describe('a post sent from Gửi bài, once published', () => {
  const title = `Bé lớp B2 trồng cây ${Date.now()}`;
  const first = 'Sáng nay các bé lớp B2 cùng cô trồng cây ở vườn trường.';
  let documentId: string;
  let slug: string;

  beforeAll(async () => {
    documentId = await sendFromPhone({ title, text: `${first}\nMỗi bé tự tưới nước cho cây của mình.`, location: 'Vườn trường', coverId: photos[1]!.id });
    await approveAndPublish(documentId);
    slug = ((await leader.request<{ data: { slug: string } }>('GET', `${CM}/${documentId}`)).body.data.slug as string) ?? '';
  });

  it('prints its text once on the public page, with the chosen cover and the location', async () => {
    let html = '';
    await waitFor(async () => {
      const response = await fetch(`${testStack().siteUrl}/hoat-dong/${slug}`);
      html = await response.text();
      return response.status === 200;
    }, 'the public activity page');
    const article = between(html, /<article class="entry"/, '</article>');
    expect(count(article, first)).toBe(1);
    expect(article).toContain('<dt>Địa điểm</dt><dd>Vườn trường</dd>');
    const cover = between(article, /<figure class="entry__cover"/, '</figure>');
    expect(cover).toContain('alt="Bé tưới nước cho cây vừa trồng"');
    // The other photo is in the gallery, not lost.
    expect(article.replace(cover, '')).toContain('Các bé xới đất trong vườn trường');
  });

  it('tells the author once, with a link to the public page', async () => {
    const { mailDir, siteUrl } = testStack();
    const mail = await waitForMail(mailDir, (m) => m.subject.startsWith('[Đã đăng]') && m.subject.endsWith(title));
    expect(mail.to).toEqual([TEACHER]);
    expect(mail.text).toContain(`Xem trên trang: ${siteUrl}/hoat-dong/${slug}`);
    expect(mail.text).not.toContain('/content-manager/');

    // An approval alone is announced after a short wait; once one made later has arrived, the wait of
    // this post's approval is over too, and it sent nothing of its own.
    const later = await sendFromPhone({ title: `Bé tập thể dục buổi sáng ${Date.now()}`, text: 'Các bé tập thể dục.' });
    expect((await leader.request('PUT', `${CM}/${later}`, { reviewState: REVIEW_STATES.approved })).status).toBe(200);
    const approval = await waitForMail(mailDir, (m) => m.subject.startsWith('[Đã được duyệt]') && m.text.includes('Bé tập thể dục buổi sáng'), 40_000);
    expect(approval.text).toContain(`/admin/gui-bai?muc=${later}`);
    const aboutThisPost = (await readMailbox(mailDir)).filter((m) => m.to.includes(TEACHER) && m.subject.endsWith(title));
    expect(aboutThisPost.map((m) => m.subject)).toEqual([`[Đã đăng] Hoạt động – Phong trào: ${title}`]);
  });
});

describe('a post returned to its author', () => {
  it('is announced with a link to the item in Gửi bài, not to the desktop editor', async () => {
    const title = `Bé vẽ tranh mùa thu ${Date.now()}`;
    const documentId = await sendFromPhone({ title, text: 'Các bé vẽ tranh.' });
    const note = 'Thêm tên lớp vào tiêu đề.';
    expect((await leader.request('PUT', `${CM}/${documentId}`, { reviewState: REVIEW_STATES.changesRequested, reviewNote: note })).status).toBe(200);
    const returned = await waitForMail(testStack().mailDir, (m) => m.subject.startsWith('[Cần chỉnh sửa]') && m.subject.endsWith(title));
    expect(returned.text).toContain(note);
    expect(returned.text).toContain(`${testStack().cmsUrl}/admin/gui-bai?muc=${documentId}`);
    expect(returned.text).not.toContain('/content-manager/');

    expect((await teacher.request('PUT', `${CM}/${documentId}`, { reviewState: REVIEW_STATES.pending })).status).toBe(200);
    expect((await leader.request('PUT', `${CM}/${documentId}`, { reviewState: REVIEW_STATES.rejected, reviewNote: 'Trùng bài đã đăng.' })).status).toBe(200);
    const rejected = await waitForMail(testStack().mailDir, (m) => m.subject.startsWith('[Không được duyệt]') && m.subject.endsWith(title));
    expect(rejected.text).toContain('Trùng bài đã đăng.');
    expect(rejected.text).toContain(`/admin/gui-bai?muc=${documentId}`);
  });
});
