/**
 * Fixed-window counters against enumeration: a chat or a source cannot try many codes, and a code cannot be
 * guessed from many chats. In memory per process on Node; in KV on Workers (src/workers/), whose answers are
 * asynchronous, so the port allows both.
 */
export interface RateLimiter {
  /** Counts one attempt; false when the key is over its limit in the current window. */
  take(key: string, limit: number, windowMs: number, now: number): boolean | Promise<boolean>;
  /** Attempts counted for the key in its current window (0 when none), without counting one. */
  count(key: string, windowMs: number, now: number): number | Promise<number>;
}

export class MemoryRateLimiter implements RateLimiter {
  private readonly windows = new Map<string, { start: number; count: number; windowMs: number }>();

  constructor(private readonly maxKeys = 50_000) {}

  take(key: string, limit: number, windowMs: number, now: number): boolean {
    const w = this.windows.get(key);
    if (!w || now - w.start >= windowMs) {
      this.windows.set(key, { start: now, count: 1, windowMs });
      if (this.windows.size > this.maxKeys) this.sweep(now);
      return true;
    }
    w.count++;
    return w.count <= limit;
  }

  count(key: string, windowMs: number, now: number): number {
    const w = this.windows.get(key);
    return !w || now - w.start >= windowMs ? 0 : w.count;
  }

  get size(): number {
    return this.windows.size;
  }

  /** Each entry expires by its own window (a 10-minute key never shortens a one-hour one). */
  private sweep(now: number) {
    for (const [k, w] of this.windows) if (now - w.start >= w.windowMs) this.windows.delete(k);
  }
}
