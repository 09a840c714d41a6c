import type { Client, InStatement } from "@libsql/client";
import type { InboxUpdate, OutboxJob, ReplyOutbox, UpdateCommit } from "../channels/outbox.ts";
import { sessionUpsert } from "./session-store.ts";

/** Inbox rows per INSERT (4 parameters each, far below SQLite's limit of parameters per statement). */
const INBOX_ROWS_PER_STATEMENT = 100;

/** SQLite through libsql (Node); the same SQL runs on D1. */
export class SqliteReplyOutbox implements ReplyOutbox {
  constructor(private readonly client: Client) {}

  async probe(now: Date): Promise<void> {
    await this.client.execute({
      sql: `INSERT INTO processed_updates (update_key, processed_at) VALUES ('readyz', ?)
            ON CONFLICT (update_key) DO UPDATE SET processed_at = excluded.processed_at`,
      args: [now.toISOString()],
    });
  }

  async handled(updateKey: string): Promise<boolean> {
    const r = await this.client.execute({
      sql: "SELECT 1 FROM processed_updates WHERE update_key = ?",
      args: [updateKey],
    });
    return r.rows.length > 0;
  }

  async commit(unit: UpdateCommit, now: Date): Promise<boolean> {
    const at = now.toISOString();
    const statements: InStatement[] = [
      // No ON CONFLICT: a second claim fails the whole batch, so nothing of a duplicate is written.
      {
        sql: "INSERT INTO processed_updates (update_key, processed_at) VALUES (?, ?)",
        args: [unit.updateKey, at],
      },
      ...unit.sessions.map(([chatKey, session]) => sessionUpsert(chatKey, session, at)),
      // Answered: the update leaves the inbox in the same transaction (a crash before it resumes the update).
      { sql: "DELETE FROM update_inbox WHERE update_key = ?", args: [unit.updateKey] },
    ];
    // The messages in one statement (ids in their order): each statement is prepared anew by libsql.
    if (unit.messages.length > 0)
      statements.push({
        sql: `INSERT INTO reply_outbox (update_key, seq, chat_key, method, payload, next_attempt_at, created_at)
              VALUES ${unit.messages.map(() => "(?, ?, ?, ?, ?, ?, ?)").join(", ")}`,
        args: unit.messages.flatMap((m, seq) => [
          unit.updateKey,
          seq,
          m.chatKey,
          m.method,
          JSON.stringify(m.payload),
          at,
          at,
        ]),
      });
    try {
      await this.client.batch(statements, "write");
      return true;
    } catch (error) {
      if (/UNIQUE constraint failed: processed_updates/.test(String((error as Error)?.message))) return false;
      throw error;
    }
  }

  async receive(updates: InboxUpdate[], now: Date): Promise<void> {
    if (updates.length === 0) return;
    const at = now.toISOString();
    // Many rows per statement: one statement (one transaction) for a usual turn's updates.
    const statements: InStatement[] = [];
    for (let i = 0; i < updates.length; i += INBOX_ROWS_PER_STATEMENT) {
      const chunk = updates.slice(i, i + INBOX_ROWS_PER_STATEMENT);
      statements.push({
        sql: `INSERT INTO update_inbox (update_key, channel, body, received_at)
              VALUES ${chunk.map(() => "(?, ?, ?, ?)").join(", ")} ON CONFLICT (update_key) DO NOTHING`,
        args: chunk.flatMap((u) => [u.key, u.channel, u.body, at]),
      });
    }
    if (statements.length === 1 && statements[0]) await this.client.execute(statements[0]);
    else await this.client.batch(statements, "write");
  }

  async unanswered(limit: number, before: Date): Promise<InboxUpdate[]> {
    if (limit <= 0) return [];
    const r = await this.client.execute({
      sql: "SELECT update_key, channel, body FROM update_inbox WHERE received_at < ? ORDER BY id LIMIT ?",
      args: [before.toISOString(), limit],
    });
    return r.rows.map((row) => ({
      key: String(row.update_key),
      channel: String(row.channel),
      body: String(row.body),
    }));
  }

  async forget(keys: string[]): Promise<void> {
    if (keys.length === 0) return;
    await this.client.execute({
      sql: `DELETE FROM update_inbox WHERE update_key IN (${keys.map(() => "?").join(", ")})`,
      args: keys,
    });
  }

  async lease(now: Date, limit: number, leaseUntil: Date): Promise<OutboxJob[]> {
    if (limit <= 0) return [];
    const r = await this.client.execute({
      // The head of each chat through the partial index of pending rows: the cost follows what is pending,
      // never the table's history.
      sql: `UPDATE reply_outbox SET next_attempt_at = ?
            WHERE id IN (
              SELECT o.id FROM (SELECT MIN(id) AS id FROM reply_outbox
                                WHERE sent_at IS NULL AND dropped_at IS NULL GROUP BY chat_key) AS head
              JOIN reply_outbox o ON o.id = head.id
              WHERE o.next_attempt_at <= ? ORDER BY o.id LIMIT ?)
            RETURNING id, update_key, chat_key, method, payload, attempts`,
      args: [leaseUntil.toISOString(), now.toISOString(), limit],
    });
    return r.rows
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
    await this.client.execute({
      sql: "UPDATE reply_outbox SET sent_at = ?, attempts = attempts + 1, last_error = NULL WHERE id = ?",
      args: [now.toISOString(), id],
    });
  }

  async retry(id: number, error: string, at: Date): Promise<void> {
    await this.client.execute({
      sql: "UPDATE reply_outbox SET attempts = attempts + 1, last_error = ?, next_attempt_at = ? WHERE id = ?",
      args: [error.slice(0, 300), at.toISOString(), id],
    });
  }

  async drop(id: number, error: string, now: Date): Promise<void> {
    await this.client.execute({
      sql: "UPDATE reply_outbox SET attempts = attempts + 1, last_error = ?, dropped_at = ? WHERE id = ?",
      args: [error.slice(0, 300), now.toISOString(), id],
    });
  }

  async nextDue(): Promise<Date | null> {
    const r = await this.client.execute(
      `SELECT MIN(o.next_attempt_at) AS at FROM (SELECT MIN(id) AS id FROM reply_outbox
         WHERE sent_at IS NULL AND dropped_at IS NULL GROUP BY chat_key) AS head
       JOIN reply_outbox o ON o.id = head.id`,
    );
    const at = r.rows[0]?.at;
    return at === null || at === undefined ? null : new Date(String(at));
  }

  async counts() {
    // Through indexes only: one pass over the table's rows (their payloads) took half a second at 56,000 rows,
    // all of it on the event loop, on every /readyz probe. A message is sent or dropped, never both.
    const r = await this.client.execute(
      `SELECT (SELECT COUNT(*) FROM reply_outbox WHERE sent_at IS NULL AND dropped_at IS NULL) AS pending,
              (SELECT COUNT(*) FROM reply_outbox WHERE dropped_at IS NOT NULL) AS dropped,
              (SELECT COUNT(*) FROM reply_outbox) AS total`,
    );
    const row = r.rows[0];
    const pending = Number(row?.pending ?? 0);
    const dropped = Number(row?.dropped ?? 0);
    return { pending, sent: Number(row?.total ?? 0) - pending - dropped, dropped };
  }

  async prune(before: Date): Promise<number> {
    const r = await this.client.execute({
      sql: "DELETE FROM reply_outbox WHERE (sent_at IS NOT NULL OR dropped_at IS NOT NULL) AND created_at < ?",
      args: [before.toISOString()],
    });
    return r.rowsAffected;
  }
}
