/**
 * Handoff requests and answer ratings in D1: the same tables and statements as the SQLite store on Node
 * (migrations/0003), personal data masked before it is written.
 */
import {
  type ClaimResult,
  type Feedback,
  type HandoffRequest,
  type HandoffStore,
  handoffFromRow,
  MAX_NOTE,
  MAX_QUESTION,
  maskPersonalData,
  type StoredHandoff,
} from "../features/handoff/store.ts";
import type { D1Database } from "./types.ts";

export class D1HandoffStore implements HandoffStore {
  constructor(private readonly db: D1Database) {}

  async requestHandoff(request: HandoffRequest) {
    const question = maskPersonalData(request.question);
    // One statement: append to the chat's open request, or nothing; no read-then-write race.
    const existing = await this.db
      .prepare(
        `UPDATE handoffs SET question = substr(question || char(10) || ?, 1, ${MAX_QUESTION}),
           procedure_code = coalesce(?, procedure_code), lang = ?
         WHERE id = (SELECT id FROM handoffs WHERE chat_key = ? AND status != 'closed' ORDER BY id LIMIT 1)
         RETURNING id`,
      )
      .bind(question, request.procedureCode, request.lang, request.chatKey)
      .first<{ id: number }>();
    if (existing) return { id: Number(existing.id), alreadyOpen: true };
    const created = await this.db
      .prepare(
        `INSERT INTO handoffs (channel, chat_key, lang, procedure_code, question, status, created_at)
         VALUES (?, ?, ?, ?, ?, 'open', ?) RETURNING id`,
      )
      .bind(
        request.channel,
        request.chatKey,
        request.lang,
        request.procedureCode,
        question,
        request.createdAt.toISOString(),
      )
      .first<{ id: number }>();
    return { id: Number(created?.id), alreadyOpen: false };
  }

  async recordFeedback(feedback: Feedback) {
    await this.db
      .prepare(
        `INSERT INTO feedback (channel, lang, query, procedure_code, rating, created_at) VALUES (?, ?, ?, ?, ?, ?)`,
      )
      .bind(
        feedback.channel,
        feedback.lang,
        feedback.query ? maskPersonalData(feedback.query) : null,
        feedback.procedureCode,
        feedback.up ? 1 : -1,
        feedback.createdAt.toISOString(),
      )
      .run();
  }

  async openHandoffs(limit = 100): Promise<StoredHandoff[]> {
    const { results } = await this.db
      .prepare("SELECT * FROM handoffs WHERE status != 'closed' ORDER BY created_at LIMIT ?")
      .bind(limit)
      .all<Record<string, unknown>>();
    return results.map(handoffFromRow);
  }

  async handoff(id: number): Promise<StoredHandoff | null> {
    const row = await this.db
      .prepare("SELECT * FROM handoffs WHERE id = ?")
      .bind(id)
      .first<Record<string, unknown>>();
    return row ? handoffFromRow(row) : null;
  }

  async recentlyClosed(limit = 20): Promise<StoredHandoff[]> {
    const { results } = await this.db
      .prepare("SELECT * FROM handoffs WHERE status = 'closed' ORDER BY closed_at DESC LIMIT ?")
      .bind(limit)
      .all<Record<string, unknown>>();
    return results.map(handoffFromRow);
  }

  async claim(id: number, by: string, now: Date): Promise<ClaimResult> {
    // One statement decides: of two staff claiming at once, exactly one gets the row.
    const taken = await this.db
      .prepare(
        `UPDATE handoffs SET status = 'claimed', claimed_by = ?, claimed_at = ?
         WHERE id = ? AND status = 'open' RETURNING id`,
      )
      .bind(by, now.toISOString(), id)
      .first();
    if (taken) return { ok: true };
    const current = await this.handoff(id);
    if (!current) return { ok: false, reason: "missing" };
    if (current.status === "closed") return { ok: false, reason: "closed" };
    if (current.claimedBy === by) return { ok: true };
    return { ok: false, reason: "taken", by: current.claimedBy ?? "" };
  }

  async recordAnswer(id: number, by: string, now: Date): Promise<boolean> {
    const r = await this.db
      .prepare(
        `UPDATE handoffs SET answers = answers + 1, answered_at = ?
         WHERE id = ? AND status = 'claimed' AND claimed_by = ?`,
      )
      .bind(now.toISOString(), id, by)
      .run();
    return r.meta.changes > 0;
  }

  async close(id: number, by: string, note: string, now: Date, anyone = false): Promise<boolean> {
    const at = now.toISOString();
    const r = await this.db
      .prepare(
        `UPDATE handoffs SET status = 'closed', closed_at = ?, close_note = ?,
           claimed_by = coalesce(claimed_by, ?), claimed_at = coalesce(claimed_at, ?)
         WHERE id = ? AND status != 'closed' AND (? OR status = 'open' OR claimed_by = ?)`,
      )
      .bind(at, maskPersonalData(note).slice(0, MAX_NOTE), by, at, id, anyone ? 1 : 0, by)
      .run();
    return r.meta.changes > 0;
  }
}
