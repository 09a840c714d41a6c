/**
 * The understanding step per message, on every turn of the conversation evaluation sets and on hostile 4,096-
 * character messages (CPU time of this process, so other load on the machine does not count), against a
 * baseline in the same run: one case-folding regex test over the same text
 * (the least any reading of a message costs). Goals (issue 16): p99 ≤ 1 ms on real messages; 4,096 characters
 * of any kind ≤ 5 ms.
 */
import { readFileSync } from "node:fs";
import { Understander } from "../src/conversation/understand.ts";
import { loadCatalogue } from "../src/node/catalogue.ts";
import { foldDiacritics } from "../src/text.ts";
import { ms, summarize, table } from "./stats.ts";

function messages(): string[] {
  const out: string[] = [];
  for (const f of [
    "eval-conversations.json",
    "eval-conversations-holdout.json",
    "eval-conversations-holdout2.json",
  ]) {
    const set = JSON.parse(readFileSync(new URL(`../test/conversation/${f}`, import.meta.url), "utf8")) as {
      cases: { turns: { text: string }[] }[];
    };
    for (const c of set.cases) for (const t of c.turns) out.push(t.text);
  }
  return out;
}

const HOSTILE: [string, string][] = [
  ["Latin letters", "a".repeat(4096)],
  ["Vietnamese words", "cháy nhà cứu với ".repeat(256).slice(0, 4096)],
  ["code-like digits", "000.00.19.H48-".repeat(300).slice(0, 4096)],
  ["CJK", "火事救急車".repeat(820).slice(0, 4096)],
  ["Hangul words", "필요 서류 ".repeat(700).slice(0, 4096)],
  ["emoji", "😀".repeat(2048)],
  ["mixed", "phí 费用 수수료 fee ".repeat(300).slice(0, 4096)],
];

/**
 * CPU time of this process per call (user + system, in ms), not wall time: the figure does not move when other
 * processes load the machine.
 */
function time(fn: () => void, runs: number): number[] {
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = process.cpuUsage();
    fn();
    const d = process.cpuUsage(t);
    samples.push((d.user + d.system) / 1000);
  }
  return samples;
}

export async function benchUnderstand(): Promise<string> {
  const catalogue = loadCatalogue();
  const words = new Set<string>();
  for (const e of catalogue.entries)
    for (const w of foldDiacritics(e.names.vi).split(/[^a-z]+/)) if (w) words.add(w);
  const started = performance.now();
  const understander = new Understander(words);
  const buildMs = performance.now() - started;
  const texts = messages();
  const pattern = /cháy|fire|火/iu;
  // Warm up both, then measure every message 5 times.
  for (const t of texts) understander.understand(t, { listed: 0 });
  const ours: number[] = [];
  const base: number[] = [];
  const gc = (globalThis as { gc?: () => void }).gc;
  for (let round = 0; round < 5; round++) {
    gc?.();
    for (const t of texts) {
      ours.push(...time(() => understander.understand(t, { listed: 3 }), 1));
      base.push(...time(() => pattern.test(foldDiacritics(t)), 1));
    }
  }
  const o = summarize(ours);
  const b = summarize(base);
  const rows: (string | number)[][] = [
    ["messages", "n", "p50", "p95", "p99", "max", "p99 / baseline p99"],
    [
      "understand (eval turns)",
      ours.length,
      ms(o.p50),
      ms(o.p95),
      ms(o.p99),
      ms(o.max),
      (o.p99 / b.p99).toFixed(1),
    ],
    ["baseline: fold + one regex", base.length, ms(b.p50), ms(b.p95), ms(b.p99), ms(b.max), "1.0"],
  ];
  for (const [name, text] of HOSTILE) {
    understander.understand(text, { listed: 0 });
    gc?.();
    const s = summarize(time(() => understander.understand(text, { listed: 0 }), 50));
    rows.push([`4,096 chars: ${name}`, 50, ms(s.p50), ms(s.p95), ms(s.p99), ms(s.max), ""]);
  }
  return `${table(rows)}\nphrase index built in ${ms(buildMs)} (once per process); goals: p99 ≤ 1 ms, hostile ≤ 5 ms`;
}
