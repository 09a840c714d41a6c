/**
 * The rank stage: weighted query terms in, the top k documents out. A document's score is the sum of its postings
 * for the query terms, times a coverage factor (the share of query words it matched, each word one bit) and the
 * portal's usage prior (a province's own copy of a national procedure keeps `localCopy` of it). Two things keep the
 * tail flat as the catalogue grows:
 * - terms are taken in order of their best possible contribution, and postings are impact-ordered; once a posting
 *   plus everything the remaining terms could add cannot lift a new document to the current k-th score, no new
 *   document is admitted (existing ones still collect the rest of their score), so the candidate set stays small;
 * - the k best are kept in a bounded heap instead of sorting every candidate, and a candidate whose score times the
 *   largest factor any document can have cannot enter the heap is not given its factor (at ×5 the catalogue, most of
 *   a broad question's twenty thousand candidates); `scoreOf` gives the others theirs on demand.
 * Both are exact: the documents returned are the same as a full scan would rank first.
 */

import type { SearchIndexData } from "./build.ts";
import type { RankOptions } from "./options.ts";

export interface QueryTerm {
  term: string;
  weight: number;
  /** Bits of the query words this term stands for (0 for pairs, expansions and other extras). */
  bits: number;
}

export interface Ranked {
  doc: number;
  score: number;
}

/** The score of a document the query has not reached (every reached one scores 0 or more). */
const UNREACHED = -1;

export function popcount(x: number): number {
  let n = x - ((x >>> 1) & 0x55555555);
  n = (n & 0x33333333) + ((n >>> 2) & 0x33333333);
  return (((n + (n >>> 4)) & 0x0f0f0f0f) * 0x01010101) >>> 24;
}

/**
 * Terms looked up lately, per index: a query asks for the same term several times (analysis, coverage, IDF, ranking)
 * and for many of the terms the queries before it asked for; at ×5 the catalogue the binary search over the sorted
 * terms was a tenth of the search time. Bounded: cleared when it holds `TERM_CACHE_SIZE` terms.
 */
const termCache = new WeakMap<SearchIndexData, Map<string, number>>();
const TERM_CACHE_SIZE = 20_000;

/** Terms are stored sorted (packed, src/search/packed.ts): a binary search over their bytes, remembered. */
export function termId(data: SearchIndexData, term: string): number | undefined {
  let cache = termCache.get(data);
  if (!cache) {
    cache = new Map();
    termCache.set(data, cache);
  }
  const cached = cache.get(term);
  if (cached !== undefined) return cached < 0 ? undefined : cached;
  const id = data.terms.indexOf(term);
  if (cache.size >= TERM_CACHE_SIZE) cache.clear();
  cache.set(term, id);
  return id < 0 ? undefined : id;
}

/** A min-heap of (score, doc) of bounded size: the k best seen so far, the worst on top. */
class TopK {
  readonly docs: Int32Array;
  readonly scores: Float64Array;
  size = 0;
  constructor(readonly k: number) {
    this.docs = new Int32Array(k);
    this.scores = new Float64Array(k);
  }
  /** Worse than the heap's worst: ties are broken by the lower document number, as a full sort would. */
  private less(sa: number, da: number, sb: number, db: number) {
    return sa < sb || (sa === sb && da > db);
  }
  /** The worst score kept once the heap is full (kept in a field: read once per candidate, it was a twentieth of the
   * slowest questions' time as a getter). */
  floor = Number.NEGATIVE_INFINITY;
  push(doc: number, score: number) {
    this.insert(doc, score);
    if (this.size === this.k) this.floor = this.scores[0] as number;
  }
  private insert(doc: number, score: number) {
    if (this.size < this.k) {
      let i = this.size++;
      while (i > 0) {
        const p = (i - 1) >> 1;
        if (!this.less(score, doc, this.scores[p] as number, this.docs[p] as number)) break;
        this.scores[i] = this.scores[p] as number;
        this.docs[i] = this.docs[p] as number;
        i = p;
      }
      this.scores[i] = score;
      this.docs[i] = doc;
      return;
    }
    if (!this.less(this.scores[0] as number, this.docs[0] as number, score, doc)) return;
    let i = 0;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= this.size) break;
      const r = l + 1;
      let c = l;
      if (
        r < this.size &&
        this.less(
          this.scores[r] as number,
          this.docs[r] as number,
          this.scores[l] as number,
          this.docs[l] as number,
        )
      )
        c = r;
      if (!this.less(this.scores[c] as number, this.docs[c] as number, score, doc)) break;
      this.scores[i] = this.scores[c] as number;
      this.docs[i] = this.docs[c] as number;
      i = c;
    }
    this.scores[i] = score;
    this.docs[i] = doc;
  }
  sorted(): Ranked[] {
    const out: Ranked[] = [];
    for (let i = 0; i < this.size; i++)
      out.push({ doc: this.docs[i] as number, score: this.scores[i] as number });
    return out.sort((a, b) => b.score - a.score || a.doc - b.doc);
  }
}

export interface RankResult {
  /** The k best documents, best first. */
  top: Ranked[];
  /** The best final score (0 when nothing matched). */
  best: number;
  /** Whether more documents than k scored above the candidate floor (the caller may ask for a larger k). */
  more: boolean;
  /** Final score of any document (0 for one the query never reached). */
  scoreOf(doc: number): number;
  /** Query-word bits a document matched. */
  bitsOf(doc: number): number;
}

/**
 * The share of the query's words a document matched, from its bits: each word counts as one, or with `weights`
 * (one per bit) as its weight, over the total of `words` words' weights. Four 256-entry tables make it a few loads.
 */
const NO_WORDS = new Float64Array(256);

export function coverageShare(words: number, weights?: readonly number[]): (bits: number) => number {
  const wanted = Math.max(1, words);
  if (!weights) return (bits) => popcount(bits) / wanted;
  // A byte no word sits in reads the shared table of zeros. Each entry is the one without its highest bit plus that
  // bit's weight: the same sums, added in the same order (lowest bit first), as bit by bit, in 255 steps, not 2,040.
  const tables = [0, 1, 2, 3].map((byte) => {
    if (byte * 8 >= weights.length) return NO_WORDS;
    const t = new Float64Array(256);
    for (let v = 1; v < 256; v++) {
      const high = 31 - Math.clz32(v);
      t[v] = (t[v ^ (1 << high)] as number) + (weights[byte * 8 + high] ?? 0);
    }
    return t;
  });
  let total = 0;
  for (const w of weights) total += w;
  const [t0, t1, t2, t3] = tables as [Float64Array, Float64Array, Float64Array, Float64Array];
  if (total <= 0) return (bits) => popcount(bits) / wanted;
  return (bits) =>
    Math.min(
      1,
      ((t0[bits & 255] as number) +
        (t1[(bits >>> 8) & 255] as number) +
        (t2[(bits >>> 16) & 255] as number) +
        (t3[(bits >>> 24) & 255] as number)) /
        total,
    );
}

/**
 * Reused per-document accumulators. A score below zero marks a document the query has not reached: the documents
 * the previous query reached are reset at the start of the next one (not the whole array), and the scan over a
 * posting list reads one array per document rather than a score and a generation stamp.
 */
export class Ranker {
  private readonly scores: Float64Array;
  private readonly matched: Uint32Array;
  /** Query-word bits a document matched for its coverage factor, where that asks more than `matched` (coverShare). */
  private readonly covered: Uint32Array;
  private readonly touched: Uint32Array;
  private touchedCount = 0;
  private generation = 0;
  private readonly maxPrior = new WeakMap<Float32Array, number>();

  constructor(
    private readonly data: SearchIndexData,
    private readonly options: RankOptions,
  ) {
    const n = data.codes.length;
    this.scores = new Float64Array(n).fill(UNREACHED);
    this.matched = new Uint32Array(n);
    this.covered = new Uint32Array(n);
    this.touched = new Uint32Array(n);
  }

  /** The largest prior of a prior array (the bound pruning needs), computed once per array. */
  private maxOf(priors: Float32Array): number {
    let m = this.maxPrior.get(priors);
    if (m === undefined) {
      m = 0;
      for (const p of priors) m = Math.max(m, p);
      this.maxPrior.set(priors, m);
    }
    return m;
  }

  /**
   * `words` is the number of query words (bits) coverage is measured against; `k` how many documents to return.
   * With `exhaustive`, every posting is read (the reference the pruned path is tested against). `priors` replaces the
   * index's usage priors; `lift`, where given, multiplies a document's score by 1 + lift × its coverage share (the
   * reader's audience, Searcher: a lean toward procedures for foreigners that grows with how well they match).
   */
  rank(
    terms: QueryTerm[],
    words: number,
    k: number,
    exhaustive = false,
    wordWeights?: readonly number[],
    priors: Float32Array = this.data.priors,
    lift?: Float32Array,
    /**
     * Words a document is taken to match beside those it matched (query.ts cjkJunctions: a CJK pair straddling two
     * words, both of which it matched): in its bits, which the rules between siblings compare, not in its coverage
     * (counted there too, they moved questions of the evaluation sets both ways).
     */
    excuse?: (bits: number) => number,
    /**
     * A larger share than `coverMinShare` a posting must reach to count for the coverage factor (the bits returned,
     * which the rules between siblings compare, keep `coverMinShare`): RankOptions.japaneseCoverShare.
     */
    coverShare?: number,
  ): RankResult {
    const { data, options, scores, matched, covered, touched } = this;
    for (let i = 0; i < this.touchedCount; i++) {
      const doc = touched[i] as number;
      scores[doc] = UNREACHED;
      matched[doc] = 0;
      covered[doc] = 0;
    }
    const strict = coverShare !== undefined && coverShare > options.coverMinShare;
    const cover = strict ? covered : matched;
    this.touchedCount = 0;
    const gen = ++this.generation;
    const current = () => this.generation === gen;
    const share = coverageShare(words, wordWeights);
    const withExcused = excuse ? (bits: number) => bits | excuse(bits) : (bits: number) => bits;
    const boost = (1 + options.prior * this.maxOf(priors)) * (lift ? 1 + this.maxOf(lift) : 1);
    const power = options.coveragePower;
    // A province's own copy keeps a share of its score (at most 1, so the bounds below stay upper bounds).
    const local = data.local;
    const localCopy = Math.min(1, options.localCopy);
    const curve = power === 2 ? (c: number) => c * c : (c: number) => c ** power;
    // The largest factor any document can have (coverage of every word the lists can set, the largest prior and lift,
    // no local copy): a score times it bounds the document's final score, so most candidates need no factor computed.
    let allBits = 0;
    for (const t of terms) allBits |= t.bits;
    const widest = share(allBits);
    const factorCeiling =
      (options.coverageFloor + (1 - options.coverageFloor) * curve(widest)) *
      (1 + options.prior * this.maxOf(priors)) *
      (lift ? 1 + this.maxOf(lift) * widest : 1);
    const factor = (doc: number) => {
      const c = share(cover[doc] as number);
      return (
        (options.coverageFloor + (1 - options.coverageFloor) * curve(c)) *
        (1 + options.prior * (priors[doc] as number)) *
        (lift ? 1 + (lift[doc] as number) * c : 1) *
        (local[doc] === 1 ? localCopy : 1)
      );
    };

    // Each term's postings, and the most it can add to one document.
    const lists: { from: number; to: number; scaled: number; bits: number; max: number }[] = [];
    for (const { term, weight, bits } of terms) {
      const id = termId(data, term);
      if (id === undefined) continue;
      const from = data.offsets[id] as number;
      const to = data.offsets[id + 1] as number;
      if (to <= from) continue;
      const scaled = weight * data.scoreScale;
      const end = bits === 0 ? Math.min(to, from + options.extraPostings) : to;
      lists.push({ from, to: end, scaled, bits, max: scaled * (data.postingScores[from] as number) });
    }
    lists.sort((a, b) => b.max - a.max);
    // What the terms after position i can still add to one document.
    const rest = new Float64Array(lists.length + 1);
    for (let i = lists.length - 1; i >= 0; i--) rest[i] = (rest[i + 1] as number) + (lists[i]?.max ?? 0);

    // Postings still to read from list i on.
    const volume = new Float64Array(lists.length + 1);
    for (let i = lists.length - 1; i >= 0; i--)
      volume[i] = (volume[i + 1] as number) + ((lists[i]?.to ?? 0) - (lists[i]?.from ?? 0));
    // Query-word bits the lists from i on can set: a document first met at list i can match no other word (bar those
    // of lists that skipped documents), so its coverage factor, not only its score, is bounded.
    const laterBits = new Uint32Array(lists.length + 1);
    for (let i = lists.length - 1; i >= 0; i--)
      laterBits[i] = (laterBits[i + 1] as number) | (lists[i]?.bits ?? 0);
    const coverageFloor = options.coverageFloor;
    const coverMinShare = options.coverMinShare;
    const bestFactor = (bits: number) => (coverageFloor + (1 - coverageFloor) * curve(share(bits))) * boost;
    let skippedBits = 0;
    let touchedCount = 0;
    let pruned = false;
    let theta = Number.NEGATIVE_INFINITY;
    let thetaAt = 0;
    const docs = data.postingDocs;
    const values = data.postingScores;
    for (let li = 0; li < lists.length; li++) {
      const { from, to, scaled, bits } = lists[li] as (typeof lists)[number];
      // The k-th best score so far is a lower bound of the final k-th (scores and coverage only grow): a document
      // first met here can reach at most (this posting + the rest) × the best coverage and prior.
      // Scores only grow, so a threshold computed earlier stays a valid lower bound: it is refreshed only when the
      // postings still to read outnumber the candidates by far (the pass over the candidates pays for itself).
      if (
        !exhaustive &&
        touchedCount >= k &&
        (volume[li] as number) > 4 * touchedCount &&
        touchedCount > thetaAt
      ) {
        const heap = new TopK(k);
        for (let i = 0; i < touchedCount; i++) {
          const doc = touched[i] as number;
          const score = scores[doc] as number;
          if (score * factorCeiling < heap.floor) continue;
          heap.push(doc, score * factor(doc));
        }
        theta = heap.floor;
        thetaAt = touchedCount * 2;
      }
      // A word counts as matched (its coverage bit) only where its posting reaches `coverMinShare` of the term's
      // best one: BM25F scores of one term differ mostly by field, so a word found only in a record's document list
      // or another low-weight field adds to the score but does not cover the word.
      const bitFloor = coverMinShare * (values[from] as number);
      const coverFloor = strict ? (coverShare as number) * (values[from] as number) : bitFloor;
      const later = rest[li + 1] as number;
      const ceiling = bestFactor((laterBits[li] as number) | skippedBits);
      // Two passes over the list: while new documents are admitted, then (once a posting cannot lift a new one to
      // theta, nor can any after it: they score no more) only adding to the documents already met.
      let admitting = true;
      let i = from;
      for (; i < to; i++) {
        const doc = docs[i] as number;
        const value = values[i] as number;
        const add = scaled * value;
        let score = scores[doc] as number;
        if (score < 0) {
          if ((add + later) * ceiling < theta) {
            admitting = false;
            break;
          }
          score = 0;
          touched[touchedCount++] = doc;
        }
        scores[doc] = score + add;
        if (bits && value >= bitFloor) {
          matched[doc] = (matched[doc] as number) | bits;
          if (strict && value >= coverFloor) covered[doc] = (covered[doc] as number) | bits;
        }
      }
      for (; i < to; i++) {
        const doc = docs[i] as number;
        const score = scores[doc] as number;
        if (score < 0) continue;
        const value = values[i] as number;
        scores[doc] = score + scaled * value;
        if (bits && value >= bitFloor) {
          matched[doc] = (matched[doc] as number) | bits;
          if (strict && value >= coverFloor) covered[doc] = (covered[doc] as number) | bits;
        }
      }
      if (!admitting) {
        pruned = true;
        skippedBits |= bits;
      }
    }

    this.touchedCount = touchedCount;

    // The k + 1 best final scores: the first k are returned, the one after says whether more than k pass the floor.
    // A candidate whose score times the largest factor cannot enter the heap is not given its factor.
    const size = Math.max(1, k);
    const heap = new TopK(size + 1);
    for (let i = 0; i < touchedCount; i++) {
      const doc = touched[i] as number;
      const score = scores[doc] as number;
      if (score * factorCeiling < heap.floor) continue;
      heap.push(doc, score * factor(doc));
    }
    const ranked = heap.sorted();
    const best = Math.max(0, ranked[0]?.score ?? 0);
    const floor = best * options.candidateFloor;
    const passing = ranked.filter((r) => r.score >= floor && r.score > 0);
    return {
      top: passing.slice(0, size),
      best,
      // Documents left out by pruning scored under theta: they matter only if theta is above the floor.
      more: passing.length > k || (pruned && theta > floor),
      scoreOf: (doc) =>
        current() && (scores[doc] as number) >= 0 ? (scores[doc] as number) * factor(doc) : 0,
      bitsOf: (doc) => (current() ? withExcused(matched[doc] as number) : 0),
    };
  }
}
