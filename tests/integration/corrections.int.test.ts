import { beforeAll, describe, expect, it } from 'vitest';
import { AdminSession } from '../helpers/admin.ts';
import { waitForMail } from '../helpers/mailbox.ts';
import { testStack } from '../helpers/test-stack.ts';

const SUB = '/content-manager/collection-types/api::submission.submission';
let leader: AdminSession;

function post(fields: Record<string, string>) {
  const { siteUrl } = testStack();
  return fetch(`${siteUrl}/bao-sai-sot`, {
    method: 'POST',
    // A browser posting the form from the site itself.
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: siteUrl },
    body: new URLSearchParams(fields).toString(),
    redirect: 'manual',
  });
}

async function corrections(): Promise<{ title: string; message: string; relatedUrl: string; source: string; handlingStatus: string }[]> {
  const { body } = await leader.request<{ results: { title: string; message: string; relatedUrl: string; source: string; handlingStatus: string }[] }>(
    'GET',
    `${SUB}?page=1&pageSize=100&filters[kind][$eq]=${encodeURIComponent('Báo sai sót')}`,
  );
  return body.results;
}

beforeAll(async () => {
  leader = await AdminSession.login('hieutruong@mnhiephoa.test');
});

describe('a reader reports a wrong item', () => {
  it('creates a correction for the Ban giám hiệu, confirms in Vietnamese and tells them by e-mail', async () => {
    const message = 'Ngày ban hành ghi sai, đúng ra là 17/11/2023. (thử nghiệm)';
    const response = await post({
      'noi-dung': message,
      'lien-he': '0912 345 678',
      trang: '/van-ban/quyet-dinh-380-qd-mnhh',
      'tieu-de': 'Quyết định 380/QĐ-MNHH',
      website: '',
    });
    expect(response.status).toBe(200);
    expect(await response.text()).toContain('Cảm ơn bạn!');
    const saved = (await corrections()).find((item) => item.message === message);
    expect(saved).toMatchObject({ relatedUrl: '/van-ban/quyet-dinh-380-qd-mnhh', source: 'Công chúng', handlingStatus: 'Mới' });
    const mail = await waitForMail(testStack().mailDir, (m) => m.subject === '[Báo sai sót] Quyết định 380/QĐ-MNHH');
    expect(mail.to).toEqual(['hieutruong@mnhiephoa.test']);
    expect(mail.text).toContain(message);
  });

  it('keeps the reader’s text and explains what to fix when the form is invalid, storing nothing', async () => {
    const before = (await corrections()).length;
    const response = await post({ 'noi-dung': 'Sai', 'lien-he': 'x'.repeat(201), trang: '/tin-tuc', website: '' });
    expect(response.status).toBe(400);
    const html = await response.text();
    expect(html).toContain('Hãy mô tả điều sai sót');
    expect(html).toContain('tối đa 200 ký tự');
    expect(html).toContain('>Sai</textarea>');
    expect((await corrections()).length).toBe(before);
  });

  it('refuses a page address outside the site', async () => {
    const response = await post({ 'noi-dung': 'Nội dung đủ dài để gửi đi.', trang: '//example.com/x', website: '' });
    expect(response.status).toBe(400);
    expect(await response.text()).toContain('Không rõ trang nào có sai sót');
  });

  it('pretends to accept a robot that fills the honeypot, and stores nothing', async () => {
    const before = (await corrections()).length;
    const response = await post({ 'noi-dung': 'Quảng cáo tự động của robot.', trang: '/tin-tuc', website: 'http://spam.example' });
    expect(response.status).toBe(200);
    expect((await corrections()).length).toBe(before);
  });

  it('limits how often one address can send, keeping the text', async () => {
    let last: Response | undefined;
    for (let i = 0; i < 7; i += 1) {
      last = await post({ 'noi-dung': `Thông báo lặp lại số ${i} để thử giới hạn.`, trang: '/tin-tuc', website: '' });
      if (last.status === 429) break;
    }
    expect(last?.status).toBe(429);
    const html = await last!.text();
    expect(html).toContain('nhiều lần trong thời gian ngắn');
    expect(html).toContain('để thử giới hạn.</textarea>');
  });

  it('accepts corrections in the CMS only from the site, signed', async () => {
    const response = await fetch(`${testStack().cmsUrl}/api/corrections`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ message: 'Giả mạo không có chữ ký', page: '/tin-tuc' }),
    });
    expect(response.status).toBe(403);
  });
});
