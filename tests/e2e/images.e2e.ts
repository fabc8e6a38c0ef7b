import { expect, test } from '@playwright/test';

// Content and behaviour, not layout: run once, in the phone project (most parents read on a phone).
test.skip(({ isMobile }) => !isMobile, 'content, not layout: the phone project runs it');

test.describe('photos on an activity page', () => {
  test('load as AVIF at a width that suits the screen, with their space reserved before they arrive', async ({ page }) => {
    await page.goto('/hoat-dong');
    await page.locator('main .card__title a').first().click();
    const cover = page.locator('main picture img').first();
    await expect(cover).toHaveAttribute('loading', 'eager');
    await expect.poll(() => cover.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
    const loaded = await cover.evaluate((img: HTMLImageElement) => {
      const offered = (img.parentElement?.querySelector('source[type="image/avif"]')?.getAttribute('srcset') ?? '').split(', ').map((candidate) => {
        const [url, descriptor] = candidate.split(' ');
        return { url: url ?? '', width: Number.parseInt(descriptor ?? '0', 10) };
      });
      return {
        chosen: offered.find((candidate) => img.currentSrc.endsWith(candidate.url)),
        widest: Math.max(...offered.map((candidate) => candidate.width)),
        needed: img.getBoundingClientRect().width * window.devicePixelRatio,
        reserved: Number(img.getAttribute('width')) > 0 && Number(img.getAttribute('height')) > 0,
      };
    });
    expect(loaded.chosen?.url).toMatch(/\/anh\/\d+\/avif\//);
    expect(loaded.reserved).toBe(true);
    // Sharp on this screen: the candidate covers the pixels needed, or is the largest there is.
    expect(loaded.chosen!.width >= loaded.needed * 0.9 || loaded.chosen!.width === loaded.widest).toBe(true);

    const below = page.locator('main .gallery picture img').last();
    await expect(below).toHaveAttribute('loading', 'lazy');
    await below.scrollIntoViewIfNeeded();
    await expect.poll(() => below.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0 && img.currentSrc.includes('/avif/'))).toBe(true);
  });
});
