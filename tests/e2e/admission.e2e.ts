import { expect, test } from '@playwright/test';
import { vietnamDate } from '@portal/common/vietnam-time';
import { AdminSession } from '../helpers/admin.ts';
import { expectNoViolations } from '../helpers/axe.ts';

const UID = 'api::admission.admission';
const CM = `/content-manager/collection-types/${UID}`;

// axe on a busy 2-core machine can take many seconds per page.
test.describe.configure({ timeout: 90_000 });

test.describe('the enrolment page', () => {
  test('shows the current season with its state, dates, age groups, documents, fees and phone, and axe finds no violation', async ({ page }) => {
    const response = await page.goto('/tuyen-sinh');
    expect(response?.status()).toBe(200);
    const main = page.getByRole('main');
    await expect(main.getByRole('heading', { level: 1 })).toHaveText('Tuyển sinh');
    const season = main.locator('article.admission-season');
    await expect(season.getByRole('heading', { level: 2 })).toHaveText(/^Tuyển sinh/);
    await expect(season.locator('.admission__status .badge')).toHaveText(/^(Đang nhận hồ sơ|Sắp mở|Đã kết thúc)$/);
    await expect(season.getByRole('table').getByRole('columnheader')).toHaveText(['Nhóm, lớp', 'Trẻ sinh năm', 'Chỉ tiêu']);
    await expect(season.getByRole('heading', { name: 'Hồ sơ cần mang theo' })).toBeVisible();
    await expect(season.getByRole('listitem').filter({ hasText: 'giấy khai sinh' }).first()).toBeVisible();
    await expect(season.getByRole('link', { name: /Các khoản thu/ })).toHaveAttribute('href', '/cong-khai');
    await expect(season.locator('a[href^="tel:"]')).toHaveAttribute('href', /^tel:0203387721[79]$/);
    await expectNoViolations(page, '/tuyen-sinh');
  });
});

test.describe('the home page while a season is open', () => {
  let documentId = '';
  let title = '';

  // biome-ignore lint/correctness/noEmptyPattern: Playwright reads the fixtures a hook needs from this pattern; this one needs none
  test.beforeAll(async ({}, testInfo) => {
    const leader = await AdminSession.login('hieutruong@mnhiephoa.test');
    const today = vietnamDate();
    title = `Tuyển sinh thử ${testInfo.project.name} ${Date.now()}`;
    // Closing today: of the open seasons, the home page shows the one closing first.
    const created = await leader.createDraft(UID, {
      schoolYear: '2030-2031',
      title,
      opensOn: today,
      closesOn: today,
      plan: [{ type: 'paragraph', children: [{ type: 'text', text: 'Nhận hồ sơ trong một ngày.' }] }],
      contact: { phone: '0203 3877 217' },
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    documentId = created.body.data!.documentId;
    expect((await leader.request('POST', `${CM}/${documentId}/actions/publish`, {})).status).toBe(200);
  });

  test.afterAll(async () => {
    const leader = await AdminSession.login('hieutruong@mnhiephoa.test');
    if (documentId) await leader.request('DELETE', `${CM}/${documentId}`);
  });

  test('shows an enrolment block near the top whose link opens /tuyen-sinh', async ({ page }) => {
    await expect(async () => {
      await page.goto('/');
      await expect(page.getByRole('region', { name: title })).toBeVisible({ timeout: 1000 });
    }).toPass({ timeout: 30_000 });
    const block = page.getByRole('region', { name: title });
    await expect(block).toContainText('Đang nhận hồ sơ');
    await expect(block.locator('a[href^="tel:"]')).toHaveAttribute('href', 'tel:02033877217');
    await block.getByRole('link', { name: /Xem độ tuổi, hồ sơ/ }).click();
    await expect(page).toHaveURL(/\/tuyen-sinh$/);
    await expect(page.locator('article.admission-season').getByRole('heading', { level: 2 })).toHaveText(title);
    await expect(page.locator('article.admission-season .admission__status .badge')).toHaveText('Đang nhận hồ sơ');
  });
});
