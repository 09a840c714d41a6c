import type { Client } from "@libsql/client";
import {
  type ClaimResult,
  type Feedback,
  type HandoffRequest,
  type HandoffStore,
  handoffFromRow,
  MAX_NOTE,
  MAX_QUESTION,
  maskPersonalData,
} from "../features/handoff/store.ts";

/** Handoff requests and ratings in SQLite through libsql (Node); the same SQL runs on D1. */
export class SqliteHandoffStore implements HandoffStore {
  constructor(private readonly client: Client) {}

  async requestHandoff(request: HandoffRequest) {
    const question = maskPersonalData(request.question);
    // One statement: append to the chat's open request, or create one. No read-then-write race.
    const appended = await this.client.execute({
      sql: `UPDATE handoffs SET question = substr(question || char(10) || ?, 1, ${MAX_QUESTION}),
              procedure_code = coalesce(?, procedure_code), lang = ?
            WHERE id = (SELECT id FROM handoffs WHERE chat_key = ? AND status != 'closed' ORDER BY id LIMIT 1)
            RETURNING id`,
      args: [question, request.procedureCode, request.lang, request.chatKey],
    });
    const existing = appended.rows[0];
    if (existing) return { id: Number(existing.id), alreadyOpen: true };
    const created = await this.client.execute({
      sql: `INSERT INTO handoffs (channel, chat_key, lang, procedure_code, question, status, created_at)
            VALUES (?, ?, ?, ?, ?, 'open', ?) RETURNING id`,
      args: [
        request.channel,
        request.chatKey,
        request.lang,
        request.procedureCode,
        question,
        request.createdAt.toISOString(),
      ],
    });
    return { id: Number(created.rows[0]?.id), alreadyOpen: false };
  }

  async recordFeedback(feedback: Feedback) {
    await this.client.execute({
      sql: `INSERT INTO feedback (channel, lang, query, procedure_code, rating, created_at) VALUES (?, ?, ?, ?, ?, ?)`,
      args: [
        feedback.channel,
        feedback.lang,
        feedback.query ? maskPersonalData(feedback.query) : null,
        feedback.procedureCode,
        feedback.up ? 1 : -1,
        feedback.createdAt.toISOString(),
      ],
    });
  }

  async openHandoffs(limit = 100) {
    const result = await this.client.execute({
      sql: `SELECT * FROM handoffs WHERE status != 'closed' ORDER BY created_at LIMIT ?`,
      args: [limit],
    });
    return result.rows.map((r) => handoffFromRow(r as Record<string, unknown>));
  }

  async handoff(id: number) {
    const r = await this.client.execute({ sql: "SELECT * FROM handoffs WHERE id = ?", args: [id] });
    const row = r.rows[0];
    return row ? handoffFromRow(row as Record<string, unknown>) : null;
  }

  async recentlyClosed(limit = 20) {
    const r = await this.client.execute({
      sql: "SELECT * FROM handoffs WHERE status = 'closed' ORDER BY closed_at DESC LIMIT ?",
      args: [limit],
    });
    return r.rows.map((row) => handoffFromRow(row as Record<string, unknown>));
  }

  async claim(id: number, by: string, now: Date): Promise<ClaimResult> {
    // One statement decides: of two staff claiming at once, exactly one gets the row.
    const taken = await this.client.execute({
      sql: `UPDATE handoffs SET status = 'claimed', claimed_by = ?, claimed_at = ?
            WHERE id = ? AND status = 'open' RETURNING id`,
      args: [by, now.toISOString(), id],
    });
    if (taken.rows.length > 0) return { ok: true };
    const current = await this.handoff(id);
    if (!current) return { ok: false, reason: "missing" };
    if (current.status === "closed") return { ok: false, reason: "closed" };
    if (current.claimedBy === by) return { ok: true };
    return { ok: false, reason: "taken", by: current.claimedBy ?? "" };
  }

  async recordAnswer(id: number, by: string, now: Date) {
    const r = await this.client.execute({
      sql: `UPDATE handoffs SET answers = answers + 1, answered_at = ?
            WHERE id = ? AND status = 'claimed' AND claimed_by = ?`,
      args: [now.toISOString(), id, by],
    });
    return r.rowsAffected > 0;
  }

  async close(id: number, by: string, note: string, now: Date, anyone = false) {
    const at = now.toISOString();
    const r = await this.client.execute({
      sql: `UPDATE handoffs SET status = 'closed', closed_at = ?, close_note = ?,
              claimed_by = coalesce(claimed_by, ?), claimed_at = coalesce(claimed_at, ?)
            WHERE id = ? AND status != 'closed' AND (? OR status = 'open' OR claimed_by = ?)`,
      args: [at, maskPersonalData(note).slice(0, MAX_NOTE), by, at, id, anyone ? 1 : 0, by],
    });
    return r.rowsAffected > 0;
  }
}
