import { uidOf } from '@portal/common/sections';
import type { Core } from '@strapi/strapi';

const UID = uidOf('disclosure');

/**
 * Public disclosures must show when they were first published and last updated (Thông tư 09/2024).
 * The dates are set on every publish from the server clock, not typed by hand: the first one is kept
 * from an earlier publication (or from an import of documents older than the portal), the second is now.
 * They are written to the draft just before Strapi copies it to the published version.
 */
export function registerDisclosureDates(strapi: Core.Strapi): void {
  strapi.documents.use(async (context, next) => {
    if (context.uid !== UID || context.action !== 'publish') return next();
    const documentId = (context.params as { documentId?: string }).documentId;
    if (documentId) {
      const rows = strapi.db.query(UID);
      const draft = (await rows.findOne({ where: { documentId, publishedAt: null }, select: ['id', 'firstPublishedAt'] })) as {
        id: number;
        firstPublishedAt: string | null;
      } | null;
      if (draft) {
        const published = (await rows.findOne({ where: { documentId, publishedAt: { $notNull: true } }, select: ['firstPublishedAt'] })) as {
          firstPublishedAt: string | null;
        } | null;
        const now = new Date();
        await rows.update({
          where: { id: draft.id },
          data: { firstPublishedAt: published?.firstPublishedAt ?? draft.firstPublishedAt ?? now, lastUpdatedAt: now },
        });
      }
    }
    return next();
  });
}
