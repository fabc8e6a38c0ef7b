/**
 * CMS records → search documents: what each searched section contributes to the index (title, số ký
 * hiệu, summary, body) and where a hit links to.
 */

import { clockTime } from '@portal/common/work-week';
import { announcementSummary } from '../announcements.ts';
import { blocksToText } from '../blocks.ts';
import { ROUTE, type SearchSourceKey, type SearchSourceRecords, type SearchSources } from '../cms/index.ts';
import { formatDate } from '../dates.ts';
import { fold } from '../text/fold.ts';
import { workWeekUrl } from '../work-weeks.ts';
import type { SearchDocument } from './engine.ts';

/** Anchor id of a notice on the maintenance log, shared with that page so search links land on the item. */
export function noticeAnchor(documentId: string): string {
  return `bao-tri-${documentId}`;
}

/** Anchor id of a question on /hoi-dap, shared with that page so search links land on the item. */
export function faqAnchor(documentId: string): string {
  return `hoi-dap-${documentId}`;
}

/** Anchor of a disclosure's section on /cong-khai (the ids that page gives its headings). */
function disclosureAnchor(schoolYear: string | null | undefined, section: string | null | undefined): string {
  if (!schoolYear) return '';
  const year = `nam-hoc-${schoolYear}`;
  return section ? `${year}-${fold(section).replace(/[^a-z0-9]+/g, '-')}` : year;
}

/** The /thuc-don address of a week (lib/menu-weeks.ts: ?tuan= names the week by any of its days). */
export function menuWeekUrl(weekStart: string): string {
  return `${ROUTE.menu}?tuan=${weekStart}`;
}

/** Index id of a document: ids are unique per type only. */
export function searchId(type: SearchSourceKey, documentId: string): string {
  return `${type}:${documentId}`;
}

const MEAL_LABELS = [
  ['breakfast', 'Bữa sáng'],
  ['lunch', 'Bữa trưa'],
  ['afternoon', 'Bữa chiều'],
] as const;

type Converters = { [K in SearchSourceKey]: (record: SearchSourceRecords[K]) => Omit<SearchDocument, 'id' | 'type' | 'stamp'> | null };

const CONVERT: Converters = {
  article: (a) =>
    a.slug
      ? {
          title: a.title ?? '',
          number: '',
          summary: a.summary ?? '',
          body: blocksToText(a.body),
          url: `${ROUTE.article}/${a.slug}`,
          date: a.publishedAt ?? null,
        }
      : null,
  announcement: (a) =>
    a.slug
      ? {
          title: a.title ?? '',
          number: '',
          summary: [a.kind, announcementSummary(a)].filter(Boolean).join(' – '),
          body: blocksToText(a.body),
          url: `${ROUTE.announcement}/${a.slug}`,
          date: a.publishedAt ?? null,
        }
      : null,
  directive: (d) =>
    d.slug
      ? {
          title: [d.docType, d.number ? `số ${d.number}` : ''].filter(Boolean).join(' '),
          number: d.number ?? '',
          summary: [d.abstract, d.issuer].filter(Boolean).join(' – '),
          body: blocksToText(d.body),
          url: `${ROUTE.directive}/${d.slug}`,
          date: d.issuedOn ?? null,
        }
      : null,
  activity: (a) =>
    a.slug
      ? {
          title: a.title ?? '',
          number: '',
          summary: a.summary ?? '',
          body: blocksToText(a.body),
          url: `${ROUTE.activity}/${a.slug}`,
          date: a.date ?? null,
        }
      : null,
  notice: (n) => ({
    title: n.title ?? '',
    number: '',
    summary: n.message ?? '',
    body: '',
    url: `${ROUTE.notice}#${noticeAnchor(n.documentId)}`,
    date: n.startsAt ?? null,
  }),
  disclosure: (d) => {
    const anchor = disclosureAnchor(d.schoolYear, d.section);
    return {
      title: d.title ?? '',
      number: '',
      summary: '',
      body: blocksToText(d.body),
      url: anchor ? `${ROUTE.disclosure}#${anchor}` : ROUTE.disclosure,
      date: d.lastUpdatedAt ?? d.firstPublishedAt ?? null,
    };
  },
  // A published question links to its place on /hoi-dap; the public copy holds no name or contact to index.
  faq: (f) =>
    f.question
      ? {
          title: f.question.length > 120 ? `${f.question.slice(0, 117)}…` : f.question,
          number: '',
          summary: f.topic ?? '',
          body: `${f.question} ${f.answer ?? ''}`,
          url: `${ROUTE.faq}#${faqAnchor(f.documentId)}`,
          date: f.answeredAt ?? null,
        }
      : null,
  // One document per menu (a week of one age group), linking to that week's page.
  menu: (m) => {
    if (!m.weekStart) return null;
    const days = (m.days ?? []).map((day) => {
      const meals = MEAL_LABELS.flatMap(([key, label]) => (day[key] ? [`${label}: ${day[key]}`] : []));
      return `${day.weekday ?? ''}: ${meals.join('; ')}.`;
    });
    return {
      title: `Thực đơn tuần từ ${formatDate(m.weekStart)}${m.ageGroup ? ` – khối ${m.ageGroup}` : ''}`,
      number: '',
      summary: m.note ?? '',
      body: days.join(' '),
      url: menuWeekUrl(m.weekStart),
      date: m.weekStart,
    };
  },
  // An album is found by its title, class and description; its photos' alt texts stay on its page.
  album: (a) =>
    a.slug
      ? {
          title: a.title ?? '',
          number: '',
          summary: [a.classGroup, a.description].filter(Boolean).join(' – '),
          body: '',
          url: `${ROUTE.album}/${a.slug}`,
          date: a.date ?? null,
        }
      : null,
  // One document per week of the Ban giám hiệu's calendar, linking to that week: every entry's day, time,
  // content, who presides, who takes part and where (all of it shown on the public page).
  'work-week': (w) => {
    if (!w.weekStart) return null;
    const entries = (w.entries ?? []).map((e) =>
      [e.date ? formatDate(e.date) : '', e.startTime ? clockTime(e.startTime) : '', e.content, e.presiding, e.participants, e.place]
        .filter(Boolean)
        .join(' – '),
    );
    return {
      title: `Lịch công tác tuần từ ${formatDate(w.weekStart)}`,
      number: '',
      summary: w.note ?? '',
      body: entries.join('. '),
      url: workWeekUrl(w.weekStart),
      date: w.weekStart,
    };
  },
  // Every season links to /tuyen-sinh, which shows the current one and lists the others.
  admission: (a) => ({
    title: a.title ?? '',
    number: '',
    summary: a.opensOn && a.closesOn ? `Nhận hồ sơ từ ${formatDate(a.opensOn)} đến ${formatDate(a.closesOn)}.` : '',
    body: [blocksToText(a.plan), ...(a.ageGroups ?? []).map((g) => g.name ?? ''), ...(a.documents ?? []).map((d) => d.name ?? '')].filter(Boolean).join(' '),
    url: ROUTE.admission,
    date: a.publishedAt ?? null,
  }),
};

/** The search document of one CMS record, or null when it cannot be linked to (no slug, no week). */
export function toSearchDocument<K extends SearchSourceKey>(type: K, record: SearchSourceRecords[K]): SearchDocument | null {
  const converted = CONVERT[type](record);
  return converted ? { id: searchId(type, record.documentId), type, ...converted, stamp: record.updatedAt ?? null } : null;
}

export function toSearchDocuments(sources: SearchSources): SearchDocument[] {
  const lists: { [K in SearchSourceKey]: SearchSourceRecords[K][] } = {
    article: sources.articles,
    announcement: sources.announcements,
    directive: sources.directives,
    activity: sources.activities,
    notice: sources.notices,
    disclosure: sources.disclosures,
    menu: sources.menus,
    faq: sources.faqs,
    admission: sources.admissions,
    album: sources.albums,
    'work-week': sources.workWeeks,
  };
  const docs: SearchDocument[] = [];
  for (const type of Object.keys(lists) as SearchSourceKey[]) {
    for (const record of lists[type]) {
      const doc = toSearchDocument(type, record as never);
      if (doc) docs.push(doc);
    }
  }
  return docs;
}
