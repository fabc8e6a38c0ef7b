import { expect, type Page, test } from '@playwright/test';
import { expectNoViolations } from '../helpers/axe.ts';
import { mainNavigation } from '../helpers/navigation.ts';

/** First link of a list page that leads to a detail page of the same section. */
async function firstDetailPath(page: Page, listPath: string): Promise<string> {
  await page.goto(listPath);
  const href = await page.getByRole('main').locator(`.card__title a[href^="${listPath}/"]`).first().getAttribute('href');
  expect(href, `a detail link on ${listPath}`).toBeTruthy();
  return href!;
}

// axe on a busy 2-core machine can take many seconds per page.
test.describe.configure({ timeout: 90_000 });

const STATIC_PAGES = [
  '/',
  '/gioi-thieu',
  '/tin-tuc',
  '/van-ban',
  '/van-ban/quyet-dinh-380-qd-mnhh',
  '/hoat-dong',
  '/thu-vien-anh',
  '/thu-vien-anh/be-vui-tet-trung-thu-2026',
  '/cong-khai',
  '/thuc-don',
  '/lich-cong-tac',
  '/thong-bao',
  '/tuyen-sinh',
  '/lien-he',
  '/hoi-dap',
  '/hoi-dap/gui-cau-hoi',
  '/cai-dat-hien-thi',
];

test.describe('axe finds no WCAG 2.1 AA violation', () => {
  for (const path of STATIC_PAGES) {
    test(`on ${path}`, async ({ page }) => {
      const response = await page.goto(path);
      expect(response?.status()).toBe(200);
      await expectNoViolations(page, path);
    });
  }

  test('on a news article', async ({ page }) => {
    const path = await firstDetailPath(page, '/tin-tuc');
    await page.goto(path);
    await expectNoViolations(page, path);
  });

  test('on an activity', async ({ page }) => {
    const path = await firstDetailPath(page, '/hoat-dong');
    await page.goto(path);
    await expectNoViolations(page, path);
  });

  test('on an announcement, with the phone menu open', async ({ page }) => {
    await page.goto('/thong-bao/lich-nghi-tet-duong-lich-2027');
    await expect(await mainNavigation(page)).toBeVisible();
    await expectNoViolations(page, 'announcement with menu');
  });

  test('on the 404 page', async ({ page }) => {
    const response = await page.goto('/trang-khong-ton-tai');
    expect(response?.status()).toBe(404);
    await expectNoViolations(page, '404');
  });

  for (const path of ['/', '/van-ban/quyet-dinh-380-qd-mnhh', '/thuc-don']) {
    test(`on ${path} in high contrast with large text`, async ({ page, context, baseURL }) => {
      await context.addCookies([
        { name: 'co-chu', value: 'lon', url: baseURL! },
        { name: 'tuong-phan', value: 'cao', url: baseURL! },
      ]);
      await page.goto(path);
      await expect(page.locator('html')).toHaveClass(/tuong-phan-cao/);
      await expectNoViolations(page, `${path} (high contrast)`);
    });
  }
});

test.describe('keyboard', () => {
  test('Tab reaches the skip link, then the display switches, then the navigation, always with a visible focus', async ({ page, isMobile }) => {
    await page.goto('/');
    const stops: { name: string; inSwitches: boolean; inNav: boolean; outline: number; shadow: string }[] = [];
    for (let i = 0; i < 20; i += 1) {
      await page.keyboard.press('Tab');
      stops.push(
        await page.evaluate(() => {
          const el = document.activeElement as HTMLElement;
          const style = getComputedStyle(el);
          return {
            name: (el.getAttribute('aria-label') ?? el.textContent ?? '').trim().replace(/\s+/g, ' '),
            inSwitches: !!el.closest('.a11y-switches'),
            // On a phone the navigation is behind the menu toggle, which is where Tab arrives.
            inNav: !!el.closest('nav.site-nav, .site-menu'),
            outline: style.outlineStyle === 'none' ? 0 : parseFloat(style.outlineWidth),
            shadow: style.boxShadow,
          };
        }),
      );
    }
    expect(stops[0]!.name).toMatch(/Bỏ qua/);
    // The four switches come right after the skip link.
    expect(stops.slice(1, 5).map((s) => s.inSwitches)).toEqual([true, true, true, true]);
    const firstNav = stops.findIndex((s) => s.inNav);
    expect(firstNav).toBeGreaterThan(4);
    expect(stops.slice(5, firstNav).every((s) => !s.inSwitches && !s.inNav)).toBe(true);
    expect(stops[firstNav]!.name).toBe(isMobile ? 'Danh mục' : 'Trang chủ');
    for (const stop of stops) {
      expect(stop.outline >= 3 || stop.shadow !== 'none', `visible focus on "${stop.name}"`).toBe(true);
    }
  });

  test('the skip link moves focus to the main content', async ({ page }) => {
    await page.goto('/tin-tuc');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    await expect(page.locator('main')).toBeFocused();
    await page.keyboard.press('Tab');
    // The next stop is inside the content, not back in the header.
    expect(await page.evaluate(() => !!document.activeElement?.closest('main'))).toBe(true);
  });

  test('the switches work from the keyboard', async ({ page }) => {
    await page.goto('/gioi-thieu');
    await page.getByRole('button', { name: 'Chữ lớn' }).focus();
    await page.keyboard.press('Enter');
    await expect(page.locator('html')).toHaveClass(/co-chu-lon/);
    await page.keyboard.press('Space');
    await expect(page.getByRole('button', { name: 'Chữ lớn' })).toHaveAttribute('aria-pressed', 'true');
  });

  test('nothing moves by itself and reduced motion is respected', async ({ page }) => {
    await page.emulateMedia({ reducedMotion: 'reduce' });
    for (const path of ['/', '/tin-tuc']) {
      await page.goto(path);
      const moving = await page.evaluate(
        () => document.getAnimations().length + document.querySelectorAll('marquee, blink, video[autoplay], [autoplay]').length,
      );
      expect(moving, path).toBe(0);
    }
  });

  test('every image has a text alternative', async ({ page }) => {
    for (const path of ['/', await firstDetailPath(page, '/tin-tuc'), await firstDetailPath(page, '/hoat-dong'), '/gioi-thieu']) {
      await page.goto(path);
      const missing = await page.locator('img:not([alt])').count();
      expect(missing, path).toBe(0);
    }
  });
});

test.describe('font size and contrast switches', () => {
  test('persist across pages and after reload', async ({ page }) => {
    await page.goto('/');
    const html = page.locator('html');
    const rootSize = (): Promise<number> => page.evaluate(() => parseFloat(getComputedStyle(document.documentElement).fontSize));
    const normal = await rootSize();
    const large = page.getByRole('button', { name: 'Chữ lớn' });
    const contrast = page.getByRole('button', { name: /Tương phản cao/ });
    await expect(large).toHaveAttribute('aria-pressed', 'false');
    await expect(page.getByRole('button', { name: 'Chữ cỡ mặc định' })).toHaveAttribute('aria-pressed', 'true');

    await large.click();
    await contrast.click();
    await expect(html).toHaveClass(/co-chu-lon/);
    await expect(html).toHaveClass(/tuong-phan-cao/);
    await expect(large).toHaveAttribute('aria-pressed', 'true');
    await expect(contrast).toHaveAttribute('aria-pressed', 'true');
    expect(await rootSize()).toBeGreaterThan(normal);

    await (await mainNavigation(page)).getByRole('link', { name: 'Văn bản' }).click();
    await expect(page).toHaveURL(/\/van-ban$/);
    await expect(html).toHaveClass(/co-chu-lon/);
    await expect(html).toHaveClass(/tuong-phan-cao/);
    await expect(page.getByRole('button', { name: 'Chữ lớn' })).toHaveAttribute('aria-pressed', 'true');
    await expect(page.getByRole('button', { name: /Tương phản cao/ })).toHaveAttribute('aria-pressed', 'true');
    expect(await rootSize()).toBeGreaterThan(normal);

    await page.reload();
    await expect(html).toHaveClass(/co-chu-lon/);
    await expect(html).toHaveClass(/tuong-phan-cao/);

    // Back to the defaults.
    await page.getByRole('button', { name: 'Chữ nhỏ' }).click();
    await expect(html).toHaveClass(/co-chu-nho/);
    expect(await rootSize()).toBeLessThan(normal);
    await page.getByRole('button', { name: 'Chữ cỡ mặc định' }).click();
    await page.getByRole('button', { name: /Tương phản cao/ }).click();
    await expect(html).not.toHaveClass(/co-chu|tuong-phan/);
    expect(await rootSize()).toBe(normal);
    await page.reload();
    await expect(html).not.toHaveClass(/co-chu|tuong-phan/);
  });

  test('do not change the HTML the server sends (pages are cached by URL)', async ({ request, baseURL }) => {
    const plain = await (await request.get('/lien-he')).text();
    const withCookies = await (await request.get('/lien-he', { headers: { cookie: 'co-chu=lon; tuong-phan=cao' } })).text();
    expect(withCookies).toBe(plain);
    expect(baseURL).toBeTruthy();
  });
});

test.describe('font size and contrast switches without JavaScript', () => {
  test.use({ javaScriptEnabled: false });

  test('the settings page stores the choice, explains browser zoom and leads back', async ({ page, context }) => {
    await page.goto('/tin-tuc');
    await page.getByRole('button', { name: 'Chữ lớn' }).click();
    await expect(page).toHaveURL(/\/cai-dat-hien-thi\?/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Tùy chỉnh hiển thị');
    await expect(page.getByRole('status')).toContainText('Cỡ chữ lớn');
    await expect(page.getByRole('main')).toContainText('Ctrl');
    await expect(page.getByRole('link', { name: /Quay lại/ })).toHaveAttribute('href', '/tin-tuc');
    await expect(page.getByRole('button', { name: 'Cỡ chữ lớn' })).toHaveAttribute('aria-pressed', 'true');

    await page.getByRole('button', { name: 'Độ tương phản cao' }).click();
    await expect(page.getByRole('button', { name: 'Độ tương phản cao' })).toHaveAttribute('aria-pressed', 'true');
    const cookies = Object.fromEntries((await context.cookies()).map((c) => [c.name, c.value]));
    expect(cookies['co-chu']).toBe('lon');
    expect(cookies['tuong-phan']).toBe('cao');
    await page.getByRole('link', { name: /Quay lại/ }).click();
    await expect(page).toHaveURL(/\/tin-tuc$/);
  });

  test('the settings page never redirects elsewhere and is not cached', async ({ request }) => {
    for (const target of ['//evil.example/x', 'https://evil.example/', '/\\evil.example', 'javascript:alert(1)']) {
      const response = await request.get(`/cai-dat-hien-thi?co-chu=lon&quay-lai=${encodeURIComponent(target)}`, { maxRedirects: 0 });
      expect(response.status()).toBe(200);
      expect(response.headers()['cache-control']).toContain('no-store');
      expect(await response.text()).toMatch(/href="\/">‹ Quay lại/);
    }
    const invalid = await request.get('/cai-dat-hien-thi?co-chu=khong-hop-le');
    expect(invalid.headers()['set-cookie'] ?? '').not.toContain('co-chu=');
  });
});
