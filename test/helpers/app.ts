import { MemoryStaffStore } from "../../src/channels/web/staff/index.ts";
import { loadConfig } from "../../src/config.ts";
import { MemorySessionStore, type SessionStore } from "../../src/conversation/session.ts";
import { MemoryHandoffStore } from "../../src/features/handoff/index.ts";
import { MemoryQueryLog } from "../../src/features/insights/index.ts";
import type { Logger } from "../../src/log.ts";
import { DEFAULT_ASSETS_DIR } from "../../src/node/assets.ts";
import { loadCatalogue } from "../../src/node/catalogue.ts";
import { loadSearcher } from "../../src/node/search.ts";
import { nodeUnitScope } from "../../src/node/unit-scope.ts";
import { createApp } from "../../src/server/app.ts";
import { assemble } from "../../src/server/assemble.ts";
import { createPacer } from "../../src/server/pace.ts";

/** Retries of the reply outbox in tests: the same rules, in milliseconds instead of seconds. */
export const FAST_RETRIES = { backoffMs: 20, maxBackoffMs: 200, maxAttempts: 10_000 };

/** Waits until every acknowledged update is answered and what could be sent is sent. */
export async function settle(): Promise<void> {
  const { pendingWork } = await import("../../src/server/app.ts");
  while (pendingWork.size > 0) await Promise.allSettled([...pendingWork]);
}

/**
 * Loaded once per test worker (files share a worker's modules, vitest.config.ts): the real catalogue and search
 * index. Every record shard read is kept: the audits and evaluations read each procedure many times over, and
 * re-reading evicted shards was most of their time. The cache's bound itself is tested in test/node/build.test.ts.
 */
export const catalogue = loadCatalogue(DEFAULT_ASSETS_DIR, {
  shardCacheChars: Number.MAX_SAFE_INTEGER,
  recordCacheChars: Number.MAX_SAFE_INTEGER,
});
export const searcher = loadSearcher();

export interface RecordingLogger extends Logger {
  lines: { level: string; message: string; data?: Record<string, unknown> }[];
}

export function recordingLogger(): RecordingLogger {
  const lines: RecordingLogger["lines"] = [];
  return {
    lines,
    debug: (message, data) => lines.push({ level: "debug", message, data }),
    info: (message, data) => lines.push({ level: "info", message, data }),
    warn: (message, data) => lines.push({ level: "warn", message, data }),
    error: (message, data) => lines.push({ level: "error", message, data }),
  };
}

/** The real app, wired like the Node entry, with the given environment and session store. */
export function buildApp(
  env: Record<string, string> = {},
  sessions: SessionStore = new MemorySessionStore(),
) {
  const log = recordingLogger();
  const handoffs = new MemoryHandoffStore();
  const staff = new MemoryStaffStore();
  const insights = new MemoryQueryLog(handoffs);
  const deps = assemble({
    config: loadConfig(env),
    catalogue,
    searcher,
    sessions,
    unitScope: nodeUnitScope(),
    handoffs,
    staff,
    insights,
    pacer: createPacer(),
    log,
    delivery: FAST_RETRIES,
  });
  return { app: createApp(deps), deps, log, sessions, handoffs, staff, insights };
}

/** The real app on a real SQLite file (migrated), with the dossier store, as `npm start` wires it. */
export async function buildAppWithDatabase(env: Record<string, string> = {}, clock?: () => Date) {
  const { mkdtempSync } = await import("node:fs");
  const { tmpdir } = await import("node:os");
  const { join } = await import("node:path");
  const { openDatabase } = await import("../../src/node/database.ts");
  const { migrate } = await import("../../src/node/session-store.ts");
  const { sqliteStores } = await import("../../src/node/stores.ts");
  const { MIGRATIONS_DIR } = await import("../../src/node/paths.ts");
  const file = join(mkdtempSync(join(tmpdir(), "dvc-db-")), "dvc.sqlite");
  const client = await openDatabase(`file:${file}`);
  await migrate(client, MIGRATIONS_DIR);
  const log = recordingLogger();
  const stores = sqliteStores(client);
  const { dossierStore, outbox, handoffs, staff, insights } = stores;
  const deps = assemble({
    config: loadConfig(env),
    catalogue,
    searcher,
    unitScope: nodeUnitScope(),
    ...stores,
    pacer: createPacer(),
    log,
    clock,
    delivery: FAST_RETRIES,
  });
  return { app: createApp(deps), deps, log, client, dossierStore, outbox, handoffs, staff, insights, file };
}

/** Serves a fetch handler on 127.0.0.1 at a free port; returns the server and its base URL. */
export async function listen(fetch: (req: Request) => Response | Promise<Response>) {
  const { serve } = await import("@hono/node-server");
  const server = serve({ fetch, port: 0, hostname: "127.0.0.1" });
  await new Promise((r) => server.once("listening", r));
  const { port } = server.address() as import("node:net").AddressInfo;
  return { server, base: `http://127.0.0.1:${port}` };
}

/** What /api/chat answers, as far as tests read it. */
export interface ChatBody {
  lang: string;
  replies: {
    blocks: { type: string; text: string }[];
    buttons: { label: string; action?: string; url?: string }[][];
  }[];
  meta: { intent: string; code?: string; codes?: string[]; detail?: string; notes?: string[] };
}

/**
 * Asks /api/chat of an app: each call a new conversation (`<prefix>-<n>`) unless a session id is given. A status
 * other than 200 throws, naming the message.
 */
export function chatWith(
  app: { request: (path: string, init: RequestInit) => Response | Promise<Response> },
  prefix: string,
) {
  let n = 0;
  return async (text: string, sessionId = `${prefix}-${++n}`): Promise<ChatBody> => {
    const res = await app.request("/api/chat", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ text, sessionId }),
    });
    if (res.status !== 200) throw new Error(`/api/chat answered ${res.status} to ${JSON.stringify(text)}`);
    return (await res.json()) as ChatBody;
  };
}

/** The codes a reply shows, first first: a card's, or a list's. */
export const shownCodes = (body: ChatBody): string[] =>
  body.meta.code ? [body.meta.code] : (body.meta.codes ?? []);
