import { changeDuty, changeListed, type Duty, type DutyStatus, disclosureDuty, dutiesAround, dutyStatus } from '@portal/common/disclosure-deadlines';
import { uidOf } from '@portal/common/sections';
import { vietnamDate } from '@portal/common/vietnam-time';
import type { Core } from '@strapi/strapi';
import { dayValue } from '../api/disclosure/publish-dates';

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

interface ChangeRow {
  documentId: string;
  title: string | null;
  schoolYear: string | null;
  changedOn: unknown;
  changePublishedAt: unknown;
  publishedAt: unknown;
}

/**
 * The changes to disclosures, each with when it was published: a published version's day of change is
 * done when it was first published with that day (`changePublishedAt`); a draft's day of change that the
 * published version does not carry yet (or a document never published) is waiting. A draft's own
 * `changePublishedAt` is not read: it may belong to an earlier day of change.
 */
async function changeDuties(strapi: Core.Strapi, now: Date): Promise<DutyState[]> {
  const today = vietnamDate(now);
  const rows = (await strapi.db.query(uidOf('disclosure')).findMany({
    where: { changedOn: { $notNull: true } },
    select: ['documentId', 'title', 'schoolYear', 'changedOn', 'changePublishedAt', 'publishedAt'],
  })) as ChangeRow[];
  const published = new Map(rows.filter((row) => row.publishedAt).map((row) => [row.documentId, row]));
  const changes: { row: ChangeRow; changedOn: string; publishedAt: string | null }[] = [];
  for (const row of rows) {
    const changedOn = dayValue(row.changedOn);
    if (!changedOn) continue;
    if (row.publishedAt) {
      changes.push({ row, changedOn, publishedAt: iso(row.changePublishedAt) ?? iso(row.publishedAt) });
    } else if (dayValue(published.get(row.documentId)?.changedOn) !== changedOn) {
      changes.push({ row, changedOn, publishedAt: null });
    }
  }
  return changes
    .map(({ row, changedOn, publishedAt }) => {
      const duty = changeDuty({ documentId: row.documentId, title: row.title, schoolYear: row.schoolYear, changedOn });
      return { ...duty, publishedAt, status: dutyStatus(duty.dueOn, publishedAt, now) };
    })
    .filter((duty) => changeListed(duty.dueOn, duty.publishedAt !== null, today))
    .sort((a, b) => a.dueOn.localeCompare(b.dueOn) || a.key.localeCompare(b.key));
}

/**
 * The disclosure duties of the days around `now` with what fulfilled them: annual sections and monthly
 * plans by the disclosures' recorded first publication, a week's menu by its published menus (the
 * earliest of its age groups; a menu republished later counts from its latest publication), and every
 * change to a disclosure not yet published, or published and due in the last four weeks.
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

  const regular = duties.map((duty) => {
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
  return [...regular, ...(await changeDuties(strapi, now))];
}
