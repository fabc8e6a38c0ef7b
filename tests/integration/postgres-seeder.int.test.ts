import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureEnvFiles } from '../../scripts/lib/env-file.ts';
import { createDatabase, databaseUrl, dropDatabase, POSTGRES_REQUIRED, postgresAnswers, withDatabase } from '../helpers/postgres.ts';

const available = await postgresAnswers();
if (!available && POSTGRES_REQUIRED) throw new Error('POSTGRES_REQUIRED=1 nhưng PostgreSQL không trả lời (PGHOST/PGPORT, mặc định 127.0.0.1:5432).');
if (!available) console.warn('Bỏ qua kiểm thử trình nạp dữ liệu mẫu trên PostgreSQL: không có PostgreSQL ở 127.0.0.1:5432.');

describe.skipIf(!available)('the seeder on an empty PostgreSQL database (what `npm start` runs first)', () => {
  const workDir = mkdtempSync(path.join(tmpdir(), 'portal-pg-seed-'));
  let database = '';

  const seed = async () =>
    (
      await promisify(execFile)(process.execPath, [path.resolve('scripts/seed.ts')], {
        env: {
          ...ensureEnvFiles().cms,
          ...process.env,
          DATABASE_CLIENT: 'postgres',
          DATABASE_URL: databaseUrl(database),
          PUBLIC_DIR: path.join(workDir, 'public'),
          DEMO_ACCOUNTS_FILE: path.join(workDir, 'demo-accounts.json'),
        },
        encoding: 'utf8',
      })
    ).stdout;

  beforeAll(async () => {
    database = await createDatabase('portal_seed');
    mkdirSync(path.join(workDir, 'public', 'uploads'), { recursive: true });
  });
  afterAll(async () => {
    if (database) await dropDatabase(database);
    rmSync(workDir, { recursive: true, force: true });
  });

  it('loads the demo school, exits cleanly, and changes nothing when it runs again', async () => {
    const first = await seed();
    expect(first).toMatch(/tạo mới [1-9]\d*, giữ nguyên 0, tệp tải lên [1-9]\d*/);
    const articles = (JSON.parse(readFileSync('cms/data/articles.json', 'utf8')) as unknown[]).length;
    const stored = await withDatabase(database, async (client) =>
      Number((await client.query(`SELECT count(DISTINCT document_id) AS n FROM articles`)).rows[0].n),
    );
    expect(stored).toBe(articles);
    expect(await seed()).toMatch(/tạo mới 0, giữ nguyên \d+, tệp tải lên 0/);
  }, 300_000);
});
