import { beforeAll, describe, expect, it } from 'vitest';
import { signPreview } from '../../cms/src/preview/links.ts';
import { ensureEnvFiles } from '../../scripts/lib/env-file.ts';
import { AdminSession } from '../helpers/admin.ts';
import { uploadPhoto } from '../helpers/fixtures.ts';
import { testStack } from '../helpers/test-stack.ts';

const ARTICLE = 'api::article.article';
let leader: AdminSession;
let teacher: AdminSession;
let leaderDraft: string;
let teacherDraft: string;

async function previewLink(session: AdminSession, documentId: string, uid = ARTICLE): Promise<string | undefined> {
  const { status, body } = await session.request<{ data?: { url?: string } }>(
    'GET',
    `/content-manager/preview/url/${uid}?documentId=${documentId}&status=draft`,
  );
  expect([200, 204]).toContain(status);
  return body?.data?.url;
}

async function open(url: string) {
  const response = await fetch(url, { redirect: 'manual' });
  return { status: response.status, headers: response.headers, html: await response.text() };
}

function withParam(url: string, name: string, value: string): string {
  const parsed = new URL(url);
  parsed.searchParams.set(name, value);
  return parsed.toString();
}

beforeAll(async () => {
  leader = await AdminSession.login('hieutruong@mnhiephoa.test');
  teacher = await AdminSession.login('giaovien@mnhiephoa.test');
  leaderDraft = (await leader.createDraft(ARTICLE, { title: 'Bản nháp riêng của Ban giám hiệu', summary: 'Chưa đăng.' })).body.data!.documentId;
  teacherDraft = (await teacher.createDraft(ARTICLE, { title: 'Bản nháp xem trước của cô giáo', summary: 'Tóm tắt bản nháp.' })).body.data!.documentId;
});

describe('previewing a draft on the real site', () => {
  it('shows the author her draft, never cached and never indexed', async () => {
    const url = await previewLink(teacher, teacherDraft);
    expect(url).toMatch(new RegExp(`^${testStack().siteUrl}/xem-truoc\\?`));
    const page = await open(url!);
    expect(page.status).toBe(200);
    expect(page.html).toContain('Bản nháp xem trước của cô giáo');
    expect(page.html).toContain('Bản xem trước');
    expect(page.headers.get('cache-control')).toContain('no-store');
    expect(page.headers.get('x-robots-tag')).toContain('noindex');
    expect(page.html).toContain('<meta name="robots" content="noindex, nofollow">');
  });

  it('gives the Ban giám hiệu a link to anyone’s draft', async () => {
    const url = await previewLink(leader, teacherDraft);
    expect((await open(url!)).html).toContain('Bản nháp xem trước của cô giáo');
  });

  it('gives a teacher no link to someone else’s draft', async () => {
    expect(await previewLink(teacher, leaderDraft)).toBeUndefined();
  });

  it('refuses a link whose signature, document or expiry was tampered with, in Vietnamese', async () => {
    const url = (await previewLink(teacher, teacherDraft))!;
    const sig = new URL(url).searchParams.get('sig')!;
    const tampered = [
      withParam(url, 'sig', `${sig.slice(0, -2)}${sig.endsWith('AA') ? 'BB' : 'AA'}`),
      withParam(url, 'id', leaderDraft),
      withParam(url, 'exp', String(Number(new URL(url).searchParams.get('exp')) + 3600)),
      withParam(url, 'type', 'hoat-dong'),
    ];
    for (const link of tampered) {
      const page = await open(link);
      expect(page.status, link).toBe(403);
      expect(page.html).toContain('Liên kết xem trước không hợp lệ hoặc đã hết hạn');
      expect(page.html).not.toContain('Bản nháp riêng của Ban giám hiệu');
      expect(page.headers.get('cache-control')).toContain('no-store');
    }
  });

  it('refuses a correctly signed link once it has expired', async () => {
    const secret = ensureEnvFiles().cms.PREVIEW_SECRET!;
    const exp = Math.floor(Date.now() / 1000) - 5;
    const sig = signPreview('tin-tuc', teacherDraft, exp, secret);
    const query = new URLSearchParams({ type: 'tin-tuc', id: teacherDraft, exp: String(exp), sig });
    expect((await open(`${testStack().siteUrl}/xem-truoc?${query}`)).status).toBe(403);
    const api = await fetch(`${testStack().cmsUrl}/api/preview?${query}`);
    expect(api.status).toBe(403);
    expect(((await api.json()) as { error: { message: string } }).error.message).toContain('đã hết hạn');
    // The same document with a fresh signature works: the refusal really was the expiry.
    const fresh = Math.floor(Date.now() / 1000) + 60;
    const ok = new URLSearchParams({ type: 'tin-tuc', id: teacherDraft, exp: String(fresh), sig: signPreview('tin-tuc', teacherDraft, fresh, secret) });
    expect((await fetch(`${testStack().cmsUrl}/api/preview?${ok}`)).status).toBe(200);
  });

  it('keeps drafts out of reach of the preview API without a link', async () => {
    const response = await fetch(`${testStack().cmsUrl}/api/preview?type=tin-tuc&id=${teacherDraft}`);
    expect(response.status).toBe(403);
    expect(await response.text()).not.toContain('Bản nháp xem trước');
  });
});

describe('previewing a week of the work calendar, a weekly menu and a photo album', () => {
  const CM = '/content-manager/collection-types';
  const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

  it('shows a draft week of the work calendar as its page will, every entry under its day, with the week in the heading', async () => {
    // A Monday long past, away from the weeks other tests use.
    const created = await leader.createDraft('api::work-week.work-week', {
      weekStart: '2019-03-04',
      note: 'Lịch có thể thay đổi theo chỉ đạo của Phòng GD&ĐT.',
      entries: [
        {
          date: '2019-03-05',
          startTime: '14:00',
          endTime: '16:00',
          content: 'Họp chuẩn bị Ngày Quốc tế Phụ nữ 8/3',
          presiding: 'Hiệu trưởng',
          participants: 'Tổ trưởng chuyên môn',
          place: 'Phòng họp nhà trường',
        },
      ],
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const url = await previewLink(leader, created.body.data!.documentId, 'api::work-week.work-week');
    expect(url).toContain('type=lich-cong-tac');
    const page = await open(url!);
    expect(page.status).toBe(200);
    const words = text(page.html);
    expect(words).toContain('Lịch công tác tuần từ 04/03/2019 đến 10/03/2019');
    expect(words).toContain('Bản xem trước');
    expect(words).toMatch(/Thứ Ba 05\/03\/2019[\s\S]*14:00[\s\S]*Họp chuẩn bị Ngày Quốc tế Phụ nữ 8\/3[\s\S]*Hiệu trưởng[\s\S]*Phòng họp nhà trường/);
    expect(words).toContain('Lịch có thể thay đổi theo chỉ đạo của Phòng GD&amp;ĐT.');
    expect(page.headers.get('cache-control')).toContain('no-store');
    // Still a draft: the public week knows nothing of it.
    expect((await open(`${testStack().siteUrl}/lich-cong-tac?tuan=2019-03-04`)).html).not.toContain('Họp chuẩn bị Ngày Quốc tế Phụ nữ');
  });

  it('shows a draft weekly menu with its meals by day, not only its title', async () => {
    const created = await leader.createDraft('api::menu.menu', {
      weekStart: '2019-03-11',
      ageGroup: 'Nhà trẻ',
      days: [{ weekday: 'Thứ Tư', lunch: 'Cơm nát, canh bí đỏ nấu tôm, thịt lợn rim', energyKcal: 610 }],
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const page = await open((await previewLink(leader, created.body.data!.documentId, 'api::menu.menu'))!);
    expect(page.status).toBe(200);
    const words = text(page.html);
    expect(words).toContain('Thực đơn tuần 11/03/2019 (Nhà trẻ)');
    expect(words).toMatch(/Thứ Tư 13\/03\/2019[\s\S]*Cơm nát, canh bí đỏ nấu tôm, thịt lợn rim/);
    expect(words).toContain('610 kcal');
  });

  it('shows a teacher’s draft album with the published photos and title of its activity, never that activity’s unpublished changes', async () => {
    const stamp = Date.now();
    const [cover, inGallery] = await Promise.all([
      uploadPhoto(leader, { name: `xem-truoc-bia-${stamp}.png`, alt: 'Cổng trường ngày hội', color: '#c0392b' }),
      uploadPhoto(leader, { name: `xem-truoc-anh-${stamp}.png`, alt: 'Các bé nhóm D2 xếp hình khối', color: '#27ae60' }),
    ]);
    const activity = await leader.createDraft('api::activity.activity', {
      title: `Ngày hội xếp hình ${stamp}`,
      kind: 'Hoạt động',
      date: '2019-03-15',
      summary: 'Các bé xếp hình khối theo nhóm.',
      body: [{ type: 'paragraph', children: [{ type: 'text', text: 'Các bé xếp nhà, xếp tàu và kể lại cho bạn nghe.' }] }],
      cover: cover.id,
      gallery: [inGallery.id],
    });
    expect(activity.status, JSON.stringify(activity.body)).toBe(201);
    const activityId = activity.body.data!.documentId;
    const published = await leader.request<{ data?: { slug: string } }>('POST', `${CM}/api::activity.activity/${activityId}/actions/publish`, {});
    expect(published.status, JSON.stringify(published.body)).toBe(200);
    // A change saved but not published: not for whoever holds the album's link.
    const edited = await leader.request('PUT', `${CM}/api::activity.activity/${activityId}`, { title: `Tiêu đề chưa đăng ${stamp}`, gallery: [] });
    expect(edited.status, JSON.stringify(edited.body)).toBe(200);

    const album = await teacher.createDraft('api::album.album', {
      title: `Album xem trước ${stamp}`,
      date: '2019-03-15',
      classGroup: 'Nhà trẻ D2',
      activity: activityId,
    });
    expect(album.status, JSON.stringify(album.body)).toBe(201);
    const url = await previewLink(teacher, album.body.data!.documentId, 'api::album.album');
    expect(url).toContain('type=thu-vien-anh');
    const page = await open(url!);
    expect(page.status).toBe(200);
    expect(page.html).toContain(`Album xem trước ${stamp}`);
    expect(page.html).toContain(`href="/hoat-dong/${published.body.data!.slug}">Ngày hội xếp hình ${stamp}</a>`);
    expect(page.html).not.toContain(`Tiêu đề chưa đăng ${stamp}`);
    expect(page.html).toContain('alt="Các bé nhóm D2 xếp hình khối"');
    expect(page.html).toContain('Hình ảnh <span class="gallery__count">(1 ảnh)</span>');
    // The teacher has no link to the Ban giám hiệu's own drafts of the newer sections either.
    const week = await leader.createDraft('api::work-week.work-week', { weekStart: '2019-03-18', entries: [] });
    expect(await previewLink(teacher, week.body.data!.documentId, 'api::work-week.work-week')).toBeUndefined();
  });
});
