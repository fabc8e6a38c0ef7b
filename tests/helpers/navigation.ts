import type { Locator, Page } from '@playwright/test';

/**
 * The main menu, ready to click: on a phone it sits behind the "Danh mục" toggle of the header (a
 * <details>), which this opens first; on a wide screen it is the visible bar.
 */
export async function mainNavigation(page: Page): Promise<Locator> {
  const toggle = page.locator('summary.site-menu__toggle');
  if (await toggle.isVisible()) {
    const open = await page.locator('details.site-menu').evaluate((details) => (details as HTMLDetailsElement).open);
    if (!open) await toggle.click();
  }
  return page.getByRole('navigation', { name: 'Điều hướng chính' });
}

/** Whether this page shows the phone header (menu behind a toggle) rather than the menu bar. */
export const hasPhoneHeader = (page: Page): Promise<boolean> => page.locator('summary.site-menu__toggle').isVisible();
