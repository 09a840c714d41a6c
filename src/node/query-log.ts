import type { Client } from "@libsql/client";
import type { Language } from "../catalogue/index.ts";
import { maskQuery, type QueryEvent, type QueryLog, type QueryOutcome } from "../features/insights/index.ts";
import { type Sql, sql } from "./database.ts";

/**
 * The query log of the content-gaps report in SQLite through libsql (Node); the same SQL runs on D1. Recording and
 * marking run on most procedure questions, so they are prepared statements on the server's connection
 * (database.ts, `sql`); the report's reads go through the client.
 */
export class SqliteQueryLog implements QueryLog {
  private readonly sql: Sql;

  constructor(private readonly client: Client) {
    this.sql = sql(client);
  }

  async record(event: QueryEvent) {
    const rows = await this.sql.all(
      `INSERT INTO query_log (created_at, channel, lang, intent, query, results, procedure_code, outcome, saving_vnd)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id`,
      [
        event.createdAt.toISOString(),
        event.channel,
        event.lang,
        event.intent,
        maskQuery(event.query),
        event.results,
        event.procedureCode,
        event.outcome,
        event.savingVnd,
      ],
    );
    return Number(rows[0]?.id);
  }

  async markChosen(id: number) {
    await this.sql.run("UPDATE query_log SET outcome = 'chosen' WHERE id = ? AND outcome = 'offered'", [id]);
  }

  async since(from: Date) {
    const r = await this.client.execute({
      sql: "SELECT * FROM query_log WHERE created_at >= ? ORDER BY id LIMIT 200000",
      args: [from.toISOString()],
    });
    return r.rows.map((row) => ({
      channel: String(row.channel),
      lang: String(row.lang) as Language,
      intent: String(row.intent),
      query: row.query === null ? null : String(row.query),
      results: Number(row.results),
      procedureCode: row.procedure_code === null ? null : String(row.procedure_code),
      outcome: String(row.outcome) as QueryOutcome,
      savingVnd: row.saving_vnd === null ? null : Number(row.saving_vnd),
      createdAt: new Date(String(row.created_at)),
    }));
  }

  async downRatings(from: Date) {
    const r = await this.client.execute({
      sql: "SELECT query, procedure_code, lang FROM feedback WHERE rating < 0 AND created_at >= ? LIMIT 100000",
      args: [from.toISOString()],
    });
    return r.rows.map((row) => ({
      query: row.query === null ? null : String(row.query),
      procedureCode: row.procedure_code === null ? null : String(row.procedure_code),
      lang: String(row.lang),
    }));
  }
}
