import { section } from '@portal/common/sections';
import { DAY_MS } from '@portal/common/vietnam-time';
import { formatDuration } from './alerts.ts';
import { type CheckResult, describeError } from './checks.ts';
import { AFFECTED_SERVICE_MAP, MAINTENANCE_KINDS, type MonitorConfig, SERVICE_IDS, type ServiceId } from './config.ts';
import type { Report } from './log.ts';
import { vietnamTime } from './notify.ts';
import { HOUR_MS } from './stats.ts';
import type { MaintenanceWindow, Store } from './store.ts';

/** A maintenance notice with no end and no resolution still stops muting alerts this long after it starts. */
export const OPEN_WINDOW_LIMIT_MS = 24 * HOUR_MS;
/** Windows older than this are of no use any more (the status page lists the last 30 days). */
const KEEP_WINDOWS_MS = 31 * DAY_MS;

async function getJson(target: string, token: string, timeoutMs: number): Promise<unknown> {
  const response = await fetch(target, {
    headers: { Authorization: `Bearer ${token}`, Accept: 'application/json' },
    signal: AbortSignal.timeout(timeoutMs),
  });
  if (!response.ok) {
    const text = await response.text().catch(() => '');
    let message = text.slice(0, 200);
    try {
      message = (JSON.parse(text) as { error?: { message?: string } }).error?.message ?? message;
    } catch {
      // not JSON
    }
    throw new Error(`HTTP ${response.status}${message ? `: ${message}` : ''}`);
  }
  return response.json();
}

interface NoticeRecord {
  documentId?: string;
  kind?: string;
  title?: string;
  startsAt?: string | null;
  endsAt?: string | null;
  resolvedAt?: string | null;
  affectedServices?: { service?: string }[] | null;
}

const time = (value: string | null | undefined) => {
  if (!value) return null;
  const ms = Date.parse(value);
  return Number.isFinite(ms) ? ms : null;
};

/**
 * Notice → window; a notice without affected services covers everything. Incident notices are kept too
 * (the status page lists them, with their resolution) but only maintenance kinds mute alerts.
 */
export function toWindow(notice: NoticeRecord): MaintenanceWindow | null {
  const startsAt = time(notice.startsAt);
  if (!notice.documentId || startsAt === null || !notice.kind) return null;
  const labels = (notice.affectedServices ?? []).map((item) => item.service ?? '').filter((label) => label !== '');
  const services = labels.length === 0 ? [...SERVICE_IDS] : [...new Set(labels.flatMap((label) => AFFECTED_SERVICE_MAP[label] ?? []))];
  return {
    documentId: notice.documentId,
    title: notice.title ?? '',
    kind: notice.kind ?? '',
    startsAt,
    endsAt: time(notice.endsAt),
    resolvedAt: time(notice.resolvedAt),
    labels,
    services,
  };
}

/** When the window stops muting: the earlier of its end and its resolution; open-ended ones are capped. */
export function windowEnd(window: MaintenanceWindow): number {
  const ends = [window.endsAt, window.resolvedAt].filter((value): value is number => value !== null);
  return ends.length > 0 ? Math.min(...ends) : window.startsAt + OPEN_WINDOW_LIMIT_MS;
}

export function isMaintenance(window: MaintenanceWindow): boolean {
  return (MAINTENANCE_KINDS as readonly string[]).includes(window.kind);
}

/** The maintenance window (never an incident notice) covering this service at this time. */
export function inWindow(windows: MaintenanceWindow[], service: ServiceId, at: number): MaintenanceWindow | null {
  return windows.find((window) => isMaintenance(window) && window.services.includes(service) && window.startsAt <= at && at < windowEnd(window)) ?? null;
}

/** Published notices (maintenance, upgrade, incident) from the CMS, with the site's read-only token. */
export async function fetchMaintenanceWindows(
  config: Pick<MonitorConfig, 'cmsUrl' | 'siteToken' | 'timeoutMs'>,
  now = Date.now(),
): Promise<MaintenanceWindow[]> {
  const query = new URLSearchParams();
  query.set('populate[affectedServices]', 'true');
  query.set('sort[0]', 'startsAt:desc');
  query.set('pagination[pageSize]', '100');
  const body = (await getJson(`${config.cmsUrl}/api/notices?${query}`, config.siteToken, config.timeoutMs)) as { data?: NoticeRecord[] };
  if (!Array.isArray(body.data)) throw new Error('CMS trả về dữ liệu thông báo không đúng dạng');
  return body.data.map(toWindow).filter((window): window is MaintenanceWindow => window !== null && windowEnd(window) >= now - KEEP_WINDOWS_MS);
}

/** The Tổ CNTT's active accounts, from the CMS's ops endpoint (cms/src/api/ops). */
export async function fetchRecipients(config: Pick<MonitorConfig, 'cmsUrl' | 'monitorToken' | 'timeoutMs'>): Promise<string[]> {
  if (config.monitorToken.length < 32) throw new Error('MONITOR_TOKEN chưa được đặt (cms/.env)');
  const body = (await getJson(`${config.cmsUrl}/api/ops/alert-recipients`, config.monitorToken, config.timeoutMs)) as { data?: { emails?: unknown } };
  const emails = body.data?.emails;
  if (!Array.isArray(emails)) throw new Error('CMS trả về danh sách người nhận không đúng dạng');
  return emails.filter((email): email is string => typeof email === 'string' && /^[^@\s]+@[^@\s]+$/.test(email));
}

/** GET /api/ops/deliveries of the CMS (cms/src/cache/deliveries.ts): counts and ages, no addresses. */
export interface DeliveryHealth {
  failedLast30Days: { purge: number; mail: number; total: number };
  lastFailedAt: string | null;
  retrying: number;
  oldestWaitingSeconds: number | null;
  longWaitSeconds: number;
}

const isCount = (value: unknown): value is number => typeof value === 'number' && Number.isInteger(value) && value >= 0;

/** Only an answer of the expected shape is judged; anything else is a failed check. */
export function readDeliveryHealth(value: unknown): DeliveryHealth | null {
  const data = (value as { data?: Partial<DeliveryHealth> } | null)?.data;
  const failed = data?.failedLast30Days;
  if (!data || !failed || !isCount(failed.purge) || !isCount(failed.mail) || !isCount(failed.total) || !isCount(data.retrying)) return null;
  if (!(data.oldestWaitingSeconds === null || isCount(data.oldestWaitingSeconds)) || !isCount(data.longWaitSeconds)) return null;
  return {
    failedLast30Days: { purge: failed.purge, mail: failed.mail, total: failed.total },
    lastFailedAt: typeof data.lastFailedAt === 'string' ? data.lastFailedAt : null,
    retrying: data.retrying,
    oldestWaitingSeconds: data.oldestWaitingSeconds,
    longWaitSeconds: data.longWaitSeconds,
  };
}

/**
 * The outbox is healthy while nothing was given up in the last 30 days (a failure stays a problem until
 * the Tổ CNTT resends or sets it aside on "Hàng đợi gửi") and nothing has waited longer than the CMS's
 * long-wait limit.
 */
export function judgeDeliveries(health: DeliveryHealth, at: number, responseMs: number): CheckResult {
  const { failedLast30Days: failed, retrying, oldestWaitingSeconds: oldest, longWaitSeconds } = health;
  const stuck = oldest !== null && oldest > longWaitSeconds;
  const parts: string[] = [];
  if (failed.total > 0) {
    parts.push(
      `${failed.total} lần gửi thất bại trong 30 ngày (thư điện tử: ${failed.mail}, báo trang công khai: ${failed.purge})${
        health.lastFailedAt ? `, gần nhất lúc ${vietnamTime(Date.parse(health.lastFailedAt))}` : ''
      }`,
    );
  } else {
    parts.push('Không có lần gửi nào thất bại trong 30 ngày');
  }
  if (retrying > 0 || oldest !== null) {
    parts.push(`${retrying} lần gửi đang thử lại${oldest !== null ? `, lâu nhất đã chờ ${formatDuration(oldest * 1000)}${stuck ? ' (quá lâu)' : ''}` : ''}`);
  }
  const ok = failed.total === 0 && !stuck;
  return { service: 'delivery', at, ok, responseMs, detail: `${parts.join('; ')}${ok ? '' : '. Xem "Hàng đợi gửi" trong trang quản trị.'}` };
}

/** Asks the CMS how its delivery outbox is doing (with MONITOR_TOKEN). */
export async function checkDeliveries(config: Pick<MonitorConfig, 'cmsUrl' | 'monitorToken' | 'timeoutMs'>): Promise<CheckResult> {
  const at = Date.now();
  const started = performance.now();
  if (config.monitorToken.length < 32) return { service: 'delivery', at, ok: false, responseMs: null, detail: 'MONITOR_TOKEN chưa được đặt (cms/.env)' };
  try {
    const health = readDeliveryHealth(await getJson(`${config.cmsUrl}/api/ops/deliveries`, config.monitorToken, config.timeoutMs));
    const responseMs = Math.round(performance.now() - started);
    if (!health) return { service: 'delivery', at, ok: false, responseMs, detail: 'CMS trả về tình trạng hàng đợi gửi không đúng dạng' };
    return judgeDeliveries(health, at, responseMs);
  } catch (error) {
    const detail = error instanceof Error && error.message.startsWith('HTTP ') ? error.message : describeError(error, config.timeoutMs);
    return { service: 'delivery', at, ok: false, responseMs: null, detail: `Không hỏi được CMS về hàng đợi gửi: ${detail}` };
  }
}

/** A published directive's page on the site: asks the CMS, else reads the site's /van-ban list. */
const DIRECTIVES = section('directive');

export async function discoverDirectivePath(config: Pick<MonitorConfig, 'cmsUrl' | 'siteUrl' | 'siteToken' | 'timeoutMs'>): Promise<string | null> {
  try {
    const query = new URLSearchParams({ 'fields[0]': 'slug', 'sort[0]': 'publishedAt:desc', 'pagination[pageSize]': '1' });
    const body = (await getJson(`${config.cmsUrl}/api/directives?${query}`, config.siteToken, config.timeoutMs)) as { data?: { slug?: string }[] };
    const slug = body.data?.[0]?.slug;
    if (slug) return `${DIRECTIVES.route}/${encodeURIComponent(slug)}`;
  } catch {
    // the CMS may be down: the site's list still names some
  }
  try {
    const response = await fetch(`${config.siteUrl}${DIRECTIVES.route}`, { signal: AbortSignal.timeout(config.timeoutMs) });
    if (!response.ok) return null;
    const html = await response.text();
    for (const match of html.matchAll(/href="([^"?#]+)"/g)) {
      const path = match[1];
      if (path?.startsWith(`${DIRECTIVES.route}/`) && !path.slice(DIRECTIVES.route.length + 1).includes('/') && !path.endsWith('.xml')) return path;
    }
  } catch {
    // nothing to discover now; the next cycle tries again
  }
  return null;
}

const RECIPIENTS_REFRESH_MS = 5 * 60_000;

/** Reads the maintenance notices into the store; on failure the windows cached from the last read keep applying. */
export async function refreshMaintenance(config: MonitorConfig, store: Store, report: Report): Promise<void> {
  try {
    store.replaceMaintenance(await fetchMaintenanceWindows(config));
    store.setMeta('maintenanceFetchedAt', Date.now());
    report('Lấy lịch bảo trì từ CMS', null);
  } catch (error) {
    // The windows cached from the last successful read keep applying.
    report('Lấy lịch bảo trì từ CMS', `không được (${(error as Error).message}); dùng lịch đã lưu.`);
  }
}

/** Who receives alerts: MONITOR_ALERT_EMAILS, else the Tổ CNTT as the CMS last named them (kept in the store). */
export interface Recipients {
  /** Asks the CMS again, at most every few minutes unless forced. Never throws. */
  refresh(force?: boolean): Promise<void>;
  list(): string[];
}

export function createRecipients(config: MonitorConfig, store: Store, report: Report): Recipients {
  let lastFetch = 0;
  return {
    async refresh(force = false) {
      if (config.alertEmails) return;
      if (!force && Date.now() - lastFetch < RECIPIENTS_REFRESH_MS) return;
      lastFetch = Date.now();
      try {
        const emails = await fetchRecipients(config);
        store.setMeta('recipients', emails);
        report('Lấy danh sách người nhận cảnh báo từ CMS', emails.length === 0 ? 'CMS không có tài khoản Tổ CNTT nào đang hoạt động.' : null);
      } catch (error) {
        report('Lấy danh sách người nhận cảnh báo từ CMS', `không được (${(error as Error).message}); dùng danh sách đã lưu.`);
      }
    },
    list() {
      return config.alertEmails ?? store.getMeta<string[]>('recipients')?.value ?? [];
    },
  };
}
