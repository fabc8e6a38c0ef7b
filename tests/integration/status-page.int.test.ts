import { type ChildProcess, spawn } from 'node:child_process';
import http from 'node:http';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { AdminSession } from '../helpers/admin.ts';
import { readMailbox } from '../helpers/mailbox.ts';
import { freePort, testStack } from '../helpers/test-stack.ts';
import { waitFor } from '../helpers/wait.ts';

const NOTICES = '/content-manager/collection-types/api::notice.notice';
const STAFF = ['admin@mnhiephoa.test', 'hieutruong@mnhiephoa.test', 'giaovien@mnhiephoa.test', 'cntt@mnhiephoa.test'];

const page = async (url: string) => {
  const response = await fetch(url, { signal: AbortSignal.timeout(10_000) });
  return { status: response.status, html: await response.text(), headers: response.headers };
};
const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

const cleanups: (() => Promise<void> | void)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

describe('the status page', () => {
  it('tells parents in plain words whether the site works, honest about days without data, with no codes, timings or internal services', async () => {
    const { siteUrl, workDir, monitorUrl } = testStack();
    await waitFor(
      async () => text((await page(`${siteUrl}/trang-thai`)).html).includes('Trang thông tin đang hoạt động bình thường'),
      'trang trạng thái có số liệu',
      30_000,
      250,
    );
    const { status, html, headers } = await page(`${siteUrl}/trang-thai`);
    expect(status).toBe(200);
    expect(headers.get('cache-control')).toBe('public, max-age=30');
    const content = text(html.slice(html.indexOf('<main'), html.indexOf('</main>')));
    expect(content).toContain('Cập nhật lúc');
    // The test portal started today (or yesterday, near midnight): the days before are said to have no data.
    const [, withData, without] = content.match(/Theo dõi từ \d{2}\/\d{2}\/\d{4} \((\d) ngày có số liệu; (\d+) ngày trước đó chưa có số liệu\)/) ?? [];
    expect(Number(withData)).toBeLessThanOrEqual(2);
    expect(Number(withData) + Number(without)).toBe(30);
    expect(html.match(/class="uptime-day uptime-day--/g)?.length).toBe(30);
    expect(html.match(/class="uptime-day uptime-day--none"/g)?.length).toBe(Number(without));
    expect(content).toContain('Bảo trì sắp tới');
    expect(content).toContain('Những lần gián đoạn gần đây');
    // Nothing for engineers: no service names of the back end, codes, timings or uptime percentages.
    for (const word of ['Hệ thống quản lý nội dung', 'Trang quản trị', 'Sao lưu', 'Chứng chỉ', 'Dung lượng', 'HTTP', ' ms', 'trung vị', '%', '90 ngày'])
      expect(content, word).not.toContain(word);
    // Folders and internal addresses of the server stay with the IT team.
    expect(html).not.toContain(workDir);
    expect(html).not.toContain(testStack().cmsUrl);
    expect(html).not.toContain('/_health');

    // The technical view, on the monitor's loopback port, keeps all of it for the Tổ CNTT.
    const technical = await page(`${monitorUrl}/`);
    expect(technical.status).toBe(200);
    expect(technical.headers.get('content-security-policy')).toContain("default-src 'none'");
    const details = text(technical.html);
    for (const word of ['CMS', 'Trang quản trị', 'Sao lưu', 'Dung lượng đĩa', 'Phản hồi p50 / p95 / p99', '/_health', 'HTTP 200'])
      expect(details, word).toContain(word);
    // The test portal has no backup folder: an internal incident the parents' page leaves out.
    const incidents = details.slice(details.indexOf('Sự cố (mọi dịch vụ)'), details.indexOf('Thông báo bảo trì – sự cố'));
    expect(incidents).toContain('Sao lưu');
    expect(incidents).toContain('Chưa có thư mục sao lưu');
    expect(content).not.toContain('thư mục sao lưu');
    expect(details).toMatch(/\d+ ms \/ \d+ ms \/ \d+ ms/);
    expect(details).toContain('1/90 ngày có số liệu');
  });

  it('keeps working with the CMS down, and shows the last known data when the monitor is down too', async () => {
    // A second site process reads the monitor through a proxy the test can switch off, and a CMS that is not there.
    const monitor = new URL(testStack().monitorUrl);
    let monitorUp = true;
    const proxy = http.createServer((request, response) => {
      if (!monitorUp) return void response.destroy();
      const upstream = http.request({ host: monitor.hostname, port: monitor.port, path: request.url, method: request.method }, (answer) => {
        response.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(response);
      });
      upstream.on('error', () => response.destroy());
      upstream.end();
    });
    const proxyPort = await freePort();
    await new Promise<void>((resolve) => proxy.listen(proxyPort, '127.0.0.1', resolve));
    cleanups.push(() => new Promise<void>((resolve) => proxy.close(() => resolve())));
    const sitePort = await freePort();
    const site: ChildProcess = spawn(process.execPath, [path.resolve('site/dist/server/entry.mjs')], {
      cwd: path.resolve('site'),
      env: {
        ...process.env,
        HOST: '127.0.0.1',
        PORT: String(sitePort),
        CMS_URL: `http://127.0.0.1:${await freePort()}`,
        SITE_API_TOKEN: testStack().siteToken,
        MONITOR_URL: `http://127.0.0.1:${proxyPort}`,
        STATUS_SNAPSHOT_FILE: path.join(testStack().workDir, 'status-snapshot-2.json'),
      },
      detached: true,
      stdio: 'ignore',
    });
    cleanups.push(() => {
      try {
        process.kill(-site.pid!, 'SIGKILL');
      } catch {
        // gone
      }
    });
    const url = `http://127.0.0.1:${sitePort}/trang-thai`;
    await waitFor(async () => (await page(url).catch(() => ({ status: 0 }))).status === 200, 'trang thứ hai khởi động', 30_000, 200);

    const live = await page(url);
    expect(live.status).toBe(200);
    expect(text(live.html)).toContain('Cập nhật lúc');
    expect(text(live.html)).toContain('Trang thông tin đang hoạt động bình thường');

    monitorUp = false;
    const stale = await page(url);
    expect(stale.status).toBe(200);
    expect(text(stale.html)).toContain('Tạm thời chưa lấy được số liệu mới; số liệu dưới đây là của lúc');
    expect(text(stale.html)).toContain('Theo dõi từ');
  });
});

describe('a maintenance notice from the IT team', () => {
  it('is e-mailed to every staff account once, shows on the banner and the status page, and records its resolution', async () => {
    const { siteUrl, mailDir } = testStack();
    const team = await AdminSession.login('cntt@mnhiephoa.test');
    const title = `Bảo trì máy chủ thư điện tử ${Date.now()}`;
    const created = await team.createDraft('api::notice.notice', {
      kind: 'Bảo trì',
      title,
      message: 'Tạm dừng gửi thư trong 30 phút để nâng cấp.',
      affectedServices: [{ service: 'Thư điện tử' }],
      startsAt: new Date(Date.now() + 3_600_000).toISOString(),
      endsAt: new Date(Date.now() + 5_400_000).toISOString(),
      // Only the server may say staff were told.
      staffNotifiedAt: '2020-01-01T00:00:00.000Z',
    });
    expect(created.status, created.body.error?.message).toBe(201);
    const documentId = created.body.data!.documentId;
    cleanups.push(async () => void (await team.request('DELETE', `${NOTICES}/${documentId}`)));
    const mailsAbout = async () => (await readMailbox(mailDir)).filter((mail) => mail.subject === `[Bảo trì] ${title}`);
    expect(await mailsAbout()).toEqual([]);

    expect((await team.request('POST', `${NOTICES}/${documentId}/actions/publish`, {})).status).toBe(200);
    await waitFor(async () => (await mailsAbout()).length >= STAFF.length, 'thư báo tới mọi cán bộ', 30_000, 200);
    const mails = await mailsAbout();
    expect(mails.map((mail) => mail.to).sort()).toEqual(STAFF.map((email) => [email]).sort());
    expect(mails[0]!.text).toContain('Dịch vụ bị ảnh hưởng: Thư điện tử.');
    expect(mails[0]!.text).toMatch(/Thời gian: từ \d{2}:\d{2} \d{2}\/\d{2}\/\d{4} đến/);
    expect(mails[0]!.text).toContain(`${siteUrl}/trang-thai`);

    await waitFor(async () => (await page(`${siteUrl}/`)).html.includes(title), 'thông báo trên băng rôn', 10_000, 200);
    await waitFor(async () => (await page(`${siteUrl}/trang-thai`)).html.includes(title), 'thông báo trên trang trạng thái', 30_000, 250);
    expect(text((await page(`${siteUrl}/trang-thai`)).html)).toContain(`Bảo trì sắp diễn ra: ${title}`);

    // Editing and publishing again tells nobody twice.
    expect((await team.request('PUT', `${NOTICES}/${documentId}`, { message: 'Tạm dừng gửi thư trong 45 phút để nâng cấp.' })).status).toBe(200);
    expect((await team.request('POST', `${NOTICES}/${documentId}/actions/publish`, {})).status).toBe(200);

    // Ticking "resolved" records the time.
    const before = Date.now();
    const resolved = await team.request<{ data: { resolvedAt: string; resolved: boolean } }>('PUT', `${NOTICES}/${documentId}`, { resolved: true });
    expect(resolved.status).toBe(200);
    expect(resolved.body.data.resolved).toBe(true);
    expect(Date.parse(resolved.body.data.resolvedAt)).toBeGreaterThanOrEqual(before - 1000);
    expect((await team.request('POST', `${NOTICES}/${documentId}/actions/publish`, {})).status).toBe(200);
    const listed = (html: string) =>
      text(
        html
          .slice(html.indexOf('id="bao-tri-su-co"'))
          .split('<li>')
          .find((item) => item.includes(title)) ?? '',
      );
    await waitFor(
      async () => listed((await page(`${siteUrl}/trang-thai`)).html).includes('Đã khắc phục lúc'),
      'trang trạng thái ghi đã khắc phục',
      30_000,
      250,
    );
    expect(text((await page(`${siteUrl}/trang-thai`)).html)).not.toContain(`Bảo trì sắp diễn ra: ${title}`);
    expect(await mailsAbout()).toHaveLength(STAFF.length);
  }, 120_000);
});
