/**
 * A/B of a fresh isolate's start-up (no figure of its own; `npm run bench:workers` gives the figure): for each
 * bundle given, workerd CPU and wall time of (start + first /api/chat), less a one-line Worker's, measured in
 * rounds that take the bundles in turn, so a change of the machine's load falls on all of them alike.
 *   npx wrangler deploy --dry-run --outdir /tmp/a   (then the other bundle into /tmp/b)
 *   node --experimental-websocket --import tsx bench/startup-workers.ts /tmp/a/index.js /tmp/b/index.js
 * ROUNDS=5 rounds; prints each round's figures and the medians.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { loadavg, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { summarize } from "./stats.ts";
import { chat, dispose, migrate, startWorker, TRIVIAL, timed, workerdCpuSeconds } from "./workers.ts";

const bundles = process.argv.slice(2).map((p) => resolve(p));
if (bundles.length === 0) throw new Error("usage: startup-workers.ts bundle.js [bundle.js ...]");
const rounds = Number(process.env.ROUNDS ?? 5);
const dir = mkdtempSync(join(tmpdir(), "dvc-trivial-"));
const trivial = join(dir, "index.js");
writeFileSync(trivial, TRIVIAL);
const load = () =>
  loadavg()
    .map((n) => n.toFixed(2))
    .join(" ");

/** (start + first request) of one fresh isolate: workerd CPU and wall, in ms; migrations are left out of both. */
async function once(
  script: string,
  first: (mf: Awaited<ReturnType<typeof startWorker>>["mf"]) => Promise<number>,
) {
  const w = await startWorker({ script });
  try {
    const ready = workerdCpuSeconds(true);
    if (script !== trivial) await migrate(w.mf);
    const cpu = workerdCpuSeconds(true);
    const wall = await first(w.mf);
    const firstCpu = (workerdCpuSeconds(true) - cpu) * 1000;
    return { cpu: ready * 1000 + firstCpu, firstCpu, wall: w.ready + wall };
  } finally {
    await dispose(w.mf);
  }
}

const cpu: number[][] = bundles.map(() => []);
const wall: number[][] = bundles.map(() => []);
const first: number[][] = bundles.map(() => []);
console.log(`load average ${load()} at start`);
try {
  for (let r = 0; r < rounds; r++) {
    const base = await once(trivial, (mf) => timed(mf, "/"));
    const line = [`round ${r + 1}: one-line ${base.cpu.toFixed(0)} ms CPU`];
    for (const [i, script] of bundles.entries()) {
      const o = await once(script, (mf) => timed(mf, ...chat(r)));
      cpu[i]?.push(o.cpu - base.cpu);
      wall[i]?.push(o.wall - base.wall);
      first[i]?.push(o.firstCpu);
      line.push(
        `#${i + 1} +${(o.cpu - base.cpu).toFixed(0)} CPU (first request ${o.firstCpu.toFixed(0)}), +${(o.wall - base.wall).toFixed(0)} wall`,
      );
    }
    console.log(`${line.join("; ")} (load ${load()})`);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
for (const [i, script] of bundles.entries())
  console.log(
    `#${i + 1} ${script}: median start-up ${summarize(cpu[i] ?? []).p50.toFixed(0)} ms workerd CPU (first request ${summarize(first[i] ?? []).p50.toFixed(0)}), ${summarize(wall[i] ?? []).p50.toFixed(0)} ms wall`,
  );
process.exit();
