import type { Page } from '@playwright/test';
import { readDemoAccounts } from '../../scripts/lib/demo-accounts.ts';
import { testStack } from './test-stack.ts';

/** Signs in to the admin panel through its login form, as a person would. */
export async function signIn(page: Page, email: string): Promise<void> {
  const stack = testStack();
  const account = readDemoAccounts(stack.demoAccountsFile).find((a) => a.email === email);
  if (!account) throw new Error(`Không có tài khoản mẫu ${email}`);
  await page.goto(`${stack.cmsUrl}/admin/auth/login`);
  await page.locator('input[name="email"]').fill(account.email);
  await page.locator('input[name="password"]').fill(account.password);
  await page.locator('button[type="submit"]').click();
  await page.waitForURL((url) => url.pathname.startsWith('/admin') && !url.pathname.includes('/auth/'));
}
