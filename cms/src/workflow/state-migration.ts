import { LEGACY_STATE_VALUES } from '@portal/common/review-states';
import type { Core } from '@strapi/strapi';
import { REVIEWED_TYPES } from './states';

type Knex = Core.Strapi['db']['connection'];

export interface StateColumn {
  table: string;
  column: string;
}

/**
 * Rewrites review states stored as Vietnamese words (databases made before the codes) to their codes, in
 * draft and published rows alike. Plain knex updates, the same on SQLite and PostgreSQL; a row already
 * holding a code matches nothing, so running it again changes nothing. Returns the rows changed.
 */
export async function migrateReviewStates(knex: Knex, columns: StateColumn[]): Promise<number> {
  return knex.transaction(async (trx) => {
    let changed = 0;
    for (const { table, column } of columns) {
      for (const [label, code] of Object.entries(LEGACY_STATE_VALUES)) {
        changed += await trx(table)
          .where(column, label)
          .update({ [column]: code });
      }
    }
    return changed;
  });
}

/** The review-state columns of the reviewed types, as the database names them. */
export function reviewStateColumns(strapi: Core.Strapi): StateColumn[] {
  return REVIEWED_TYPES.map((uid) => {
    const meta = strapi.db.metadata.get(uid) as unknown as { tableName: string; attributes: Record<string, { columnName?: string }> };
    return { table: meta.tableName, column: meta.attributes.reviewState?.columnName ?? 'review_state' };
  });
}

/**
 * Run at every start, before anything reads a state. A bootstrap step rather than a file in
 * cms/database/migrations: Strapi loads those as plain JavaScript from the project folder, outside the
 * TypeScript build, and runs them before the schema sync; here the step is compiled and type-checked with
 * the rest, shares the state codes, and finds the tables through Strapi's own metadata.
 */
export async function migrateStoredReviewStates(strapi: Core.Strapi): Promise<void> {
  const changed = await migrateReviewStates(strapi.db.connection, reviewStateColumns(strapi));
  if (changed > 0) strapi.log.info(`[workflow] Đã chuyển ${changed} trạng thái duyệt sang mã mới.`);
}
