/**
 * The check cycle: probe every service once, run each result through the alert rules (alerts.ts),
 * record checks, incidents and daily totals, and queue the alerts the rules decide on (notify.ts).
 */
import { vietnamDate, vietnamDayStart } from '@portal/common/vietnam-time';
import { decideAlert, type MachineState, observe, type Rules, type Transition } from './alerts.ts';
import { type CheckResult, checkBackup, checkDisk, checkHttp, checkTls } from './checks.ts';
import { type MonitorConfig, SERVICE_NAMES, SERVICE_PARENTS, type ServiceId } from './config.ts';
import type { Log, Report } from './log.ts';
import { type IncidentRef, queueAlert } from './notify.ts';
import { checkDeliveries, discoverDirectivePath, inWindow, type Recipients, refreshMaintenance } from './sources.ts';
import { type CountedState, HOUR_MS, toSegments, totalsByDay } from './stats.ts';
import type { Store } from './store.ts';

const DIRECTIVE_REFRESH_MS = 6 * HOUR_MS;
const PRUNE_EVERY_MS = HOUR_MS;

export const iso = (ms: number | null | undefined) => (ms === null || ms === undefined ? null : new Date(ms).toISOString());

export interface CycleContext {
  config: MonitorConfig;
  store: Store;
  log: Log;
  report: Report;
  recipients: Recipients;
  /** The services watched here (TLS only with an https address). */
  services: ServiceId[];
  /** How long one check may stand for (stats.ts maxGapFor). */
  maxGap: number;
}

/** What each service's check looks at, for alerts and the status page. */
export function targetOf(config: MonitorConfig, store: Store, service: ServiceId): string | null {
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
    case 'delivery':
      // Where the Tổ CNTT sees and resends the failed deliveries.
      return `${config.cmsUrl}/admin/hang-doi-gui`;
    case 'disk':
      return config.dataDir;
    case 'backup':
      return config.backupDir;
    case 'tls':
      return [config.siteUrl, config.cmsUrl].filter((u) => u.startsWith('https:')).join(', ');
  }
}

/** A published directive to check: MONITOR_DIRECTIVE_PATH, else one discovered and kept for a few hours. */
async function directivePath(config: MonitorConfig, store: Store, refresh: boolean): Promise<string | null> {
  if (config.directivePath) return config.directivePath;
  const cached = store.getMeta<string>('directivePath');
  if (cached && !refresh && Date.now() - cached.updatedAt < DIRECTIVE_REFRESH_MS) return cached.value;
  const found = await discoverDirectivePath(config);
  if (found) store.setMeta('directivePath', found);
  return found ?? cached?.value ?? null;
}

async function checkDirective(config: MonitorConfig, store: Store): Promise<CheckResult> {
  const path = await directivePath(config, store, false);
  if (!path) return { service: 'directive', at: Date.now(), ok: false, responseMs: null, detail: 'Chưa tìm được văn bản đã đăng nào để kiểm tra' };
  const first = await checkHttp('directive', `${config.siteUrl}${path}`, { status: 200 }, config.timeoutMs);
  if (first.status !== 404 || config.directivePath) return first;
  // The directive was unpublished or renamed: pick another one before calling it a failure.
  const other = await directivePath(config, store, true);
  return other && other !== path ? checkHttp('directive', `${config.siteUrl}${other}`, { status: 200 }, config.timeoutMs) : first;
}

/** One probe of every watched service, concurrently. */
async function runChecks(context: CycleContext): Promise<CheckResult[]> {
  const { config, store, services } = context;
  const jobs: Promise<CheckResult>[] = [
    checkHttp('site', `${config.siteUrl}/`, { status: 200, keyword: config.keyword }, config.timeoutMs),
    checkDirective(config, store),
    checkHttp('cms', `${config.cmsUrl}/_health`, { status: 204 }, config.timeoutMs),
    checkHttp('admin', `${config.cmsUrl}/admin`, { status: 200 }, config.timeoutMs),
    checkDeliveries(config),
    Promise.resolve(checkDisk(config)),
    Promise.resolve(checkBackup(config)),
  ];
  if (services.includes('tls')) jobs.push(checkTls([config.siteUrl, config.cmsUrl], config.tlsWarnDays, config.timeoutMs));
  const results = await Promise.all(jobs);
  return results.map(({ service, at, ok, responseMs, detail }) => ({ service, at, ok, responseMs, detail }));
}

/** Daily totals of the recent days, rebuilt from the raw checks (a run can be re-labelled after the fact). */
function updateDaily(context: CycleContext, now: number) {
  const { config, store, services, maxGap } = context;
  const from = vietnamDayStart(now - Math.max(6 * HOUR_MS, maxGap * (config.retries + config.recoveries + 2)));
  const firstDay = vietnamDate(from);
  for (const service of services) {
    const points = store.checksFrom(service, from);
    const byDay = totalsByDay(toSegments(points, maxGap, now));
    const counts = new Map<string, { checks: number; failures: number }>();
    for (const point of points) {
      if (point.at < from) continue;
      const day = vietnamDate(point.at);
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

interface Observed {
  state: MachineState;
  transition: Transition | null;
  result: CheckResult;
  maintenance: boolean;
  incident: IncidentRef | null;
}

/** The check cycle of one monitor; `runCycle` is called every MONITOR_INTERVAL_SECONDS by scripts/monitor.ts. */
export function createCycle(context: CycleContext) {
  const { config, store, log, report, recipients } = context;
  const rules: Rules = { retries: config.retries, recoveries: config.recoveries, cooldownMs: config.cooldownMs };
  let lastPrune = 0;
  let lastCycleMs: number | null = null;

  /** One check of every service, then the state machines, the records and the queued alerts. */
  async function runCycle(): Promise<void> {
    const started = Date.now();
    const [results] = await Promise.all([runChecks(context), refreshMaintenance(config, store, report), recipients.refresh()]);
    const now = Date.now();
    const windows = store.maintenanceWindows();
    store.transaction(() => {
      const observed = new Map<ServiceId, Observed>();
      for (const result of results) {
        const service = result.service;
        const maintenance = inWindow(windows, service, result.at) !== null;
        const { state, transition } = observe(store.machine(service), { at: result.at, ok: result.ok, maintenance }, rules);
        const counted: CountedState = maintenance ? 'maintenance' : state.status === 'down' ? 'down' : 'up';
        store.insertCheck({ service, at: result.at, ok: result.ok, state: counted, responseMs: result.responseMs, detail: result.detail });
        let incident: IncidentRef | null = null;
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
        const { state, alert } = decideAlert(
          entry.state,
          entry.transition,
          { now, lastOk: entry.result.ok, maintenance: entry.maintenance, parentTrouble },
          rules,
        );
        store.saveMachine(service, state);
        if (alert) {
          queueAlert(
            { config, store, log },
            { service, target: targetOf(config, store, service) ?? '', decision: alert, incident: entry.incident, detail: entry.result.detail, now },
          );
        }
      }
      updateDaily(context, now);
    });
    if (now - lastPrune >= PRUNE_EVERY_MS) {
      store.prune(now, config.retentionDays, config.dailyRetentionDays);
      lastPrune = now;
    }
    lastCycleMs = Date.now() - started;
  }

  return { runCycle, lastCycleMs: () => lastCycleMs };
}
