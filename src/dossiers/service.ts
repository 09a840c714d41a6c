import type { Catalogue } from "../catalogue/index.ts";
import { addWorkingDays } from "./calendar.ts";
import { canonicalDossierCode, type Dossier, dossierKey, FINISHED } from "./model.ts";
import { MemoryRateLimiter, type RateLimiter } from "./rate-limit.ts";
import type { DossierStore } from "./store.ts";
import { type UpstreamLookup, UpstreamUnavailable } from "./upstream.ts";

export type LookupResult =
  | { kind: "rate_limited" }
  | { kind: "unavailable" }
  | { kind: "not_found" }
  | { kind: "need_phone"; code: string }
  | { kind: "found"; dossier: Dossier; due: Date | null; dueFromDays: number | null; overdue: boolean };

/** Limits against guessing codes: per chat, and per code across chats. */
export const LOOKUP_LIMITS = {
  perChat: { limit: 10, windowMs: 10 * 60_000 },
  perCode: { limit: 20, windowMs: 60 * 60_000 },
};

/** Looks a dossier up safely: rate-limited, the same answer for a wrong code as for a near miss, optional 2nd factor. */
export class DossierService {
  constructor(
    readonly store: DossierStore,
    private readonly catalogue: Catalogue,
    private readonly limiter: RateLimiter = new MemoryRateLimiter(),
    /** The provincial tracking system, asked when a code is not in our store (optional). */
    private readonly upstream: UpstreamLookup | null = null,
  ) {}

  async lookup(code: string, phoneDigits: string | null, chatKey: string, now: Date): Promise<LookupResult> {
    const key = dossierKey(code);
    const t = now.getTime();
    const { perChat, perCode } = LOOKUP_LIMITS;
    if (!this.limiter.take(`chat:${chatKey}`, perChat.limit, perChat.windowMs, t))
      return { kind: "rate_limited" };
    if (!this.limiter.take(`code:${key}`, perCode.limit, perCode.windowMs, t))
      return { kind: "rate_limited" };
    let dossier = await this.store.get(key);
    if (!dossier && this.upstream) {
      try {
        dossier = await this.upstream.find(canonicalDossierCode(code));
      } catch (error) {
        if (error instanceof UpstreamUnavailable) return { kind: "unavailable" };
        throw error;
      }
    }
    if (!dossier) return { kind: "not_found" };
    if (dossier.phoneLast4) {
      if (!phoneDigits) return { kind: "need_phone", code: dossier.code };
      // A wrong second factor looks exactly like an unknown code.
      if (phoneDigits !== dossier.phoneLast4) return { kind: "not_found" };
    }
    return { kind: "found", dossier, ...(await this.dueOf(dossier, now)) };
  }

  /** The due date: the one-stop system's own, else the procedure's time in working days from reception. */
  async dueOf(
    dossier: Dossier,
    now: Date,
  ): Promise<{ due: Date | null; dueFromDays: number | null; overdue: boolean }> {
    let due = dossier.dueAt ? new Date(dossier.dueAt) : null;
    let dueFromDays: number | null = null;
    if (!due && dossier.receivedAt) {
      const procedure = await this.catalogue.procedure(dossier.procedureCode);
      const days = procedure?.record.channels
        .map((c) => (c.time.unit === "working_day" ? c.time.value : null))
        .find((v): v is number => v !== null && v > 0);
      if (days) {
        due = addWorkingDays(new Date(dossier.receivedAt), days);
        dueFromDays = days;
      }
    }
    const overdue = due !== null && !FINISHED.has(dossier.status) && now.getTime() > due.getTime();
    return { due, dueFromDays, overdue };
  }
}
