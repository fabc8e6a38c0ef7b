import { addDays, currentWeekMonday } from '@portal/common/work-week';
import { beforeAll, describe, expect, it } from 'vitest';
import { AdminSession } from '../helpers/admin.ts';
import { api } from '../helpers/cms.ts';
import { type Component, fixedOffset, instantOf, parseCalendar, prop, unescapeText } from '../helpers/ical-parse.ts';
import { testStack } from '../helpers/test-stack.ts';
import { waitFor } from '../helpers/wait.ts';

const WEEK = 'api::work-week.work-week';
const CM = `/content-manager/collection-types/${WEEK}`;

interface Entry {
  id?: number;
  date: string;
  startTime: string;
  endTime?: string | null;
  content: string;
  presiding?: string | null;
  participants?: string | null;
  place?: string | null;
  changedAt?: string | null;
}
interface Doc {
  documentId: string;
  weekStart: string;
  entries: Entry[];
}
type Answer = { data?: Doc; error?: { message: string } };

let teacher: AdminSession;
let leader: AdminSession;

const site = async (path: string): Promise<{ status: number; text: string; type: string | null }> => {
  const response = await fetch(`${testStack().siteUrl}${path}`, { signal: AbortSignal.timeout(15_000) });
  return { status: response.status, text: await response.text(), type: response.headers.get('content-type') };
};
const create = (session: AdminSession, data: Record<string, unknown>) => session.request<Answer>('POST', CM, data);
const update = (session: AdminSession, documentId: string, data: Record<string, unknown>) => session.request<Answer>('PUT', `${CM}/${documentId}`, data);
const publish = (session: AdminSession, documentId: string) => session.request<Answer>('POST', `${CM}/${documentId}/actions/publish`, {});
/** The published entries, as the site's token reads them. */
const publishedEntries = async (weekStart: string): Promise<Entry[]> => {
  const { body } = await api<{ data: Doc[] }>(`/api/work-weeks?filters[weekStart][$eq]=${weekStart}&populate=entries`);
  return body.data[0]?.entries ?? [];
};

// Weeks of this file: inside the feed's window (8 weeks ahead), away from the demo's this and next week.
const thisWeek = currentWeekMonday();
const weekA = addDays(thisWeek, 21);
const weekB = addDays(thisWeek, 28);
const weekC = addDays(thisWeek, 35);

const entry = (date: string, startTime: string, content: string, extra: Partial<Entry> = {}): Entry => ({ date, startTime, content, ...extra });

beforeAll(async () => {
  teacher = await AdminSession.login('giaovien@mnhiephoa.test');
  leader = await AdminSession.login('hieutruong@mnhiephoa.test');
});

describe('the demo calendar', () => {
  it('shows this week with today marked, and links to the weeks before and after', async () => {
    const { status, text } = await site('/lich-cong-tac');
    expect(status).toBe(200);
    expect(text).toContain('Chào cờ đầu tuần');
    expect(text).toContain(`href="/lich-cong-tac?tuan=${addDays(thisWeek, -7)}"`);
    expect(text).toContain(`href="/lich-cong-tac?tuan=${addDays(thisWeek, 7)}"`);
    // Every day of the week is listed, so today is always marked, in the cards and in the table.
    const today = new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);
    const marked = [...text.matchAll(/aria-current="date"[^>]*>[\s\S]*?<time datetime="([\d-]+)"/g)].map((m) => m[1]);
    expect(marked).toEqual([today, today]);
    // The demo publishes one entry, then changes its time.
    expect(text).toContain('Đã thay đổi');
  });

  it('answers 404 to a week that is not a date, and an empty state to a week without a calendar', async () => {
    expect((await site('/lich-cong-tac?tuan=2026-02-30')).status).toBe(404);
    expect((await site('/lich-cong-tac?tuan=tuan-sau')).status).toBe(404);
    const empty = await site(`/lich-cong-tac?tuan=${addDays(thisWeek, -70)}`);
    expect(empty.status).toBe(200);
    expect(empty.text).toContain('Ban giám hiệu chưa đăng lịch công tác của tuần');
  });
});

describe('the server keeps weeks and entries in Vietnam weeks', () => {
  it('refuses a week that does not start on a Monday, with a Vietnamese message, and creates nothing', async () => {
    const { status, body } = await create(leader, { weekStart: addDays(weekA, 1), entries: [] });
    expect(status).toBe(400);
    expect(body.error?.message).toContain('phải là ngày thứ Hai');
    expect((await leader.request<{ results: unknown[] }>('GET', `${CM}?filters[weekStart][$eq]=${addDays(weekA, 1)}`)).body.results).toEqual([]);
  });

  it('refuses an entry outside its week: Monday 00:30 of the next week does not belong to this one', async () => {
    const { status, body } = await create(leader, { weekStart: weekA, entries: [entry(addDays(weekA, 7), '00:30', 'Việc của tuần sau')] });
    expect(status).toBe(400);
    expect(body.error?.message).toContain('nằm ngoài tuần');
  });

  let docA: Doc;
  let docB: Doc;

  it('puts Sunday 23:30 in its week and Monday 00:30 in the next, on the page and in the feed', async () => {
    // Sent as an instant: Monday 00:00 in Vietnam is still Sunday in UTC.
    const sentAsInstant = new Date(Date.parse(`${weekA}T00:00:00Z`) - 7 * 3600_000).toISOString();
    const a = await create(leader, { weekStart: sentAsInstant, entries: [entry(addDays(weekA, 6), '23:30', 'Trực đêm Chủ nhật, kiểm tra an ninh')] });
    expect(a.status, JSON.stringify(a.body)).toBe(201);
    expect(a.body.data?.weekStart).toBe(weekA);
    const b = await create(leader, { weekStart: weekB, entries: [entry(weekB, '00:30', 'Nhận bàn giao ca trực đầu tuần', { endTime: '01:00' })] });
    expect(b.status, JSON.stringify(b.body)).toBe(201);
    docA = a.body.data!;
    docB = b.body.data!;
    expect((await publish(leader, docA.documentId)).status).toBe(200);
    expect((await publish(leader, docB.documentId)).status).toBe(200);

    await waitFor(async () => (await site(`/lich-cong-tac?tuan=${weekA}`)).text.includes('Trực đêm Chủ nhật'), 'week A on the site');
    const pageA = (await site(`/lich-cong-tac?tuan=${weekA}`)).text;
    expect(pageA).not.toContain('Nhận bàn giao ca trực đầu tuần');
    // Any day of a week names that week.
    expect((await site(`/lich-cong-tac?tuan=${addDays(weekB, 3)}`)).text).toContain('Nhận bàn giao ca trực đầu tuần');

    let feed = await site('/lich-cong-tac/lich.ics');
    await waitFor(async () => {
      feed = await site('/lich-cong-tac/lich.ics');
      return feed.text.includes('Nhận bàn giao ca trực');
    }, 'both weeks in the feed');
    expect(feed.type).toMatch(/^text\/calendar/);
    const calendar = parseCalendar(feed.text);
    const zone = calendar.components.find((c) => c.name === 'VTIMEZONE')!;
    const offset = fixedOffset(zone);
    const events = calendar.components.filter((c) => c.name === 'VEVENT');
    const bySummary = (text: string): Component => events.find((e) => unescapeText(prop(e, 'SUMMARY')!.value).startsWith(text))!;
    const sunday = bySummary('Trực đêm Chủ nhật');
    const monday = bySummary('Nhận bàn giao ca trực');
    expect(prop(sunday, 'DTSTART')?.value).toBe(`${addDays(weekA, 6).replaceAll('-', '')}T233000`);
    expect(instantOf(prop(sunday, 'DTSTART')!, offset).toISOString()).toBe(`${addDays(weekA, 6)}T16:30:00.000Z`);
    // Monday 00:30 in Vietnam: Sunday 17:30 UTC, yet the event of week B.
    expect(instantOf(prop(monday, 'DTSTART')!, offset).toISOString()).toBe(`${addDays(weekA, 6)}T17:30:00.000Z`);
    expect(instantOf(prop(monday, 'DTEND')!, offset).toISOString()).toBe(`${addDays(weekA, 6)}T18:00:00.000Z`);
    expect(prop(monday, 'URL')?.value).toMatch(new RegExp(`/lich-cong-tac\\?tuan=${weekB}$`));
  });

  it('refuses moving a saved week to a day that is not a Monday, on every save', async () => {
    const { status, body } = await update(leader, docA.documentId, { weekStart: addDays(weekA, 2) });
    expect(status).toBe(400);
    expect(body.error?.message).toContain('phải là ngày thứ Hai');
  });

  it('keeps one calendar per week: a second one, or a clone of the same week, is refused', async () => {
    const second = await create(leader, { weekStart: weekA, entries: [] });
    expect(second.status).toBe(400);
    expect(second.body.error?.message).toContain('Đã có lịch công tác của tuần');
    const clone = await leader.request<Answer>('POST', `${CM}/clone/${docA.documentId}`, { weekStart: weekA });
    expect(clone.status).toBe(400);
    expect(clone.body.error?.message).toContain('Đã có lịch công tác của tuần');
  });
});

describe('a change to a published week', () => {
  let doc: Doc;
  const meeting = entry(weekC, '14:00', 'Họp giao ban Ban giám hiệu (lịch thử)', { endTime: '15:30', place: 'Phòng họp', presiding: 'Hiệu trưởng' });
  const visit = entry(addDays(weekC, 1), '08:00', 'Dự giờ lớp Mẫu giáo lớn A1', { place: 'Lớp A1', participants: 'Tổ chuyên môn; khối Mẫu giáo' });

  beforeAll(async () => {
    const created = await create(leader, { weekStart: weekC, entries: [meeting, visit] });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    doc = created.body.data!;
    expect((await publish(leader, doc.documentId)).status).toBe(200);
  });

  it('is not marked on its first publication', async () => {
    const entries = await publishedEntries(weekC);
    expect(entries.map((e) => e.changedAt ?? null)).toEqual([null, null]);
  });

  it('marks the changed and the new entry, and only them, when published again; a mark sent by the client is ignored', async () => {
    const current = (await leader.request<{ data: Doc }>('GET', `${CM}/${doc.documentId}`)).body.data;
    const [first, second] = current.entries;
    const before = Date.now();
    const changed = await update(leader, doc.documentId, {
      entries: [
        { ...first, changedAt: '2020-01-01T00:00:00.000Z' },
        { ...second, place: 'Lớp Mẫu giáo lớn A2' },
        entry(addDays(weekC, 4), '14:00', 'Tổng vệ sinh toàn trường'),
      ],
    });
    expect(changed.status, JSON.stringify(changed.body)).toBe(200);
    expect((await publish(leader, doc.documentId)).status).toBe(200);
    const entries = await publishedEntries(weekC);
    const marks = Object.fromEntries(entries.map((e) => [e.content, e.changedAt ?? null]));
    expect(marks['Họp giao ban Ban giám hiệu (lịch thử)']).toBeNull();
    for (const content of ['Dự giờ lớp Mẫu giáo lớn A1', 'Tổng vệ sinh toàn trường']) {
      expect(Date.parse(String(marks[content])), content).toBeGreaterThanOrEqual(before - 1000);
    }

    await waitFor(async () => (await site(`/lich-cong-tac?tuan=${weekC}`)).text.includes('Tổng vệ sinh toàn trường'), 'the republished week');
    const page = (await site(`/lich-cong-tac?tuan=${weekC}`)).text;
    // Cards and table each mark the two entries.
    expect(page.match(/class="changed-mark"/g)?.length).toBe(4);
  });

  it('keeps the marks, with their time, when the week is published again unchanged', async () => {
    const marked = await publishedEntries(weekC);
    const current = (await leader.request<{ data: Doc }>('GET', `${CM}/${doc.documentId}`)).body.data;
    expect((await update(leader, doc.documentId, { entries: current.entries })).status).toBe(200);
    expect((await publish(leader, doc.documentId)).status).toBe(200);
    const again = await publishedEntries(weekC);
    expect(again.map((e) => e.changedAt ?? null)).toEqual(marked.map((e) => e.changedAt ?? null));
  });

  it('still marks what changed while the week was unpublished, against the version readers last saw', async () => {
    const marked = Object.fromEntries((await publishedEntries(weekC)).map((e) => [e.content, e.changedAt ?? null]));
    expect((await leader.request('POST', `${CM}/${doc.documentId}/actions/unpublish`, {})).status).toBe(200);
    expect(await publishedEntries(weekC)).toEqual([]);
    const current = (await leader.request<{ data: Doc }>('GET', `${CM}/${doc.documentId}`)).body.data;
    const before = Date.now();
    const added = entry(addDays(weekC, 2), '09:00', 'Kiểm tra nề nếp các lớp');
    expect((await update(leader, doc.documentId, { entries: [...current.entries, added] })).status).toBe(200);
    expect((await publish(leader, doc.documentId)).status).toBe(200);
    const marks = Object.fromEntries((await publishedEntries(weekC)).map((e) => [e.content, e.changedAt ?? null]));
    expect(Date.parse(String(marks['Kiểm tra nề nếp các lớp']))).toBeGreaterThanOrEqual(before - 1000);
    // What readers saw unchanged stays unmarked; the earlier changes keep their marks and their time.
    expect(marks['Họp giao ban Ban giám hiệu (lịch thử)']).toBeNull();
    for (const content of ['Dự giờ lớp Mẫu giáo lớn A1', 'Tổng vệ sinh toàn trường']) expect(marks[content], content).toBe(marked[content]);
  });

  it('puts who presides and who takes part in the feed, escaped', async () => {
    await waitFor(async () => (await site('/lich-cong-tac/lich.ics')).text.includes('Tổng vệ sinh'), 'the change in the feed');
    const calendar = parseCalendar((await site('/lich-cong-tac/lich.ics')).text);
    const events = calendar.components.filter((c) => c.name === 'VEVENT');
    const meetingEvent = events.find((e) => unescapeText(prop(e, 'SUMMARY')!.value) === 'Họp giao ban Ban giám hiệu (lịch thử)')!;
    expect(unescapeText(prop(meetingEvent, 'DESCRIPTION')!.value)).toBe('Chủ trì: Hiệu trưởng');
    expect(prop(meetingEvent, 'LOCATION')?.value).toBe('Phòng họp');
    const visitEvent = events.find((e) => prop(e, 'SUMMARY')?.value === 'Dự giờ lớp Mẫu giáo lớn A1')!;
    expect(prop(visitEvent, 'DESCRIPTION')?.value).toContain('Thành phần: Tổ chuyên môn\\; khối Mẫu giáo');
  });
});

describe('only the Ban giám hiệu writes the calendar', () => {
  let draft: Doc;

  beforeAll(async () => {
    const created = await create(leader, { weekStart: addDays(thisWeek, 42), entries: [entry(addDays(thisWeek, 42), '07:15', 'Chào cờ')] });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    draft = created.body.data!;
  });

  it('refuses a staff account creating, editing or cloning a week through the content manager', async () => {
    expect((await create(teacher, { weekStart: addDays(thisWeek, 49), entries: [] })).status).toBe(403);
    expect((await update(teacher, draft.documentId, { note: 'Giáo viên sửa' })).status).toBe(403);
    expect((await teacher.request('POST', `${CM}/clone/${draft.documentId}`, { weekStart: addDays(thisWeek, 56) })).status).toBe(403);
    expect((await teacher.request('POST', `${CM}/auto-clone/${draft.documentId}`, {})).status).toBe(403);
  });

  it('refuses a staff account publishing a week, one by one or in bulk, and the week stays unpublished', async () => {
    expect((await publish(teacher, draft.documentId)).status).toBe(403);
    expect((await teacher.request('POST', `${CM}/actions/bulkPublish`, { documentIds: [draft.documentId] })).status).toBe(403);
    expect(await publishedEntries(addDays(thisWeek, 42))).toEqual([]);
  });

  it('lets a staff account read the weeks in the admin', async () => {
    const { status } = await teacher.request('GET', `${CM}/${draft.documentId}`);
    expect(status).toBe(200);
  });

  it('refuses the site token writing a week through the content API', async () => {
    const { status } = await api('/api/work-weeks', { method: 'POST', body: { data: { weekStart: addDays(thisWeek, 63) } } });
    expect([401, 403, 405]).toContain(status);
  });
});
