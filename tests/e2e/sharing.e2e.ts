import { expect, type Page, test } from '@playwright/test';

test.describe.configure({ timeout: 90_000 });

type JsonObject = Record<string, unknown>;

async function jsonLd(page: Page): Promise<JsonObject[]> {
  const raw = await page.locator('script[type="application/ld+json"]').allTextContents();
  for (const text of raw) expect(text, 'JSON-LD never contains a raw "<"').not.toContain('<');
  return raw.flatMap((text) => {
    const parsed = JSON.parse(text) as JsonObject | JsonObject[];
    return Array.isArray(parsed) ? parsed : [parsed];
  });
}

const meta = (page: Page, property: string): Promise<string | null> =>
  page.locator(`meta[property="${property}"], meta[name="${property}"]`).first().getAttribute('content');

function expectAbsolute(url: string | null, what: string): void {
  expect(url, what).toBeTruthy();
  expect(new URL(url!).protocol, what).toMatch(/^https?:$/);
}

/** A news article that has a cover (so og:image must be there), found through the list. */
async function articleWithCover(page: Page): Promise<string> {
  await page.goto('/tin-tuc');
  const hrefs = await page
    .getByRole('main')
    .locator('.card__title a[href^="/tin-tuc/"]')
    .evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''));
  for (const href of [...new Set(hrefs)]) {
    await page.goto(href);
    if ((await page.locator('.entry__cover img').count()) > 0) return href;
  }
  throw new Error('no article with a cover in the demo data');
}

test.describe('sharing metadata', () => {
  test('the home page describes the school as an EducationalOrganization', async ({ page, baseURL }) => {
    await page.goto('/');
    const org = (await jsonLd(page)).find((d) => d['@type'] === 'EducationalOrganization');
    expect(org, 'EducationalOrganization JSON-LD').toBeTruthy();
    expect(org!['@context']).toBe('https://schema.org');
    expect(org!.name).toMatch(/Hiệp Hòa/);
    expect(org!.telephone).toBeTruthy();
    expect(org!.email).toMatch(/@/);
    expectAbsolute(org!.url as string, 'organisation url');
    expect((org!.address as JsonObject)['@type']).toBe('PostalAddress');
    expect((org!.address as JsonObject).streetAddress).toBeTruthy();
    expect((org!.parentOrganization as JsonObject).name).toBeTruthy();

    expect(await meta(page, 'og:type')).toBe('website');
    expect(await meta(page, 'og:locale')).toBe('vi_VN');
    expect(await meta(page, 'og:site_name')).toMatch(/Hiệp Hòa/);
    const canonical = await page.locator('link[rel="canonical"]').getAttribute('href');
    expectAbsolute(canonical, 'canonical');
    expect(await meta(page, 'og:url')).toBe(canonical);
    expect(baseURL).toBeTruthy();
  });

  test('a news article has NewsArticle JSON-LD and Open Graph with absolute URLs', async ({ page }) => {
    const path = await articleWithCover(page);
    const h1 = (await page.getByRole('heading', { level: 1 }).textContent())!.trim();
    const article = (await jsonLd(page)).find((d) => d['@type'] === 'NewsArticle');
    expect(article, 'NewsArticle JSON-LD').toBeTruthy();
    expect(article!.headline).toBe(h1);
    expect(article!.datePublished).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect(article!.dateModified).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect((article!.publisher as JsonObject).name).toMatch(/Hiệp Hòa/);
    const images = article!.image as string[];
    expect(images.length).toBeGreaterThan(0);
    for (const image of images) expectAbsolute(image, 'JSON-LD image');

    const canonical = await page.locator('link[rel="canonical"]').getAttribute('href');
    expectAbsolute(canonical, 'canonical');
    expect(new URL(canonical!).pathname).toBe(path);
    expect((article!.mainEntityOfPage as JsonObject)['@id']).toBe(canonical);

    expect(await meta(page, 'og:type')).toBe('article');
    expect(await meta(page, 'og:title')).toBe(h1);
    expect(await meta(page, 'og:url')).toBe(canonical);
    expect(await meta(page, 'og:description')).toBeTruthy();
    expectAbsolute(await meta(page, 'og:image'), 'og:image');
    expect(await meta(page, 'og:image:alt')).toBeTruthy();
    expect(await meta(page, 'twitter:card')).toBe('summary_large_image');
    expect(await meta(page, 'article:published_time')).toMatch(/^\d{4}-/);

    // The image really is served.
    const image = await page.request.get((await meta(page, 'og:image'))!);
    expect(image.status()).toBe(200);
  });

  test('directives and activities carry Open Graph; error pages carry none', async ({ page }) => {
    await page.goto('/van-ban/quyet-dinh-380-qd-mnhh');
    expect(await meta(page, 'og:type')).toBe('article');
    expect(await meta(page, 'og:title')).toMatch(/380\/QĐ-MNHH/);
    expectAbsolute(await meta(page, 'og:url'), 'og:url');

    await page.goto('/hoat-dong');
    const href = await page.getByRole('main').locator('.card__title a[href^="/hoat-dong/"]').first().getAttribute('href');
    await page.goto(href!);
    expect(await meta(page, 'og:type')).toBe('article');
    expect((await jsonLd(page)).some((d) => d['@type'] === 'NewsArticle')).toBe(true);

    const missing = await page.goto('/tin-tuc/bai-viet-khong-co');
    expect(missing?.status()).toBe(404);
    expect(await page.locator('meta[property^="og:"]').count()).toBe(0);
    expect(await page.locator('script[type="application/ld+json"]').count()).toBe(0);
  });
});

test.describe('print layout', () => {
  test('an article prints without navigation, switches or print button, black on white', async ({ page, isMobile }) => {
    await articleWithCover(page);
    const print = page.getByRole('button', { name: 'In trang' });
    await expect(print).toBeVisible();
    await page.emulateMedia({ media: 'print' });
    await expect(page.getByRole('navigation', { name: 'Điều hướng chính' })).toBeHidden();
    await expect(page.locator('.a11y-switches')).toBeHidden();
    await expect(print).toBeHidden();
    await expect(page.locator('.breadcrumb')).toBeHidden();
    await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    const colours = await page.evaluate(() => {
      const h1 = getComputedStyle(document.querySelector('h1')!);
      return { color: h1.color, background: getComputedStyle(document.body).backgroundColor };
    });
    expect(colours.color).toBe('rgb(0, 0, 0)');
    expect(colours.background).toMatch(/rgba?\(255, 255, 255|rgba\(0, 0, 0, 0\)/);
    await page.emulateMedia({ media: 'screen' });
    // A phone keeps its menu behind the “Danh mục” toggle.
    await expect(isMobile ? page.locator('summary.site-menu__toggle') : page.getByRole('navigation', { name: 'Điều hướng chính' })).toBeVisible();
  });

  test('a directive prints with the addresses of its links written out', async ({ page }) => {
    await page.goto('/van-ban/quyet-dinh-380-qd-mnhh');
    await expect(page.getByRole('button', { name: 'In trang' })).toBeVisible();
    await page.emulateMedia({ media: 'print' });
    await expect(page.getByRole('navigation', { name: 'Điều hướng chính' })).toBeHidden();
    await expect(page.locator('.site-footer__links')).toBeHidden();
    const after = await page.evaluate(() => {
      const link = document.querySelector<HTMLAnchorElement>('main article a[href^="/van-ban/"]:not(.breadcrumb a)');
      return link ? getComputedStyle(link, '::after').content : null;
    });
    expect(after).toContain('/van-ban/');
  });

  test.describe('without JavaScript', () => {
    test.use({ javaScriptEnabled: false });
    test('the print button is not offered', async ({ page }) => {
      await page.goto('/van-ban/quyet-dinh-380-qd-mnhh');
      await expect(page.getByRole('button', { name: 'In trang' })).toHaveCount(0);
    });
  });
});
