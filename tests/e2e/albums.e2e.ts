import { expect, test } from '@playwright/test';

test.describe('Thư viện ảnh', () => {
  test('a parent opens an album from the list with the keyboard and steps through its photos', async ({ page }) => {
    expect((await page.goto('/thu-vien-anh'))?.status()).toBe(200);
    const album = page.getByRole('link', { name: 'Bé vui Tết Trung thu 2026' });
    await album.focus();
    await page.keyboard.press('Enter');
    await expect(page).toHaveURL(/\/thu-vien-anh\/be-vui-tet-trung-thu-2026$/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Bé vui Tết Trung thu 2026');
    const photos = page.getByRole('link', { name: /^Xem ảnh \d\/4 cỡ lớn: / });
    await expect(photos).toHaveCount(4);
    // Every photo, on the album and on its own page, has its text equivalent.
    for (const img of await page.locator('.gallery img').all()) expect(await img.getAttribute('alt')).toBeTruthy();
    await photos.first().click();
    await expect(page.getByText('Ảnh 1/4')).toBeVisible();
    await expect(page.locator('main img').first()).toHaveAttribute('alt', 'Các bé lớp Mẫu giáo lớn A1 rước đèn ông sao quanh sân trường');
    await page.getByRole('link', { name: /^Ảnh sau/ }).click();
    await expect(page.getByText('Ảnh 2/4')).toBeVisible();
    // No page of the album fetches a file from the CMS host.
    expect(await page.locator('img[src*="/uploads/"]').count()).toBe(0);
  });
});
