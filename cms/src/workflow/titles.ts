import { dayText } from '@portal/common/work-week';

/** How an item is named in audit entries, e-mails, versions and the admin's lists, whatever its type. */
export function titleOf(
  row:
    | { title?: unknown; number?: unknown; docType?: unknown; weekStart?: unknown; ageGroup?: unknown; name?: unknown; documentId?: unknown }
    | null
    | undefined,
): string {
  if (!row) return '';
  if (typeof row.title === 'string' && row.title) return row.title;
  if (typeof row.number === 'string' && row.number) return `${typeof row.docType === 'string' ? row.docType : 'Văn bản'} ${row.number}`;
  // A menu has an age group; a week of the work calendar has none.
  if (typeof row.weekStart === 'string' && typeof row.ageGroup === 'string' && row.ageGroup) return `Thực đơn tuần ${row.weekStart} (${row.ageGroup})`;
  if (typeof row.weekStart === 'string') return `Lịch công tác tuần ${dayText(row.weekStart)}`;
  if (typeof row.name === 'string' && row.name) return row.name;
  return typeof row.documentId === 'string' ? row.documentId : '';
}
