import { expect, test } from '@playwright/test';
import { signIn } from '../helpers/admin-browser.ts';
import { waitForMail } from '../helpers/mailbox.ts';
import { testStack } from '../helpers/test-stack.ts';

test.describe('the Tổ CNTT’s accounts page', () => {
  test.describe.configure({ timeout: 240_000 });

  test('sends a teacher a reset link and offers nothing on the Ban giám hiệu’s account', async ({ page, isMobile }) => {
    test.skip(isMobile, 'account work is done at a desk');
    const stack = testStack();
    await signIn(page, 'cntt@mnhiephoa.test', '/admin/tai-khoan');
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

  // The server's refusal of everyone else is tested in tests/integration/mail-outbox.int.test.ts.
  test('shows the Tổ CNTT the deliveries given up and being retried, from the menu', async ({ page, isMobile }) => {
    test.skip(isMobile, 'account work is done at a desk');
    await signIn(page, 'cntt@mnhiephoa.test');
    await page.getByRole('link', { name: 'Hàng đợi gửi' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Hàng đợi gửi' })).toBeVisible({ timeout: 90_000 });
    await expect(page.getByRole('heading', { level: 2, name: /^Gửi không được \(\d+\)$/ })).toBeVisible();
    await expect(page.getByRole('heading', { level: 2, name: /^Đang thử lại \(\d+\)$/ })).toBeVisible();
  });
});
