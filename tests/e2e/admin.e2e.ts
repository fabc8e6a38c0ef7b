import { expect, test } from '@playwright/test';
import { readDemoAccounts } from '../../scripts/lib/demo-accounts.ts';
import { testStack } from '../helpers/test-stack.ts';

test.describe('the admin panel', () => {
  test('lets the Ban giám hiệu sign in and open the directives', async ({ page, isMobile }) => {
    test.skip(isMobile, 'the stock admin is tried on a desktop screen');
    const stack = testStack();
    const account = readDemoAccounts(stack.demoAccountsFile).find((a) => a.email === 'hieutruong@mnhiephoa.test')!;
    await page.goto(`${stack.cmsUrl}/admin`);
    await page.locator('input[name="email"]').fill(account.email);
    await page.locator('input[name="password"]').fill(account.password);
    await page.locator('button[type="submit"]').click();
    await page.goto(`${stack.cmsUrl}/admin/content-manager/collection-types/api::directive.directive`);
    await expect(page.getByText('380/QĐ-MNHH').first()).toBeVisible({ timeout: 20_000 });
  });
});
