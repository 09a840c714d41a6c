/**
 * Dossiers in D1. D1 has no interactive transactions, so an ingest cannot read between its writes as the SQLite
 * store on Node does; instead the whole batch goes in as one JSON parameter and six set-based statements run in one
 * D1 batch (atomic: all or nothing). They give the same result as applying the events one by one:
 *   - an event already stored (same eventId) changes nothing;
 *   - the first new event of an unknown dossier creates it; facts (name, phone digits, dates) that arrive with
 *     any new event fill gaps, the last one given winning;
 *   - the status moves only forward in time, and each new event that moved it queues one push per subscribed chat.
 * "New" means stored by this batch: its row carries this batch's ingestion time. The statement count does not grow
 * with the batch, so a 5,000-event batch stays within D1's per-invocation query limit.
 */
import type { Language } from "../catalogue/index.ts";
import {
  type Dossier,
  type DossierEvent,
  type DossierStatus,
  dossierKey,
  phoneLast4,
} from "../dossiers/model.ts";
import type { DossierStore, IngestResult, PushJob } from "../dossiers/store.ts";
import type { D1Database } from "./types.ts";

/**
 * The batch as rows (?1 is a JSON array of arrays, ?2 this batch's time), and the new events among them with the
 * latest status time each had to beat: the dossier's own, or that of an earlier new event of the same dossier.
 */
const BATCH = `
  batch AS (
    SELECT CAST(j.key AS INTEGER) AS i, j.value ->> 0 AS event_id, j.value ->> 1 AS code_key, j.value ->> 2 AS code,
           j.value ->> 3 AS procedure_code, j.value ->> 4 AS applicant_name, j.value ->> 5 AS phone_last4,
           j.value ->> 6 AS received_at, j.value ->> 7 AS due_at, j.value ->> 8 AS status,
           j.value ->> 9 AS occurred_at, j.value ->> 10 AS note
    FROM json_each(?1) AS j),
  fresh AS (
    SELECT b.* FROM batch b JOIN dossier_events e ON e.event_id = b.event_id AND e.ingested_at = ?2),
  paced AS (
    SELECT f.*, d.status_at AS stored_at,
           MAX(f.occurred_at) OVER (PARTITION BY f.code_key ORDER BY f.i
                                    ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS earlier_at
    FROM fresh f LEFT JOIN dossiers d ON d.code_key = f.code_key),
  moved AS (
    SELECT * FROM paced
    WHERE (stored_at IS NOT NULL OR earlier_at IS NOT NULL)
      AND occurred_at > MAX(COALESCE(stored_at, ''), COALESCE(earlier_at, '')))`;

/** The last value a new event of the dossier gave for a fact (null when none did). */
const lastGiven = (column: string) =>
  `(SELECT f.${column} FROM fresh f WHERE f.code_key = dossiers.code_key AND f.${column} IS NOT NULL
    ORDER BY f.i DESC LIMIT 1)`;

interface DossierRow {
  code: string;
  procedure_code: string;
  applicant_name: string | null;
  phone_last4: string | null;
  received_at: string | null;
  due_at: string | null;
  status: string;
  status_at: string;
  note: string | null;
}

export class D1DossierStore implements DossierStore {
  constructor(private readonly db: D1Database) {}

  async ingest(events: DossierEvent[], now: Date): Promise<IngestResult> {
    const at = now.toISOString();
    // An eventId given twice in one batch counts once, as it would one event after the other.
    const seen = new Set<string>();
    const unique = events.filter((e) => !seen.has(e.eventId) && seen.add(e.eventId));
    if (unique.length === 0) return { accepted: 0, duplicates: events.length, changed: 0 };
    const rows = JSON.stringify(
      unique.map((e) => [
        e.eventId,
        dossierKey(e.dossierCode),
        e.dossierCode.trim(),
        e.procedureCode,
        e.applicantName ?? null,
        phoneLast4(e.phone),
        e.receivedAt ?? null,
        e.dueAt ?? null,
        e.status,
        e.occurredAt,
        e.note ?? null,
      ]),
    );
    const statement = (sql: string) => this.db.prepare(sql).bind(rows, at);
    const results = await this.db.batch([
      statement(`WITH ${BATCH}
        INSERT INTO dossier_events (event_id, code_key, status, occurred_at, note, ingested_at)
        SELECT event_id, code_key, status, occurred_at, note, ?2 FROM batch WHERE true
        ON CONFLICT (event_id) DO NOTHING`),
      // Before the dossiers change: which new events move a status is judged against what was stored.
      statement(`WITH ${BATCH}
        INSERT INTO push_outbox (event_id, chat_key, code_key, lang, next_attempt_at)
        SELECT m.event_id, s.chat_key, s.code_key, s.lang, ?2
        FROM moved m JOIN dossier_subscriptions s ON s.code_key = m.code_key WHERE true
        ON CONFLICT (event_id, chat_key) DO NOTHING`),
      statement(`WITH ${BATCH} SELECT COUNT(*) AS n FROM moved`),
      statement(`WITH ${BATCH}
        INSERT INTO dossiers (code_key, code, procedure_code, applicant_name, phone_last4, received_at, due_at,
                              status, status_at, note, updated_at)
        SELECT code_key, code, procedure_code, applicant_name, phone_last4,
               COALESCE(received_at, CASE WHEN status = 'received' THEN occurred_at END), due_at,
               status, occurred_at, note, ?2
        FROM paced p WHERE stored_at IS NULL AND earlier_at IS NULL
        ON CONFLICT (code_key) DO NOTHING`),
      statement(`WITH ${BATCH}
        UPDATE dossiers SET applicant_name = COALESCE(${lastGiven("applicant_name")}, applicant_name),
          phone_last4 = COALESCE(${lastGiven("phone_last4")}, phone_last4),
          received_at = COALESCE(${lastGiven("received_at")}, received_at),
          due_at = COALESCE(${lastGiven("due_at")}, due_at), updated_at = ?2
        WHERE code_key IN (SELECT code_key FROM fresh)`),
      // The newest new event of each dossier, the first one given on a tie (a later equal time does not move it).
      statement(`WITH ${BATCH},
        newest AS (SELECT * FROM (SELECT f.*, ROW_NUMBER() OVER (PARTITION BY f.code_key
                                  ORDER BY f.occurred_at DESC, f.i) AS rank FROM fresh f) WHERE rank = 1)
        UPDATE dossiers SET status = n.status, status_at = n.occurred_at, note = n.note
        FROM newest n WHERE n.code_key = dossiers.code_key AND n.occurred_at > dossiers.status_at`),
    ]);
    const changes = (i: number) => results[i]?.meta.changes ?? 0;
    const accepted = changes(0);
    const moved = Number((results[2]?.results[0] as { n?: number } | undefined)?.n ?? 0);
    return { accepted, duplicates: events.length - accepted, changed: changes(3) + moved };
  }

  async get(codeKey: string): Promise<Dossier | null> {
    const [current, events] = await this.db.batch([
      this.db.prepare("SELECT * FROM dossiers WHERE code_key = ?").bind(codeKey),
      this.db
        .prepare(
          "SELECT status, occurred_at, note FROM dossier_events WHERE code_key = ? ORDER BY occurred_at, event_id",
        )
        .bind(codeKey),
    ]);
    const row = current?.results[0] as DossierRow | undefined;
    if (!row) return null;
    const history = (events?.results ?? []).map((r) => {
      const e = r as { status: string; occurred_at: string; note: string | null };
      return { status: e.status as DossierStatus, occurredAt: e.occurred_at, note: e.note ?? null };
    });
    return {
      codeKey,
      code: row.code,
      procedureCode: row.procedure_code,
      applicantName: row.applicant_name ?? null,
      phoneLast4: row.phone_last4 ?? null,
      receivedAt: row.received_at ?? null,
      dueAt: row.due_at ?? null,
      status: row.status as DossierStatus,
      statusAt: row.status_at,
      note: row.note ?? null,
      history,
    };
  }

  async subscribe(codeKey: string, chatKey: string, lang: Language, now: Date): Promise<void> {
    await this.db
      .prepare(
        `INSERT INTO dossier_subscriptions (code_key, chat_key, lang, created_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (code_key, chat_key) DO UPDATE SET lang = excluded.lang`,
      )
      .bind(codeKey, chatKey, lang, now.toISOString())
      .run();
  }

  async unsubscribe(codeKey: string, chatKey: string): Promise<boolean> {
    const [removed] = await this.db.batch([
      this.db
        .prepare("DELETE FROM dossier_subscriptions WHERE code_key = ? AND chat_key = ?")
        .bind(codeKey, chatKey),
      this.db
        .prepare("DELETE FROM push_outbox WHERE code_key = ? AND chat_key = ? AND sent_at IS NULL")
        .bind(codeKey, chatKey),
    ]);
    return (removed?.meta.changes ?? 0) > 0;
  }

  async isSubscribed(codeKey: string, chatKey: string): Promise<boolean> {
    const row = await this.db
      .prepare("SELECT 1 AS yes FROM dossier_subscriptions WHERE code_key = ? AND chat_key = ?")
      .bind(codeKey, chatKey)
      .first();
    return row !== null;
  }

  async duePushes(now: Date, limit: number): Promise<PushJob[]> {
    const { results } = await this.db
      .prepare(
        `SELECT id, event_id, chat_key, code_key, lang, attempts FROM push_outbox
         WHERE sent_at IS NULL AND next_attempt_at <= ? ORDER BY id LIMIT ?`,
      )
      .bind(now.toISOString(), limit)
      .all<{
        id: number;
        event_id: string;
        chat_key: string;
        code_key: string;
        lang: string;
        attempts: number;
      }>();
    return results.map((row) => ({
      id: Number(row.id),
      eventId: String(row.event_id),
      chatKey: String(row.chat_key),
      codeKey: String(row.code_key),
      lang: String(row.lang) as Language,
      attempts: Number(row.attempts),
    }));
  }

  async markPushed(id: number, now: Date): Promise<void> {
    await this.db
      .prepare("UPDATE push_outbox SET sent_at = ?, attempts = attempts + 1 WHERE id = ?")
      .bind(now.toISOString(), id)
      .run();
  }

  async markPushFailed(id: number, error: string, retryAt: Date): Promise<void> {
    await this.db
      .prepare(
        "UPDATE push_outbox SET attempts = attempts + 1, last_error = ?, next_attempt_at = ? WHERE id = ?",
      )
      .bind(error.slice(0, 500), retryAt.toISOString(), id)
      .run();
  }

  async counts() {
    const r = await this.db.batch([
      this.db.prepare("SELECT COUNT(*) AS n FROM dossiers"),
      this.db.prepare("SELECT COUNT(*) AS n FROM dossier_events"),
      this.db.prepare("SELECT COUNT(*) AS n FROM push_outbox WHERE sent_at IS NULL"),
    ]);
    const n = (i: number) => Number((r[i]?.results[0] as { n?: number } | undefined)?.n ?? 0);
    return { dossiers: n(0), events: n(1), pendingPushes: n(2) };
  }
}
