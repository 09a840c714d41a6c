import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { type Client, createClient, type Transaction } from "@libsql/client";

/** A DATABASE_URL may be a path ("./var/dvc.sqlite") or a libsql URL ("file:…", "libsql://…"). */
export function databaseUrl(value: string): string {
  if (/^(file|libsql|https?|wss?):/.test(value)) return value;
  const path = resolve(value);
  mkdirSync(dirname(path), { recursive: true });
  return `file:${path}`;
}

/** How long a write waits for another process's lock (import-dossiers, a backup) before it fails. */
export const BUSY_TIMEOUT_MS = 1000;

/**
 * Opens the database tuned for a server: write-ahead log (readers never wait for the writer, one fsync per
 * checkpoint instead of per commit), synchronous=NORMAL (durable across a process crash; a power loss can lose the
 * last commits, never corrupt), and a busy timeout instead of failing at once when another process writes.
 *
 * One connection: libsql runs SQLite synchronously on the event loop, so a second connection would only wait
 * for the first one's lock inside a blocking busy handler. Per-connection settings (synchronous) are applied to
 * that one connection; the journal mode is stored in the file.
 */
export async function openDatabase(url: string): Promise<Client> {
  const client = createClient({ url, timeout: BUSY_TIMEOUT_MS, concurrency: 1 });
  if (!url.startsWith("file:")) return client;
  await client.execute("PRAGMA journal_mode = WAL");
  await client.execute("PRAGMA synchronous = NORMAL");
  healAfterBusy(client);
  return client;
}

const isBusy = (error: unknown) =>
  (error as { code?: unknown })?.code === "SQLITE_BUSY" ||
  /SQLITE_BUSY/.test(String((error as Error)?.message));

/**
 * After SQLITE_BUSY, libsql leaves the failed statement active on its connection, and every later commit on it
 * fails ("cannot commit transaction - SQL statements in progress") even once the lock is gone. So a busy error
 * reopens the connection (the error still reaches the caller, who retries), with the per-connection settings.
 */
function healAfterBusy(client: Client) {
  const execute = client.execute.bind(client) as (sql: string) => Promise<unknown>;
  const gate = new Gate();
  let reopened = false;
  for (const name of ["execute", "batch", "executeMultiple", "transaction"] as const) {
    const original = (client[name] as (...args: unknown[]) => Promise<unknown>).bind(client);
    (client as unknown as Record<string, unknown>)[name] = async (...args: unknown[]) => {
      await gate.enter();
      let held = false;
      try {
        if (reopened) {
          reopened = false;
          await execute("PRAGMA synchronous = NORMAL");
        }
        const result = await original(...args);
        if (name === "transaction") {
          held = true;
          return holdUntilEnd(result as Transaction, gate);
        }
        return result;
      } catch (error) {
        if (isBusy(error)) {
          await client.reconnect();
          reopened = true;
        }
        throw error;
      } finally {
        if (!held) gate.leave();
      }
    };
  }
}

/**
 * One caller at a time on the one connection. A write transaction that yields to the event loop between chunks
 * (a large dossier ingest) holds the gate until it ends; statements that come meanwhile wait their turn instead of
 * failing with libsql's TRANSACTION_ACTIVE, and everything else the server does (webhooks acknowledged, search,
 * /healthz) goes on.
 */
class Gate {
  private held = false;
  private readonly waiting: (() => void)[] = [];

  enter(): Promise<void> | undefined {
    if (!this.held) {
      this.held = true;
      return undefined;
    }
    return new Promise((resolve) => this.waiting.push(resolve));
  }

  leave(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.held = false;
  }
}

/** The transaction gives the gate back when it commits, rolls back or closes, whichever comes first. */
function holdUntilEnd(tx: Transaction, gate: Gate): Transaction {
  let open = true;
  const end = () => {
    if (!open) return;
    open = false;
    gate.leave();
  };
  const commit = tx.commit.bind(tx);
  const rollback = tx.rollback.bind(tx);
  const close = tx.close.bind(tx);
  tx.commit = async () => {
    try {
      await commit();
    } finally {
      end();
    }
  };
  tx.rollback = async () => {
    try {
      await rollback();
    } finally {
      end();
    }
  };
  tx.close = () => {
    try {
      close();
    } finally {
      end();
    }
  };
  return tx;
}
