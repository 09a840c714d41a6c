/**
 * Spreads costly requests (webhook updates, web chat questions) over the event loop's turns. Node reads every
 * request that is ready in one poll phase and runs each handler up to its first real wait: under 200 concurrent
 * webhook posts that is a few hundred acknowledgements, and their inbox commit and responses, in one turn of tens of
 * milliseconds, during which nothing else (a health probe, an answer's slice, a timer) runs. Through `pace()`, a turn
 * admits requests for at most `budgetMs`; the rest wait in arrival order and are let through `budgetMs` at a time on
 * the following turns, with the I/O that became ready in between. The Node wing makes one (src/node/server.ts);
 * Workers run without (the platform spreads requests over isolates and bills each one's CPU: holding a request back
 * would only make it later), and where there is no setImmediate everything passes at once.
 */
export interface Pacer {
  /** Resolves when this request may go on: at once while this turn's budget lasts, else on a later turn. */
  pace(): Promise<void> | undefined;
  /** Requests waiting for a later turn. */
  readonly waiting: number;
}

/** A macrotask queued from inside a setImmediate callback runs on the loop's next iteration, after its I/O. */
type Immediate = (run: () => void) => void;

export function createPacer(
  budgetMs = 4,
  now: () => number = () => performance.now(),
  immediate: Immediate | null = typeof setImmediate === "function" ? (run) => setImmediate(run) : null,
): Pacer {
  const queue: (() => void)[] = [];
  /** When this turn's first request was admitted; null once the turn ended (its check phase ran). */
  let turnStart: number | null = null;
  let draining = false;

  // Runs on its own turn: lets waiting requests through until the budget is spent, each one's synchronous part
  // (up to its next wait) measured after its microtasks ran, then leaves the rest to the next turn.
  const drain = () => {
    const started = now();
    const step = () => {
      queue.shift()?.();
      queueMicrotask(() =>
        after(() => {
          if (queue.length === 0) {
            draining = false;
            return;
          }
          if (now() - started < budgetMs) step();
          else immediate?.(drain);
        }),
      );
    };
    step();
  };
  // After the microtasks queued so far and those they queue (Node: a tick queued from a microtask runs once the
  // microtask queue is empty).
  const tick = (globalThis as { process?: { nextTick?: (run: () => void) => void } }).process?.nextTick;
  const after = (run: () => void) => (tick ? tick(run) : run());

  return {
    get waiting() {
      return queue.length;
    },
    pace() {
      if (!immediate) return undefined;
      const t = now();
      if (queue.length === 0) {
        if (turnStart === null) {
          turnStart = t;
          // This turn's check phase: the next turn starts a new budget.
          immediate(() => {
            turnStart = null;
          });
        }
        if (t - turnStart < budgetMs) return undefined;
      }
      return new Promise<void>((resolve) => {
        queue.push(resolve);
        if (draining) return;
        draining = true;
        // Queued from this turn, it runs in this turn's check phase and queues the drain for the next turn.
        immediate(() => immediate(drain));
      });
    },
  };
}
