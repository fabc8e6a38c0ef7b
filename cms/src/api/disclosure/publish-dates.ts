import { uidOf } from '@portal/common/sections';
import type { Core } from '@strapi/strapi';

const UID = uidOf('disclosure');

/** A date column as "YYYY-MM-DD" (SQLite gives text, a driver may give a Date), or null. */
export function dayValue(value: unknown): string | null {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString().slice(0, 10);
  return typeof value === 'string' && /^\d{4}-\d{2}-\d{2}/.test(value) ? value.slice(0, 10) : null;
}

interface DatedRow {
  id: number;
  firstPublishedAt: string | null;
  changedOn: unknown;
  changePublishedAt: string | null;
}

/**
 * Public disclosures must show when they were first published and last updated (Thông tư 09/2024).
 * The dates are set on every publish from the server clock, not typed by hand: the first one is kept
 * from an earlier publication (or from an import of documents older than the portal), the second is now.
 * They are written to the draft just before Strapi copies it to the published version.
 *
 * A change to disclosed information is to be published within 10 working days: the Ban giám hiệu sets
 * `changedOn` (the day the fact changed), and the first publication carrying that day records
 * `changePublishedAt`, kept while later publications carry the same day. It belongs to the server: what a
 * client sends for it is dropped.
 */
export function registerDisclosureDates(strapi: Core.Strapi): void {
  strapi.documents.use(async (context, next) => {
    if (context.uid !== UID) return next();
    const params = context.params as { documentId?: string; data?: Record<string, unknown> };
    if (['create', 'update', 'clone'].includes(context.action) && params.data) delete params.data.changePublishedAt;
    if (context.action !== 'publish' || !params.documentId) return next();
    const documentId = params.documentId;
    const rows = strapi.db.query(UID);
    const fields = ['id', 'firstPublishedAt', 'changedOn', 'changePublishedAt'];
    const draft = (await rows.findOne({ where: { documentId, publishedAt: null }, select: fields })) as DatedRow | null;
    if (draft) {
      const published = (await rows.findOne({ where: { documentId, publishedAt: { $notNull: true } }, select: fields })) as DatedRow | null;
      const now = new Date();
      const changedOn = dayValue(draft.changedOn);
      // Published before with the same day of change: that publication is when the change went out.
      const kept = changedOn !== null && published && dayValue(published.changedOn) === changedOn ? published.changePublishedAt : null;
      await rows.update({
        where: { id: draft.id },
        data: {
          firstPublishedAt: published?.firstPublishedAt ?? draft.firstPublishedAt ?? now,
          lastUpdatedAt: now,
          changePublishedAt: changedOn === null ? null : (kept ?? now),
        },
      });
    }
    return next();
  });
}
