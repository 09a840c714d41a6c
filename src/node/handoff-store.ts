import type { Client } from "@libsql/client";
import type { Language } from "../catalogue/index.ts";
import {
  type Feedback,
  type HandoffRequest,
  type HandoffStore,
  MAX_QUESTION,
  maskPersonalData,
  type StoredHandoff,
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
    return result.rows.map((r) => ({
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
