import { existsSync, readFileSync } from "node:fs";
import Fuse from "fuse.js";
import { loadCatalogue } from "../src/catalogue/load-node.ts";
import { buildSearchIndex, type SearchDocument } from "../src/search/build.ts";
import { searchDocuments } from "../src/search/documents.ts";
import { compileLexicon } from "../src/search/lexicon.ts";
import { readLexicon, readStopwords } from "../src/search/load-node.ts";
import { Searcher } from "../src/search/query.ts";
import { deserializeSearchIndex, serializeSearchIndex } from "../src/search/serialize.ts";
import { mb, ms, seeded, summarize, table } from "./stats.ts";

/**
 * Search on the real catalogue (5,652) and on a ×5 catalogue generated from it with a fixed seed:
 * build time, serialized size, load time, RSS, latency percentiles over a mixed query set, and a naive
 * baseline (fuse.js over whole records, default-style options) on the same queries, with the ratio.
 */

const EVAL = new URL("../test/search/eval-queries.json", import.meta.url);

function querySet(): string[] {
  const extra = [
    "lam so do",
    "dang ki tam chu",
    "work permit for our Japanese engineer",
    "外国员工的劳动许可怎么办",
    "체류증 연장",
    "在留カード 更新",
    "1.001612",
    "1001612",
    "ly lich tu phap so 2",
    "giay phep xay dung nha o",
    "🙂🙂🙂",
    "qzxqzx wvwv",
    "x".repeat(10_000),
    "\u0000\u0001\uD800 bad",
    "how much does a passport cost online",
  ];
  if (!existsSync(EVAL)) return extra;
  const items = JSON.parse(readFileSync(EVAL, "utf8")) as { q: string }[];
  return [...items.map((i) => i.q), ...extra];
}

/** Five copies of every record under new codes, each copy dropping a random fifth of its words. */
function scaled(docs: SearchDocument[], factor: number): SearchDocument[] {
  const random = seeded(20261125);
  const drop = (text: string) =>
    text
      .split(" ")
      .filter(() => random() > 0.2)
      .join(" ");
  const out: SearchDocument[] = [...docs];
  for (let copy = 1; copy < factor; copy++) {
    docs.forEach((d, i) => {
      out.push({
        ...d,
        code: `${copy + 6}.${String(i).padStart(6, "0")}`,
        oldCodes: [],
        nameVi: `${drop(d.nameVi)} ${copy}`,
        fields: Object.fromEntries(
          Object.entries(d.fields).map(([k, v]) => [k, v.map(drop)]),
        ) as SearchDocument["fields"],
      });
    });
  }
  return out;
}

function time<T>(f: () => T): [T, number] {
  const t = performance.now();
  const r = f();
  return [r, performance.now() - t];
}

/** `rounds` timed passes after one warm-up pass; with 0 the single pass is timed (for the slow baseline). */
function latencies(run: (q: string) => unknown, queries: string[], rounds: number): number[] {
  if (rounds > 0) for (const q of queries) run(q);
  const samples: number[] = [];
  for (let r = 0; r < Math.max(1, rounds); r++) {
    for (const q of queries) {
      const t = performance.now();
      run(q);
      samples.push(performance.now() - t);
    }
  }
  return samples;
}

function naiveBaseline(docs: SearchDocument[]) {
  const records = docs.map((d) => ({ code: d.code, ...d.fields }));
  return new Fuse(records, {
    keys: ["name", "alias", "summary", "field", "result", "agency", "documents"],
    includeScore: true,
  });
}

export async function benchSearch(): Promise<string> {
  const catalogue = loadCatalogue();
  const lexicon = compileLexicon(readLexicon(), readStopwords());
  const realDocs = await searchDocuments(catalogue);
  const queries = querySet();
  const lines: string[] = [];
  const rows: (string | number)[][] = [
    [
      "catalogue",
      "docs",
      "build",
      "size",
      "load",
      "heap+",
      "p50",
      "p95",
      "p99",
      "baseline p50",
      "baseline p95",
      "ratio p50",
      "ratio p95",
    ],
  ];
  const hostileRows: (string | number)[][] = [
    ["catalogue", "worst median of 10 kB / emoji / control chars / nonsense", "p99", "under p99"],
  ];
  for (const [label, docs, baselineQueries] of [
    ["real", realDocs, 20],
    ["×5 scaled", scaled(realDocs, 5), 5],
  ] as const) {
    global.gc?.();
    const heapBefore = process.memoryUsage().heapUsed;
    const [data, buildMs] = time(() => buildSearchIndex(docs));
    const bytes = serializeSearchIndex(data);
    const loads: number[] = [];
    let searcher: Searcher | null = null;
    for (let i = 0; i < 5; i++) {
      const [s, loadMs] = time(() => new Searcher(deserializeSearchIndex(bytes), lexicon));
      loads.push(loadMs);
      searcher = s;
    }
    if (!searcher) throw new Error("no searcher");
    global.gc?.();
    const heapAfter = process.memoryUsage().heapUsed;
    const ours = summarize(latencies((q) => searcher.search(q), queries, 5));
    const hostile = ["x".repeat(10_000), "🙂🙂🙂", "\u0000\u0001\uD800 bad", "qzxqzx wvwv", "((((((([[[["];
    // Per hostile query, the median of 21 runs (one GC pause is not the query's cost); the worst of those.
    const worstHostile = Math.max(
      ...hostile.map((q) => {
        const runs = latencies(() => searcher.search(q), [q], 21).sort((a, b) => a - b);
        return runs[10] ?? Number.NaN;
      }),
    );
    hostileRows.push([label, ms(worstHostile), ms(ours.p99), worstHostile < ours.p99 ? "yes" : "NO"]);
    const baseline = naiveBaseline(docs);
    const sample = queries.filter((q) => q.length < 200).slice(0, baselineQueries);
    process.stderr.write(
      `search bench: ${label}: index built in ${Math.round(buildMs)} ms, timing the baseline…\n`,
    );
    const theirs = summarize(latencies((q) => baseline.search(q, { limit: 10 }), sample, 0));
    rows.push([
      label,
      docs.length,
      ms(buildMs),
      mb(bytes.byteLength),
      `${ms(Math.min(...loads))} (median ${ms(loads.sort((a, b) => a - b)[2] ?? Number.NaN)})`,
      mb(heapAfter - heapBefore),
      ms(ours.p50),
      ms(ours.p95),
      ms(ours.p99),
      ms(theirs.p50),
      ms(theirs.p95),
      `${Math.round(theirs.p50 / ours.p50)}×`,
      `${Math.round(theirs.p95 / ours.p95)}×`,
    ]);
  }
  lines.push(
    `search: ${queries.length} queries × 5 rounds (eval set + codes, typos, garbage, a 10 kB string); baseline = fuse.js over whole records, on the first 20 (real) / 5 (scaled) queries, one round`,
    table(rows),
    "",
    table(hostileRows),
    `process RSS at the end: ${mb(process.memoryUsage().rss)}`,
  );
  return lines.join("\n");
}
