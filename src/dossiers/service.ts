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

/**
 * Limits against guessing: per chat and per source (an address or an account, so a new web sessionId does not
 * reset it), and wrong guesses per code across everyone. Once a code has had too many wrong guesses, only a source
 * that has not guessed it wrong yet may still try, so others' guesses do not lock the owner out.
 */
export const LOOKUP_LIMITS = {
  perChat: { limit: 10, windowMs: 10 * 60_000 },
  perSource: { limit: 30, windowMs: 60 * 60_000 },
  perCode: { limit: 20, windowMs: 60 * 60_000 },
};

/**
 * Looks a dossier up safely: rate-limited, and the same answers whether a code exists or not: without phone digits,
 * an unknown code and a code that needs them both ask for them; with digits, an unknown code and wrong digits
 * both say "not found".
 */
export class DossierService {
  constructor(
    readonly store: DossierStore,
    private readonly catalogue: Catalogue,
    private readonly limiter: RateLimiter = new MemoryRateLimiter(),
    /** The provincial tracking system, asked when a code is not in our store (optional). */
    private readonly upstream: UpstreamLookup | null = null,
  ) {}

  async lookup(
    code: string,
    phoneDigits: string | null,
    chatKey: string,
    now: Date,
    /** Who asks, beyond the chat: the client address for the web API, the account on Telegram and Zalo. */
    source?: string | null,
  ): Promise<LookupResult> {
    const key = dossierKey(code);
    const shown = canonicalDossierCode(code);
    const from = source ?? chatKey;
    const t = now.getTime();
    const { perChat, perSource, perCode } = LOOKUP_LIMITS;
    if (!(await this.limiter.take(`chat:${chatKey}`, perChat.limit, perChat.windowMs, t)))
      return { kind: "rate_limited" };
    if (!(await this.limiter.take(`source:${from}`, perSource.limit, perSource.windowMs, t)))
      return { kind: "rate_limited" };
    const guessed = (await this.limiter.count(`wrong:${key}`, perCode.windowMs, t)) >= perCode.limit;
    if (guessed && (await this.limiter.count(`wrong:${key}:${from}`, perCode.windowMs, t)) > 0)
      return { kind: "rate_limited" };
    const wrong = async (): Promise<LookupResult> => {
      await this.limiter.take(`wrong:${key}`, perCode.limit, perCode.windowMs, t);
      await this.limiter.take(`wrong:${key}:${from}`, perCode.limit, perCode.windowMs, t);
      return { kind: "not_found" };
    };
    let dossier = await this.store.get(key);
    if (!dossier && this.upstream) {
      try {
        dossier = await this.upstream.find(shown);
      } catch (error) {
        if (error instanceof UpstreamUnavailable) return { kind: "unavailable" };
        throw error;
      }
    }
    if (!dossier) return phoneDigits ? wrong() : { kind: "need_phone", code: shown };
    if (dossier.phoneLast4) {
      if (!phoneDigits) return { kind: "need_phone", code: shown };
      // A wrong second factor looks exactly like an unknown code.
      if (phoneDigits !== dossier.phoneLast4) return wrong();
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
