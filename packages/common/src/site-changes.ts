/**
 * The change sequence between the CMS and the site's processes (cms/src/cache/changes.ts writes it,
 * site/src/lib/changes reads it): every purge the CMS sends is also a numbered row, readable at
 * `GET /api/${CHANGES_PATH}?after=<seq>` with the site's token, so a process that missed the webhook
 * catches up. Pure types and constants: every process imports them.
 */
export const CHANGES_PATH = 'site/changes';

export interface SequencedChange {
  /** The change's number: increasing, not necessarily without gaps. */
  seq: number;
  /** Route-cache tags to purge. */
  tags: string[];
  /** Stored file names to drop from the image cache. */
  files: string[];
}

/** One answer: the changes after the asked number (oldest first, bounded), the newest number and the oldest kept. */
export interface ChangesPage {
  /** The newest change's number; 0 when there is none yet. */
  head: number;
  /** The oldest change still kept; null when there is none. Anything older was pruned. */
  oldest: number | null;
  changes: SequencedChange[];
  /** More changes follow the listed ones: ask again after the last. */
  more: boolean;
}
