import Fuse from "fuse.js";
import type { Language, Level } from "../catalogue/index.ts";
import { LEVEL_CODES, type SearchIndexData } from "./build.ts";
import { LanguageDetector } from "./detect.ts";
import { type CompiledLexicon, matchLexicon } from "./lexicon.ts";
import { analyze, nameKey, sanitize, stemOf } from "./normalize.ts";

function popcount(x: number): number {
  let n = x - ((x >>> 1) & 0x55555555);
  n = (n & 0x33333333) + ((n >>> 2) & 0x33333333);
  return (((n + (n >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

export interface SearchHit {
  code: string;
  score: number;
  level: Level | null;
  /** The same procedure at other levels or in other provinces (this hit's group), this one first. */
  variants: { code: string; level: Level | null }[];
  /** How the hit was found: by code, by words, through a life event, or after correcting a typo. */
  via: "code" | "words" | "event" | "typo";
  /**
   * 0–1: the IDF-weighted share of the query's meaningful terms (`SearchResult.terms`) this hit matched, as typed,
   * stemmed or corrected. 1 for a code asked for; 0 for a hit reached only through a life event or an expansion.
   */
  coverage: number;
}

export interface SearchResult {
  query: string;
  lang: Language | null;
  level: Level | null;
  /** The analysed query terms that carry meaning (after stopwords and codes), in query order. */
  terms: string[];
  hits: SearchHit[];
}

export interface SearchOptions {
  limit?: number;
}

/** Queries are cut here: nobody types more, and a pasted 10 kB string must stay as fast as a short one. */
export const MAX_QUERY_CHARS = 300;
/** Ranking knobs, tuned on the evaluation set (test/search/eval-queries.json). */
export interface SearchTuning {
  /** How much the portal's usage weight lifts a procedure: score × (1 + prior × normalized log weight). */
  prior: number;
  expansion: number;
  exact: number;
  typo: number;
  phonetic: number;
  stem: number;
  /** Score share kept by a document matching none of the query words; the rest grows with coverage^power. */
  coverageFloor: number;
  coveragePower: number;
}

export const DEFAULT_TUNING: SearchTuning = {
  prior: 0.6,
  expansion: 0.7,
  exact: 0.35,
  typo: 0.8,
  phonetic: 0.6,
  stem: 0.6,
  coverageFloor: 0.25,
  coveragePower: 2,
};

const CODE = /(?<![\d.])(\d)\.?(\d{6})(?![\d])/g;

const LEVEL_PATTERNS: [Level, RegExp][] = [
  [
    "commune",
    /\b(cap xa|o xa|tai xa|xa phuong|ubnd xa|commune|ward)\b|乡级|乡镇|社级|읍|면 단위|사 단위|社レベル/u,
  ],
  [
    "province",
    /\b(cap tinh|o tinh|tai tinh|so tu phap|provincial|province)\b|省级|省里|성급|성 단위|省レベル/u,
  ],
  ["ministry", /\b(trung uong|cap bo|o bo|central|ministry|cuc quan ly)\b|中央|部级|중앙|中央レベル/u],
];

export function levelInQuery(query: string): Level | null {
  const folded = nameKey(query);
  const raw = query.normalize("NFKC");
  for (const [level, pattern] of LEVEL_PATTERNS) if (pattern.test(folded) || pattern.test(raw)) return level;
  return null;
}

export class Searcher {
  private readonly codeIds: Map<string, number>;
  private readonly oldCodeIds = new Map<string, number[]>();
  private readonly groupMembers = new Map<number, number[]>();
  private readonly detector: LanguageDetector;
  /** One small fuse.js matcher per first letter: typos rarely hit the first letter, and small sets are fast. */
  private readonly fuses = new Map<string, Fuse<string>>();
  private readonly corrections = new Map<string, string | null>();

  constructor(
    private readonly data: SearchIndexData,
    private readonly lexicon: CompiledLexicon,
    private readonly tuning: SearchTuning = DEFAULT_TUNING,
  ) {
    this.codeIds = new Map(data.codes.map((c, i) => [c, i]));
    for (const [old, doc] of data.oldCodes)
      this.oldCodeIds.set(old, [...(this.oldCodeIds.get(old) ?? []), doc]);
    data.groups.forEach((g, doc) => {
      const list = this.groupMembers.get(g);
      if (list) list.push(doc);
      else this.groupMembers.set(g, [doc]);
    });
    this.detector = new LanguageDetector(data.viWords, data.enWords);
  }

  get size(): number {
    return this.data.codes.length;
  }

  detectLanguage(text: string): Language | null {
    return this.detector.detect(text);
  }

  search(rawQuery: string, options: SearchOptions = {}): SearchResult {
    const limit = Math.max(1, Math.min(options.limit ?? 10, 50));
    const query = sanitize(String(rawQuery ?? ""))
      .slice(0, MAX_QUERY_CHARS)
      .trim();
    const lang = this.detector.detect(query);
    const level = levelInQuery(query);
    const result: SearchResult = { query, lang, level, terms: [], hits: [] };
    if (query === "") return result;

    // Codes match exactly, with or without dots; a December 2025 code finds the record that replaced it.
    const codeDocs: number[] = [];
    for (const m of query.matchAll(CODE)) {
      const code = `${m[1]}.${m[2]}`;
      const doc = this.codeIds.get(code);
      if (doc !== undefined) codeDocs.push(doc);
      for (const d of this.oldCodeIds.get(code) ?? []) codeDocs.push(d);
    }

    // What is left once codes and words like "mã"/"code" are removed decides whether words are searched too.
    const words = query
      .replace(CODE, " ")
      .replace(/(?<![\p{L}\p{N}])(m[aã]|code|th[uủ] t[uụ]c|s[oố])(?![\p{L}\p{N}])|[:#]/giu, " ")
      .trim();
    if (codeDocs.length > 0 && analyze(words).unigrams.every((t) => /^\d+$/.test(t))) {
      return { ...result, hits: this.codeHits(codeDocs, limit) };
    }
    let corrected = false;
    const stop = this.lexicon.stopwords;
    const analyzed = analyze(words);
    // Each query word owns one bit; a document's coverage is the share of words it matched in any form
    // (as typed, stemmed, or corrected). Word pairs and expansions add score but no coverage.
    const base = [...new Set(analyzed.unigrams)]
      .filter((t) => !stop.has(t) && !/^\d{6,7}$/.test(t))
      .slice(0, 31);
    result.terms = base;
    const weights = new Map<string, { w: number; bit: number }>();
    const add = (term: string, w: number, bit = 0) => {
      const prev = weights.get(term);
      if (!prev || prev.w < w) weights.set(term, { w, bit: bit | (prev?.bit ?? 0) });
      else prev.bit |= bit;
    };
    // Each bit's weight for the reported coverage: the IDF of the word (or of its correction); a word the index has
    // never seen weighs as the rarest, so "hello permit" is not half-covered by a hit on "permit" alone.
    const bitIdf = new Float64Array(base.length);
    base.forEach((t, i) => {
      add(t, 1, 1 << i);
      bitIdf[i] = this.idf(t);
      const stem = stemOf(t);
      if (stem) add(stem, this.tuning.stem, 1 << i);
      // Typo tolerance only where the index misses: a word the index has never seen is matched against the
      // short vocabulary of name and alias words (fuse.js), never against whole records.
      if (this.termId(t) === undefined && t.length >= 4 && t.length <= 24 && /^[a-z]+$/.test(t)) {
        const fix = this.correct(t);
        if (fix) {
          add(fix, this.tuning.typo, 1 << i);
          bitIdf[i] = this.idf(fix);
          corrected = true;
        }
      }
    });
    for (const t of analyzed.bigrams) if (!stop.has(t)) add(t, 1);
    for (const t of analyzed.phonetic) add(t, this.tuning.phonetic);
    for (const t of analyzed.exact) add(t, this.tuning.exact);
    const lexical = matchLexicon(this.lexicon, query);
    // A phrase can hide behind a typo ("pasport renewal"): match the lexicon again on the corrected words.
    if (corrected) {
      const fixed = matchLexicon(
        this.lexicon,
        [...weights]
          .filter(([, v]) => v.bit)
          .map(([term]) => term)
          .join(" "),
      );
      lexical.expansions.push(...fixed.expansions.filter((e) => !lexical.expansions.includes(e)));
      lexical.eventCodes.push(...fixed.eventCodes);
    }
    for (const phrase of lexical.expansions) {
      const a = analyze(phrase);
      for (const t of [...a.unigrams, ...a.bigrams]) if (!stop.has(t)) add(t, this.tuning.expansion);
    }

    const s = this.scratch();
    const { scores, matched, stamp, touched } = s;
    const gen = s.generation;
    let touchedCount = 0;
    for (const [term, { w, bit }] of weights) {
      const id = this.termId(term);
      if (id === undefined) continue;
      const from = this.data.offsets[id] as number;
      const to = this.data.offsets[id + 1] as number;
      const docs = this.data.postingDocs;
      const values = this.data.postingScores;
      const scaled = w * this.data.scoreScale;
      for (let i = from; i < to; i++) {
        const doc = docs[i] as number;
        if (stamp[doc] !== gen) {
          stamp[doc] = gen;
          scores[doc] = 0;
          matched[doc] = 0;
          touched[touchedCount++] = doc;
        }
        scores[doc] = (scores[doc] as number) + scaled * (values[i] as number);
        if (bit) matched[doc] = (matched[doc] as number) | bit;
      }
    }

    const wanted = Math.max(1, base.length);
    const idfTotal = bitIdf.reduce((a, b) => a + b, 0);
    const weightedCoverage = (doc: number) => {
      if (stamp[doc] !== gen || idfTotal === 0) return 0;
      const bits = matched[doc] as number;
      let sum = 0;
      for (let i = 0; i < base.length; i++) if (bits & (1 << i)) sum += bitIdf[i] as number;
      return Math.round((sum / idfTotal) * 1000) / 1000;
    };
    let best = 0;
    for (let i = 0; i < touchedCount; i++) {
      const doc = touched[i] as number;
      const coverage = popcount(matched[doc] as number) / wanted;
      const final =
        (scores[doc] as number) *
        (this.tuning.coverageFloor +
          (1 - this.tuning.coverageFloor) * coverage ** this.tuning.coveragePower) *
        (1 + this.tuning.prior * (this.data.priors[doc] as number));
      scores[doc] = final;
      if (final > best) best = final;
    }

    // Only documents near the best can make the list; everything else is dropped before sorting.
    const candidates = new Map<number, { score: number; via: SearchHit["via"] }>();
    const floor = best * 0.05;
    for (let i = 0; i < touchedCount; i++) {
      const doc = touched[i] as number;
      const score = scores[doc] as number;
      if (score >= floor && score > 0) candidates.set(doc, { score, via: corrected ? "typo" : "words" });
    }
    // Life events point at procedures directly, in the order the data gives.
    for (const codes of lexical.eventCodes) {
      codes.forEach((code, rank) => {
        const doc = this.codeIds.get(code);
        if (doc === undefined) return;
        const bonus = Math.max(best, 10) * (0.9 - rank * 0.08);
        candidates.set(doc, { score: (candidates.get(doc)?.score ?? 0) + bonus, via: "event" });
      });
    }
    let top = 1;
    for (const c of candidates.values()) top = Math.max(top, c.score);
    codeDocs.forEach((doc, i) => {
      candidates.set(doc, { score: top * 10 - i, via: "code" });
    });

    const ranked = [...candidates].sort((a, b) => b[1].score - a[1].score || a[0] - b[0]);
    const scoreOf = (doc: number) => candidates.get(doc)?.score ?? 0;
    const seenGroups = new Set<number>();
    for (const [doc, { score, via }] of ranked) {
      if (result.hits.length >= limit) break;
      const group = this.data.groups[doc] as number;
      if (seenGroups.has(group)) continue;
      seenGroups.add(group);
      const members = this.groupMembers.get(group) ?? [doc];
      // A level named in the query picks that variant; a code asked for is never swapped.
      let chosen = doc;
      if (level && via !== "code" && this.levelOf(doc) !== level) {
        const atLevel = members
          .filter((m) => this.levelOf(m) === level)
          .sort((a, b) => scoreOf(b) - scoreOf(a) || a - b)[0];
        if (atLevel !== undefined) chosen = atLevel;
      }
      const others = members.filter((m) => m !== chosen).sort((a, b) => scoreOf(b) - scoreOf(a) || a - b);
      result.hits.push({
        code: this.data.codes[chosen] as string,
        score: Math.round(score * 10000) / 10000,
        level: this.levelOf(chosen),
        variants: [chosen, ...others]
          .slice(0, 20)
          .map((m) => ({ code: this.data.codes[m] as string, level: this.levelOf(m) })),
        via,
        coverage: via === "code" ? 1 : weightedCoverage(chosen),
      });
    }
    return result;
  }

  private codeHits(docs: number[], limit: number): SearchHit[] {
    return [...new Set(docs)].slice(0, limit).map((doc, i) => {
      const members = this.groupMembers.get(this.data.groups[doc] as number) ?? [doc];
      return {
        code: this.data.codes[doc] as string,
        score: 1000 - i,
        level: this.levelOf(doc),
        variants: [doc, ...members.filter((m) => m !== doc)].slice(0, 20).map((m) => ({
          code: this.data.codes[m] as string,
          level: this.levelOf(m),
        })),
        via: "code" as const,
        coverage: 1,
      };
    });
  }

  /** Reused per-document accumulators; a generation stamp replaces clearing them between queries. */
  private scratchState: {
    scores: Float64Array;
    matched: Uint32Array;
    stamp: Uint32Array;
    touched: Uint32Array;
    generation: number;
  } | null = null;

  private scratch() {
    const n = this.data.codes.length;
    this.scratchState ??= {
      scores: new Float64Array(n),
      matched: new Uint32Array(n),
      stamp: new Uint32Array(n),
      touched: new Uint32Array(n),
      generation: 0,
    };
    const s = this.scratchState;
    s.generation = (s.generation + 1) >>> 0;
    if (s.generation === 0) {
      s.stamp.fill(0);
      s.generation = 1;
    }
    return s;
  }

  private levelOf(doc: number): Level | null {
    return LEVEL_CODES[this.data.levels[doc] as number] ?? null;
  }

  /** BM25's IDF from the number of postings a term kept (a term absent from the index counts as the rarest). */
  private idf(term: string): number {
    const n = this.data.codes.length;
    const id = this.termId(term);
    const df =
      id === undefined ? 0 : (this.data.offsets[id + 1] as number) - (this.data.offsets[id] as number);
    return Math.log(1 + (n - df + 0.5) / (df + 0.5));
  }

  /** Terms are stored sorted: a binary search avoids building a map of every term at start. */
  private termId(term: string): number | undefined {
    const terms = this.data.terms;
    let lo = 0;
    let hi = terms.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const t = terms[mid] as string;
      if (t === term) return mid;
      if (t < term) lo = mid + 1;
      else hi = mid - 1;
    }
    return undefined;
  }

  private correct(word: string): string | null {
    const cached = this.corrections.get(word);
    if (cached !== undefined) return cached;
    const letter = word[0] ?? "";
    let fuse = this.fuses.get(letter);
    if (!fuse) {
      fuse = new Fuse(
        this.data.vocabulary.filter((w) => w[0] === letter),
        { threshold: 0.3, includeScore: true, minMatchCharLength: 3 },
      );
      this.fuses.set(letter, fuse);
    }
    // A correction keeps about the word's length: fuse.js alone would turn "script" into "subscription".
    const hit = fuse
      .search(word, { limit: 5 })
      .find((h) => Math.abs(h.item.length - word.length) <= Math.max(1, Math.floor(word.length / 4)));
    const fix = hit && (hit.score ?? 1) <= 0.3 ? hit.item : null;
    if (this.corrections.size > 5000) this.corrections.clear();
    this.corrections.set(word, fix);
    return fix;
  }
}
