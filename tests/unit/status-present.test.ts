import { describe, expect, it } from 'vitest';
import { renderTechnicalView, type StatusJson } from '../../packages/monitor/src/technical-view.ts';
import type { Incident, ServiceDay, ServiceId, ServiceStatus, StatusReport } from '../../site/src/lib/monitor/client.ts';
import { coverage, parentDays, parentInterruptions, parentState, upcomingNotices } from '../../site/src/lib/monitor/present.ts';

/** 90 days ending 2026-11-30, data only for the last `withData`. */
function days(withData: number, downOn: Record<string, number> = {}): ServiceDay[] {
  const end = Date.UTC(2026, 10, 30);
  return Array.from({ length: 90 }, (_, i) => {
    const date = new Date(end - (89 - i) * 86_400_000).toISOString().slice(0, 10);
    const measured = i >= 90 - withData;
    const down = downOn[date] ?? 0;
    return { date, uptime: measured ? 1 - down / 1440 : null, downMinutes: down, maintenanceMinutes: 0 };
  });
}

function service(id: ServiceId, state: ServiceStatus['state'], serviceDays = days(2)): ServiceStatus {
  return {
    id,
    name: id,
    state,
    since: null,
    lastCheckedAt: null,
    lastResponseMs: 12,
    detail: 'HTTP 200',
    uptime: { '24h': 1, '7d': 1, '30d': 1, '90d': 1 },
    responseMs: { p50: 10, p95: 20, p99: 30 },
    days: serviceDays,
  };
}

const incident = (serviceId: ServiceId, startedAt: string, endedAt: string | null): Incident => ({
  service: serviceId,
  serviceName: serviceId,
  startedAt,
  endedAt,
  durationSeconds: endedAt ? (Date.parse(endedAt) - Date.parse(startedAt)) / 1000 : null,
  detail: 'HTTP 502',
});

const report = (services: ServiceStatus[], incidents: Incident[] = []): StatusReport => ({
  generatedAt: '2026-11-30T10:00:00.000Z',
  intervalSeconds: 60,
  services,
  incidents,
  maintenance: [],
});

describe('the status page for parents', () => {
  it('says the portal works while only the CMS, the admin panel or a backup is failing', () => {
    const r = report([service('site', 'up'), service('directive', 'up'), service('cms', 'down'), service('admin', 'down'), service('backup', 'down')]);
    expect(parentState(r)).toBe('ok');
    expect(parentState(report([service('site', 'down'), service('directive', 'up')]))).toBe('down');
    expect(parentState(report([service('site', 'maintenance'), service('directive', 'up')]))).toBe('maintenance');
    expect(parentState(null)).toBe('unknown');
    expect(parentState(report([service('site', 'unknown'), service('cms', 'up')]))).toBe('unknown');
  });

  it('counts only the days that have data and marks the others as without data, never as fine', () => {
    const shown = parentDays(report([service('site', 'up', days(2)), service('directive', 'up', days(2))]));
    expect(shown).toHaveLength(30);
    expect(shown.filter((d) => d.level === 'none')).toHaveLength(28);
    expect(shown.slice(-2).map((d) => d.level)).toEqual(['ok', 'ok']);
    expect(coverage(shown)).toEqual({ since: '2026-11-29', daysWithData: 2, daysDown: 0, downMinutes: 0 });
  });

  it('takes the longest interruption of the public pages on a day, not their sum', () => {
    const shown = parentDays(report([service('site', 'up', days(5, { '2026-11-28': 12 })), service('directive', 'up', days(5, { '2026-11-28': 9 }))]));
    expect(shown.find((d) => d.date === '2026-11-28')).toMatchObject({ level: 'down', downMinutes: 12 });
    expect(coverage(shown)).toMatchObject({ since: '2026-11-26', daysWithData: 5, daysDown: 1, downMinutes: 12 });
  });

  it('lists interruptions of the public pages only, overlapping ones as one, newest first', () => {
    const listed = parentInterruptions([
      incident('backup', '2026-11-30T01:00:00.000Z', '2026-11-30T02:00:00.000Z'),
      incident('cms', '2026-11-29T01:00:00.000Z', null),
      incident('site', '2026-11-28T03:00:00.000Z', '2026-11-28T03:10:00.000Z'),
      incident('directive', '2026-11-28T03:05:00.000Z', '2026-11-28T03:20:00.000Z'),
      incident('site', '2026-11-30T05:00:00.000Z', null),
    ]);
    expect(listed).toEqual([
      { startedAt: '2026-11-30T05:00:00.000Z', endedAt: null, durationSeconds: null },
      { startedAt: '2026-11-28T03:00:00.000Z', endedAt: '2026-11-28T03:20:00.000Z', durationSeconds: 1200 },
    ]);
  });

  it('announces maintenance in progress or within a week, not resolved or distant ones', () => {
    const now = Date.parse('2026-11-30T00:00:00.000Z');
    const notice = (title: string, startsAt: string, extra: Partial<{ active: boolean; resolvedAt: string }> = {}) => ({
      title,
      kind: 'Bảo trì',
      startsAt,
      endsAt: null,
      resolvedAt: extra.resolvedAt ?? null,
      services: [],
      active: extra.active ?? false,
    });
    const titles = upcomingNotices(
      [
        notice('next week', '2026-12-09T00:00:00.000Z'),
        notice('tomorrow', '2026-12-01T00:00:00.000Z'),
        notice('now', '2026-11-29T23:00:00.000Z', { active: true }),
        notice('done', '2026-12-01T00:00:00.000Z', { resolvedAt: '2026-11-29T00:00:00.000Z' }),
      ],
      now,
    ).map((n) => n.title);
    expect(titles).toEqual(['now', 'tomorrow']);
  });
});

describe('the technical view for the Tổ CNTT', () => {
  it('shows every service with its detail, percentiles and days with data, and every incident, escaped', () => {
    const base = service('cms', 'down', days(1));
    const json = {
      generatedAt: '2026-11-30T10:00:00.000Z',
      intervalSeconds: 60,
      services: [{ ...base, name: 'CMS', detail: 'HTTP 502 <Bad Gateway>', target: 'http://127.0.0.1:1337/_health', lastOk: false, consecutiveFailures: 3 }],
      incidents: [
        {
          ...incident('backup', '2026-11-30T01:00:00.000Z', '2026-11-30T01:30:00.000Z'),
          serviceName: 'Sao lưu',
          confirmedAt: '2026-11-30T01:03:00.000Z',
          alerted: true,
        },
      ],
      maintenance: [],
      alerts: [],
      alertRecipients: 1,
      lastCycleMs: 40,
    } as unknown as StatusJson;
    const html = renderTechnicalView(json);
    expect(html).toContain('HTTP 502 &lt;Bad Gateway&gt;');
    expect(html).toContain('10 ms / 20 ms / 30 ms');
    expect(html).toContain('1/90 ngày có số liệu');
    expect(html).toContain('Sao lưu');
    expect(html).toContain('http://127.0.0.1:1337/_health');
    expect(html).not.toContain('<script');
  });
});
