import { execFileSync, spawn } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { availableParallelism, loadavg, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { loadCatalogue } from "../src/node/catalogue.ts";
import { freePort } from "../test/helpers/ports.ts";
import { mb, ms, seeded, summarize, table } from "./stats.ts";

/**
 * The Node process as an operator sees it: time from spawn to the first 200 from /healthz (the Node entry run
 * directly, through `npm start`, and a bare node:http server as the baseline in the same run), resident memory
 * while 10,000 varied chats go through /api/chat (each asks for another procedure, so record shards keep
 * loading), the in-process catalogue load, and the repository's size on disk.
 */
const ROOT = resolve(import.meta.dirname, "..");
const BUNDLE = join(ROOT, "dist/node/main.js");

/** CPU time (user + system) of every process in a group, from /proc: less swayed by a busy machine than wall time. */
function cpuMsOfGroup(pgid: number): number {
  let ticks = 0;
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      // Fields after the command name (which may hold spaces): state ppid pgrp … utime(14) stime(15).
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      if (Number(fields[2]) !== pgid) continue;
      ticks += Number(fields[11]) + Number(fields[12]);
    } catch {
      // the process ended meanwhile
    }
  }
  return ticks * 10; // USER_HZ is 100 on Linux
}

interface Started {
  ms: number;
  /** Spawn to the first 200 from /readyz (catalogue, search index and database ready), when asked for. */
  readyMs: number | null;
  cpuMs: number;
  pid: number;
  port: number;
  stop: () => Promise<void>;
}

async function startUntilHealthy(
  command: string,
  args: string[],
  env: Record<string, string>,
  untilReady = false,
): Promise<Started> {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), "dvc-bench-"));
  const t0 = performance.now();
  const child = spawn(command, args, {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: String(port),
      DATABASE_URL: join(dir, "dvc.sqlite"),
      LOG_LEVEL: "error",
      ...env,
    },
    stdio: ["ignore", "ignore", "inherit"],
    detached: true,
  });
  let exited = false;
  child.once("exit", () => {
    exited = true;
  });
  for (;;) {
    if (exited) throw new Error(`${command} ${args.join(" ")} exited before /healthz answered`);
    try {
      const res = await fetch(`http://127.0.0.1:${port}/healthz`);
      await res.arrayBuffer();
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 5));
  }
  const elapsed = performance.now() - t0;
  const cpuMs = cpuMsOfGroup(child.pid as number);
  let readyMs: number | null = null;
  while (untilReady && readyMs === null) {
    if (exited) throw new Error(`${command} ${args.join(" ")} exited before /readyz answered`);
    const res = await fetch(`http://127.0.0.1:${port}/readyz`);
    await res.arrayBuffer();
    if (res.ok) readyMs = performance.now() - t0;
    else await new Promise((r) => setTimeout(r, 5));
  }
  return {
    ms: elapsed,
    readyMs,
    cpuMs,
    pid: child.pid as number,
    port,
    stop: async () => {
      // The whole group: npm start runs the server as a grandchild.
      if (!exited) process.kill(-(child.pid as number), "SIGTERM");
      await new Promise((r) => (exited ? r(null) : child.once("exit", r)));
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

const BARE =
  "require('node:http').createServer((q,s)=>s.end('ok')).listen(Number(process.env.PORT),'127.0.0.1')";

/** Resident set of a process and its children (npm start → sh → node): Linux /proc. */
function rssOf(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) * 1024;
}

async function chats(port: number, texts: string[], concurrency: number): Promise<number[]> {
  const samples: number[] = [];
  let next = 0;
  const worker = async () => {
    while (next < texts.length) {
      const i = next++;
      const t = performance.now();
      const res = await fetch(`http://127.0.0.1:${port}/api/chat`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ text: texts[i], sessionId: `bench-${String(i % 500).padStart(4, "0")}` }),
      });
      await res.arrayBuffer();
      if (!res.ok) throw new Error(`/api/chat answered ${res.status}`);
      samples.push(performance.now() - t);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return samples;
}

function repositorySize(): string {
  const objects = execFileSync("git", ["count-objects", "-vH"], { cwd: ROOT, encoding: "utf8" });
  const pick = (key: string) => new RegExp(`^${key}: (.*)$`, "m").exec(objects)?.[1] ?? "?";
  const tracked = execFileSync("git", ["ls-files", "-z"], { cwd: ROOT, encoding: "utf8" })
    .split("\0")
    .filter((f) => f.startsWith("data/"));
  const generatedTracked = tracked.filter((f) => f.endsWith(".bin")).length;
  return `size-pack ${pick("size-pack")}, loose ${pick("size")}; tracked data files ${tracked.length} (${generatedTracked} generated .bin)`;
}

export async function benchNodeRuntime(options: { chats?: number } = {}): Promise<string> {
  const total = options.chats ?? Number(process.env.BENCH_CHATS ?? 10_000);
  // Printed as they come (the whole bench takes minutes), and returned for the summary.
  const lines: string[] = [];
  const catalogue = loadCatalogue();
  const say = (text: string) => {
    lines.push(text);
    console.log(text);
  };

  // Start-up: three runs each, the median reported.
  const median = (xs: number[]) => summarize(xs).p50;
  const runs = async (command: string, args: string[], untilReady = true) => {
    const wall: number[] = [];
    const cpu: number[] = [];
    const ready: number[] = [];
    for (let i = 0; i < 3; i++) {
      const s = await startUntilHealthy(command, args, {}, untilReady);
      wall.push(s.ms);
      cpu.push(s.cpuMs);
      if (s.readyMs !== null) ready.push(s.readyMs);
      await s.stop();
    }
    return { wall: median(wall), cpu: median(cpu), ready: ready.length > 0 ? median(ready) : null };
  };
  const bare = await runs(process.execPath, ["-e", BARE], false);
  const fromSource = await runs(process.execPath, ["--import", "tsx", "src/node/main.ts"]);
  const bundled = existsSync(BUNDLE) ? await runs(process.execPath, [BUNDLE]) : null;
  const npmStart = await runs("npm", ["start", "--silent"]);
  const row = (label: string, r: { wall: number; cpu: number; ready: number | null } | null) =>
    r
      ? [
          label,
          ms(r.wall),
          (r.wall / bare.wall).toFixed(1),
          ms(r.cpu),
          (r.cpu / Math.max(bare.cpu, 10)).toFixed(1),
          r.ready === null ? "" : ms(r.ready),
        ]
      : [label, "–", "–", "–", "–", "–"];
  say(
    table([
      [
        "start-up to first /healthz (median of 3; goal 300 ms)",
        "wall",
        "× bare",
        "CPU",
        "× bare",
        "to /readyz 200",
      ],
      row("bare node:http server (baseline)", bare),
      row("node --import tsx src/node/main.ts (npm run dev)", fromSource),
      row("node dist/node/main.js (bundled by npm run build)", bundled),
      row("npm start", npmStart),
    ]),
  );
  say(`(load average while measuring: ${loadavg()[0]?.toFixed(1)} on ${availableParallelism()} cores)`);

  // In-process catalogue load (this process has the modules loaded already).
  const loads: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t = performance.now();
    loadCatalogue();
    loads.push(performance.now() - t);
  }
  say(`\ncatalogue load in process: median ${ms(median(loads))} (5 runs)`);

  // Memory under varied chats: each text names another procedure (by code or by its Vietnamese name).
  const random = seeded(21);
  const texts = Array.from({ length: total }, () => {
    const entry = catalogue.entries[Math.floor(random() * catalogue.entries.length)];
    if (!entry) throw new Error("empty catalogue");
    return random() < 0.5 ? entry.code : entry.names.vi;
  });
  // The server as npm start runs it: the bundle with the V8 heap flags of package.json's start script, which
  // keep garbage from piling up (without them V8 lets the heap grow to several hundred MB of dead shard text).
  const startScript = (
    JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { scripts: { start: string } }
  ).scripts.start;
  const heapFlags = startScript.split(/\s+/).filter((word) => word.startsWith("--max-"));
  say(`\nserver flags (from npm start): ${heapFlags.join(" ") || "none"}`);
  const server = existsSync(BUNDLE)
    ? await startUntilHealthy(process.execPath, [...heapFlags, BUNDLE], {})
    : await startUntilHealthy(process.execPath, ["--import", "tsx", "src/node/main.ts"], {});
  const rows: (string | number)[][] = [["chats", "RSS", "p50", "p95"]];
  rows.push([0, mb(rssOf(server.pid)), "", ""]);
  const steps = [Math.round(total / 10), Math.round(total / 2), total];
  let done = 0;
  try {
    for (const upTo of steps) {
      const samples = await chats(server.port, texts.slice(done, upTo), 4);
      done = upTo;
      const s = summarize(samples);
      rows.push([done, mb(rssOf(server.pid)), ms(s.p50), ms(s.p95)]);
    }
  } finally {
    await server.stop();
  }
  say(`\nNode RSS while ${total} varied chats go through /api/chat (4 at a time)\n${table(rows)}`);

  say(`\nrepository: ${repositorySize()}`);
  return "(printed above)";
}
