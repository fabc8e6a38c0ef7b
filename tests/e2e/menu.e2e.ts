import { expect, type Page, test } from '@playwright/test';
import { formatDate, todayInVietnam } from '../../site/src/lib/dates.ts';
import { addDays, dayLabel, SCHOOL_DAYS, todayInWeek } from '../../site/src/lib/menu-weeks.ts';

// The demo menus (cms/data/menus.json) cover the weeks of these Mondays.
const SEEDED_WEEKS = ['2026-11-23', '2026-11-30'];
const WEEK = '2026-11-30';
const WEEK_DAYS = SCHOOL_DAYS.map((_, index) => addDays(WEEK, index));

async function sidewaysOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
}

test.describe('the weekly menu on a phone', () => {
  test.use({ viewport: { width: 390, height: 844 } });
  test.skip(({ isMobile }) => !isMobile, 'the phone layout');

  test('opens on today with its date, then the rest of the week as dated cards, without sideways scrolling', async ({ page }) => {
    // Today as the server sees it: the test's clock and the site's are the same machine's.
    const today = todayInVietnam();
    await page.goto('/thuc-don');
    const main = page.getByRole('main');
    const todayHeading = main.getByRole('heading', { level: 2 }).first();
    await expect(todayHeading).toHaveText(`Hôm nay, ${dayLabel(today)}`);
    const todaySection = main.getByRole('region', { name: /^Hôm nay/ });
    const schoolDayWithMenu = SEEDED_WEEKS.some((week) => todayInWeek(week, today) !== null);
    if (schoolDayWithMenu) {
      await expect(todaySection.getByRole('heading', { name: 'Khối Nhà trẻ' })).toBeVisible();
      await expect(todaySection.getByText('Bữa trưa').first()).toBeVisible();
      // Today is not repeated among the cards of the rest of the week.
      await expect(
        main
          .getByRole('list', { name: /các ngày khác/ })
          .first()
          .getByText(dayLabel(today)),
      ).toHaveCount(0);
    } else {
      await expect(todaySection).toContainText(/Chủ nhật, trẻ nghỉ ở nhà|không có thực đơn/);
    }
    // The table is for wide screens only.
    await expect(main.getByRole('table')).toHaveCount(0);
    expect(await sidewaysOverflow(page)).toBeLessThanOrEqual(0);

    await page.goto(`/thuc-don?tuan=${WEEK}`);
    const cards = main.getByRole('list', { name: 'Thực đơn khối Nhà trẻ' }).getByRole('listitem');
    await expect(cards).toHaveCount(6);
    for (const [index, day] of WEEK_DAYS.entries()) {
      await expect(cards.nth(index).getByRole('heading', { level: 3 })).toContainText(dayLabel(day));
    }
    await expect(cards.first()).toContainText('Bữa trưa');
    await expect(main.getByRole('table')).toHaveCount(0);
    expect(await sidewaysOverflow(page)).toBeLessThanOrEqual(0);
  });
});

test.describe('the weekly menu on a desktop', () => {
  test.skip(({ isMobile }) => isMobile, 'the desktop layout');

  test('keeps the table, with the date under each weekday and today marked', async ({ page }) => {
    await page.setViewportSize({ width: 1366, height: 768 });
    await page.goto(`/thuc-don?tuan=${WEEK}`);
    const main = page.getByRole('main');
    for (const group of ['Nhà trẻ', 'Mẫu giáo']) {
      const table = main.getByRole('table', { name: `Thực đơn khối ${group}, theo bữa và theo ngày` });
      const headers = table.getByRole('columnheader');
      await expect(headers).toHaveCount(7);
      await expect(headers.first()).toHaveText('Bữa');
      for (const [index, weekday] of SCHOOL_DAYS.entries()) {
        await expect(headers.nth(index + 1)).toContainText(weekday);
        await expect(headers.nth(index + 1)).toContainText(formatDate(addDays(WEEK, index)));
      }
      await expect(table.getByRole('rowheader', { name: 'Bữa trưa' })).toBeVisible();
      await expect(table.getByRole('row').filter({ hasText: 'Năng lượng' })).toContainText('kcal');
    }
    const today = todayInVietnam();
    // One marked column in each age group's table.
    const marked = main.getByRole('columnheader').filter({ hasText: 'Hôm nay' });
    if (WEEK_DAYS.includes(today)) await expect(marked).toHaveText([formatDate(today), formatDate(today)].map((day) => new RegExp(day)));
    else await expect(marked).toHaveCount(0);
    // The phone's day cards are not shown beside the table.
    await expect(main.getByRole('list', { name: 'Thực đơn khối Nhà trẻ' })).toBeHidden();
  });
});
