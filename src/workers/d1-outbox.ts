/**
 * The durable reply outbox in D1, for the webhooks and the Cron Trigger. The same tables and SQL as the SQLite
 * outbox on Node (migrations/0004). One difference: sessions live in KV, not in the database, so an update's claim
 * and its messages commit together in one D1 batch (atomic: a redelivery's claim fails the whole batch and nothing
 * of it is written), and the sessions it changed are written to KV right after. A failure between the two loses
 * only that session change (the language or the last results), never an answer, and never sends one twice.
 */
import type { OutboxJob, ReplyOutbox, UpdateCommit } from "../channels/outbox.ts";
import type { Logger } from "../log.ts";
import type { KvSessionStore } from "./kv-sessions.ts";
import type { D1Database } from "./types.ts";

interface OutboxRow {
  id: number;
  update_key: string;
  chat_key: string;
  method: string;
  payload: string;
  attempts: number;
}

export class D1ReplyOutbox implements ReplyOutbox {
  readonly runsWrites = true;
  constructor(
    private readonly db: D1Database,
    private readonly sessions: KvSessionStore,
    private readonly log: Logger,
  ) {}

  async probe(now: Date): Promise<void> {
    await this.db
      .prepare(
        `INSERT INTO processed_updates (update_key, processed_at) VALUES ('readyz', ?)
         ON CONFLICT (update_key) DO UPDATE SET processed_at = excluded.processed_at`,
      )
      .bind(now.toISOString())
      .run();
  }

  /** The KV window only: a redelivery seen nowhere in it is still refused by the claim in commit(). */
  handled(updateKey: string): Promise<boolean> {
    return this.sessions.seen(updateKey);
  }

  async commit(unit: UpdateCommit, now: Date): Promise<boolean> {
    const at = now.toISOString();
    try {
      await this.db.batch([
        // No ON CONFLICT: a second claim fails the whole batch, so nothing of a duplicate is written.
        this.db
          .prepare("INSERT INTO processed_updates (update_key, processed_at) VALUES (?, ?)")
          .bind(unit.updateKey, at),
        ...unit.messages.map((m, seq) =>
          this.db
            .prepare(
              `INSERT INTO reply_outbox (update_key, seq, chat_key, method, payload, next_attempt_at, created_at)
               VALUES (?, ?, ?, ?, ?, ?, ?)`,
            )
            .bind(unit.updateKey, seq, m.chatKey, m.method, JSON.stringify(m.payload), at, at),
        ),
        ...(unit.writes ?? []).map((w) => this.db.prepare(w.sql).bind(...w.args)),
      ]);
    } catch (error) {
      if (/UNIQUE constraint failed: processed_updates/.test(String((error as Error)?.message))) {
        await this.sessions.remember(unit.updateKey, now).catch(() => undefined);
        return false;
      }
      throw error;
    }
    // Committed: what follows must not make the pipeline commit again (the claim would refuse it anyway).
    const writes = [
      ...unit.sessions.map(([chatKey, session]) => this.sessions.set(chatKey, session)),
      this.sessions.remember(unit.updateKey, now),
    ];
    for (const result of await Promise.allSettled(writes)) {
      if (result.status === "rejected")
        this.log.warn("session not stored after the answer was committed", {
          update: unit.updateKey,
          error: result.reason instanceof Error ? result.reason.message : String(result.reason),
        });
    }
    return true;
  }

  async lease(now: Date, limit: number, leaseUntil: Date): Promise<OutboxJob[]> {
    if (limit <= 0) return [];
    const { results } = await this.db
      .prepare(
        // The head of each chat through the partial index of pending rows (same statement as on Node).
        `UPDATE reply_outbox SET next_attempt_at = ?
         WHERE id IN (
           SELECT o.id FROM (SELECT MIN(id) AS id FROM reply_outbox
                             WHERE sent_at IS NULL AND dropped_at IS NULL GROUP BY chat_key) AS head
           JOIN reply_outbox o ON o.id = head.id
           WHERE o.next_attempt_at <= ? ORDER BY o.id LIMIT ?)
         RETURNING id, update_key, chat_key, method, payload, attempts`,
      )
      .bind(leaseUntil.toISOString(), now.toISOString(), limit)
      .all<OutboxRow>();
    return results
      .map((row) => ({
        id: Number(row.id),
        updateKey: String(row.update_key),
        chatKey: String(row.chat_key),
        method: String(row.method),
        payload: JSON.parse(String(row.payload)) as Record<string, unknown>,
        attempts: Number(row.attempts),
      }))
      .sort((a, b) => a.id - b.id);
  }

  async markSent(id: number, now: Date): Promise<void> {
    await this.db
      .prepare("UPDATE reply_outbox SET sent_at = ?, attempts = attempts + 1, last_error = NULL WHERE id = ?")
      .bind(now.toISOString(), id)
      .run();
  }

  async retry(id: number, error: string, at: Date): Promise<void> {
    await this.db
      .prepare(
        "UPDATE reply_outbox SET attempts = attempts + 1, last_error = ?, next_attempt_at = ? WHERE id = ?",
      )
      .bind(error.slice(0, 300), at.toISOString(), id)
      .run();
  }

  async drop(id: number, error: string, now: Date): Promise<void> {
    await this.db
      .prepare("UPDATE reply_outbox SET attempts = attempts + 1, last_error = ?, dropped_at = ? WHERE id = ?")
      .bind(error.slice(0, 300), now.toISOString(), id)
      .run();
  }

  async nextDue(): Promise<Date | null> {
    const at = await this.db
      .prepare(
        `SELECT MIN(o.next_attempt_at) AS at FROM (SELECT MIN(id) AS id FROM reply_outbox
           WHERE sent_at IS NULL AND dropped_at IS NULL GROUP BY chat_key) AS head
         JOIN reply_outbox o ON o.id = head.id`,
      )
      .first<string | null>("at");
    return at === null || at === undefined ? null : new Date(String(at));
  }

  /**
   * Through indexes only, as on Node: pending rows through migration 0004's partial index, dropped ones through
   * migration 0006's, sent ones as the rest of COUNT(*). Summing conditions over the table read every row with its
   * payload on every /readyz probe, and D1 bills rows read (7 days of history are kept). A message is sent or
   * dropped, never both.
   */
  async counts() {
    const row = await this.db
      .prepare(
        `SELECT (SELECT COUNT(*) FROM reply_outbox WHERE sent_at IS NULL AND dropped_at IS NULL) AS pending,
                (SELECT COUNT(*) FROM reply_outbox WHERE dropped_at IS NOT NULL) AS dropped,
                (SELECT COUNT(*) FROM reply_outbox) AS total`,
      )
      .first<{ pending: number | null; dropped: number | null; total: number | null }>();
    const pending = Number(row?.pending ?? 0);
    const dropped = Number(row?.dropped ?? 0);
    return { pending, sent: Number(row?.total ?? 0) - pending - dropped, dropped };
  }

  async prune(before: Date): Promise<number> {
    const r = await this.db
      .prepare(
        "DELETE FROM reply_outbox WHERE (sent_at IS NOT NULL OR dropped_at IS NOT NULL) AND created_at < ?",
      )
      .bind(before.toISOString())
      .run();
    return r.meta.changes;
  }

  /** Claims past the retention window (KV forgets them by itself; D1 keeps them until this runs). */
  async pruneClaims(before: Date): Promise<number> {
    const r = await this.db
      .prepare("DELETE FROM processed_updates WHERE processed_at < ?")
      .bind(before.toISOString())
      .run();
    return r.meta.changes;
  }
}
