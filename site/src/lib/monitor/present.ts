/**
 * How the status page words and colours the monitor's data. Kept apart from the page so the rules
 * (what the public may see, what counts as a bad day) are testable.
 */
import type { Incident, ServiceDay, ServiceId, ServiceState, ServiceStatus, StatusReport } from './client.ts';

/** Services readers use. Disk, backups and certificates are the IT team's concern: state only, no details. */
export const PUBLIC_SERVICES: readonly ServiceId[] = ['site', 'directive', 'cms', 'admin'];

export const PUBLIC_NAMES: Record<ServiceId, string> = {
  site: 'Trang thông tin (trang chủ)',
  directive: 'Trang văn bản',
  cms: 'Hệ thống quản lý nội dung',
  admin: 'Trang quản trị',
  disk: 'Dung lượng lưu trữ',
  backup: 'Sao lưu dữ liệu',
  tls: 'Chứng chỉ bảo mật (HTTPS)',
};

export const STATE_LABELS: Record<ServiceState, string> = {
  up: 'Hoạt động bình thường',
  down: 'Đang gián đoạn',
  maintenance: 'Đang bảo trì',
  unknown: 'Chưa có số liệu',
};

export type DayLevel = 'ok' | 'minor' | 'major' | 'maintenance' | 'none';

/** A day is a "minor" problem below 99.9 % and a "major" one below 99 %; maintenance alone is not a problem. */
export function dayLevel(day: ServiceDay): DayLevel {
  if (day.uptime === null) return day.maintenanceMinutes > 0 ? 'maintenance' : 'none';
  if (day.downMinutes <= 0 && day.maintenanceMinutes > 0) return 'maintenance';
  if (day.uptime >= 0.999) return 'ok';
  return day.uptime >= 0.99 ? 'minor' : 'major';
}

export type Overall = 'ok' | 'maintenance' | 'degraded' | 'unknown';

export function overall(report: StatusReport): Overall {
  const shown = report.services.filter((s) => PUBLIC_SERVICES.includes(s.id));
  if (shown.length === 0 || shown.every((s) => s.state === 'unknown')) return 'unknown';
  if (shown.some((s) => s.state === 'down')) return 'degraded';
  if (shown.some((s) => s.state === 'maintenance')) return 'maintenance';
  return 'ok';
}

export const OVERALL_LABELS: Record<Overall, string> = {
  ok: 'Tất cả dịch vụ đang hoạt động bình thường',
  maintenance: 'Hệ thống đang được bảo trì theo kế hoạch',
  degraded: 'Một số dịch vụ đang gián đoạn; Tổ công nghệ thông tin đã được báo',
  unknown: 'Chưa có số liệu giám sát',
};

/** What the public may read about a service: the monitor's detail names URLs and folders of the server. */
export function publicDetail(service: Pick<ServiceStatus, 'id' | 'detail' | 'state'>): string | null {
  if (PUBLIC_SERVICES.includes(service.id)) return service.detail || null;
  return service.state === 'down' ? 'Tổ công nghệ thông tin đang xử lý.' : null;
}

export function publicIncidentDetail(incident: Pick<Incident, 'service' | 'detail'>): string | null {
  return PUBLIC_SERVICES.includes(incident.service) ? incident.detail || null : null;
}
