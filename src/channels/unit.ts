import { AsyncLocalStorage } from "node:async_hooks";
import type { Session, SessionStore } from "../conversation/session.ts";
import type { OutboxMessage } from "./outbox.ts";

/**
 * One update's unit of work: while the conversation answers it, session writes and outgoing messages are
 * collected here instead of being written or sent, and then committed together with the update's claim.
 * AsyncLocalStorage carries the unit through the conversation core without changing its interface.
 */
export class UpdateUnit {
  readonly sessions = new Map<string, Session>();
  readonly messages: OutboxMessage[] = [];
  constructor(readonly updateKey: string) {}
}

const current = new AsyncLocalStorage<UpdateUnit>();

export function inUnit<T>(unit: UpdateUnit, work: () => Promise<T>): Promise<T> {
  return current.run(unit, work);
}

export function currentUnit(): UpdateUnit | undefined {
  return current.getStore();
}

/** The session store the conversation uses: inside a unit, writes wait for the unit's commit. */
export class UnitSessionStore implements SessionStore {
  constructor(readonly base: SessionStore) {}

  async get(chatKey: string): Promise<Session | null> {
    const pending = current.getStore()?.sessions.get(chatKey);
    return pending ? structuredClone(pending) : this.base.get(chatKey);
  }

  async set(chatKey: string, session: Session): Promise<void> {
    const unit = current.getStore();
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
