import { uidOf } from '@portal/common/sections';
import type { Core } from '@strapi/strapi';
import type { Actor } from './actor';
import { labelOfType, reviewStateLabel } from './states';

export interface AuditRecord {
  actor: Actor | null;
  contentType: string;
  documentId?: string | null;
  title?: string | null;
  authorId?: number | null;
  action: string;
  from?: string | null;
  to?: string | null;
  note?: string | null;
}

/**
 * Appends one entry to the audit log. It goes straight to the query engine: the document service
 * refuses every write to audit entries, so nothing reachable from outside can add, change or delete one.
 */
export async function writeAudit(strapi: Core.Strapi, record: AuditRecord): Promise<void> {
  await strapi.db.query(uidOf('audit-entry')).create({
    data: {
      actorName: record.actor?.name ?? 'Hệ thống',
      actorId: record.actor?.id ?? null,
      actorEmail: record.actor?.email ?? null,
      actorRole: record.actor?.roleNames.join(', ') || (record.actor ? null : 'Hệ thống'),
      at: new Date(),
      contentType: labelOfType(record.contentType),
      targetDocumentId: record.documentId ?? null,
      targetTitle: record.title?.slice(0, 300) ?? null,
      targetAuthorId: record.authorId ?? null,
      action: record.action,
      // The log is read by people: states are kept as the Vietnamese words they saw.
      fromState: record.from ? reviewStateLabel(record.from) : null,
      toState: record.to ? reviewStateLabel(record.to) : null,
      note: record.note ?? null,
    },
  });
}
