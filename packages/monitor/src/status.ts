/** The monitor's answers over HTTP: GET /status (the site's /trang-thai page reads it) and GET /checks. */
import { DAY_MS } from '@portal/common/vietnam-time';
import { type MonitorConfig, SERVICE_NAMES, type ServiceId } from './config.ts';
import { iso, targetOf } from './cycle.ts';
import { inWindow, type Recipients, windowEnd } from './sources.ts';
import { addTotals, emptyTotals, lastDays, minutes, percentile, toSegments, totalsBetween, uptimeOf } from './stats.ts';
import type { MaintenanceWindow, Store } from './store.ts';

const UPTIME_WINDOWS = { '24h': 1, '7d': 7, '30d': 30, '90d': 90 } as const;

export interface ServiceStatus {
  id: ServiceId;
  name: string;
  state: 'up' | 'down' | 'maintenance' | 'unknown';
  since: string | null;
  lastCheckedAt: string | null;
  lastResponseMs: number | null;
  detail: string;
  uptime: Record<keyof typeof UPTIME_WINDOWS, number | null>;
  responseMs: { p50: number | null; p95: number | null; p99: number | null };
  days: { date: string; uptime: number | null; downMinutes: number; maintenanceMinutes: number }[];
  target: string | null;
  lastOk: boolean | null;
  consecutiveFailures: number;
}

export interface StatusContext {
  config: MonitorConfig;
  store: Store;
  recipients: Recipients;
  services: ServiceId[];
  maxGap: number;
  lastCycleMs: () => number | null;
}

export function createStatus(context: StatusContext) {
  const { config, store, recipients, services, maxGap } = context;

  function serviceStatus(id: ServiceId, now: number, windows: MaintenanceWindow[]): ServiceStatus {
    const machine = store.machine(id);
    const last = store.recentChecks(id, 1)[0];
    const window = inWindow(windows, id, now);
    const state: ServiceStatus['state'] = window ? 'maintenance' : !last || machine.status === 'unknown' ? 'unknown' : machine.status;
    const dayAgo = now - DAY_MS;
    const points = store.checksFrom(id, dayAgo);
    const recent = totalsBetween(toSegments(points, maxGap, now), dayAgo, now);
    const responses = points.filter((p) => p.at >= dayAgo && p.ok && p.responseMs !== null).map((p) => p.responseMs as number);
    const dayList = lastDays(now, 90);
    const rows = new Map(store.daily(id, dayList[0]!, dayList[dayList.length - 1]!).map((row) => [row.day, row]));
    const sumDays = (count: number) => dayList.slice(-count).reduce((sum, day) => addTotals(sum, rows.get(day) ?? emptyTotals()), emptyTotals());
    return {
      id,
      name: SERVICE_NAMES[id],
      state,
      since: iso(window ? window.startsAt : machine.since),
      lastCheckedAt: iso(last?.at),
      lastResponseMs: last?.responseMs ?? null,
      detail: window ? `Đang bảo trì: ${window.title}${last ? ` (kiểm tra gần nhất: ${last.detail})` : ''}` : (last?.detail ?? 'Chưa kiểm tra lần nào'),
      uptime: {
        '24h': uptimeOf(recent),
        '7d': uptimeOf(sumDays(UPTIME_WINDOWS['7d'])),
        '30d': uptimeOf(sumDays(UPTIME_WINDOWS['30d'])),
        '90d': uptimeOf(sumDays(UPTIME_WINDOWS['90d'])),
      },
      responseMs: { p50: percentile(responses, 50), p95: percentile(responses, 95), p99: percentile(responses, 99) },
      days: dayList.map((date) => {
        const row = rows.get(date);
        return { date, uptime: row ? uptimeOf(row) : null, downMinutes: minutes(row?.down ?? 0), maintenanceMinutes: minutes(row?.maintenance ?? 0) };
      }),
      target: targetOf(config, store, id),
      lastOk: last ? last.ok : null,
      consecutiveFailures: machine.failures,
    };
  }

  /** The JSON of GET /status (contract with the site's /trang-thai page). */
  function status(now = Date.now()) {
    const windows = store.maintenanceWindows();
    return {
      generatedAt: new Date(now).toISOString(),
      intervalSeconds: config.intervalMs / 1000,
      services: services.map((id) => serviceStatus(id, now, windows)),
      incidents: store.recentIncidents(20).map((incident) => ({
        service: incident.service,
        serviceName: SERVICE_NAMES[incident.service],
        startedAt: new Date(incident.startedAt).toISOString(),
        endedAt: iso(incident.endedAt),
        durationSeconds: incident.endedAt === null ? null : Math.round((incident.endedAt - incident.startedAt) / 1000),
        detail: incident.detail,
        confirmedAt: new Date(incident.confirmedAt).toISOString(),
        alerted: incident.alerted,
      })),
      maintenance: windows
        .filter((window) => windowEnd(window) >= now - 30 * DAY_MS)
        .map((window) => ({
          title: window.title,
          kind: window.kind,
          startsAt: new Date(window.startsAt).toISOString(),
          endsAt: iso(window.endsAt),
          resolvedAt: iso(window.resolvedAt),
          services: window.labels,
          serviceIds: window.services,
          active: window.startsAt <= now && now < windowEnd(window),
        })),
      alerts: store.recentAlerts(20).map((alert) => ({
        service: alert.service,
        serviceName: SERVICE_NAMES[alert.service],
        kind: alert.kind,
        createdAt: new Date(alert.createdAt).toISOString(),
        subject: alert.subject,
        reason: alert.reason,
        email: alert.emailStatus,
        webhook: alert.webhookStatus,
        sentAt: iso(alert.sentAt),
      })),
      alertRecipients: recipients.list().length,
      lastCycleMs: context.lastCycleMs(),
    };
  }

  /** The JSON of GET /checks: a service's latest raw checks. */
  function checks(service: ServiceId, limit: number) {
    return store.recentChecks(service, limit).map((check) => ({
      at: new Date(check.at).toISOString(),
      ok: check.ok,
      state: check.state,
      responseMs: check.responseMs,
      detail: check.detail,
    }));
  }

  return { status, checks };
}
