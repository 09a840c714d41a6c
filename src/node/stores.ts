import type { Client } from "@libsql/client";
import { SqliteDossierStore } from "./dossier-store.ts";
import { SqliteHandoffStore } from "./handoff-store.ts";
import { SqliteReplyOutbox } from "./outbox.ts";
import { SqliteQueryLog } from "./query-log.ts";
import { SqliteSessionStore } from "./session-store.ts";
import { SqliteStaffStore } from "./staff-store.ts";

/**
 * Every store `assemble` takes, on one SQLite client (from openDatabase, migrated): the Node entry, the test
 * helpers and the load bench wire them here, so they run the same stores.
 */
export function sqliteStores(client: Client, options: { sessionTtlMs?: number } = {}) {
  return {
    sessions: new SqliteSessionStore(client, undefined, undefined, options.sessionTtlMs),
    dossierStore: new SqliteDossierStore(client),
    outbox: new SqliteReplyOutbox(client),
    handoffs: new SqliteHandoffStore(client),
    staff: new SqliteStaffStore(client),
    insights: new SqliteQueryLog(client),
  };
}
