import { spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { BackupError } from './errors.ts';
import type { ContentCount, ContentType } from './manifest.ts';

interface PgClient {
  connect(): Promise<void>;
  query<Row>(sql: string): Promise<{ rows: Row[] }>;
  end(): Promise<void>;
}
type PgModule = { Client: new (config: Record<string, unknown>) => PgClient };

/**
 * libpq settings for pg_dump/pg_restore, from the same variables cms/config/database.ts reads. They go
 * through the environment, never the command line, so the password does not show in `ps`.
 */
export function pgEnvironment(env: Record<string, string | undefined>): NodeJS.ProcessEnv {
  const out: NodeJS.ProcessEnv = { ...process.env };
  if (env.DATABASE_URL) {
    const url = new URL(env.DATABASE_URL);
    out.PGHOST = decodeURIComponent(url.hostname);
    out.PGPORT = url.port || '5432';
    out.PGDATABASE = decodeURIComponent(url.pathname.replace(/^\//, ''));
    out.PGUSER = decodeURIComponent(url.username);
    out.PGPASSWORD = decodeURIComponent(url.password);
  } else {
    out.PGHOST = env.DATABASE_HOST || '127.0.0.1';
    out.PGPORT = env.DATABASE_PORT || '5432';
    out.PGDATABASE = env.DATABASE_NAME || 'portal';
    out.PGUSER = env.DATABASE_USERNAME || 'portal';
    out.PGPASSWORD = env.DATABASE_PASSWORD || '';
  }
  if (env.DATABASE_SSL === 'true') out.PGSSLMODE = 'require';
  return out;
}

function runTool(command: string, args: string[], env: NodeJS.ProcessEnv): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', (error: NodeJS.ErrnoException) =>
      reject(new BackupError(error.code === 'ENOENT' ? `Không tìm thấy ${command}: hãy cài gói postgresql-client cùng phiên bản với máy chủ.` : error.message)),
    );
    child.on('exit', (code) => (code === 0 ? resolve(stdout) : reject(new BackupError(`${command} thất bại (mã ${code}): ${stderr.trim()}`))));
  });
}

function client(env: NodeJS.ProcessEnv): PgClient {
  const pg = createRequire(import.meta.url)('pg') as PgModule;
  return new pg.Client({ host: env.PGHOST, port: Number(env.PGPORT), database: env.PGDATABASE, user: env.PGUSER, password: env.PGPASSWORD });
}

/**
 * pg_dump in custom format, inside a snapshot we export from our own REPEATABLE READ transaction, so
 * the document counts in the manifest describe exactly the rows in the dump.
 */
export async function dumpPostgres(env: Record<string, string | undefined>, destination: string, types: ContentType[]): Promise<ContentCount[]> {
  const pgEnv = pgEnvironment(env);
  const db = client(pgEnv);
  try {
    await db.connect();
  } catch (error) {
    throw new BackupError(`Không kết nối được PostgreSQL ${pgEnv.PGHOST}:${pgEnv.PGPORT}/${pgEnv.PGDATABASE}: ${(error as Error).message}`);
  }
  try {
    await db.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const [{ snapshot } = { snapshot: '' }] = (await db.query<{ snapshot: string }>('SELECT pg_export_snapshot() AS snapshot')).rows;
    await runTool('pg_dump', ['--format=custom', '--no-owner', '--no-privileges', `--snapshot=${snapshot}`, `--file=${destination}`], pgEnv);
    const schema = env.DATABASE_SCHEMA || 'public';
    const present = new Set(
      (
        await db.query<{ table_name: string }>(`SELECT table_name FROM information_schema.tables WHERE table_schema = '${schema.replace(/'/g, "''")}'`)
      ).rows.map((r) => r.table_name),
    );
    const counts: ContentCount[] = [];
    for (const type of types.filter((t) => present.has(t.table))) {
      const [row] = (
        await db.query<{ rows: string; documents: string; published: string; drafts: string }>(
          `SELECT COUNT(*) AS rows, COUNT(DISTINCT document_id) AS documents,
                  COUNT(*) FILTER (WHERE published_at IS NOT NULL) AS published, COUNT(*) FILTER (WHERE published_at IS NULL) AS drafts
           FROM "${schema}"."${type.table}"`,
        )
      ).rows;
      counts.push({
        ...type,
        rows: Number(row?.rows ?? 0),
        documents: Number(row?.documents ?? 0),
        published: type.draftAndPublish ? Number(row?.published ?? 0) : null,
        drafts: type.draftAndPublish ? Number(row?.drafts ?? 0) : null,
      });
    }
    await db.query('COMMIT');
    return counts;
  } finally {
    await db.end();
  }
}

/** pg_restore reads the whole table of contents: a cheap check that the dump is complete and readable. */
export async function checkDump(file: string): Promise<void> {
  await runTool('pg_restore', ['--list', file], process.env);
}

/** One transaction: either the whole dump replaces the database, or nothing changes. */
export async function restorePostgres(env: Record<string, string | undefined>, file: string): Promise<void> {
  const pgEnv = pgEnvironment(env);
  await runTool(
    'pg_restore',
    ['--clean', '--if-exists', '--no-owner', '--no-privileges', '--single-transaction', '--exit-on-error', `--dbname=${pgEnv.PGDATABASE}`, file],
    pgEnv,
  );
}
