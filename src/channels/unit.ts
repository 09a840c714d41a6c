import type { Session, SessionStore } from "../conversation/session.ts";
import type { QueryEvent, QueryLog } from "../features/insights/index.ts";
import type { OutboxMessage } from "./outbox.ts";

/** A statement the unit's commit runs with the claim, in the same transaction (SQL that SQLite and D1 both run). */
export interface UnitWrite {
  sql: string;
  args: (string | number | null)[];
}

/**
 * One update's unit of work: while the conversation answers it, session writes and outgoing messages are
 * collected here instead of being written or sent, and then committed together with the update's claim.
 * An AsyncLocalStorage carries the unit through the conversation core without changing its interface; it comes
 * in from the runtime wing (Node's node:async_hooks, Workers' with the nodejs_als flag), so this file stays
 * runtime-neutral.
 */
export class UpdateUnit {
  readonly sessions = new Map<string, Session>();
  readonly messages: OutboxMessage[] = [];
  /** Other records the answer writes (the query log's), committed with it: one commit per update. */
  readonly writes: UnitWrite[] = [];
  constructor(readonly updateKey: string) {}
}

/** What carries the current unit through async calls: an AsyncLocalStorage<UpdateUnit> fits as it is. */
export interface UnitScope {
  run<R>(unit: UpdateUnit, work: () => R): R;
  getStore(): UpdateUnit | undefined;
}

/** The session store the conversation uses: inside a unit, writes wait for the unit's commit. */
export class UnitSessionStore implements SessionStore {
  constructor(
    readonly base: SessionStore,
    private readonly scope: UnitScope,
  ) {}

  async get(chatKey: string): Promise<Session | null> {
    const pending = this.scope.getStore()?.sessions.get(chatKey);
    return pending ? structuredClone(pending) : this.base.get(chatKey);
  }

  async set(chatKey: string, session: Session): Promise<void> {
    const unit = this.scope.getStore();
    if (unit) unit.sessions.set(chatKey, structuredClone(session));
    else await this.base.set(chatKey, session);
  }

  claimUpdate(updateKey: string): Promise<boolean> {
    return this.base.claimUpdate(updateKey);
  }

  sweep(now: Date) {
    return this.base.sweep ? this.base.sweep(now) : Promise.resolve({ sessions: 0, updates: 0 });
  }
}

/** A query log whose writes can wait for an update's commit: the row's id is assigned before it is written. */
export interface DeferrableQueryLog extends QueryLog {
  recordLater(event: QueryEvent): Promise<{ id: number; write: UnitWrite }>;
  markChosenLater(id: number): UnitWrite;
}

const deferrable = (log: QueryLog): log is DeferrableQueryLog =>
  typeof (log as Partial<DeferrableQueryLog>).recordLater === "function" &&
  typeof (log as Partial<DeferrableQueryLog>).markChosenLater === "function";

/**
 * The query log the conversation uses: inside a unit, and where the log can (SQLite on Node), its writes join the
 * unit's commit instead of being a transaction of their own. Elsewhere they are written at once.
 */
export class UnitQueryLog implements QueryLog {
  constructor(
    readonly base: QueryLog,
    private readonly scope: UnitScope,
    /** The outbox's commit runs a unit's writes (ReplyOutbox.runsWrites). */
    private readonly commitRunsWrites: boolean,
  ) {}

  private unit() {
    return this.commitRunsWrites ? this.scope.getStore() : undefined;
  }

  async record(event: QueryEvent): Promise<number> {
    const unit = this.unit();
    if (!unit || !deferrable(this.base)) return this.base.record(event);
    const { id, write } = await this.base.recordLater(event);
    unit.writes.push(write);
    return id;
  }

  async markChosen(id: number): Promise<void> {
    const unit = this.unit();
    if (!unit || !deferrable(this.base)) return this.base.markChosen(id);
    unit.writes.push(this.base.markChosenLater(id));
  }

  since(from: Date) {
    return this.base.since(from);
  }

  downRatings(from: Date) {
    return this.base.downRatings(from);
  }
}
