import { expect, test } from '@playwright/test';
import { todayInVietnam } from '../../site/src/lib/dates.ts';
import { dayLabel } from '../../site/src/lib/menu-weeks.ts';
import { mainNavigation } from '../helpers/navigation.ts';

/** Bytes a phone downloads for the home page, images aside (docs/public-site.md, scripts/lighthouse.ts). */
const HOME_MAX_BYTES = 60 * 1024;

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

  test("looks like a kindergarten's: photo and logo, today's menu, quick links and activity photos, within the weight budget", async ({ page, isMobile }) => {
    await page.setViewportSize(isMobile ? { width: 390, height: 844 } : { width: 1366, height: 768 });
    await page.goto('/');
    const main = page.getByRole('main');
    await expect(main.getByRole('heading', { level: 1 })).toHaveText('Trường Mầm non Hiệp Hòa');
    const photo = main.locator('img.home-hero__photo');
    await expect(photo).toHaveAttribute('alt', /Trường Mầm non Hiệp Hòa/);
    await expect(photo).toHaveAttribute('loading', 'eager');
    await expect(main.getByRole('img', { name: /^Biểu trưng/ })).toBeVisible();
    await expect.poll(() => photo.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);

    const menu = main.getByRole('region', { name: 'Thực đơn hôm nay' });
    await expect(menu).toContainText(dayLabel(todayInVietnam()));
    await expect(menu.getByRole('link', { name: 'Xem thực đơn cả tuần' })).toHaveAttribute('href', '/thuc-don');

    const shortcuts = main.getByRole('navigation', { name: 'Lối tắt' }).getByRole('link');
    await expect(shortcuts).toHaveText([/^Thực đơn/, /^Thông báo/, /^Liên hệ.*0203 3877 215/, /^Công khai/, /^Văn bản/, /^Tìm kiếm/]);

    // Activity photos are real covers through /anh, loaded when scrolled to.
    const covers = main.getByRole('region', { name: 'Hoạt động của bé' }).locator('img');
    await expect(covers).toHaveCount(4);
    for (const cover of await covers.all()) {
      await cover.scrollIntoViewIfNeeded();
      await expect.poll(() => cover.evaluate((img: HTMLImageElement) => img.naturalWidth)).toBeGreaterThan(0);
      expect(await cover.evaluate((img: HTMLImageElement) => new URL(img.currentSrc).pathname)).toMatch(/^\/anh\/\d+\//);
    }
    // Văn bản come last, as a short list rather than a table.
    const directives = main.getByRole('region', { name: 'Văn bản mới' });
    await expect(directives.getByRole('listitem')).toHaveCount(3);
    await expect(main.getByRole('table')).toHaveCount(0);

    expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
    if (isMobile) {
      const bytes = await page.evaluate(() => {
        const entries = [...performance.getEntriesByType('navigation'), ...performance.getEntriesByType('resource')] as PerformanceResourceTiming[];
        const images = entries.filter((entry) => entry.initiatorType === 'img' || /\/anh\//.test(entry.name));
        const weight = (list: PerformanceResourceTiming[]) => list.reduce((sum, entry) => sum + entry.transferSize, 0);
        return { withoutImages: weight(entries.filter((entry) => !images.includes(entry))), images: weight(images) };
      });
      expect(bytes.withoutImages).toBeGreaterThan(0);
      expect(bytes.withoutImages).toBeLessThanOrEqual(HOME_MAX_BYTES);
      // The drawn demo photos are small; real ones at these widths stay well under half a megabyte.
      expect(bytes.images).toBeLessThanOrEqual(500 * 1024);
    }
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
