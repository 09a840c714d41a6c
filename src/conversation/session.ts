import * as z from "zod";
import { languageSchema, procedureCodeSchema } from "../catalogue/index.ts";
import { lazySchema } from "../lazy-schema.ts";

/** What the bot remembers per chat: the language and what it showed last (for "1", "2" and follow-ups). */
export const sessionSchema = lazySchema(() =>
  z.object({
    lang: languageSchema.nullable(),
    lastResults: z.array(procedureCodeSchema),
    lastCode: procedureCodeSchema.nullable(),
    /** Dossiers this chat has looked up successfully (with the second factor where asked): only these can be followed. */
    dossiers: z.array(z.string()).max(20).default([]),
    /** The last procedure request, for feedback and handoffs (never a dossier code: those are not stored here). */
    lastQuery: z.string().max(300).nullable().default(null),
    /** A dossier code waiting for the last 4 phone digits (the next message may be just "4321"). */
    pendingDossier: z.string().max(64).nullable().default(null),
    /** The query log entry of the last list shown: opening one of its results marks it chosen (not abandoned). */
    lastQueryId: z.number().int().nullable().optional(),
  }),
);
export type Session = z.infer<typeof sessionSchema>;

export const emptySession = (): Session => ({
  lang: null,
  lastResults: [],
  lastCode: null,
  dossiers: [],
  lastQuery: null,
  pendingDossier: null,
  lastQueryId: null,
});

export interface SessionStore {
  get(chatKey: string): Promise<Session | null>;
  set(chatKey: string, session: Session): Promise<void>;
  /** Records an update as handled; false when it was already (a retried webhook delivery). */
  claimUpdate(updateKey: string): Promise<boolean>;
  /** Deletes sessions idle past their time to live and update claims past their retention; how many went. */
  sweep?(now: Date): Promise<{ sessions: number; updates: number }>;
}

/** How long an idle chat's session is kept, and how long an update's claim guards against redelivery. */
export const SESSION_TTL_MS = 30 * 24 * 3600_000;
export const UPDATE_RETENTION_MS = 48 * 3600_000;

/** For tests and single-process runs without a database. */
export class MemorySessionStore implements SessionStore {
  private readonly sessions = new Map<string, Session>();
  private readonly touched = new Map<string, number>();
  private readonly updates = new Map<string, number>();

  constructor(
    private readonly maxUpdates = 10_000,
    private readonly ttlMs = SESSION_TTL_MS,
  ) {}

  async get(chatKey: string): Promise<Session | null> {
    const s = this.sessions.get(chatKey);
    return s ? structuredClone(s) : null;
  }

  async set(chatKey: string, session: Session): Promise<void> {
    this.sessions.set(chatKey, structuredClone(session));
    this.touched.set(chatKey, Date.now());
  }

  async sweep(now: Date): Promise<{ sessions: number; updates: number }> {
    let sessions = 0;
    for (const [key, at] of this.touched) {
      if (now.getTime() - at <= this.ttlMs) continue;
      this.touched.delete(key);
      this.sessions.delete(key);
      sessions++;
    }
    let updates = 0;
    for (const [key, at] of this.updates) {
      if (now.getTime() - at <= UPDATE_RETENTION_MS) continue;
      this.updates.delete(key);
      updates++;
    }
    return { sessions, updates };
  }

  async claimUpdate(updateKey: string): Promise<boolean> {
    if (this.updates.has(updateKey)) return false;
    this.updates.set(updateKey, Date.now());
    if (this.updates.size > this.maxUpdates) {
      const oldest = this.updates.keys().next().value;
      if (oldest !== undefined) this.updates.delete(oldest);
    }
    return true;
  }
}
