import { expect, type Page, test } from '@playwright/test';
import { addDays, currentWeekMonday } from '@portal/common/work-week';
import { todayInVietnam } from '../../site/src/lib/dates.ts';
import { dayLabel } from '../../site/src/lib/menu-weeks.ts';

// The demo calendar (cms/data/work-weeks.json) fills this week and the next, relative to the seeding.
const thisWeek = currentWeekMonday();
const nextWeek = addDays(thisWeek, 7);

const sidewaysOverflow = (page: Page): Promise<number> => page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);

test('the work calendar opens on this week with today marked, and goes to the next week and back', async ({ page, isMobile }) => {
  const today = todayInVietnam();
  await page.goto('/lich-cong-tac');
  const main = page.getByRole('main');
  await expect(main.getByRole('heading', { level: 1 })).toHaveText('Lịch công tác tuần');
  await expect(main.locator('.lead')).toContainText(dayLabel(thisWeek));
  // The one visible mark of today: a card on a phone, the day's row header on a desktop.
  const todayMark = main.locator('[aria-current="date"]:visible');
  await expect(todayMark).toHaveCount(1);
  await expect(todayMark).toContainText(dayLabel(today));
  await expect(todayMark).toContainText('Hôm nay');
  if (isMobile) {
    await expect(main.getByRole('table')).toHaveCount(0);
    const days = main.getByRole('list', { name: /^Lịch công tác theo ngày/ });
    await expect(days.locator('> li')).toHaveCount(7);
    await expect(days.locator('.work-entry').filter({ hasText: 'Chào cờ đầu tuần' })).toBeVisible();
    expect(await sidewaysOverflow(page)).toBeLessThanOrEqual(0);
  } else {
    await expect(main.getByRole('table')).toBeVisible();
    await expect(main.getByRole('table').getByRole('columnheader')).toHaveText([
      'Ngày',
      'Thời gian',
      'Nội dung công việc',
      'Chủ trì',
      'Thành phần',
      'Địa điểm',
    ]);
  }

  await main.getByRole('link', { name: /^Tuần sau/ }).click();
  await expect(page).toHaveURL(new RegExp(`/lich-cong-tac\\?tuan=${nextWeek}$`));
  await expect(main.locator('.lead')).toContainText(dayLabel(nextWeek));
  await expect(main.getByText('Kiểm tra hồ sơ chuyên môn giáo viên khối Nhà trẻ').filter({ visible: true })).toHaveCount(1);
  await main.getByRole('link', { name: /^Tuần trước/ }).click();
  await expect(page).toHaveURL(/\/lich-cong-tac$/);
  await expect(main.getByText('Chào cờ đầu tuần; nhận xét nề nếp tuần trước').filter({ visible: true })).toHaveCount(1);
});

test('the week prints on one A4 page, as the table', async ({ page, isMobile }) => {
  test.skip(isMobile, 'printing does not depend on the screen: once, in the desktop project');
  await page.goto('/lich-cong-tac');
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByRole('table')).toBeVisible();
  await expect(page.locator('.work-days')).toBeHidden();
  const pdf = await page.pdf({ format: 'A4', printBackground: false });
  const pages = pdf.toString('latin1').match(/\/Type\s*\/Page(?![s\w])/g) ?? [];
  expect(pages.length).toBe(1);
});

test('the home page shows the coming entries of the work calendar with a link to the week', async ({ page, isMobile }) => {
  test.skip(!isMobile, 'content rather than layout: once, in the phone project');
  await page.goto('/');
  const block = page.getByRole('region', { name: 'Lịch công tác tuần này' });
  await expect(block).toBeVisible();
  await block.getByRole('link', { name: 'Xem lịch công tác cả tuần' }).click();
  await expect(page).toHaveURL(/\/lich-cong-tac$/);
});
