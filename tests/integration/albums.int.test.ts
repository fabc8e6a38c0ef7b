import { beforeAll, describe, expect, it } from 'vitest';
import { AdminSession } from '../helpers/admin.ts';
import { colourPhoto, uploadPhoto } from '../helpers/fixtures.ts';
import { testStack } from '../helpers/test-stack.ts';
import { waitFor } from '../helpers/wait.ts';

const ALBUM = 'api::album.album';
const CM = `/content-manager/collection-types/${ALBUM}`;
/** The trust issue's bound: a photo taken down is gone from every page within seconds. */
const TAKE_DOWN_MS = 5_000;

let teacher: AdminSession;
let leader: AdminSession;

const page = async (path: string) => {
  const response = await fetch(`${testStack().siteUrl}${path}`, { signal: AbortSignal.timeout(15_000) });
  return { status: response.status, html: await response.text() };
};
const hrefs = (html: string) => [...html.matchAll(/href="([^"]+)"/g)].map((m) => (m[1] as string).replaceAll('&amp;', '&'));
const images = (html: string) => [...html.matchAll(/<img\b[^>]*>/g)].map((m) => m[0]);

type Answer = { data?: { documentId: string; slug: string; reviewState: string }; error?: { message: string } };

beforeAll(async () => {
  teacher = await AdminSession.login('giaovien@mnhiephoa.test');
  leader = await AdminSession.login('hieutruong@mnhiephoa.test');
});

describe('Thư viện ảnh', () => {
  it('lists the published albums with their cover, date, class and number of photos', async () => {
    const { status, html } = await page('/thu-vien-anh');
    expect(status).toBe(200);
    expect(html).toContain('<h1>Thư viện ảnh</h1>');
    expect(hrefs(html)).toEqual(expect.arrayContaining(['/thu-vien-anh/be-vui-tet-trung-thu-2026', '/thu-vien-anh/lop-mau-giao-be-b2-mot-ngay-o-truong']));
    expect(html).toMatch(
      /Bé vui Tết Trung thu 2026<\/a><\/h2>\s*<p class="album-card__meta">\s*<time datetime="2026-09-25">25\/09\/2026<\/time>\s*<span> · Toàn trường<\/span>\s*<span> · 4 ảnh<\/span>/,
    );
    // The newest first.
    expect(html.indexOf('Lớp Mẫu giáo bé B2')).toBeLessThan(html.indexOf('Bé vui Tết Trung thu 2026'));
  });

  it('shows an album’s photos, each opening its own page through /anh, with its text equivalent, never a CMS file', async () => {
    const album = await page('/thu-vien-anh/be-vui-tet-trung-thu-2026');
    expect(album.status).toBe(200);
    const photoLinks = hrefs(album.html).filter((href) => /^\/thu-vien-anh\/be-vui-tet-trung-thu-2026\/anh\/\d+$/.test(href));
    expect(photoLinks).toHaveLength(4);
    expect(album.html).toContain('Các bé lớp Mẫu giáo lớn A1 rước đèn ông sao quanh sân trường');
    for (const img of images(album.html).filter((tag) => tag.includes('/anh/'))) expect(img).toMatch(/\balt="[^"]+"/);
    expect(hrefs(album.html).filter((href) => href.includes('/uploads/'))).toEqual([]);

    const photo = await page(photoLinks[1] as string);
    expect(photo.status).toBe(200);
    expect(photo.html).toContain('Ảnh 2/4');
    expect(photo.html).toContain('Mâm cỗ Trung thu');
    expect(hrefs(photo.html)).toEqual(expect.arrayContaining([photoLinks[0], photoLinks[2], '/thu-vien-anh/be-vui-tet-trung-thu-2026']));
    expect((await page('/thu-vien-anh/be-vui-tet-trung-thu-2026/anh/999999')).status).toBe(404);
    expect((await page('/thu-vien-anh/khong-co-album-nay')).status).toBe(404);
  });

  it('shows the photos of the activity an album was made from, and links to that activity', async () => {
    const album = await page('/thu-vien-anh/anh-tham-quan-khu-di-tich-bach-dang');
    expect(album.status).toBe(200);
    expect(hrefs(album.html)).toContain('/hoat-dong/tham-quan-khu-di-tich-bach-dang');
    expect(hrefs(album.html).filter((href) => href.startsWith('/thu-vien-anh/anh-tham-quan-khu-di-tich-bach-dang/anh/'))).toHaveLength(3);
  });

  it('lets a teacher draft an album but not publish it, and keeps the draft off the site', async () => {
    const photo = await uploadPhoto(teacher, { name: `album-nhap-${Date.now()}.png`, alt: 'Các bé nhóm D1 chơi với bóng', color: '#16a085' });
    const title = `Album nháp của cô giáo ${Date.now()}`;
    const created = await teacher.request<Answer>('POST', CM, { title, date: '2026-11-20', classGroup: 'Nhà trẻ D1', photos: [photo.id] });
    expect(created.status).toBe(201);
    const documentId = created.body.data?.documentId as string;
    expect(created.body.data?.reviewState).toBe('draft');
    const refused = await teacher.request<Answer>('POST', `${CM}/${documentId}/actions/publish`, {});
    expect(refused.status).toBe(403);
    expect((await page('/thu-vien-anh')).html).not.toContain(title);
  });

  it('refuses a photo without a text equivalent, in Vietnamese, and saves nothing', async () => {
    const form = new FormData();
    const name = `album-khong-mo-ta-${Date.now()}.png`;
    form.append('files', new Blob([new Uint8Array(await colourPhoto('#d35400', 16, 16))], { type: 'image/png' }), name);
    const uploaded = await teacher.request<{ id: number }[]>('POST', '/upload', form);
    expect(uploaded.status).toBe(201);
    const id = uploaded.body[0]?.id as number;
    const title = `Album thiếu mô tả ảnh ${Date.now()}`;
    const answer = await teacher.request<Answer>('POST', CM, { title, date: '2026-11-20', photos: [id] });
    expect(answer.status).toBe(400);
    expect(answer.body.error?.message).toContain('Ảnh chưa có mô tả');
    const listed = await leader.request<{ results: { title: string }[] }>('GET', `${CM}?filters[title][$eq]=${encodeURIComponent(title)}`);
    expect(listed.body.results).toEqual([]);
  });

  it('drops a photo taken down from the album, its count and its page within seconds', async () => {
    const photos = await Promise.all(
      ['#2980b9', '#f39c12'].map((color, index) =>
        uploadPhoto(leader, { name: `album-go-${index}-${Date.now()}.png`, alt: `Ảnh album sẽ gỡ số ${index + 1}`, color }),
      ),
    );
    const created = await leader.request<Answer>('POST', CM, {
      title: `Album có ảnh sẽ gỡ ${Date.now()}`,
      date: '2026-11-21',
      photos: photos.map((p) => p.id),
    });
    expect(created.status).toBe(201);
    const published = await leader.request<Answer>('POST', `${CM}/${created.body.data?.documentId}/actions/publish`, {});
    expect(published.status).toBe(200);
    const path = `/thu-vien-anh/${published.body.data?.slug}`;
    const gone = photos[1] as { id: number };
    await waitFor(async () => (await page(path)).status === 200, 'the new album is online');
    expect((await page(`${path}/anh/${gone.id}`)).status).toBe(200);

    expect((await leader.request('DELETE', `/upload/files/${gone.id}`)).status).toBe(200);
    await waitFor(
      async () => (await page(`${path}/anh/${gone.id}`)).status === 404 && !hrefs((await page(path)).html).includes(`${path}/anh/${gone.id}`),
      'the photo taken down has left the album and its page',
      TAKE_DOWN_MS,
    );
    expect((await page(path)).html).toContain('(1 ảnh)');
  });
});
