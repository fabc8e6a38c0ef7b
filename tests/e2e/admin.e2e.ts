import { expect, test } from '@playwright/test';
import { readDemoAccounts } from '../../scripts/lib/demo-accounts.ts';
import { openInAdmin } from '../helpers/admin-browser.ts';
import { testStack } from '../helpers/test-stack.ts';

test.describe('the admin panel', () => {
  test.describe.configure({ timeout: 240_000 });
  test('lets the Ban giám hiệu sign in and open the directives', async ({ page, isMobile }) => {
    test.skip(isMobile, 'the stock admin is tried on a desktop screen');
    const stack = testStack();
    const account = readDemoAccounts(stack.demoAccountsFile).find((a) => a.email === 'hieutruong@mnhiephoa.test')!;
    await page.goto(`${stack.cmsUrl}/admin`);
    await page.locator('input[name="email"]').fill(account.email);
    await page.locator('input[name="password"]').fill(account.password);
    await page.locator('button[type="submit"]').click();
    await page.waitForURL((url) => url.pathname.startsWith('/admin') && !url.pathname.includes('/auth/'));
    await openInAdmin(page, '/admin/content-manager/collection-types/api::directive.directive?page=1&pageSize=10&_q=380');
    await expect(page.getByRole('heading', { level: 1, name: 'Văn bản' })).toBeVisible({ timeout: 90_000 });
    await expect(page.getByRole('gridcell', { name: 'Số ký hiệu', exact: true })).toBeVisible();
    await expect(page.getByRole('gridcell', { name: '380/QĐ-MNHH', exact: true })).toBeVisible();
  });
});
