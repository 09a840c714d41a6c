import type { Session, SessionStore } from "../conversation/session.ts";
import type { UnitWrite } from "./unit.ts";

/**
 * The durable reply outbox. Answering an update is one transaction: its claim (so a redelivery is answered once),
 * the sessions it changed and the messages to send. A worker then sends the messages, in order per chat, at least
 * once: a message is marked sent only after the API accepted it, and leased while it is being sent, so two
 * workers (a Node loop, a Cloudflare Cron Trigger) never send the same one at the same time.
 */
export interface OutboxMessage {
  /** "telegram:<chat id>" or "zalo:<chat id>": the channel, and the chat whose messages keep their order. */
  chatKey: string;
  /** The Bot API method (sendMessage, editMessageText) and its parameters, as JSON. */
  method: string;
  payload: Record<string, unknown>;
}

export interface OutboxJob extends OutboxMessage {
  id: number;
  updateKey: string;
  attempts: number;
}

export interface UpdateCommit {
  updateKey: string;
  sessions: [chatKey: string, session: Session][];
  messages: OutboxMessage[];
  /** Other records of the answer (the query log's), written in the same transaction; none when absent. */
  writes?: UnitWrite[];
}

/** A webhook update acknowledged to its sender and not answered yet: its key (the claim's), channel and JSON body. */
export interface InboxUpdate {
  key: string;
  channel: string;
  body: string;
}

export interface ReplyOutbox {
  /** True when commit() runs an update's `writes` (SQL) in its transaction; the in-memory outbox cannot. */
  readonly runsWrites?: boolean;
  /** True when this update's claim is already committed (a redelivery). */
  handled(updateKey: string): Promise<boolean>;
  /** The claim, the sessions and the messages in one transaction; false (and nothing written) when already claimed. */
  commit(unit: UpdateCommit, now: Date): Promise<boolean>;
  /**
   * Where the store can (SQLite on Node): `commit` that also leases, in the same transaction, each message that
   * is the oldest unsent one of its chat, until `leaseUntil`, and returns those (the sender starts on them at
   * once, without a lease query and its own write); false when already claimed.
   */
  commitAndLease?(unit: UpdateCommit, now: Date, leaseUntil: Date): Promise<OutboxJob[] | false>;
  /** Leases up to `limit` due messages, each the oldest unsent one of its chat, until `leaseUntil`. */
  lease(now: Date, limit: number, leaseUntil: Date): Promise<OutboxJob[]>;
  markSent(id: number, now: Date): Promise<void>;
  /** Counts a failed attempt and makes the message due again at `at`. */
  retry(id: number, error: string, at: Date): Promise<void>;
  /** Gives up on a message (the API refused it for good, or it failed too often). */
  drop(id: number, error: string, now: Date): Promise<void>;
  /** When the next message can go: the earliest due time of each chat's first pending message (null: none). */
  nextDue(): Promise<Date | null>;
  counts(): Promise<{ pending: number; sent: number; dropped: number }>;
  /** Forgets sent and dropped messages created before `before`. */
  prune(before: Date): Promise<number>;
  /** Throws unless the store takes a write now (for /readyz). */
  probe(now: Date): Promise<void>;
  /**
   * The durable inbox, where the store has one (SQLite on Node): stores updates in one transaction (one already
   * there is kept as it is); `commit` deletes an update's row with its claim. Without it (in memory; D1, where the
   * Worker's waitUntil keeps an acknowledged update's work alive and a D1 write before every acknowledgement would
   * spend the request's query budget) an update waits in the acknowledging process's memory until it is answered.
   */
  receive?(updates: InboxUpdate[], now: Date): Promise<void>;
  /**
   * Up to `limit` updates still waiting for their answer, received before `before` (null: whenever), in order of arrival, after the
   * one whose `seq` is `after` (0: from the first); `seq` grows with arrival.
   */
  unanswered?(limit: number, before: Date | null, after?: number): Promise<(InboxUpdate & { seq: number })[]>;
  /** Removes updates that need no answer (a redelivery of an answered one) or were given up. */
  forget?(keys: string[]): Promise<void>;
}

const chatOf = (chatKey: string) => chatKey.slice(0, chatKey.indexOf(":"));
export const channelOf = chatOf;

interface MemoryRow extends OutboxJob {
  nextAt: number;
  createdAt: number;
  state: "pending" | "sent" | "dropped";
  error: string | null;
}

/** For tests and runs without a database: the same rules, in memory (lost on restart). */
export class MemoryReplyOutbox implements ReplyOutbox {
  private readonly claimed = new Set<string>();
  readonly rows: MemoryRow[] = [];
  private nextId = 1;

  constructor(private readonly sessions: SessionStore) {}

  async probe(): Promise<void> {}

  async handled(updateKey: string): Promise<boolean> {
    return this.claimed.has(updateKey);
  }

  async commit(unit: UpdateCommit, now: Date): Promise<boolean> {
    if (this.claimed.has(unit.updateKey)) return false;
    this.claimed.add(unit.updateKey);
    if (this.claimed.size > 100_000) this.claimed.delete(this.claimed.values().next().value as string);
    for (const [key, session] of unit.sessions) await this.sessions.set(key, session);
    for (const m of unit.messages) {
      this.rows.push({
        ...m,
        payload: structuredClone(m.payload),
        id: this.nextId++,
        updateKey: unit.updateKey,
        attempts: 0,
        nextAt: now.getTime(),
        createdAt: now.getTime(),
        state: "pending",
        error: null,
      });
    }
    return true;
  }

  async lease(now: Date, limit: number, leaseUntil: Date): Promise<OutboxJob[]> {
    const heads = new Map<string, MemoryRow>();
    for (const row of this.rows)
      if (row.state === "pending" && !heads.has(row.chatKey)) heads.set(row.chatKey, row);
    const due = [...heads.values()].filter((r) => r.nextAt <= now.getTime()).slice(0, Math.max(0, limit));
    for (const row of due) row.nextAt = leaseUntil.getTime();
    return due.map(({ id, updateKey, chatKey, method, payload, attempts }) => ({
      id,
      updateKey,
      chatKey,
      method,
      payload: structuredClone(payload),
      attempts,
    }));
  }

  private row(id: number): MemoryRow | undefined {
    return this.rows.find((r) => r.id === id);
  }

  async markSent(id: number): Promise<void> {
    const row = this.row(id);
    if (row) Object.assign(row, { state: "sent", attempts: row.attempts + 1 });
  }

  async retry(id: number, error: string, at: Date): Promise<void> {
    const row = this.row(id);
    if (row) Object.assign(row, { attempts: row.attempts + 1, error, nextAt: at.getTime() });
  }

  async drop(id: number, error: string): Promise<void> {
    const row = this.row(id);
    if (row) Object.assign(row, { state: "dropped", attempts: row.attempts + 1, error });
  }

  async nextDue(): Promise<Date | null> {
    const heads = new Map<string, number>();
    for (const r of this.rows)
      if (r.state === "pending" && !heads.has(r.chatKey)) heads.set(r.chatKey, r.nextAt);
    const pending = [...heads.values()];
    return pending.length > 0 ? new Date(Math.min(...pending)) : null;
  }

  async counts() {
    const n = (s: MemoryRow["state"]) => this.rows.filter((r) => r.state === s).length;
    return { pending: n("pending"), sent: n("sent"), dropped: n("dropped") };
  }

  async prune(before: Date): Promise<number> {
    const keep = this.rows.filter((r) => r.state === "pending" || r.createdAt >= before.getTime());
    const removed = this.rows.length - keep.length;
    this.rows.splice(0, this.rows.length, ...keep);
    return removed;
  }
}
