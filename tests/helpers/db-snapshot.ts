import { createHash } from 'node:crypto';
import Database from 'better-sqlite3';

/**
 * Columns a running CMS changes by itself: the delivery outbox records each attempt (a restored or
 * restarted CMS sends what was pending, and a running one retries). Its rows, targets and payloads count.
 */
const PROGRESS_COLUMNS: Record<string, string[]> = {
  deliveries: ['status', 'attempts', 'next_attempt_at', 'claimed_at', 'done_at', 'last_error', 'updated_at'],
};

/** A sent e-mail keeps only its recipients and subject (cms/src/cache/outbox.ts): those are compared. */
function comparable(table: string, row: Record<string, unknown>): Record<string, unknown> {
  if (table !== 'deliveries' || row.kind !== 'mail' || typeof row.payload !== 'string') return row;
  const { to, subject } = JSON.parse(row.payload) as { to?: unknown; subject?: unknown };
  return { ...row, payload: JSON.stringify({ to, subject }) };
}

/** Row count and content hash of every table, to prove that an operation changed nothing. */
export function snapshot(file: string): Record<string, { rows: number; hash: string }> {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as { name: string }[];
    const result: Record<string, { rows: number; hash: string }> = {};
    for (const { name } of tables) {
      const progress = PROGRESS_COLUMNS[name] ?? [];
      const rows = (db.prepare(`SELECT * FROM "${name}" ORDER BY rowid`).all() as Record<string, unknown>[]).map((row) =>
        Object.fromEntries(Object.entries(comparable(name, row)).filter(([column]) => !progress.includes(column))),
      );
      result[name] = { rows: rows.length, hash: createHash('sha256').update(JSON.stringify(rows)).digest('hex') };
    }
    return result;
  } finally {
    db.close();
  }
}
