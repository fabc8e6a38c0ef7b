import { expect, test } from '@playwright/test';
import { mainNavigation } from '../helpers/navigation.ts';

const NAVIGATION = ['Trang chủ', 'Thông báo', 'Thực đơn', 'Tin tức – Sự kiện', 'Hoạt động – Phong trào', 'Văn bản', 'Công khai', 'Giới thiệu', 'Liên hệ'];

test.describe('the home page', () => {
  test('is in Vietnamese, names the school and lists the latest news, activities and directives', async ({ page }) => {
    const response = await page.goto('/');
    expect(response?.status()).toBe(200);
    await expect(page.locator('html')).toHaveAttribute('lang', 'vi');
    await expect(page).toHaveTitle(/Trường Mầm non Hiệp Hòa/);
    const main = page.getByRole('main');
    await expect(main.locator('a[href^="/tin-tuc/"]').first()).toBeVisible();
    await expect(main.locator('a[href^="/hoat-dong/"]').first()).toBeVisible();
    await expect(main.locator('a[href^="/van-ban/"]').first()).toBeVisible();
  });

  test('offers the nine sections in order, and every one of them opens', async ({ page, request }) => {
    await page.goto('/');
    const nav = await mainNavigation(page);
    const links = nav.getByRole('link');
    await expect(links).toHaveText(NAVIGATION);
    await expect(links.first()).toHaveAttribute('aria-current', 'page');
    for (const href of await links.evaluateAll((anchors) => anchors.map((a) => a.getAttribute('href') ?? ''))) {
      const answer = await request.get(href);
      expect(answer.status(), href).toBe(200);
    }
  });

  test('lets a keyboard user skip to the content', async ({ page, browserName }) => {
    test.skip(browserName !== 'chromium');
    await page.goto('/');
    await page.keyboard.press('Tab');
    const skip = page.getByRole('link', { name: /Bỏ qua/ });
    await expect(skip).toBeFocused();
    await skip.press('Enter');
    await expect(page).toHaveURL(/#/);
  });

  test('fits a phone screen without sideways scrolling', async ({ page }) => {
    await page.setViewportSize({ width: 360, height: 740 });
    await page.goto('/');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
  });
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('the home page and a news article are complete', async ({ page }) => {
    await page.goto('/');
    const first = page.getByRole('main').locator('a[href^="/tin-tuc/"]').first();
    const href = await first.getAttribute('href');
    expect(href).toBeTruthy();
    const response = await page.goto(href!);
    expect(response?.status()).toBe(200);
    await expect(page.getByRole('heading', { level: 1 })).not.toBeEmpty();
    const cover = page.getByRole('main').locator('img').first();
    await expect(cover).toHaveAttribute('alt', /\S{3,}/);
  });
});
