import type { Client } from "@libsql/client";
import type { Language } from "../catalogue/index.ts";
import type { StaffRole } from "../channels/web/staff/auth.ts";
import type { SavedReply, StaffStore } from "../channels/web/staff/store.ts";

/** Staff accounts and saved replies of /staff in SQLite through libsql (Node); the same SQL runs on D1. */
export class SqliteStaffStore implements StaffStore {
  constructor(private readonly client: Client) {}

  async account(username: string) {
    const r = await this.client.execute({
      sql: "SELECT username, password_hash, role, disabled_at FROM staff_accounts WHERE username = ?",
      args: [username],
    });
    const row = r.rows[0];
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
    await this.client.execute({
      sql: `INSERT INTO staff_accounts (username, password_hash, role, created_at) VALUES (?, ?, ?, ?)
            ON CONFLICT (username) DO UPDATE SET password_hash = excluded.password_hash, role = excluded.role,
              disabled_at = NULL`,
      args: [username, passwordHash, role, now.toISOString()],
    });
    return existed ? "updated" : "created";
  }

  async replies(viewer: string, limit = 100) {
    const r = await this.client.execute({
      sql: "SELECT * FROM saved_replies WHERE owner = ? OR shared = 1 ORDER BY id DESC LIMIT ?",
      args: [viewer, limit],
    });
    return r.rows.map((row) => ({
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
    const r = await this.client.execute({
      sql: `INSERT INTO saved_replies (owner, title, lang, body, shared, created_at) VALUES (?, ?, ?, ?, ?, ?)
            RETURNING id`,
      args: [reply.owner, reply.title, reply.lang, reply.body, reply.shared ? 1 : 0, now.toISOString()],
    });
    return Number(r.rows[0]?.id);
  }

  async deleteReply(id: number, by: string, anyone: boolean) {
    const r = await this.client.execute({
      sql: "DELETE FROM saved_replies WHERE id = ? AND (? OR owner = ?)",
      args: [id, anyone ? 1 : 0, by],
    });
    return r.rowsAffected > 0;
  }
}
