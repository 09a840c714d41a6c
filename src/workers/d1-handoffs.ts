/**
 * Handoff requests and answer ratings in D1: the same tables and statements as the SQLite store on Node
 * (migrations/0003), personal data masked before it is written.
 */
import type { Language } from "../catalogue/index.ts";
import {
  type Feedback,
  type HandoffRequest,
  type HandoffStore,
  maskPersonalData,
  type StoredHandoff,
} from "../features/handoff/store.ts";
import type { D1Database } from "./types.ts";

const MAX_QUESTION = 500;

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
      .all<Record<string, string | number | null>>();
    return results.map((r) => ({
      id: Number(r.id),
      channel: String(r.channel),
      chatKey: String(r.chat_key),
      lang: String(r.lang) as Language,
      procedureCode: r.procedure_code === null ? null : String(r.procedure_code),
      question: String(r.question),
      createdAt: new Date(String(r.created_at)),
      status: String(r.status) as StoredHandoff["status"],
    }));
  }
}
