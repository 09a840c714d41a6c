/**
 * Sessions and the update de-duplication window in Workers KV. A session is one key per chat that expires by
 * itself after the session time to live (KV's own expiry replaces the sweep Node runs). KV is eventually
 * consistent between locations (a write may take up to a minute to be seen elsewhere): fine for a chat's language
 * and last results, and only a fast first check for redeliveries, because the authoritative claim of an update is
 * taken in D1 in the same batch as its answer (see D1ReplyOutbox).
 */
import {
  SESSION_TTL_MS,
  type Session,
  type SessionStore,
  sessionSchema,
  UPDATE_RETENTION_MS,
} from "../conversation/session.ts";
import type { KVNamespace } from "./types.ts";

/** KV refuses expirations shorter than a minute. */
const ttlSeconds = (ms: number) => Math.max(60, Math.ceil(ms / 1000));

export class KvSessionStore implements SessionStore {
  constructor(
    private readonly kv: KVNamespace,
    private readonly sessionTtlMs = SESSION_TTL_MS,
    private readonly updateRetentionMs = UPDATE_RETENTION_MS,
  ) {}

  async get(chatKey: string): Promise<Session | null> {
    const raw = await this.kv.get(`session:${chatKey}`, "json");
    if (raw === null) return null;
    // A value written by an older version, or damaged, starts a fresh session instead of failing the chat.
    const parsed = sessionSchema.safeParse(raw);
    return parsed.success ? parsed.data : null;
  }

  async set(chatKey: string, session: Session): Promise<void> {
    await this.kv.put(`session:${chatKey}`, JSON.stringify(session), {
      expirationTtl: ttlSeconds(this.sessionTtlMs),
    });
  }

  /** True when the update was seen within the window (a redelivery); KV may miss a very recent one elsewhere. */
  async seen(updateKey: string): Promise<boolean> {
    return (await this.kv.get(`update:${updateKey}`)) !== null;
  }

  /** Records an update as seen for the retention window. */
  async remember(updateKey: string, at: Date): Promise<void> {
    await this.kv.put(`update:${updateKey}`, at.toISOString(), {
      expirationTtl: ttlSeconds(this.updateRetentionMs),
    });
  }

  async claimUpdate(updateKey: string): Promise<boolean> {
    if (await this.seen(updateKey)) return false;
    await this.remember(updateKey, new Date());
    return true;
  }

  /** Nothing to do: every key expires by itself. */
  async sweep(): Promise<{ sessions: number; updates: number }> {
    return { sessions: 0, updates: 0 };
  }
}
