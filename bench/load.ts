import { type ChildProcess, fork } from "node:child_process";
import autocannon from "autocannon";
import { FakeTelegram } from "../test/e2e/fake-telegram.ts";
import { textUpdate } from "../test/e2e/updates.ts";
import { INGEST_TOKEN, mixedUpdates, SECRET, startServer, TEXTS } from "./load-updates.ts";
import { mb, ms, summarize, table } from "./stats.ts";

/**
 * `npm run bench:load`: the Telegram webhook under load, with autocannon on loopback, against a bare Hono route
 * measured in the same run, and the Bot API (a fake on 127.0.0.1) slow, failing or down. Figures, not a pass/fail
 * test. Environment: BENCH_SECONDS (per load step, default 5), BENCH_UPDATES (for the memory step, default 100000:
 * about 10–20 minutes on a shared 2-core machine; BENCH_UPDATES=5000 for a quick run),
 * BENCH_SLOW (updates sent while the Bot API takes 10 s, default 10), BENCH_FAULTS (updates per fault episode,
 * default 100), BENCH_PROF=<dir> (a --cpu-prof of the server process), BENCH_STEPS (some of
 * cpu,load,slow,faults,ingest,memory; all by default) and BENCH_CONCURRENCY (the load step's, default 10,50,200). The server process runs as `npm start`'s does
 * (bench/load-updates.ts, startServer).
 */
const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const UPDATES = Number(process.env.BENCH_UPDATES ?? 100_000);
const SLOW = Number(process.env.BENCH_SLOW ?? 10);
const FAULTS = Number(process.env.BENCH_FAULTS ?? 100);
const CPU_UPDATES = Number(process.env.BENCH_CPU ?? 500);
/** The load step's concurrencies (BENCH_CONCURRENCY="50" for one), and the steps to run (BENCH_STEPS, all by default). */
const CONCURRENCY = (process.env.BENCH_CONCURRENCY ?? "10,50,200").split(",").map(Number);
const STEPS = new Set((process.env.BENCH_STEPS ?? "cpu,load,slow,faults,ingest,memory").split(","));

let updateId = 700_000_000;
const sleep = (n: number) => new Promise((r) => setTimeout(r, n));

interface Stats {
  maxLoopMs: number;
  gcs: Record<"minor" | "major", { n: number; ms: number }>;
  peakHeap: number;
  maxCpuBlockMs: number;
  cpuMs: number;
  maxGcMs: number;
  rss: number;
  heap: number;
  pending: number;
  stats: Record<string, number> | null;
  samples: number[];
  bare: number[];
}

function ask(child: ChildProcess, cmd: string, extra: Record<string, unknown> = {}): Promise<Stats> {
  return new Promise((resolve) => {
    const on = (m: { cmd: string } & Stats) => {
      if (m.cmd !== cmd) return;
      child.off("message", on);
      resolve(m);
    };
    child.on("message", on);
    child.send({ cmd, ...extra });
  });
}

/** Real updates of every kind the bot answers: text in five languages, a code, a follow-up, button presses. */
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);

/** autocannon against one URL; every request a new update (fresh update_id, one of 1,000 chats). */
function load(url: string, connections: number, opts: { seconds?: number; amount?: number }) {
  const latencies: number[] = [];
  return new Promise<{ rps: number; latencies: number[]; non2xx: number; errors: number }>(
    (resolve, reject) => {
      const instance = autocannon(
        {
          url,
          connections,
          ...(opts.amount ? { amount: opts.amount } : { duration: opts.seconds ?? SECONDS }),
          timeout: 30,
          requests: [
            {
              method: "POST",
              headers: { "content-type": "application/json", "X-Telegram-Bot-Api-Secret-Token": SECRET },
              setupRequest: (req) => {
                const id = updateId++;
                const body = JSON.stringify(
                  textUpdate(TEXTS[id % TEXTS.length] ?? "", { chatId: 10_000 + (id % 1000), updateId: id }),
                );
                return { ...req, body };
              },
            },
          ],
        },
        (error, result) => {
          if (error) return reject(error);
          const seconds = result.duration || 1;
          resolve({
            rps: result.requests.total / seconds,
            latencies,
            non2xx: result.non2xx,
            errors: result.errors,
          });
        },
      );
      instance.on("response", (_client, _status, _bytes, responseTime) => latencies.push(responseTime));
    },
  );
}

async function post(base: string, update: unknown): Promise<{ status: number; ms: number }> {
  const t = performance.now();
  try {
    const res = await fetch(`${base}/webhooks/telegram`, {
      method: "POST",
      headers: { "content-type": "application/json", "X-Telegram-Bot-Api-Secret-Token": SECRET },
      body: JSON.stringify(update),
    });
    await res.arrayBuffer();
    return { status: res.status, ms: performance.now() - t };
  } catch {
    return { status: 0, ms: performance.now() - t };
  }
}

/** Like Telegram: an update answered with anything but 2xx is delivered again (here up to 5 times, 1 s apart). */
async function deliver(base: string, update: unknown) {
  for (let attempt = 0; attempt < 6; attempt++) {
    const { status } = await post(base, update);
    if (status >= 200 && status < 300) return;
    await sleep(1000);
  }
}

async function waitQuiet(child: ChildProcess, telegram: FakeTelegram, maxMs: number) {
  const end = Date.now() + maxMs;
  let last = -1;
  while (Date.now() < end) {
    const { pending } = await ask(child, "stats");
    const calls = telegram.calls.length;
    if (pending === 0 && calls === last) return;
    last = calls;
    await sleep(500);
  }
}

/**
 * A process that does nothing but measure its event loop's delay, from start() (once it is up: its own start-up
 * is not in the figure) until stop() (its longest delay, in ms).
 */
function idleLoop(): { start(): Promise<void>; stop(): Promise<number> } {
  const script = `const h = require("node:perf_hooks").monitorEventLoopDelay({ resolution: 5 }); h.enable();
    process.on("message", (m) => { if (m === "start") { h.reset(); process.send("started"); return; }
      process.send(h.max / 1e6); process.exit(0); });`;
  const idle = fork("-e", [script], { execArgv: [], stdio: ["ignore", "inherit", "inherit", "ipc"] });
  return {
    start: () =>
      new Promise<void>((resolve) => {
        idle.once("message", () => resolve());
        idle.send("start");
      }),
    stop: () =>
      new Promise<number>((resolve) => {
        idle.once("message", (m) => resolve(Number(m)));
        idle.send("stop");
      }),
  };
}

async function main() {
  const telegram = new FakeTelegram();
  const apiRoot = await telegram.start();
  const server = await startServer(apiRoot, process.env.BENCH_PROF);
  const { child } = server;
  const app = `http://127.0.0.1:${server.appPort}`;
  const bare = `http://127.0.0.1:${server.barePort}`;
  const out: string[] = [];

  // Warm-up (JIT, caches), then quiet.
  await load(`${app}/webhooks/telegram`, 10, { amount: 300 });
  await load(`${bare}/webhooks/telegram`, 10, { amount: 300 });
  await waitQuiet(child, telegram, 30_000);

  if (STEPS.has("cpu")) {
    // 0. CPU per update, one at a time, against the bare route's CPU per request in the same process: the first 500
    // updates after start (V8 still compiling the hot code on its background threads, which the process's CPU time
    // counts), then, after 2,500 more, the steady state a running server is in.
    const mixed = (n: number) => mixedUpdates(n, () => updateId++).map((u) => u.body);
    const cold = await ask(child, "cpu", { updates: mixed(500) });
    await ask(child, "cpu", { updates: mixed(2500) });
    const cpu = await ask(child, "cpu", { updates: mixed(CPU_UPDATES) });
    const cpuRow = (name: string, xs: number[]) => {
      const s = summarize(xs);
      return [name, ms(mean(xs)), ms(s.p50), ms(s.p95), ms(s.p99), ms(s.max)];
    };
    out.push(
      `CPU per Telegram update, one at a time (${CPU_UPDATES} mixed updates: webhook → answer committed → sent to the Bot API)`,
    );
    out.push(
      table([
        ["", "mean", "p50", "p95", "p99", "max"],
        cpuRow("webhook, first 500 after start", cold.samples),
        cpuRow("webhook, after 3,000 updates", cpu.samples),
        cpuRow("bare Hono", cpu.bare),
      ]),
    );
    out.push("");
    await waitQuiet(child, telegram, 30_000);
  }

  if (STEPS.has("load")) {
    // 1. Throughput and latency at 10, 50 and 200 concurrent, webhook vs bare route, each with the longest event-loop
    // block of its step (the webhook's until every answer was sent). An idle process measures its own event loop
    // meanwhile: the machine's scheduling noise, the floor of any event-loop figure.
    const idle = idleLoop();
    await idle.start();
    await ask(child, "reset");
    const rows: (string | number)[][] = [
      [
        "concurrent",
        "route",
        "updates/s",
        "p50",
        "p95",
        "p99",
        "non-2xx",
        "vs bare (rate, p99)",
        "answered/s",
        "CPU/update",
        "longest block (CPU)",
      ],
    ];
    let loopMax = 0;
    let maxCpuBlockMs = 0;
    let maxGcMs = 0;
    /** The webhook steps' garbage collection: scavenges and mark-compacts, their total time, the peak heap. */
    const gc = { minor: { n: 0, ms: 0 }, major: { n: 0, ms: 0 }, peakHeap: 0 };
    /** The longest event-loop block since the last reset, in wall time and in the loop thread's CPU time. */
    const block = async (route: "bare" | "webhook") => {
      const s = await ask(child, "stats");
      loopMax = Math.max(loopMax, s.maxLoopMs);
      maxCpuBlockMs = Math.max(maxCpuBlockMs, s.maxCpuBlockMs);
      maxGcMs = Math.max(maxGcMs, s.maxGcMs);
      if (route === "webhook") {
        for (const kind of ["minor", "major"] as const) {
          gc[kind].n += s.gcs[kind].n;
          gc[kind].ms += s.gcs[kind].ms;
        }
        gc.peakHeap = Math.max(gc.peakHeap, s.peakHeap);
      }
      return `${ms(s.maxLoopMs)} (${ms(s.maxCpuBlockMs)})`;
    };
    for (const c of CONCURRENCY) {
      const cpuBare = (await ask(child, "reset")).cpuMs;
      const b = await load(`${bare}/webhooks/telegram`, c, { seconds: SECONDS });
      const bareBlock = await block("bare");
      const before = await ask(child, "reset");
      const committed = before.stats?.committed ?? 0;
      const started = performance.now();
      const w = await load(`${app}/webhooks/telegram`, c, { seconds: SECONDS });
      const bs = summarize(b.latencies);
      const ws = summarize(w.latencies);
      rows.push([
        c,
        "bare Hono",
        b.rps.toFixed(0),
        ms(bs.p50),
        ms(bs.p95),
        ms(bs.p99),
        b.non2xx + b.errors,
        "",
        "",
        `${((1000 * (before.cpuMs - cpuBare)) / Math.max(1, b.rps * SECONDS)).toFixed(0)} µs`,
        bareBlock,
      ]);
      rows.push([
        c,
        "webhook",
        w.rps.toFixed(0),
        ms(ws.p50),
        ms(ws.p95),
        ms(ws.p99),
        w.non2xx + w.errors,
        `${((100 * w.rps) / b.rps).toFixed(0)}%, ${(ws.p99 / bs.p99).toFixed(1)}×`,
      ]);
      await waitQuiet(child, telegram, 300_000);
      // Answers committed per second, from the first update of the step until every answer was sent; the server's
      // CPU time per update over the same span (acknowledged, answered and sent).
      const after = await ask(child, "stats");
      const answered = (after.stats?.committed ?? 0) - committed;
      (rows.at(-1) as (string | number)[]).push(
        (answered / ((performance.now() - started) / 1000)).toFixed(0),
        `${((1000 * (after.cpuMs - before.cpuMs)) / Math.max(1, answered)).toFixed(0)} µs`,
        await block("webhook"),
      );
    }
    const idleMax = await idle.stop();
    out.push(
      `webhook under load (autocannon, ${SECONDS} s per step, loopback; answers sent to a fake Bot API)`,
    );
    out.push(table(rows));
    out.push(
      `longest event-loop block during the load steps: ${ms(loopMax)}, in the server's CPU time ${ms(maxCpuBlockMs)} ` +
        `(longest garbage-collection pause: ${ms(maxGcMs)}; an idle process on this machine meanwhile: ${ms(idleMax)})`,
      `garbage collection in the webhook steps (until every answer was sent): ${gc.minor.n} scavenges ` +
        `(${ms(gc.minor.ms)} in all), ${gc.major.n} mark-compacts (${ms(gc.major.ms)}), peak heap ${mb(gc.peakHeap)}`,
    );
  }

  if (STEPS.has("slow")) {
    // 2. A 10-second Bot API: how long the webhook takes to answer Telegram.
    telegram.delays.set("sendMessage", { count: Number.MAX_SAFE_INTEGER, ms: 10_000 });
    const slow: number[] = [];
    for (let i = 0; i < SLOW; i++)
      slow.push(
        (await post(app, textUpdate("làm hộ chiếu", { chatId: 50_000 + i, updateId: updateId++ }))).ms,
      );
    telegram.delays.clear();
    const s = summarize(slow);
    out.push(`\nwebhook response with a 10 s Bot API (${SLOW} updates): p50 ${ms(s.p50)}, max ${ms(s.max)}`);
    await waitQuiet(child, telegram, 60_000);
  }

  if (STEPS.has("faults")) {
    // 3. Fault episodes: 429 with retry_after, 500s, the Bot API down; Telegram redelivers on non-2xx.
    const reference = textUpdate("qzxqzx wvwvwv", { chatId: 59_999, updateId: updateId++ });
    telegram.clear();
    await deliver(app, reference);
    await waitQuiet(child, telegram, 10_000);
    const parts = Math.max(1, telegram.sent().filter((m) => String(m.chat_id) === "59999").length);
    const chats: number[] = [];
    const episode = async (first: number) => {
      const sends: Promise<void>[] = [];
      for (let i = 0; i < FAULTS; i++) {
        const chatId = first + i;
        chats.push(chatId);
        sends.push(deliver(app, textUpdate("qzxqzx wvwvwv", { chatId, updateId: updateId++ })));
      }
      return sends;
    };
    telegram.clear();
    telegram.failures.set("sendMessage", {
      count: FAULTS / 2,
      code: 429,
      description: "Too Many Requests",
      retryAfter: 1,
    });
    const a = await episode(60_000);
    await Promise.all(a);
    telegram.failures.set("sendMessage", {
      count: FAULTS / 2,
      code: 500,
      description: "Internal Server Error",
    });
    const b = await episode(61_000);
    await Promise.all(b);
    telegram.down = true;
    const d = await episode(62_000);
    await sleep(3000);
    telegram.down = false;
    await Promise.all(d);
    await waitQuiet(child, telegram, 120_000);
    const counts = new Map<string, number>();
    for (const m of telegram.sent()) counts.set(String(m.chat_id), (counts.get(String(m.chat_id)) ?? 0) + 1);
    const delivered = chats.filter((c) => (counts.get(String(c)) ?? 0) >= parts).length;
    const duplicates = chats.reduce((n, c) => n + Math.max(0, (counts.get(String(c)) ?? 0) - parts), 0);
    out.push(
      `\nreplies delivered after Bot API episodes (${FAULTS} updates each: 429 retry_after 1 s, 500s, down 3 s): ` +
        `${delivered}/${chats.length} (${((100 * delivered) / chats.length).toFixed(1)}%), ${duplicates} duplicate messages`,
    );
  }

  if (STEPS.has("ingest")) {
    // 4. One 5,000-event dossier batch: how long the server stops answering while it is stored.
    const events = Array.from({ length: 5000 }, (_, i) => ({
      eventId: `load-bench-${Date.now()}-${i}`,
      dossierCode: `000.00.19.H48-261203-${String(i).padStart(4, "0")}`,
      procedureCode: "1.004194",
      status: "received",
      occurredAt: new Date().toISOString(),
      applicantName: "Nguyễn Văn An",
      phone: "0912345678",
    }));
    await ask(child, "reset");
    const health: number[] = [];
    let storing = true;
    const probe = (async () => {
      while (storing) {
        const t0 = performance.now();
        await fetch(`${app}/healthz`).then((r) => r.arrayBuffer());
        health.push(performance.now() - t0);
        await sleep(5);
      }
    })();
    const t0 = performance.now();
    const stored = await fetch(`${app}/api/dossiers/events`, {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${INGEST_TOKEN}` },
      body: JSON.stringify({ events }),
    });
    const took = performance.now() - t0;
    storing = false;
    await probe;
    const { maxLoopMs: ingestLoop, maxCpuBlockMs: ingestCpu } = await ask(child, "stats");
    out.push(
      `\none 5,000-event dossier batch (${stored.status}, ${ms(took)}): longest event-loop block ${ms(ingestLoop)} ` +
        `(CPU ${ms(ingestCpu)}), ` +
        `slowest /healthz meanwhile ${ms(Math.max(...health))} (${health.length} probes)`,
    );
  }

  if (STEPS.has("memory")) {
    // 5. Memory over many updates.
    await ask(child, "gc");
    const start = await ask(child, "gc");
    const before = start.rss;
    const t = performance.now();
    const mem = await load(`${app}/webhooks/telegram`, 50, { amount: UPDATES });
    // Until every answer was sent (at a few hundred answers a second on a shared machine, 100,000 take minutes).
    await waitQuiet(child, telegram, 900_000);
    await ask(child, "gc");
    const after = await ask(child, "gc");
    out.push(
      `\nRSS over ${UPDATES.toLocaleString("en")} updates (${((performance.now() - t) / 1000).toFixed(0)} s, ` +
        `${mem.non2xx + mem.errors} non-2xx): ${mb(before)} → ${mb(after.rss)} ` +
        `(${(((after.rss - before) / before) * 100).toFixed(1)}%), heap used ${mb(start.heap)} → ${mb(after.heap)}` +
        (after.stats ? `; outbox: ${JSON.stringify(after.stats)}` : "") +
        (after.pending > 0 ? ` (${after.pending} still waiting to be answered when measured)` : ""),
    );
  }

  await server.stop();
  await telegram.stop();
  console.log(out.join("\n"));
  process.exit(0);
}

await main();
