/**
 * How the public status page words the monitor's data for parents. Kept apart from the page so the rules
 * (what the public may see, what counts as an interruption, how many days have data) are testable.
 *
 * Parents feel only the public site: the home page and the directive pages the monitor checks. The CMS,
 * the admin panel, disks, backups and certificates are the Tổ CNTT's concern; their state, HTTP codes,
 * response times and incidents are on the monitor's technical view (packages/monitor, GET / on
 * loopback), never here. A CMS outage the site rides out from its cache is not an interruption parents
 * felt, and a backup that ran late is not news for them.
 */
import type { Incident, NoticeWindow, ServiceDay, ServiceId, StatusReport } from './client.ts';

/** The checks that stand for what parents use: the public pages. */
export const PARENT_SERVICES: readonly ServiceId[] = ['site', 'directive'];

/** Days shown on the page: a month is what a parent looks back on. */
export const SHOWN_DAYS = 30;

export type ParentState = 'ok' | 'maintenance' | 'down' | 'unknown';

export const PARENT_HEADLINES: Record<ParentState, string> = {
  ok: 'Trang thông tin đang hoạt động bình thường',
  maintenance: 'Trang thông tin đang được bảo trì theo kế hoạch',
  down: 'Trang thông tin đang gặp sự cố: một số trang có thể chưa mở được',
  unknown: 'Chưa có số liệu theo dõi',
};

/** The line under the headline, in the same plain words. */
export const PARENT_EXPLANATIONS: Record<ParentState, string> = {
  ok: 'Mọi trang đều mở được.',
  maintenance: 'Một số trang có thể tạm thời chưa mở được; trang sẽ hoạt động lại khi bảo trì xong.',
  down: 'Tổ công nghệ thông tin của nhà trường đã được báo tự động và đang khắc phục. Xin vui lòng quay lại sau ít phút.',
  unknown: 'Hệ thống theo dõi chưa gửi số liệu. Xin vui lòng quay lại sau ít phút.',
};

const parentServices = (report: StatusReport) => report.services.filter((s) => PARENT_SERVICES.includes(s.id));

export function parentState(report: StatusReport | null): ParentState {
  if (!report) return 'unknown';
  const shown = parentServices(report);
  if (shown.length === 0 || shown.every((s) => s.state === 'unknown')) return 'unknown';
  if (shown.some((s) => s.state === 'down')) return 'down';
  if (shown.some((s) => s.state === 'maintenance')) return 'maintenance';
  return 'ok';
}

export type DayLevel = 'ok' | 'down' | 'maintenance' | 'none';

export interface ParentDay {
  date: string;
  level: DayLevel;
  /** Minutes parents could not use the site (the worst of the public checks). */
  downMinutes: number;
  maintenanceMinutes: number;
}

/**
 * The last SHOWN_DAYS days, the public checks merged: a day has data when any of them has; its
 * interruption is the longest of theirs (they overlap when the whole site is down). A day under a
 * minute of trouble counts as a normal day, as a single failed check may be the network's.
 */
export function parentDays(report: StatusReport | null, count = SHOWN_DAYS): ParentDay[] {
  if (!report) return [];
  const byDate = new Map<string, ServiceDay[]>();
  for (const service of parentServices(report)) {
    for (const day of service.days) byDate.set(day.date, [...(byDate.get(day.date) ?? []), day]);
  }
  return [...byDate.keys()]
    .sort()
    .slice(-count)
    .map((date) => {
      const days = byDate.get(date) ?? [];
      const measured = days.filter((d) => d.uptime !== null);
      const downMinutes = Math.max(0, ...measured.map((d) => d.downMinutes));
      const maintenanceMinutes = Math.max(0, ...days.map((d) => d.maintenanceMinutes));
      const level: DayLevel =
        measured.length === 0 ? (maintenanceMinutes > 0 ? 'maintenance' : 'none') : downMinutes >= 1 ? 'down' : maintenanceMinutes > 0 ? 'maintenance' : 'ok';
      return { date, level, downMinutes, maintenanceMinutes };
    });
}

export interface Coverage {
  /** First day with data among the days shown, "YYYY-MM-DD"; null when none has. */
  since: string | null;
  /** Days with data among those shown. */
  daysWithData: number;
  /** Days with an interruption parents felt. */
  daysDown: number;
  /** Their interruptions added up, in minutes. */
  downMinutes: number;
}

export function coverage(days: ParentDay[]): Coverage {
  const measured = days.filter((d) => d.level !== 'none');
  const down = days.filter((d) => d.level === 'down');
  return {
    since: measured[0]?.date ?? null,
    daysWithData: measured.length,
    daysDown: down.length,
    downMinutes: down.reduce((sum, d) => sum + d.downMinutes, 0),
  };
}

export interface Interruption {
  startedAt: string;
  endedAt: string | null;
  durationSeconds: number | null;
}

/**
 * Outages of the public pages, overlapping ones merged (the home page and a directive page failing
 * together are one interruption for a parent), newest first. Incidents of other services are left out.
 */
export function parentInterruptions(incidents: readonly Incident[]): Interruption[] {
  const spans = incidents
    .filter((i) => PARENT_SERVICES.includes(i.service) && Number.isFinite(Date.parse(i.startedAt)))
    .map((i) => ({ start: Date.parse(i.startedAt), end: i.endedAt ? Date.parse(i.endedAt) : null }))
    .sort((a, b) => a.start - b.start);
  const merged: { start: number; end: number | null }[] = [];
  for (const span of spans) {
    const last = merged.at(-1);
    if (last && (last.end === null || span.start <= last.end)) {
      last.end = last.end === null || span.end === null ? null : Math.max(last.end, span.end);
    } else {
      merged.push({ ...span });
    }
  }
  return merged.reverse().map((span) => ({
    startedAt: new Date(span.start).toISOString(),
    endedAt: span.end === null ? null : new Date(span.end).toISOString(),
    durationSeconds: span.end === null ? null : Math.round((span.end - span.start) / 1000),
  }));
}

/** Notices in progress or starting within a week: what parents should plan around. */
export function upcomingNotices(windows: readonly NoticeWindow[], now: number): NoticeWindow[] {
  const week = 7 * 24 * 3600_000;
  return windows
    .filter((n) => n.active || (!n.resolvedAt && Date.parse(n.startsAt) > now && Date.parse(n.startsAt) - now < week))
    .sort((a, b) => a.startsAt.localeCompare(b.startsAt));
}
