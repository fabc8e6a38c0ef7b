import { expect, type Page, test } from '@playwright/test';
import { readDemoAccounts } from '../../scripts/lib/demo-accounts.ts';
import { AdminSession } from '../helpers/admin.ts';
import { draftWithPhoto } from '../helpers/fixtures.ts';
import { testStack } from '../helpers/test-stack.ts';

async function signInAs(page: Page, email: string, rememberMe: boolean): Promise<void> {
  const stack = testStack();
  const account = readDemoAccounts(stack.demoAccountsFile).find((a) => a.email === email)!;
  await page.goto(`${stack.cmsUrl}/admin/auth/login`);
  await page.locator('input[name="email"]').fill(account.email);
  await page.locator('input[name="password"]').fill(account.password);
  if (rememberMe) await page.getByRole('checkbox', { name: 'Ghi nhớ tôi' }).click();
  await page.locator('button[type="submit"]').click();
  await page.waitForURL((url) => url.pathname.startsWith('/admin') && !url.pathname.includes('/auth/'));
}

/** Whether an <img> on the current admin page loads the file, as the media library's thumbnails do. */
const imageLoads = (page: Page, src: string) =>
  page.evaluate(
    (url) =>
      new Promise<boolean>((resolve) => {
        const img = new Image();
        img.onload = () => resolve(img.naturalWidth > 0);
        img.onerror = () => resolve(false);
        img.src = url;
      }),
    src,
  );

test.describe('a photo used only by a draft', () => {
  test.skip(({ isMobile }) => isMobile, 'the admin panel is a desktop tool');
  let photoUrl = '';

  test.beforeAll(async () => {
    const leader = await AdminSession.login('hieutruong@mnhiephoa.test');
    const { photo } = await draftWithPhoto(
      leader,
      { name: 'anh-ban-nhap.jpg', alt: 'Ảnh chỉ dùng trong bản nháp', color: '#16a085', width: 400, height: 300 },
      { title: `Bản nháp có ảnh ${Date.now()}`, summary: 'Chưa đăng.', text: null },
    );
    photoUrl = photo.url;
  });

  test('is hidden from the public', async ({ request }) => {
    expect((await request.get(`${testStack().cmsUrl}${photoUrl}`)).status()).toBe(404);
  });

  for (const rememberMe of [false, true]) {
    test(`shows in the admin panel of a signed-in teacher${rememberMe ? ' who asked to be remembered' : ''}`, async ({ page }) => {
      // The admin panel's first load is slow on a small machine.
      test.setTimeout(90_000);
      await signInAs(page, 'giaovien@mnhiephoa.test', rememberMe);
      const cookies = await page.context().cookies();
      // "Remember me" keeps the access token in localStorage, so only the httpOnly refresh cookie travels.
      expect(cookies.some((cookie) => cookie.name === 'jwtToken')).toBe(!rememberMe);
      expect(cookies.find((cookie) => cookie.name === 'strapi_admin_refresh')?.path).toBe('/');
      expect(await imageLoads(page, photoUrl)).toBe(true);
    });
  }
});
