import type { Session, SessionStore } from "../conversation/session.ts";
import type { OutboxMessage } from "./outbox.ts";

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
