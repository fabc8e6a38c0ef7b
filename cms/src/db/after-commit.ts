import type { Core } from '@strapi/strapi';

/**
 * Runs `work` once the database transaction the caller is in (if any) has committed, or at once when
 * there is none. Announcements (e-mails, cache purges) of a step that is refused and rolled back are
 * therefore never made, and a purge never lets the site fetch the old state again.
 */
export function afterCommit(strapi: Core.Strapi, work: () => void): void {
  if (!strapi.db.inTransaction()) {
    work();
    return;
  }
  // A nested transaction() joins the open one; its onCommit runs after the outermost commit.
  void strapi.db.transaction(async ({ onCommit }) => {
    onCommit(work);
  });
}
