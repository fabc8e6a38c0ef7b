import { expect, test } from '@playwright/test';
import { AdminSession } from '../helpers/admin.ts';

test.describe('pages that do not exist', () => {
  for (const path of ['/trang-khong-ton-tai', '/tin-tuc/bai-viet-khong-co', '/van-ban/quyet-dinh-999-qd-khong-co', '/hoat-dong/khong-co']) {
    test(`${path} answers 404 with a Vietnamese page and a way home`, async ({ page }) => {
      const response = await page.goto(path);
      expect(response?.status()).toBe(404);
      await expect(page.locator('html')).toHaveAttribute('lang', 'vi');
      await expect(page.getByRole('heading', { level: 1 })).toContainText('Không tìm thấy');
      await expect(page.getByRole('main').getByRole('link', { name: /trang chủ/i })).toHaveAttribute('href', '/');
    });
  }

  test('a draft article is neither reachable nor listed on the site', async ({ request }, testInfo) => {
    const admin = await AdminSession.login('hieutruong@mnhiephoa.test');
    const title = `Bản nháp chưa duyệt ${testInfo.project.name} ${Date.now()}`;
    const created = await admin.createDraft('api::article.article', { title, summary: 'Chưa được đăng.' });
    expect(created.status).toBe(201);
    const slug = String(created.body.data!.slug);
    expect((await request.get(`/tin-tuc/${slug}`)).status()).toBe(404);
    expect(await (await request.get('/tin-tuc')).text()).not.toContain(title);
  });
});
