import { expect, test } from '@playwright/test';

// Content and behaviour, not layout: run once, in the phone project (most parents read on a phone).
test.skip(({ isMobile }) => !isMobile, 'content, not layout: the phone project runs it');

test.describe('maintenance and incident notices', () => {
  test('list the seeded maintenance with its times in Vietnam and when it was fixed, under the status page', async ({ page }) => {
    const response = await page.goto('/trang-thai/bao-tri');
    expect(response?.status()).toBe(200);
    const past = page.getByRole('region', { name: 'Đã qua' });
    const item = past.getByRole('listitem').filter({ hasText: 'Bảo trì định kỳ Trang thông tin điện tử tối 15/11/2026' });
    await expect(item).toContainText('Bảo trì');
    await expect(item).toContainText('22:00 ngày 15/11/2026');
    await expect(item).toContainText('23:30 ngày 15/11/2026');
    await expect(item).toContainText('Đã khắc phục lúc 23:10 ngày 15/11/2026');
    await expect(item).toHaveAttribute('id', /^bao-tri-[a-z0-9]+$/);
  });
});

test.describe('the English page', () => {
  test('gives the organisation and contacts in English, marked as English', async ({ page }) => {
    const response = await page.goto('/en');
    expect(response?.status()).toBe(200);
    const english = page.locator('main [lang="en"]').first();
    await expect(english.getByRole('heading', { level: 1 })).toHaveText('Hiep Hoa Kindergarten');
    await expect(english.getByRole('heading', { name: 'About the school' })).toBeVisible();
    await expect(english.getByRole('heading', { name: 'Contact', exact: true })).toBeVisible();
    await expect(english).toContainText('Principal');
    await expect(english).toContainText('Phạm Thị Thanh Vân');
    await expect(english.getByRole('link', { name: 'lienhe@mnhiephoa.test' })).toBeVisible();
  });
});

test.describe('the register of documents', () => {
  const caption = (text: string | null): number => Number(text?.match(/\((\d+) văn bản/)?.[1]);

  test('filters by type with a plain form, listing only that type and fewer documents', async ({ page }) => {
    await page.goto('/van-ban');
    const before = caption(await page.locator('.register caption').textContent());
    await page.getByLabel('Loại văn bản').selectOption('Nghị định');
    await page.getByRole('button', { name: 'Lọc' }).click();
    await expect(page).toHaveURL(/loai=Ngh/);
    const after = caption(await page.locator('.register caption').textContent());
    expect(after).toBeGreaterThan(0);
    expect(after).toBeLessThan(before);
    const types = await page.locator('.register tbody td[data-label="Loại"]').allTextContents();
    expect(types.length).toBe(after);
    expect(new Set(types.map((t) => t.trim()))).toEqual(new Set(['Nghị định']));
  });

  test('matches số ký hiệu or trích yếu from the text box and keeps the other filters', async ({ page }) => {
    const response = await page.goto('/van-ban?loai=Quy%E1%BA%BFt+%C4%91%E1%BB%8Bnh&q=MNHH');
    expect(response?.status()).toBe(200);
    const numbers = await page.locator('.register tbody td[data-label="Số ký hiệu"]').allTextContents();
    expect(numbers.length).toBeGreaterThan(0);
    for (const number of numbers) expect(number).toMatch(/MNHH/);
    await expect(page.getByLabel('Số ký hiệu hoặc trích yếu')).toHaveValue('MNHH');
    await expect(page.getByLabel('Loại văn bản')).toHaveValue('Quyết định');
  });

  test('lists no document for a filter nothing matches, without an error', async ({ page }) => {
    const response = await page.goto('/van-ban?q=khong-co-van-ban-nay&nam=1999');
    expect(response?.status()).toBe(200);
    await expect(page.getByRole('main')).toContainText('Không có văn bản nào khớp bộ lọc.');
  });
});

test.describe('news categories', () => {
  test('are linked from the news page, and a category page lists only its own articles', async ({ page }) => {
    await page.goto('/tin-tuc');
    await page.getByRole('navigation', { name: 'Chuyên mục' }).getByRole('link', { name: 'Chuyển đổi số' }).click();
    await expect(page).toHaveURL(/\/tin-tuc\/chuyen-muc\/chuyen-doi-so$/);
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Chuyển đổi số');
    const metas = await page.locator('.card__meta').allTextContents();
    expect(metas.length).toBeGreaterThan(0);
    for (const meta of metas) expect(meta).toContain('Chuyển đổi số');
  });

  test('answer 404 for an unknown category', async ({ page }) => {
    const response = await page.goto('/tin-tuc/chuyen-muc/khong-co-chuyen-muc-nay');
    expect(response?.status()).toBe(404);
  });
});

test.describe('feeds and crawler files', () => {
  for (const section of ['tin-tuc', 'van-ban', 'hoat-dong']) {
    test(`/${section}/rss.xml is RSS 2.0 whose item links all open`, async ({ page, request }) => {
      const answer = await request.get(`/${section}/rss.xml`);
      expect(answer.status()).toBe(200);
      expect(answer.headers()['content-type']).toBe('application/rss+xml; charset=utf-8');
      const xml = await answer.text();
      await page.goto('about:blank');
      const parsed = await page.evaluate((text) => {
        const doc = new DOMParser().parseFromString(text, 'application/xml');
        return {
          error: doc.getElementsByTagName('parsererror').length > 0,
          version: doc.documentElement.getAttribute('version'),
          links: Array.from(doc.querySelectorAll('item > link')).map((l) => l.textContent ?? ''),
          dates: Array.from(doc.querySelectorAll('item > pubDate')).map((d) => d.textContent ?? ''),
        };
      }, xml);
      expect(parsed.error).toBe(false);
      expect(parsed.version).toBe('2.0');
      expect(parsed.links.length).toBeGreaterThan(0);
      expect(parsed.links.length).toBeLessThanOrEqual(20);
      for (const date of parsed.dates) expect(date).toMatch(/^[A-Z][a-z]{2}, \d{2} [A-Z][a-z]{2} \d{4} \d{2}:\d{2}:\d{2} (GMT|[+-]\d{4})$/);
      for (const link of parsed.links) {
        const url = new URL(link);
        expect(url.pathname.startsWith(`/${section}/`)).toBe(true);
        expect((await request.get(url.pathname)).status(), link).toBe(200);
      }
    });

    test(`the /${section} page links its RSS feed`, async ({ page }) => {
      await page.goto(`/${section}`);
      await expect(page.locator(`a[href="/${section}/rss.xml"]`)).toBeVisible();
    });
  }

  test('the sitemap lists the public pages and every published document with lastmod', async ({ request }) => {
    const answer = await request.get('/sitemap.xml');
    expect(answer.status()).toBe(200);
    const xml = await answer.text();
    expect(xml).toContain('<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">');
    expect(xml).toMatch(/<loc>[^<]+\/van-ban\/quyet-dinh-380-qd-mnhh<\/loc><lastmod>\d{4}-\d{2}-\d{2}T/);
    for (const path of ['/tin-tuc', '/van-ban', '/hoat-dong', '/thong-bao', '/trang-thai/bao-tri', '/en'])
      expect(xml).toMatch(new RegExp(`<loc>[^<]+${path}</loc>`));
  });

  test('robots.txt allows crawling, keeps previews and search results out, and points to the sitemap', async ({ request }) => {
    const answer = await request.get('/robots.txt');
    expect(answer.status()).toBe(200);
    const text = await answer.text();
    expect(text).toContain('Disallow: /xem-truoc');
    expect(text).toContain('Disallow: /tim-kiem?');
    expect(text).toMatch(/^Sitemap: https?:\/\/\S+\/sitemap\.xml$/m);
  });
});

test.describe('the weekly menu', () => {
  test('shows meals by weekday with energy for both age groups, and moves between weeks', async ({ page }) => {
    const response = await page.goto('/thuc-don?tuan=2026-11-30');
    expect(response?.status()).toBe(200);
    const main = page.getByRole('main');
    await expect(main).toContainText('Tuần từ 30/11/2026 đến 05/12/2026');
    // Phones get day cards and wide screens a table (tests/e2e/menu.e2e.ts): both show the same meals.
    for (const group of ['Nhà trẻ', 'Mẫu giáo']) {
      const section = main.getByRole('region', { name: `Khối ${group}` }).first();
      await expect(section.getByText('Bữa trưa').filter({ visible: true }).first()).toBeVisible();
      await expect(
        section
          .getByText(/\d kcal/)
          .filter({ visible: true })
          .first(),
      ).toBeVisible();
    }
    const firstGroup = page.locator('.menu-group').first();
    const thisWeek = await firstGroup.textContent();

    const weeks = page.getByRole('navigation', { name: 'Chọn tuần' });
    await expect(weeks.getByRole('link', { name: /Tuần sau/ })).toHaveCount(0);
    await weeks.getByRole('link', { name: /Tuần trước/ }).click();
    await expect(page).toHaveURL(/\/thuc-don\?tuan=2026-11-23$/);
    await expect(page.getByRole('main')).toContainText('Tuần từ 23/11/2026 đến 28/11/2026');
    expect(await page.locator('.menu-group').first().textContent()).not.toBe(thisWeek);
    await page
      .getByRole('navigation', { name: 'Chọn tuần' })
      .getByRole('link', { name: /Tuần sau/ })
      .click();
    await expect(page).toHaveURL(/\/thuc-don\?tuan=2026-11-30$/);
  });

  test('answers 404 in Vietnamese for a week without a menu', async ({ page }) => {
    const response = await page.goto('/thuc-don?tuan=2020-01-06');
    expect(response?.status()).toBe(404);
    await expect(page.getByRole('heading', { level: 1 })).toContainText('Không tìm thấy');
  });
});

test.describe('the school profile', () => {
  test('introduces the leadership with position, phone, e-mail and duties, and the organisation structure', async ({ page }) => {
    await page.goto('/gioi-thieu');
    const main = page.getByRole('main');
    await expect(main.getByRole('heading', { name: 'Ban giám hiệu', level: 2 })).toBeVisible();
    await expect(main).toContainText('Phạm Thị Thanh Vân');
    await expect(main).toContainText('Hiệu trưởng');
    await expect(main.getByRole('link', { name: '0203 3877 216' }).first()).toHaveAttribute('href', 'tel:02033877216');
    await expect(main.getByRole('link', { name: 'thanhvan@mnhiephoa.test' }).first()).toHaveAttribute('href', 'mailto:thanhvan@mnhiephoa.test');
    await expect(main).toContainText('Nhiệm vụ');
    const organisation = main.getByRole('region', { name: 'Cơ cấu tổ chức' });
    const units = organisation.getByRole('listitem');
    await expect(units.first().getByRole('heading', { level: 3 })).toHaveText('Ban giám hiệu');
    expect(await units.count()).toBeGreaterThanOrEqual(4);
    await expect(organisation).toContainText('Tổ chuyên môn Mẫu giáo');
    await expect(organisation).toContainText('Phụ trách: Hiệu trưởng Phạm Thị Thanh Vân');
  });

  test('gives the contact page the address, phone, e-mail, hours and the portal contact person', async ({ page }) => {
    await page.goto('/lien-he');
    const main = page.getByRole('main');
    await expect(main).toContainText('Khu 4, phường Hiệp Hòa, thị xã Quảng Yên, tỉnh Quảng Ninh');
    await expect(main.getByRole('link', { name: '0203 3877 215' })).toHaveAttribute('href', 'tel:02033877215');
    await expect(main.getByRole('link', { name: 'lienhe@mnhiephoa.test' })).toHaveAttribute('href', 'mailto:lienhe@mnhiephoa.test');
    await expect(main).toContainText('Giờ làm việc');
    await expect(main.getByRole('heading', { name: /Đầu mối tiếp nhận thông tin/ })).toBeVisible();
  });
});

test.describe('news pagination', () => {
  test('splits the news list into pages of ten that link to each other, and refuses a page past the end', async ({ page }) => {
    await page.goto('/tin-tuc');
    const cards = page.getByRole('main').locator('.card');
    await expect(cards).toHaveCount(10);
    const firstPageTitles = await cards.locator('.card__title').allTextContents();
    const pager = page.getByRole('navigation', { name: 'Phân trang' });
    await pager.getByRole('link', { name: /Trang sau/ }).click();
    await expect(page).toHaveURL(/\/tin-tuc\?page=2$/);
    await expect(cards.first()).toBeVisible();
    for (const title of await cards.locator('.card__title').allTextContents()) expect(firstPageTitles).not.toContain(title);
    await expect(page.getByRole('navigation', { name: 'Phân trang' }).getByRole('link', { name: /Trang trước/ })).toHaveAttribute(
      'href',
      /\/tin-tuc(\?page=1)?$/,
    );
    expect((await page.goto('/tin-tuc?page=999'))?.status()).toBe(404);
    expect((await page.goto('/tin-tuc?page=abc'))?.status()).toBe(404);
  });
});

test.describe('activities and disclosures', () => {
  test('an activity shows a gallery of photos, each with a description', async ({ page }) => {
    await page.goto('/hoat-dong');
    // The newest seeded activity (two photos): the suites before this one publish activities of their own.
    await page.getByRole('main').locator('.card__title a', { hasText: 'Văn nghệ chào mừng Ngày Nhà giáo' }).click();
    const gallery = page.getByRole('region', { name: 'Hình ảnh' });
    const photos = gallery.getByRole('img');
    // The click starts a navigation: wait for the new page's photos before counting them.
    await expect(photos.nth(1)).toBeVisible();
    expect(await photos.count()).toBeGreaterThanOrEqual(2);
    for (const alt of await photos.evaluateAll((images) => images.map((image) => image.getAttribute('alt') ?? '')))
      expect(alt.trim().length).toBeGreaterThan(5);
  });

  test('disclosures are grouped by school year and section, each with its first-published and last-updated dates', async ({ page }) => {
    await page.goto('/cong-khai');
    const year = page.getByRole('region', { name: 'Năm học 2026-2027', exact: true });
    await expect(year).toBeVisible();
    // Each section's region carries its year: the same section under two years is two distinct regions.
    const section = year.getByRole('region', { name: 'Thông tin chung, năm học 2026-2027', exact: true });
    await expect(section).toContainText('Thông tin chung về nhà trường năm học 2026-2027');
    await expect(section).toContainText('Công khai lần đầu: 10/09/2026');
    await expect(section).toContainText('Cập nhật: 05/10/2026');
    await expect(page.getByRole('region', { name: 'Năm học 2025-2026', exact: true })).toBeVisible();
    await page.getByRole('navigation', { name: 'Năm học' }).getByRole('link', { name: 'Năm học 2025-2026' }).click();
    await expect(page).toHaveURL(/#nam-hoc-2025-2026$/);
  });
});
