import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { REVIEW_STATES } from '@portal/common/review-states';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { colourPhoto } from '../helpers/fixtures.ts';
import { copySharedDatabase, OwnCms } from '../helpers/own-cms.ts';
import { createDatabase, databaseUrl, dropDatabase, POSTGRES_REQUIRED, postgresAnswers, withDatabase } from '../helpers/postgres.ts';
import { freePort, stackOptions, testStack } from '../helpers/test-stack.ts';

const ARTICLE = 'api::article.article';
const CM = `/content-manager/collection-types/${ARTICLE}`;
const available = await postgresAnswers();
if (!available && POSTGRES_REQUIRED) throw new Error('POSTGRES_REQUIRED=1 nhưng PostgreSQL không trả lời (PGHOST/PGPORT, mặc định 127.0.0.1:5432).');
if (!available) console.warn('Bỏ qua kiểm thử chuyển sang PostgreSQL: không có PostgreSQL ở 127.0.0.1:5432 (đặt PGHOST/PGPORT nếu nó ở chỗ khác).');

/** `npm run move-to-postgres -- --from <file>`, as an operator runs it; its output and exit code. */
function moveCommand(from: string, database: string): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--disable-warning=MODULE_TYPELESS_PACKAGE_JSON', 'scripts/move-to-postgres.ts', '--from', from], {
      env: { ...process.env, DATABASE_URL: databaseUrl(database) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code, output }));
  });
}

describe.skipIf(!available)('moving a school from SQLite to PostgreSQL', () => {
  const workDir = mkdtempSync(path.join(tmpdir(), 'portal-move-'));
  const sqliteFile = path.join(workDir, 'data.db');
  let database = '';
  let cmsUrl = '';
  let options: ReturnType<typeof stackOptions>;
  const cms = new OwnCms(
    () => options,
    () => cmsUrl,
    path.join(workDir, 'cms.log'),
  );

  const tableCount = () =>
    withDatabase(database, async (client) =>
      Number((await client.query(`SELECT count(*) AS n FROM information_schema.tables WHERE table_schema = 'public'`)).rows[0].n),
    );
  const rowsOf = (table: string) => withDatabase(database, async (client) => Number((await client.query(`SELECT count(*) AS n FROM "${table}"`)).rows[0].n));

  beforeAll(async () => {
    // A consistent copy of the shared demo school, taken while its CMS keeps running. Media records move
    // with the database and the files stay in their folder, so this test's new upload goes to a folder of
    // its own, not the shared portal's.
    await copySharedDatabase(workDir, path.basename(sqliteFile));
    database = await createDatabase('portal_move');
    const cmsPort = await freePort();
    options = stackOptions(workDir, cmsPort, await freePort());
    options.extraEnv = { ...options.extraEnv, DATABASE_CLIENT: 'postgres', DATABASE_URL: databaseUrl(database) };
    cmsUrl = `http://127.0.0.1:${cmsPort}`;
  }, 60_000);

  afterAll(async () => {
    await cms.stop();
    if (database) await dropDatabase(database);
    rmSync(workDir, { recursive: true, force: true });
  });

  it('copies every table, checks each by row count and hash, and the school then signs in and publishes on PostgreSQL', async () => {
    const moved = await moveCommand(sqliteFile, database);
    expect(moved.code, moved.output).toBe(0);
    expect(moved.output).toMatch(/Đã chuyển \d+ bảng, \d+ dòng .* số dòng và mã băm của từng bảng khớp nhau/);

    // The same content, accounts, tokens and audit log as the SQLite file.
    const sqlite = new Database(sqliteFile, { readonly: true });
    const count = (table: string) => (sqlite.prepare(`SELECT count(*) AS n FROM "${table}"`).get() as { n: number }).n;
    for (const table of [
      'articles',
      'directives',
      'admin_users',
      'admin_roles',
      'admin_permissions',
      'strapi_api_tokens',
      'audit_entries',
      'files',
      'files_related_mph',
    ]) {
      expect(await rowsOf(table), table).toBe(count(table));
    }
    const published = (sqlite.prepare(`SELECT count(*) AS n FROM articles WHERE published_at IS NOT NULL`).get() as { n: number }).n;
    sqlite.close();

    await cms.start();
    const siteToken = testStack().siteToken;
    // The site's API token (only its salted hash was copied) still opens the published content.
    const listed = await fetch(`${cmsUrl}/api/articles?pagination[pageSize]=1`, { headers: { Authorization: `Bearer ${siteToken}` } });
    expect(listed.status).toBe(200);
    expect(((await listed.json()) as { meta: { pagination: { total: number } } }).meta.pagination.total).toBe(published);

    // A teacher's draft goes through review and is published, with ids that continue after the copied ones.
    const teacher = await cms.signIn('giaovien@mnhiephoa.test');
    const leader = await cms.signIn('hieutruong@mnhiephoa.test');
    const form = new FormData();
    form.append('files', new Blob([new Uint8Array(await colourPhoto('#8e44ad', 16, 16))], { type: 'image/png' }), 'sau-khi-chuyen.png');
    form.append('fileInfo', JSON.stringify({ name: 'sau-khi-chuyen.png', alternativeText: 'Ảnh thử sau khi chuyển cơ sở dữ liệu' }));
    const uploaded = await fetch(`${cmsUrl}/upload`, { method: 'POST', headers: { Authorization: `Bearer ${teacher}` }, body: form });
    expect(uploaded.status).toBe(201);
    const [cover] = (await uploaded.json()) as { id: number }[];
    const title = 'Bài đầu tiên trên PostgreSQL';
    const created = await cms.call<{ data?: { documentId: string; id: number } }>(teacher, 'POST', CM, {
      title,
      summary: 'Bài thử sau khi chuyển cơ sở dữ liệu.',
      body: [{ type: 'paragraph', children: [{ type: 'text', text: 'Nội dung thử.' }] }],
      cover: cover!.id,
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    const documentId = created.body.data!.documentId;
    expect((await cms.call(teacher, 'PUT', `${CM}/${documentId}`, { reviewState: REVIEW_STATES.pending })).status).toBe(200);
    expect((await cms.call(leader, 'PUT', `${CM}/${documentId}`, { reviewState: REVIEW_STATES.approved })).status).toBe(200);
    const publish = await cms.call(leader, 'POST', `${CM}/${documentId}/actions/publish`, {});
    expect(publish.status, JSON.stringify(publish.body)).toBe(200);
    const open = await fetch(`${cmsUrl}/api/articles/${documentId}`, { headers: { Authorization: `Bearer ${siteToken}` } });
    expect(open.status).toBe(200);
    expect(((await open.json()) as { data: { title: string } }).data.title).toBe(title);
    // The review history of the new article was written to the moved audit log.
    const history = await cms.call<{ data: { action: string }[] }>(leader, 'GET', `/workflow/history/${ARTICLE}/${documentId}`);
    expect(history.body.data.length).toBeGreaterThanOrEqual(2);
  }, 360_000);

  it('keeps a số ký hiệu unique on PostgreSQL, with the message SQLite gives', async () => {
    const leader = await cms.signIn('hieutruong@mnhiephoa.test');
    const duplicate = await cms.call<{ error?: { message: string } }>(leader, 'POST', '/content-manager/collection-types/api::directive.directive', {
      docType: 'Quyết định',
      number: '380/QĐ-MNHH',
      issuer: 'Trường Mầm non Hiệp Hòa',
      issuedOn: '2023-11-17',
      abstract: 'Bản sao trùng số ký hiệu của quyết định 380',
    });
    expect(duplicate.status).toBe(400);
    expect(JSON.stringify(duplicate.body)).toContain('đã được dùng cho một văn bản khác');
  });

  it('refuses a target that is not empty, and changes nothing in it', async () => {
    const tablesBefore = await tableCount();
    const articlesBefore = await rowsOf('articles');
    expect(tablesBefore).toBeGreaterThan(0);
    const again = await moveCommand(sqliteFile, database);
    expect(again.code).toBe(1);
    expect(again.output).toMatch(/không trống: đã có \d+ bảng\. .*không có gì bị thay đổi/);
    expect(await tableCount()).toBe(tablesBefore);
    expect(await rowsOf('articles')).toBe(articlesBefore);
  }, 360_000);
});
