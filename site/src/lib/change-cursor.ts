/**
 * Which changes of the CMS's change sequence (@portal/common/site-changes) this process still has to
 * apply: pure bookkeeping, no I/O (lib/site-changes.ts does the reading and the purging).
 *
 * Numbers come from the database and increase, but not always one by one, nor always in the order they
 * become visible: on PostgreSQL a number taken by a transaction that commits later, or rolls back, is a
 * hole for a while or for good. So the cursor (everything up to it is applied) stops at a hole; changes
 * after it are applied as they show up (and remembered, so none is applied twice); a hole still empty
 * after `gapWaitMs` is taken as a number that will never come.
 *
 * Everything is applied again at once (a reset: every page, the search index compared in full) when the
 * process cannot know what it missed: at its first answer from the CMS (what it cached before may predate
 * a change it never saw), when the changes after its cursor were already pruned (it was away too long),
 * and when the sequence went backwards (the database was restored from a backup).
 */
import type { ChangesPage, SequencedChange } from '@portal/common/site-changes';

/** How long a missing number may still show up (an insert that commits late) before the cursor passes it. */
export const GAP_WAIT_MS = 10_000;
/** A hole wider than this is not waited for number by number: the process starts over instead. */
const MAX_GAP_SCAN = 10_000;

export interface CursorStep {
  /** Apply everything again (see above) before the listed changes. */
  reset: boolean;
  /** Changes not applied yet, oldest first. */
  apply: SequencedChange[];
}

export class ChangeCursor {
  /** Every change up to this number is applied; null before the first answer. */
  #cursor: number | null = null;
  /** Changes after the cursor already applied (read, or pushed by the webhook). */
  readonly #applied = new Set<number>();
  /** Numbers after the cursor not seen yet, with when they were first missed. */
  readonly #missingSince = new Map<number, number>();
  readonly #gapWaitMs: number;

  constructor(gapWaitMs = GAP_WAIT_MS) {
    this.#gapWaitMs = gapWaitMs;
  }

  /** What to ask the CMS for next: the changes after this (null: only the head). */
  get position(): number | null {
    return this.#cursor;
  }

  /** A change the webhook pushed (and that is being applied): a later read will not apply it again. */
  pushed(seq: number): void {
    if (this.#cursor === null || seq > this.#cursor) this.#applied.add(seq);
  }

  /** What to do with one answer of the CMS, read at `now`; advances the cursor. */
  step(page: ChangesPage, now: number): CursorStep {
    const cursor = this.#cursor;
    const pruned = cursor !== null && page.oldest !== null && page.oldest > cursor + 1;
    // Gone backwards: numbers pushed before are of the old database and mean nothing now.
    if (cursor !== null && page.head < cursor) this.#applied.clear();
    if (cursor === null || page.head < cursor || pruned) return this.#reset(page.head);

    const apply = page.changes.filter((change) => change.seq > cursor && !this.#applied.has(change.seq));
    for (const change of apply) this.#applied.add(change.seq);
    const listed = page.changes.map((change) => change.seq);
    // Past the last listed change, numbers up to the head are holes only when nothing more is to come.
    const upper = page.more ? Math.max(cursor, ...listed) : Math.max(page.head, ...listed);
    if (upper - cursor > MAX_GAP_SCAN && !page.more) return { ...this.#reset(page.head), apply: [] };
    this.#advance(upper, now);
    return { reset: false, apply };
  }

  #reset(head: number): CursorStep {
    this.#cursor = head;
    for (const seq of this.#applied) if (seq <= head) this.#applied.delete(seq);
    this.#missingSince.clear();
    return { reset: true, apply: [] };
  }

  #advance(upper: number, now: number): void {
    const start = this.#cursor ?? 0;
    // Every hole up to the last known number is timed from when it was first missed, not from when the
    // cursor reaches it: a row of holes is passed after one wait, not one wait each.
    for (let seq = start + 1; seq <= upper; seq++) {
      if (!this.#applied.has(seq) && !this.#missingSince.has(seq)) this.#missingSince.set(seq, now);
    }
    let cursor = start;
    while (cursor < upper) {
      const next = cursor + 1;
      if (this.#applied.delete(next)) {
        this.#missingSince.delete(next);
      } else {
        const since = this.#missingSince.get(next) ?? now;
        if (now - since < this.#gapWaitMs) break;
        this.#missingSince.delete(next);
      }
      cursor = next;
    }
    this.#cursor = cursor;
  }
}
