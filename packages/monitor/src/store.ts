import { chmodSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { DAY_MS } from '@portal/common/vietnam-time';
import Database from 'better-sqlite3';
import { initialState, type MachineState } from './alerts.ts';
import type { ServiceId } from './config.ts';
import type { CountedState, Totals } from './stats.ts';

export interface StoredCheck {
  service: ServiceId;
  at: number;
  ok: boolean;
  state: CountedState;
  responseMs: number | null;
  detail: string;
}

export interface Incident {
  id: number;
  service: ServiceId;
  startedAt: number;
  confirmedAt: number;
  endedAt: number | null;
  detail: string;
  alerted: boolean;
}

export type AlertKind = 'down' | 'recovered' | 'suppressed';
export type DeliveryStatus = 'pending' | 'sent' | 'failed' | 'skipped';

export interface AlertRow {
  id: number;
  incidentId: number | null;
  service: ServiceId;
  kind: AlertKind;
  createdAt: number;
  reason: string | null;
  subject: string;
  text: string;
  payload: string;
  emailStatus: DeliveryStatus;
  webhookStatus: DeliveryStatus;
  attempts: number;
  lastError: string | null;
  sentAt: number | null;
}

export interface MaintenanceWindow {
  documentId: string;
  title: string;
  kind: string;
  startsAt: number;
  endsAt: number | null;
  resolvedAt: number | null;
  /** The notice's own labels ("Trang thông tin", "Toàn hệ thống", …). */
  labels: string[];
  services: ServiceId[];
}

export interface DailyRow extends Totals {
  day: string;
  checks: number;
  failures: number;
}

const SCHEMA = `
CREATE TABLE IF NOT EXISTS checks (
  id INTEGER PRIMARY KEY,
  service TEXT NOT NULL,
  at INTEGER NOT NULL,
  ok INTEGER NOT NULL,
  state TEXT NOT NULL,
  response_ms INTEGER,
  detail TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS checks_service_at ON checks (service, at);
CREATE INDEX IF NOT EXISTS checks_at ON checks (at);
CREATE TABLE IF NOT EXISTS daily (
  service TEXT NOT NULL,
  day TEXT NOT NULL,
  up_ms INTEGER NOT NULL,
  down_ms INTEGER NOT NULL,
  maintenance_ms INTEGER NOT NULL,
  checks INTEGER NOT NULL,
  failures INTEGER NOT NULL,
  PRIMARY KEY (service, day)
);
CREATE TABLE IF NOT EXISTS machines (
  service TEXT PRIMARY KEY,
  state TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS incidents (
  id INTEGER PRIMARY KEY,
  service TEXT NOT NULL,
  started_at INTEGER NOT NULL,
  confirmed_at INTEGER NOT NULL,
  ended_at INTEGER,
  detail TEXT NOT NULL,
  alerted INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS incidents_started ON incidents (started_at);
CREATE TABLE IF NOT EXISTS alerts (
  id INTEGER PRIMARY KEY,
  incident_id INTEGER,
  service TEXT NOT NULL,
  kind TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  reason TEXT,
  subject TEXT NOT NULL,
  text TEXT NOT NULL,
  payload TEXT NOT NULL,
  email_status TEXT NOT NULL,
  webhook_status TEXT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  last_error TEXT,
  sent_at INTEGER
);
CREATE INDEX IF NOT EXISTS alerts_created ON alerts (created_at);
CREATE TABLE IF NOT EXISTS maintenance (
  document_id TEXT PRIMARY KEY,
  title TEXT NOT NULL,
  kind TEXT NOT NULL,
  starts_at INTEGER NOT NULL,
  ends_at INTEGER,
  resolved_at INTEGER,
  labels TEXT NOT NULL,
  services TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS meta (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL,
  updated_at INTEGER NOT NULL
);
`;

interface CheckRecord {
  service: string;
  at: number;
  ok: number;
  state: string;
  response_ms: number | null;
  detail: string;
}
interface IncidentRecord {
  id: number;
  service: string;
  started_at: number;
  confirmed_at: number;
  ended_at: number | null;
  detail: string;
  alerted: number;
}
interface AlertRecord {
  id: number;
  incident_id: number | null;
  service: string;
  kind: string;
  created_at: number;
  reason: string | null;
  subject: string;
  text: string;
  payload: string;
  email_status: string;
  webhook_status: string;
  attempts: number;
  last_error: string | null;
  sent_at: number | null;
}
interface MaintenanceRecord {
  document_id: string;
  title: string;
  kind: string;
  starts_at: number;
  ends_at: number | null;
  resolved_at: number | null;
  labels: string;
  services: string;
}

const toCheck = (row: CheckRecord): StoredCheck => ({
  service: row.service as ServiceId,
  at: row.at,
  ok: row.ok === 1,
  state: row.state as CountedState,
  responseMs: row.response_ms,
  detail: row.detail,
});
const toIncident = (row: IncidentRecord): Incident => ({
  id: row.id,
  service: row.service as ServiceId,
  startedAt: row.started_at,
  confirmedAt: row.confirmed_at,
  endedAt: row.ended_at,
  detail: row.detail,
  alerted: row.alerted === 1,
});
const toAlert = (row: AlertRecord): AlertRow => ({
  id: row.id,
  incidentId: row.incident_id,
  service: row.service as ServiceId,
  kind: row.kind as AlertKind,
  createdAt: row.created_at,
  reason: row.reason,
  subject: row.subject,
  text: row.text,
  payload: row.payload,
  emailStatus: row.email_status as DeliveryStatus,
  webhookStatus: row.webhook_status as DeliveryStatus,
  attempts: row.attempts,
  lastError: row.last_error,
  sentAt: row.sent_at,
});
const toWindow = (row: MaintenanceRecord): MaintenanceWindow => ({
  documentId: row.document_id,
  title: row.title,
  kind: row.kind,
  startsAt: row.starts_at,
  endsAt: row.ends_at,
  resolvedAt: row.resolved_at,
  labels: JSON.parse(row.labels) as string[],
  services: JSON.parse(row.services) as ServiceId[],
});

export type Store = ReturnType<typeof openStore>;

/** The monitor's own SQLite database (WAL): raw checks, daily totals, incidents, alerts and caches. */
export function openStore(file: string) {
  mkdirSync(path.dirname(file), { recursive: true });
  const db = new Database(file);
  // It holds the alert recipients' addresses: readable by its owner only.
  chmodSync(file, 0o600);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 5000');
  db.exec(SCHEMA);

  const statements = {
    insertCheck: db.prepare('INSERT INTO checks (service, at, ok, state, response_ms, detail) VALUES (?, ?, ?, ?, ?, ?)'),
    backdate: db.prepare('UPDATE checks SET state = ? WHERE service = ? AND at >= ? AND state = ?'),
    checksSince: db.prepare('SELECT * FROM checks WHERE service = ? AND at >= ? ORDER BY at'),
    checkBefore: db.prepare('SELECT * FROM checks WHERE service = ? AND at < ? ORDER BY at DESC LIMIT 1'),
    recentChecks: db.prepare('SELECT * FROM checks WHERE service = ? ORDER BY at DESC LIMIT ?'),
    machine: db.prepare('SELECT state FROM machines WHERE service = ?'),
    saveMachine: db.prepare('INSERT INTO machines (service, state) VALUES (?, ?) ON CONFLICT (service) DO UPDATE SET state = excluded.state'),
    openIncident: db.prepare('INSERT INTO incidents (service, started_at, confirmed_at, detail) VALUES (?, ?, ?, ?)'),
    currentIncident: db.prepare('SELECT * FROM incidents WHERE service = ? AND ended_at IS NULL ORDER BY started_at DESC LIMIT 1'),
    closeIncident: db.prepare('UPDATE incidents SET ended_at = ? WHERE id = ?'),
    markAlerted: db.prepare('UPDATE incidents SET alerted = 1 WHERE id = ?'),
    recentIncidents: db.prepare('SELECT * FROM incidents ORDER BY started_at DESC, id DESC LIMIT ?'),
    addAlert: db.prepare(
      'INSERT INTO alerts (incident_id, service, kind, created_at, reason, subject, text, payload, email_status, webhook_status) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)',
    ),
    pendingAlerts: db.prepare("SELECT * FROM alerts WHERE email_status = 'pending' OR webhook_status = 'pending' ORDER BY id"),
    updateDelivery: db.prepare('UPDATE alerts SET email_status = ?, webhook_status = ?, attempts = ?, last_error = ?, sent_at = ? WHERE id = ?'),
    recentAlerts: db.prepare('SELECT * FROM alerts ORDER BY created_at DESC, id DESC LIMIT ?'),
    clearMaintenance: db.prepare('DELETE FROM maintenance'),
    addMaintenance: db.prepare(
      'INSERT INTO maintenance (document_id, title, kind, starts_at, ends_at, resolved_at, labels, services) VALUES (?, ?, ?, ?, ?, ?, ?, ?)',
    ),
    maintenance: db.prepare('SELECT * FROM maintenance ORDER BY starts_at DESC'),
    getMeta: db.prepare('SELECT value, updated_at FROM meta WHERE key = ?'),
    setMeta: db.prepare(
      'INSERT INTO meta (key, value, updated_at) VALUES (?, ?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at',
    ),
    upsertDaily: db.prepare(
      'INSERT INTO daily (service, day, up_ms, down_ms, maintenance_ms, checks, failures) VALUES (?, ?, ?, ?, ?, ?, ?) ' +
        'ON CONFLICT (service, day) DO UPDATE SET up_ms = excluded.up_ms, down_ms = excluded.down_ms, maintenance_ms = excluded.maintenance_ms, checks = excluded.checks, failures = excluded.failures',
    ),
    dailyRange: db.prepare('SELECT day, up_ms, down_ms, maintenance_ms, checks, failures FROM daily WHERE service = ? AND day >= ? AND day <= ? ORDER BY day'),
    pruneChecks: db.prepare('DELETE FROM checks WHERE at < ?'),
    pruneDaily: db.prepare('DELETE FROM daily WHERE day < ?'),
    pruneIncidents: db.prepare('DELETE FROM incidents WHERE ended_at IS NOT NULL AND ended_at < ?'),
    pruneAlerts: db.prepare("DELETE FROM alerts WHERE created_at < ? AND email_status != 'pending' AND webhook_status != 'pending'"),
  };

  return {
    db,
    transaction<T>(work: () => T): T {
      return db.transaction(work)();
    },
    insertCheck(check: StoredCheck): void {
      statements.insertCheck.run(check.service, check.at, check.ok ? 1 : 0, check.state, check.responseMs, check.detail);
    },
    /** Re-labels the checks of a run once the machine has decided (e.g. failures before "down" was confirmed). */
    backdate(service: ServiceId, from: number, fromState: CountedState, toState: CountedState): void {
      statements.backdate.run(toState, service, from, fromState);
    },
    /** Checks from `from` on, plus the one just before (it covers the start of the range). */
    checksFrom(service: ServiceId, from: number): StoredCheck[] {
      const before = statements.checkBefore.get(service, from) as CheckRecord | undefined;
      const rows = (statements.checksSince.all(service, from) as CheckRecord[]).map(toCheck);
      return before ? [toCheck(before), ...rows] : rows;
    },
    recentChecks(service: ServiceId, limit: number): StoredCheck[] {
      return (statements.recentChecks.all(service, limit) as CheckRecord[]).map(toCheck);
    },
    machine(service: ServiceId): MachineState {
      const row = statements.machine.get(service) as { state: string } | undefined;
      return row ? { ...initialState(), ...(JSON.parse(row.state) as Partial<MachineState>) } : initialState();
    },
    saveMachine(service: ServiceId, state: MachineState): void {
      statements.saveMachine.run(service, JSON.stringify(state));
    },
    openIncident(service: ServiceId, startedAt: number, confirmedAt: number, detail: string): number {
      return Number(statements.openIncident.run(service, startedAt, confirmedAt, detail).lastInsertRowid);
    },
    currentIncident(service: ServiceId): Incident | null {
      const row = statements.currentIncident.get(service) as IncidentRecord | undefined;
      return row ? toIncident(row) : null;
    },
    closeIncident(id: number, endedAt: number): void {
      statements.closeIncident.run(endedAt, id);
    },
    markAlerted(id: number): void {
      statements.markAlerted.run(id);
    },
    recentIncidents(limit: number): Incident[] {
      return (statements.recentIncidents.all(limit) as IncidentRecord[]).map(toIncident);
    },
    addAlert(alert: Omit<AlertRow, 'id' | 'attempts' | 'lastError' | 'sentAt'>): number {
      return Number(
        statements.addAlert.run(
          alert.incidentId,
          alert.service,
          alert.kind,
          alert.createdAt,
          alert.reason,
          alert.subject,
          alert.text,
          alert.payload,
          alert.emailStatus,
          alert.webhookStatus,
        ).lastInsertRowid,
      );
    },
    pendingAlerts(): AlertRow[] {
      return (statements.pendingAlerts.all() as AlertRecord[]).map(toAlert);
    },
    updateDelivery(alert: Pick<AlertRow, 'id' | 'emailStatus' | 'webhookStatus' | 'attempts' | 'lastError' | 'sentAt'>): void {
      statements.updateDelivery.run(alert.emailStatus, alert.webhookStatus, alert.attempts, alert.lastError, alert.sentAt, alert.id);
    },
    recentAlerts(limit: number): AlertRow[] {
      return (statements.recentAlerts.all(limit) as AlertRecord[]).map(toAlert);
    },
    replaceMaintenance(windows: MaintenanceWindow[]): void {
      db.transaction(() => {
        statements.clearMaintenance.run();
        for (const w of windows) {
          statements.addMaintenance.run(
            w.documentId,
            w.title,
            w.kind,
            w.startsAt,
            w.endsAt,
            w.resolvedAt,
            JSON.stringify(w.labels),
            JSON.stringify(w.services),
          );
        }
      })();
    },
    maintenanceWindows(): MaintenanceWindow[] {
      return (statements.maintenance.all() as MaintenanceRecord[]).map(toWindow);
    },
    getMeta<T>(key: string): { value: T; updatedAt: number } | null {
      const row = statements.getMeta.get(key) as { value: string; updated_at: number } | undefined;
      return row ? { value: JSON.parse(row.value) as T, updatedAt: row.updated_at } : null;
    },
    setMeta(key: string, value: unknown, at = Date.now()): void {
      statements.setMeta.run(key, JSON.stringify(value), at);
    },
    upsertDaily(service: ServiceId, row: DailyRow): void {
      statements.upsertDaily.run(service, row.day, Math.round(row.up), Math.round(row.down), Math.round(row.maintenance), row.checks, row.failures);
    },
    daily(service: ServiceId, fromDay: string, toDay: string): DailyRow[] {
      return (
        statements.dailyRange.all(service, fromDay, toDay) as {
          day: string;
          up_ms: number;
          down_ms: number;
          maintenance_ms: number;
          checks: number;
          failures: number;
        }[]
      ).map((row) => ({ day: row.day, up: row.up_ms, down: row.down_ms, maintenance: row.maintenance_ms, checks: row.checks, failures: row.failures }));
    },
    /** Raw checks older than the retention go; daily totals, incidents and alerts are kept longer. */
    prune(now: number, retentionDays: number, dailyRetentionDays: number): void {
      const dailyCutoff = now - dailyRetentionDays * DAY_MS;
      db.transaction(() => {
        statements.pruneChecks.run(now - retentionDays * DAY_MS);
        statements.pruneDaily.run(new Date(dailyCutoff).toISOString().slice(0, 10));
        statements.pruneIncidents.run(dailyCutoff);
        statements.pruneAlerts.run(dailyCutoff);
      })();
    },
    close(): void {
      db.close();
    },
  };
}
