import { decideAlert, observe, type AlertDecision, type MachineState, type Rules, type Transition } from './alerts.ts';
import { checkBackup, checkDisk, checkHttp, checkTls, type CheckResult } from './checks.ts';
import { activeServices, SERVICE_NAMES, SERVICE_PARENTS, type MonitorConfig, type ServiceId } from './config.ts';
import { composeAlert, createMailer, postWebhook, type Mailer } from './notify.ts';
import { discoverDirectivePath, fetchMaintenanceWindows, fetchRecipients, inWindow, windowEnd } from './sources.ts';
import type { AlertRow, MaintenanceWindow, Store } from './store.ts';
import {
  addTotals,
  DAY_MS,
  emptyTotals,
  HOUR_MS,
  lastDays,
  maxGapFor,
  minutes,
  percentile,
  toSegments,
  totalsBetween,
  totalsByDay,
  uptimeOf,
  vietnamDay,
  vietnamDayStart,
  type CountedState,
} from './stats.ts';

const RECIPIENTS_REFRESH_MS = 5 * 60_000;
const DIRECTIVE_REFRESH_MS = 6 * HOUR_MS;
const PRUNE_EVERY_MS = HOUR_MS;
/** An alert that could not be delivered for this long is given up (and logged). */
const DELIVERY_GIVE_UP_MS = 24 * HOUR_MS;
const UPTIME_WINDOWS = { '24h': 1, '7d': 7, '30d': 30, '90d': 90 } as const;

const iso = (ms: number | null | undefined) => (ms === null || ms === undefined ? null : new Date(ms).toISOString());

export type Log = (message: string) => void;

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

export function createMonitor(config: MonitorConfig, store: Store, options: { log?: Log; mailer?: Mailer } = {}) {
  const log: Log = options.log ?? ((message) => console.log(`${new Date().toISOString()} ${message}`));
  const mailer = options.mailer ?? createMailer(config);
  const services = activeServices(config);
  const rules: Rules = { retries: config.retries, recoveries: config.recoveries, cooldownMs: config.cooldownMs };
  const maxGap = maxGapFor(config.intervalMs, config.timeoutMs);
  let lastPrune = 0;
  let lastRecipientsFetch = 0;
  let lastCycleMs: number | null = null;
  let delivering: Promise<void> | null = null;
  const lastErrors = new Map<string, string>();

  /** Logs a problem once, and again only when it changes or clears: no line every cycle. */
  function report(topic: string, problem: string | null) {
    const before = lastErrors.get(topic);
    if (problem === null) {
      if (before !== undefined) log(`[giám sát] ${topic}: đã bình thường trở lại.`);
      lastErrors.delete(topic);
    } else if (before !== problem) {
      log(`[giám sát] ${topic}: ${problem}`);
      lastErrors.set(topic, problem);
    }
  }

  function targetOf(service: ServiceId): string | null {
    switch (service) {
      case 'site':
        return `${config.siteUrl}/`;
      case 'directive': {
        const path = config.directivePath ?? store.getMeta<string>('directivePath')?.value;
        return path ? `${config.siteUrl}${path}` : null;
      }
      case 'cms':
        return `${config.cmsUrl}/_health`;
      case 'admin':
        return `${config.cmsUrl}/admin`;
      case 'disk':
        return config.dataDir;
      case 'backup':
        return config.backupDir;
      case 'tls':
        return [config.siteUrl, config.cmsUrl].filter((u) => u.startsWith('https:')).join(', ');
    }
  }

  async function directivePath(refresh: boolean): Promise<string | null> {
    if (config.directivePath) return config.directivePath;
    const cached = store.getMeta<string>('directivePath');
    if (cached && !refresh && Date.now() - cached.updatedAt < DIRECTIVE_REFRESH_MS) return cached.value;
    const found = await discoverDirectivePath(config);
    if (found) store.setMeta('directivePath', found);
    return found ?? cached?.value ?? null;
  }

  async function checkDirective(): Promise<CheckResult> {
    const path = await directivePath(false);
    if (!path) return { service: 'directive', at: Date.now(), ok: false, responseMs: null, detail: 'Chưa tìm được văn bản đã đăng nào để kiểm tra' };
    const first = await checkHttp('directive', `${config.siteUrl}${path}`, { status: 200 }, config.timeoutMs);
    if (first.status !== 404 || config.directivePath) return first;
    // The directive was unpublished or renamed: pick another one before calling it a failure.
    const other = await directivePath(true);
    return other && other !== path ? checkHttp('directive', `${config.siteUrl}${other}`, { status: 200 }, config.timeoutMs) : first;
  }

  async function runChecks(): Promise<CheckResult[]> {
    const jobs: Promise<CheckResult>[] = [
      checkHttp('site', `${config.siteUrl}/`, { status: 200, keyword: config.keyword }, config.timeoutMs),
      checkDirective(),
      checkHttp('cms', `${config.cmsUrl}/_health`, { status: 204 }, config.timeoutMs),
      checkHttp('admin', `${config.cmsUrl}/admin`, { status: 200 }, config.timeoutMs),
      Promise.resolve(checkDisk(config)),
      Promise.resolve(checkBackup(config)),
    ];
    if (services.includes('tls')) jobs.push(checkTls([config.siteUrl, config.cmsUrl], config.tlsWarnDays, config.timeoutMs));
    const results = await Promise.all(jobs);
    return results.map(({ service, at, ok, responseMs, detail }) => ({ service, at, ok, responseMs, detail }));
  }

  async function refreshMaintenance(): Promise<void> {
    try {
      store.replaceMaintenance(await fetchMaintenanceWindows(config));
      store.setMeta('maintenanceFetchedAt', Date.now());
      report('Lấy lịch bảo trì từ CMS', null);
    } catch (error) {
      // The windows cached from the last successful read keep applying.
      report('Lấy lịch bảo trì từ CMS', `không được (${(error as Error).message}); dùng lịch đã lưu.`);
    }
  }

  async function refreshRecipients(force = false): Promise<void> {
    if (config.alertEmails) return;
    if (!force && Date.now() - lastRecipientsFetch < RECIPIENTS_REFRESH_MS) return;
    lastRecipientsFetch = Date.now();
    try {
      const emails = await fetchRecipients(config);
      store.setMeta('recipients', emails);
      report('Lấy danh sách người nhận cảnh báo từ CMS', emails.length === 0 ? 'CMS không có tài khoản Tổ CNTT nào đang hoạt động.' : null);
    } catch (error) {
      report('Lấy danh sách người nhận cảnh báo từ CMS', `không được (${(error as Error).message}); dùng danh sách đã lưu.`);
    }
  }

  function recipients(): string[] {
    return config.alertEmails ?? store.getMeta<string[]>('recipients')?.value ?? [];
  }

  function recordAlert(service: ServiceId, decision: NonNullable<AlertDecision>, incident: { id: number; startedAt: number; endedAt: number | null } | null, result: CheckResult, now: number) {
    const target = targetOf(service) ?? '';
    if (decision.kind === 'suppressed') {
      const composed = composeAlert({ kind: 'recovered', service, target, startedAt: incident?.startedAt ?? now, endedAt: incident?.endedAt ?? now, detail: result.detail, retries: config.retries }, config.statusPageUrl);
      store.addAlert({
        incidentId: incident?.id ?? null,
        service,
        kind: 'suppressed',
        createdAt: now,
        reason: decision.reason,
        subject: composed.subject,
        text: composed.text,
        payload: JSON.stringify(composed.payload),
        emailStatus: 'skipped',
        webhookStatus: 'skipped',
      });
      log(`[giám sát] ${SERVICE_NAMES[service]}: gián đoạn ngắn đã kết thúc, không gửi cảnh báo (lý do: ${HOLD_REASONS[decision.reason]}).`);
      return;
    }
    const composed = composeAlert(
      { kind: decision.kind, service, target, startedAt: incident?.startedAt ?? now, endedAt: decision.kind === 'recovered' ? (incident?.endedAt ?? now) : null, detail: result.detail, retries: config.retries },
      config.statusPageUrl,
    );
    store.addAlert({
      incidentId: incident?.id ?? null,
      service,
      kind: decision.kind,
      createdAt: now,
      reason: null,
      subject: composed.subject,
      text: composed.text,
      payload: JSON.stringify(composed.payload),
      emailStatus: 'pending',
      webhookStatus: config.webhookUrl ? 'pending' : 'skipped',
    });
    if (decision.kind === 'down' && incident) store.markAlerted(incident.id);
    log(`[giám sát] Cảnh báo: ${composed.subject}`);
  }

  /** One check of every service, then the state machines, the records and the alerts. */
  async function runCycle(): Promise<void> {
    const started = Date.now();
    const [results] = await Promise.all([runChecks(), refreshMaintenance(), refreshRecipients()]);
    const now = Date.now();
    const windows = store.maintenanceWindows();
    store.transaction(() => {
      const observed = new Map<ServiceId, { state: MachineState; transition: Transition | null; result: CheckResult; maintenance: boolean; incident: { id: number; startedAt: number; endedAt: number | null } | null }>();
      for (const result of results) {
        const service = result.service;
        const maintenance = inWindow(windows, service, result.at) !== null;
        const { state, transition } = observe(store.machine(service), { at: result.at, ok: result.ok, maintenance }, rules);
        const counted: CountedState = maintenance ? 'maintenance' : state.status === 'down' ? 'down' : 'up';
        store.insertCheck({ service, at: result.at, ok: result.ok, state: counted, responseMs: result.responseMs, detail: result.detail });
        let incident: { id: number; startedAt: number; endedAt: number | null } | null = null;
        if (transition?.type === 'down') {
          store.backdate(service, transition.startedAt, 'up', 'down');
          incident = { id: store.openIncident(service, transition.startedAt, result.at, result.detail), startedAt: transition.startedAt, endedAt: null };
          log(`[giám sát] ${SERVICE_NAMES[service]}: KHÔNG ĐẠT từ ${iso(transition.startedAt)}: ${result.detail}`);
        } else if (transition?.type === 'recovered') {
          store.backdate(service, transition.endedAt, 'down', 'up');
          const open = store.currentIncident(service);
          if (open) {
            store.closeIncident(open.id, transition.endedAt);
            incident = { id: open.id, startedAt: open.startedAt, endedAt: transition.endedAt };
          }
          log(`[giám sát] ${SERVICE_NAMES[service]}: bình thường trở lại từ ${iso(transition.endedAt)}.`);
        } else {
          const open = store.currentIncident(service);
          if (open) incident = { id: open.id, startedAt: open.startedAt, endedAt: null };
        }
        observed.set(service, { state, transition, result, maintenance, incident });
      }
      for (const [service, entry] of observed) {
        const parentTrouble = SERVICE_PARENTS[service].some((parent) => {
          const other = observed.get(parent);
          return other !== undefined && (other.state.status === 'down' || !other.result.ok);
        });
        const { state, alert } = decideAlert(entry.state, entry.transition, { now, lastOk: entry.result.ok, maintenance: entry.maintenance, parentTrouble }, rules);
        store.saveMachine(service, state);
        if (alert) recordAlert(service, alert, entry.incident, entry.result, now);
      }
      updateDaily(now);
    });
    if (now - lastPrune >= PRUNE_EVERY_MS) {
      store.prune(now, config.retentionDays, config.dailyRetentionDays);
      lastPrune = now;
    }
    lastCycleMs = Date.now() - started;
    void deliver();
  }

  /** Daily totals of the recent days, rebuilt from the raw checks (a run can be re-labelled after the fact). */
  function updateDaily(now: number) {
    const from = vietnamDayStart(now - Math.max(6 * HOUR_MS, maxGap * (config.retries + config.recoveries + 2)));
    const firstDay = vietnamDay(from);
    for (const service of services) {
      const points = store.checksFrom(service, from);
      const byDay = totalsByDay(toSegments(points, maxGap, now));
      const counts = new Map<string, { checks: number; failures: number }>();
      for (const point of points) {
        if (point.at < from) continue;
        const day = vietnamDay(point.at);
        const count = counts.get(day) ?? { checks: 0, failures: 0 };
        count.checks += 1;
        if (!point.ok) count.failures += 1;
        counts.set(day, count);
      }
      for (const [day, totals] of byDay) {
        if (day < firstDay) continue;
        store.upsertDaily(service, { day, ...totals, ...(counts.get(day) ?? { checks: 0, failures: 0 }) });
      }
    }
  }

  /** Sends what is pending, oldest first; a failure is retried on a later cycle. Never throws. */
  function deliver(): Promise<void> {
    delivering ??= deliverPending()
      .catch((error: unknown) => log(`[giám sát] Lỗi khi gửi cảnh báo: ${(error as Error).message}`))
      .finally(() => {
        delivering = null;
      });
    return delivering;
  }

  async function deliverPending(): Promise<void> {
    const pending = store.pendingAlerts();
    if (pending.length === 0) return;
    if (pending.some((alert) => alert.emailStatus === 'pending') && recipients().length === 0) await refreshRecipients(true);
    const blocked = new Set<ServiceId>();
    for (const alert of pending) {
      // A recovery never overtakes its own down alert.
      if (blocked.has(alert.service)) continue;
      const next: Pick<AlertRow, 'id' | 'emailStatus' | 'webhookStatus' | 'attempts' | 'lastError' | 'sentAt'> = {
        id: alert.id,
        emailStatus: alert.emailStatus,
        webhookStatus: alert.webhookStatus,
        attempts: alert.attempts + 1,
        lastError: null,
        sentAt: alert.sentAt,
      };
      const problems: string[] = [];
      if (next.emailStatus === 'pending') {
        const to = recipients();
        if (to.length === 0) {
          problems.push('chưa biết địa chỉ nhận (đặt MONITOR_ALERT_EMAILS, hoặc chờ CMS trả lời danh sách Tổ CNTT)');
        } else {
          try {
            await mailer.send(to, alert.subject, alert.text);
            next.emailStatus = 'sent';
          } catch (error) {
            problems.push(`thư: ${(error as Error).message}`);
          }
        }
      }
      if (next.webhookStatus === 'pending') {
        if (!config.webhookUrl) next.webhookStatus = 'skipped';
        else {
          try {
            await postWebhook(config.webhookUrl, JSON.parse(alert.payload) as Record<string, unknown>, config.webhookTimeoutMs);
            next.webhookStatus = 'sent';
          } catch (error) {
            problems.push(`webhook: ${(error as Error).message}`);
          }
        }
      }
      if (problems.length > 0) {
        next.lastError = problems.join('; ');
        if (Date.now() - alert.createdAt > DELIVERY_GIVE_UP_MS) {
          if (next.emailStatus === 'pending') next.emailStatus = 'failed';
          if (next.webhookStatus === 'pending') next.webhookStatus = 'failed';
          log(`[giám sát] Bỏ cảnh báo "${alert.subject}" sau ${next.attempts} lần gửi không được: ${next.lastError}`);
        } else {
          blocked.add(alert.service);
          if (next.attempts === 1 || next.attempts % 10 === 0) log(`[giám sát] Chưa gửi được "${alert.subject}" (lần ${next.attempts}): ${next.lastError}; sẽ thử lại.`);
        }
      }
      if (next.emailStatus !== 'pending' && next.webhookStatus !== 'pending' && problems.length === 0) next.sentAt = Date.now();
      store.updateDelivery(next);
    }
  }

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
      target: targetOf(id),
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
      alertRecipients: recipients().length,
      lastCycleMs,
    };
  }

  function checks(service: ServiceId, limit: number) {
    return store.recentChecks(service, limit).map((check) => ({
      at: new Date(check.at).toISOString(),
      ok: check.ok,
      state: check.state,
      responseMs: check.responseMs,
      detail: check.detail,
    }));
  }

  return { runCycle, status, checks, deliver, services };
}

export type Monitor = ReturnType<typeof createMonitor>;

export const HOLD_REASONS: Record<string, string> = {
  cooldown: 'vừa gửi cảnh báo cho dịch vụ này, chưa hết thời gian giãn cách',
  parent: 'dịch vụ nó phụ thuộc cũng đang lỗi, đã có cảnh báo chung',
  maintenance: 'đang trong thời gian bảo trì',
  recovering: 'dịch vụ đã trả lời lại trước khi kịp gửi cảnh báo',
};
