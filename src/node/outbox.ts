import type { Client } from "@libsql/client";
import type { InboxUpdate, OutboxJob, ReplyOutbox, UpdateCommit } from "../channels/outbox.ts";
import { type Sql, type SqlStatement, sql } from "./database.ts";
import { sessionUpsert } from "./session-store.ts";

const CLAIM = "INSERT INTO processed_updates (update_key, processed_at) VALUES (?, ?)";
const INBOX_DELETE = "DELETE FROM update_inbox WHERE update_key = ?";
const INBOX_INSERT = `INSERT INTO update_inbox (update_key, channel, body, received_at) VALUES (?, ?, ?, ?)
  ON CONFLICT (update_key) DO NOTHING`;
const MESSAGE_INSERT = `INSERT INTO reply_outbox (update_key, seq, chat_key, method, payload, next_attempt_at, created_at)
  VALUES (?, ?, ?, ?, ?, ?, ?)`;
/** The same insert, leased at once (until the last argument) when no older message of its chat is unsent. */
const MESSAGE_INSERT_LEASED = `INSERT INTO reply_outbox (update_key, seq, chat_key, method, payload, next_attempt_at, created_at)
  VALUES (?, ?, ?, ?, ?, CASE WHEN EXISTS (SELECT 1 FROM reply_outbox WHERE chat_key = ? AND sent_at IS NULL
    AND dropped_at IS NULL) THEN ? ELSE ? END, ?)
  RETURNING id, next_attempt_at`;
const MARK_SENT =
  "UPDATE reply_outbox SET sent_at = ?, attempts = attempts + 1, last_error = NULL WHERE id = ?";

/**
 * SQLite through libsql (Node); the same SQL runs on D1. Every statement has a fixed text, so it is prepared once
 * per connection (database.ts, `sql`): a batch of rows is one statement run once per row in one transaction.
 */
export class SqliteReplyOutbox implements ReplyOutbox {
  readonly runsWrites = true;
  private readonly sql: Sql;
  /** Messages sent in this turn of the event loop, marked sent together in one transaction at its end. */
  private sentBatch: { id: number; at: string; done: () => void; failed: (e: unknown) => void }[] = [];

  constructor(client: Client) {
    this.sql = sql(client);
  }

  async probe(now: Date): Promise<void> {
    await this.sql.run(
      `INSERT INTO processed_updates (update_key, processed_at) VALUES ('readyz', ?)
       ON CONFLICT (update_key) DO UPDATE SET processed_at = excluded.processed_at`,
      [now.toISOString()],
    );
  }

  async handled(updateKey: string): Promise<boolean> {
    const rows = await this.sql.all("SELECT 1 AS x FROM processed_updates WHERE update_key = ?", [updateKey]);
    return rows.length > 0;
  }

  async commit(unit: UpdateCommit, now: Date): Promise<boolean> {
    return (await this.write(unit, now, null)) !== false;
  }

  async commitAndLease(unit: UpdateCommit, now: Date, leaseUntil: Date): Promise<OutboxJob[] | false> {
    return this.write(unit, now, leaseUntil.toISOString());
  }

  private async write(
    unit: UpdateCommit,
    now: Date,
    leaseUntil: string | null,
  ): Promise<OutboxJob[] | false> {
    const at = now.toISOString();
    const statements: SqlStatement[] = [
      // No ON CONFLICT: a second claim fails the whole transaction, so nothing of a duplicate is written.
      { sql: CLAIM, args: [unit.updateKey, at] },
      ...unit.sessions.map(([chatKey, session]) => sessionUpsert(chatKey, session, at)),
      // Answered: the update leaves the inbox in the same transaction (a crash before it resumes the update).
      { sql: INBOX_DELETE, args: [unit.updateKey] },
      // The answer's other records (the query log's): the same transaction, so one commit per update.
      ...(unit.writes ?? []),
    ];
    const first = statements.length;
    for (const [seq, m] of unit.messages.entries()) {
      const payload = JSON.stringify(m.payload);
      statements.push(
        leaseUntil === null
          ? { sql: MESSAGE_INSERT, args: [unit.updateKey, seq, m.chatKey, m.method, payload, at, at] }
          : {
              sql: MESSAGE_INSERT_LEASED,
              args: [unit.updateKey, seq, m.chatKey, m.method, payload, m.chatKey, at, leaseUntil, at],
            },
      );
    }
    let results: Awaited<ReturnType<Sql["write"]>>;
    try {
      results = await this.sql.write(statements);
    } catch (error) {
      if (/UNIQUE constraint failed: processed_updates/.test(String((error as Error)?.message))) return false;
      throw error;
    }
    if (leaseUntil === null) return [];
    const jobs: OutboxJob[] = [];
    for (const [seq, m] of unit.messages.entries()) {
      const row = results[first + seq]?.rows[0];
      if (row && String(row.next_attempt_at) === leaseUntil)
        jobs.push({ id: Number(row.id), updateKey: unit.updateKey, ...m, attempts: 0 });
    }
    return jobs;
  }

  async receive(updates: InboxUpdate[], now: Date): Promise<void> {
    if (updates.length === 0) return;
    const at = now.toISOString();
    await this.sql.write(updates.map((u) => ({ sql: INBOX_INSERT, args: [u.key, u.channel, u.body, at] })));
  }

  async unanswered(
    limit: number,
    before: Date | null,
    after = 0,
  ): Promise<(InboxUpdate & { seq: number })[]> {
    if (limit <= 0) return [];
    const rows = await (before
      ? this.sql.all(
          "SELECT id, update_key, channel, body FROM update_inbox WHERE id > ? AND received_at < ? ORDER BY id LIMIT ?",
          [after, before.toISOString(), limit],
        )
      : this.sql.all(
          "SELECT id, update_key, channel, body FROM update_inbox WHERE id > ? ORDER BY id LIMIT ?",
          [after, limit],
        ));
    return rows.map((row) => ({
      seq: Number(row.id),
      key: String(row.update_key),
      channel: String(row.channel),
      body: String(row.body),
    }));
  }

  async forget(keys: string[]): Promise<void> {
    if (keys.length === 0) return;
    await this.sql.write(keys.map((key) => ({ sql: INBOX_DELETE, args: [key] })));
  }

  async lease(now: Date, limit: number, leaseUntil: Date): Promise<OutboxJob[]> {
    if (limit <= 0) return [];
    const rows = await this.sql.all(
      // The head of each chat through the partial index of pending rows: the cost follows what is pending,
      // never the table's history.
      `UPDATE reply_outbox SET next_attempt_at = ?
       WHERE id IN (
         SELECT o.id FROM (SELECT MIN(id) AS id FROM reply_outbox
                           WHERE sent_at IS NULL AND dropped_at IS NULL GROUP BY chat_key) AS head
         JOIN reply_outbox o ON o.id = head.id
         WHERE o.next_attempt_at <= ? ORDER BY o.id LIMIT ?)
       RETURNING id, update_key, chat_key, method, payload, attempts`,
      [leaseUntil.toISOString(), now.toISOString(), limit],
    );
    return rows
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

  /** Marked with the other messages sent in the same turn, in one transaction (group commit). */
  markSent(id: number, now: Date): Promise<void> {
    return new Promise<void>((done, failed) => {
      this.sentBatch.push({ id, at: now.toISOString(), done, failed });
      if (this.sentBatch.length === 1) setImmediate(() => void this.flushSent());
    });
  }

  private async flushSent() {
    const batch = this.sentBatch;
    this.sentBatch = [];
    try {
      await this.sql.write(batch.map((m) => ({ sql: MARK_SENT, args: [m.at, m.id] })));
      for (const m of batch) m.done();
    } catch (error) {
      for (const m of batch) m.failed(error);
    }
  }

  async retry(id: number, error: string, at: Date): Promise<void> {
    await this.sql.run(
      "UPDATE reply_outbox SET attempts = attempts + 1, last_error = ?, next_attempt_at = ? WHERE id = ?",
      [error.slice(0, 300), at.toISOString(), id],
    );
  }

  async drop(id: number, error: string, now: Date): Promise<void> {
    await this.sql.run(
      "UPDATE reply_outbox SET attempts = attempts + 1, last_error = ?, dropped_at = ? WHERE id = ?",
      [error.slice(0, 300), now.toISOString(), id],
    );
  }

  async nextDue(): Promise<Date | null> {
    const rows = await this.sql.all(
      `SELECT MIN(o.next_attempt_at) AS at FROM (SELECT MIN(id) AS id FROM reply_outbox
         WHERE sent_at IS NULL AND dropped_at IS NULL GROUP BY chat_key) AS head
       JOIN reply_outbox o ON o.id = head.id`,
    );
    const at = rows[0]?.at;
    return at === null || at === undefined ? null : new Date(String(at));
  }

  async counts() {
    // Through indexes only: one pass over the table's rows (their payloads) took half a second at 56,000 rows,
    // all of it on the event loop, on every /readyz probe. A message is sent or dropped, never both.
    const rows = await this.sql.all(
      `SELECT (SELECT COUNT(*) FROM reply_outbox WHERE sent_at IS NULL AND dropped_at IS NULL) AS pending,
              (SELECT COUNT(*) FROM reply_outbox WHERE dropped_at IS NOT NULL) AS dropped,
              (SELECT COUNT(*) FROM reply_outbox) AS total`,
    );
    const row = rows[0];
    const pending = Number(row?.pending ?? 0);
    const dropped = Number(row?.dropped ?? 0);
    return { pending, sent: Number(row?.total ?? 0) - pending - dropped, dropped };
  }

  async prune(before: Date): Promise<number> {
    return this.sql.run(
      "DELETE FROM reply_outbox WHERE (sent_at IS NOT NULL OR dropped_at IS NOT NULL) AND created_at < ?",
      [before.toISOString()],
    );
  }
}
