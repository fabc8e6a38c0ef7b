import { expect, test } from '@playwright/test';
import { signIn } from '../helpers/admin-browser.ts';
import { waitForMail } from '../helpers/mailbox.ts';
import { testStack } from '../helpers/test-stack.ts';

test.describe('the Tổ CNTT’s accounts page', () => {
  test.describe.configure({ timeout: 240_000 });

  test('sends a teacher a reset link and offers nothing on the Ban giám hiệu’s account', async ({ page, isMobile }) => {
    test.skip(isMobile, 'account work is done at a desk');
    const stack = testStack();
    await signIn(page, 'cntt@mnhiephoa.test');
    await page.goto(`${stack.cmsUrl}/admin/tai-khoan`);
    await expect(page.getByRole('heading', { level: 1, name: 'Tài khoản' })).toBeVisible({ timeout: 90_000 });

    const leader = page.locator('li[data-email="hieutruong@mnhiephoa.test"]');
    await expect(leader).toContainText('Chỉ Super Admin sửa được tài khoản này.');
    await expect(leader.getByRole('button')).toHaveCount(0);

    const teacher = page.locator('li[data-email="giaovien@mnhiephoa.test"]');
    await teacher.getByRole('button', { name: 'Gửi liên kết đặt lại mật khẩu' }).click();
    await expect(page.locator('#main-content').getByRole('status')).toContainText('Đã gửi liên kết đặt lại mật khẩu tới giaovien@mnhiephoa.test.');
    const mail = await waitForMail(stack.mailDir, (m) => m.to.includes('giaovien@mnhiephoa.test') && m.subject.includes('Đặt lại mật khẩu'));
    expect(mail.text).toContain('/auth/reset-password?code=');
  });
});
