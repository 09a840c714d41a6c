import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { Client, InValue } from "@libsql/client";
import {
  SESSION_TTL_MS,
  type Session,
  type SessionStore,
  sessionSchema,
  UPDATE_RETENTION_MS,
} from "../conversation/session.ts";
import { type Sql, type SqlStatement, sql } from "./database.ts";

/**
 * Sessions in a local SQLite file (Node). Migrations are the plain SQL files in migrations/, applied in order
 * and recorded, so the Workers deployment can apply the same files to D1.
 */
export async function migrate(client: Client, dir: string): Promise<string[]> {
  await client.execute(
    "CREATE TABLE IF NOT EXISTS schema_migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)",
  );
  const done = new Set(
    (await client.execute("SELECT name FROM schema_migrations")).rows.map((r) => String(r.name)),
  );
  const applied: string[] = [];
  for (const name of readdirSync(dir)
    .filter((f) => f.endsWith(".sql"))
    .sort()) {
    if (done.has(name)) continue;
    // A migration and its record in one transaction (a table rebuilt and renamed is never left half done), as
    // wrangler applies a D1 migration.
    const quoted = (text: string) => `'${text.replaceAll("'", "''")}'`;
    try {
      await client.executeMultiple(
        `BEGIN IMMEDIATE;\n${readFileSync(join(dir, name), "utf8")}\n;` +
          `INSERT INTO schema_migrations (name, applied_at) VALUES (${quoted(name)}, ${quoted(new Date().toISOString())});\nCOMMIT;`,
      );
    } catch (error) {
      await client.execute("ROLLBACK").catch(() => undefined);
      throw error;
    }
    applied.push(name);
  }
  return applied;
}

/** The statement that stores a session, for callers that commit it with other writes in one batch. */
export function sessionUpsert(
  chatKey: string,
  session: Session,
  at: string,
): SqlStatement & { args: InValue[] } {
  return {
    sql: `INSERT INTO sessions (chat_key, data, updated_at) VALUES (?, ?, ?)
          ON CONFLICT (chat_key) DO UPDATE SET data = excluded.data, updated_at = excluded.updated_at`,
    args: [chatKey, JSON.stringify(session), at],
  };
}

export class SqliteSessionStore implements SessionStore {
  /** The chat's session is read on every update: a prepared statement (database.ts, `sql`). */
  private readonly sql: Sql;

  constructor(
    private readonly client: Client,
    private readonly clock: () => Date = () => new Date(),
    /** Processed-update keys older than this are forgotten (Telegram retries within minutes). */
    private readonly updateRetentionMs = UPDATE_RETENTION_MS,
    /** Sessions not touched for this long are deleted by sweep(). */
    private readonly sessionTtlMs = SESSION_TTL_MS,
  ) {
    this.sql = sql(client);
  }

  async get(chatKey: string): Promise<Session | null> {
    const rows = await this.sql.all("SELECT data FROM sessions WHERE chat_key = ?", [chatKey]);
    const row = rows[0];
    if (!row) return null;
    // A row written by an older version, or damaged, starts a fresh session instead of failing the chat.
    try {
      const parsed = sessionSchema.safeParse(JSON.parse(String(row.data)));
      return parsed.success ? parsed.data : null;
    } catch {
      return null;
    }
  }

  async set(chatKey: string, session: Session): Promise<void> {
    const { sql, args } = sessionUpsert(chatKey, session, this.clock().toISOString());
    await this.sql.run(sql, args);
  }

  async sweep(now: Date): Promise<{ sessions: number; updates: number }> {
    const [sessions, updates] = await this.client.batch(
      [
        {
          sql: "DELETE FROM sessions WHERE updated_at < ?",
          args: [new Date(now.getTime() - this.sessionTtlMs).toISOString()],
        },
        {
          sql: "DELETE FROM processed_updates WHERE processed_at < ?",
          args: [new Date(now.getTime() - this.updateRetentionMs).toISOString()],
        },
      ],
      "write",
    );
    return { sessions: sessions?.rowsAffected ?? 0, updates: updates?.rowsAffected ?? 0 };
  }

  async claimUpdate(updateKey: string): Promise<boolean> {
    const now = this.clock();
    const result = await this.client.execute({
      sql: "INSERT INTO processed_updates (update_key, processed_at) VALUES (?, ?) ON CONFLICT (update_key) DO NOTHING",
      args: [updateKey, now.toISOString()],
    });
    if (result.rowsAffected > 0 && Math.random() < 0.01) {
      await this.client.execute({
        sql: "DELETE FROM processed_updates WHERE processed_at < ?",
        args: [new Date(now.getTime() - this.updateRetentionMs).toISOString()],
      });
    }
    return result.rowsAffected > 0;
  }
}
