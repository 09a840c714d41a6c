import { fork } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import Fuse from "fuse.js";
import { LANGUAGES, type Language } from "../src/catalogue/index.ts";
import { searchAudience } from "../src/node/build.ts";
import { loadCatalogue } from "../src/node/catalogue.ts";
import { readLexicon, readStopwordLists } from "../src/node/search.ts";
import { buildSearchIndex, type SearchDocument } from "../src/search/build.ts";
import { catalogueTexts, searchDocuments } from "../src/search/documents.ts";
import { compileLexiconData, restoreLexicon } from "../src/search/lexicon.ts";
import { Searcher } from "../src/search/query.ts";
import { deserializeSearchIndex, serializeSearchIndex } from "../src/search/serialize.ts";
import { type Anchor, miniSearchAnchor, oramaAnchor } from "./anchors.ts";
import { mb, ms, seeded, summarize, table } from "./stats.ts";

/**
 * Search on the real catalogue (5,652) and on a ×5 catalogue generated from it with a fixed seed: build time,
 * serialized size, load time, heap, latency percentiles over the evaluation queries, a naive baseline (fuse.js over
 * whole records) on a sample of them, and two anchors (MiniSearch, Orama) indexing the same documents, with their
 * hit@1/hit@3 per language on the evaluation sets (the anchors on a sample of the blind ones). Light by design: the
 * naive baseline is timed on a few queries only (it takes seconds per query at ×5), the anchors run on the real
 * catalogue, and each stage (real, ×5, each anchor) runs in its own process, one after the other, so memory is
 * bounded by the largest stage rather than the sum.
 */

const EVAL = new URL("../test/search/eval-queries.json", import.meta.url);
const FRESH = new URL("../test/search/eval-fresh.json", import.meta.url);
const FRESH2 = new URL("../test/search/eval-fresh2.json", import.meta.url);

interface Judged {
  q: string;
  lang: Language;
  /** Gold codes; `first` is the one a citizen needs first (fresh set), or any of them (first set). */
  codes: string[];
  strictFirst: boolean;
}

function evalSets(): { name: string; items: Judged[] }[] {
  const sets: { name: string; items: Judged[] }[] = [];
  if (existsSync(EVAL)) {
    const items = JSON.parse(readFileSync(EVAL, "utf8")) as { q: string; lang: Language; expect: string[] }[];
    sets.push({
      name: "first set",
      items: items.map((i) => ({ q: i.q, lang: i.lang, codes: i.expect, strictFirst: false })),
    });
  }
  for (const [name, file] of [
    ["fresh set", FRESH],
    ["fresh set 2", FRESH2],
  ] as const) {
    if (!existsSync(file)) continue;
    const { queries } = JSON.parse(readFileSync(file, "utf8")) as {
      queries: { q: string; lang: Language; codes: string[] }[];
    };
    sets.push({
      name,
      items: queries.map((i) => ({ q: i.q, lang: i.lang, codes: i.codes, strictFirst: true })),
    });
  }
  return sets;
}

/**
 * hit@1: the first code is gold (fresh set: at the level of codes[0]); hit@3: a gold code or a variant of one (same
 * variant group) is in the top 3. Variant groups and levels come from our index, so every engine is judged alike.
 */
function judge(
  items: Judged[],
  results: string[][],
  groupOf: (code: string) => number | undefined,
  levelOf: (code: string) => string | null,
): Map<Language, { n: number; at1: number; at3: number }> {
  const stats = new Map<Language, { n: number; at1: number; at3: number }>();
  items.forEach((item, i) => {
    const codes = results[i] ?? [];
    const s = stats.get(item.lang) ?? { n: 0, at1: 0, at3: 0 };
    s.n++;
    const first = codes[0];
    const want = item.codes[0] as string;
    if (first && item.codes.includes(first) && (!item.strictFirst || levelOf(first) === levelOf(want)))
      s.at1++;
    const groups = new Set(item.codes.map(groupOf));
    if (codes.slice(0, 3).some((c) => item.codes.includes(c) || groups.has(groupOf(c)))) s.at3++;
    stats.set(item.lang, s);
  });
  return stats;
}

/** How many queries per language and blind set the anchors answer (see the quality table). */
const ANCHOR_PER_LANGUAGE = 40;

const pct = (n: number, d: number) => (d > 0 ? (n / d).toFixed(2) : "–");

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
  return [...evalSets().flatMap((s) => s.items.map((i) => i.q)), ...extra];
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

/**
 * The naive baseline: fuse.js over whole records. A record's fuse.js score does not depend on the other records, so
 * the catalogue is searched in chunks of `CHUNK` records, one chunk's index alive at a time, and the best 10 of all
 * chunks kept: the same answer as one index over everything, without holding fuse.js's copy of every record of the
 * ×5 catalogue at once (that index was most of the bench's 2 GB peak). Only the searches are timed, not the chunks'
 * indexing.
 */
const CHUNK = 5_000;

function naiveBaseline(docs: SearchDocument[]) {
  const records = docs.map((d) => ({ code: d.code, ...d.fields }));
  const keys = ["name", "alias", "summary", "field", "result", "agency", "documents"];
  return {
    /** Each query's search time (summed over the chunks) and its best codes. */
    time(queries: string[]): number[] {
      const times = queries.map(() => 0);
      const best = queries.map(() => [] as { code: string; score: number }[]);
      for (let from = 0; from < records.length; from += CHUNK) {
        const fuse = new Fuse(records.slice(from, from + CHUNK), { keys, includeScore: true });
        queries.forEach((q, i) => {
          const t = performance.now();
          const found = fuse.search(q, { limit: 10 });
          times[i] = (times[i] as number) + performance.now() - t;
          const kept = best[i] as { code: string; score: number }[];
          for (const r of found) kept.push({ code: r.item.code, score: r.score ?? 1 });
          kept.sort((a, b) => a.score - b.score).splice(10);
        });
      }
      return times;
    },
  };
}

/** Per query, the median of `rounds` timed runs after one warm-up: one GC pause or a busy neighbour is not the query's cost. */
function medianLatencies(run: (q: string) => unknown, queries: string[], rounds: number): number[] {
  for (const q of queries) run(q);
  const perQuery = queries.map(() => [] as number[]);
  for (let r = 0; r < rounds; r++) {
    queries.forEach((q, i) => {
      const t = performance.now();
      run(q);
      perQuery[i]?.push(performance.now() - t);
    });
  }
  return perQuery.map((runs) => runs.sort((a, b) => a - b)[Math.floor(runs.length / 2)] ?? Number.NaN);
}

/**
 * Like medianLatencies, in CPU time (user + system, process.cpuUsage): on a shared machine a query's wall time
 * includes the time other processes held the core, its CPU time does not. The tail goals are read on these figures
 * when the machine is busy.
 */
function medianCpuTimes(run: (q: string) => unknown, queries: string[], rounds: number): number[] {
  for (const q of queries) run(q);
  const perQuery = queries.map(() => [] as number[]);
  for (let r = 0; r < rounds; r++) {
    queries.forEach((q, i) => {
      const t = process.cpuUsage();
      run(q);
      const d = process.cpuUsage(t);
      perQuery[i]?.push((d.user + d.system) / 1000);
    });
  }
  return perQuery.map((runs) => runs.sort((a, b) => a - b)[Math.floor(runs.length / 2)] ?? Number.NaN);
}

async function timeAsync<T>(f: () => Promise<T>): Promise<[T, number]> {
  const t = performance.now();
  const r = await f();
  return [r, performance.now() - t];
}

/** What a stage child sends back: its rows, its answers (top 3 per query) and its own peak RSS. */
interface EngineResult {
  row: (string | number)[];
  hostileRow: (string | number)[];
  maxRss: number;
  /** The real catalogue only: our answers to every evaluation query, and what judging needs from our index. */
  quality?: Answers & { groups: [string, number][]; levels: [string, string | null][] };
}

interface Answers {
  name: string;
  build: number;
  size: number;
  load: number;
  answers: [string, string[]][];
  lat: ReturnType<typeof summarize>;
}

type Stage =
  | { stage: "engine"; label: string; factor: number; baselineQueries: number; judged: string[] | null }
  | { stage: "anchor"; which: "minisearch" | "orama"; judged: string[] };

/** Each query answered once (top 3) after a warm-up of 20, timed one by one. */
async function answerAll(queries: string[], run: (q: string) => Promise<string[]>) {
  for (const q of queries.slice(0, 20)) await run(q);
  const timings: number[] = [];
  const answers: [string, string[]][] = [];
  for (const q of queries) {
    const t = performance.now();
    answers.push([q, await run(q)]);
    timings.push(performance.now() - t);
  }
  return { answers, lat: summarize(timings) };
}

async function realDocuments() {
  const catalogue = loadCatalogue();
  return { catalogue, docs: await searchDocuments(catalogue, searchAudience()) };
}

/** Our engine on the real or the scaled catalogue: build, size, load, latency, hostile queries, the baseline. */
async function engineStage(job: Extract<Stage, { stage: "engine" }>): Promise<EngineResult> {
  const { catalogue, docs: realDocs } = await realDocuments();
  const stopwords = readStopwordLists();
  // Compiled as the build compiles it (node/build.ts), with the catalogue's Chinese and Japanese text for the lists
  // that tell kanji-only Japanese from Chinese: the engine timed is the one the product runs.
  const lexicon = restoreLexicon(
    compileLexiconData(readLexicon(), stopwords.words, stopwords.vi, {
      zh: await catalogueTexts(catalogue, "zh"),
      ja: await catalogueTexts(catalogue, "ja"),
    }),
  );
  const docs = job.factor === 1 ? realDocs : scaled(realDocs, job.factor);
  const queries = querySet();
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
  const found = searcher;
  const ours = summarize(medianLatencies((q) => found.search(q), queries, 5));
  const oursCpu = summarize(medianCpuTimes((q) => found.search(q), queries, 5));
  const hostile = ["x".repeat(10_000), "🙂🙂🙂", "\u0000\u0001\uD800 bad", "qzxqzx wvwv", "((((((([[[["];
  // Per hostile query, the median of 21 runs (one GC pause is not the query's cost); the worst of those.
  const worstHostile = Math.max(
    ...hostile.map((q) => {
      const runs = latencies(() => found.search(q), [q], 21).sort((a, b) => a - b);
      return runs[10] ?? Number.NaN;
    }),
  );
  const baseline = naiveBaseline(docs);
  const sample = queries.filter((q) => q.length < 200).slice(0, job.baselineQueries);
  process.stderr.write(
    `search bench: ${job.label}: index built in ${Math.round(buildMs)} ms (RSS ${mb(process.memoryUsage().rss)}), timing the baseline…\n`,
  );
  const theirs = summarize(baseline.time(sample));
  const load = loads.sort((a, b) => a - b)[2] ?? Number.NaN;
  const result: EngineResult = {
    row: [
      job.label,
      docs.length,
      ms(buildMs),
      mb(bytes.byteLength),
      ms(load),
      mb(heapAfter - heapBefore),
      ms(ours.p50),
      ms(ours.p95),
      ms(ours.p99),
      ms(ours.max),
      ms(oursCpu.p50),
      ms(oursCpu.p95),
      ms(oursCpu.p99),
      ms(theirs.p50),
      `${Math.round(theirs.p50 / ours.p50)}×`,
    ],
    hostileRow: [job.label, ms(worstHostile), ms(ours.p99), worstHostile < ours.p99 ? "yes" : "NO"],
    maxRss: 0,
  };
  if (job.judged) {
    result.quality = {
      name: "ours",
      build: buildMs,
      size: bytes.byteLength,
      load,
      ...(await answerAll(job.judged, async (q) => found.search(q, { limit: 3 }).hits.map((h) => h.code))),
      groups: data.codes.map((c, i) => [c, data.groups[i] as number]),
      levels: catalogue.entries.map((e) => [e.code, e.level as string | null]),
    };
  }
  return result;
}

/** One anchor on the real catalogue: build, size, load (median of 3), and its answers to the sampled queries. */
async function anchorStage(job: Extract<Stage, { stage: "anchor" }>): Promise<Answers & { maxRss: number }> {
  const { docs } = await realDocuments();
  const anchor: Anchor = job.which === "minisearch" ? miniSearchAnchor() : oramaAnchor();
  process.stderr.write(`search bench: indexing with ${anchor.name}…\n`);
  global.gc?.();
  const [size, build] = await timeAsync(() => anchor.build(docs));
  const loads: number[] = [];
  for (let i = 0; i < 3; i++) {
    // The index loaded before is garbage: collect it first, so three loads do not stack up in memory.
    global.gc?.();
    loads.push((await timeAsync(() => anchor.reload()))[1]);
  }
  return {
    name: anchor.name,
    build,
    size,
    load: loads.sort((a, b) => a - b)[1] ?? Number.NaN,
    ...(await answerAll(job.judged, (q) => anchor.search(q, 3))),
    maxRss: 0,
  };
}

/**
 * Runs one stage in a child process (this file, with the same loader and --expose-gc) and returns what it sends.
 * Each stage holds its own catalogue, documents and index, and gives them back to the system when it exits: the
 * bench's peak memory is the largest stage's, not the sum of all of them (which was 1.6 GB).
 */
function inChild<T>(job: Stage): Promise<T & { maxRss: number }> {
  return new Promise((resolve, reject) => {
    const child = fork(fileURLToPath(import.meta.url), [], {
      execArgv: ["--expose-gc", "--import", "tsx"],
      env: { ...process.env, BENCH_SEARCH_STAGE: "1" },
      stdio: ["ignore", "inherit", "inherit", "ipc"],
    });
    let result: (T & { maxRss: number }) | null = null;
    child.once("message", (m) => {
      result = m as T & { maxRss: number };
    });
    child.once("error", reject);
    child.once("exit", (code) =>
      result ? resolve(result) : reject(new Error(`search bench stage ${job.stage} exited with ${code}`)),
    );
    child.send(job);
  });
}

if (process.env.BENCH_SEARCH_STAGE && process.send) {
  process.once("message", async (job: Stage) => {
    const result = job.stage === "engine" ? await engineStage(job) : await anchorStage(job);
    // resourceUsage().maxRSS is in kilobytes: this process's peak, the figure the stage table prints.
    result.maxRss = process.resourceUsage().maxRSS * 1024;
    process.send?.(result, () => process.exit(0));
  });
}

export async function benchSearch(): Promise<string> {
  const sets = evalSets();
  const queries = querySet();
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
      "max",
      "cpu p50",
      "cpu p95",
      "cpu p99",
      "baseline p50",
      "ratio p50",
    ],
  ];
  const hostileRows: (string | number)[][] = [
    ["catalogue", "worst median of 10 kB / emoji / control chars / nonsense", "p99", "under p99"],
  ];
  // Anchors and quality, on the real catalogue: our engine answers every evaluation query once (after a warm-up); the
  // anchors, tens of times slower, answer a fixed sample of the blind sets (every other query, at most
  // ANCHOR_PER_LANGUAGE per language and set) so the bench stays within a few minutes. Ours is also shown on the
  // same sample, so the rows compare like with like.
  const sampled = sets
    .filter((set) => set.name !== "first set")
    .map((set) => {
      const taken = new Map<Language, number>();
      const items = set.items.filter((item, i) => {
        const n = taken.get(item.lang) ?? 0;
        if (i % 2 !== 0 || n >= ANCHOR_PER_LANGUAGE) return false;
        taken.set(item.lang, n + 1);
        return true;
      });
      return { name: `${set.name} (sample of ${items.length})`, items };
    });
  const questionsOf = (s: typeof sets) => [...new Set(s.flatMap((set) => set.items.map((i) => i.q)))];
  const peaks: (string | number)[][] = [["stage (own process)", "peak RSS"]];

  const real = await inChild<EngineResult>({
    stage: "engine",
    label: "real",
    factor: 1,
    baselineQueries: 5,
    judged: questionsOf(sets),
  });
  const scaledRun = await inChild<EngineResult>({
    stage: "engine",
    label: "×5 scaled",
    factor: 5,
    baselineQueries: 1,
    judged: null,
  });
  for (const [label, r] of [
    ["ours, real catalogue", real],
    ["ours, ×5 scaled", scaledRun],
  ] as const) {
    rows.push(r.row);
    hostileRows.push(r.hostileRow);
    peaks.push([label, mb(r.maxRss)]);
  }
  if (!real.quality) throw new Error("no answers from the real catalogue");
  const groupIndex = new Map(real.quality.groups);
  const levelIndex = new Map(real.quality.levels);
  const groupOf = (code: string) => groupIndex.get(code);
  const levelOf = (code: string) => levelIndex.get(code) ?? null;

  const quality: (string | number)[][] = [
    ["engine", "set", ...LANGUAGES.map((l) => `${l} @1/@3`), "p50", "p95", "p99", "build", "size", "load"],
  ];
  const report = (engine: Answers, engineSets: typeof sets) => {
    const answers = new Map(engine.answers);
    engineSets.forEach((set, si) => {
      const stats = judge(
        set.items,
        set.items.map((i) => answers.get(i.q) ?? []),
        groupOf,
        levelOf,
      );
      const head = si === 0;
      quality.push([
        head ? engine.name : "",
        set.name,
        ...LANGUAGES.map((l) => {
          const s = stats.get(l);
          return s ? `${pct(s.at1, s.n)}/${pct(s.at3, s.n)}` : "–";
        }),
        head ? ms(engine.lat.p50) : "",
        head ? ms(engine.lat.p95) : "",
        head ? ms(engine.lat.p99) : "",
        head ? ms(engine.build) : "",
        head ? mb(engine.size) : "",
        head ? ms(engine.load) : "",
      ]);
    });
  };
  report(real.quality, [...sets, ...sampled]);
  // One anchor at a time, each in its own process.
  for (const which of ["minisearch", "orama"] as const) {
    const anchor = await inChild<Answers>({ stage: "anchor", which, judged: questionsOf(sampled) });
    report(anchor, sampled);
    peaks.push([anchor.name, mb(anchor.maxRss)]);
  }
  peaks.push(["this process (tables only)", mb(process.resourceUsage().maxRSS * 1024)]);

  return [
    `search: ${queries.length} queries (the evaluation sets + codes, typos, garbage, a 10 kB string); latency = per query the median of 5 runs, then percentiles over queries (wall time, and CPU time, which a busy shared machine does not inflate); baseline = fuse.js over whole records (searched in chunks of 5,000 records, one index alive at a time: the same top 10), one run of the first 5 (real) / 1 (×5) queries (it takes seconds to minutes per query)`,
    table(rows),
    "",
    table(hostileRows),
    "",
    `quality and anchors on the real catalogue (ours: all ${sets.reduce((a, s) => a + s.items.length, 0)} evaluation queries; anchors: the samples of the blind sets; one run each after a warm-up; hit@1 on the fresh sets = the gold code at the citizen's level; hit@3 counts a variant at another level; latency columns over the queries each engine answered):`,
    table(quality),
    "",
    "memory: every stage runs in its own process, one at a time, so the bench's peak is the largest stage's:",
    table(peaks),
  ].join("\n");
}
