import { uidOf } from '@portal/common/sections';
import { addDays, calendarDayOf, clockTime, dayText, isInWeek, isMonday, markChangedEntries, type WorkEntry, weekdayName } from '@portal/common/work-week';
import type { Core } from '@strapi/strapi';
import { errors } from '@strapi/utils';
import { REVISION_UID } from '../../workflow/revisions';

const UID = uidOf('work-week');
const ENTRY = 'calendar.entry';

type Data = Record<string, unknown>;
type Entry = WorkEntry & { id?: number };
interface WeekRow {
  id: number;
  documentId: string;
  weekStart: string | null;
  entries?: Entry[];
}

const invalid = (message: string) => new errors.ValidationError(message);

async function loadVersion(strapi: Core.Strapi, documentId: string, published: boolean): Promise<WeekRow | null> {
  return (await strapi.db.query(UID).findOne({
    where: { documentId, publishedAt: published ? { $notNull: true } : null },
    populate: ['entries'],
  })) as WeekRow | null;
}

/**
 * The entries readers last saw of a week: its published version, or, when it was unpublished since, its
 * last published version in the content history (so changes made while it was offline are still marked
 * when it comes back). Null when the week was never published.
 */
async function lastPublishedEntries(strapi: Core.Strapi, documentId: string): Promise<Entry[] | null> {
  const live = await loadVersion(strapi, documentId, true);
  if (live) return live.entries ?? [];
  const revision = (await strapi.db.query(REVISION_UID as never).findOne({
    where: { contentType: UID, targetDocumentId: documentId, published: true },
    orderBy: { version: 'desc' },
    select: ['snapshot'],
  })) as { snapshot?: { entries?: unknown } } | null;
  const entries = revision?.snapshot?.entries;
  return Array.isArray(entries) ? (entries as Entry[]) : null;
}

function weekStartOf(value: unknown): string {
  const day = calendarDayOf(value);
  if (!day) throw invalid('"Tuần bắt đầu" cần là một ngày hợp lệ (ngày thứ Hai của tuần).');
  if (!isMonday(day)) {
    throw invalid(`"Tuần bắt đầu" phải là ngày thứ Hai (giờ Việt Nam); ngày ${dayText(day)} là ${weekdayName(day)}. Hãy chọn thứ Hai của tuần đó.`);
  }
  return day;
}

/** Each entry on a day of its week, with a start time and an end time not before it; days and times normalised (in place). */
function checkEntries(entries: Entry[], monday: string): void {
  for (const [index, entry] of entries.entries()) {
    const what = typeof entry.content === 'string' && entry.content.trim() ? `"${entry.content.trim().slice(0, 60)}"` : `thứ ${index + 1}`;
    const day = calendarDayOf(entry.date);
    if (!day) throw invalid(`Công việc ${what} cần có ngày.`);
    if (!isInWeek(day, monday)) {
      throw invalid(
        `Công việc ${what} ngày ${dayText(day)} nằm ngoài tuần từ ${dayText(monday)} đến ${dayText(addDays(monday, 6))}. Hãy chọn một ngày trong tuần này.`,
      );
    }
    entry.date = day;
    const start = clockTime(entry.startTime);
    if (!start) throw invalid(`Công việc ${what} cần có giờ bắt đầu.`);
    const hasEnd = entry.endTime !== undefined && entry.endTime !== null && entry.endTime !== '';
    const end = hasEnd ? clockTime(entry.endTime) : null;
    if (hasEnd && !end) throw invalid(`Giờ kết thúc của công việc ${what} không hợp lệ.`);
    if (end && end < start) throw invalid(`Công việc ${what}: giờ kết thúc (${end}) trước giờ bắt đầu (${start}).`);
    // The database layer takes only Strapi's full form of a time.
    entry.startTime = `${start}:00.000`;
    entry.endTime = end ? `${end}:00.000` : null;
  }
}

/** Strapi checks `unique` among published rows only; a week has one calendar, drafts included. */
async function assertWeekFree(strapi: Core.Strapi, monday: string, documentId: string | undefined): Promise<void> {
  const rows = (await strapi.db.query(UID).findMany({ where: { weekStart: monday }, select: ['documentId'] })) as { documentId: string }[];
  if (rows.some((row) => row.documentId !== documentId)) {
    throw invalid(`Đã có lịch công tác của tuần từ ${dayText(monday)}. Hãy mở lịch đó để sửa, hoặc chọn một tuần khác.`);
  }
}

/**
 * The weekly work calendar's rules on every write (content manager, content API, bulk actions, clone,
 * scheduled publication, seeding): the week starts on a Monday in Vietnam, each entry lies in its week,
 * one calendar per week, and the "changed" marks are the server's, decided against the published version
 * (see markChangedEntries). Registered after the review workflow, whose rules first decide who may write.
 */
export function registerWorkWeekRules(strapi: Core.Strapi): void {
  strapi.documents.use(async (context, next) => {
    if (context.uid !== UID) return next();
    const params = context.params as { data?: Data; documentId?: string; status?: string };
    const { action } = context;

    if ((action === 'create' || action === 'update' || action === 'clone') && params.data) {
      const data = params.data;
      // The source of a clone or the document being updated supplies what the request leaves out.
      const current = params.documentId ? await loadVersion(strapi, params.documentId, false) : null;
      const monday = weekStartOf(data.weekStart !== undefined ? data.weekStart : current?.weekStart);
      if (data.weekStart !== undefined) data.weekStart = monday;
      const ownId = action === 'clone' ? undefined : params.documentId;
      await assertWeekFree(strapi, monday, ownId);
      let entries: Entry[];
      if (Array.isArray(data.entries)) entries = data.entries as Entry[];
      else if (action === 'clone') entries = (current?.entries ?? []).map(({ id: _id, ...entry }) => entry);
      else entries = current?.entries ?? [];
      checkEntries(entries, monday);
      if (Array.isArray(data.entries) || action === 'clone') {
        const published = action === 'clone' || !params.documentId ? null : await lastPublishedEntries(strapi, params.documentId);
        const publishing = params.status === 'published';
        data.entries = markChangedEntries(entries, published, publishing ? new Date().toISOString() : null);
      }
    }

    if (action === 'publish' && params.documentId) {
      const [draft, published] = await Promise.all([loadVersion(strapi, params.documentId, false), lastPublishedEntries(strapi, params.documentId)]);
      if (draft) {
        checkEntries(draft.entries ?? [], weekStartOf(draft.weekStart));
        const marked = markChangedEntries(draft.entries ?? [], published, new Date().toISOString());
        // The draft's rows carry the marks into the version Strapi is about to copy them to.
        for (const entry of marked) {
          if (typeof entry.id === 'number')
            await strapi.db.query(ENTRY as never).update({ where: { id: entry.id }, data: { changedAt: entry.changedAt ?? null } });
        }
      }
    }
    return next();
  });
}
