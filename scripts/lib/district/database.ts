/**
 * Each school's PostgreSQL database on the district's shared server: a database portal_<key> owned by a
 * login role of the same name, with its own password, that no other role may connect to. The district
 * itself signs in as PGUSER (default postgres) on PGHOST:PGPORT (default 127.0.0.1:5432) to create them.
 */
import pg from 'pg';

export const server = () => ({
  host: process.env.PGHOST || '127.0.0.1',
  port: Number(process.env.PGPORT || 5432),
  user: process.env.PGUSER || 'postgres',
  password: process.env.PGPASSWORD || '',
});

async function withClient<T>(database: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ ...server(), database });
  try {
    await client.connect();
  } catch (error) {
    const { host, port, user } = server();
    throw new Error(`Không kết nối được PostgreSQL ${user}@${host}:${port} (${(error as Error).message}). Kiểm tra PGHOST, PGPORT, PGUSER, PGPASSWORD.`);
  }
  try {
    return await fn(client);
  } finally {
    await client.end().catch(() => {});
  }
}

/** How many tables a database holds outside PostgreSQL's own schemas. */
async function tableCount(database: string): Promise<number> {
  return withClient(database, async (client) => {
    const result = await client.query(
      "SELECT count(*)::int AS n FROM information_schema.tables WHERE table_schema NOT IN ('pg_catalog', 'information_schema')",
    );
    return (result.rows[0] as { n: number }).n;
  });
}

/** What createSchoolDatabase made, so that a failed `add` can take exactly that back. */
export interface Created {
  database: boolean;
  role: boolean;
}

/**
 * Creates (or takes over, when it exists and is empty) the school's database and its role. A database
 * that already holds tables is refused: it may be another school's.
 */
export async function createSchoolDatabase(name: string, password: string): Promise<Created> {
  return withClient('postgres', async (client) => {
    const exists = (await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])).rowCount === 1;
    if (exists) {
      const tables = await tableCount(name);
      if (tables > 0) {
        throw new Error(
          `Cơ sở dữ liệu ${name} đã có ${tables} bảng: không dùng lại. Hãy chọn mã trường khác, hoặc tự xóa cơ sở dữ liệu đó nếu chắc chắn nó bỏ đi.`,
        );
      }
    }
    const roleExists = (await client.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [name])).rowCount === 1;
    const id = client.escapeIdentifier(name);
    const secret = client.escapeLiteral(password);
    await client.query(roleExists ? `ALTER ROLE ${id} LOGIN PASSWORD ${secret}` : `CREATE ROLE ${id} LOGIN PASSWORD ${secret}`);
    if (exists) await client.query(`ALTER DATABASE ${id} OWNER TO ${id}`);
    else await client.query(`CREATE DATABASE ${id} OWNER ${id} ENCODING 'UTF8' TEMPLATE template0`);
    // Only the owner (and superusers) may connect: one school's CMS cannot open another's database.
    await client.query(`REVOKE CONNECT, TEMPORARY ON DATABASE ${id} FROM PUBLIC`);
    return { database: !exists, role: !roleExists };
  });
}

/** Drops what `created` says was made (a failed add), or the database and role of a removed school. */
export async function dropSchoolDatabase(name: string, created: Created = { database: true, role: true }): Promise<void> {
  await withClient('postgres', async (client) => {
    const id = client.escapeIdentifier(name);
    if (created.database) await client.query(`DROP DATABASE IF EXISTS ${id} WITH (FORCE)`);
    if (created.role) await client.query(`DROP ROLE IF EXISTS ${id}`);
  });
}
