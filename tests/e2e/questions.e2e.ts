import { expect, test } from '@playwright/test';
import { expectNoViolations } from '../helpers/axe.ts';

// axe on a busy 2-core machine can take many seconds per page.
test.describe.configure({ timeout: 90_000 });

test.describe('Hỏi đáp – Góp ý', () => {
  test('a parent asks from the contact page: a mistake keeps the text and says what to fix, then the question is sent', async ({ page }, testInfo) => {
    await page.goto('/lien-he');
    await page.getByRole('main').getByRole('link', { name: 'Gửi câu hỏi, góp ý' }).click();
    await expect(page.getByRole('heading', { level: 1 })).toHaveText('Gửi câu hỏi, góp ý');

    await page.getByLabel('Chủ đề').selectOption('Bán trú – Dinh dưỡng');
    await page.getByLabel('Câu hỏi hoặc góp ý').fill('Ăn sáng?');
    await page.getByLabel('Thư điện tử để nhận câu trả lời').fill('me-be-na@example');
    await page.getByRole('button', { name: 'Gửi' }).click();

    const question = page.getByLabel('Câu hỏi hoặc góp ý');
    await expect(page.getByRole('main').getByRole('alert')).toContainText('ít nhất 10 ký tự');
    await expect(question).toHaveValue('Ăn sáng?');
    await expect(question).toHaveAccessibleDescription(/ít nhất 10 ký tự/);
    await expect(page.getByLabel('Thư điện tử để nhận câu trả lời')).toHaveAccessibleDescription(/thư điện tử chưa đúng/);
    await expect(page.getByLabel('Chủ đề')).toHaveValue('Bán trú – Dinh dưỡng');
    await expectNoViolations(page, 'question form with errors');

    await question.fill(`Trường có cho trẻ ăn sáng ở lớp không ạ? (${testInfo.project.name})`);
    await page.getByLabel('Thư điện tử để nhận câu trả lời').fill('');
    await page.getByLabel('Đồng ý công khai câu hỏi và câu trả lời').check();
    await page.getByRole('button', { name: 'Gửi' }).click();
    await expect(page.getByRole('main').getByRole('status')).toContainText('Ban giám hiệu đã nhận được câu hỏi');
  });

  test('lists the answered questions under one heading per topic, and narrows them by a search', async ({ page, isMobile }) => {
    test.skip(!isMobile, 'content, not layout: the phone project runs it');
    await page.goto('/hoi-dap');
    await expect(page.getByRole('main').getByRole('link', { name: 'Gửi câu hỏi, góp ý' })).toHaveAttribute('href', '/hoi-dap/gui-cau-hoi');
    const topics = page.getByRole('main').getByRole('heading', { level: 2 });
    await expect(topics.first()).toHaveText('Tuyển sinh');
    await expect(page.getByRole('region', { name: 'Bán trú – Dinh dưỡng' }).getByRole('heading', { level: 3 })).toContainText(['dị ứng tôm và trứng']);
    await page.getByRole('searchbox', { name: 'Tìm trong hỏi đáp' }).fill('dong phuc');
    await page.getByRole('search', { name: 'Tìm trong hỏi đáp' }).getByRole('button', { name: 'Tìm' }).click();
    await expect(page.getByRole('main').getByRole('status')).toContainText('1 câu hỏi');
    await expect(page.getByRole('main').getByRole('heading', { level: 3 })).toHaveCount(1);
    await expect(page.getByRole('main').getByRole('heading', { level: 3 })).toContainText('đồng phục');
  });
});
