/**
 * At most a few CMS calls at a time. A burst of uncached pages (a crawler, a link shared in the parents'
 * groups) then waits its turn instead of piling up on the CMS until every call times out; the timeout
 * of a call starts when it is sent, not while it waits.
 */

export class QueueFull extends Error {}
export class QueueWaitedTooLong extends Error {}

export class Gate {
  #running = 0;
  readonly #waiting: { start: () => void; timer: NodeJS.Timeout }[] = [];

  readonly limit: number;
  readonly maxWaiting: number;
  readonly maxWaitMs: number;

  constructor(limit: number, maxWaiting: number, maxWaitMs: number) {
    this.limit = limit;
    this.maxWaiting = maxWaiting;
    this.maxWaitMs = maxWaitMs;
  }

  get running(): number {
    return this.#running;
  }

  get waiting(): number {
    return this.#waiting.length;
  }

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.#running >= this.limit) await this.#turn();
    else this.#running++;
    try {
      return await task();
    } finally {
      this.#release();
    }
  }

  #turn(): Promise<void> {
    if (this.#waiting.length >= this.maxWaiting) return Promise.reject(new QueueFull());
    return new Promise((resolve, reject) => {
      const ticket = {
        start: () => {
          clearTimeout(ticket.timer);
          resolve();
        },
        timer: setTimeout(() => {
          const at = this.#waiting.indexOf(ticket);
          if (at !== -1) this.#waiting.splice(at, 1);
          reject(new QueueWaitedTooLong());
        }, this.maxWaitMs),
      };
      this.#waiting.push(ticket);
    });
  }

  #release(): void {
    const next = this.#waiting.shift();
    // The slot passes straight to the next caller: `running` stays the same.
    if (next) next.start();
    else this.#running--;
  }
}

function positive(value: string | undefined, fallback: number): number {
  const n = Number(value);
  return Number.isInteger(n) && n > 0 ? n : fallback;
}

let gate: Gate | null = null;

/** The process's gate to the CMS, sized by CMS_CONCURRENCY (6) and CMS_QUEUE_LIMIT (1000). */
export function cmsGate(timeoutMs: number): Gate {
  gate ??= new Gate(positive(process.env.CMS_CONCURRENCY, 6), positive(process.env.CMS_QUEUE_LIMIT, 1000), Math.max(30_000, 3 * timeoutMs));
  return gate;
}
