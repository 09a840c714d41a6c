import type { Level } from "../catalogue/index.ts";
import { analyze, nameKey } from "./normalize.ts";

/**
 * Builds the inverted index once (at import time, or in memory for tests): BM25F over weighted fields, with the
 * saturation folded into each posting so a query is a sparse sum over its terms' postings, never a scan.
 */

export const FIELDS = {
  name: { weight: 10, b: 0.75, bigrams: true, exact: true },
  alias: { weight: 12, b: 0.5, bigrams: true, exact: true },
  summary: { weight: 0.5, b: 0.75, bigrams: true, exact: false },
  field: { weight: 1.5, b: 0.75, bigrams: true, exact: false },
  result: { weight: 1.2, b: 0.75, bigrams: true, exact: false },
  agency: { weight: 0.8, b: 0.75, bigrams: false, exact: false },
  documents: { weight: 0.25, b: 0.9, bigrams: false, exact: false },
} as const;
export type FieldName = keyof typeof FIELDS;

const K1 = 1.2;
/**
 * Postings worth less than this share of the best posting (common words deep in document lists) are dropped:
 * they never decide a rank, and they are a third of the index.
 */
const MIN_POSTING_SHARE = 0.035;
/** Document text is long and repetitive; the first part says what the dossier is about. */
const MAX_DOCUMENT_CHARS = 600;

export interface SearchDocument {
  code: string;
  level: Level | null;
  weight: number | null;
  oldCodes: string[];
  /** Vietnamese name: records with the same name up to level/province qualifiers are one group. */
  nameVi: string;
  nameEn: string | null;
  fields: Record<FieldName, string[]>;
}

export const LEVEL_CODES: (Level | null)[] = [null, "ministry", "province", "commune"];

export interface SearchIndexData {
  codes: string[];
  levels: Uint8Array;
  groups: Uint32Array;
  priors: Float32Array;
  terms: string[];
  offsets: Uint32Array;
  postingDocs: Uint16Array;
  /** Scores quantised to 16 bits; multiply by `scoreScale` to get the BM25F value. */
  postingScores: Uint16Array;
  scoreScale: number;
  /** Latin words of names and aliases: the short vocabulary typos are corrected against. */
  vocabulary: string[];
  oldCodes: [string, number][];
  /** Folded Vietnamese syllables and English words seen in names, for query language detection. */
  viWords: string[];
  enWords: string[];
}

/** "Cấp hộ chiếu phổ thông ở trong nước (thực hiện tại cấp tỉnh)" and its central twin share one key. */
export function groupKey(nameVi: string): string {
  return nameKey(
    nameVi
      .replace(/\([^()]*\)/gu, " ")
      .replace(/\b(thực hiện )?tại (cấp|các cơ quan) [^,;]*$/iu, " ")
      .replace(/\b(cấp (tỉnh|xã|huyện|trung ương|bộ))\s*$/iu, " "),
  );
}

function fieldTerms(field: FieldName, texts: string[]): string[] {
  const spec = FIELDS[field];
  const out: string[] = [];
  let budget = field === "documents" ? MAX_DOCUMENT_CHARS : Number.POSITIVE_INFINITY;
  for (const raw of texts) {
    if (budget <= 0) break;
    const text = raw.length > budget ? raw.slice(0, budget) : raw;
    budget -= text.length;
    const a = analyze(text);
    out.push(...a.unigrams);
    if (spec.bigrams) out.push(...a.bigrams, ...a.stems);
    if (spec.exact) out.push(...a.exact, ...a.phonetic);
  }
  return out;
}

export function buildSearchIndex(docs: SearchDocument[]): SearchIndexData {
  const n = docs.length;
  const fieldNames = Object.keys(FIELDS) as FieldName[];
  // Per field: the terms of every document, and the average length for BM25 length normalisation.
  const perDoc: Map<string, number>[] = docs.map(() => new Map());
  const avg: Record<string, number> = {};
  const termsByField = fieldNames.map((f) => docs.map((d) => fieldTerms(f, d.fields[f])));
  fieldNames.forEach((f, fi) => {
    const lists = termsByField[fi] ?? [];
    const total = lists.reduce((s, l) => s + l.length, 0);
    avg[f] = Math.max(1, total / Math.max(1, lists.filter((l) => l.length > 0).length));
  });
  fieldNames.forEach((f, fi) => {
    const spec = FIELDS[f];
    (termsByField[fi] ?? []).forEach((terms, di) => {
      if (terms.length === 0) return;
      const counts = new Map<string, number>();
      for (const t of terms) counts.set(t, (counts.get(t) ?? 0) + 1);
      const norm = 1 - spec.b + (spec.b * terms.length) / (avg[f] ?? 1);
      const target = perDoc[di] as Map<string, number>;
      for (const [t, c] of counts) target.set(t, (target.get(t) ?? 0) + (spec.weight * c) / norm);
    });
  });

  if (n > 0xffff) throw new Error(`the index holds at most 65,535 documents (got ${n})`);
  const df = new Map<string, number>();
  for (const m of perDoc) for (const t of m.keys()) df.set(t, (df.get(t) ?? 0) + 1);
  // Final BM25F contribution of each (term, document), with the saturation already applied.
  const all = new Map<string, [number, number][]>();
  let maxScore = 0;
  perDoc.forEach((m, di) => {
    for (const [t, tfw] of m) {
      const d = df.get(t) as number;
      const idf = Math.log(1 + (n - d + 0.5) / (d + 0.5));
      const score = (idf * tfw * (K1 + 1)) / (K1 + tfw);
      maxScore = Math.max(maxScore, score);
      const list = all.get(t);
      if (list) list.push([di, score]);
      else all.set(t, [[di, score]]);
    }
  });
  const minScore = maxScore * MIN_POSTING_SHARE;
  const kept = new Map<string, [number, number][]>();
  for (const [t, list] of all) {
    const strong = list.filter(([, score]) => score >= minScore);
    if (strong.length > 0) kept.set(t, strong);
  }
  const terms = [...kept.keys()].sort();
  const offsets = new Uint32Array(terms.length + 1);
  terms.forEach((t, i) => {
    offsets[i + 1] = (offsets[i] as number) + (kept.get(t)?.length ?? 0);
  });
  const total = offsets[terms.length] as number;
  const postingDocs = new Uint16Array(total);
  const postingScores = new Uint16Array(total);
  const scoreScale = maxScore / 0xffff || 1;
  terms.forEach((t, i) => {
    let at = offsets[i] as number;
    for (const [doc, score] of kept.get(t) ?? []) {
      postingDocs[at] = doc;
      postingScores[at] = Math.round(score / scoreScale);
      at++;
    }
  });

  const maxWeight = Math.max(1, ...docs.map((d) => d.weight ?? 0));
  const groupIds = new Map<string, number>();
  const groups = new Uint32Array(n);
  docs.forEach((d, i) => {
    const key = groupKey(d.nameVi);
    if (!groupIds.has(key)) groupIds.set(key, groupIds.size);
    groups[i] = groupIds.get(key) as number;
  });

  const vocabulary = new Set<string>();
  for (const fi of [fieldNames.indexOf("name"), fieldNames.indexOf("alias")]) {
    for (const list of termsByField[fi] ?? []) {
      for (const t of list) if (t.length >= 4 && /^[a-z]+$/.test(t)) vocabulary.add(t);
    }
  }

  const viWords = new Set<string>();
  const enWords = new Set<string>();
  for (const d of docs) {
    for (const w of nameKey(d.nameVi).split(" ")) if (w && !/\d/.test(w)) viWords.add(w);
    for (const w of nameKey(d.nameEn ?? "").split(" ")) if (w && !/\d/.test(w)) enWords.add(w);
  }

  return {
    codes: docs.map((d) => d.code),
    levels: Uint8Array.from(docs.map((d) => LEVEL_CODES.indexOf(d.level))),
    groups,
    priors: Float32Array.from(docs.map((d) => Math.log1p(d.weight ?? 0) / Math.log1p(maxWeight))),
    terms,
    offsets,
    postingDocs,
    postingScores,
    scoreScale,
    vocabulary: [...vocabulary].sort(),
    oldCodes: docs
      .flatMap((d, i) => d.oldCodes.map((o) => [o, i] as [string, number]))
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
    viWords: [...viWords].sort(),
    enWords: [...enWords].sort(),
  };
}
