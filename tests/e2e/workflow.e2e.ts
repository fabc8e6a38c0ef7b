import { expect, test } from '@playwright/test';
import { REVIEW_STATES } from '@portal/common/review-states';
import { AdminSession } from '../helpers/admin.ts';
import { openInAdmin, signIn } from '../helpers/admin-browser.ts';
import { draftWithPhoto } from '../helpers/fixtures.ts';
import { testStack } from '../helpers/test-stack.ts';

test.describe('the review workflow in the admin', () => {
  test.skip(({ isMobile }) => isMobile, 'the full admin is used on a desktop screen; the phone page is separate');
  // The admin panel is a large single-page app; on a 2-core machine its first screens take a while.
  test.describe.configure({ timeout: 240_000 });

  test('a teacher submits, the Ban giám hiệu sees it waiting and publishes it', async ({ browser, request }) => {
    const stack = testStack();
    const teacherApi = await AdminSession.login('giaovien@mnhiephoa.test');
    const title = `Bé tập làm bánh trôi ${Date.now()}`;
    const { documentId } = await draftWithPhoto(
      teacherApi,
      { name: 'banh-troi.png', alt: 'Các bé nặn bánh trôi', color: '#27ae60' },
      { title, summary: 'Các bé lớp B2 tập làm bánh trôi.', text: 'Sáng nay các bé lớp B2 cùng cô nặn bánh trôi.' },
    );
    const editPath = `/admin/content-manager/collection-types/api::article.article/${documentId}`;

    const teacher = await (await browser.newContext()).newPage();
    await signIn(teacher, 'giaovien@mnhiephoa.test', editPath);
    await expect(teacher.getByText('Duyệt nội dung')).toBeVisible({ timeout: 90_000 });
    await expect(teacher.getByText('Nháp', { exact: true }).first()).toBeVisible();
    await expect(teacher.getByRole('button', { name: 'Duyệt', exact: true })).toHaveCount(0);
    await expect(teacher.getByRole('button', { name: 'Đăng', exact: true })).toBeDisabled();
    await teacher.getByRole('button', { name: 'Gửi duyệt' }).click();
    await expect(teacher.getByText('Chờ duyệt', { exact: true }).first()).toBeVisible({ timeout: 90_000 });

    const leader = await (await browser.newContext({ viewport: { width: 1366, height: 768 } })).newPage();
    await signIn(leader, 'hieutruong@mnhiephoa.test');
    // The Ban giám hiệu's home opens with "Chờ duyệt", above the fold, and the menu counts what waits.
    const queue = leader.getByRole('list', { name: 'Danh sách chờ duyệt' });
    const waiting = queue.getByRole('link', { name: title });
    await expect(waiting).toBeVisible({ timeout: 90_000 });
    expect((await queue.boundingBox())!.y).toBeLessThan(768);
    const widgetTitles = leader.getByRole('heading', { level: 2 });
    await expect(widgetTitles.first()).toHaveText('Chờ duyệt');
    const total = Number(/\d+/.exec((await leader.getByTestId('queue-total').textContent()) ?? '')![0]);
    expect(total).toBeGreaterThan(0);
    await expect(leader.getByRole('link', { name: 'Chờ duyệt', exact: true }).getByTestId('queue-count')).toHaveText(String(total));
    await waiting.click();
    const panel = leader.getByRole('complementary').filter({ hasText: 'Duyệt nội dung' });
    await expect(panel.getByRole('button', { name: 'Duyệt và đăng' })).toBeVisible({ timeout: 90_000 });
    await expect(panel.getByTestId('workflow-status')).toHaveText('Chờ duyệt');
    // Strapi's own publish button would be refused here: it is not offered.
    await expect(leader.getByRole('button', { name: 'Đăng', exact: true })).toHaveCount(0);
    await expect(leader.getByRole('button', { name: 'Yêu cầu chỉnh sửa' })).toBeDisabled();
    await leader.getByRole('button', { name: 'Duyệt và đăng' }).click();
    await expect(leader.getByText('Đã duyệt và đăng lên cổng thông tin.')).toBeVisible({ timeout: 90_000 });
    const slug = (await teacherApi.request<{ data: { slug: string } }>('GET', `/content-manager/collection-types/api::article.article/${documentId}`)).body.data
      .slug;
    await expect(leader.getByRole('link', { name: /Xem trên trang/ })).toHaveAttribute('href', `${stack.siteUrl}/tin-tuc/${slug}`);
    await expect(panel.getByTestId('workflow-status')).toHaveText('Đã đăng');
    await expect(leader.getByRole('button', { name: 'Duyệt và đăng' })).toHaveCount(0);
    // The database keeps the code ("approved"); the list view's column and filter tag still say it in words,
    // combined with whether the item is online.
    const list = '/admin/content-manager/collection-types/api::article.article';
    await openInAdmin(leader, `${list}?_q=${encodeURIComponent(title)}&filters[$and][0][reviewState][$eq]=${REVIEW_STATES.approved}`);
    const row = leader.getByRole('row').filter({ hasText: title });
    await expect(row).toContainText('Đã đăng', { timeout: 90_000 });
    await expect(row).not.toContainText(REVIEW_STATES.approved);
    await expect(leader.getByText('Trạng thái duyệt là Đã duyệt')).toBeVisible();

    await expect.poll(async () => (await request.get(`${stack.siteUrl}/tin-tuc`)).text(), { timeout: 10_000 }).toContain(title);
  });

  test('the admin speaks Vietnamese from the login page on', async ({ page }) => {
    await page.goto(`${testStack().cmsUrl}/admin/auth/login`);
    await expect(page.getByRole('button', { name: 'Đăng nhập' })).toBeVisible();
    await signIn(page, 'giaovien@mnhiephoa.test');
    await expect(page.getByRole('link', { name: 'Quản lý nội dung' })).toBeVisible({ timeout: 90_000 });
    await expect(page.getByRole('link', { name: 'Thư viện media' })).toBeVisible({ timeout: 90_000 });
  });
});

test.describe('reviewing on a phone', () => {
  test.skip(({ isMobile }) => !isMobile, 'the phone layout of the edit view');
  test.use({ viewport: { width: 390, height: 844 } });
  test.describe.configure({ timeout: 240_000 });

  test('the Ban giám hiệu opens the review panel by its name and approves with a publish time', async ({ page }) => {
    const teacherApi = await AdminSession.login('giaovien@mnhiephoa.test');
    const title = `Bé trồng cây xanh ${Date.now()}`;
    const { documentId } = await draftWithPhoto(
      teacherApi,
      { name: 'trong-cay.png', alt: 'Các bé trồng cây trong vườn trường', color: '#1e8449' },
      { title, summary: 'Các bé lớp A1 trồng cây.', text: 'Sáng nay các bé lớp A1 cùng cô trồng cây xanh.' },
    );
    await teacherApi.request('PUT', `/content-manager/collection-types/api::article.article/${documentId}`, { reviewState: REVIEW_STATES.pending });

    await signIn(page, 'hieutruong@mnhiephoa.test', `/admin/content-manager/collection-types/api::article.article/${documentId}`);
    const open = page.getByRole('button', { name: 'Duyệt nội dung' });
    await expect(open).toBeVisible({ timeout: 90_000 });
    await expect(page.getByRole('button', { name: 'Đăng', exact: true })).toHaveCount(0);
    await open.click();
    const dialog = page.getByRole('dialog', { name: 'Duyệt nội dung' });
    await expect(dialog.getByTestId('workflow-status')).toHaveText('Chờ duyệt', { timeout: 30_000 });
    for (const name of ['Duyệt và đăng', 'Duyệt và hẹn giờ đăng']) {
      const box = (await dialog.getByRole('button', { name }).boundingBox())!;
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.x + box.width).toBeLessThanOrEqual(390);
    }
    await dialog.getByRole('button', { name: 'Duyệt và hẹn giờ đăng' }).click();
    await dialog.getByLabel('Đăng lúc').fill('2099-12-01T08:00');
    await dialog.getByRole('button', { name: 'Duyệt và hẹn giờ', exact: true }).click();
    // The page reloads with the saved state and says what happened.
    await expect(page.getByText('Đã duyệt và hẹn đăng lúc 08:00 01/12/2099.')).toBeVisible({ timeout: 90_000 });
    await page.getByRole('button', { name: 'Duyệt nội dung' }).click();
    await expect(page.getByRole('dialog', { name: 'Duyệt nội dung' }).getByTestId('workflow-status')).toHaveText('Đã hẹn đăng 08:00 01/12/2099');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  });
});
