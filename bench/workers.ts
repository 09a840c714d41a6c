/**
 * `npm run bench:workers` (npm run bench runs it last): the Worker's figures, measured in workerd on this machine,
 * each beside a baseline measured in the same run.
 *   - script size, raw and gzipped, from `wrangler deploy --dry-run --outdir` (goal ≤ 3 MiB gzipped);
 *   - start-up of a fresh isolate: (workerd ready + first request) of the Worker minus the same for a one-line
 *     Worker, the first request being the one that loads catalogue and index from the assets (goal ≤ 200 ms);
 *   - CPU per request: CPU time of the workerd process (/proc) over sequential requests, divided by their count,
 *     beside /healthz (the floor of a request through workerd). It includes the local KV simulation, so it is an
 *     upper bound of what the platform bills (goal ≤ 10 ms for a search-and-answer);
 *   - isolate heap after 1,000 varied requests (search, cards from every shard, chat), through the V8 inspector
 *     after a collection (goal ≤ 64 MB);
 *   - `wrangler dev` starts offline and answers /healthz and /api/procedures?q=.
 * Needs Node's WebSocket (the package script passes --experimental-websocket on Node 20).
 */
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { gzipSync } from "node:zlib";
import { Miniflare } from "miniflare";
import { DEFAULT_ASSETS_DIR as WORKER_ASSETS_DIR } from "../src/node/assets.ts";
import { buildAssets } from "../src/node/build.ts";
import evalFresh from "../test/search/eval-fresh.json" with { type: "json" };
import { mb, ms, summarize, table } from "./stats.ts";

const ROOT = resolve(import.meta.dirname, "..");
const MiB = 1024 * 1024;
const quiet = { ...process.env, WRANGLER_SEND_METRICS: "false", NO_COLOR: "1" };

function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once("error", fail);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => done(port));
    });
  });
}

/** The bundle wrangler would upload. */
function dryRun(): { dir: string; raw: number; gzipped: number } {
  const dir = mkdtempSync(join(tmpdir(), "dvc-worker-"));
  execFileSync("npx", ["wrangler", "deploy", "--dry-run", "--outdir", dir], {
    cwd: ROOT,
    env: quiet,
    stdio: "pipe",
  });
  const script = readFileSync(join(dir, "index.js"));
  return { dir, raw: script.byteLength, gzipped: gzipSync(script, { level: 9 }).byteLength };
}

function assetBytes(dir: string): { raw: number; files: number } {
  let raw = 0;
  let files = 0;
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else {
        raw += statSync(p).size;
        files++;
      }
    }
  };
  walk(dir);
  return { raw, files };
}

/** CPU seconds (user + system) of the workerd processes this one started. */
function workerdCpuSeconds(): number {
  let ticks = 0;
  const children = (pid: number): number[] => {
    const out: number[] = [];
    for (const task of readdirSync(`/proc/${pid}/task`)) {
      const text = readFileSync(`/proc/${pid}/task/${task}/children`, "utf8").trim();
      if (text) out.push(...text.split(/\s+/).map(Number));
    }
    return out;
  };
  const walk = (pid: number) => {
    for (const child of children(pid)) {
      try {
        const comm = readFileSync(`/proc/${child}/comm`, "utf8").trim();
        if (comm === "workerd") {
          const fields = readFileSync(`/proc/${child}/stat`, "utf8").split(") ")[1]?.split(" ") ?? [];
          ticks += Number(fields[11]) + Number(fields[12]);
        }
        walk(child);
      } catch {
        // The process ended meanwhile.
      }
    }
  };
  walk(process.pid);
  return ticks / 100;
}

const TRIVIAL = `export default { fetch() { return new Response("ok"); } };`;

async function startWorker(options: { script: string; inspectorPort?: number }) {
  const started = performance.now();
  const mf = new Miniflare({
    modules: true,
    scriptPath: options.script,
    modulesRoot: dirname(options.script),
    compatibilityDate: "2026-04-20",
    compatibilityFlags: ["nodejs_compat"],
    d1Databases: ["DB"],
    kvNamespaces: ["KV"],
    assets: {
      directory: WORKER_ASSETS_DIR,
      binding: "ASSETS",
      routerConfig: { has_user_worker: true, invoke_user_worker_ahead_of_assets: true },
    },
    bindings: { LOG_LEVEL: "silent" },
    ...(options.inspectorPort ? { inspectorPort: options.inspectorPort } : {}),
  });
  await mf.ready;
  const ready = performance.now() - started;
  return { mf, ready };
}

async function timed(mf: Miniflare, path: string, init?: RequestInit) {
  const t = performance.now();
  const res = await mf.dispatchFetch(`http://worker.local${path}`, init as never);
  await res.arrayBuffer();
  if (res.status >= 500) throw new Error(`${path}: HTTP ${res.status}`);
  return performance.now() - t;
}

/** Start-up of a fresh isolate, three times each (median), against a one-line Worker. */
async function startUp(script: string) {
  const dir = mkdtempSync(join(tmpdir(), "dvc-trivial-"));
  const trivial = join(dir, "index.js");
  writeFileSync(trivial, TRIVIAL);
  const ours: number[] = [];
  const base: number[] = [];
  const firstRequest: number[] = [];
  for (let i = 0; i < 3; i++) {
    const b = await startWorker({ script: trivial });
    const bFirst = await timed(b.mf, "/");
    base.push(b.ready + bFirst);
    await b.mf.dispose();
    const o = await startWorker({ script });
    const oFirst = await timed(o.mf, "/healthz");
    const warm = summarize(await Promise.all([1, 2, 3].map(() => timed(o.mf, "/healthz")))).p50;
    ours.push(o.ready + oFirst - warm);
    firstRequest.push(oFirst - warm);
    await o.mf.dispose();
  }
  const median = (xs: number[]) => summarize(xs).p50;
  return { ours: median(ours), base: median(base), firstRequest: median(firstRequest) };
}

const queries = evalFresh.queries.map((q) => q.q);

/** CPU per request over sequential requests of one kind, with the workerd process's own counters. */
async function cpuPer(mf: Miniflare, n: number, request: (i: number) => [string, RequestInit?]) {
  const before = workerdCpuSeconds();
  const t = performance.now();
  for (let i = 0; i < n; i++) await timed(mf, ...request(i));
  return { cpuMs: ((workerdCpuSeconds() - before) * 1000) / n, wallMs: (performance.now() - t) / n };
}

const chat = (i: number): [string, RequestInit] => [
  "/api/chat",
  {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ text: queries[i % queries.length], sessionId: `bench-session-${i % 200}` }),
  },
];
const search = (i: number): [string] => [
  `/api/procedures?q=${encodeURIComponent(queries[i % queries.length] ?? "")}&limit=5`,
];

/** The isolate's V8 heap through the inspector, after a full collection. */
async function isolateHeap(inspectorPort: number): Promise<{ used: number; total: number }> {
  const targets = (await (await fetch(`http://127.0.0.1:${inspectorPort}/json`)).json()) as {
    webSocketDebuggerUrl: string;
    title?: string;
  }[];
  const target = targets.find((t) => !/^core:(?!user)/.test(t.title ?? "")) ?? targets[0];
  if (!target) throw new Error("no inspector target");
  const ws = new WebSocket(target.webSocketDebuggerUrl);
  await new Promise((done, fail) => {
    ws.onopen = done;
    ws.onerror = fail;
  });
  let id = 0;
  const call = (method: string) =>
    new Promise<Record<string, unknown>>((done) => {
      const mine = ++id;
      ws.addEventListener("message", function listener(event) {
        const message = JSON.parse(String(event.data)) as { id?: number; result?: Record<string, unknown> };
        if (message.id !== mine) return;
        ws.removeEventListener("message", listener);
        done(message.result ?? {});
      });
      ws.send(JSON.stringify({ id: mine, method }));
    });
  await call("HeapProfiler.collectGarbage");
  const usage = await call("Runtime.getHeapUsage");
  ws.close();
  return { used: Number(usage.usedSize), total: Number(usage.totalSize) };
}

/** `npx wrangler dev`, offline, answers /healthz and a search; stopped afterwards. */
async function wranglerDev(): Promise<string> {
  const port = await freePort();
  const child: ChildProcess = spawn(
    "npx",
    [
      "wrangler",
      "dev",
      "--ip",
      "127.0.0.1",
      "--port",
      String(port),
      "--inspector-port",
      String(await freePort()),
    ],
    { cwd: ROOT, env: quiet, stdio: "pipe", detached: true },
  );
  let output = "";
  child.stdout?.on("data", (d) => {
    output += d;
  });
  child.stderr?.on("data", (d) => {
    output += d;
  });
  const started = performance.now();
  try {
    for (;;) {
      if (performance.now() - started > 90_000)
        throw new Error(`wrangler dev did not answer: ${output.slice(-500)}`);
      try {
        const res = await fetch(`http://127.0.0.1:${port}/healthz`);
        if (res.ok) {
          const health = (await res.json()) as { procedures: number };
          const search = (await (
            await fetch(`http://127.0.0.1:${port}/api/procedures?q=${encodeURIComponent("cấp hộ chiếu")}`)
          ).json()) as { code: string; name: string }[];
          return `wrangler dev: /healthz ${health.procedures} procedures after ${ms(performance.now() - started)}; /api/procedures?q=cấp hộ chiếu → ${search[0]?.code} ${search[0]?.name}`;
        }
      } catch {
        // Not listening yet.
      }
      await new Promise((r) => setTimeout(r, 500));
    }
  } finally {
    if (child.pid) process.kill(-child.pid, "SIGTERM");
  }
}

export async function benchWorkers(): Promise<string> {
  await buildAssets();
  const bundle = dryRun();
  const script = join(bundle.dir, "index.js");
  const assets = assetBytes(WORKER_ASSETS_DIR);
  const start = await startUp(script);

  const inspectorPort = await freePort();
  const { mf } = await startWorker({ script, inspectorPort });
  await timed(mf, "/healthz");
  const heapAtStart = await isolateHeap(inspectorPort);
  // Warm-up, then the measured runs.
  await cpuPer(mf, 50, chat);
  const health = await cpuPer(mf, 300, () => ["/healthz"]);
  const searchCpu = await cpuPer(mf, 300, search);
  const chatCpu = await cpuPer(mf, 300, chat);
  // 1,000 varied requests: searches, chats and a card from each of many codes (every shard is touched).
  const codes = (
    (await (await mf.dispatchFetch("http://worker.local/api/procedures?q=giay+phep&limit=50")).json()) as {
      code: string;
    }[]
  ).map((r) => r.code);
  const catalogueCodes = (
    JSON.parse(readFileSync(join(WORKER_ASSETS_DIR, "catalogue/index.json"), "utf8")) as {
      entries: { code: string }[];
    }
  ).entries.map((e) => e.code);
  for (let i = 0; i < 1000; i++) {
    const kind = i % 3;
    if (kind === 0) await timed(mf, ...search(i));
    else if (kind === 1) await timed(mf, ...chat(i));
    else {
      const code = catalogueCodes[(i * 97) % catalogueCodes.length] ?? codes[0] ?? "1.004194";
      await timed(mf, `/api/procedures/${code}?lang=${["vi", "en", "zh", "ko", "ja"][i % 5]}`);
    }
  }
  const heapAfter = await isolateHeap(inspectorPort);
  await mf.dispose();
  const dev = await wranglerDev();

  const ratio = (a: number, b: number) => `${(a / b).toFixed(2)}×`;
  return [
    table([
      ["figure", "value", "baseline / goal", "ratio"],
      ["script raw", mb(bundle.raw), "", ""],
      ["script gzipped", mb(bundle.gzipped), "goal 3 MiB", ratio(bundle.gzipped, 3 * MiB)],
      ["static assets (data)", `${mb(assets.raw)} in ${assets.files} files`, "", ""],
      ["fresh isolate start-up", ms(start.ours - start.base), `one-line Worker ${ms(start.base)}`, ""],
      [
        "  of which first request",
        ms(start.firstRequest),
        "goal 200 ms",
        ratio(start.ours - start.base, 200),
      ],
      ["CPU /healthz", ms(health.cpuMs), `wall ${ms(health.wallMs)}`, ""],
      [
        "CPU /api/procedures?q=",
        ms(searchCpu.cpuMs),
        `wall ${ms(searchCpu.wallMs)}`,
        ratio(searchCpu.cpuMs, health.cpuMs),
      ],
      ["CPU /api/chat (search + answer + KV)", ms(chatCpu.cpuMs), "goal 10 ms", ratio(chatCpu.cpuMs, 10)],
      ["isolate heap after start", mb(heapAtStart.used), "", ""],
      [
        "isolate heap after 1,000 requests",
        mb(heapAfter.used),
        "goal 64 MB",
        ratio(heapAfter.used, 64 * MiB),
      ],
    ]),
    dev,
  ].join("\n");
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  console.log(`\n## workers\n${await benchWorkers()}`);
}
