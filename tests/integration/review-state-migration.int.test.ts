import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { isReviewState, REVIEW_STATE_LABELS } from '@portal/common/review-states';
import { reviewedUids } from '@portal/common/sections';
import Database from 'better-sqlite3';
import knex from 'knex';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrateReviewStates, type StateColumn } from '../../cms/src/workflow/state-migration.ts';
import { snapshot } from '../helpers/db-snapshot.ts';
import { testStack } from '../helpers/test-stack.ts';

/** Tables of the reviewed types, named as their schemas name them. */
const columns: StateColumn[] = reviewedUids().map((uid) => {
  const name = uid.split('.')[1]!;
  const schema = JSON.parse(readFileSync(`cms/src/api/${name}/content-types/${name}/schema.json`, 'utf8')) as { collectionName: string };
  return { table: schema.collectionName, column: 'review_state' };
});

// It works on a byte copy of the SQLite file; PostgreSQL databases are copied with pg_dump, which the
// backup drill covers, and the migration itself is plain knex that runs the same on both.
describe.skipIf(testStack().database.client !== 'sqlite')('the review-state migration, on a copy of the test portal database', () => {
  let dir: string;
  let file: string;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'state-migration-'));
    file = path.join(dir, 'data.db');
    const live = new Database(testStack().databaseFile, { readonly: true, fileMustExist: true });
    try {
      await live.backup(file); // consistent while the portal writes
    } finally {
      live.close();
    }
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('turns every old Vietnamese state back into its code, draft and published rows alike, changing nothing else, once', async () => {
    const current = snapshot(file);
    // Make the copy look like a database from before the codes.
    const db = new Database(file);
    let rows = 0;
    const seen = { draft: 0, published: 0 };
    try {
      for (const { table, column } of columns) {
        for (const row of db.prepare(`SELECT id, ${column} AS state, published_at FROM ${table}`).all() as {
          id: number;
          state: string | null;
          published_at: unknown;
        }[]) {
          if (row.state === null) continue;
          expect(isReviewState(row.state), `${table} #${row.id}: ${row.state}`).toBe(true);
          db.prepare(`UPDATE ${table} SET ${column} = ? WHERE id = ?`).run(REVIEW_STATE_LABELS[row.state as keyof typeof REVIEW_STATE_LABELS], row.id);
          rows += 1;
          seen[row.published_at === null ? 'draft' : 'published'] += 1;
        }
      }
    } finally {
      db.close();
    }
    expect(seen.draft).toBeGreaterThan(0);
    expect(seen.published).toBeGreaterThan(0);

    const connection = knex({ client: 'better-sqlite3', connection: { filename: file }, useNullAsDefault: true });
    try {
      expect(await migrateReviewStates(connection as never, columns)).toBe(rows);
      expect(snapshot(file)).toEqual(current);
      expect(await migrateReviewStates(connection as never, columns)).toBe(0);
      expect(snapshot(file)).toEqual(current);
    } finally {
      await connection.destroy();
    }
  });
});
