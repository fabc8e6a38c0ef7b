import { expect, type Page, test } from '@playwright/test';
import { expectNoViolations } from '../helpers/axe.ts';

test.describe.configure({ timeout: 90_000 });

/** An activity of the demo data whose gallery has at least two photos. */
async function activityWithGallery(page: Page): Promise<string> {
  await page.goto('/hoat-dong');
  const hrefs = await page
    .getByRole('main')
    .locator('.card__title a[href^="/hoat-dong/"]')
    .evaluateAll((as) => as.map((a) => a.getAttribute('href') ?? ''));
  for (const href of hrefs) {
    await page.goto(href);
    if ((await page.locator('.gallery li').count()) >= 2) return href;
  }
  throw new Error('no activity with two gallery photos in the demo data');
}

/** Every link and script address on the page, resolved. */
const addresses = (page: Page) =>
  page.evaluate(() => ({
    links: Array.from(document.querySelectorAll<HTMLAnchorElement>('a[href]'), (a) => a.href),
    scripts: Array.from(document.querySelectorAll<HTMLScriptElement>('script[src]'), (s) => s.src),
  }));

test.describe('an activity page', () => {
  test('links its photos to pages of the site, shows related activities and shares through plain links only', async ({ page, baseURL }) => {
    const path = await activityWithGallery(page);
    const origin = new URL(baseURL!).origin;
    const { links, scripts } = await addresses(page);
    expect(
      links.filter((href) => href.includes('/uploads/')),
      'links to CMS files',
    ).toEqual([]);
    expect(
      scripts.filter((src) => new URL(src).origin !== origin),
      'third-party scripts',
    ).toEqual([]);

    const related = page.getByRole('region', { name: 'Hoạt động khác' });
    await expect(related.getByRole('link')).not.toHaveCount(0);
    expect(await related.getByRole('listitem').count()).toBeLessThanOrEqual(4);
    await expect(related.locator(`a[href="${path}"]`)).toHaveCount(0);
    await expect(related.locator('img').first()).toBeVisible();

    const canonical = await page.locator('link[rel="canonical"]').getAttribute('href');
    const share = page.getByRole('navigation', { name: 'Chia sẻ trang này' });
    const facebook = new URL((await share.getByRole('link', { name: /Facebook/ }).getAttribute('href'))!);
    expect(facebook.origin + facebook.pathname).toBe('https://www.facebook.com/sharer/sharer.php');
    expect(facebook.searchParams.get('u')).toBe(canonical);
    const zalo = new URL((await share.getByRole('link', { name: /Zalo/ }).getAttribute('href'))!);
    expect(zalo.hostname).toBe('button-share.zalo.me');
    expect(zalo.searchParams.get('url')).toBe(canonical);
    expect(JSON.parse(Buffer.from(zalo.searchParams.get('d')!, 'base64').toString('utf8'))).toEqual({ url: canonical });
  });

  test('opens a photo large on the site and moves between photos with the keyboard', async ({ page, baseURL }) => {
    const path = await activityWithGallery(page);
    const total = await page.locator('.gallery li').count();
    await page.locator('.gallery a').first().focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(new RegExp(`${path}/anh/\\d+$`));
    expect(new URL(page.url()).origin).toBe(new URL(baseURL!).origin);
    const heading = page.getByRole('heading', { level: 1 });
    await expect(heading).toContainText(`Ảnh 1/${total}`);
    const photo = page.locator('main figure img');
    await expect
      .poll(() => photo.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0 && new URL(img.currentSrc).pathname.startsWith('/anh/')))
      .toBe(true);
    expect(await photo.getAttribute('alt')).toBeTruthy();
    await expect(page.getByText('Đây là ảnh đầu tiên')).toBeVisible();
    await expectNoViolations(page, 'photo page');
    const first = page.url();

    await page.getByRole('link', { name: /Ảnh sau/ }).focus();
    await page.keyboard.press('Enter');
    await expect(heading).toContainText(`Ảnh 2/${total}`);
    await page.getByRole('link', { name: /Ảnh trước/ }).focus();
    await page.keyboard.press('Enter');
    await expect(heading).toContainText(`Ảnh 1/${total}`);
    expect(page.url()).toBe(first);

    await page.getByRole('link', { name: /^Về hoạt động/ }).click();
    await page.waitForURL((url) => url.pathname === path);
    expect((await page.request.get(`${path}/anh/999999999`)).status()).toBe(404);
  });
});
