import { expect, type Page, test } from '@playwright/test';
import { SECTIONS, uidOf } from '@portal/common/sections';
import { AdminSession } from '../helpers/admin.ts';
import { openInAdmin, signIn } from '../helpers/admin-browser.ts';
import { englishOnScreen } from '../helpers/admin-language.ts';
import { testStack } from '../helpers/test-stack.ts';

const CM = '/admin/content-manager';
const listOf = (uid: string) => `${CM}/${SECTIONS.find((s) => s.uid === uid)?.kind === 'single' ? 'single-types' : 'collection-types'}/${uid}`;
/** dd/mm/yyyy, with HH:mm after it when a time is shown. */
const ONE_DATE_FORMAT = /^\d{2}\/\d{2}\/\d{4}( \d{2}:\d{2})?$/;
const NO_PROMOTION = /strapi\.io|strapi\/strapi|market\.strapi/;

/**
 * Opens an admin screen (inside the running app, as its links do) and waits for its main heading, then
 * returns the English found on it. Consecutive screens have different headings: the previous one going
 * away is how the new screen is known to be there.
 */
async function visit(page: Page, path: string, heading?: string | RegExp): Promise<string[]> {
  const title = page.getByRole('heading', { level: 1 }).first();
  const here = new URL(page.url());
  if (`${here.pathname}${here.search}` !== path) {
    const inApp = here.pathname.startsWith('/admin') && !here.pathname.startsWith('/admin/auth');
    const previous = inApp ? await title.textContent() : null;
    await openInAdmin(page, path);
    if (previous !== null) await expect(title).not.toHaveText(previous, { timeout: 90_000 });
  }
  await expect(heading ? title.filter({ hasText: heading }) : title).toBeVisible({ timeout: 90_000 });
  // Strapi's loaders: an alert holding the spinner image.
  await expect(page.locator('[role="alert"][aria-live="assertive"] img')).toHaveCount(0, { timeout: 60_000 });
  return (await englishOnScreen(page)).map((text) => `${path}: ${text}`);
}

/** No link to Strapi's sites, no plan or pricing; on the screens every role meets first, no "Strapi" at all. */
/** The dates in the list's cells: anything that looks like one, however Strapi wrote it. */
async function listDates(page: Page): Promise<string[]> {
  const cells = await page.locator('tbody td').allInnerTexts();
  return cells.map((cell) => cell.trim()).filter((cell) => /tháng|\d{1,2}\/\d{1,2}\/\d{2,4}|\d{4}-\d{2}-\d{2}/.test(cell));
}

async function noPromotion(page: Page, { strapiWord = true } = {}): Promise<void> {
  const links = await page.locator('a[href]').evaluateAll((as) => as.filter((a) => a.checkVisibility()).map((a) => a.getAttribute('href') ?? ''));
  expect(links.filter((href) => NO_PROMOTION.test(href))).toEqual([]);
  // What is rendered, not the text nodes a style sheet hides (innerText leaves those out).
  // biome-ignore lint/performance/useDomNodeTextContent: Playwright's locator, and the rendered text is the point.
  const shown = await page.locator('body').innerText();
  expect(shown).not.toMatch(/gói hiện tại|bảng giá|Nâng cấp|Strapi Cloud/i);
  if (strapiWord) expect(shown).not.toContain('Strapi');
}

test.describe('the admin speaks the school’s language', () => {
  test.describe.configure({ timeout: 300_000 });

  test('the sign-in page carries the school’s name and logo, and the Ban giám hiệu’s screens have no English or promotion', async ({ page, isMobile }) => {
    // The strings are the same at every width; the Ban giám hiệu's phone screens are covered by workflow.e2e.ts.
    test.skip(isMobile, 'the desktop project scans the Ban giám hiệu’s screens');
    const stack = testStack();
    await page.goto(`${stack.cmsUrl}/admin/auth/login`);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Trang quản trị – Trường Mầm non Hiệp Hòa', { timeout: 90_000 });
    await expect(page.locator('input[name="email"]')).toHaveAttribute('placeholder', 'ví dụ: ten@mnhiephoa.edu.vn');
    await expect(page.locator('main img').first()).toHaveAttribute('src', /^data:image\/svg\+xml/);
    await noPromotion(page);
    expect(await englishOnScreen(page)).toEqual([]);

    // Two fresh entries for the Nhật ký: the newest must come first.
    const admin = await AdminSession.login('admin@mnhiephoa.test');
    const roles = await admin.request<{ data: { id: number; code: string; name: string; description: string }[] }>('GET', '/admin/roles');
    const it = roles.body.data.find((role) => role.code === 'to-cntt')!;
    expect((await admin.request('PUT', `/admin/roles/${it.id}`, { name: it.name, description: `${it.description} (tạm)` })).status).toBe(200);
    expect((await admin.request('PUT', `/admin/roles/${it.id}`, { name: it.name, description: it.description })).status).toBe(200);

    await signIn(page, 'hieutruong@mnhiephoa.test');
    const english = await visit(page, '/admin');
    await expect(page.locator('#main-content')).toContainText('Phạm Thị Thanh Vân');
    await expect(page.locator('body')).not.toContainText('Thanh Vân Phạm Thị');
    await noPromotion(page);

    english.push(...(await visit(page, listOf(uidOf('article')))));
    // Văn bản lists a date (issue date) and a date with time (last update).
    english.push(...(await visit(page, listOf(uidOf('directive')))));
    const directiveDates = await listDates(page);
    expect(directiveDates.length).toBeGreaterThan(1);
    for (const date of directiveDates) expect(date).toMatch(ONE_DATE_FORMAT);
    english.push(...(await visit(page, `${listOf(uidOf('article'))}/create`)));

    // The Nhật ký opens newest first, with one date format.
    english.push(...(await visit(page, listOf(uidOf('audit-entry')))));
    // The order is the list's default (the URL carries none), kept in the content-manager configuration.
    const configuration = await admin.request<{ data: { contentType: { settings: { defaultSortBy: string; defaultSortOrder: string } } } }>(
      'GET',
      `/content-manager/content-types/${uidOf('audit-entry')}/configuration`,
    );
    expect(configuration.body.data.contentType.settings).toMatchObject({ defaultSortBy: 'at', defaultSortOrder: 'DESC' });
    const firstRow = page.locator('tbody tr').first();
    await expect(firstRow).toContainText('Sửa vai trò');
    await expect(firstRow).toContainText('Quản trị Hệ thống');
    const times = await listDates(page);
    expect(times.length).toBeGreaterThan(1);
    for (const time of times) expect(time).toMatch(ONE_DATE_FORMAT);

    // A date field's calendar names the weekdays T2 … CN.
    english.push(...(await visit(page, `${listOf(uidOf('directive'))}/create`)));
    await page.getByRole('combobox', { name: /Ngày ban hành/ }).click();
    await expect(page.locator('[role="dialog"] thead, [role="grid"] thead').first()).toHaveText(/T2\s*T3\s*T4\s*T5\s*T6\s*T7\s*CN/);
    await page.keyboard.press('Escape');

    english.push(...(await visit(page, '/admin/plugins/upload')));
    english.push(...(await visit(page, '/admin/me')));
    // The Tổ CNTT reads the versions here; the plan and its pricing link are gone.
    english.push(...(await visit(page, '/admin/settings')));
    await noPromotion(page, { strapiWord: false });
    expect(english).toEqual([]);
  });

  test('a teacher’s screens show her name in Vietnamese order and no English', async ({ page, isMobile }) => {
    test.skip(!isMobile, 'teachers work on phones; the phone project scans their screens');
    await signIn(page, 'giaovien@mnhiephoa.test');
    const english = await visit(page, '/admin');
    await expect(page.locator('#main-content')).toContainText('Nguyễn Thị Thu Hà');
    await expect(page.locator('body')).not.toContainText('Thu Hà Nguyễn Thị');
    await noPromotion(page);
    english.push(...(await visit(page, '/admin/gui-bai')));
    english.push(...(await visit(page, listOf(uidOf('activity')))));
    english.push(...(await visit(page, `${listOf(uidOf('activity'))}/create`)));
    english.push(...(await visit(page, '/admin/me')));
    expect(english).toEqual([]);
  });

  test('the Tổ CNTT’s notice form says Có / Không and dates one way, and the accounts and settings have no English', async ({ page, isMobile }) => {
    test.skip(isMobile, 'account and notice work is done at a desk');
    await signIn(page, 'cntt@mnhiephoa.test');
    const english = await visit(page, `${listOf(uidOf('notice'))}/create`);
    // The yes/no field of the notice form, from its label up to the block holding its switch.
    const resolved = page
      .getByText('Đã khắc phục (ghi giờ tự động)', { exact: true })
      .locator('xpath=ancestor::div[.//*[@role="switch" or @role="checkbox" or @type="checkbox"]][1]');
    await expect(resolved).toContainText('Không');
    await expect(resolved).toContainText('Có');
    await expect(page.locator('body')).not.toContainText(/(^|\P{L})(SAI|ĐÚNG|Sai|Đúng)(?!\p{L})/u);
    english.push(...(await visit(page, listOf(uidOf('notice')))));
    english.push(...(await visit(page, '/admin/tai-khoan')));
    english.push(...(await visit(page, '/admin/settings/users')));
    await expect(page.locator('#main-content')).toContainText('Trần Minh Đức');
    english.push(...(await visit(page, '/admin/settings/roles')));
    await noPromotion(page, { strapiWord: false });
    expect(english).toEqual([]);
  });
});
