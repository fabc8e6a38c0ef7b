import { createHash } from 'node:crypto';
import Database from 'better-sqlite3';

/** Row count and content hash of every table, to prove that an operation changed nothing. */
export function snapshot(file: string): Record<string, { rows: number; hash: string }> {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as { name: string }[];
    const result: Record<string, { rows: number; hash: string }> = {};
    for (const { name } of tables) {
      const rows = db.prepare(`SELECT * FROM "${name}" ORDER BY rowid`).all();
      result[name] = { rows: rows.length, hash: createHash('sha256').update(JSON.stringify(rows)).digest('hex') };
    }
    return result;
  } finally {
    db.close();
  }
}
