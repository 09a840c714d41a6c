/**
 * The help-desk console's records in D1 (migrations/0005): staff accounts and saved replies, and the query log
 * behind the content-gaps report. The same statements as the SQLite stores on Node.
 */
import type { Language } from "../catalogue/index.ts";
import type { StaffRole } from "../channels/web/staff/auth.ts";
import type { SavedReply, StaffStore } from "../channels/web/staff/store.ts";
import { maskQuery, type QueryEvent, type QueryLog, type QueryOutcome } from "../features/insights/index.ts";
import type { D1Database } from "./types.ts";

type Row = Record<string, unknown>;
const textOrNull = (v: unknown) => (v === null || v === undefined ? null : String(v));

export class D1StaffStore implements StaffStore {
  constructor(private readonly db: D1Database) {}

  async account(username: string) {
    const row = await this.db
      .prepare("SELECT username, password_hash, role, disabled_at FROM staff_accounts WHERE username = ?")
      .bind(username)
      .first<Row>();
    if (!row) return null;
    return {
      username: String(row.username),
      passwordHash: String(row.password_hash),
      role: (String(row.role) === "supervisor" ? "supervisor" : "staff") as StaffRole,
      disabled: row.disabled_at !== null,
    };
  }

  async saveAccount(username: string, passwordHash: string, role: StaffRole, now: Date) {
    const existed = (await this.account(username)) !== null;
    await this.db
      .prepare(
        `INSERT INTO staff_accounts (username, password_hash, role, created_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (username) DO UPDATE SET password_hash = excluded.password_hash, role = excluded.role,
           disabled_at = NULL`,
      )
      .bind(username, passwordHash, role, now.toISOString())
      .run();
    return existed ? ("updated" as const) : ("created" as const);
  }

  async replies(viewer: string, limit = 100) {
    const { results } = await this.db
      .prepare("SELECT * FROM saved_replies WHERE owner = ? OR shared = 1 ORDER BY id DESC LIMIT ?")
      .bind(viewer, limit)
      .all<Row>();
    return results.map((row) => ({
      id: Number(row.id),
      owner: String(row.owner),
      title: String(row.title),
      lang: String(row.lang) as Language,
      body: String(row.body),
      shared: Number(row.shared) === 1,
      createdAt: new Date(String(row.created_at)),
    }));
  }

  async addReply(reply: Omit<SavedReply, "id" | "createdAt">, now: Date) {
    const row = await this.db
      .prepare(
        `INSERT INTO saved_replies (owner, title, lang, body, shared, created_at) VALUES (?, ?, ?, ?, ?, ?)
         RETURNING id`,
      )
      .bind(reply.owner, reply.title, reply.lang, reply.body, reply.shared ? 1 : 0, now.toISOString())
      .first<Row>();
    return Number(row?.id);
  }

  async deleteReply(id: number, by: string, anyone: boolean) {
    const r = await this.db
      .prepare("DELETE FROM saved_replies WHERE id = ? AND (? OR owner = ?)")
      .bind(id, anyone ? 1 : 0, by)
      .run();
    return r.meta.changes > 0;
  }
}

export class D1QueryLog implements QueryLog {
  constructor(private readonly db: D1Database) {}

  async record(event: QueryEvent) {
    const row = await this.db
      .prepare(
        `INSERT INTO query_log (created_at, channel, lang, intent, query, results, procedure_code, outcome, saving_vnd)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
      )
      .bind(
        event.createdAt.toISOString(),
        event.channel,
        event.lang,
        event.intent,
        maskQuery(event.query),
        event.results,
        event.procedureCode,
        event.outcome,
        event.savingVnd,
      )
      .first<Row>();
    return Number(row?.id);
  }

  async markChosen(id: number) {
    await this.db
      .prepare("UPDATE query_log SET outcome = 'chosen' WHERE id = ? AND outcome = 'offered'")
      .bind(id)
      .run();
  }

  async since(from: Date) {
    const { results } = await this.db
      .prepare("SELECT * FROM query_log WHERE created_at >= ? ORDER BY id LIMIT 200000")
      .bind(from.toISOString())
      .all<Row>();
    return results.map((row) => ({
      channel: String(row.channel),
      lang: String(row.lang) as Language,
      intent: String(row.intent),
      query: textOrNull(row.query),
      results: Number(row.results),
      procedureCode: textOrNull(row.procedure_code),
      outcome: String(row.outcome) as QueryOutcome,
      savingVnd: row.saving_vnd === null ? null : Number(row.saving_vnd),
      createdAt: new Date(String(row.created_at)),
    }));
  }

  async downRatings(from: Date) {
    const { results } = await this.db
      .prepare(
        "SELECT query, procedure_code, lang FROM feedback WHERE rating < 0 AND created_at >= ? LIMIT 100000",
      )
      .bind(from.toISOString())
      .all<Row>();
    return results.map((row) => ({
      query: textOrNull(row.query),
      procedureCode: textOrNull(row.procedure_code),
      lang: String(row.lang),
    }));
  }
}
