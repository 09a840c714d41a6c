import type { Client } from "@libsql/client";
import type { Language } from "../catalogue/index.ts";
import type { DeferrableQueryLog, UnitWrite } from "../channels/unit.ts";
import { maskQuery, type QueryEvent, type QueryOutcome } from "../features/insights/index.ts";
import { type Sql, sql } from "./database.ts";

const INSERT = `INSERT INTO query_log (id, created_at, channel, lang, intent, query, results, procedure_code, outcome, saving_vnd)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`;
const CHOSEN = "UPDATE query_log SET outcome = 'chosen' WHERE id = ? AND outcome = 'offered'";

/**
 * The query log of the content-gaps report in SQLite through libsql (Node); the same SQL runs on D1. Recording and
 * marking run on most procedure questions, so they are prepared statements on the server's connection
 * (database.ts, `sql`); the report's reads go through the client.
 *
 * Inside an update's unit of work the writes join the update's commit (UnitQueryLog, src/channels/unit.ts): one
 * commit per update instead of two or three (the insert was 4% of the server's CPU under load, as much as a
 * third of the answer's own commit). A row's id is therefore assigned here, before it is written: one process
 * writes the log (the server), so ids count on from the largest one stored.
 */
export class SqliteQueryLog implements DeferrableQueryLog {
  private readonly sql: Sql;
  private next: Promise<{ id: number }> | null = null;

  constructor(private readonly client: Client) {
    this.sql = sql(client);
  }

  private async nextId(): Promise<number> {
    this.next ??= this.sql
      .all("SELECT COALESCE(MAX(id), 0) AS id FROM query_log", [])
      .then((rows) => ({ id: Number(rows[0]?.id ?? 0) + 1 }));
    try {
      const counter = await this.next;
      return counter.id++;
    } catch (error) {
      // A busy database at the first read: the next record reads again.
      this.next = null;
      throw error;
    }
  }

  private insert(id: number, event: QueryEvent, ignoreConflict: boolean): UnitWrite {
    return {
      // In an answer's commit a conflict (another process writing the log) loses this row, never the answer.
      sql: ignoreConflict ? INSERT.replace("INSERT INTO", "INSERT OR IGNORE INTO") : INSERT,
      args: [
        id,
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
    };
  }

  async record(event: QueryEvent) {
    const id = await this.nextId();
    const write = this.insert(id, event, false);
    await this.sql.run(write.sql, write.args);
    return id;
  }

  async recordLater(event: QueryEvent) {
    const id = await this.nextId();
    return { id, write: this.insert(id, event, true) };
  }

  async markChosen(id: number) {
    await this.sql.run(CHOSEN, [id]);
  }

  markChosenLater(id: number): UnitWrite {
    return { sql: CHOSEN, args: [id] };
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
