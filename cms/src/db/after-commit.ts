import type { Core } from '@strapi/strapi';
import { inBackground } from './background';

/**
 * Runs `work` once the database transaction the caller is in (if any) has committed, or at once when
 * there is none. Announcements (e-mails, cache purges) of a step that is refused and rolled back are
 * therefore never made, and a purge never lets the site fetch the old state again.
 */
export function afterCommit(strapi: Core.Strapi, work: () => unknown): void {
  // Work that returns a promise is waited for on shutdown (db/background.ts).
  const start = () => {
    const result = work();
    if (result instanceof Promise) void inBackground(result);
  };
  if (!strapi.db.inTransaction()) {
    start();
    return;
  }
  // A nested transaction() joins the open one; its onCommit runs after the outermost commit.
  void strapi.db.transaction(async ({ onCommit }) => {
    onCommit(start);
  });
}
