import { expect, type Page, test } from '@playwright/test';

// Content and behaviour, not layout: run once, in the phone project (most parents read on a phone).
test.skip(({ isMobile }) => !isMobile, 'content, not layout: the phone project runs it');

/**
 * The Content-Security-Policy in a real browser: nothing the site itself sends is blocked, its own scripts
 * (the hashed inline <head> script and the external module scripts) still run, and anything else inline is
 * refused. What the policy says is checked header by header in tests/integration/site-headers.int.test.ts.
 */

interface Watch {
  /** securitypolicyviolation events seen by the page, as "directive blocked-URI (source:line)". */
  violations(): Promise<string[]>;
  /** Console errors and warnings about the CSP or the Permissions-Policy. */
  policyMessages: string[];
}

async function watchPolicy(page: Page): Promise<Watch> {
  const policyMessages: string[] = [];
  page.on('console', (message) => {
    if (/Content.Security.Policy|Permissions.Policy/i.test(message.text())) policyMessages.push(`${message.type()}: ${message.text()}`);
  });
  await page.addInitScript(() => {
    const seen: string[] = [];
    Object.defineProperty(window, '__cspViolations', { value: seen });
    document.addEventListener('securitypolicyviolation', (event) => {
      seen.push(`${event.effectiveDirective} ${event.blockedURI} (${event.sourceFile}:${event.lineNumber})`);
    });
    // The print button calls window.print(); a count instead of a print dialog.
    Object.defineProperty(window, '__printCalls', { value: [] as number[] });
    window.print = () => {
      (window as unknown as { __printCalls: number[] }).__printCalls.push(Date.now());
    };
  });
  return {
    violations: () => page.evaluate(() => [...(window as unknown as { __cspViolations: string[] }).__cspViolations]),
    policyMessages,
  };
}

/** Opens the page and waits until every subresource has loaded, so late violations are seen too. */
async function open(page: Page, path: string): Promise<void> {
  const response = await page.goto(path, { waitUntil: 'load' });
  expect(response?.status(), path).toBeLessThan(400);
  expect(response?.headers()['content-security-policy'], `CSP on ${path}`).toContain("script-src 'self' 'sha256-");
}

async function firstDetailPath(page: Page, listPath: string): Promise<string> {
  await page.goto(listPath);
  const href = await page.getByRole('main').locator(`.card__title a[href^="${listPath}/"]`).first().getAttribute('href');
  expect(href, `a detail link on ${listPath}`).toBeTruthy();
  return href!;
}

test.describe('the Content-Security-Policy blocks nothing of the site', () => {
  const pages: [string, (page: Page) => Promise<string>][] = [
    ['the home page', async () => '/'],
    ['an article', (page) => firstDetailPath(page, '/tin-tuc')],
    ['a directive', async () => '/van-ban/quyet-dinh-380-qd-mnhh'],
    ['the search results', async () => `/tim-kiem?q=${encodeURIComponent('kế hoạch')}`],
    ['the correction form', async () => `/bao-sai-sot?trang=${encodeURIComponent('/van-ban/quyet-dinh-380-qd-mnhh')}`],
    ['the display settings page', async () => '/cai-dat-hien-thi'],
  ];
  for (const [name, pathOf] of pages) {
    test(`on ${name}`, async ({ page }) => {
      const path = await pathOf(page);
      const watch = await watchPolicy(page);
      await open(page, path);
      expect(await watch.violations(), path).toEqual([]);
      expect(watch.policyMessages, path).toEqual([]);
    });
  }

  test('including the JSON-LD blocks, which are data and need no hash', async ({ page }) => {
    const path = await firstDetailPath(page, '/tin-tuc');
    const watch = await watchPolicy(page);
    for (const target of ['/', path]) {
      await open(page, target);
      expect(await page.locator('script[type="application/ld+json"]').count(), target).toBeGreaterThan(0);
      // Still readable as data by anyone who parses it (search engines, link previews).
      const parsed = await page
        .locator('script[type="application/ld+json"]')
        .first()
        .evaluate((el) => JSON.parse(el.textContent ?? 'null') as unknown);
      expect(parsed, target).toBeTruthy();
    }
    expect(await watch.violations()).toEqual([]);
    expect(watch.policyMessages).toEqual([]);
  });

  test('when a reader posts the correction form and gets it back with an error', async ({ page }) => {
    const watch = await watchPolicy(page);
    await open(page, `/bao-sai-sot?trang=${encodeURIComponent('/van-ban/quyet-dinh-380-qd-mnhh')}`);
    await page.getByLabel('Điều gì chưa đúng?').fill('Sai');
    await page.getByRole('button', { name: 'Gửi thông báo' }).click();
    await expect(page.getByRole('alert')).toContainText('Hãy mô tả điều sai sót');
    expect(await watch.violations()).toEqual([]);
    expect(watch.policyMessages).toEqual([]);
  });
});

test.describe('the site’s own scripts still run under the policy', () => {
  test('the font-size and contrast switches work and are remembered by the hashed <head> script', async ({ page }) => {
    const watch = await watchPolicy(page);
    await open(page, '/');
    const html = page.locator('html');
    const large = page.getByRole('button', { name: 'Chữ lớn' });
    const contrast = page.getByRole('button', { name: /Tương phản cao/ });
    await large.click();
    await contrast.click();
    // The module script handled the clicks in place: no navigation to the no-JavaScript settings page.
    await expect(page).toHaveURL(/\/$/);
    await expect(html).toHaveClass(/co-chu-lon/);
    await expect(html).toHaveClass(/tuong-phan-cao/);
    await expect(large).toHaveAttribute('aria-pressed', 'true');
    await expect(contrast).toHaveAttribute('aria-pressed', 'true');
    // Only the inline <head> script puts the classes back after a reload (the server HTML has none).
    await page.reload({ waitUntil: 'load' });
    await expect(html).toHaveClass(/co-chu-lon/);
    await expect(html).toHaveClass(/tuong-phan-cao/);
    expect(await watch.violations()).toEqual([]);
    expect(watch.policyMessages).toEqual([]);
  });

  for (const [name, pathOf] of [
    ['an article', (page: Page) => firstDetailPath(page, '/tin-tuc')],
    ['a directive', async () => '/van-ban/quyet-dinh-380-qd-mnhh'],
  ] as const) {
    test(`the print button appears and prints on ${name}`, async ({ page }) => {
      const path = await pathOf(page);
      const watch = await watchPolicy(page);
      await open(page, path);
      const print = page.getByRole('button', { name: 'In trang' });
      await expect(print).toBeVisible();
      await print.click();
      await expect.poll(() => page.evaluate(() => (window as unknown as { __printCalls: number[] }).__printCalls.length)).toBe(1);
      expect(await watch.violations()).toEqual([]);
    });
  }
});

test('an inline script the policy does not list is refused and reported', async ({ page }) => {
  // The control for every "no violation" above: the listener sees violations, and the policy is enforced.
  const watch = await watchPolicy(page);
  await open(page, '/');
  await page.evaluate(() => {
    const script = document.createElement('script');
    script.textContent = 'window.__injected = true;';
    document.body.append(script);
  });
  await expect.poll(() => watch.violations()).toEqual([expect.stringMatching(/^script-src-elem inline/)]);
  expect(await page.evaluate(() => (window as unknown as { __injected?: boolean }).__injected)).toBeUndefined();
  await expect.poll(() => watch.policyMessages.length).toBeGreaterThan(0);
});
