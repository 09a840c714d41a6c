import { z } from "zod";
import agenciesFile from "../../data/terms/agencies.json" with { type: "json" };
import channelsFile from "../../data/terms/channels.json" with { type: "json" };
import documentsFile from "../../data/terms/documents.json" with { type: "json" };
import fieldsFile from "../../data/terms/fields.json" with { type: "json" };
import provincesFile from "../../data/terms/provinces.json" with { type: "json" };
import resultsFile from "../../data/terms/results.json" with { type: "json" };
import subjectsFile from "../../data/terms/subjects.json" with { type: "json" };
import { CatalogueError, parseCatalogueFile } from "./catalogue.ts";
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

const text = z.string().min(1);
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "date must be YYYY-MM-DD");

/** "machine-assisted" until a person (or a recorded second pass) has checked all four languages. */
export const termReviewSchema = z.union([
  z.literal("machine-assisted"),
  z.object({ reviewed: isoDate, by: text }).strict(),
]);
export type TermReview = z.infer<typeof termReviewSchema>;

export const termEntrySchema = z
  .object({
    vi: text,
    en: text,
    zh: text,
    ko: text,
    ja: text,
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
  .strict();
export type TermEntry = z.infer<typeof termEntrySchema>;

const SLOT = /\{([a-z]+)\}/g;
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

export const termPatternSchema = z
  .object({
    vi: text,
    en: text,
    zh: text,
    ko: text,
    ja: text,
    review: termReviewSchema,
    sources: z.array(sourceSchema).optional(),
    note: text.optional(),
  })
  .strict()
  .superRefine((p, ctx) => {
    const slots = slotsOf(p.vi);
    if (slots.length === 0) ctx.addIssue({ code: "custom", message: `pattern "${p.vi}" has no {slot}` });
    for (const s of slots) {
      if (!(s in SLOT_KINDS))
        ctx.addIssue({ code: "custom", message: `pattern "${p.vi}": {${s}} names no term kind` });
    }
    for (const lang of TERM_LANGUAGES) {
      if (slotsOf(p[lang]).join() !== slots.join())
        ctx.addIssue({ code: "custom", path: [lang], message: `slots differ from the Vietnamese template` });
    }
  });
export type TermPattern = z.infer<typeof termPatternSchema>;

export const termFileSchema = z
  .object({
    kind: z.enum(TERM_KINDS),
    description: text,
    sources: z.array(sourceSchema).optional(),
    /** Short forms the export uses, expanded before lookup (UBND → Ủy ban nhân dân). */
    abbreviations: z.array(z.object({ short: text, long: text }).strict()).optional(),
    patterns: z.array(termPatternSchema).default([]),
    entries: z.array(termEntrySchema),
  })
  .strict();
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

/**
 * The lookup key of a catalogue string: NFC, lower case, one space, no list marker ("- ", "a) ", "2.1."), no
 * enclosing quotes, no end punctuation, and one tone-mark placement (hoà = hòa, uỷ = ủy).
 */
export function termKey(raw: string): string {
  let s = raw
    .normalize("NFC")
    .replace(/[\u200b-\u200f\u2060\ufeff]/g, "")
    .toLowerCase()
    .replace(/\s+/g, " ")
    .trim();
  s = s.replace(/^["“”'‘’]+|["“”'‘’]+$/g, "").trim();
  s = s.replace(LIST_MARKER, "");
  s = s.replace(/[\s.;:,]+$/u, "");
  return s.replace(TONE_RE, (m) => TONE_FOLD[m] ?? m).trim();
}

export interface TermTranslation {
  text: string;
  /** True unless every part of the text was reviewed (shown to users as machine-assisted). */
  machine: boolean;
}

interface CompiledPattern {
  re: RegExp;
  slots: string[];
  pattern: TermPattern;
}

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

  constructor(files: TermFile[]) {
    for (const f of files) {
      if (this.kinds.has(f.kind)) throw new CatalogueError(`terms/${f.kind}.json: kind given twice`);
      this.kinds.set(f.kind, new KindTable(f, `terms/${f.kind}.json`));
    }
    const provinces = [...(this.kinds.get("provinces")?.entries.keys() ?? [])]
      .sort((a, b) => b.length - a.length)
      .map(escapeRe);
    for (const [kind, table] of this.kinds) {
      for (const p of table.file.patterns) {
        const slots: string[] = [];
        // Normalise the template with the slots held out, so "{province}." and "- {agency}" match like data.
        const held = termKey(p.vi.replace(SLOT, (_m, s: string) => `⟪${s}⟫`));
        const source = held
          .split(/(⟪[a-z]+⟫)/)
          .map((part) => {
            const slot = /^⟪([a-z]+)⟫$/.exec(part)?.[1];
            if (!slot) return escapeRe(part).replace(/ /g, "\\s*");
            slots.push(slot);
            if (slot === "province") {
              if (provinces.length === 0)
                throw new CatalogueError(`terms/${kind}.json: {province} needs terms/provinces.json`);
              return `${PROVINCE_PREFIX}(${provinces.join("|")})`;
            }
            return "(.+?)";
          })
          .join("");
        table.patterns.push({ re: new RegExp(`^${source}$`, "u"), slots, pattern: p });
      }
    }
  }

  kind(kind: TermKind): TermFile | null {
    return this.kinds.get(kind)?.file ?? null;
  }

  /** The term in one language, or null where the term base has no entry or pattern for it. */
  translate(kind: TermKind, vi: string, lang: TermLanguage): TermTranslation | null {
    return this.resolve(kind, termKey(vi), lang, 0);
  }

  private resolve(kind: TermKind, key: string, lang: TermLanguage, depth: number): TermTranslation | null {
    const table = this.kinds.get(kind);
    if (!table || key === "") return null;
    const hit = table.entries.get(key) ?? table.entries.get(table.expand(key));
    if (hit) return { text: hit[lang], machine: hit.review === "machine-assisted" };
    if (depth > 2) return null;
    for (const candidate of new Set([key, table.expand(key)])) {
      for (const p of table.patterns) {
        const m = p.re.exec(candidate);
        if (!m) continue;
        let machine = p.pattern.review === "machine-assisted";
        const values = new Map<string, string>();
        let ok = true;
        p.slots.forEach((slot, i) => {
          if (!ok) return;
          const part = this.resolve(SLOT_KINDS[slot] ?? kind, termKey(m[i + 1] ?? ""), lang, depth + 1);
          if (!part) ok = false;
          else {
            values.set(slot, part.text);
            machine ||= part.machine;
          }
        });
        if (ok)
          return { text: p.pattern[lang].replace(SLOT, (_m, s: string) => values.get(s) ?? ""), machine };
      }
    }
    return null;
  }
}

const FILES: Record<TermKind, unknown> = {
  fields: fieldsFile,
  subjects: subjectsFile,
  channels: channelsFile,
  agencies: agenciesFile,
  documents: documentsFile,
  results: resultsFile,
  provinces: provincesFile,
};

/** Validates one term file (as read from data/terms/<kind>.json); throws a CatalogueError naming what is wrong. */
export function parseTermFile(value: unknown, label: string): TermFile {
  return parseCatalogueFile(termFileSchema, value, label);
}

let bundled: TermBase | null = null;

/** The term base bundled with this build (data/terms/*.json), validated on first use. */
export function termBase(): TermBase {
  bundled ??= new TermBase(
    TERM_KINDS.map((kind) => {
      const file = parseTermFile(FILES[kind], `terms/${kind}.json`);
      if (file.kind !== kind) throw new CatalogueError(`terms/${kind}.json: kind is "${file.kind}"`);
      return file;
    }),
  );
  return bundled;
}

/**
 * A catalogue string in the reader's language: `{ text, machine }`, or null where the term base does not know it
 * (show the Vietnamese then). Vietnamese asks return null: the record's own text is the original.
 */
export function translateTerm(kind: TermKind, vi: string, lang: string): TermTranslation | null {
  if (!(TERM_LANGUAGES as readonly string[]).includes(lang)) return null;
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
