import type { Language } from "../catalogue/index.ts";
import type { Dossier, DossierEvent, DossierStatus } from "./model.ts";

/** What an ingest batch did: applied events, events already seen (same eventId), and nothing else. */
export interface IngestResult {
  accepted: number;
  duplicates: number;
  /** Status changes that moved a dossier forward (older events only enter its history). */
  changed: number;
}

export interface PushJob {
  id: number;
  eventId: string;
  chatKey: string;
  codeKey: string;
  lang: Language;
  attempts: number;
}

/**
 * Where dossiers live: SQLite on Node; D1 on Workers (same SQL, applied from migrations/). Ingest is atomic per
 * batch, idempotent by eventId and order-safe by occurredAt; a status change queues one push per subscribed chat.
 */
export interface DossierStore {
  ingest(events: DossierEvent[], now: Date): Promise<IngestResult>;
  get(codeKey: string): Promise<Dossier | null>;
  subscribe(codeKey: string, chatKey: string, lang: Language, now: Date): Promise<void>;
  unsubscribe(codeKey: string, chatKey: string): Promise<boolean>;
  isSubscribed(codeKey: string, chatKey: string): Promise<boolean>;
  /** Pushes due now, oldest first. */
  duePushes(now: Date, limit: number): Promise<PushJob[]>;
  markPushed(id: number, now: Date): Promise<void>;
  markPushFailed(id: number, error: string, retryAt: Date): Promise<void>;
  counts(): Promise<{ dossiers: number; events: number; pendingPushes: number }>;
}

export type { DossierStatus };
