import { type Duty, type DutyStatus, disclosureDuty, dutiesAround, dutyStatus } from '@portal/common/disclosure-deadlines';
import { uidOf } from '@portal/common/sections';
import { vietnamDate } from '@portal/common/vietnam-time';
import type { Core } from '@strapi/strapi';

export interface DutyState extends Duty {
  /** First publication of what fulfils the duty (ISO), or null. */
  publishedAt: string | null;
  status: DutyStatus;
}

interface DisclosureRow {
  schoolYear: string | null;
  section: string | null;
  title: string | null;
  firstPublishedAt: string | null;
}

const earliest = (values: (string | null | undefined)[]): string | null =>
  values.filter((v): v is string => typeof v === 'string' && !Number.isNaN(Date.parse(v))).sort((a, b) => Date.parse(a) - Date.parse(b))[0] ?? null;

const iso = (value: unknown): string | null => (value instanceof Date ? value.toISOString() : typeof value === 'string' ? value : null);

/**
 * The disclosure duties of the days around `now` with what fulfilled them: annual sections and monthly
 * plans by the disclosures' recorded first publication, a week's menu by its published menus (the
 * earliest of its age groups; a menu republished later counts from its latest publication).
 */
export async function disclosureDuties(strapi: Core.Strapi, now: Date = new Date()): Promise<DutyState[]> {
  const duties = dutiesAround(vietnamDate(now));
  const disclosures = (
    (await strapi.db.query(uidOf('disclosure')).findMany({
      where: { publishedAt: { $notNull: true } },
      select: ['schoolYear', 'section', 'title', 'firstPublishedAt'],
    })) as Record<string, unknown>[]
  ).map((row) => ({ ...row, firstPublishedAt: iso(row.firstPublishedAt) })) as DisclosureRow[];
  const weeks = duties.filter((d) => d.kind === 'weekly-menu').map((d) => d.subject);
  const menus = (await strapi.db.query(uidOf('menu')).findMany({
    where: { publishedAt: { $notNull: true }, weekStart: { $in: weeks } },
    select: ['weekStart', 'publishedAt'],
  })) as { weekStart: unknown; publishedAt: unknown }[];

  return duties.map((duty) => {
    let published: string | null = null;
    if (duty.kind === 'annual') {
      published = earliest(disclosures.filter((d) => d.schoolYear === duty.schoolYear && d.section === duty.subject).map((d) => d.firstPublishedAt));
    } else if (duty.kind === 'monthly-plan') {
      const [year, month] = duty.subject.split('-').map(Number) as [number, number];
      const due = disclosureDuty({ title: `Kế hoạch giáo dục tháng ${month}/${year}` })?.dueOn;
      published = earliest(
        disclosures.filter((d) => disclosureDuty(d)?.kind === 'monthly-plan' && disclosureDuty(d)?.dueOn === due).map((d) => d.firstPublishedAt),
      );
    } else {
      published = earliest(menus.filter((m) => String(iso(m.weekStart) ?? '').slice(0, 10) === duty.subject).map((m) => iso(m.publishedAt)));
    }
    return { ...duty, publishedAt: published, status: dutyStatus(duty.dueOn, published, now) };
  });
}
