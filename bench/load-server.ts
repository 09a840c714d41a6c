import { readFileSync } from "node:fs";
import { monitorEventLoopDelay, PerformanceObserver } from "node:perf_hooks";
import { serve } from "@hono/node-server";
import { Hono } from "hono";
import { loadConfig } from "../src/config.ts";
import { silentLogger } from "../src/log.ts";
import { loadCatalogue } from "../src/node/catalogue.ts";
import { openDatabase } from "../src/node/database.ts";
import { MIGRATIONS_DIR } from "../src/node/paths.ts";
import { loadSearcher } from "../src/node/search.ts";
import { migrate } from "../src/node/session-store.ts";
import { sqliteStores } from "../src/node/stores.ts";
import { nodeUnitScope } from "../src/node/unit-scope.ts";
import { createApp } from "../src/server/app.ts";
import { assemble } from "../src/server/assemble.ts";
import { createPacer } from "../src/server/pace.ts";

/**
 * The server side of `npm run bench:load`, in its own process as in production: the real app wired like
 * `npm start` (SQLite file, outbox worker) and a bare Hono route, each on its own port. It reports the longest
 * event-loop block and its memory to the parent over IPC.
 */
type Message = { cmd: "reset" } | { cmd: "stats" } | { cmd: "gc" } | { cmd: "cpu"; updates: string[] };

const client = await openDatabase(`file:${process.env.BENCH_DB}`);
await migrate(client, MIGRATIONS_DIR);
// Every store as `npm start` wires them (sessions, outbox and inbox, dossiers, handoffs, staff, the query log).
const stores = sqliteStores(client);
const { outbox } = stores;
const deps = assemble({
  config: loadConfig({
    TELEGRAM_BOT_TOKEN: process.env.BENCH_TOKEN,
    TELEGRAM_WEBHOOK_SECRET: process.env.BENCH_SECRET,
    TELEGRAM_API_ROOT: process.env.BENCH_API_ROOT,
    INGEST_TOKEN: process.env.BENCH_INGEST_TOKEN,
  }),
  catalogue: loadCatalogue(),
  searcher: loadSearcher(),
  unitScope: nodeUnitScope(),
  ...stores,
  pacer: createPacer(),
  log: silentLogger,
});
const pipeline = deps.pipeline;
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
const app = createApp(deps);
const [appPort, barePort] = await Promise.all([listen(app.fetch), listen(bare.fetch)]);

/**
 * CPU time of the server process per Telegram update, one update at a time: from the webhook request (through
 * app.request, so without the HTTP server's parsing) until its answer is committed and sent to the Bot API. The
 * whole process's (getrusage: every thread, V8's background compiler and garbage-collection helpers too); the loop
 * thread's own (/proc/thread-self/schedstat) is only brought up to date at the scheduler's ticks, too coarse for
 * a 2 ms update.
 */
async function cpuPerUpdate(updates: string[], target: typeof app | typeof bare): Promise<number[]> {
  const samples: number[] = [];
  for (const body of updates) {
    const before = process.cpuUsage();
    const res = await target.request("/webhooks/telegram", {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "X-Telegram-Bot-Api-Secret-Token": process.env.BENCH_SECRET ?? "",
      },
      body,
    });
    await res.arrayBuffer();
    await pipeline?.idle();
    const used = process.cpuUsage(before);
    samples.push((used.user + used.system) / 1000);
  }
  return samples;
}

const loop = monitorEventLoopDelay({ resolution: 5 });
loop.enable();
/** The process's CPU time (every thread), in ms. */
const cpuNow = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};
/**
 * The CPU time of the event loop's own thread, in ms: Linux's /proc/thread-self/schedstat (nanoseconds on the CPU),
 * read on that thread; elsewhere the whole process's (which also counts V8's garbage-collection helpers and the
 * checkpoint thread, so it errs high).
 */
const loopCpuNow = (() => {
  const read = () => Number(readFileSync("/proc/thread-self/schedstat", "utf8").split(" ")[0]) / 1e6;
  try {
    return Number.isFinite(read()) ? read : cpuNow;
  } catch {
    return cpuNow;
  }
})();
/**
 * The same blocks in CPU time: the event loop's thread's CPU time between two turns of a 5 ms timer. A block in
 * wall time also counts the time the OS did not run the process (two cores shared with the load generator and the
 * fake Bot API, and here with other work); this one counts only what the server's loop itself ran.
 */
let maxCpuBlockMs = 0;
let lastCpu = loopCpuNow();
setInterval(() => {
  const now = loopCpuNow();
  maxCpuBlockMs = Math.max(maxCpuBlockMs, now - lastCpu);
  lastCpu = now;
}, 5).unref();
// The longest garbage-collection pause, to tell a GC pause from a long task in the longest block; how many
// scavenges (minor) and mark-compacts (major) ran and for how long; the highest heap use seen (every 50 ms).
let maxGcMs = 0;
const noGc = () => ({ minor: { n: 0, ms: 0 }, major: { n: 0, ms: 0 } });
let gcs = noGc();
let peakHeap = 0;
setInterval(() => {
  peakHeap = Math.max(peakHeap, process.memoryUsage().heapUsed);
}, 50).unref();
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    maxGcMs = Math.max(maxGcMs, entry.duration);
    // perf_hooks' NODE_PERFORMANCE_GC_MINOR is 1 (a scavenge); the others are a major GC's parts.
    const kind = (entry as { detail?: { kind?: number } }).detail?.kind === 1 ? "minor" : "major";
    gcs[kind].n++;
    gcs[kind].ms += entry.duration;
  }
}).observe({ entryTypes: ["gc"] });
/** Replies not sent yet, and updates acknowledged but not answered yet (the inbox, where it exists). */
const pending = async () => {
  const replies = (await outbox.counts()).pending;
  const inbox = await client
    .execute("SELECT COUNT(*) AS n FROM update_inbox")
    .then((r) => Number(r.rows[0]?.n ?? 0))
    .catch(() => 0);
  return replies + inbox;
};
process.on("message", async (m: Message) => {
  if (m.cmd === "cpu") {
    const samples = await cpuPerUpdate(m.updates, app);
    process.send?.({ cmd: "cpu", samples, bare: await cpuPerUpdate(m.updates, bare) });
    return;
  }
  if (m.cmd === "reset") {
    loop.reset();
    maxCpuBlockMs = 0;
    lastCpu = loopCpuNow();
    maxGcMs = 0;
    gcs = noGc();
    peakHeap = 0;
  }
  if (m.cmd === "gc") (globalThis as { gc?: () => void }).gc?.();
  process.send?.({
    cmd: m.cmd,
    maxLoopMs: loop.max / 1e6,
    maxGcMs,
    gcs,
    peakHeap,
    rss: process.memoryUsage().rss,
    heap: process.memoryUsage().heapUsed,
    pending: await pending(),
    stats: pipeline?.stats ?? null,
    maxCpuBlockMs,
    cpuMs: cpuNow(),
  });
});
process.send?.({ cmd: "ready", appPort, barePort });
process.on("SIGTERM", () => process.exit(0));
