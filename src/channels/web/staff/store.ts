/**
 * The console's own records: staff accounts (besides the shared STAFF_PASSWORD_HASH) and saved replies staff reuse
 * and share. The SQLite store is in src/node/staff-store.ts; this in-memory one is for tests and database-less runs.
 */
import type { Language } from "../../../catalogue/index.ts";
import type { StaffRole } from "./auth.ts";

export interface StaffAccount {
  username: string;
  passwordHash: string;
  role: StaffRole;
  disabled: boolean;
}

export interface SavedReply {
  id: number;
  owner: string;
  title: string;
  lang: Language;
  body: string;
  shared: boolean;
  createdAt: Date;
}

export interface StaffStore {
  account(username: string): Promise<StaffAccount | null>;
  /** Creates the account, or sets a new password and role for an existing one (enabling it again). */
  saveAccount(
    username: string,
    passwordHash: string,
    role: StaffRole,
    now: Date,
  ): Promise<"created" | "updated">;
  /** One's own replies and the ones others share, newest first. */
  replies(viewer: string, limit?: number): Promise<SavedReply[]>;
  addReply(reply: Omit<SavedReply, "id" | "createdAt">, now: Date): Promise<number>;
  /** Deletes a reply of its owner (or any, for a supervisor); false when not allowed or missing. */
  deleteReply(id: number, by: string, anyone: boolean): Promise<boolean>;
}

export const MAX_REPLY_BODY = 4000;
export const MAX_REPLY_TITLE = 120;

export class MemoryStaffStore implements StaffStore {
  readonly accounts = new Map<string, StaffAccount>();
  readonly saved: SavedReply[] = [];

  async account(username: string) {
    return this.accounts.get(username) ?? null;
  }

  async saveAccount(username: string, passwordHash: string, role: StaffRole) {
    const existed = this.accounts.has(username);
    this.accounts.set(username, { username, passwordHash, role, disabled: false });
    return existed ? "updated" : "created";
  }

  async replies(viewer: string, limit = 100) {
    return this.saved
      .filter((r) => r.owner === viewer || r.shared)
      .sort((a, b) => b.id - a.id)
      .slice(0, limit);
  }

  async addReply(reply: Omit<SavedReply, "id" | "createdAt">, now: Date) {
    const id = this.saved.length === 0 ? 1 : Math.max(...this.saved.map((r) => r.id)) + 1;
    this.saved.push({ ...reply, id, createdAt: now });
    return id;
  }

  async deleteReply(id: number, by: string, anyone: boolean) {
    const i = this.saved.findIndex((r) => r.id === id && (anyone || r.owner === by));
    if (i < 0) return false;
    this.saved.splice(i, 1);
    return true;
  }
}
