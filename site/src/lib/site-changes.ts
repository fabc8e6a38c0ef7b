/**
 * Keeps this process's caches in step with the CMS, whichever process the webhook reached.
 *
 * A change (route-cache tags, stored file names) comes two ways, applied by the same function:
 *  - pushed: the CMS's signed webhook (pages/api/cache/purge.ts) reaches one process (of a cluster, or
 *    the instance nginx picked, or each URL of SITE_PURGE_URLS), at once;
 *  - read: every process reads the CMS's change sequence (@portal/common/site-changes) every
 *    SITE_CHANGES_POLL_MS (default 500 ms), so the processes the webhook did not reach, and one that was
 *    stopped or cut off, apply what they missed (lib/change-cursor.ts keeps count, so nothing twice).
 * Applying a change: drop the stored files from the image cache, tell the in-process subscribers (shared
 * layout data, the search index: lib/content-events.ts), then purge the tags from the page cache.
 * The reads keep time on lib/feed-clock.ts: a process whose read is overdue (it stood still) renders its
 * pages instead of serving them from the cache until the read has answered.
 */
import { SECTIONS } from '@portal/common/sections';
import type { SequencedChange } from '@portal/common/site-changes';
import { ChangeCursor } from './change-cursor.ts';
import { readChanges } from './cms/changes.ts';
import { onContentChange } from './content-events.ts';
import { feedClock } from './feed-clock.ts';
import { pageStore } from './http-cache/store.ts';
import { purgeImages } from './images/transform.ts';

const DEFAULT_POLL_MS = 500;
/** Every public type's tags: what a reset tells the subscribers (the search index then compares every type). */
const ALL_TAGS = [...new Set(SECTIONS.flatMap((s) => [...s.tags]))];

export function pollMs(env: NodeJS.ProcessEnv = process.env): number {
  const value = Number(env.SITE_CHANGES_POLL_MS);
  return env.SITE_CHANGES_POLL_MS && Number.isFinite(value) && value > 0 ? Math.min(Math.max(value, 100), 60_000) : DEFAULT_POLL_MS;
}

const cursor = new ChangeCursor();

/** Applies one change to this process's caches; resolves with the number of valid file names purged. */
async function applyChange(change: Pick<SequencedChange, 'tags' | 'files'>): Promise<number> {
  // Images first: a page re-rendered after the tag purge must not find a withdrawn photo still cached.
  const images = await purgeImages(change.files);
  if (change.tags.length > 0) {
    // Shared data (the layout's school profile and notices, the search index) before the pages: a page
    // re-rendered right after the purge must not find the old copy there.
    onContentChange(change.tags);
    pageStore().purgeTags(change.tags);
  }
  return images;
}

/** A change the webhook pushed (with its number when the CMS sent one). */
export function applyPushedChange(change: Pick<SequencedChange, 'tags' | 'files'> & { seq?: number }): Promise<number> {
  if (change.seq !== undefined) cursor.pushed(change.seq);
  return applyChange(change);
}

/** Every page and every shared value again; stored files cannot be listed, and the webhook's process dropped those. */
function applyEverything(): void {
  onContentChange(ALL_TAGS);
  pageStore().clear();
}

let started = false;
let failingSince = 0;

async function pollOnce(): Promise<boolean> {
  const page = await readChanges(cursor.position);
  const step = cursor.step(page, Date.now());
  if (step.reset) applyEverything();
  for (const change of step.apply) await applyChange(change);
  return page.more;
}

/** Starts reading the change sequence (once per process; the first request's middleware calls it). */
export function startChangeFeed(): void {
  if (started) return;
  started = true;
  const interval = pollMs();
  const tick = async (): Promise<void> => {
    let more = false;
    feedClock().begin(Date.now());
    try {
      more = await pollOnce();
      if (failingSince) {
        console.log('[changes] the CMS answers again after %d s; caught up with its changes', Math.round((Date.now() - failingSince) / 1000));
        failingSince = 0;
      }
    } catch (error) {
      // One line per outage, not one per poll.
      if (!failingSince) {
        failingSince = Date.now();
        console.error(
          '[changes] cannot read the change sequence from the CMS (%s); retrying every %d ms, pages purged only by the webhook meanwhile',
          error instanceof Error ? error.message : String(error),
          interval,
        );
      }
    }
    const wait = more ? 0 : interval;
    feedClock().end(Date.now() + wait);
    setTimeout(tick, wait).unref();
  };
  void tick();
}
