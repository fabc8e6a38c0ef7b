/**
 * Whether a process's caches may be behind the CMS because the process itself stood still (SIGSTOP, a
 * frozen virtual machine, an event loop blocked by something long): its read of the change sequence
 * (site-changes.ts) is overdue by more than `lateMs`, or the read that began late has not finished yet.
 *
 * A CMS that is slow or down leaves the reads on time (they wait, or fail, and the next is scheduled), so
 * it never makes the caches look behind: the page cache keeps serving then, which is its point.
 */
export class FeedClock {
  /** When the next read is due; +∞ while one is under way or before the first. */
  private due = Number.POSITIVE_INFINITY;
  private catchingUp = false;
  private readonly lateMs: number;

  constructor(lateMs: number) {
    this.lateMs = lateMs;
  }

  /** A read begins now. */
  begin(now: number): void {
    if (now > this.due + this.lateMs) this.catchingUp = true;
    this.due = Number.POSITIVE_INFINITY;
  }

  /** The read ended (answered or failed); the next is due at `nextAt`. */
  end(nextAt: number): void {
    this.catchingUp = false;
    this.due = nextAt;
  }

  behind(now: number): boolean {
    return this.catchingUp || now > this.due + this.lateMs;
  }
}

/**
 * A second late: far beyond a timer's usual lateness on a busy machine, well under what a stopped process
 * is felt as (the site-processes test stops one with SIGSTOP across a publish).
 */
const LATE_MS = 1_000;
const CLOCK = Symbol.for('portal.change-feed.clock');

/**
 * The process's one clock. On globalThis, like the page store: src/server.ts (run by Node as it is) and
 * the built Astro bundle each load this module.
 */
export function feedClock(): FeedClock {
  const holder = globalThis as { [CLOCK]?: FeedClock };
  holder[CLOCK] ??= new FeedClock(LATE_MS);
  return holder[CLOCK];
}

/**
 * True while this process may hold pages the CMS has changed since because it stood still: on resuming,
 * its first requests are handled before its overdue read of the changes, and served from the cache they
 * would show what was withdrawn or replaced meanwhile. Those requests are rendered instead until the read
 * has answered (http-cache/front.ts and provider.ts).
 */
export function cachesMayBeBehind(now = Date.now()): boolean {
  return feedClock().behind(now);
}
