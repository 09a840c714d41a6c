/**
 * Fixed-window counters against enumeration: a chat cannot try many codes, and a code cannot be tried from many
 * chats. In memory per process; the Workers issue can back it with KV.
 */
export interface RateLimiter {
  /** Counts one attempt; false when the key is over its limit in the current window. */
  take(key: string, limit: number, windowMs: number, now: number): boolean;
}

export class MemoryRateLimiter implements RateLimiter {
  private readonly windows = new Map<string, { start: number; count: number }>();

  take(key: string, limit: number, windowMs: number, now: number): boolean {
    const w = this.windows.get(key);
    if (!w || now - w.start >= windowMs) {
      this.windows.set(key, { start: now, count: 1 });
      if (this.windows.size > 50_000) this.sweep(now, windowMs);
      return true;
    }
    w.count++;
    return w.count <= limit;
  }

  private sweep(now: number, windowMs: number) {
    for (const [k, w] of this.windows) if (now - w.start >= windowMs) this.windows.delete(k);
  }
}
