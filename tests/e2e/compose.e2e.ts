import { expect, type Locator, type Page, test } from '@playwright/test';
import { REVIEW_STATES } from '@portal/common/review-states';
import sharp from 'sharp';
import { readDemoAccounts } from '../../scripts/lib/demo-accounts.ts';
import { AdminSession } from '../helpers/admin.ts';
import { expectNoViolations } from '../helpers/axe.ts';
import { draftWithPhoto } from '../helpers/fixtures.ts';
import { readMailbox } from '../helpers/mailbox.ts';
import { testStack } from '../helpers/test-stack.ts';

const TEACHER = 'giaovien@mnhiephoa.test';

async function photo(width: number, height: number, colour: string): Promise<Buffer> {
  // Noise makes the JPEG as large as a real camera photo, so shrinking before upload matters.
  const noise = await sharp({ create: { width, height, channels: 3, background: '#808080', noise: { type: 'gaussian', mean: 128, sigma: 40 } } })
    .png()
    .toBuffer();
  return sharp({ create: { width, height, channels: 3, background: colour } })
    .composite([{ input: noise, blend: 'overlay' }])
    .jpeg({ quality: 92 })
    .toBuffer();
}

async function openComposePage(page: Page): Promise<void> {
  const stack = testStack();
  const account = readDemoAccounts(stack.demoAccountsFile).find((a) => a.email === TEACHER)!;
  // The short address, typed before signing in: the sign-in page brings the teacher back to it.
  await page.goto(`${stack.cmsUrl}/admin/gui-bai`);
  await page.locator('input[name="email"]').fill(account.email);
  await page.locator('input[name="password"]').fill(account.password);
  await page.locator('button[type="submit"]').tap();
  await expect(page.getByRole('heading', { name: 'Gửi bài', level: 1 })).toBeVisible({ timeout: 90_000 });
  await expect(page).toHaveURL(/\/admin\/gui-bai$/);
}

async function chooseFiles(page: Page, button: Locator, files: { name: string; mimeType: string; buffer: Buffer }[]): Promise<void> {
  const chooser = page.waitForEvent('filechooser');
  await button.tap();
  await (await chooser).setFiles(files);
}

const addPhotos = (page: Page) => page.getByRole('button', { name: /Chụp hoặc chọn ảnh/ });
const uploadedCount = (page: Page) => page.getByText(/: đã tải lên ✓$/);
const notice = (page: Page) => page.locator('.gb-notice');

test.describe('"Gửi bài" on a phone', () => {
  // The page is made for phones: run once, in the phone project (test.use below sets the phone for both).
  // biome-ignore lint/correctness/noEmptyPattern: Playwright reads the fixtures a hook needs from this pattern; this one needs none
  test.beforeEach(({}, testInfo) => test.skip(testInfo.project.name !== 'phone', 'the phone project runs it'));
  test.use({ viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true, deviceScaleFactor: 3 });
  // The admin bundle is large; its first load on a 2-core machine takes a while.
  test.describe.configure({ timeout: 240_000 });

  test('a teacher sends a two-photo activity for review in at most six taps, follows it in "Bài của tôi" until it is online with the chosen cover, the location and its text once', async ({
    page,
  }) => {
    await openComposePage(page);
    let taps = 0;
    const tap = async (locator: Locator) => {
      await locator.tap();
      taps += 1;
    };
    const title = `Bé lớp B2 trồng cây xanh ${Date.now()}`;

    await tap(page.getByRole('button', { name: 'Hoạt động', exact: true }));
    await tap(page.getByRole('button', { name: 'B2', exact: true }));
    await page.getByLabel('Tiêu đề').fill(title);
    await page.getByLabel('Địa điểm').fill('Vườn trường');
    const firstSentence = 'Sáng nay các bé lớp B2 cùng cô trồng cây ở vườn trường.';
    await page.getByLabel('Nội dung (vài câu)').fill(`${firstSentence}\nMỗi bé tự tưới nước cho cây của mình.`);
    const chooser = page.waitForEvent('filechooser');
    await tap(addPhotos(page));
    await (await chooser).setFiles([
      { name: 'IMG_2041.jpg', mimeType: 'image/jpeg', buffer: await photo(4000, 3000, '#2e8b57') },
      { name: 'IMG_2042.jpg', mimeType: 'image/jpeg', buffer: await photo(1200, 1600, '#c0392b') },
    ]);
    await expect(uploadedCount(page)).toHaveCount(2, { timeout: 60_000 });
    // The plain-words alt text comes with a sensible default the teacher can simply accept.
    await expect(page.getByLabel('Ảnh này có gì?').first()).toHaveValue(/^Các bé lớp B2 trong hoạt động ".+" \(ảnh 1\)$/);
    // The first photo is the cover unless another is chosen.
    await expect(page.getByRole('radio', { name: 'Ảnh 1: Làm ảnh đại diện' })).toBeChecked();
    await tap(page.getByRole('radio', { name: 'Ảnh 2: Làm ảnh đại diện' }));
    await expect(page.getByRole('radio', { name: 'Ảnh 2: Làm ảnh đại diện' })).toBeChecked();

    // Every touch target is at least 44 × 44 px (a radio button's is its whole label), and nothing scrolls sideways, even at 360 px.
    const small = await page.locator('.gb').evaluate((root) =>
      Array.from(root.querySelectorAll<HTMLElement>('button, a, input:not([type="file"]), textarea'))
        .filter((element) => element.offsetParent !== null)
        .map((element) => (element.matches('input[type="radio"]') ? (element.closest('label') ?? element) : element))
        .map((element) => ({ name: element.textContent?.trim() || element.id, box: element.getBoundingClientRect() }))
        .filter(({ box }) => box.width < 44 || box.height < 44)
        .map(({ name, box }) => `${name}: ${Math.round(box.width)}×${Math.round(box.height)}`),
    );
    expect(small).toEqual([]);
    const fontSize = await page.getByLabel('Tiêu đề').evaluate((input) => Number.parseFloat(getComputedStyle(input).fontSize));
    expect(fontSize).toBeGreaterThanOrEqual(16);
    for (const width of [390, 360]) {
      await page.setViewportSize({ width, height: 800 });
      const overflow = await page.evaluate(() => {
        const root = document.querySelector('.gb')!;
        return { page: document.documentElement.scrollWidth - window.innerWidth, form: root.scrollWidth - root.clientWidth };
      });
      expect(overflow, `tràn ngang ở ${width} px`).toEqual({ page: 0, form: 0 });
    }

    await tap(page.getByRole('button', { name: 'Gửi duyệt', exact: true }));
    await expect(notice(page)).toContainText(`Đã gửi "${title}" cho Ban giám hiệu duyệt`, { timeout: 60_000 });
    test.info().annotations.push({ type: 'số lần chạm', description: String(taps) });
    expect(taps).toBeLessThanOrEqual(6);

    // "Bài của tôi" now lists it as waiting, with its date and a thumbnail of the chosen cover.
    const mine = page.getByRole('region', { name: 'Bài của tôi' }).getByRole('listitem').filter({ hasText: title });
    await expect(mine).toContainText('Chờ duyệt');
    await expect(mine.locator('time')).toHaveText(/^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}$/);
    await expect.poll(() => mine.locator('img').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);

    // A normal activity in Chờ duyệt, by the teacher, with the photos shrunk on the phone and described.
    const leader = await AdminSession.login('hieutruong@mnhiephoa.test');
    const queue = await leader.request<{ data: { title: string; documentId: string; uid: string; author: string | null }[] }>('GET', '/workflow/queue');
    const item = queue.body.data.find((entry) => entry.title === title);
    expect(item?.uid).toBe('api::activity.activity');
    const doc = await leader.request<{ data: Record<string, unknown> }>('GET', `/content-manager/collection-types/api::activity.activity/${item!.documentId}`);
    expect(doc.body.data).toMatchObject({ reviewState: REVIEW_STATES.pending, classGroup: 'B2', kind: 'Hoạt động', publishedAt: null });
    // Authored by the teacher: it is among her own items.
    const teacherApi = await AdminSession.login(TEACHER);
    const own = await teacherApi.request<{ data: { documentId: string; reviewState: string }[] }>('GET', '/workflow/mine');
    expect(own.body.data.find((entry) => entry.documentId === item!.documentId)?.reviewState).toBe(REVIEW_STATES.pending);
    const media = [doc.body.data.cover, ...(doc.body.data.gallery as unknown[])] as { width: number; height: number; alternativeText: string; mime: string }[];
    expect(media).toHaveLength(2);
    // The second photo (portrait, 1200 × 1600, already small) was chosen as the cover; the 4000 px one was shrunk.
    expect(media.map((file) => file.alternativeText.endsWith('(ảnh 2)'))).toEqual([true, false]);
    expect(Math.max(media[1]!.width, media[1]!.height)).toBe(2560);
    expect(media.every((file) => file.mime === 'image/jpeg' && file.alternativeText.startsWith('Các bé lớp B2'))).toBe(true);
    // The Ban giám hiệu is told exactly as for drafts written in the full editor.
    await expect
      .poll(async () => (await readMailbox(testStack().mailDir)).some((mail) => mail.to.includes('hieutruong@mnhiephoa.test') && mail.text.includes(title)), {
        timeout: 30_000,
      })
      .toBe(true);

    // "Duyệt và đăng": the list on the phone follows without a reload when the teacher comes back to it.
    const base = `/content-manager/collection-types/api::activity.activity/${item!.documentId}`;
    expect((await leader.request('PUT', base, { reviewState: REVIEW_STATES.approved })).status).toBe(200);
    expect((await leader.request('POST', `${base}/actions/publish`, {})).status).toBe(200);
    await page.evaluate(() => window.dispatchEvent(new Event('focus')));
    await expect(mine).toContainText('Đã đăng');
    const online = mine.getByRole('link', { name: 'Xem trên trang' });
    const publicUrl = await online.getAttribute('href');

    // The public page: the chosen cover, the location, and the text once (no summary repeating the body).
    await page.goto(publicUrl!);
    const entry = page.locator('article.entry');
    await expect(entry.getByRole('heading', { level: 1 })).toHaveText(title);
    await expect(entry.locator('.entry__cover img')).toHaveAttribute('alt', /\(ảnh 2\)$/);
    await expect(entry.locator('.facts div').filter({ hasText: 'Địa điểm' }).locator('dd')).toHaveText('Vườn trường');
    await expect(entry.getByText(firstSentence)).toHaveCount(1);
  });

  test('keeps what the teacher typed before the page finished loading on a slow connection, even when she closes it at once', async ({ page, context }) => {
    // The form's options are held back until she has typed: the answer then comes, as on a slow network.
    let release = () => {};
    const typed = new Promise<void>((resolve) => {
      release = resolve;
    });
    await page.route('**/workflow/compose-options', async (route) => {
      await typed;
      await route.continue();
    });
    await openComposePage(page);
    const title = 'Bé lớp A1 tập thể dục buổi sáng';
    await page.getByLabel('Tiêu đề').fill(title);
    await page.getByLabel('Nội dung (vài câu)').fill('Các bé tập bài thể dục nhịp điệu trên sân trường.');
    // Saved on the phone already, before the options came: a second tab opened now (also waiting) shows it.
    const second = await context.newPage();
    await second.goto(`${testStack().cmsUrl}/admin/gui-bai`);
    await expect(second.getByLabel('Tiêu đề')).toHaveValue(title, { timeout: 60_000 });
    await second.close();
    release();
    // The class buttons come with that answer; what she typed meanwhile stays.
    await expect(page.getByRole('button', { name: 'B2', exact: true })).toBeVisible({ timeout: 60_000 });
    await expect(page.getByLabel('Tiêu đề')).toHaveValue(title);
    await expect(page.getByLabel('Nội dung (vài câu)')).toHaveValue('Các bé tập bài thể dục nhịp điệu trên sân trường.');
    await page.getByRole('button', { name: 'Bỏ bài này, viết bài khác' }).tap();
  });

  test('refuses an empty title, a file that is not a photo, a 40 MB photo and an eleventh photo, in Vietnamese, keeping what was typed', async ({ page }) => {
    await openComposePage(page);
    const text = 'Các bé lớp A1 đọc thơ chào mừng ngày Nhà giáo.';
    await page.getByRole('button', { name: 'Tin tức', exact: true }).tap();
    await page.getByLabel('Nội dung (vài câu)').fill(text);
    await page.getByRole('button', { name: 'Gửi duyệt', exact: true }).tap();
    await expect(notice(page)).toHaveText('Hãy nhập tiêu đề (ít nhất 5 ký tự).');

    await chooseFiles(page, addPhotos(page), [{ name: 'ke-hoach.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4 kế hoạch') }]);
    await expect(notice(page)).toContainText('Tệp "ke-hoach.pdf" không phải là ảnh.');
    await chooseFiles(page, addPhotos(page), [{ name: 'IMG_9999.jpg', mimeType: 'image/jpeg', buffer: Buffer.alloc(40 * 1024 * 1024, 1) }]);
    await expect(notice(page)).toContainText('Ảnh "IMG_9999.jpg" quá lớn (40 MB).');
    // Named like a photo but not one: the phone cannot decode it, and says so.
    await chooseFiles(page, addPhotos(page), [{ name: 'trang.jpg', mimeType: 'image/jpeg', buffer: Buffer.from('<html><script>alert(1)</script></html>') }]);
    await expect(notice(page)).toContainText('Không đọc được "trang.jpg" như một ảnh.');

    const tiny = await sharp({ create: { width: 40, height: 30, channels: 3, background: '#3498db' } })
      .jpeg()
      .toBuffer();
    await chooseFiles(
      page,
      addPhotos(page),
      Array.from({ length: 11 }, (_, i) => ({ name: `anh-${i + 1}.jpg`, mimeType: 'image/jpeg', buffer: tiny })),
    );
    await expect(notice(page)).toContainText('Mỗi bài có tối đa 10 ảnh; đã bỏ qua 1 ảnh.');
    await expect(uploadedCount(page)).toHaveCount(10, { timeout: 90_000 });
    await expect(addPhotos(page)).toBeDisabled();
    await expect(page.getByLabel('Nội dung (vài câu)')).toHaveValue(text);

    await expectNoViolations(page, 'Gửi bài', '.gb');
    await page.getByRole('button', { name: 'Bỏ bài này, viết bài khác' }).tap();
    await expect(page.getByLabel('Nội dung (vài câu)')).toHaveValue('');
  });

  test('keeps the draft on the phone through a closed browser, a dropped network, a failed upload and an expired session', async ({ page, context }) => {
    await openComposePage(page);
    const title = `Hội thi bé khỏe bé ngoan ${Date.now()}`;
    await page.getByRole('button', { name: 'Hoạt động', exact: true }).tap();
    await page.getByLabel('Tiêu đề').fill(title);
    await page.getByLabel('Nội dung (vài câu)').fill('Các bé thi chạy tiếp sức và nhảy bao bố.');

    // Closed and opened again: the text is still there.
    await page.close();
    const again = await context.newPage();
    await again.goto(`${testStack().cmsUrl}/admin/gui-bai`);
    await expect(again.getByLabel('Tiêu đề')).toHaveValue(title, { timeout: 90_000 });
    await expect(notice(again)).toContainText('Đã mở lại bài bạn đang viết dở trên máy này.');

    // A failed upload can be retried without losing anything.
    let failUploads = true;
    await again.route('**/upload', (route) => (failUploads && route.request().method() === 'POST' ? route.abort('connectionreset') : route.continue()));
    await chooseFiles(again, addPhotos(again), [{ name: 'IMG_3001.jpg', mimeType: 'image/jpeg', buffer: await photo(800, 600, '#8e44ad') }]);
    await expect(again.getByText('IMG_3001.jpg: chưa tải lên được')).toBeVisible({ timeout: 30_000 });
    await expect(again.getByText('Mất kết nối mạng khi tải ảnh lên.')).toBeVisible();
    failUploads = false;
    await again.getByRole('button', { name: 'Thử lại' }).tap();
    await expect(uploadedCount(again)).toHaveCount(1, { timeout: 30_000 });
    await expect(again.getByLabel('Tiêu đề')).toHaveValue(title);

    // The network drops at the moment of sending: a clear message, nothing lost, and sending works once it is back.
    await context.setOffline(true);
    await again.getByRole('button', { name: 'Gửi duyệt', exact: true }).tap();
    await expect(notice(again)).toContainText('Mất kết nối mạng');
    await expect(again.getByLabel('Tiêu đề')).toHaveValue(title);
    await context.setOffline(false);

    // The session expires (signed out elsewhere): a clear message, and after signing in again the draft is still there.
    await context.clearCookies();
    await again.evaluate(() => window.localStorage.removeItem('jwtToken'));
    await again.getByRole('button', { name: 'Gửi duyệt', exact: true }).tap();
    // Either the page says so, or the admin has already taken her to its sign-in page.
    await expect
      .poll(async () => again.url().includes('/auth/login') || ((await notice(again).textContent()) ?? '').includes('Phiên đăng nhập đã hết hạn'), {
        timeout: 30_000,
      })
      .toBe(true);
    await openComposePage(again);
    await expect(again.getByLabel('Tiêu đề')).toHaveValue(title);
    await expect(uploadedCount(again)).toHaveCount(1);
    await again.getByRole('button', { name: 'Gửi duyệt', exact: true }).tap();
    await expect(notice(again)).toContainText(`Đã gửi "${title}" cho Ban giám hiệu duyệt`, { timeout: 60_000 });
  });

  test("shows the reviewer's note on an item returned for changes, lets the teacher fix and re-send it, and offers to send a draft never sent", async ({
    page,
  }) => {
    const teacherApi = await AdminSession.login(TEACHER);
    const title = `Bé vẽ tranh mùa thu ${Date.now()}`;
    const unsent = `Bé chơi với cát ${Date.now()}`;
    await draftWithPhoto(teacherApi, { name: 'chua-gui.jpg', alt: 'Các bé chơi cát', bytes: await photo(320, 240, '#d4ac0d') }, { title: unsent });
    const { documentId } = await draftWithPhoto(
      teacherApi,
      { name: 'tra-lai.jpg', alt: 'Các bé vẽ tranh', bytes: await photo(640, 480, '#16a085') },
      { title, summary: 'Các bé vẽ tranh.', text: 'Các bé vẽ tranh.' },
    );
    const base = `/content-manager/collection-types/api::article.article/${documentId}`;
    expect((await teacherApi.request('PUT', base, { reviewState: REVIEW_STATES.pending })).status).toBe(200);
    const leader = await AdminSession.login('hieutruong@mnhiephoa.test');
    expect((await leader.request('PUT', base, { reviewState: REVIEW_STATES.changesRequested, reviewNote: 'Thêm tên lớp vào tiêu đề.' })).status).toBe(200);

    await openComposePage(page);
    await page.getByRole('tab', { name: 'Bài của tôi' }).tap();
    const item = page.getByRole('region', { name: 'Bài của tôi' }).getByRole('listitem').filter({ hasText: title });
    await expect(item).toContainText('Cần chỉnh sửa');
    await expect(item).toContainText('Ghi chú của Ban giám hiệu: Thêm tên lớp vào tiêu đề.');
    const draftItem = page.getByRole('region', { name: 'Bài của tôi' }).getByRole('listitem').filter({ hasText: unsent });
    await expect(draftItem).toContainText('Nháp');
    await expect(draftItem.getByRole('button')).toHaveText('Sửa và gửi');
    await item.getByRole('button', { name: 'Sửa và gửi lại' }).tap();
    await expect(page.getByLabel('Tiêu đề')).toHaveValue(title);
    await expect(uploadedCount(page)).toHaveCount(1);
    await page.getByLabel('Tiêu đề').fill(`${title} – lớp C2`);
    await page.getByRole('button', { name: 'Gửi lại để duyệt' }).tap();
    await expect(notice(page)).toContainText('cho Ban giám hiệu duyệt', { timeout: 60_000 });
    const doc = await leader.request<{ data: { title: string; reviewState: string } }>('GET', base);
    expect(doc.body.data).toMatchObject({ title: `${title} – lớp C2`, reviewState: REVIEW_STATES.pending });
  });
});
