import { expect, test } from '@playwright/test';
import { REVIEW_STATES } from '@portal/common/review-states';
import { AdminSession } from '../helpers/admin.ts';
import { signIn } from '../helpers/admin-browser.ts';
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
    const editUrl = `${stack.cmsUrl}/admin/content-manager/collection-types/api::article.article/${documentId}`;

    const teacher = await (await browser.newContext()).newPage();
    await signIn(teacher, 'giaovien@mnhiephoa.test');
    await teacher.goto(editUrl);
    await expect(teacher.getByText('Duyệt nội dung')).toBeVisible({ timeout: 90_000 });
    await expect(teacher.getByText('Nháp', { exact: true }).first()).toBeVisible();
    await expect(teacher.getByRole('button', { name: 'Duyệt', exact: true })).toHaveCount(0);
    await expect(teacher.getByRole('button', { name: 'Đăng', exact: true })).toBeDisabled();
    await teacher.getByRole('button', { name: 'Gửi duyệt' }).click();
    await expect(teacher.getByText('Chờ duyệt', { exact: true }).first()).toBeVisible({ timeout: 90_000 });

    const leader = await (await browser.newContext()).newPage();
    await signIn(leader, 'hieutruong@mnhiephoa.test');
    await leader.goto(`${stack.cmsUrl}/admin`);
    const waiting = leader.getByRole('list', { name: 'Danh sách chờ duyệt' }).getByRole('link', { name: title });
    await expect(waiting).toBeVisible({ timeout: 90_000 });
    await waiting.click();
    await expect(leader.getByRole('button', { name: 'Duyệt và đăng' })).toBeVisible({ timeout: 90_000 });
    await expect(leader.getByRole('button', { name: 'Yêu cầu chỉnh sửa' })).toBeDisabled();
    await leader.getByRole('button', { name: 'Duyệt và đăng' }).click();
    await expect(leader.getByText('Đã duyệt', { exact: true }).first()).toBeVisible({ timeout: 90_000 });
    // The database keeps the code ("approved"); the list view's column and filter tag still say it in words.
    const list = `${stack.cmsUrl}/admin/content-manager/collection-types/api::article.article`;
    await leader.goto(`${list}?_q=${encodeURIComponent(title)}&filters[$and][0][reviewState][$eq]=${REVIEW_STATES.approved}`);
    const row = leader.getByRole('row').filter({ hasText: title });
    await expect(row).toContainText('Đã duyệt', { timeout: 90_000 });
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
