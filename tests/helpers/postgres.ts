import { Socket } from 'node:net';
import pg from 'pg';

/**
 * The PostgreSQL the PostgreSQL suites use: PGHOST/PGPORT/PGUSER, by default the machine's own
 * (127.0.0.1:5432, user postgres). Each suite makes a database of its own and drops it afterwards.
 */
export const PG = {
  host: process.env.PGHOST ?? '127.0.0.1',
  port: Number(process.env.PGPORT ?? 5432),
  user: process.env.PGUSER ?? 'postgres',
  password: process.env.PGPASSWORD ?? '',
};

/** Set by .ci/run: there, a PostgreSQL that does not answer fails the suites instead of skipping them. */
export const POSTGRES_REQUIRED = process.env.POSTGRES_REQUIRED === '1';

/** Whether a PostgreSQL server accepts connections (checked once, quickly). */
export async function postgresAnswers(): Promise<boolean> {
  const listening = await new Promise<boolean>((resolve) => {
    const socket = new Socket();
    const finish = (ok: boolean) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(1000, () => finish(false));
    socket.once('error', () => finish(false));
    socket.connect(PG.port, PG.host, () => finish(true));
  });
  if (!listening) return false;
  const client = new pg.Client({ ...PG, database: 'postgres' });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

async function onServer(sql: string): Promise<void> {
  const client = new pg.Client({ ...PG, database: 'postgres' });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

/** A new, empty database with a name no other run uses. */
export async function createDatabase(prefix: string): Promise<string> {
  const name = `${prefix}_${process.pid}_${Date.now()}`.toLowerCase().replace(/[^a-z0-9_]/g, '_');
  await onServer(`CREATE DATABASE "${name}"`);
  return name;
}

export async function dropDatabase(name: string): Promise<void> {
  await onServer(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
}

export function databaseUrl(name: string): string {
  const auth = PG.password ? `${encodeURIComponent(PG.user)}:${encodeURIComponent(PG.password)}` : encodeURIComponent(PG.user);
  return `postgres://${auth}@${PG.host}:${PG.port}/${name}`;
}

/** Runs `fn` with a client on database `name`. */
export async function withDatabase<T>(name: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ ...PG, database: name });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}
