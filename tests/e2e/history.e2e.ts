import { expect, test } from '@playwright/test';
import { AdminSession } from '../helpers/admin.ts';
import { signIn } from '../helpers/admin-browser.ts';
import { expectNoViolations } from '../helpers/axe.ts';
import { draftWithPhoto } from '../helpers/fixtures.ts';

test.describe('the versions of an item in the admin', () => {
  test.skip(({ isMobile }) => isMobile, 'the full admin is used on a desktop screen; the phone page is separate');
  // The admin panel is a large single-page app; on a 2-core machine its first screens take a while.
  test.describe.configure({ timeout: 240_000 });

  test('a teacher reads what changed between two versions side by side and restores the older one as a draft', async ({ page }) => {
    const teacherApi = await AdminSession.login('giaovien@mnhiephoa.test');
    const first = `Bé tập múa quạt ${Date.now()}`;
    const { documentId } = await draftWithPhoto(
      teacherApi,
      { name: 'mua-quat.png', alt: 'Các bé tập múa quạt', color: '#c0392b' },
      { title: first, summary: 'Các bé lớp A1 tập múa.', text: 'Các bé tập múa quạt chào mừng ngày 20/11.' },
    );
    const second = first.replace('múa quạt', 'múa sạp');
    const cm = `/content-manager/collection-types/api::article.article/${documentId}`;
    expect((await teacherApi.request('PUT', cm, { title: second })).status).toBe(200);

    await signIn(page, 'giaovien@mnhiephoa.test', `/admin${cm}`);
    await page.getByRole('button', { name: 'Thêm thao tác', exact: true }).click({ timeout: 90_000 });
    await page.getByRole('menuitem', { name: 'Các phiên bản' }).click();
    const dialog = page.getByRole('dialog', { name: 'Các phiên bản đã lưu' });
    await expect(dialog.getByRole('rowheader', { name: 'Tiêu đề' })).toBeVisible({ timeout: 30_000 });
    // The newest version against the one before it: the old word struck out on the left, the new one on the right.
    const title = dialog.getByRole('row').filter({ has: page.getByRole('rowheader', { name: 'Tiêu đề' }) });
    await expect(title.locator('del')).toHaveText('quạt');
    await expect(title.locator('ins')).toHaveText('sạp');
    await expect(dialog.getByRole('rowheader', { name: 'Tóm tắt' })).toHaveCount(0);
    await expectNoViolations(page, 'versions dialog', '[role="dialog"]');

    await dialog.getByRole('combobox', { name: 'Phiên bản' }).click();
    await page.getByRole('option', { name: /^Phiên bản 1 · Tạo bản nháp/ }).click();
    // Version 1's comparison (against nothing before it) has replaced the other above the button, which
    // moves with it: only then is the button where the click lands.
    await expect(dialog.getByRole('columnheader', { name: 'Trước đó' })).toBeVisible({ timeout: 30_000 });
    await dialog.getByRole('button', { name: 'Khôi phục phiên bản 1' }).click();
    await expect(page.getByRole('textbox', { name: /^Tiêu đề/ })).toHaveValue(first, { timeout: 90_000 });
    const draft = await teacherApi.request<{ data: { title: string; reviewState: string } }>('GET', cm);
    expect(draft.body.data).toMatchObject({ title: first, reviewState: 'draft' });
  });
});
