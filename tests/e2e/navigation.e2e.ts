import { expect, type Page, test } from '@playwright/test';
import { AdminSession } from '../helpers/admin.ts';

/** A page of each kind a parent lands on: the home page and an announcement opened from a shared link. */
const PAGES = ['/', '/thong-bao/lich-nghi-tet-duong-lich-2027'];
/** The bound: the header (a11y switches included, notice banners not) takes at most a fifth of 844 px. */
const MAX_PHONE_HEADER = 844 / 5;

const headerSearch = (page: Page) => page.getByRole('search', { name: 'Tìm kiếm trên trang' });

test.describe('a parent on a phone (390×844)', () => {
  test.use({ viewport: { width: 390, height: 844 } });
  test.skip(({ isMobile }) => !isMobile, 'the phone header');

  test('sees a short header and, one tap on “Danh mục” away, the menu, the newest announcement and the school’s phone', async ({ page }) => {
    for (const path of PAGES) {
      await page.goto(path);
      const header = page.locator('header.site-header');
      expect((await header.boundingBox())?.height, path).toBeLessThanOrEqual(MAX_PHONE_HEADER);
      // Zero taps: the search box, the display switches and the English page.
      await expect(headerSearch(page).getByRole('searchbox')).toBeVisible();
      await expect(page.getByRole('button', { name: 'Chữ lớn' })).toBeVisible();
      await expect(header.getByRole('link', { name: 'English' })).toHaveAttribute('href', '/en');
      const menu = page.getByRole('navigation', { name: 'Điều hướng chính' });
      await expect(menu).toBeHidden();

      await page.locator('summary', { hasText: 'Danh mục' }).click();
      await expect(menu.getByRole('link', { name: 'Thực đơn' })).toBeVisible();
      await expect(menu.getByRole('link', { name: 'Thông báo', exact: true })).toBeVisible();
      await expect(page.locator('.site-menu').getByRole('link', { name: /Gọi nhà trường/ })).toHaveAttribute('href', 'tel:02033877215');
      const latest = page.locator('.site-menu__latest a');
      await expect(latest).toHaveText('Thông báo lịch nghỉ Tết Dương lịch năm 2027');
      expect(await page.evaluate(() => document.documentElement.scrollWidth), path).toBeLessThanOrEqual(390);
    }
    await page.locator('.site-menu__latest a').click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Thông báo lịch nghỉ Tết Dương lịch năm 2027');
  });

  test('searches from the header of any page', async ({ page }) => {
    await page.goto('/thong-bao/lich-nghi-tet-duong-lich-2027');
    await headerSearch(page).getByRole('searchbox').fill('tuyển sinh');
    await headerSearch(page).getByRole('button', { name: 'Tìm' }).click();
    await expect(page).toHaveURL(/\/tim-kiem\?q=tuy/);
    await expect(page.getByRole('main').locator('a[href="/thong-bao/tuyen-sinh-bo-sung-nha-tre-nam-hoc-2026-2027"]')).toBeVisible();
  });
});

test.describe('a maintenance notice on a phone', () => {
  test.use({ viewport: { width: 390, height: 844 } });
  test.skip(({ isMobile }) => !isMobile, 'the phone banner');
  const NOTICES = '/content-manager/collection-types/api::notice.notice';

  test('is one short line that folds away and links to the log under the status page', async ({ page }) => {
    const team = await AdminSession.login('cntt@mnhiephoa.test');
    const title = `Nâng cấp máy chủ trang thông tin ${Date.now()}`;
    const created = await team.createDraft('api::notice.notice', {
      kind: 'Nâng cấp',
      title,
      message: 'Trang thông tin có thể gián đoạn vài phút.',
      affectedServices: [{ service: 'Trang thông tin' }],
      startsAt: new Date(Date.now() + 3_600_000).toISOString(),
      endsAt: new Date(Date.now() + 7_200_000).toISOString(),
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const documentId = created.body.data!.documentId;
    try {
      expect((await team.request('POST', `${NOTICES}/${documentId}/actions/publish`, {})).status).toBe(200);
      const banner = page.getByRole('region', { name: 'Thông báo bảo trì – sự cố' });
      await expect(async () => {
        await page.goto('/thuc-don');
        await expect(banner).toContainText(title, { timeout: 1_000 });
      }).toPass({ timeout: 15_000 });
      await expect(banner).toContainText('Nâng cấp sắp diễn ra');
      // Kind and title (two lines at most), then when, what and the link: a fraction of the 330 px it used to take.
      await expect(banner).toContainText(/Từ \d{2}:\d{2} (ngày \S+ )?đến \d{2}:\d{2} ngày/);
      expect((await banner.boundingBox())?.height).toBeLessThanOrEqual(130);
      const details = banner.getByRole('link', { name: 'Xem chi tiết' });
      await expect(details).toHaveAttribute('href', `/trang-thai/bao-tri#bao-tri-${documentId}`);

      await banner.locator('summary').click();
      await expect(details).toBeHidden();
      expect((await banner.boundingBox())?.height).toBeLessThanOrEqual(72);

      await banner.locator('summary').click();
      await details.click();
      await expect(page.getByRole('heading', { level: 1 })).toHaveText('Thông báo bảo trì – sự cố');
      await expect(page.locator(`#bao-tri-${documentId}`)).toContainText(title);
    } finally {
      await team.request('DELETE', `${NOTICES}/${documentId}`);
    }
  });
});

test.describe('without JavaScript', () => {
  test.use({ javaScriptEnabled: false, viewport: { width: 390, height: 844 } });
  test.skip(({ isMobile }) => !isMobile, 'the phone header');

  test('the phone menu still opens and leads to Thực đơn', async ({ page }) => {
    await page.goto('/thong-bao');
    await page.locator('summary', { hasText: 'Danh mục' }).click();
    await page.getByRole('navigation', { name: 'Điều hướng chính' }).getByRole('link', { name: 'Thực đơn' }).click();
    await expect(page).toHaveURL(/\/thuc-don$/);
  });
});

test.describe('a reader on a desktop (1366×768)', () => {
  test.use({ viewport: { width: 1366, height: 768 } });
  test.skip(({ isMobile }) => isMobile, 'the desktop header');

  test('has the menu bar, the search box, the phone number and English in the header, English in the footer too', async ({ page }) => {
    await page.goto(PAGES[1]!);
    const header = page.locator('header.site-header');
    const menu = page.getByRole('navigation', { name: 'Điều hướng chính' });
    await expect(menu.getByRole('link')).toHaveText([
      'Trang chủ',
      'Thông báo',
      'Thực đơn',
      'Tin tức – Sự kiện',
      'Hoạt động – Phong trào',
      'Văn bản',
      'Công khai',
      'Giới thiệu',
      'Liên hệ',
    ]);
    await expect(menu.getByRole('link', { name: 'Thông báo', exact: true })).toHaveAttribute('aria-current', 'true');
    // One row of menu on a laptop.
    const tops = await menu.getByRole('link').evaluateAll((links) => new Set(links.map((a) => Math.round(a.getBoundingClientRect().top))).size);
    expect(tops).toBe(1);
    await expect(headerSearch(page).getByRole('searchbox')).toBeVisible();
    await expect(header.getByRole('link', { name: /Điện thoại/ })).toHaveAttribute('href', 'tel:02033877215');
    await expect(page.locator('summary', { hasText: 'Danh mục' })).toBeHidden();
    for (const part of [header, page.locator('footer')]) {
      const english = part.getByRole('link', { name: 'English' });
      await expect(english).toHaveAttribute('href', '/en');
      await expect(english).toHaveAttribute('hreflang', 'en');
      await expect(english).toHaveAttribute('lang', 'en');
    }
  });
});

test.describe('the footer of every page', () => {
  test('links the related agencies’ portals by name, each a tappable https link', async ({ page, isMobile }) => {
    for (const path of PAGES) {
      await page.goto(path);
      const agencies = page.getByRole('contentinfo').getByRole('navigation', { name: 'Liên kết cơ quan liên quan' });
      await expect(agencies.getByRole('link')).toHaveText([
        'Bộ Giáo dục và Đào tạo',
        'Sở Giáo dục và Đào tạo Quảng Ninh',
        'UBND thị xã Quảng Yên',
        'Cổng Dịch vụ công quốc gia',
      ]);
      for (const href of await agencies.getByRole('link').evaluateAll((links) => links.map((a) => a.getAttribute('href') ?? ''))) {
        expect(href).toMatch(/^https:\/\/[a-z.]+\.gov\.vn$/);
      }
      if (isMobile) {
        // WCAG 2.2's 24 px minimum target, on the phone where fingers tap them.
        const heights = await agencies.getByRole('link').evaluateAll((links) => links.map((a) => a.getBoundingClientRect().height));
        for (const height of heights) expect(height).toBeGreaterThanOrEqual(24);
      }
    }
  });
});
