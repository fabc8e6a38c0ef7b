import { expect, test } from '@playwright/test';
import { changeDueOn, dayText } from '@portal/common/disclosure-deadlines';
import { vietnamDate } from '@portal/common/vietnam-time';
import { AdminSession } from '../helpers/admin.ts';
import { signIn } from '../helpers/admin-browser.ts';

test.describe('"Việc cần công khai" on the admin home page', () => {
  test.describe.configure({ timeout: 240_000 });

  test('shows the Ban giám hiệu the disclosure duties around today with their due days', async ({ page, isMobile }) => {
    test.skip(isMobile, 'the admin home page is tried on a desktop screen');
    await signIn(page, 'hieutruong@mnhiephoa.test');
    await expect(page.getByRole('heading', { level: 2, name: 'Việc cần công khai' })).toBeVisible({ timeout: 90_000 });
    // The week after this one always has a menu duty, whatever its state today.
    await expect(page.getByText(/^Thực đơn tuần từ \d{2}\/\d{2}\/\d{4}$/).first()).toBeVisible({ timeout: 30_000 });
    await expect(page.getByText(/^Hạn: \d{2}\/\d{2}\/\d{4}/).first()).toBeVisible();
  });

  test('lists a change to a disclosure waiting to be published, with its due day, and opens the document', async ({ page, isMobile }) => {
    test.skip(isMobile, 'the admin home page is tried on a desktop screen');
    const leader = await AdminSession.login('hieutruong@mnhiephoa.test');
    const today = vietnamDate();
    const title = `Danh sách giáo viên năm học 2026-2027 (thay đổi ${Date.now()})`;
    const created = await leader.createDraft('api::disclosure.disclosure', {
      schoolYear: '2026-2027',
      section: 'Điều kiện bảo đảm chất lượng',
      title,
      changedOn: today,
      body: [{ type: 'paragraph', children: [{ type: 'text', text: 'Một giáo viên mới nhận công tác.' }] }],
    });
    expect(created.status).toBe(201);
    const documentId = created.body.data!.documentId;
    try {
      await signIn(page, 'hieutruong@mnhiephoa.test');
      const link = page.getByRole('link', { name: `Thay đổi ngày ${dayText(today)}: ${title}` });
      await expect(link).toBeVisible({ timeout: 90_000 });
      await expect(page.getByRole('listitem').filter({ has: link })).toContainText(`Hạn: ${dayText(changeDueOn(today))} (10 ngày làm việc)`);
      await link.click();
      await expect(page).toHaveURL(new RegExp(`/content-manager/collection-types/api::disclosure\\.disclosure/${documentId}`));
    } finally {
      await leader.request('DELETE', `/content-manager/collection-types/api::disclosure.disclosure/${documentId}`);
    }
  });
});
