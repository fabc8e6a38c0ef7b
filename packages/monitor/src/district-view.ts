/**
 * The district's one status page (`npm run district -- start`): every school's services on one screen,
 * so that the Phòng GD&ĐT's IT staff see at a glance which school is down. One monitor process watches
 * every school, and each school keeps its own checks, history, alerts and recipients in it; this page
 * shows their status side by side. No script, no external resource.
 */
import type { ServiceStatus } from './status.ts';
import { html, monitorPage, STATE_NAMES, type StatusJson, table, when } from './technical-view.ts';

export interface SchoolReport {
  key: string;
  name: string;
  hosts: string[];
  /** The school's own technical view (its monitor's loopback address). */
  monitorUrl: string;
  /** What its monitor answered, or why it could not be read. */
  status: Pick<StatusJson, 'generatedAt' | 'services'> | { error: string };
}

/** A school is as bad as its worst service; a monitor that does not answer counts as down. */
export function schoolState(report: SchoolReport): ServiceStatus['state'] {
  if ('error' in report.status) return 'down';
  const states = report.status.services.map((service) => service.state);
  for (const state of ['down', 'unknown', 'maintenance'] as const) if (states.includes(state)) return state;
  return 'up';
}

export function districtSummary(reports: SchoolReport[], now = new Date()) {
  return {
    generatedAt: now.toISOString(),
    schools: reports.map((report) => ({
      key: report.key,
      name: report.name,
      hosts: report.hosts,
      state: schoolState(report),
      ...('error' in report.status
        ? { error: report.status.error, services: [] }
        : {
            checkedAt: report.status.generatedAt,
            services: report.status.services.map(({ id, name, state, since, detail }) => ({ id, name, state, since, detail })),
          }),
    })),
  };
}

export function renderDistrictView(reports: SchoolReport[], now = new Date()): string {
  const down = reports.filter((report) => schoolState(report) === 'down').length;
  const rows = table(
    ['Trường', 'Tình trạng', 'Các dịch vụ', 'Số liệu lúc'],
    reports.map((report) => {
      const state = schoolState(report);
      const services =
        'error' in report.status
          ? `<small>${html(report.status.error)}</small>`
          : report.status.services
              .map(
                (s) =>
                  `${html(s.name)}: <span class="state state--${html(s.state)}">${html(STATE_NAMES[s.state] ?? s.state)}</span>${s.state === 'up' ? '' : ` <small>(${html(s.detail)})</small>`}`,
              )
              .join('<br>');
      return [
        `<a href="${html(report.monitorUrl)}/">${html(report.name)}</a><br><small>${html(report.key)} · ${html(report.hosts.join(', '))}</small>`,
        `<span class="state state--${html(state)}">${html(STATE_NAMES[state] ?? state)}</span>`,
        services,
        html('error' in report.status ? '—' : when(report.status.generatedAt)),
      ];
    }),
  );
  return monitorPage(
    'Tình trạng các trường – Cổng thông tin',
    `<h1>Tình trạng các trường</h1>
<p>${reports.length} trường; ${down === 0 ? 'không trường nào ngừng hoạt động' : `<strong>${down} trường có dịch vụ ngừng hoạt động</strong>`}. Số liệu lúc ${html(
      when(now.toISOString()),
    )}. Mỗi trường có số liệu và cảnh báo riêng (bấm tên trường để xem chi tiết); dữ liệu gốc: <a href="/status">/status</a> (JSON).</p>
<div class="wrap">${rows}</div>`,
  );
}
