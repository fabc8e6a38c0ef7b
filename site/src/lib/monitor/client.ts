/**
 * The uptime monitor's JSON (packages/monitor, GET /status on loopback), for the status page.
 * The monitor does not depend on the CMS, so the page keeps working while the CMS is down; when the
 * monitor itself cannot be reached, the last answer it gave is served instead (kept in memory and in a
 * file, so a restarted site still has it), marked with its time.
 */
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';

export type ServiceState = 'up' | 'down' | 'maintenance' | 'unknown';
export type ServiceId = 'site' | 'directive' | 'cms' | 'admin' | 'disk' | 'backup' | 'tls';

export interface ServiceDay {
  date: string;
  uptime: number | null;
  downMinutes: number;
  maintenanceMinutes: number;
}

export interface ServiceStatus {
  id: ServiceId;
  name: string;
  state: ServiceState;
  since: string | null;
  lastCheckedAt: string | null;
  lastResponseMs: number | null;
  detail: string;
  uptime: Record<'24h' | '7d' | '30d' | '90d', number | null>;
  responseMs: Record<'p50' | 'p95' | 'p99', number | null>;
  days: ServiceDay[];
}

export interface Incident {
  service: ServiceId;
  serviceName: string;
  startedAt: string;
  endedAt: string | null;
  durationSeconds: number | null;
  detail: string;
}

export interface NoticeWindow {
  title: string;
  kind: string;
  startsAt: string;
  endsAt: string | null;
  resolvedAt: string | null;
  services: string[];
  active?: boolean;
}

export interface StatusReport {
  generatedAt: string;
  intervalSeconds: number;
  services: ServiceStatus[];
  incidents: Incident[];
  maintenance: NoticeWindow[];
}

export interface StatusResult {
  report: StatusReport | null;
  /** False when the report is the last known one because the monitor did not answer. */
  live: boolean;
}

const SERVICE_IDS: readonly string[] = ['site', 'directive', 'cms', 'admin', 'disk', 'backup', 'tls'];

function monitorUrl(): string {
  return (process.env.MONITOR_URL?.trim() || 'http://127.0.0.1:4390').replace(/\/+$/, '');
}

function snapshotFile(): string {
  return path.resolve(process.env.STATUS_SNAPSHOT_FILE?.trim() || path.join('..', 'var', 'status-snapshot.json'));
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Only a report of the expected shape is shown or kept: a broken answer must not replace a good one. */
export function readReport(value: unknown): StatusReport | null {
  if (!isRecord(value) || typeof value.generatedAt !== 'string' || !Array.isArray(value.services)) return null;
  const services = value.services.filter(
    (s): s is ServiceStatus =>
      isRecord(s) &&
      typeof s.id === 'string' &&
      SERVICE_IDS.includes(s.id) &&
      typeof s.name === 'string' &&
      Array.isArray(s.days) &&
      isRecord(s.uptime) &&
      isRecord(s.responseMs),
  );
  if (services.length === 0) return null;
  return {
    generatedAt: value.generatedAt,
    intervalSeconds: typeof value.intervalSeconds === 'number' ? value.intervalSeconds : 60,
    services,
    incidents: Array.isArray(value.incidents) ? value.incidents.filter((i): i is Incident => isRecord(i) && typeof i.startedAt === 'string') : [],
    maintenance: Array.isArray(value.maintenance) ? value.maintenance.filter((m): m is NoticeWindow => isRecord(m) && typeof m.startsAt === 'string') : [],
  };
}

let lastKnown: StatusReport | null = null;
let lastSaved = 0;

async function remember(report: StatusReport): Promise<void> {
  lastKnown = report;
  if (Date.now() - lastSaved < 30_000) return;
  lastSaved = Date.now();
  const file = snapshotFile();
  try {
    await mkdir(path.dirname(file), { recursive: true });
    const temporary = `${file}.${process.pid}.tmp`;
    await writeFile(temporary, JSON.stringify(report), { mode: 0o600 });
    await rename(temporary, file);
  } catch (error) {
    console.error('[status] could not keep the snapshot: %s', error instanceof Error ? error.message : String(error));
  }
}

async function recall(): Promise<StatusReport | null> {
  if (lastKnown) return lastKnown;
  try {
    lastKnown = readReport(JSON.parse(await readFile(snapshotFile(), 'utf8')) as unknown);
  } catch {
    // never fetched on this machine
  }
  return lastKnown;
}

export async function getStatus(): Promise<StatusResult> {
  try {
    const response = await fetch(`${monitorUrl()}/status`, { signal: AbortSignal.timeout(3000), redirect: 'error' });
    const report = response.ok ? readReport((await response.json()) as unknown) : null;
    if (report) {
      await remember(report);
      return { report, live: true };
    }
    console.error('[status] the monitor answered HTTP %d or an unexpected shape', response.status);
  } catch (error) {
    console.error('[status] the monitor is unreachable: %s', error instanceof Error ? error.message : String(error));
  }
  return { report: await recall(), live: false };
}
