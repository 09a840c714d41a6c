/**
 * Profiling aid (no figure of its own): the Worker's isolate profiled through workerd's inspector, for the first
 * request of a fresh isolate (what start-up costs beyond the script's global scope) and for a run of warm
 * /api/chat requests. Prints the top functions by self and inclusive time and writes first.cpuprofile and
 * warm.cpuprofile (open them in Chrome DevTools). The samples are wall time: on a loaded machine a preempted
 * thread's wait lands on whatever function was running, so compare shares, not milliseconds.
 *   npx wrangler deploy --dry-run --outdir /tmp/bundle
 *   node --experimental-websocket --import tsx bench/profile-workers.ts /tmp/bundle/index.js [outdir]
 * N=300 warm requests, INTERVAL=100 µs between samples; CPU_ONLY=1 prints workerd CPU per /api/chat (from /proc,
 * three rounds) and per /healthz instead of profiling (an A/B of two bundles).
 */
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { readD1Migrations } from "@cloudflare/vitest-pool-workers";
import { Miniflare } from "miniflare";
import evalFresh from "../test/search/eval-fresh.json" with { type: "json" };
import { workerOptions } from "./miniflare.ts";
import { freePort } from "./wrangler-dev.ts";

const ROOT = resolve(import.meta.dirname, "..");
const script = resolve(process.argv[2] ?? "");
const out = process.argv[3] ?? "/tmp";

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  children?: number[];
}
interface Profile {
  nodes: Node[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

function top(profile: Profile, n = 40): string {
  const self = new Map<number, number>();
  profile.samples.forEach((id, i) => {
    self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
  });
  const byName = new Map<string, number>();
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const c of node.children ?? []) parent.set(c, node.id);
  const byId = new Map(profile.nodes.map((x) => [x.id, x]));
  // Inclusive: walk up from each sample.
  const incl = new Map<string, number>();
  for (const node of profile.nodes) {
    const f = node.callFrame;
    const key = `${f.functionName || "(anon)"} ${f.url.split("/").pop()}:${f.lineNumber + 1}`;
    byName.set(key, (byName.get(key) ?? 0) + (self.get(node.id) ?? 0));
  }
  profile.samples.forEach((id, i) => {
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const f = (byId.get(at) as Node).callFrame;
      const key = `${f.functionName || "(anon)"} ${f.url.split("/").pop()}:${f.lineNumber + 1}`;
      if (seen.has(key)) continue;
      seen.add(key);
      incl.set(key, (incl.get(key) ?? 0) + (profile.timeDeltas[i] ?? 0));
    }
  });
  const total = profile.timeDeltas.reduce((a, b) => a + b, 0);
  const lines = [`total sampled ${(total / 1000).toFixed(1)} ms`, "-- self"];
  for (const [k, v] of [...byName].sort((a, b) => b[1] - a[1]).slice(0, n))
    lines.push(`${(v / 1000).toFixed(1).padStart(8)} ms  ${k}`);
  lines.push("-- inclusive");
  for (const [k, v] of [...incl].sort((a, b) => b[1] - a[1]).slice(0, n))
    lines.push(`${(v / 1000).toFixed(1).padStart(8)} ms  ${k}`);
  return lines.join("\n");
}

const port = await freePort();
const mf = new Miniflare(workerOptions(script, port));
try {
  await mf.ready;
  const db = await mf.getD1Database("DB");
  for (const m of await readD1Migrations(join(ROOT, "migrations")))
    await db.batch(m.queries.map((q) => db.prepare(q)));
  const targets = (await (await fetch(`http://127.0.0.1:${port}/json`)).json()) as {
    id: string;
    webSocketDebuggerUrl: string;
  }[];
  const target = targets.find((t) => t.id.startsWith("core:user:"));
  if (!target) throw new Error("no target");
  const ws = new WebSocket(target.webSocketDebuggerUrl);
  await new Promise((done) => {
    ws.onopen = done;
  });
  let id = 0;
  const call = (method: string, params: Record<string, unknown> = {}) => {
    const mine = ++id;
    return new Promise<Record<string, unknown>>((done) => {
      ws.addEventListener("message", function listener(event) {
        const message = JSON.parse(String(event.data)) as { id?: number; result?: Record<string, unknown> };
        if (message.id !== mine) return;
        ws.removeEventListener("message", listener);
        done(message.result ?? {});
      });
      ws.send(JSON.stringify({ id: mine, method, params }));
    });
  };
  const queries = evalFresh.queries.map((q) => q.q);
  const chat = (i: number) =>
    mf
      .dispatchFetch("http://worker.local/api/chat", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ text: queries[i % queries.length], sessionId: `bench-session-${i % 200}` }),
      })
      .then((r) => r.arrayBuffer());
  if (process.env.CPU_ONLY) {
    for (let i = 0; i < 50; i++) await chat(i);
    const cpu = () => {
      let ticks = 0;
      const walk = (pid: number) => {
        for (const task of readdirSync(`/proc/${pid}/task`))
          for (const c of readFileSync(`/proc/${pid}/task/${task}/children`, "utf8")
            .trim()
            .split(/\s+/)
            .filter(Boolean)
            .map(Number)) {
            try {
              if (readFileSync(`/proc/${c}/comm`, "utf8").trim() === "workerd") {
                const f = readFileSync(`/proc/${c}/stat`, "utf8").split(") ")[1]?.split(" ") ?? [];
                ticks += Number(f[11]) + Number(f[12]);
              }
              walk(c);
            } catch {}
          }
      };
      walk(process.pid);
      return ticks * 10;
    };
    const n = Number(process.env.N ?? 300);
    for (const round of [1, 2, 3]) {
      const before = cpu();
      for (let i = 50 + round * n; i < 50 + (round + 1) * n; i++) await chat(i);
      console.log(`round ${round}: ${((cpu() - before) / n).toFixed(2)} ms CPU per /api/chat`);
    }
    const hb = cpu();
    for (let i = 0; i < n; i++)
      await mf.dispatchFetch("http://worker.local/healthz").then((r) => r.arrayBuffer());
    console.log(`healthz: ${((cpu() - hb) / n).toFixed(2)} ms`);
  } else {
    await call("Profiler.enable");
    await call("Profiler.setSamplingInterval", { interval: Number(process.env.INTERVAL ?? 100) });
    await call("Profiler.start");
    await chat(0);
    const first = (await call("Profiler.stop")).profile as Profile;
    writeFileSync(join(out, "first.cpuprofile"), JSON.stringify(first));
    console.log(`## first /api/chat\n${top(first)}`);
    for (let i = 1; i < 50; i++) await chat(i);
    await call("Profiler.start");
    const n = Number(process.env.N ?? 300);
    for (let i = 50; i < 50 + n; i++) await chat(i);
    const warm = (await call("Profiler.stop")).profile as Profile;
    writeFileSync(join(out, "warm.cpuprofile"), JSON.stringify(warm));
    console.log(`\n## ${n} warm /api/chat\n${top(warm, 60)}`);
  }
  ws.close();
} finally {
  await mf.dispose();
}
