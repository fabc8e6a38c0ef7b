import path from 'node:path';
import { moveToPostgres } from '@portal/backups/move-to-postgres';
import pg from 'pg';
import { root } from '../paths.ts';
import { run } from '../run.ts';
import { type Stack, type StackOptions, startStack } from '../stack.ts';

/** The PostgreSQL server the bench compares against: PGHOST/PGPORT/PGUSER/PGPASSWORD, by default this machine's. */
export const BENCH_PG = {
  host: process.env.PGHOST ?? '127.0.0.1',
  port: Number(process.env.PGPORT ?? 5432),
  user: process.env.PGUSER ?? 'postgres',
  password: process.env.PGPASSWORD ?? '',
};

async function onServer(sql: string): Promise<void> {
  const client = new pg.Client({ ...BENCH_PG, database: 'postgres', connectionTimeoutMillis: 3000 });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** Whether the server takes connections; the PostgreSQL rows say so when it does not. */
export async function benchPostgresAnswers(): Promise<boolean> {
  try {
    await onServer('SELECT 1');
    return true;
  } catch {
    return false;
  }
}

export interface PostgresCopy {
  /** The CMS's DATABASE_* variables for the copy. */
  env: Record<string, string>;
  tables: number;
  rows: number;
  seconds: number;
  drop(): Promise<void>;
}

/**
 * The bench's SQLite dataset copied into a new PostgreSQL database by `npm run move-to-postgres`'s own
 * code, so both databases hold exactly the same school.
 */
export async function copyDatasetToPostgres(sqliteFile: string): Promise<PostgresCopy> {
  const name = `portal_bench_${Date.now()}`;
  await onServer(`CREATE DATABASE "${name}"`);
  const env = {
    DATABASE_CLIENT: 'postgres',
    DATABASE_HOST: BENCH_PG.host,
    DATABASE_PORT: String(BENCH_PG.port),
    DATABASE_NAME: name,
    DATABASE_USERNAME: BENCH_PG.user,
    DATABASE_PASSWORD: BENCH_PG.password,
  };
  const drop = () => onServer(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  const began = Date.now();
  try {
    const checks = await moveToPostgres({
      sqliteFile,
      env,
      createSchema: () =>
        run(process.execPath, [path.join(root, 'scripts', 'lib', 'strapi-schema.ts')], {
          cwd: root,
          env: { ...process.env, ...env, STRAPI_TELEMETRY_DISABLED: 'true' },
        }),
    });
    return { env, tables: checks.length, rows: checks.reduce((sum, check) => sum + check.rows, 0), seconds: (Date.now() - began) / 1000, drop };
  } catch (error) {
    await drop();
    throw error;
  }
}

/** The same portal (same ports, uploads and site settings) with its CMS on the PostgreSQL copy. */
export function startOnPostgres(options: StackOptions, copy: PostgresCopy, scratch: string): Promise<Stack> {
  return startStack({
    ...options,
    logs: path.join(options.logs === 'console' ? scratch : options.logs, 'postgres'),
    // Its own search index file: the site builds it again from the PostgreSQL CMS, as a new process would.
    extraEnv: { ...options.extraEnv, ...copy.env, SEARCH_INDEX_FILE: path.join(scratch, 'search-index-postgres.json') },
  });
}
