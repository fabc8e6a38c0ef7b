import { describe, expect, it } from 'vitest';
import { SERVICE_NAMES, SERVICE_PARENTS } from '../../packages/monitor/src/config.ts';
import { composeAlert } from '../../packages/monitor/src/notify.ts';
import { type DeliveryHealth, judgeDeliveries, readDeliveryHealth } from '../../packages/monitor/src/sources.ts';
import { renderTechnicalView, type StatusJson } from '../../packages/monitor/src/technical-view.ts';
import { readReport } from '../../site/src/lib/monitor/client.ts';

const healthy: DeliveryHealth = {
  failedLast30Days: { purge: 0, mail: 0, total: 0 },
  lastFailedAt: null,
  retrying: 0,
  oldestWaitingSeconds: null,
  longWaitSeconds: 900,
};
const AT = Date.UTC(2026, 10, 30, 3, 0, 0);

describe("the monitor's check of the CMS's delivery outbox", () => {
  it('passes while nothing failed and nothing waited too long', () => {
    const result = judgeDeliveries(healthy, AT, 15);
    expect(result).toEqual({ service: 'delivery', at: AT, ok: true, responseMs: 15, detail: 'Không có lần gửi nào thất bại trong 30 ngày' });
    const retrying = judgeDeliveries({ ...healthy, retrying: 2, oldestWaitingSeconds: 120 }, AT, 15);
    expect(retrying.ok).toBe(true);
    expect(retrying.detail).toContain('2 lần gửi đang thử lại, lâu nhất đã chờ 2 phút');
  });

  it('fails on a delivery given up, naming how many of each kind and when, and on one waiting past the limit', () => {
    const failed = judgeDeliveries({ ...healthy, failedLast30Days: { purge: 1, mail: 2, total: 3 }, lastFailedAt: '2026-11-30T02:15:00.000Z' }, AT, 15);
    expect(failed.ok).toBe(false);
    expect(failed.detail).toBe(
      '3 lần gửi thất bại trong 30 ngày (thư điện tử: 2, báo trang công khai: 1), gần nhất lúc 09:15:00 ngày 30/11/2026. Xem "Hàng đợi gửi" trong trang quản trị.',
    );
    const stuck = judgeDeliveries({ ...healthy, retrying: 1, oldestWaitingSeconds: 3_700 }, AT, 15);
    expect(stuck.ok).toBe(false);
    expect(stuck.detail).toContain('lâu nhất đã chờ 1 giờ 2 phút (quá lâu)');
  });

  it('reads only an answer of the expected shape', () => {
    expect(readDeliveryHealth({ data: healthy })).toEqual(healthy);
    expect(readDeliveryHealth({ data: { ...healthy, retrying: -1 } })).toBeNull();
    expect(readDeliveryHealth({ data: { ...healthy, failedLast30Days: { purge: 0, mail: '1', total: 1 } } })).toBeNull();
    expect(readDeliveryHealth({ error: { message: 'x' } })).toBeNull();
    expect(readDeliveryHealth(null)).toBeNull();
  });

  it('is an alert about a resource that needs work, waiting while the CMS itself is down', () => {
    expect(SERVICE_PARENTS.delivery).toEqual(['cms']);
    const alert = composeAlert(
      {
        kind: 'down',
        service: 'delivery',
        target: 'http://127.0.0.1:1337/admin/hang-doi-gui',
        startedAt: AT,
        endedAt: null,
        detail: '1 lần gửi thất bại',
        retries: 3,
      },
      'http://127.0.0.1:4321/trang-thai',
    );
    expect(alert.subject).toBe('[Cổng thông tin] CẢNH BÁO HÀNG ĐỢI GỬI: cần xử lý');
    expect(alert.text).toContain('Dịch vụ: Hàng đợi gửi (http://127.0.0.1:1337/admin/hang-doi-gui)');
    expect(alert.text).toContain('Chi tiết: 1 lần gửi thất bại');
  });

  it('shows on the technical view and never on the parents’ status page', () => {
    const row = {
      id: 'delivery',
      name: SERVICE_NAMES.delivery,
      state: 'down',
      since: null,
      lastCheckedAt: null,
      lastResponseMs: 15,
      detail: '1 lần gửi thất bại trong 30 ngày (thư điện tử: 1, báo trang công khai: 0)',
      uptime: { '24h': null, '7d': null, '30d': null, '90d': null },
      responseMs: { p50: 15, p95: 15, p99: 15 },
      days: [],
      target: 'http://127.0.0.1:1337/admin/hang-doi-gui',
      lastOk: false,
      consecutiveFailures: 0,
    };
    const site = { ...row, id: 'site', name: 'Trang công khai', state: 'up', detail: 'HTTP 200' };
    const json = { generatedAt: new Date(AT).toISOString(), intervalSeconds: 60, services: [site, row], incidents: [], maintenance: [], alerts: [] };
    const html = renderTechnicalView({ ...json, alertRecipients: 1, lastCycleMs: 40 } as unknown as StatusJson);
    const technicalRow = html.split('<tr>').find((part) => part.includes('<small>delivery')) ?? '';
    expect(technicalRow).toContain('Hàng đợi gửi');
    expect(technicalRow).toContain('class="state state--down"');
    expect(technicalRow).toContain('1 lần gửi thất bại trong 30 ngày');
    expect(readReport(json)!.services.map((service) => service.id)).toEqual(['site']);
  });
});
