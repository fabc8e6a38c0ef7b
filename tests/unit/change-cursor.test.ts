import type { ChangesPage, SequencedChange } from '@portal/common/site-changes';
import { describe, expect, it } from 'vitest';
import { ChangeCursor } from '../../site/src/lib/change-cursor.ts';
import { siteProcessCount } from '../../site/src/lib/processes.ts';
import { pollMs } from '../../site/src/lib/site-changes.ts';

const change = (seq: number): SequencedChange => ({ seq, tags: ['article', `doc:doc${String(seq).padStart(8, '0')}`], files: [] });
const page = (head: number, seqs: number[], oldest: number | null = head ? 1 : null, more = false): ChangesPage => ({
  head,
  oldest,
  changes: seqs.map(change),
  more,
});
const seqs = (step: { apply: SequencedChange[] }) => step.apply.map((c) => c.seq);

/** A cursor that has had its first answer (a reset) at `head`. */
function startedAt(head: number, gapWaitMs = 10_000): ChangeCursor {
  const cursor = new ChangeCursor(gapWaitMs);
  expect(cursor.step(page(head, []), 0).reset).toBe(true);
  return cursor;
}

describe('the change cursor of a site process', () => {
  it('starts at the head with a reset, then applies each later change once', () => {
    const cursor = new ChangeCursor();
    expect(cursor.position).toBeNull();
    expect(cursor.step(page(7, [], 1), 0)).toEqual({ reset: true, apply: [] });
    expect(cursor.position).toBe(7);
    expect(seqs(cursor.step(page(9, [8, 9], 1), 10))).toEqual([8, 9]);
    expect(cursor.position).toBe(9);
    expect(cursor.step(page(9, [], 1), 20)).toEqual({ reset: false, apply: [] });
  });

  it('does not apply again a change the webhook already pushed', () => {
    const cursor = startedAt(3);
    cursor.pushed(4);
    expect(seqs(cursor.step(page(5, [4, 5]), 10))).toEqual([5]);
    expect(cursor.position).toBe(5);
    // A late retry of an old delivery changes nothing in the bookkeeping.
    cursor.pushed(2);
    expect(seqs(cursor.step(page(6, [6]), 20))).toEqual([6]);
  });

  it('keeps a pushed change that arrived before the first answer only when it is newer than the head', () => {
    const cursor = new ChangeCursor();
    cursor.pushed(5);
    cursor.pushed(12);
    expect(cursor.step(page(10, []), 0).reset).toBe(true);
    expect(seqs(cursor.step(page(12, [11, 12]), 10))).toEqual([11]);
    expect(cursor.position).toBe(12);
  });

  it('applies changes after a hole at once, but keeps its cursor before the hole until it is filled', () => {
    const cursor = startedAt(10);
    expect(seqs(cursor.step(page(13, [11, 13]), 1_000))).toEqual([11, 13]);
    expect(cursor.position).toBe(11);
    // The late insert commits: applied, and the cursor passes everything.
    expect(seqs(cursor.step(page(13, [12, 13]), 2_000))).toEqual([12]);
    expect(cursor.position).toBe(13);
  });

  it('passes a hole that stays empty longer than the wait, once for a whole row of holes', () => {
    const cursor = startedAt(10, 5_000);
    cursor.step(page(15, [11, 15]), 1_000);
    expect(cursor.position).toBe(11);
    cursor.step(page(15, [15]), 5_999);
    expect(cursor.position).toBe(11);
    expect(cursor.step(page(16, [15, 16]), 6_000)).toEqual({ reset: false, apply: [change(16)] });
    expect(cursor.position).toBe(16);
  });

  it('treats numbers past the last listed change as unread, not as holes, when the CMS says more follow', () => {
    const cursor = startedAt(0, 1_000);
    expect(seqs(cursor.step(page(300, [1, 2, 3], 1, true), 0))).toEqual([1, 2, 3]);
    expect(cursor.position).toBe(3);
    // Much later: nothing up to the head was waited for as a hole.
    expect(seqs(cursor.step(page(300, [4, 300], 1), 60_000))).toEqual([4, 300]);
    expect(cursor.position).toBe(4);
  });

  it('starts over when the changes it missed were pruned', () => {
    const cursor = startedAt(10);
    expect(cursor.step(page(500, [400, 500], 400), 10)).toEqual({ reset: true, apply: [] });
    expect(cursor.position).toBe(500);
  });

  it('starts over when the sequence went backwards (a database restored from a backup)', () => {
    const cursor = startedAt(50);
    cursor.pushed(60);
    expect(cursor.step(page(20, [], 1), 10).reset).toBe(true);
    expect(cursor.position).toBe(20);
    expect(seqs(cursor.step(page(21, [21], 1), 20))).toEqual([21]);
  });

  it('starts over instead of waiting on a hole of many thousand numbers', () => {
    const cursor = startedAt(10);
    expect(cursor.step(page(50_000, [50_000], 11), 10).reset).toBe(true);
    expect(cursor.position).toBe(50_000);
  });
});

describe('site process settings', () => {
  it('reads SITE_PROCESSES as a whole number from 1 to 64, one when unset', () => {
    expect(siteProcessCount({})).toBe(1);
    expect(siteProcessCount({ SITE_PROCESSES: '4' })).toBe(4);
    for (const bad of ['0', '-1', '2.5', 'hai', '65']) expect(() => siteProcessCount({ SITE_PROCESSES: bad })).toThrow(/SITE_PROCESSES không hợp lệ/);
  });

  it('polls the change sequence every 500 ms unless told otherwise, within 100 ms and a minute', () => {
    expect(pollMs({})).toBe(500);
    expect(pollMs({ SITE_CHANGES_POLL_MS: '250' })).toBe(250);
    expect(pollMs({ SITE_CHANGES_POLL_MS: '5' })).toBe(100);
    expect(pollMs({ SITE_CHANGES_POLL_MS: 'abc' })).toBe(500);
    expect(pollMs({ SITE_CHANGES_POLL_MS: '999999' })).toBe(60_000);
  });
});
