import { expect, test } from '@playwright/test';
import { signIn } from '../helpers/admin-browser.ts';
import { testStack } from '../helpers/test-stack.ts';

test.describe('"Việc cần công khai" on the admin home page', () => {
  test.describe.configure({ timeout: 240_000 });

  test('shows the Ban giám hiệu the disclosure duties around today with their due days', async ({ page, isMobile }) => {
    test.skip(isMobile, 'the admin home page is tried on a desktop screen');
    await signIn(page, 'hieutruong@mnhiephoa.test');
    await page.goto(`${testStack().cmsUrl}/admin`);
    await expect(page.getByRole('heading', { level: 2, name: 'Việc cần công khai' })).toBeVisible({ timeout: 90_000 });
    // The week after this one always has a menu duty, whatever its state today.
    await expect(page.getByText(/^Thực đơn tuần từ \d{2}\/\d{2}\/\d{4}$/).first()).toBeVisible({ timeout: 30_000 });
    await expect(page.getByText(/^Hạn: \d{2}\/\d{2}\/\d{4}/).first()).toBeVisible();
  });
});
