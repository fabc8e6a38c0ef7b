import { type ChildProcess, spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureEnvFiles } from '../../scripts/lib/env-file.ts';
import { AdminSession } from '../helpers/admin.ts';
import { createDraft, uploadPhoto } from '../helpers/fixtures.ts';
import { freePort, testStack } from '../helpers/test-stack.ts';
import { waitFor } from '../helpers/wait.ts';

const CM = '/content-manager/collection-types';
const ARTICLE = 'api::article.article';
const MENU = 'api::menu.menu';
const ALBUM = 'api::album.album';
const WORK_WEEK = 'api::work-week.work-week';
let leader: AdminSession;
let coverId: number;

/** The site's own log: the search index says there when it reads the CMS in full or loads its file. */
const siteLog = (): string => readFileSync(path.join(testStack().workDir, 'logs', 'site.log'), 'utf8');
const fullReads = (log: string): number => (log.match(/\[search\] full read of the CMS/g) ?? []).length;

/** Result links of /tim-kiem for a query, in order. */
async function resultLinks(siteUrl: string, query: string): Promise<string[]> {
  const response = await fetch(`${siteUrl}/tim-kiem?q=${encodeURIComponent(query)}`, { signal: AbortSignal.timeout(10_000) });
  expect(response.status).toBe(200);
  const html = await response.text();
  return [...html.matchAll(/<h2 class="search-result__title"[^>]*><a href="([^"]+)"/g)].map((m) => (m[1] ?? '').replaceAll('&amp;', '&'));
}

/** A word no demo content has, letters and digits only (one index term). */
const marker = (prefix: string): string => `${prefix}${Date.now().toString(36)}`;

beforeAll(async () => {
  leader = await AdminSession.login('hieutruong@mnhiephoa.test');
  coverId = (await uploadPhoto(leader, { name: 'anh-tim-kiem.png', alt: 'Ảnh minh họa tìm kiếm', color: '#16a085', width: 16, height: 16 })).id;
  // The index exists (built at most once, by whichever test searched first).
  await resultLinks(testStack().siteUrl, 'hiep hoa');
});

describe('the search index follows publishing through the webhook, one document at a time', () => {
  it('finds a published article, follows its edit and drops it when unpublished, without reading the CMS in full again', async () => {
    const siteUrl = testStack().siteUrl;
    const readsBefore = fullReads(siteLog());
    expect(readsBefore).toBe(1);
    const first = marker('kiemtimmot');
    const second = marker('kiemtimhai');
    const { documentId } = await createDraft(leader, coverId, { title: `Tin thử tìm kiếm ${first}`, summary: 'Bài kiểm tra tìm kiếm.' });
    const articleUrl = async (): Promise<string> => {
      const { body } = await leader.request<{ data?: { slug?: string } }>('GET', `${CM}/${ARTICLE}/${documentId}`);
      return `/tin-tuc/${body.data?.slug ?? ''}`;
    };

    expect(await resultLinks(siteUrl, first)).toEqual([]);
    expect((await leader.request('POST', `${CM}/${ARTICLE}/${documentId}/actions/publish`, {})).status).toBe(200);
    const url = await articleUrl();
    await waitFor(async () => (await resultLinks(siteUrl, first)).includes(url), 'bài vừa đăng xuất hiện trong kết quả tìm kiếm', 10_000);

    const edited = await leader.request('PUT', `${CM}/${ARTICLE}/${documentId}`, { title: `Tin thử tìm kiếm ${second}` });
    expect(edited.status).toBe(200);
    expect((await leader.request('POST', `${CM}/${ARTICLE}/${documentId}/actions/publish`, {})).status).toBe(200);
    // The slug follows the new title, so the link changes too.
    const newUrl = await articleUrl();
    await waitFor(
      async () => (await resultLinks(siteUrl, second)).includes(newUrl) && (await resultLinks(siteUrl, first)).length === 0,
      'tiêu đề mới thay tiêu đề cũ trong kết quả tìm kiếm',
      10_000,
    );

    expect((await leader.request('POST', `${CM}/${ARTICLE}/${documentId}/actions/unpublish`, {})).status).toBe(200);
    await waitFor(async () => (await resultLinks(siteUrl, second)).length === 0, 'bài đã gỡ biến khỏi kết quả tìm kiếm', 10_000);

    expect(fullReads(siteLog())).toBe(readsBefore);
  });

  it('finds a weekly menu by its dishes and links to that week on /thuc-don', async () => {
    const siteUrl = testStack().siteUrl;
    const dish = marker('canhthu');
    // A Monday long past: it never becomes the week /thuc-don shows by default.
    const week = '2020-01-06';
    const created = await leader.createDraft(MENU, { weekStart: week, ageGroup: 'Mẫu giáo', days: [{ weekday: 'Thứ Hai', lunch: `Cơm, ${dish}, rau luộc` }] });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const documentId = created.body.data!.documentId;
    try {
      const published = await leader.request('POST', `${CM}/${MENU}/${documentId}/actions/publish`, {});
      expect(published.status, JSON.stringify(published.body)).toBe(200);
      await waitFor(
        async () => (await resultLinks(siteUrl, dish)).includes(`/thuc-don?tuan=${week}`),
        'thực đơn vừa đăng xuất hiện trong kết quả tìm kiếm',
        10_000,
      );
      const page = await fetch(`${siteUrl}/thuc-don?tuan=${week}`);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain(dish);
    } finally {
      await leader.request('POST', `${CM}/${MENU}/${documentId}/actions/unpublish`, {});
    }
    await waitFor(async () => (await resultLinks(siteUrl, dish)).length === 0, 'thực đơn đã gỡ biến khỏi kết quả tìm kiếm', 10_000);
  });

  it('finds a photo album by its description and a week of the work calendar by an entry’s place, and drops both when unpublished', async () => {
    const siteUrl = testStack().siteUrl;
    const festival = marker('hoitrangram');
    const room = marker('phonghop');
    const album = await leader.request<{ data?: { documentId: string } }>('POST', `${CM}/${ALBUM}`, {
      title: `Album thử tìm kiếm ${Date.now()}`,
      date: '2020-09-30',
      classGroup: 'Lớp Chồi 2',
      description: `Các bé rước đèn trong ${festival}.`,
      cover: coverId,
    });
    expect(album.status, JSON.stringify(album.body)).toBe(201);
    // A Monday long past, away from the weeks the calendar tests use.
    const week = '2020-01-13';
    const calendar = await leader.request<{ data?: { documentId: string } }>('POST', `${CM}/${WORK_WEEK}`, {
      weekStart: week,
      entries: [{ date: '2020-01-14', startTime: '14:00', content: 'Họp tổ chuyên môn', presiding: 'Phó hiệu trưởng', place: `Phòng ${room}` }],
    });
    expect(calendar.status, JSON.stringify(calendar.body)).toBe(201);
    const albumId = album.body.data?.documentId ?? '';
    const weekId = calendar.body.data?.documentId ?? '';
    // Drafts are never found.
    expect(await resultLinks(siteUrl, festival)).toEqual([]);
    expect(await resultLinks(siteUrl, room)).toEqual([]);
    try {
      const published = await leader.request<{ data?: { slug?: string } }>('POST', `${CM}/${ALBUM}/${albumId}/actions/publish`, {});
      expect(published.status, JSON.stringify(published.body)).toBe(200);
      expect((await leader.request('POST', `${CM}/${WORK_WEEK}/${weekId}/actions/publish`, {})).status).toBe(200);
      const albumUrl = `/thu-vien-anh/${published.body.data?.slug}`;
      await waitFor(async () => (await resultLinks(siteUrl, festival)).includes(albumUrl), 'album vừa đăng xuất hiện trong kết quả tìm kiếm', 10_000);
      await waitFor(
        async () => (await resultLinks(siteUrl, room)).includes(`/lich-cong-tac?tuan=${week}`),
        'lịch công tác vừa đăng xuất hiện trong kết quả tìm kiếm',
        10_000,
      );
      // Without diacritics too, and the linked pages show what was found.
      expect(await resultLinks(siteUrl, 'lop choi 2')).toContain(albumUrl);
      expect(await (await fetch(`${siteUrl}/lich-cong-tac?tuan=${week}`)).text()).toContain(`Phòng ${room}`);
    } finally {
      await leader.request('POST', `${CM}/${ALBUM}/${albumId}/actions/unpublish`, {});
      await leader.request('POST', `${CM}/${WORK_WEEK}/${weekId}/actions/unpublish`, {});
    }
    await waitFor(
      async () => (await resultLinks(siteUrl, festival)).length === 0 && (await resultLinks(siteUrl, room)).length === 0,
      'album và lịch công tác đã gỡ biến khỏi kết quả tìm kiếm',
      10_000,
    );
  });
});

describe('a restarted site', () => {
  let site: ChildProcess | undefined;
  let dir = '';
  let output = '';

  afterAll(() => {
    site?.kill('SIGKILL');
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('loads the persisted index and answers the same as the running site, without reading the CMS in full', async () => {
    const stackFile = path.join(testStack().workDir, 'search-index.json');
    await waitFor(() => existsSync(stackFile), 'tệp chỉ mục tìm kiếm được ghi');
    // A copy, so the two processes never write one file.
    dir = mkdtempSync(path.join(tmpdir(), 'search-restart-'));
    const file = path.join(dir, 'search-index.json');
    copyFileSync(stackFile, file);

    const port = await freePort();
    const siteUrl = `http://127.0.0.1:${port}`;
    site = spawn(process.execPath, [path.resolve('site/dist/server/entry.mjs')], {
      cwd: path.resolve('site'),
      env: {
        ...process.env,
        ...ensureEnvFiles().site,
        HOST: '127.0.0.1',
        PORT: String(port),
        CMS_URL: testStack().cmsUrl,
        SITE_URL: siteUrl,
        SEARCH_INDEX_FILE: file,
        IMAGE_CACHE_DIR: path.join(dir, 'image-cache'),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    for (const stream of [site.stdout, site.stderr]) stream?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    await waitFor(async () => (await fetch(`${siteUrl}/`).catch(() => null))?.status === 200, 'trang công khai thứ hai khởi động');

    // The file may be a moment older than the running index (writes are debounced): the restarted site
    // compares what it loaded with the CMS's updatedAt stamps in the background, so it answers the same
    // once that comparison is done, within seconds, without a full read.
    for (const query of ['hiep hoa', 'khai giang', '380/QĐ-MNHH', 'thuc don']) {
      const running = await resultLinks(testStack().siteUrl, query);
      let restarted: string[] = [];
      await waitFor(
        async () => {
          restarted = await resultLinks(siteUrl, query);
          return JSON.stringify(restarted) === JSON.stringify(running);
        },
        `trang khởi động lại trả lời "${query}" như trang đang chạy`,
        10_000,
        200,
      ).catch(() => {});
      expect(restarted, query).toEqual(running);
    }
    expect(output).toMatch(/\[search\] loaded \d+ documents from /);
    expect(fullReads(output)).toBe(0);
  });
});
