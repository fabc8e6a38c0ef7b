import { expect, test } from '@playwright/test';

// Content and behaviour, not layout: run once, in the phone project (most parents read on a phone).
test.skip(({ isMobile }) => !isMobile, 'content, not layout: the phone project runs it');

test.describe('Báo nội dung sai sót', () => {
  test('is linked from a directive page and opens a form that names that page and keeps the text on an error', async ({ page }) => {
    await page.goto('/van-ban/quyet-dinh-380-qd-mnhh');
    await page.getByRole('link', { name: 'Báo nội dung sai sót' }).click();
    await expect(page).toHaveURL(/\/bao-sai-sot\?/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Báo nội dung sai sót');
    await expect(page.getByRole('main').getByRole('link', { name: 'Quyết định 380/QĐ-MNHH' })).toHaveAttribute('href', '/van-ban/quyet-dinh-380-qd-mnhh');
    const field = page.getByLabel('Điều gì chưa đúng?');
    await field.fill('Sai');
    await page.getByRole('button', { name: 'Gửi thông báo' }).click();
    await expect(page.getByRole('alert')).toContainText('Hãy mô tả điều sai sót');
    await expect(page.getByLabel('Điều gì chưa đúng?')).toHaveValue('Sai');
  });

  for (const path of ['/tin-tuc', '/hoat-dong']) {
    test(`is offered on every detail page under ${path}`, async ({ page }) => {
      await page.goto(path);
      // The first entry of the list: not a category link nor the RSS feed.
      await page.getByRole('main').locator(`a[href^="${path}/"]:not([href*="/chuyen-muc/"]):not([href$=".xml"])`).first().click();
      await expect(page.getByRole('link', { name: 'Báo nội dung sai sót' })).toHaveAttribute('href', new RegExp(`trang=${encodeURIComponent(path)}`));
    });
  }
});
