/**
 * Fixed-window counters against guessing dossier codes, in KV so every isolate and location counts together: one
 * key per window (`ratelimit:<key>:<window start>`), expiring with it. KV has no atomic increment, so two attempts
 * at the same instant in two isolates may count once; a limit of 10 stays a limit of about 10, which is what
 * enumeration protection needs (an exact counter would take a Durable Object per key).
 */
import type { RateLimiter } from "../dossiers/rate-limit.ts";
import type { KVNamespace } from "./types.ts";

export class KvRateLimiter implements RateLimiter {
  constructor(private readonly kv: KVNamespace) {}

  private name(key: string, windowMs: number, now: number) {
    return `ratelimit:${key}:${Math.floor(now / windowMs) * windowMs}`;
  }

  async count(key: string, windowMs: number, now: number): Promise<number> {
    return Number((await this.kv.get(this.name(key, windowMs, now))) ?? 0);
  }

  async take(key: string, limit: number, windowMs: number, now: number): Promise<boolean> {
    const name = this.name(key, windowMs, now);
    const count = Number((await this.kv.get(name)) ?? 0) + 1;
    // Past the limit nothing more is written (a flood costs reads, not writes); KV refuses TTLs under a minute.
    if (count <= limit + 1)
      await this.kv.put(name, String(count), {
        expirationTtl: Math.max(60, Math.ceil((2 * windowMs) / 1000)),
      });
    return count <= limit;
  }
}
