import { createHash } from 'node:crypto';
import Database from 'better-sqlite3';
import { withDatabase } from './postgres.ts';
import type { TestStackInfo } from './test-stack.ts';

/**
 * Columns a running CMS changes by itself: the delivery outbox records each attempt (a restored or
 * restarted CMS sends what was pending, and a running one retries). Its rows, targets and payloads count.
 */
const PROGRESS_COLUMNS: Record<string, string[]> = {
  deliveries: ['status', 'attempts', 'next_attempt_at', 'claimed_at', 'done_at', 'last_error', 'updated_at'],
};

/** A sent e-mail keeps only its recipients and subject (cms/src/cache/outbox.ts): those are compared. */
function comparable(table: string, row: Record<string, unknown>): Record<string, unknown> {
  if (table !== 'deliveries' || row.kind !== 'mail' || row.payload === null || row.payload === undefined) return row;
  // SQLite hands JSON columns back as text, PostgreSQL as values.
  const payload = (typeof row.payload === 'string' ? JSON.parse(row.payload) : row.payload) as { to?: unknown; subject?: unknown };
  return { ...row, payload: JSON.stringify({ to: payload.to, subject: payload.subject }) };
}

/**
 * The rows a query returns from a CMS's SQLite file. Opened for writing although it only reads: after a
 * kill -9 the write-ahead log needs recovery, which a read-only connection cannot do ("attempt to write a
 * readonly database").
 */
export function queryFile<T>(file: string, sql: string): T[] {
  const db = new Database(file, { fileMustExist: true });
  try {
    return db.prepare(sql).all() as T[];
  } finally {
    db.close();
  }
}

export type Snapshot = Record<string, { rows: number; hash: string }>;

function summarise(name: string, rows: Record<string, unknown>[], order: 'as-read' | 'sorted'): { rows: number; hash: string } {
  const progress = PROGRESS_COLUMNS[name] ?? [];
  const kept = rows.map((row) => JSON.stringify(Object.fromEntries(Object.entries(comparable(name, row)).filter(([column]) => !progress.includes(column)))));
  if (order === 'sorted') kept.sort();
  return { rows: kept.length, hash: createHash('sha256').update(kept.join('\n')).digest('hex') };
}

/** Row count and content hash of every table, to prove that an operation changed nothing. */
export function snapshot(file: string): Snapshot {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name").all() as { name: string }[];
    const result: Snapshot = {};
    for (const { name } of tables)
      result[name] = summarise(name, db.prepare(`SELECT * FROM "${name}" ORDER BY rowid`).all() as Record<string, unknown>[], 'as-read');
    return result;
  } finally {
    db.close();
  }
}

/** The same, of the test stack's database, SQLite or PostgreSQL (rows compared in a stable order). */
export async function snapshotOf(info: Pick<TestStackInfo, 'databaseFile' | 'database'>): Promise<Snapshot> {
  const { database } = info;
  if (database.client === 'sqlite') return snapshot(info.databaseFile);
  return withDatabase(database.name, async (client) => {
    const { rows: tables } = await client.query<{ name: string }>(
      "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY table_name",
    );
    const result: Snapshot = {};
    for (const { name } of tables) result[name] = summarise(name, (await client.query(`SELECT * FROM "${name}"`)).rows as Record<string, unknown>[], 'sorted');
    return result;
  });
}
