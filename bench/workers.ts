/**
 * `npm run bench:workers` (npm run bench runs it last): the Worker's figures, measured in workerd on this machine,
 * each beside a baseline measured in the same run.
 *   - script size, raw and gzipped, from `wrangler deploy --dry-run --outdir` (goal ≤ 3 MiB gzipped);
 *   - start-up of a fresh isolate: (workerd ready + first request) of the Worker minus the same for a one-line
 *     Worker, the first request being a search-and-answer (/api/chat) that loads what it needs from the assets
 *     (goal ≤ 200 ms), in wall time and in workerd CPU (start and first request, less the one-line Worker's: the
 *     steadier figure on a shared machine), with the workerd CPU that first request took;
 *   - CPU per request: CPU time of the workerd process (/proc) over sequential requests, divided by their count,
 *     beside /healthz (the floor of a request through workerd). It includes the local D1/KV simulation, so it is
 *     an upper bound of what the platform bills (goal ≤ 10 ms for a search-and-answer);
 *   - isolate heap after 1,000 varied requests (search, cards from every shard, chat), through the V8 inspector
 *     after a collection (goal ≤ 64 MB);
 *   - `wrangler dev` starts offline and answers /healthz and /api/procedures?q= (bench/wrangler-dev.ts).
 * Every step has a time limit, and the whole run one (WATCHDOG_MS): a step that hangs fails the run instead of
 * holding it, and every workerd and wrangler this run started is stopped on the way out. Progress goes to stderr.
 * Needs Node's WebSocket (the package script passes --experimental-websocket on Node 20).
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { gzipSync } from "node:zlib";
import { readD1Migrations } from "@cloudflare/vitest-pool-workers";
import { Miniflare } from "miniflare";
import { DEFAULT_ASSETS_DIR as WORKER_ASSETS_DIR } from "../src/node/assets.ts";
import { buildAssets } from "../src/node/build.ts";
import evalFresh from "../test/search/eval-fresh.json" with { type: "json" };
import { workerOptions } from "./miniflare.ts";
import { mb, ms, summarize, table } from "./stats.ts";
import { checkWranglerDev, freePort } from "./wrangler-dev.ts";

const ROOT = resolve(import.meta.dirname, "..");
const MiB = 1024 * 1024;
const quiet = { ...process.env, WRANGLER_SEND_METRICS: "false", NO_COLOR: "1", CI: "1" };
/** The whole run; a loaded machine takes a few minutes, a hang is stopped here. */
const WATCHDOG_MS = 30 * 60_000;
/** One request through workerd (the first ones load catalogue and index). */
const REQUEST_MS = 120_000;
/** Starting or stopping workerd, one inspector call (a heap snapshot of a large heap takes a while). */
const STEP_MS = 180_000;

const benchStarted = performance.now();
/** Progress on stderr, so a slow step is visible while the figures go to stdout. */
const step = (what: string) =>
  process.stderr.write(
    `[bench:workers ${((performance.now() - benchStarted) / 1000).toFixed(1)} s] ${what}\n`,
  );

/** Fails with `what` when `promise` has not settled after `limitMs`. */
function within<T>(promise: Promise<T>, limitMs: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const limit = new Promise<never>((_, fail) => {
    timer = setTimeout(() => fail(new Error(`${what}: no answer after ${limitMs / 1000} s`)), limitMs);
  });
  return Promise.race([promise, limit]).finally(() => clearTimeout(timer));
}

/** The bundle wrangler would upload. */
function dryRun(): { dir: string; raw: number; gzipped: number } {
  const dir = mkdtempSync(join(tmpdir(), "dvc-worker-"));
  execFileSync(
    process.execPath,
    [join(ROOT, "node_modules/wrangler/bin/wrangler.js"), "deploy", "--dry-run", "--outdir", dir],
    { cwd: ROOT, env: quiet, stdio: "pipe", timeout: STEP_MS, killSignal: "SIGKILL" },
  );
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

/**
 * CPU seconds (user + system) of the workerd processes this one started, from their clock ticks (10 ms), or with
 * `fine`, from their live threads' schedstat (nanoseconds; a thread that ended no longer counts).
 */
export function workerdCpuSeconds(fine = false): number {
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
          if (fine)
            for (const task of readdirSync(`/proc/${child}/task`))
              ticks +=
                Number(readFileSync(`/proc/${child}/task/${task}/schedstat`, "utf8").split(" ")[0]) / 1e7;
          else {
            const fields = readFileSync(`/proc/${child}/stat`, "utf8").split(") ")[1]?.split(" ") ?? [];
            ticks += Number(fields[11]) + Number(fields[12]);
          }
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

export const TRIVIAL = `export default { fetch() { return new Response("ok"); } };`;

/** Every Miniflare of this run until disposed; Miniflare also kills its workerd if the process exits. */
const live = new Set<Miniflare>();

export async function startWorker(options: { script: string; inspectorPort?: number }) {
  const started = performance.now();
  const mf = new Miniflare(workerOptions(options.script, options.inspectorPort));
  live.add(mf);
  await within(mf.ready, STEP_MS, "workerd start");
  const ready = performance.now() - started;
  // Only this run's live workerd counts: the others were disposed before (startUp) or are not started yet.
  return { mf, ready, readyCpuMs: workerdCpuSeconds() * 1000 };
}

/** The local D1 gets migrations/, as a deployed one does (`wrangler d1 migrations apply`). */
export async function migrate(mf: Miniflare) {
  const db = await within(mf.getD1Database("DB"), STEP_MS, "D1 binding");
  for (const migration of await readD1Migrations(join(ROOT, "migrations")))
    await within(
      db.batch(migration.queries.map((q) => db.prepare(q))),
      STEP_MS,
      `migration ${migration.name}`,
    );
}

export async function dispose(mf: Miniflare) {
  live.delete(mf);
  await within(mf.dispose(), STEP_MS, "workerd stop");
}

export async function timed(mf: Miniflare, path: string, init?: RequestInit) {
  const t = performance.now();
  const status = await within(
    mf.dispatchFetch(`http://worker.local${path}`, init as never).then(async (res) => {
      await res.arrayBuffer();
      return res.status;
    }),
    REQUEST_MS,
    path,
  );
  if (status >= 500) throw new Error(`${path}: HTTP ${status}`);
  return performance.now() - t;
}

const queries = evalFresh.queries.map((q) => q.q);

export const chat = (i: number): [string, RequestInit] => [
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

/**
 * Start-up of a fresh isolate, three times each (median), against a one-line Worker. The first request is a
 * search-and-answer (/api/chat), so what it loads and parses is in the figure, and so is its workerd CPU.
 */
async function startUp(script: string) {
  const dir = mkdtempSync(join(tmpdir(), "dvc-trivial-"));
  const trivial = join(dir, "index.js");
  writeFileSync(trivial, TRIVIAL);
  const ours: number[] = [];
  const base: number[] = [];
  const firstRequest: number[] = [];
  const firstCpu: number[] = [];
  const oursCpu: number[] = [];
  const baseCpu: number[] = [];
  try {
    for (let i = 0; i < 3; i++) {
      const b = await startWorker({ script: trivial });
      const bFirst = await timed(b.mf, "/");
      base.push(b.ready + bFirst);
      baseCpu.push(workerdCpuSeconds() * 1000);
      await dispose(b.mf);
      const o = await startWorker({ script });
      await migrate(o.mf);
      const cpu = workerdCpuSeconds();
      const oFirst = await timed(o.mf, ...chat(i));
      firstCpu.push((workerdCpuSeconds() - cpu) * 1000);
      // Start (global scope of the script) and the first request, without the migrations run between them.
      oursCpu.push(o.readyCpuMs + (workerdCpuSeconds() - cpu) * 1000);
      const warm = summarize(await Promise.all([1, 2, 3].map((j) => timed(o.mf, ...chat(i + j))))).p50;
      ours.push(o.ready + oFirst - warm);
      firstRequest.push(oFirst - warm);
      await dispose(o.mf);
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const median = (xs: number[]) => summarize(xs).p50;
  return {
    ours: median(ours),
    base: median(base),
    firstRequest: median(firstRequest),
    firstCpu: median(firstCpu),
    oursCpu: median(oursCpu),
    baseCpu: median(baseCpu),
  };
}

/** CPU per request over sequential requests of one kind, with the workerd process's own counters. */
async function cpuPer(mf: Miniflare, n: number, request: (i: number) => [string, RequestInit?]) {
  const before = workerdCpuSeconds();
  const t = performance.now();
  for (let i = 0; i < n; i++) await timed(mf, ...request(i));
  return { cpuMs: ((workerdCpuSeconds() - before) * 1000) / n, wallMs: (performance.now() - t) / n };
}

/**
 * The isolate's V8 heap through the inspector, after a full collection. workerd's inspector never answers
 * HeapProfiler.collectGarbage (waiting for it is what made this bench hang); a heap snapshot collects garbage
 * first, so one is taken (its chunks are dropped as they come) before Runtime.getHeapUsage.
 */
async function isolateHeap(inspectorPort: number): Promise<{ used: number; total: number }> {
  const targets = (await (
    await fetch(`http://127.0.0.1:${inspectorPort}/json`, { signal: AbortSignal.timeout(REQUEST_MS) })
  ).json()) as { id: string; webSocketDebuggerUrl: string }[];
  // The user Worker's isolate is "core:user:<name>"; the others are Miniflare's own (D1, KV, assets, entry).
  const target = targets.find((t) => t.id.startsWith("core:user:"));
  if (!target)
    throw new Error(`no inspector target for the Worker among ${targets.map((t) => t.id).join(", ")}`);
  const ws = new WebSocket(target.webSocketDebuggerUrl);
  try {
    await within(
      new Promise((done, fail) => {
        ws.onopen = done;
        ws.onerror = () => fail(new Error("inspector connection failed"));
      }),
      STEP_MS,
      "inspector",
    );
    let id = 0;
    const call = (method: string, params: Record<string, unknown> = {}) => {
      const mine = ++id;
      return within(
        new Promise<Record<string, unknown>>((done) => {
          ws.addEventListener("message", function listener(event) {
            const message = JSON.parse(String(event.data)) as {
              id?: number;
              result?: Record<string, unknown>;
            };
            if (message.id !== mine) return;
            ws.removeEventListener("message", listener);
            done(message.result ?? {});
          });
          ws.send(JSON.stringify({ id: mine, method, params }));
        }),
        STEP_MS,
        `inspector ${method}`,
      );
    };
    await call("HeapProfiler.enable");
    await call("HeapProfiler.takeHeapSnapshot", { reportProgress: false });
    const usage = await call("Runtime.getHeapUsage");
    await call("HeapProfiler.disable");
    return { used: Number(usage.usedSize), total: Number(usage.totalSize) };
  } finally {
    ws.close();
  }
}

export async function benchWorkers(): Promise<string> {
  step("build");
  await buildAssets();
  step("wrangler deploy --dry-run");
  const bundle = dryRun();
  const script = join(bundle.dir, "index.js");
  const assets = assetBytes(WORKER_ASSETS_DIR);
  try {
    step("fresh-isolate start-up (3 × ours and a one-line Worker)");
    const start = await startUp(script);

    const inspectorPort = await freePort();
    const { mf } = await startWorker({ script, inspectorPort });
    await migrate(mf);
    await timed(mf, "/healthz");
    step("isolate heap after start");
    const heapAtStart = await isolateHeap(inspectorPort);
    step("CPU per request (300 each of /healthz, search, chat)");
    // Warm-up, then the measured runs.
    await cpuPer(mf, 50, chat);
    const health = await cpuPer(mf, 300, () => ["/healthz"]);
    const searchCpu = await cpuPer(mf, 300, search);
    const chatCpu = await cpuPer(mf, 300, chat);
    // 1,000 varied requests: searches, chats and a card from each of many codes (every shard is touched).
    // catalogue/index.json's compact entries start with their code (src/catalogue/built.ts).
    const catalogueCodes = (
      JSON.parse(readFileSync(join(WORKER_ASSETS_DIR, "catalogue/index.json"), "utf8")) as {
        entries: [string, ...unknown[]][];
      }
    ).entries.map((e) => e[0]);
    step("1,000 varied requests");
    for (let i = 0; i < 1000; i++) {
      const kind = i % 3;
      if (kind === 0) await timed(mf, ...search(i));
      else if (kind === 1) await timed(mf, ...chat(i));
      else {
        const code = catalogueCodes[(i * 97) % catalogueCodes.length] ?? "1.004194";
        await timed(mf, `/api/procedures/${code}?lang=${["vi", "en", "zh", "ko", "ja"][i % 5]}`);
      }
    }
    step("isolate heap after 1,000 requests");
    const heapAfter = await isolateHeap(inspectorPort);
    await dispose(mf);
    step("wrangler dev");
    const dev = await checkWranglerDev();
    step("done");

    const ratio = (a: number, b: number) => `${(a / b).toFixed(2)}×`;
    return [
      table([
        ["figure", "value", "baseline / goal", "ratio"],
        ["script raw", mb(bundle.raw), "", ""],
        ["script gzipped", mb(bundle.gzipped), "goal 3 MiB", ratio(bundle.gzipped, 3 * MiB)],
        ["static assets (data)", `${mb(assets.raw)} in ${assets.files} files`, "", ""],
        [
          "fresh isolate start-up",
          ms(start.ours - start.base),
          `one-line Worker ${ms(start.base)}`,
          ratio(start.ours - start.base, 200),
        ],
        ["  of which first /api/chat", ms(start.firstRequest), "goal (all) 200 ms", ""],
        [
          "fresh isolate start-up, workerd CPU",
          ms(start.oursCpu - start.baseCpu),
          `one-line Worker ${ms(start.baseCpu)}`,
          ratio(start.oursCpu - start.baseCpu, 200),
        ],
        ["  workerd CPU of first /api/chat", ms(start.firstCpu), "", ""],
        ["CPU /healthz", ms(health.cpuMs), `wall ${ms(health.wallMs)}`, ""],
        [
          "CPU /api/procedures?q=",
          ms(searchCpu.cpuMs),
          `wall ${ms(searchCpu.wallMs)}`,
          ratio(searchCpu.cpuMs, health.cpuMs),
        ],
        [
          "CPU /api/chat (search + answer + KV)",
          ms(chatCpu.cpuMs),
          `goal 10 ms; /healthz ${ms(health.cpuMs)}`,
          ratio(chatCpu.cpuMs, 10),
        ],
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
  } finally {
    rmSync(bundle.dir, { recursive: true, force: true });
  }
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  const watchdog = setTimeout(() => {
    step(`stopped: the run took more than ${WATCHDOG_MS / 60_000} minutes`);
    process.exit(1);
  }, WATCHDOG_MS);
  const load = loadavg()
    .map((n) => n.toFixed(2))
    .join(" ");
  try {
    const figures = await benchWorkers();
    console.log(
      `\n## workers (load average ${load} at start, ${loadavg()
        .map((n) => n.toFixed(2))
        .join(" ")} at end)\n${figures}`,
    );
  } catch (error) {
    step(`failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exitCode = 1;
  } finally {
    clearTimeout(watchdog);
    await Promise.allSettled([...live].map((mf) => mf.dispose()));
  }
  // Nothing of this run may keep the process alive (a stuck socket or child) once the figures are printed.
  process.exit();
}
