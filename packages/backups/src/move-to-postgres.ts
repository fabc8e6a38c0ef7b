/**
 * Moves a school from its embedded SQLite database to an empty PostgreSQL database: every row of every
 * table (content with drafts and published versions, relations, media records, admin users, roles, API
 * tokens, the audit log, settings), then a count and a hash per table on both sides.
 *
 * The tables are Strapi's own, created on PostgreSQL by Strapi itself (`createSchema`, which starts the CMS
 * once against the target), so the result is exactly what Strapi expects there; the rows are then copied
 * in one transaction with the foreign keys set aside and put back (PostgreSQL checks every row again when
 * they return), and the id sequences continue after the copied ids. Files on disk are not touched: the
 * media records keep pointing at the same uploads folder.
 */
import { createHash } from 'node:crypto';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import Database from 'better-sqlite3';
import { BackupError, messageOf } from './errors.ts';
import { pgEnvironment } from './postgres.ts';

/** Kept as Strapi wrote them on the target: they describe the PostgreSQL schema, not the content. */
const SCHEMA_TABLES = new Set(['strapi_database_schema', 'strapi_migrations', 'strapi_migrations_internal']);
const SQLITE_INTERNAL = /^sqlite_/;
// PostgreSQL accepts at most 65,535 parameters per statement.
const MAX_PARAMETERS = 60_000;
const MAX_BATCH_ROWS = 500;

interface PgResult<T> {
  rows: T[];
}
interface PgClient {
  connect(): Promise<void>;
  query<T = Record<string, unknown>>(text: string, values?: unknown[]): Promise<PgResult<T>>;
  end(): Promise<void>;
}
interface PgModule {
  Client: new (config: Record<string, unknown>) => PgClient;
}

export interface TableCheck {
  table: string;
  rows: number;
  hash: string;
}

export interface MoveOptions {
  sqliteFile: string;
  /** The CMS's environment with the target's DATABASE_* values. */
  env: Record<string, string | undefined>;
  /** Starts Strapi once against the target so that it creates its tables there. */
  createSchema: () => Promise<void>;
  log?: (line: string) => void;
}

const quote = (name: string) => `"${name.replace(/"/g, '""')}"`;

function connect(env: Record<string, string | undefined>): PgClient {
  const pgEnv = pgEnvironment(env);
  const pg = createRequire(import.meta.url)('pg') as PgModule;
  return new pg.Client({
    host: pgEnv.PGHOST,
    port: Number(pgEnv.PGPORT),
    database: pgEnv.PGDATABASE,
    user: pgEnv.PGUSER,
    password: pgEnv.PGPASSWORD,
    ssl: env.DATABASE_SSL === 'true' ? { rejectUnauthorized: env.DATABASE_SSL_REJECT_UNAUTHORIZED !== 'false' } : false,
  });
}

function describeTarget(env: Record<string, string | undefined>): string {
  const pgEnv = pgEnvironment(env);
  return `${pgEnv.PGHOST}:${pgEnv.PGPORT}/${pgEnv.PGDATABASE}`;
}

/** Column name → PostgreSQL data type, per table of the schema. */
async function targetColumns(db: PgClient, schema: string): Promise<Map<string, Map<string, string>>> {
  const rows = (
    await db.query<{ table_name: string; column_name: string; data_type: string }>(
      `SELECT c.table_name, c.column_name, c.data_type FROM information_schema.columns c
       JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
       WHERE c.table_schema = $1 AND t.table_type = 'BASE TABLE' ORDER BY c.table_name, c.ordinal_position`,
      [schema],
    )
  ).rows;
  const tables = new Map<string, Map<string, string>>();
  for (const row of rows) {
    const columns = tables.get(row.table_name) ?? new Map<string, string>();
    columns.set(row.column_name, row.data_type);
    tables.set(row.table_name, columns);
  }
  return tables;
}

const isTimestamp = (type: string) => type.startsWith('timestamp');

/** A SQLite value as PostgreSQL's column expects it, written through the same driver Strapi uses. */
export function toTarget(value: unknown, type: string): unknown {
  if (value === null || value === undefined) return null;
  if (type === 'boolean') return typeof value === 'string' ? value === 'true' || value === '1' : Boolean(value);
  // Strapi's SQLite keeps times as milliseconds; the driver writes a Date as Strapi's PostgreSQL does.
  if (isTimestamp(type)) return new Date(typeof value === 'number' ? value : String(value));
  if (Buffer.isBuffer(value)) return value;
  return typeof value === 'bigint' ? value.toString() : value;
}

function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, inner]) => `${JSON.stringify(key)}:${stableJson(inner)}`).join(',')}}`;
  }
  return JSON.stringify(value ?? null);
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** One spelling of a value, whichever database it was read from, for the per-table hash. */
export function canonical(value: unknown, type: string): string {
  if (value === null || value === undefined) return 'null';
  if (type === 'boolean') return String(typeof value === 'string' ? value === 'true' || value === '1' : Boolean(value));
  if (isTimestamp(type)) return String((value instanceof Date ? value : new Date(typeof value === 'number' ? value : String(value))).getTime());
  // A time of day: SQLite keeps Strapi's "08:00:00.000", PostgreSQL gives back "08:00:00".
  if (type.startsWith('time')) {
    const parts = /^(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?/.exec(String(value));
    if (parts) return `${parts[1]}:${parts[2]}:${parts[3] ?? '00'}.${(parts[4] ?? '').padEnd(3, '0').slice(0, 3)}`;
    return JSON.stringify(String(value));
  }
  if (type === 'date') {
    if (value instanceof Date) return `${value.getFullYear()}-${pad(value.getMonth() + 1)}-${pad(value.getDate())}`;
    return String(value).slice(0, 10);
  }
  if (type === 'json' || type === 'jsonb') {
    try {
      return stableJson(typeof value === 'string' ? JSON.parse(value) : value);
    } catch {
      return JSON.stringify(String(value));
    }
  }
  if (['integer', 'bigint', 'smallint', 'numeric', 'double precision', 'real'].includes(type)) return String(Number(value));
  if (Buffer.isBuffer(value)) return value.toString('base64');
  return JSON.stringify(String(value));
}

function tableHash(rows: Record<string, unknown>[], columns: [string, string][]): string {
  const lines = rows.map((row) => columns.map(([name, type]) => canonical(row[name], type)).join('\u0001'));
  lines.sort();
  const hash = createHash('sha256');
  for (const line of lines) hash.update(line).update('\n');
  return hash.digest('hex');
}

async function insertRows(db: PgClient, schema: string, table: string, columns: [string, string][], rows: Record<string, unknown>[]): Promise<void> {
  const perBatch = Math.max(1, Math.min(MAX_BATCH_ROWS, Math.floor(MAX_PARAMETERS / Math.max(1, columns.length))));
  const names = columns.map(([name]) => quote(name)).join(', ');
  for (let start = 0; start < rows.length; start += perBatch) {
    const batch = rows.slice(start, start + perBatch);
    const values: unknown[] = [];
    const tuples = batch.map((row) => {
      const slots = columns.map(([name, type]) => {
        values.push(toTarget(row[name], type));
        return `$${values.length}`;
      });
      return `(${slots.join(', ')})`;
    });
    await db.query(`INSERT INTO ${quote(schema)}.${quote(table)} (${names}) VALUES ${tuples.join(', ')}`, values);
  }
}

/**
 * Copies `sqliteFile` into the target and returns the verified tables. Refuses a target that has any table
 * in its schema, before writing anything.
 */
export async function moveToPostgres(options: MoveOptions): Promise<TableCheck[]> {
  const log = options.log ?? (() => {});
  const schema = options.env.DATABASE_SCHEMA || 'public';
  const target = describeTarget(options.env);
  if (!existsSync(options.sqliteFile)) throw new BackupError(`Không thấy cơ sở dữ liệu SQLite ${options.sqliteFile}.`);

  const db = connect(options.env);
  try {
    await db.connect();
  } catch (error) {
    throw new BackupError(`Không kết nối được PostgreSQL ${target}: ${messageOf(error)}`);
  }
  const source = new Database(options.sqliteFile, { readonly: true, fileMustExist: true });
  try {
    const existing = (await db.query<{ n: string }>(`SELECT count(*) AS n FROM information_schema.tables WHERE table_schema = $1`, [schema])).rows[0]?.n;
    if (Number(existing) > 0) {
      throw new BackupError(
        `Cơ sở dữ liệu đích ${target} (schema "${schema}") không trống: đã có ${existing} bảng. ` +
          'Lệnh này chỉ chép vào một cơ sở dữ liệu PostgreSQL mới, trống, để không ghi đè dữ liệu nào; không có gì bị thay đổi.',
      );
    }

    log(`Tạo các bảng của Strapi trên ${target}…`);
    try {
      return await copyInto(db, source, schema, options);
    } catch (error) {
      // The schema was empty when the command began: leave it empty again, so that it can be run once more.
      await dropAllTables(db, schema).catch(() => {});
      throw error;
    }
  } finally {
    source.close();
    await db.end().catch(() => {});
  }
}

async function dropAllTables(db: PgClient, schema: string): Promise<void> {
  const tables = (
    await db.query<{ table_name: string }>(`SELECT table_name FROM information_schema.tables WHERE table_schema = $1 AND table_type = 'BASE TABLE'`, [schema])
  ).rows;
  if (tables.length > 0) await db.query(`DROP TABLE ${tables.map((t) => `${quote(schema)}.${quote(t.table_name)}`).join(', ')} CASCADE`);
}

async function copyInto(db: PgClient, source: Database.Database, schema: string, options: MoveOptions): Promise<TableCheck[]> {
  const log = options.log ?? (() => {});
  await options.createSchema();

  const tablesOnTarget = await targetColumns(db, schema);
  const sourceTables = (source.prepare(`SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name`).all() as { name: string }[])
    .map((row) => row.name)
    .filter((name) => !SQLITE_INTERNAL.test(name) && !SCHEMA_TABLES.has(name));
  const plan: { table: string; columns: [string, string][] }[] = [];
  for (const table of sourceTables) {
    const targetTable = tablesOnTarget.get(table);
    if (!targetTable) throw new BackupError(`Bảng "${table}" của SQLite không có trên PostgreSQL: phiên bản CMS hai bên khác nhau?`);
    const sourceColumns = (source.prepare(`PRAGMA table_info(${quote(table)})`).all() as { name: string }[]).map((column) => column.name);
    const missing = sourceColumns.filter((name) => !targetTable.has(name));
    if (missing.length > 0) throw new BackupError(`Cột ${missing.join(', ')} của bảng "${table}" không có trên PostgreSQL.`);
    plan.push({ table, columns: sourceColumns.map((name) => [name, targetTable.get(name) ?? 'text']) });
  }

  log(`Chép ${plan.length} bảng trong một giao dịch…`);
  await db.query('BEGIN');
  try {
    // Strapi's start-up wrote its defaults (roles, permissions, settings): the source's rows replace them.
    const everyTable = [...tablesOnTarget.keys()].filter((table) => !SCHEMA_TABLES.has(table));
    if (everyTable.length > 0) await db.query(`TRUNCATE ${everyTable.map((table) => `${quote(schema)}.${quote(table)}`).join(', ')} RESTART IDENTITY`);
    const keys = (
      await db.query<{ table_name: string; name: string; definition: string }>(
        `SELECT rel.relname AS table_name, con.conname AS name, pg_get_constraintdef(con.oid) AS definition
           FROM pg_constraint con JOIN pg_class rel ON rel.oid = con.conrelid JOIN pg_namespace ns ON ns.oid = rel.relnamespace
           WHERE con.contype = 'f' AND ns.nspname = $1`,
        [schema],
      )
    ).rows;
    for (const key of keys) await db.query(`ALTER TABLE ${quote(schema)}.${quote(key.table_name)} DROP CONSTRAINT ${quote(key.name)}`);
    for (const { table, columns } of plan) {
      const rows = source.prepare(`SELECT * FROM ${quote(table)}`).all() as Record<string, unknown>[];
      if (rows.length > 0) await insertRows(db, schema, table, columns, rows);
    }
    for (const key of keys) {
      try {
        await db.query(`ALTER TABLE ${quote(schema)}.${quote(key.table_name)} ADD CONSTRAINT ${quote(key.name)} ${key.definition}`);
      } catch (error) {
        throw new BackupError(`Dữ liệu của bảng "${key.table_name}" vi phạm khóa ngoại ${key.name}: ${messageOf(error)}`);
      }
    }
    // New rows continue after the copied ids.
    const sequences = (
      await db.query<{ table_name: string; column_name: string }>(
        `SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = $1 AND column_default LIKE 'nextval(%'`,
        [schema],
      )
    ).rows;
    for (const { table_name, column_name } of sequences) {
      const qualified = `${quote(schema)}.${quote(table_name)}`;
      await db.query(`SELECT setval(pg_get_serial_sequence($1, $2), COALESCE((SELECT max(${quote(column_name)}) FROM ${qualified}), 0) + 1, false)`, [
        qualified,
        column_name,
      ]);
    }
    // Checked before the commit: a copy that differs is never left behind.
    log('Đối chiếu số dòng và mã băm từng bảng…');
    const checks: TableCheck[] = [];
    for (const { table, columns } of plan) {
      const sourceRows = source.prepare(`SELECT * FROM ${quote(table)}`).all() as Record<string, unknown>[];
      const targetRows = (await db.query<Record<string, unknown>>(`SELECT * FROM ${quote(schema)}.${quote(table)}`)).rows;
      const sourceHash = tableHash(sourceRows, columns);
      const targetHash = tableHash(targetRows, columns);
      if (sourceRows.length !== targetRows.length || sourceHash !== targetHash) {
        throw new BackupError(
          `Bảng "${table}" khác nhau sau khi chép: SQLite ${sourceRows.length} dòng (${sourceHash.slice(0, 12)}), PostgreSQL ${targetRows.length} dòng (${targetHash.slice(0, 12)}).`,
        );
      }
      checks.push({ table, rows: sourceRows.length, hash: sourceHash });
    }
    await db.query('COMMIT');
    return checks;
  } catch (error) {
    await db.query('ROLLBACK').catch(() => {});
    throw error;
  }
}
