import { LRUCache } from "lru-cache";
import * as z from "zod";
import { bundledTermFiles } from "#term-files";
import { lazySchema } from "../lazy-schema.ts";
import { CatalogueError, parseCatalogueFile } from "./catalogue.ts";
import { resultItems, splitList } from "./national-parser.ts";
import { type NationalRecord, sourceSchema } from "./schema.ts";

/**
 * The term base (data/terms/<kind>.json): the catalogue's recurring Vietnamese strings — field names, agencies,
 * who may file, channels, document lines, results — in en, zh (Simplified), ko and ja. Lookups fold case,
 * whitespace, list markers, end punctuation, old/new tone-mark placement and the abbreviations the export uses, and
 * fall back to the kind's patterns (templates such as "Sở Tư pháp tỉnh {province}") whose slots are terms themselves.
 */

export const TERM_KINDS = [
  "fields",
  "subjects",
  "channels",
  "agencies",
  "documents",
  "results",
  "provinces",
] as const;
export type TermKind = (typeof TERM_KINDS)[number];
export const TERM_LANGUAGES = ["en", "zh", "ko", "ja"] as const;
export type TermLanguage = (typeof TERM_LANGUAGES)[number];

const text = lazySchema(() => z.string().min(1));
const isoDate = lazySchema(() => z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "date must be YYYY-MM-DD"));

/** "machine-assisted" until a person (or a recorded second pass) has checked all four languages. */
export const termReviewSchema = lazySchema(() =>
  z.union([z.literal("machine-assisted"), z.object({ reviewed: isoDate, by: text }).strict()]),
);
export type TermReview = z.infer<typeof termReviewSchema>;

/** A term in the five languages (the Vietnamese as the catalogue writes it). */
const inFiveLanguages = () => ({ vi: text, en: text, zh: text, ko: text, ja: text });

export const termEntrySchema = lazySchema(() =>
  z
    .object({
      ...inFiveLanguages(),
      /** Occurrences in the catalogue when the file was written (the coverage command recounts). */
      count: z.number().int().nonnegative(),
      review: termReviewSchema,
      /** A stable id where code refers to the term (channels: online, postal, counter). */
      id: z
        .string()
        .regex(/^[a-z0-9-]+$/)
        .optional(),
      /** Where a non-obvious rendering comes from (official English names, glossaries). */
      sources: z.array(sourceSchema).optional(),
      note: text.optional(),
    })
    .strict(),
);
export type TermEntry = z.infer<typeof termEntrySchema>;

/** A slot: a kind's singular name, numbered where one template has two of a kind in another order ({agency2}). */
const SLOT = /\{([a-z]+\d?)\}/g;
const slotKind = (slot: string) => SLOT_KINDS[slot.replace(/\d$/, "")];
/** {place}: a Vietnamese place name of one to four syllables (a ward, a street), written unaccented in every language. */
const isPlaceSlot = (slot: string) => slot.replace(/\d$/, "") === "place";
const PLACE = /\p{L}+(?: \p{L}+){0,3}/uy;

/** "hoài nhơn" → "Hoai Nhon": how Vietnamese place names are written in foreign text and on maps. */
export function unaccentedPlace(name: string): string {
  return name
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .replace(/đ/g, "d")
    .replace(/Đ/g, "D")
    .replace(/(^|\s)(\p{L})/gu, (_m, sp: string, c: string) => sp + c.toUpperCase());
}
/** A pattern's {slot} names the kind its value is looked up in. */
const SLOT_KINDS: Record<string, TermKind> = {
  field: "fields",
  subject: "subjects",
  channel: "channels",
  agency: "agencies",
  document: "documents",
  result: "results",
  province: "provinces",
};
const slotsOf = (template: string) => [...template.matchAll(SLOT)].map((m) => m[1] ?? "").sort();

export const termPatternSchema = lazySchema(() =>
  z
    .object({
      ...inFiveLanguages(),
      review: termReviewSchema,
      sources: z.array(sourceSchema).optional(),
      note: text.optional(),
    })
    .strict()
    .superRefine((p, ctx) => {
      const slots = slotsOf(p.vi);
      if (slots.length === 0) ctx.addIssue({ code: "custom", message: `pattern "${p.vi}" has no {slot}` });
      if (slots.length === 1 && p.vi.replace(SLOT, "").trim() === "")
        ctx.addIssue({ code: "custom", message: `pattern "${p.vi}" has nothing but a slot` });
      for (const s of slots) {
        if (!slotKind(s) && !isPlaceSlot(s))
          ctx.addIssue({ code: "custom", message: `pattern "${p.vi}": {${s}} names no term kind` });
      }
      for (const lang of TERM_LANGUAGES) {
        if (slotsOf(p[lang]).join() !== slots.join())
          ctx.addIssue({
            code: "custom",
            path: [lang],
            message: `slots differ from the Vietnamese template`,
          });
      }
    }),
);
export type TermPattern = z.infer<typeof termPatternSchema>;

export const termFileSchema = lazySchema(() =>
  z
    .object({
      kind: z.enum(TERM_KINDS),
      description: text,
      sources: z.array(sourceSchema).optional(),
      /** Short forms the export uses, expanded before lookup (UBND → Ủy ban nhân dân). */
      abbreviations: z.array(z.object({ short: text, long: text }).strict()).optional(),
      patterns: z.array(termPatternSchema).default([]),
      entries: z.array(termEntrySchema),
    })
    .strict(),
);
export type TermFile = z.infer<typeof termFileSchema>;

const TONE_FOLD: Record<string, string> = {
  oà: "òa",
  oá: "óa",
  oả: "ỏa",
  oã: "õa",
  oạ: "ọa",
  oè: "òe",
  oé: "óe",
  oẻ: "ỏe",
  oẽ: "õe",
  oẹ: "ọe",
  uỳ: "ùy",
  uý: "úy",
  uỷ: "ủy",
  uỹ: "ũy",
  uỵ: "ụy",
};
const TONE_RE = new RegExp(Object.keys(TONE_FOLD).join("|"), "g");
const LIST_MARKER =
  /^(?:[-+•*–—·]+\s*|\(?\d{1,2}(?:\.\d{1,2})*[.)]\s*|\(?[a-zđ][).]\s+|\([ivx]{1,4}\)\s*)+/iu;

const TONE_ANY = /[ou][àáảãạèéẻẽẹỳýỷỹỵ]/;
const ZERO_WIDTH = /[\u200b-\u200f\u2060\ufeff]/;
const ZERO_WIDTH_ALL = /[\u200b-\u200f\u2060\ufeff]/g;
/** Whitespace other than single spaces: a run of two, or a tab, line break or other space character. */
const ODD_SPACE = /\s\s|[^\S ]/;
const QUOTE_END = /^["“”'‘’]|["“”'‘’]$/;
const QUOTES = /^["“”'‘’]+|["“”'‘’]+$/g;
/** What ends a key and is dropped: JavaScript's whitespace (\s) and the end punctuation . ; : , */
const END_CHARS = new Set(
  [..." .;:,\t\n\v\f\r\u00a0\u1680\u2028\u2029\u202f\u205f\u3000\ufeff"].map((c) => c.charCodeAt(0)),
);
const isEndChar = (c: number) => END_CHARS.has(c) || (c >= 0x2000 && c <= 0x200a);

/**
 * The lookup key of a catalogue string: NFC, lower case, one space, no list marker ("- ", "a) ", "2.1."), no
 * enclosing quotes, no end punctuation, and one tone-mark placement (hoà = hòa, uỷ = ủy).
 *
 * Every card line and term lookup goes through it (about 600,000 calls in the investor checks): each rewrite runs
 * only when a cheap test says it would change something, and the end is trimmed by a loop instead of a `[…]+$`
 * regex, which tries a match at every space of the line (4.5 → 2.1 µs a call on the term base's strings, same keys).
 */
export function termKey(raw: string): string {
  let s = raw.normalize("NFC");
  if (ZERO_WIDTH.test(s)) s = s.replace(ZERO_WIDTH_ALL, "");
  s = s.toLowerCase();
  if (ODD_SPACE.test(s)) s = s.replace(/\s+/g, " ");
  s = s.trim();
  if (QUOTE_END.test(s)) s = s.replace(QUOTES, "").trim();
  s = s.replace(LIST_MARKER, "");
  let end = s.length;
  while (end > 0 && isEndChar(s.charCodeAt(end - 1))) end--;
  if (end < s.length) s = s.slice(0, end);
  if (TONE_ANY.test(s)) s = s.replace(TONE_RE, (m) => TONE_FOLD[m] ?? m);
  return s.trim();
}

export interface TermTranslation {
  text: string;
  /** True unless every part of the text was reviewed (shown to users as machine-assisted). */
  machine: boolean;
}

/** A pattern as a sequence of literal pieces (sticky regexes) and slots, matched by backtracking. */
type Piece =
  | { lit: RegExp; scan: RegExp }
  | {
      id: string;
      kind: TermKind;
      province: RegExp | null;
      place: boolean;
      /** The slot may hold a list: in a list pattern, or between brackets ("{agency1} ({agency2})"). */
      lists: boolean;
    };

interface CompiledPattern {
  pieces: Piece[];
  /** Quick checks before matching: each literal and province must occur somewhere in the string. */
  needs: RegExp[];
  pattern: TermPattern;
}

/**
 * A list pattern joins two terms of one kind and nothing else: "{agency1}, {agency2}", "{agency1}; {agency2}",
 * "{agency1}/{agency2}", "{agency1} hoặc {agency2}", "{agency1} và {agency2}". A list is never the value of another
 * pattern's slot: "Sở Tư pháp; Ủy ban nhân dân cấp xã" is a list of two, the second commune-level, not the
 * commune-level "Sở Tư pháp; Ủy ban nhân dân"; "A - tỉnh X, B - tỉnh X" is two agencies of province X.
 */
const LIST_TEMPLATE = /^\{([a-z]+)1\}\s*(?:[,;/]|hoặc|và)\s*\{\1\d?2\}$/u;
export const isListPattern = (p: TermPattern) => LIST_TEMPLATE.test(p.vi.trim());

/** Patterns are tried on strings up to this length: longer ones are whole paragraphs, looked up as entries only. */
const MAX_PATTERN_INPUT = 400;
const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
/** Province names come as "Bắc Ninh", "tỉnh Bắc Ninh", "Thành phố Hà Nội", "TP.Đà Nẵng" or "TP. Hồ Chí Minh". */
const PROVINCE_PREFIX = "(?:(?:tỉnh|thành phố|tp\\.?)\\s*)?";

class KindTable {
  readonly entries = new Map<string, TermEntry>();
  readonly patterns: CompiledPattern[] = [];
  readonly abbreviations: { re: RegExp; long: string }[];

  constructor(
    readonly file: TermFile,
    label: string,
  ) {
    for (const e of file.entries) {
      const key = termKey(e.vi);
      if (this.entries.has(key))
        throw new CatalogueError(`${label}: entries: "${e.vi}" appears twice (after normalisation)`);
      this.entries.set(key, e);
    }
    this.abbreviations = (file.abbreviations ?? []).map((a) => ({
      re: new RegExp(`(?<![\\p{L}\\p{N}])${escapeRe(termKey(a.short))}(?![\\p{L}\\p{N}])`, "gu"),
      long: termKey(a.long),
    }));
  }

  expand(key: string): string {
    let s = key;
    for (const a of this.abbreviations) s = s.replace(a.re, a.long);
    return s;
  }
}

export class TermBase {
  private readonly kinds = new Map<TermKind, KindTable>();
  private readonly memo = new Map<string, Parse | null>();

  constructor(files: TermFile[]) {
    for (const f of files) {
      if (this.kinds.has(f.kind)) throw new CatalogueError(`terms/${f.kind}.json: kind given twice`);
      this.kinds.set(f.kind, new KindTable(f, `terms/${f.kind}.json`));
    }
    const provinceNames = [...(this.kinds.get("provinces")?.entries.keys() ?? [])]
      .sort((a, b) => b.length - a.length)
      .map(escapeRe);
    const province = new RegExp(`${PROVINCE_PREFIX}(${provinceNames.join("|")})(?![\\p{L}\\p{N}])`, "uy");
    for (const [kind, table] of this.kinds) {
      for (const p of table.file.patterns) {
        // Normalise the template with the slots held out, so "{province}." and "- {agency}" match like data.
        const held = termKey(p.vi.replace(SLOT, (_m, s: string) => `⟪${s}⟫`));
        const seen = new Map<string, number>();
        const pieces: Piece[] = held
          .split(/(⟪[a-z]+\d?⟫)/)
          .filter((part) => part !== "")
          .map((part, i, parts) => {
            const slot = /^⟪([a-z]+\d?)⟫$/.exec(part)?.[1];
            if (!slot) {
              const source = part.trim() === "" ? "\\s+" : escapeRe(part).replace(/ /g, "\\s*");
              return { lit: new RegExp(source, "uy"), scan: new RegExp(source, "gu") };
            }
            if (slotKind(slot) === "provinces" && provinceNames.length === 0)
              throw new CatalogueError(`terms/${kind}.json: {province} needs terms/provinces.json`);
            const n = seen.get(slot) ?? 0;
            seen.set(slot, n + 1);
            const enclosed = /[(（]\s*$/u.test(parts[i - 1] ?? "") && /^\s*[)）]/u.test(parts[i + 1] ?? "");
            return {
              id: `${slot}#${n}`,
              kind: slotKind(slot) ?? kind,
              province: slotKind(slot) === "provinces" ? province : null,
              place: isPlaceSlot(slot),
              lists: isListPattern(p) || enclosed,
            };
          });
        const needs = pieces.flatMap((piece) =>
          "lit" in piece
            ? [new RegExp(piece.lit.source, "u")]
            : piece.province
              ? [new RegExp(piece.province.source, "u")]
              : [],
        );
        table.patterns.push({ pieces, needs, pattern: p });
      }
    }
  }

  kind(kind: TermKind): TermFile | null {
    return this.kinds.get(kind)?.file ?? null;
  }

  /** The term in one language, or null where the term base has no entry or pattern for it. */
  translate(kind: TermKind, vi: string, lang: TermLanguage): TermTranslation | null {
    const parse = this.parse(kind, termKey(vi));
    return parse ? render(parse, lang) : null;
  }

  /** How a key is made of entries and patterns (language-independent, memoised). */
  private parse(kind: TermKind, key: string): Parse | null {
    const table = this.kinds.get(kind);
    if (!table || key === "") return null;
    const hit = table.entries.get(key) ?? table.entries.get(table.expand(key));
    if (hit) return { entry: hit };
    if (table.patterns.length === 0 || key.length > MAX_PATTERN_INPUT) return null;
    const memoKey = `${kind}|${key}`;
    const known = this.memo.get(memoKey);
    if (known !== undefined) return known;
    // A slot's value is always shorter than the string, so recursion ends; the mark guards against a bad pattern.
    this.memo.set(memoKey, null);
    let found: Parse | null = null;
    for (const candidate of new Set([key, table.expand(key)])) {
      for (const p of table.patterns) {
        if (!p.needs.every((re) => re.test(candidate))) continue;
        const values = new Map<string, Parse>();
        if (this.match(candidate, 0, p.pieces, 0, values)) {
          found = { pattern: p.pattern, values };
          break;
        }
      }
      if (found) break;
    }
    this.memo.set(memoKey, found);
    return found;
  }

  /** Matches pieces[k..] against s[pos..], filling values by slot; tries each split of a free slot, shortest first. */
  private match(s: string, pos: number, pieces: Piece[], k: number, values: Map<string, Parse>): boolean {
    const piece = pieces[k];
    if (!piece) return pos === s.length;
    if ("lit" in piece) {
      piece.lit.lastIndex = pos;
      const m = piece.lit.exec(s);
      return m !== null && this.match(s, pos + m[0].length, pieces, k + 1, values);
    }
    if (piece.place) {
      PLACE.lastIndex = pos;
      const words = PLACE.exec(s)?.[0].split(" ") ?? [];
      for (let n = words.length; n >= 1; n--) {
        const name = words.slice(0, n).join(" ");
        values.set(piece.id, { place: unaccentedPlace(name) });
        if (this.match(s, pos + name.length, pieces, k + 1, values)) return true;
      }
      return false;
    }
    if (piece.province) {
      piece.province.lastIndex = pos;
      const m = piece.province.exec(s);
      const name = m?.[1];
      if (!m || !name) return false;
      const t = this.parse("provinces", name);
      if (!t) return false;
      values.set(piece.id, t);
      return this.match(s, pos + m[0].length, pieces, k + 1, values);
    }
    const next = pieces[k + 1];
    const after = pieces[k + 2];
    const tryEnd = (end: number, litLength: number): boolean => {
      if (after && "province" in after && after.province) {
        after.province.lastIndex = end + litLength;
        if (!after.province.test(s)) return false;
      }
      const t = this.parse(piece.kind, termKey(s.slice(pos, end)));
      if (!t || (!piece.lists && "pattern" in t && isListPattern(t.pattern))) return false;
      values.set(piece.id, t);
      return this.match(s, end, pieces, k + 1, values);
    };
    if (!next) return tryEnd(s.length, 0);
    if (!("lit" in next)) {
      for (let end = pos + 1; end < s.length; end++) if (tryEnd(end, 0)) return true;
      return false;
    }
    // Jump from one occurrence of the next literal to the next instead of trying every position.
    next.scan.lastIndex = pos + 1;
    for (let m = next.scan.exec(s); m; m = next.scan.exec(s)) {
      const end = m.index;
      if (tryEnd(end, m[0].length)) return true;
      next.scan.lastIndex = end + 1;
    }
    return false;
  }
}

/** A resolved term: an entry, a province or place, or a pattern with its slots filled. */
type Parse = { entry: TermEntry } | { place: string } | { pattern: TermPattern; values: Map<string, Parse> };

function render(parse: Parse, lang: TermLanguage): TermTranslation {
  if ("entry" in parse)
    return { text: parse.entry[lang], machine: parse.entry.review === "machine-assisted" };
  if ("place" in parse) return { text: parse.place, machine: false };
  let machine = parse.pattern.review === "machine-assisted";
  const seen = new Map<string, number>();
  const text = parse.pattern[lang].replace(SLOT, (_m, slot: string) => {
    const n = seen.get(slot) ?? 0;
    seen.set(slot, n + 1);
    const value = parse.values.get(`${slot}#${n}`);
    if (!value) return "";
    const part = render(value, lang);
    machine ||= part.machine;
    return part.text;
  });
  return { text, machine };
}

/** Validates one term file (as read from data/terms/<kind>.json); throws a CatalogueError naming what is wrong. */
export function parseTermFile(value: unknown, label: string): TermFile {
  return parseCatalogueFile(termFileSchema, value, label);
}

let bundled: TermBase | null = null;
/** translateTerm looks up what no record brought in the bundled term base (where bundled), unless turned off. */
let fallback = bundledTermFiles !== null;

/**
 * Whether translateTerm falls back to the bundled term base for strings no record brought. A runtime build has
 * none; tests turn it off to see what a runtime shows. Returns the previous setting.
 */
export function useBundledTermBase(on: boolean): boolean {
  const was = fallback;
  fallback = on && bundledTermFiles !== null;
  return was;
}

/** The term base bundled with this build (data/terms/*.json), validated on first use. */
export function termBase(): TermBase {
  const files = bundledTermFiles;
  if (!files)
    throw new CatalogueError(
      "the term base is not bundled in a runtime build: term translations come with each record",
    );
  bundled ??= new TermBase(
    TERM_KINDS.map((kind) => {
      const file = parseTermFile(files[kind], `terms/${kind}.json`);
      if (file.kind !== kind) throw new CatalogueError(`terms/${kind}.json: kind is "${file.kind}"`);
      return file;
    }),
  );
  return bundled;
}

/**
 * One record's term translations as the build writes them (catalogue/terms/NNN.jsonl, one line per record):
 * `"<kind>|<termKey>"` → per TERM_LANGUAGES position `[text, machine 0|1]`, or null where that language has none.
 * Only strings with at least one translation are listed.
 */
export type RecordTermTranslations = Record<string, ([string, 0 | 1] | null)[]>;

/** What a card asks the term base for (src/conversation/card.ts), and a little more: by kind, as in the record. */
export function cardTermStrings(record: NationalRecord): [TermKind, string][] {
  const out: [TermKind, string][] = [];
  const terms = recordTerms(record);
  for (const kind of COVERAGE_KINDS) for (const vi of terms[kind]) out.push([kind, vi]);
  for (const group of record.documents) if (group.heading) out.push(["documents", group.heading]);
  // A result is looked up whole, item by item (an item whose own name holds a comma kept whole), and by pieces.
  for (const item of resultItems(record.result)) out.push(["results", item.text]);
  for (const piece of splitList(record.result)) out.push(["results", piece]);
  return out;
}

/** The build's side: every string a card of this record may ask for, translated with the whole term base. */
export function recordTermTranslations(
  base: TermBase,
  record: NationalRecord,
  /** Rows by key across records (the same lines recur): pass one map for a whole build. */
  memo = new Map<string, ([string, 0 | 1] | null)[] | null>(),
): RecordTermTranslations {
  const out: RecordTermTranslations = {};
  for (const [kind, vi] of cardTermStrings(record)) {
    const key = `${kind}|${termKey(vi)}`;
    if (key in out) continue;
    let row = memo.get(key);
    if (row === undefined) {
      const translated = TERM_LANGUAGES.map((lang): [string, 0 | 1] | null => {
        const t = base.translate(kind, vi, lang);
        return t ? [t.text, t.machine ? 1 : 0] : null;
      });
      row = translated.some((t) => t !== null) ? translated : null;
      memo.set(key, row);
    }
    if (row) out[key] = row;
  }
  return out;
}

/**
 * Term translations of the records read lately (Catalogue.procedure puts a record's in before its card is built).
 * Keys are shared across records (the same document line recurs), so a few thousand cover the records in use;
 * the least recently used go first, so memory stays flat.
 */
const recent = new LRUCache<string, ([string, 0 | 1] | null)[]>({ max: 20_000 });
/** Called with a record's term translations when the record is read, before its card is built. */
export function rememberTermTranslations(terms: RecordTermTranslations): void {
  for (const [key, row] of Object.entries(terms)) recent.set(key, row);
}

/**
 * A catalogue string in the reader's language: `{ text, machine }`, or null where the term base does not know it
 * (show the Vietnamese then). Vietnamese asks return null: the record's own text is the original. The answer
 * comes from the translations read with the record; where a build bundles the term base (tools, tests), a
 * string no record brought is looked up there.
 */
export function translateTerm(kind: TermKind, vi: string, lang: string): TermTranslation | null {
  const at = (TERM_LANGUAGES as readonly string[]).indexOf(lang);
  if (at < 0) return null;
  const key = `${kind}|${termKey(vi)}`;
  const row = recent.get(key);
  if (row) {
    const t = row[at];
    return t ? { text: t[0], machine: t[1] === 1 } : null;
  }
  if (!fallback) return null;
  return termBase().translate(kind, vi, lang as TermLanguage);
}

/** The kinds measured by the coverage report, and the strings of a record that belong to each. */
export const COVERAGE_KINDS = ["fields", "subjects", "channels", "agencies", "documents", "results"] as const;
export type CoverageKind = (typeof COVERAGE_KINDS)[number];

const CHANNEL_NAMES = { online: "Trực tuyến", postal: "Dịch vụ bưu chính", counter: "Trực tiếp" } as const;

/** The Vietnamese name of a channel kind, as the export's channel terms are keyed. */
export function channelTerm(kind: keyof typeof CHANNEL_NAMES): string {
  return CHANNEL_NAMES[kind];
}

export function recordTerms(record: NationalRecord): Record<CoverageKind, string[]> {
  const agencies = Object.values(record.agencies).filter((a): a is string => a !== null);
  return {
    fields: record.field ? [record.field] : [],
    subjects: record.subjects,
    channels: [...new Set(record.channels.map((c) => CHANNEL_NAMES[c.kind]))],
    agencies,
    documents: record.documents.flatMap((g) => g.items.map((i) => i.name)),
    results: record.result ? [record.result] : [],
  };
}

export interface KindCoverage {
  kind: CoverageKind;
  distinct: number;
  occurrences: number;
  /** Per language: distinct strings and occurrences the term base translates, and how many of those are reviewed. */
  languages: Record<TermLanguage, { distinct: number; occurrences: number; reviewedOccurrences: number }>;
}

/** How much of the catalogue's strings the term base translates, per kind and language. */
export function termCoverage(base: TermBase, records: Iterable<NationalRecord>): KindCoverage[] {
  const counts = new Map<CoverageKind, Map<string, number>>(COVERAGE_KINDS.map((k) => [k, new Map()]));
  for (const r of records) {
    const terms = recordTerms(r);
    for (const kind of COVERAGE_KINDS) {
      const m = counts.get(kind) as Map<string, number>;
      for (const s of terms[kind]) m.set(s, (m.get(s) ?? 0) + 1);
    }
  }
  return COVERAGE_KINDS.map((kind) => {
    const m = counts.get(kind) as Map<string, number>;
    const languages = Object.fromEntries(
      TERM_LANGUAGES.map((lang) => {
        let distinct = 0;
        let occurrences = 0;
        let reviewedOccurrences = 0;
        for (const [s, n] of m) {
          const t = base.translate(kind, s, lang);
          if (!t) continue;
          distinct++;
          occurrences += n;
          if (!t.machine) reviewedOccurrences += n;
        }
        return [lang, { distinct, occurrences, reviewedOccurrences }];
      }),
    ) as KindCoverage["languages"];
    return {
      kind,
      distinct: m.size,
      occurrences: [...m.values()].reduce((a, b) => a + b, 0),
      languages,
    };
  });
}

const pct = (a: number, b: number) => (b === 0 ? "100.0" : ((100 * a) / b).toFixed(1));

/** The coverage report printed by `npm run -s cli -- terms-coverage` (a contract: one tab-separated row per cell). */
export function formatTermCoverage(rows: KindCoverage[]): string {
  const out = ["kind\tlang\tdistinct\tdistinct%\toccurrences\toccurrences%\treviewed-occurrences%"];
  for (const r of rows) {
    for (const lang of TERM_LANGUAGES) {
      const l = r.languages[lang];
      out.push(
        [
          r.kind,
          lang,
          `${l.distinct}/${r.distinct}`,
          pct(l.distinct, r.distinct),
          `${l.occurrences}/${r.occurrences}`,
          pct(l.occurrences, r.occurrences),
          pct(l.reviewedOccurrences, r.occurrences),
        ].join("\t"),
      );
    }
  }
  return out.join("\n");
}

/** One catalogue string the term base does not translate yet: its lookup key, occurrences and most common spelling. */
export interface UntranslatedTerm {
  key: string;
  count: number;
  vi: string;
}

/**
 * The strings of one kind the term base does not translate into `lang`, grouped by lookup key (one entry serves every
 * variant), most frequent first, then shortest: the translators' work list (`terms-coverage --missing <kind>`).
 */
export function untranslatedTerms(
  base: TermBase,
  records: Iterable<NationalRecord>,
  kind: CoverageKind,
  lang: TermLanguage = "en",
): UntranslatedTerm[] {
  const byKey = new Map<string, { count: number; spellings: Map<string, number> }>();
  for (const r of records) {
    for (const s of recordTerms(r)[kind]) {
      if (base.translate(kind, s, lang)) continue;
      const key = termKey(s);
      if (key === "") continue;
      const g = byKey.get(key) ?? { count: 0, spellings: new Map<string, number>() };
      g.count++;
      g.spellings.set(s, (g.spellings.get(s) ?? 0) + 1);
      byKey.set(key, g);
    }
  }
  return [...byKey]
    .map(([key, g]) => ({
      key,
      count: g.count,
      vi: [...g.spellings].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0]?.[0] ?? key,
    }))
    .sort((a, b) => b.count - a.count || a.key.length - b.key.length || a.key.localeCompare(b.key));
}
