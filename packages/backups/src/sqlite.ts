import Database from 'better-sqlite3';
import { BackupError } from './errors.ts';
import type { ContentCount, ContentType } from './manifest.ts';

/**
 * Copies a live database with SQLite's online backup API: the copy is one consistent snapshot even
 * while Strapi writes. The copy goes in steps so Strapi is not blocked; if writes keep restarting it
 * (the source changed between steps), the rest is copied in one step under a short read lock.
 */
export async function backupSqlite(source: string, destination: string): Promise<void> {
  let db: Database.Database;
  try {
    db = new Database(source, { readonly: true, fileMustExist: true });
  } catch (error) {
    throw new BackupError(`Không mở được cơ sở dữ liệu ${source}: ${(error as Error).message}`);
  }
  try {
    let lowest = Number.POSITIVE_INFINITY;
    let restarts = 0;
    await db.backup(destination, {
      progress({ remainingPages }) {
        if (remainingPages > lowest) restarts += 1;
        lowest = Math.min(lowest, remainingPages);
        return restarts >= 3 ? 0 : 1024;
      },
    });
  } finally {
    db.close();
  }
}

/** `PRAGMA integrity_check` lines other than "ok"; empty when the database is sound. */
export function integrityProblems(file: string): string[] {
  let db: Database.Database;
  try {
    db = new Database(file, { readonly: true, fileMustExist: true });
  } catch (error) {
    return [(error as Error).message];
  }
  try {
    const rows = db.prepare('PRAGMA integrity_check').all() as { integrity_check: string }[];
    return rows.map((row) => row.integrity_check).filter((line) => line !== 'ok');
  } catch (error) {
    return [(error as Error).message];
  } finally {
    db.close();
  }
}

/** Rows, documents and published/draft versions per content type, as stored in the copy. */
export function countSqlite(file: string, types: ContentType[]): ContentCount[] {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const tables = new Set((db.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[]).map((r) => r.name));
    return types
      .filter((type) => tables.has(type.table))
      .map((type) => {
        const row = db
          .prepare(
            `SELECT COUNT(*) AS rows, COUNT(DISTINCT document_id) AS documents,
                    COALESCE(SUM(published_at IS NOT NULL), 0) AS published, COALESCE(SUM(published_at IS NULL), 0) AS drafts
             FROM "${type.table}"`,
          )
          .get() as { rows: number; documents: number; published: number; drafts: number };
        return {
          ...type,
          rows: row.rows,
          documents: row.documents,
          published: type.draftAndPublish ? row.published : null,
          drafts: type.draftAndPublish ? row.drafts : null,
        };
      });
  } finally {
    db.close();
  }
}

/**
 * True when another process holds a write lock right now. An idle Strapi holds none, so this only
 * catches a write in progress; the CMS port check catches a running but idle CMS.
 */
export function sqliteBeingWritten(file: string): boolean {
  let db: Database.Database | undefined;
  try {
    db = new Database(file, { fileMustExist: true, timeout: 0 });
    db.exec('BEGIN IMMEDIATE');
    db.exec('ROLLBACK');
    return false;
  } catch (error) {
    return /busy|locked/i.test((error as Error).message);
  } finally {
    db?.close();
  }
}
