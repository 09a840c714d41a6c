import type { Client, InStatement, Row } from "@libsql/client";
import type { Language } from "../catalogue/index.ts";
import {
  type Dossier,
  type DossierEvent,
  type DossierStatus,
  dossierKey,
  phoneLast4,
} from "../dossiers/model.ts";
import type { DossierStore, IngestResult, PushJob } from "../dossiers/store.ts";
import { type Sql, sql } from "./database.ts";

const text = (row: Row, key: string) =>
  row[key] === null || row[key] === undefined ? null : String(row[key]);

/**
 * Events applied between two turns of the event loop. libsql runs each statement synchronously, so a 5,000-event
 * batch applied in one go held the server for 2.8 s (about 0.5 ms per event through the client's execute, about
 * a fifth of that as prepared statements); in chunks, requests are served in between while the batch stays one
 * transaction (all or nothing). Statements that come meanwhile wait for it (see node/database.ts).
 */
export const INGEST_CHUNK = 25;
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Dossiers in SQLite through libsql (Node). The SQL is plain SQLite so the D1 store can share it. */
export class SqliteDossierStore implements DossierStore {
  /** Ingest runs its statements prepared, on the database's connection (database.ts, `sql`). */
  private readonly sql: Sql;

  constructor(private readonly client: Client) {
    this.sql = sql(client);
  }

  async ingest(events: DossierEvent[], now: Date): Promise<IngestResult> {
    return this.sql.transaction(async (tx) => {
      let accepted = 0;
      let duplicates = 0;
      let changed = 0;
      const at = now.toISOString();
      for (const [index, e] of events.entries()) {
        if (index > 0 && index % INGEST_CHUNK === 0) await nextTurn();
        const key = dossierKey(e.dossierCode);
        const inserted = await tx.run(
          `INSERT INTO dossier_events (event_id, code_key, status, occurred_at, note, ingested_at)
           VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (event_id) DO NOTHING`,
          [e.eventId, key, e.status, e.occurredAt, e.note ?? null, at],
        );
        if (inserted === 0) {
          duplicates++;
          continue;
        }
        accepted++;
        const [current] = await tx.all("SELECT status_at FROM dossiers WHERE code_key = ?", [key]);
        if (!current) {
          await tx.run(
            `INSERT INTO dossiers (code_key, code, procedure_code, applicant_name, phone_last4, received_at, due_at,
                                   status, status_at, note, updated_at)
             VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
            [
              key,
              e.dossierCode.trim(),
              e.procedureCode,
              e.applicantName ?? null,
              phoneLast4(e.phone),
              e.receivedAt ?? (e.status === "received" ? e.occurredAt : null),
              e.dueAt ?? null,
              e.status,
              e.occurredAt,
              e.note ?? null,
              at,
            ],
          );
          changed++;
          continue;
        }
        // Facts that arrive with any event fill gaps; the status moves only forward in time.
        await tx.run(
          `UPDATE dossiers SET applicant_name = COALESCE(?, applicant_name), phone_last4 = COALESCE(?, phone_last4),
             received_at = COALESCE(?, received_at), due_at = COALESCE(?, due_at), updated_at = ? WHERE code_key = ?`,
          [e.applicantName ?? null, phoneLast4(e.phone), e.receivedAt ?? null, e.dueAt ?? null, at, key],
        );
        if (e.occurredAt > String(current.status_at)) {
          await tx.run("UPDATE dossiers SET status = ?, status_at = ?, note = ? WHERE code_key = ?", [
            e.status,
            e.occurredAt,
            e.note ?? null,
            key,
          ]);
          await tx.run(
            `INSERT INTO push_outbox (event_id, chat_key, code_key, lang, next_attempt_at)
             SELECT ?, chat_key, code_key, lang, ? FROM dossier_subscriptions WHERE code_key = ?
             ON CONFLICT (event_id, chat_key) DO NOTHING`,
            [e.eventId, at, key],
          );
          changed++;
        }
      }
      return { accepted, duplicates, changed };
    });
  }

  async get(codeKey: string): Promise<Dossier | null> {
    const row = (
      await this.client.execute({ sql: "SELECT * FROM dossiers WHERE code_key = ?", args: [codeKey] })
    ).rows[0];
    if (!row) return null;
    const history = (
      await this.client.execute({
        sql: "SELECT status, occurred_at, note FROM dossier_events WHERE code_key = ? ORDER BY occurred_at, event_id",
        args: [codeKey],
      })
    ).rows.map((r) => ({
      status: String(r.status) as DossierStatus,
      occurredAt: String(r.occurred_at),
      note: text(r, "note"),
    }));
    return {
      codeKey,
      code: String(row.code),
      procedureCode: String(row.procedure_code),
      applicantName: text(row, "applicant_name"),
      phoneLast4: text(row, "phone_last4"),
      receivedAt: text(row, "received_at"),
      dueAt: text(row, "due_at"),
      status: String(row.status) as DossierStatus,
      statusAt: String(row.status_at),
      note: text(row, "note"),
      history,
    };
  }

  async subscribe(codeKey: string, chatKey: string, lang: Language, now: Date): Promise<void> {
    await this.client.execute({
      sql: `INSERT INTO dossier_subscriptions (code_key, chat_key, lang, created_at) VALUES (?, ?, ?, ?)
            ON CONFLICT (code_key, chat_key) DO UPDATE SET lang = excluded.lang`,
      args: [codeKey, chatKey, lang, now.toISOString()],
    });
  }

  async unsubscribe(codeKey: string, chatKey: string): Promise<boolean> {
    const statements: InStatement[] = [
      {
        sql: "DELETE FROM dossier_subscriptions WHERE code_key = ? AND chat_key = ?",
        args: [codeKey, chatKey],
      },
      {
        sql: "DELETE FROM push_outbox WHERE code_key = ? AND chat_key = ? AND sent_at IS NULL",
        args: [codeKey, chatKey],
      },
    ];
    const [removed] = await this.client.batch(statements, "write");
    return (removed?.rowsAffected ?? 0) > 0;
  }

  async isSubscribed(codeKey: string, chatKey: string): Promise<boolean> {
    const r = await this.client.execute({
      sql: "SELECT 1 FROM dossier_subscriptions WHERE code_key = ? AND chat_key = ?",
      args: [codeKey, chatKey],
    });
    return r.rows.length > 0;
  }

  async duePushes(now: Date, limit: number): Promise<PushJob[]> {
    const r = await this.client.execute({
      sql: `SELECT id, event_id, chat_key, code_key, lang, attempts FROM push_outbox
            WHERE sent_at IS NULL AND next_attempt_at <= ? ORDER BY id LIMIT ?`,
      args: [now.toISOString(), limit],
    });
    return r.rows.map((row) => ({
      id: Number(row.id),
      eventId: String(row.event_id),
      chatKey: String(row.chat_key),
      codeKey: String(row.code_key),
      lang: String(row.lang) as Language,
      attempts: Number(row.attempts),
    }));
  }

  async markPushed(id: number, now: Date): Promise<void> {
    await this.client.execute({
      sql: "UPDATE push_outbox SET sent_at = ?, attempts = attempts + 1 WHERE id = ?",
      args: [now.toISOString(), id],
    });
  }

  async markPushFailed(id: number, error: string, retryAt: Date): Promise<void> {
    await this.client.execute({
      sql: "UPDATE push_outbox SET attempts = attempts + 1, last_error = ?, next_attempt_at = ? WHERE id = ?",
      args: [error.slice(0, 500), retryAt.toISOString(), id],
    });
  }

  async counts() {
    const r = await this.client.batch(
      [
        "SELECT COUNT(*) AS n FROM dossiers",
        "SELECT COUNT(*) AS n FROM dossier_events",
        "SELECT COUNT(*) AS n FROM push_outbox WHERE sent_at IS NULL",
      ],
      "read",
    );
    const n = (i: number) => Number(r[i]?.rows[0]?.n ?? 0);
    return { dossiers: n(0), events: n(1), pendingPushes: n(2) };
  }
}
