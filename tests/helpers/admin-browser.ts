import type { Page } from '@playwright/test';
import { readDemoAccounts } from '../../scripts/lib/demo-accounts.ts';
import { testStack } from './test-stack.ts';

/** The admin app's own path of an admin URL path ("/admin/x" → "/x"), as its router and `?redirectTo` take it. */
const appPath = (to: string): string => to.replace(/^\/admin(?=\/|$)/, '') || '/';

/**
 * Signs in to the admin panel through its login form, as a person would. With `to` (an admin path such as
 * "/admin/content-manager/…"), the way a deep link does: the login page's `?redirectTo` brings the app
 * there once signed in, without loading it a second time (each load of the 5.8 MB app costs a CI machine
 * about 6 s of CPU).
 */
export async function signIn(page: Page, email: string, to?: string): Promise<void> {
  const stack = testStack();
  const account = readDemoAccounts(stack.demoAccountsFile).find((a) => a.email === email);
  if (!account) throw new Error(`Không có tài khoản mẫu ${email}`);
  const target = to ? appPath(to) : '/';
  await page.goto(`${stack.cmsUrl}/admin/auth/login${target === '/' ? '' : `?redirectTo=${encodeURIComponent(target)}`}`);
  await page.locator('input[name="email"]').fill(account.email);
  await page.locator('input[name="password"]').fill(account.password);
  await page.locator('button[type="submit"]').click();
  const landing = new URL(`${stack.cmsUrl}/admin${target === '/' ? '' : target}`).pathname;
  await page.waitForURL((url) => (to ? url.pathname === landing : url.pathname.startsWith('/admin') && !url.pathname.includes('/auth/')));
}

/**
 * Opens another admin screen inside the running app, as its own links do (history and the router's
 * popstate), instead of loading the whole app again; a page not yet in the app loads it. Waits for nothing:
 * the caller waits for what the screen shows.
 */
export async function openInAdmin(page: Page, to: string): Promise<void> {
  const stack = testStack();
  const here = new URL(page.url());
  const inApp = here.origin === new URL(stack.cmsUrl).origin && here.pathname.startsWith('/admin') && !here.pathname.startsWith('/admin/auth');
  if (!inApp) {
    await page.goto(`${stack.cmsUrl}${to}`);
    return;
  }
  await page.evaluate((path) => {
    // The entry the router itself would write (its index one further), so that it takes the step as one forward.
    const index = ((window.history.state as { idx?: number } | null)?.idx ?? 0) + 1;
    window.history.pushState({ usr: null, key: Math.random().toString(36).slice(2, 10), idx: index }, '', path);
    window.dispatchEvent(new PopStateEvent('popstate', { state: window.history.state }));
  }, to);
}
