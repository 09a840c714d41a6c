import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { type Client, createClient, type InValue, type Transaction } from "@libsql/client";
import { ConnectionPool, Sqlite3Client } from "@libsql/client/sqlite3";
import { type Checkpointer, startCheckpointer } from "./checkpointer.ts";

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
 * Checkpoints run on a thread of their own (checkpointer.ts), not inside a commit on the event loop; the log file
 * is cut back to 64 MB after it restarts.
 *
 * One connection: libsql runs SQLite synchronously on the event loop, so a second connection would only wait
 * for the first one's lock inside a blocking busy handler. Per-connection settings (synchronous, checkpoints) are
 * applied to that one connection, again whenever it is reopened; the journal mode is stored in the file.
 */
export async function openDatabase(
  url: string,
  /** false: SQLite's own checkpoints, inside commits; else the checkpoint thread's timing (checkpointer.ts). */
  options: { checkpoints?: false | { intervalMs?: number; fenceFrames?: number } } = {},
): Promise<Client> {
  if (!url.startsWith("file:")) return createClient({ url, timeout: BUSY_TIMEOUT_MS, concurrency: 1 });
  // The client of createClient, built from its parts (the public @libsql/client/sqlite3 entry) so that the hot
  // statements can also run on its one connection as prepared statements (see `sql`).
  const path = filePath(url);
  const pool = new ConnectionPool(path, { timeout: BUSY_TIMEOUT_MS }, 1);
  const client = new Sqlite3Client(pool, "number");
  await client.execute("PRAGMA journal_mode = WAL");
  await client.execute("PRAGMA journal_size_limit = 67108864");
  const shared: Shared = { pool, gate: new Gate(), reopened: false, client, settings: [] };
  healAfterBusy(client, shared);
  opened.set(client, shared);
  let checkpointer: Checkpointer | null = null;
  if (options.checkpoints !== false && path !== ":memory:" && path !== "") {
    checkpointer = startCheckpointer(path, {
      ...options.checkpoints,
      fence: async (pass) => {
        const waiting = shared.gate.enter();
        if (waiting) await waiting;
        try {
          await pass();
        } finally {
          shared.gate.leave();
        }
      },
      // The thread is gone (it should not be): SQLite's own checkpoints take over again.
      onExit: () => {
        shared.settings = INLINE_SETTINGS;
        shared.reopened = true;
      },
    });
  }
  shared.settings = checkpointer ? BACKGROUND_SETTINGS : INLINE_SETTINGS;
  for (const setting of shared.settings) await client.execute(setting);
  const close = client.close.bind(client);
  client.close = () => {
    checkpointer?.stop();
    close();
  };
  return client;
}

/** Per-connection settings, applied when the connection opens and again when it is reopened after a busy error. */
const INLINE_SETTINGS = ["PRAGMA synchronous = NORMAL", "PRAGMA wal_autocheckpoint = 1000"];
const BACKGROUND_SETTINGS = ["PRAGMA synchronous = NORMAL", "PRAGMA wal_autocheckpoint = 0"];

/** "file:/abs/path?mode=…" → "/abs/path" (what createClient's config parsing gives the local driver). */
function filePath(url: string): string {
  const rest = url.slice("file:".length).replace(/^\/\/(localhost)?(?=\/)/, "");
  const path = decodeURIComponent(rest.split("?")[0] ?? rest);
  return path;
}

type Connection = ReturnType<ConnectionPool["acquireSync"]>;
type Statement = ReturnType<Connection["prepare"]>;

/** What openDatabase's client shares with its prepared-statement path: the connection, its gate, busy state. */
interface Shared {
  pool: ConnectionPool;
  gate: Gate;
  /** True after a busy error reopened the connection: the next caller applies the per-connection settings. */
  reopened: boolean;
  client: Client;
  /** The per-connection settings (PRAGMA statements). */
  settings: readonly string[];
}
const opened = new WeakMap<Client, Shared>();

/** A row as the driver gives it: column name → value. */
export type SqlRow = Record<string, unknown>;

/**
 * Statements on one connection, run synchronously as prepared statements cached per connection. Each call
 * takes the connection's gate, so it never runs inside another caller's transaction; `write` runs its
 * statements in one transaction. About five times cheaper in CPU than the client's execute (which prepares
 * every statement anew, probes it for rows by catching an exception, and copies every row), which matters on
 * the path of every webhook update.
 */
export interface Sql {
  /** The rows of one statement. */
  all(sql: string, args?: readonly InValue[]): Promise<SqlRow[]>;
  /** One statement that returns no rows; how many rows it changed. */
  run(sql: string, args?: readonly InValue[]): Promise<number>;
  /** Statements in one write transaction, all or nothing (a failing one rolls back and throws); their results. */
  write(statements: readonly SqlStatement[]): Promise<SqlResult[]>;
  /**
   * One write transaction around `work`, which may read between writes and yield to the event loop (a large
   * batch in chunks): it keeps the connection until it ends (others wait their turn), commits when `work`
   * resolves and rolls back when it throws.
   */
  transaction<T>(work: (tx: SqlTransaction) => Promise<T>): Promise<T>;
}

/** Statements inside `transaction`: run at once on the prepared-statement path. */
export interface SqlTransaction {
  all(sql: string, args?: readonly InValue[]): Promise<SqlRow[]>;
  run(sql: string, args?: readonly InValue[]): Promise<number>;
}

export interface SqlStatement {
  sql: string;
  args?: readonly InValue[];
}

/** Rows of a statement that returns them (RETURNING), else how many rows it changed. */
export interface SqlResult {
  rows: SqlRow[];
  changes: number;
}

/**
 * The prepared-statement path of a client from openDatabase; for any other client (a libsql URL, a test's own
 * createClient) the same calls through its execute and batch.
 */
export function sql(client: Client): Sql {
  const shared = opened.get(client);
  return shared ? new PreparedSql(shared) : new ClientSql(client);
}

const MAX_CACHED_STATEMENTS = 64;

class PreparedSql implements Sql {
  private static readonly caches = new WeakMap<Connection, Map<string, Statement>>();

  constructor(private readonly shared: Shared) {}

  all(sql: string, args: readonly InValue[] = []): Promise<SqlRow[]> {
    return this.with((db) => this.statement(db, sql).all(args as InValue[]) as SqlRow[]);
  }

  run(sql: string, args: readonly InValue[] = []): Promise<number> {
    return this.with((db) => this.statement(db, sql).run(args as InValue[]).changes);
  }

  write(statements: readonly SqlStatement[]): Promise<SqlResult[]> {
    return this.with((db) => {
      this.statement(db, "BEGIN IMMEDIATE").run([]);
      try {
        const results = statements.map(({ sql, args = [] }) => {
          const statement = this.statement(db, sql);
          return statement.reader
            ? { rows: statement.all(args as InValue[]) as SqlRow[], changes: 0 }
            : { rows: [], changes: statement.run(args as InValue[]).changes };
        });
        this.statement(db, "COMMIT").run([]);
        return results;
      } catch (error) {
        if (db.inTransaction) this.statement(db, "ROLLBACK").run([]);
        throw error;
      }
    });
  }

  async transaction<T>(work: (tx: SqlTransaction) => Promise<T>): Promise<T> {
    return this.with(async (open) => {
      this.statement(open, "BEGIN IMMEDIATE").run([]);
      try {
        const result = await work({
          all: async (sql, args = []) => this.statement(open, sql).all(args as InValue[]) as SqlRow[],
          run: async (sql, args = []) => this.statement(open, sql).run(args as InValue[]).changes,
        });
        this.statement(open, "COMMIT").run([]);
        return result;
      } catch (error) {
        // The cause is what matters: a failed rollback (the connection is gone) must not replace it.
        try {
          if (open.inTransaction) this.statement(open, "ROLLBACK").run([]);
        } catch {}
        throw error;
      }
    });
  }

  private statement(db: Connection, sql: string): Statement {
    let cache = PreparedSql.caches.get(db);
    if (!cache) {
      cache = new Map();
      PreparedSql.caches.set(db, cache);
    }
    let statement = cache.get(sql);
    if (!statement) {
      statement = db.prepare(sql);
      // A bounded cache: statements whose text varies (lists of placeholders) do not pile up.
      if (cache.size >= MAX_CACHED_STATEMENTS) cache.delete(cache.keys().next().value as string);
      cache.set(sql, statement);
    }
    return statement;
  }

  /**
   * Runs `work` on the connection, at once when nobody holds the gate, else when its turn comes; the gate is held
   * until `work` (which may be async, as a transaction is) settles.
   */
  private async with<T>(work: (db: Connection) => T | Promise<T>): Promise<T> {
    const { gate, pool } = this.shared;
    const waiting = gate.enter();
    if (waiting) await waiting;
    let db: Connection | null = null;
    try {
      db = pool.acquireSync();
      if (this.shared.reopened) {
        this.shared.reopened = false;
        for (const setting of this.shared.settings) db.prepare(setting).run([]);
      }
      return await work(db);
    } catch (error) {
      if (isBusy(error)) {
        // As healAfterBusy does for the client: a fresh connection (the error still reaches the caller).
        if (db) pool.release(db);
        db = null;
        pool.reopen();
        this.shared.reopened = true;
      }
      throw error;
    } finally {
      if (db) pool.release(db);
      gate.leave();
    }
  }
}

/** The same calls through a plain libsql client (not opened here): no shared connection to prepare on. */
class ClientSql implements Sql {
  constructor(private readonly client: Client) {}

  async all(sql: string, args: readonly InValue[] = []): Promise<SqlRow[]> {
    const r = await this.client.execute({ sql, args: [...args] });
    return r.rows as unknown as SqlRow[];
  }

  async run(sql: string, args: readonly InValue[] = []): Promise<number> {
    return (await this.client.execute({ sql, args: [...args] })).rowsAffected;
  }

  async write(statements: readonly SqlStatement[]): Promise<SqlResult[]> {
    const results = await this.client.batch(
      statements.map(({ sql, args = [] }) => ({ sql, args: [...args] })),
      "write",
    );
    return results.map((r) => ({ rows: r.rows as unknown as SqlRow[], changes: r.rowsAffected }));
  }

  async transaction<T>(work: (tx: SqlTransaction) => Promise<T>): Promise<T> {
    const tx = await this.client.transaction("write");
    try {
      const result = await work({
        all: async (sql, args = []) =>
          (await tx.execute({ sql, args: [...args] })).rows as unknown as SqlRow[],
        run: async (sql, args = []) => (await tx.execute({ sql, args: [...args] })).rowsAffected,
      });
      await tx.commit();
      return result;
    } catch (error) {
      await tx.rollback().catch(() => undefined);
      throw error;
    } finally {
      tx.close();
    }
  }
}

const isBusy = (error: unknown) =>
  (error as { code?: unknown })?.code === "SQLITE_BUSY" ||
  /SQLITE_BUSY/.test(String((error as Error)?.message));

/**
 * After SQLITE_BUSY, libsql leaves the failed statement active on its connection, and every later commit on it
 * fails ("cannot commit transaction - SQL statements in progress") even once the lock is gone. So a busy error
 * reopens the connection (the error still reaches the caller, who retries), with the per-connection settings.
 */
function healAfterBusy(client: Client, shared: Shared) {
  const execute = client.execute.bind(client) as (sql: string) => Promise<unknown>;
  const gate = shared.gate;
  for (const name of ["execute", "batch", "executeMultiple", "transaction"] as const) {
    const original = (client[name] as (...args: unknown[]) => Promise<unknown>).bind(client);
    (client as unknown as Record<string, unknown>)[name] = async (...args: unknown[]) => {
      await gate.enter();
      let held = false;
      try {
        if (shared.reopened) {
          shared.reopened = false;
          for (const setting of shared.settings) await execute(setting);
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
          shared.reopened = true;
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
