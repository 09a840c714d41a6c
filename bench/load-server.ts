import { monitorEventLoopDelay } from "node:perf_hooks";
import { serve } from "@hono/node-server";
import { createClient } from "@libsql/client";
import { Hono } from "hono";
import { loadConfig } from "../src/config.ts";
import { silentLogger } from "../src/log.ts";
import { loadCatalogue } from "../src/node/catalogue.ts";
import * as database from "../src/node/database.ts";
import { SqliteDossierStore } from "../src/node/dossier-store.ts";
import { MIGRATIONS_DIR } from "../src/node/paths.ts";
import { loadSearcher } from "../src/node/search.ts";
import { migrate, SqliteSessionStore } from "../src/node/session-store.ts";
import { nodeUnitScope } from "../src/node/unit-scope.ts";
import { createApp } from "../src/server/app.ts";
import { assemble } from "../src/server/assemble.ts";

/**
 * The server side of `npm run bench:load`, in its own process as in production: the real app wired like
 * `npm start` (SQLite file, outbox worker) and a bare Hono route, each on its own port. It reports the longest
 * event-loop block and its memory to the parent over IPC.
 */
type Message = { cmd: "reset" } | { cmd: "stats" } | { cmd: "gc" };

const url = `file:${process.env.BENCH_DB}`;
const client =
  "openDatabase" in database
    ? await (database as { openDatabase(u: string): Promise<ReturnType<typeof createClient>> }).openDatabase(
        url,
      )
    : createClient({ url });
await migrate(client, MIGRATIONS_DIR);
let outbox: unknown = null;
try {
  const m = await import("../src/node/outbox.ts");
  outbox = new m.SqliteReplyOutbox(client);
} catch {
  // Before the outbox existed: the webhook answers inline.
}
const deps = assemble({
  config: loadConfig({
    TELEGRAM_BOT_TOKEN: process.env.BENCH_TOKEN,
    TELEGRAM_WEBHOOK_SECRET: process.env.BENCH_SECRET,
    TELEGRAM_API_ROOT: process.env.BENCH_API_ROOT,
  }),
  catalogue: loadCatalogue(),
  searcher: loadSearcher(),
  sessions: new SqliteSessionStore(client),
  unitScope: nodeUnitScope(),
  dossierStore: new SqliteDossierStore(client),
  log: silentLogger,
  ...(outbox ? { outbox } : {}),
} as Parameters<typeof assemble>[0]);
const pipeline = (deps as { pipeline?: { start(ms: number): void; stats: Record<string, number> } }).pipeline;
pipeline?.start(1000);

const listen = (fetch: (r: Request) => Response | Promise<Response>) =>
  new Promise<number>((resolve) => {
    const server = serve({ fetch, port: 0, hostname: "127.0.0.1" });
    server.once("listening", () => resolve((server.address() as { port: number }).port));
  });
const bare = new Hono().post("/webhooks/telegram", async (c) => {
  await c.req.json();
  return c.json({ ok: true });
});
const [appPort, barePort] = await Promise.all([listen(createApp(deps).fetch), listen(bare.fetch)]);

const loop = monitorEventLoopDelay({ resolution: 5 });
loop.enable();
const pending = async () => {
  if (!outbox) return 0;
  return (await (outbox as { counts(): Promise<{ pending: number }> }).counts()).pending;
};
process.on("message", async (m: Message) => {
  if (m.cmd === "reset") loop.reset();
  if (m.cmd === "gc") (globalThis as { gc?: () => void }).gc?.();
  process.send?.({
    cmd: m.cmd,
    maxLoopMs: loop.max / 1e6,
    rss: process.memoryUsage().rss,
    pending: await pending(),
    stats: pipeline?.stats ?? null,
  });
});
process.send?.({ cmd: "ready", appPort, barePort });
process.on("SIGTERM", () => process.exit(0));
