import * as z from "zod";
import { procedureCodeSchema } from "../catalogue/index.ts";
import { lazySchema } from "../lazy-schema.ts";
import { type Dossier, dossierKey, dossierStatusSchema, phoneLast4 } from "./model.ts";

/**
 * Optional lookup in the provincial tracking system (DOSSIER_UPSTREAM_URL with a {code} placeholder) when a code is
 * not in our store: a timeout per try, a few retries with exponential backoff, a circuit breaker that stops calling a
 * failing upstream for a while, and a small cache (found and not-found answers). Garbage answers count as failures.
 *
 * Expected answer: 200 with JSON { dossierCode, procedureCode, status, updatedAt, applicantName?, phone?, receivedAt?,
 * dueAt?, note? } (status as in the ingest API), or 404 when the code is unknown.
 */
const upstreamSchema = lazySchema(() =>
  z.object({
    dossierCode: z.string().min(1),
    procedureCode: procedureCodeSchema,
    status: dossierStatusSchema,
    updatedAt: z.string().refine((v) => !Number.isNaN(Date.parse(v))),
    applicantName: z.string().optional(),
    phone: z.string().optional(),
    receivedAt: z.string().optional(),
    dueAt: z.string().optional(),
    note: z.string().optional(),
  }),
);

export class UpstreamUnavailable extends Error {
  override name = "UpstreamUnavailable";
}

export interface UpstreamOptions {
  urlTemplate: string;
  fetch?: typeof fetch;
  timeoutMs?: number;
  retries?: number;
  backoffMs?: number;
  /** Consecutive failures that open the breaker, and how long it stays open. */
  breakerFailures?: number;
  breakerCoolDownMs?: number;
  cacheTtlMs?: number;
  notFoundTtlMs?: number;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
}

export class UpstreamLookup {
  private readonly o: Required<Omit<UpstreamOptions, "fetch">> & { fetch: typeof fetch };
  private failures = 0;
  private openUntil = 0;
  private readonly cache = new Map<string, { value: Dossier | null; until: number }>();
  /** How many HTTP requests were made (for tests and logs). */
  requests = 0;

  constructor(options: UpstreamOptions) {
    this.o = {
      fetch: options.fetch ?? fetch,
      timeoutMs: 2500,
      retries: 2,
      backoffMs: 200,
      breakerFailures: 5,
      breakerCoolDownMs: 30_000,
      cacheTtlMs: 60_000,
      notFoundTtlMs: 30_000,
      now: () => Date.now(),
      sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
      ...options,
    };
  }

  get breakerOpen(): boolean {
    return this.o.now() < this.openUntil;
  }

  async find(code: string): Promise<Dossier | null> {
    const key = dossierKey(code);
    const cached = this.cache.get(key);
    if (cached && cached.until > this.o.now()) return cached.value;
    if (this.breakerOpen) throw new UpstreamUnavailable("upstream circuit open");
    let lastError = "unknown";
    for (let attempt = 0; attempt <= this.o.retries; attempt++) {
      if (attempt > 0) await this.o.sleep(this.o.backoffMs * 2 ** (attempt - 1));
      try {
        const value = await this.once(code, key);
        this.failures = 0;
        this.remember(key, value);
        return value;
      } catch (error) {
        lastError = error instanceof Error ? error.message : String(error);
      }
    }
    this.failures++;
    if (this.failures >= this.o.breakerFailures) {
      this.openUntil = this.o.now() + this.o.breakerCoolDownMs;
      this.failures = 0;
    }
    throw new UpstreamUnavailable(lastError);
  }

  private remember(key: string, value: Dossier | null) {
    if (this.cache.size > 10_000) this.cache.clear();
    this.cache.set(key, { value, until: this.o.now() + (value ? this.o.cacheTtlMs : this.o.notFoundTtlMs) });
  }

  private async once(code: string, key: string): Promise<Dossier | null> {
    this.requests++;
    const url = this.o.urlTemplate.replace("{code}", encodeURIComponent(code.trim()));
    const res = await this.o.fetch(url, {
      headers: { accept: "application/json" },
      signal: AbortSignal.timeout(this.o.timeoutMs),
    });
    if (res.status === 404) return null;
    if (!res.ok) throw new Error(`upstream HTTP ${res.status}`);
    const parsed = upstreamSchema.safeParse(await res.json().catch(() => null));
    if (!parsed.success) throw new Error("upstream answer is not the expected JSON");
    const d = parsed.data;
    const iso = (v: string | undefined) =>
      v && !Number.isNaN(Date.parse(v)) ? new Date(v).toISOString() : null;
    return {
      codeKey: key,
      code: d.dossierCode,
      procedureCode: d.procedureCode,
      applicantName: d.applicantName ?? null,
      phoneLast4: phoneLast4(d.phone),
      receivedAt: iso(d.receivedAt),
      dueAt: iso(d.dueAt),
      status: d.status,
      statusAt: new Date(d.updatedAt).toISOString(),
      note: d.note ?? null,
      history: [],
    };
  }
}
