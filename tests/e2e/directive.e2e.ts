import { expect, test } from '@playwright/test';

// Content and behaviour, not layout: run once, in the phone project (most parents read on a phone).
test.skip(({ isMobile }) => !isMobile, 'content, not layout: the phone project runs it');

const PAGE = '/van-ban/quyet-dinh-380-qd-mnhh';
const CITED = [
  '64/2007/NĐ-CP',
  '72/2013/NĐ-CP',
  '1488/QĐ-UBND',
  '496/KH-SGDĐT',
  '320/KH-PGDĐT',
  '02/KH-BCĐ',
  '866/PGDĐT-CNTT',
  '963/PGD&ĐT-CNTT',
  '379/KH-MNHH',
  '378/QĐ-MNHH',
];

test.describe('Quyết định 380/QĐ-MNHH', () => {
  test('shows every field of a Vietnamese administrative document', async ({ page }) => {
    const response = await page.goto(PAGE);
    expect(response?.status()).toBe(200);
    await expect(page.getByRole('heading', { level: 1 })).toContainText('380/QĐ-MNHH');
    const main = page.getByRole('main');
    for (const label of ['Loại văn bản', 'Số ký hiệu', 'Cơ quan ban hành', 'Ngày ban hành', 'Hiệu lực', 'Người ký', 'Trích yếu']) {
      await expect(main.getByText(label, { exact: true }).first()).toBeVisible();
    }
    await expect(main).toContainText('Quyết định');
    await expect(main).toContainText('Trường Mầm non Hiệp Hòa');
    await expect(main).toContainText('17/11/2023');
    await expect(main).toContainText('Phạm Thị Thanh Vân');
  });

  test('links every document it is based on, and every link resolves to that document', async ({ page, request }) => {
    await page.goto(PAGE);
    const basis = page.getByRole('region', { name: 'Căn cứ', exact: true });
    const links = basis.getByRole('link');
    for (const number of CITED) await expect(basis).toContainText(number);
    const targets = await links.evaluateAll((anchors) => anchors.map((a) => [a.getAttribute('href') ?? '', a.textContent ?? '']));
    expect(targets.length).toBeGreaterThanOrEqual(CITED.length);
    for (const [href, text] of targets) {
      expect(href).toMatch(/^\/van-ban\/[a-z0-9-]+$/);
      const answer = await request.get(href!);
      expect(answer.status(), href).toBe(200);
      const number = text!.split(' số ').pop()!.trim();
      expect(await answer.text(), href).toContain(number.replace(/&/g, '&amp;'));
    }
  });

  test('lists the documents that cite it, and a căn cứ link can be followed', async ({ page }) => {
    await page.goto(PAGE);
    await expect(page.getByRole('region', { name: 'Văn bản căn cứ vào văn bản này' })).toContainText('QC-380/QĐ-MNHH');
    await page
      .getByRole('region', { name: 'Căn cứ', exact: true })
      .getByRole('link', { name: /378\/QĐ-MNHH/ })
      .click();
    await expect(page).toHaveURL(/\/van-ban\/quyet-dinh-378-qd-mnhh$/);
    await expect(page.getByRole('region', { name: 'Văn bản căn cứ vào văn bản này' })).toContainText('380/QĐ-MNHH');
  });

  test('offers its attachment as a real PDF download', async ({ page, request }) => {
    await page.goto(PAGE);
    const item = page.getByRole('region', { name: 'Tệp đính kèm' }).getByRole('listitem').first();
    await expect(item).toContainText(/PDF, [\d,.]+ (KB|MB)/);
    const attachment = item.getByRole('link');
    const file = await request.get((await attachment.getAttribute('href'))!);
    expect(file.status()).toBe(200);
    expect((await file.body()).subarray(0, 5).toString()).toBe('%PDF-');
  });

  test('appears in the list of documents with its validity', async ({ page }) => {
    await page.goto('/van-ban');
    const row = page
      .getByRole('main')
      .getByRole('link', { name: /380\/QĐ-MNHH/ })
      .first();
    await expect(row).toBeVisible();
    await expect(page.getByRole('main')).toContainText(/Còn hiệu lực|Hết hiệu lực/);
  });
});
