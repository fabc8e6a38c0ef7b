/**
 * The technical status view for the Tổ CNTT: the same data as GET /status, as one HTML page (GET / on
 * the monitor's loopback port, reached on the server or through an SSH tunnel). Everything the public
 * /trang-thai page leaves out lives here: every service including the CMS, disk, backups and TLS, the
 * last check's detail (HTTP codes, addresses), response-time percentiles, uptime per window with the
 * number of days that have data, all incidents and the alerts sent. No script, no external resource.
 */
import { vietnamFormat } from '@portal/common/vietnam-time';
import type { createStatus } from './status.ts';

export type StatusJson = ReturnType<ReturnType<typeof createStatus>['status']>;

export const html = (value: unknown): string =>
  String(value ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

const TIME = vietnamFormat({ day: '2-digit', month: '2-digit', year: 'numeric', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' });
export const when = (iso: string | null | undefined): string => (iso ? TIME.format(new Date(iso)) : '—');
const ms = (value: number | null): string => (value === null ? '—' : `${value} ms`);
const PERCENT = new Intl.NumberFormat('vi-VN', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const percent = (value: number | null): string => (value === null ? 'chưa có số liệu' : `${PERCENT.format(Math.floor(value * 10_000) / 100)} %`);
const seconds = (value: number | null): string => (value === null ? 'đang diễn ra' : value < 60 ? `${value} giây` : `${Math.round(value / 60)} phút`);

export const STATE_NAMES: Record<string, string> = { up: 'Hoạt động', down: 'NGỪNG', maintenance: 'Bảo trì', unknown: 'Chưa rõ' };

/** Days of the last `count` that have data, so "100 %" over one day is read as such. */
function measuredDays(days: { uptime: number | null }[], count: number): number {
  return days.slice(-count).filter((day) => day.uptime !== null).length;
}

export const table = (head: string[], rows: string[][]): string =>
  `<table><thead><tr>${head.map((h) => `<th scope="col">${html(h)}</th>`).join('')}</tr></thead><tbody>${rows
    .map((row) => `<tr>${row.map((cell) => `<td>${cell}</td>`).join('')}</tr>`)
    .join('')}</tbody></table>`;

/** The pages below are static HTML with inline styles only: nothing may run or load. */
export const MONITOR_PAGE_CSP = "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

/** A whole page of the monitor's (or the district's) loopback views: plain HTML, inline styles only. */
export function monitorPage(title: string, body: string): string {
  return `<!doctype html>
<html lang="vi">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${html(title)}</title>
<style>
body{font:15px/1.45 system-ui,sans-serif;margin:1rem;color:#1a1a1a}
table{border-collapse:collapse;width:100%;margin:0 0 1.5rem}
th,td{border:1px solid #c9d1d9;padding:.35rem .5rem;text-align:left;vertical-align:top}
th{background:#f4f6f8}
small{color:#4a4a4a}
.state--up{color:#11562a;font-weight:600}.state--down{color:#8a1414;font-weight:700}.state--maintenance{color:#0b4f8a}
.wrap{overflow-x:auto}
</style>
</head>
<body>
${body}
</body>
</html>
`;
}

export function renderTechnicalView(status: StatusJson): string {
  const services = table(
    ['Dịch vụ', 'Trạng thái', 'Từ lúc', 'Kiểm tra gần nhất', 'Chi tiết', 'Phản hồi p50 / p95 / p99 (24 giờ)', '24 giờ', '7 ngày', '30 ngày', '90 ngày'],
    status.services.map((s) => [
      `${html(s.name)}<br><small>${html(s.id)}${s.target ? ` · ${html(s.target)}` : ''}</small>`,
      `<span class="state state--${html(s.state)}">${html(STATE_NAMES[s.state] ?? s.state)}</span>${s.consecutiveFailures > 0 ? `<br><small>${s.consecutiveFailures} lần lỗi liên tiếp</small>` : ''}`,
      html(when(s.since)),
      `${html(when(s.lastCheckedAt))}<br><small>${html(ms(s.lastResponseMs))}</small>`,
      html(s.detail),
      `${html(ms(s.responseMs.p50))} / ${html(ms(s.responseMs.p95))} / ${html(ms(s.responseMs.p99))}`,
      html(percent(s.uptime['24h'])),
      `${html(percent(s.uptime['7d']))}<br><small>${measuredDays(s.days, 7)}/7 ngày có số liệu</small>`,
      `${html(percent(s.uptime['30d']))}<br><small>${measuredDays(s.days, 30)}/30 ngày có số liệu</small>`,
      `${html(percent(s.uptime['90d']))}<br><small>${measuredDays(s.days, 90)}/90 ngày có số liệu</small>`,
    ]),
  );
  const incidents =
    status.incidents.length === 0
      ? '<p>Chưa có sự cố nào.</p>'
      : table(
          ['Dịch vụ', 'Bắt đầu', 'Xác nhận', 'Kết thúc', 'Thời gian', 'Chi tiết', 'Đã báo'],
          status.incidents.map((i) => [
            html(i.serviceName),
            html(when(i.startedAt)),
            html(when(i.confirmedAt)),
            html(when(i.endedAt)),
            html(seconds(i.durationSeconds)),
            html(i.detail),
            i.alerted ? 'có' : 'không',
          ]),
        );
  const maintenance =
    status.maintenance.length === 0
      ? '<p>Không có thông báo bảo trì – sự cố trong 30 ngày.</p>'
      : table(
          ['Loại', 'Tiêu đề', 'Từ', 'Đến', 'Khắc phục lúc', 'Dịch vụ'],
          status.maintenance.map((m) => [
            html(m.kind),
            html(m.title),
            html(when(m.startsAt)),
            html(when(m.endsAt)),
            html(when(m.resolvedAt)),
            html([...m.serviceIds, ...m.services].join(', ')),
          ]),
        );
  const alerts =
    status.alerts.length === 0
      ? '<p>Chưa gửi cảnh báo nào.</p>'
      : table(
          ['Lúc', 'Dịch vụ', 'Loại', 'Tiêu đề', 'Thư', 'Webhook'],
          status.alerts.map((a) => [html(when(a.createdAt)), html(a.serviceName), html(a.kind), html(a.subject), html(a.email), html(a.webhook)]),
        );
  return monitorPage(
    'Giám sát kỹ thuật – Cổng thông tin',
    `<h1>Giám sát kỹ thuật</h1>
<p>Số liệu lúc ${html(when(status.generatedAt))}; kiểm tra mỗi ${html(status.intervalSeconds)} giây${
      status.lastCycleMs === null ? '' : `, lượt gần nhất mất ${html(status.lastCycleMs)} ms`
    }; ${html(status.alertRecipients)} người nhận cảnh báo. Dữ liệu gốc: <a href="/status">/status</a> (JSON), <a href="/checks?service=site">/checks?service=…</a>.</p>
<h2>Dịch vụ</h2>
<div class="wrap">${services}</div>
<h2>Sự cố (mọi dịch vụ)</h2>
<div class="wrap">${incidents}</div>
<h2>Thông báo bảo trì – sự cố</h2>
<div class="wrap">${maintenance}</div>
<h2>Cảnh báo đã gửi</h2>
<div class="wrap">${alerts}</div>`,
  );
}
