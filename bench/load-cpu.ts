import { FakeTelegram } from "../test/e2e/fake-telegram.ts";
import { mixedUpdates, startServer } from "./load-updates.ts";
import { ms, summarize, table } from "./stats.ts";

/**
 * Step 0 of `npm run bench:load` alone (CPU per Telegram update, one at a time, the same mixed updates and the same
 * server process, with `npm start`'s V8 flags), with each kind of update's own figures: which texts and buttons are
 * the costly ones. `node --import tsx bench/load-cpu.ts`; BENCH_CPU updates per round (default 500), BENCH_ROUNDS
 * rounds (default 1), after BENCH_WARMUP updates (default 3,000; the first 500 of them are reported as the cold
 * start). BENCH_PROF=<dir> writes a --cpu-prof of the server process there.
 */
const UPDATES = Number(process.env.BENCH_CPU ?? 500);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 1);
const WARMUP = Number(process.env.BENCH_WARMUP ?? 3000);
let updateId = 700_000_000;

const telegram = new FakeTelegram();
const apiRoot = await telegram.start();
const { child, stop } = await startServer(apiRoot, process.env.BENCH_PROF);
const cpu = (updates: string[]) =>
  new Promise<number[]>((resolve) => {
    const on = (m: { cmd: string; samples: number[] }) => {
      if (m.cmd !== "cpu") return;
      child.off("message", on);
      resolve(m.samples);
    };
    child.on("message", on);
    child.send({ cmd: "cpu", updates });
  });

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
const cold = await cpu(mixedUpdates(Math.min(500, WARMUP), () => updateId++).map((u) => u.body));
if (WARMUP > 500) await cpu(mixedUpdates(WARMUP - 500, () => updateId++).map((u) => u.body));
const all: number[] = [];
const byKind = new Map<string, number[]>();
for (let round = 0; round < ROUNDS; round++) {
  const updates = mixedUpdates(UPDATES, () => updateId++);
  const samples = await cpu(updates.map((u) => u.body));
  samples.forEach((x, i) => {
    all.push(x);
    const label = updates[i]?.label ?? "";
    byKind.set(label, [...(byKind.get(label) ?? []), x]);
  });
}
const rows: (string | number)[][] = [["", "updates", "mean", "p50", "p95", "p99", "max"]];
const row = (name: string, xs: number[]) => {
  const s = summarize(xs);
  rows.push([name, xs.length, ms(mean(xs)), ms(s.p50), ms(s.p95), ms(s.p99), ms(s.max)]);
};
row("cold: first 500 after start", cold);
row(`all, after ${WARMUP} updates`, all);
for (const [label, xs] of [...byKind].sort((a, b) => mean(b[1]) - mean(a[1]))) row(label, xs);
console.log(
  `CPU per Telegram update, one at a time (${ROUNDS} × ${UPDATES} mixed updates: webhook → answer committed → sent to the Bot API)`,
);
console.log(table(rows));
const calls = new Map<string, number>();
for (const c of telegram.calls) calls.set(c.method, (calls.get(c.method) ?? 0) + 1);
console.log(`Bot API calls: ${[...calls].map(([m, n]) => `${m} ${n}`).join(", ")}`);
// The server writes its profile when it exits.
await stop();
await telegram.stop();
