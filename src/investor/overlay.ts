import * as z from "zod";
import { splitList } from "../catalogue/national-parser.ts";
import {
  type CuratedRecord,
  type NationalRecord,
  procedureCodeSchema,
  sourceSchema,
} from "../catalogue/schema.ts";
import { TERM_LANGUAGES, type TermLanguage, termKey, termReviewSchema } from "../catalogue/terms.ts";
import { lazySchema } from "../lazy-schema.ts";

/**
 * The investor translation overlay (data/investor/<lang>/<code>.json): one file per language per procedure, so
 * translators never touch the same file. Every translated line keeps the Vietnamese line as the national record
 * prints it (`vi`) next to its translation (`text`); cards look lines up by their Vietnamese text, so a line the
 * record no longer prints is simply not used, and `sourceHash` (of the record's translatable fields) tells
 * `investor-check` which files a re-import has made stale. `uncertain` notes are for the team and never reach users.
 */

/** The record's translatable lines, by section, in the order the record prints them. */
export const OVERLAY_SECTIONS = [
  "agencies",
  "documents",
  "steps",
  "fees",
  "result",
  "conditions",
  "legal",
] as const;
export type OverlaySection = (typeof OVERLAY_SECTIONS)[number];

/** A line: the Vietnamese as printed in the record, and its translation ("" in a skeleton: still to do). */
export const overlayLineSchema = lazySchema(() =>
  z.object({ vi: z.string().min(1), text: z.string() }).strict(),
);
export type OverlayLine = z.infer<typeof overlayLineSchema>;

const lines = lazySchema(() => z.array(overlayLineSchema));

export const investorOverlaySchema = lazySchema(() =>
  z
    .object({
      code: procedureCodeSchema,
      lang: z.enum(TERM_LANGUAGES),
      /** FNV-1a 64-bit hash (16 hex digits) of the record's translatable fields when the file was written. */
      sourceHash: z.string().regex(/^[0-9a-f]{16}$/, "sourceHash must be 16 hex digits"),
      review: termReviewSchema,
      sources: z.array(sourceSchema),
      /** Doubts for the team (an official rendering not found, a line that reads two ways); never shown to users. */
      uncertain: z.array(z.string().min(1)),
      name: overlayLineSchema,
      /**
       * A plain summary in the language, written from the whole record (not a line of it); `vi` is the record's own
       * description (Mô tả) where it gives one, for reference.
       */
      summary: z.object({ vi: z.string().nullable(), text: z.string() }).strict(),
      /** The online way, step by step, in the language (written from the record's steps and channels); may be empty. */
      onlineSteps: z.array(z.string().min(1)),
      agencies: lines,
      documents: lines,
      steps: lines,
      fees: lines,
      result: lines,
      conditions: lines,
      legal: lines,
    })
    .strict(),
);
export type InvestorOverlay = z.infer<typeof investorOverlaySchema>;

const clean = (s: string) => s.replace(/^-\s*/u, "").trim();

/** Unique by lookup key, first occurrence kept. */
function uniqueKeyed(values: (string | null | undefined)[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const v of values) {
    if (!v) continue;
    const s = clean(v);
    const key = termKey(s);
    if (key !== "" && !out.has(key)) out.set(key, s);
  }
  return out;
}

/** The conditions text as lines (the record separates them by line breaks or list markers). */
function conditionLines(conditions: string | null): string[] {
  if (!conditions || conditions === "Không có thông tin") return [];
  return conditions
    .split(/\n+|(?<=[.;:])\s+(?=[-+•]\s)/u)
    .map((s) => s.trim())
    .filter((s) => s !== "");
}

/** The Vietnamese lines of a record a translator translates, by section (what a card can show). */
export function recordLines(record: NationalRecord): Record<OverlaySection, string[]> {
  const keyed = recordLinesKeyed(record);
  const out = {} as Record<OverlaySection, string[]>;
  for (const s of OVERLAY_SECTIONS) out[s] = [...keyed[s].values()];
  return out;
}

/** The same lines keyed by their lookup key, in order. */
function recordLinesKeyed(record: NationalRecord): Record<OverlaySection, Map<string, string>> {
  const { agencies } = record;
  return {
    agencies: uniqueKeyed([agencies.implementing, agencies.competent, agencies.receivingAddress]),
    documents: uniqueKeyed(record.documents.flatMap((g) => [g.heading, ...g.items.map((i) => i.name)])),
    steps: uniqueKeyed(record.steps.flatMap((g) => [g.heading, ...g.items])),
    fees: uniqueKeyed(record.channels.flatMap((c) => [c.description, ...c.fees.map((f) => f.note)])),
    result: uniqueKeyed([
      ...(record.result && splitList(record.result).length > 1 ? [record.result] : []),
      ...splitList(record.result),
    ]),
    conditions: uniqueKeyed(conditionLines(record.conditions)),
    legal: uniqueKeyed(record.legalBases.map((b) => b.title)),
  };
}

/** The hash of the record's translatable fields: a re-import that changes any of them makes the overlay stale. */
export function recordSourceHash(record: NationalRecord): string {
  return recordCheck(record).hash;
}

const ENCODER = new TextEncoder();

/**
 * FNV-1a (64-bit) over the UTF-8 bytes, as 16 hex digits: a change detector, not a security hash. The 64-bit state
 * is kept as four 16-bit limbs in plain numbers (a BigInt multiply per byte took over a second for the investor
 * overlays' source hashes): the prime 0x100000001b3 multiplies as h × 0x1b3 + (h << 40), carries propagated limb by
 * limb, the result modulo 2^64 — the same digits as the BigInt definition (tested).
 */
export function fnv1a64(text: string): string {
  // offset basis 0xcbf29ce484222325, low limb first
  let h0 = 0x2325;
  let h1 = 0x8422;
  let h2 = 0x9ce4;
  let h3 = 0xcbf2;
  for (const byte of ENCODER.encode(text)) {
    h0 ^= byte;
    const t0 = h0 * 0x1b3;
    const t1 = h1 * 0x1b3 + (t0 >>> 16);
    const t2 = h2 * 0x1b3 + (h0 << 8) + (t1 >>> 16);
    const t3 = h3 * 0x1b3 + (h1 << 8) + Math.floor(t2 / 65536);
    h0 = t0 & 0xffff;
    h1 = t1 & 0xffff;
    h2 = t2 & 0xffff;
    h3 = t3 & 0xffff;
  }
  const hex = (n: number) => n.toString(16).padStart(4, "0");
  return hex(h3) + hex(h2) + hex(h1) + hex(h0);
}

/**
 * A skeleton for one language: every Vietnamese line with an empty translation, existing translations kept. A
 * curated procedure's reviewed name, summary and online steps are filled in from the curated layer (cards show those
 * from there anyway), so translators start with the record's lines.
 */
export function overlaySkeleton(
  record: NationalRecord,
  lang: TermLanguage,
  existing: InvestorOverlay | null = null,
  curated: CuratedRecord | null = null,
): InvestorOverlay {
  const known = new Map<string, string>();
  if (existing)
    for (const s of OVERLAY_SECTIONS) for (const l of existing[s]) known.set(`${s}|${termKey(l.vi)}`, l.text);
  const wanted = recordLines(record);
  const section = (s: OverlaySection) =>
    wanted[s].map((vi) => ({ vi, text: known.get(`${s}|${termKey(vi)}`) ?? "" }));
  return {
    code: record.code,
    lang,
    sourceHash: recordSourceHash(record),
    review: existing?.review ?? "machine-assisted",
    sources: existing?.sources ?? [
      {
        title: `National database of administrative procedures, export of July 2026: ${record.code}`,
        document: record.code,
      },
    ],
    uncertain: existing?.uncertain ?? [],
    name: {
      vi: record.name,
      text:
        (existing && termKey(existing.name.vi) === termKey(record.name) ? existing.name.text : "") ||
        (curated?.names[lang] ?? ""),
    },
    summary: {
      vi: record.description && record.description !== "Không có thông tin" ? record.description : null,
      text: existing?.summary.text || (curated?.summary[lang] ?? ""),
    },
    onlineSteps: existing?.onlineSteps.length ? existing.onlineSteps : (curated?.onlineSteps[lang] ?? []),
    agencies: section("agencies"),
    documents: section("documents"),
    steps: section("steps"),
    fees: section("fees"),
    result: section("result"),
    conditions: section("conditions"),
    legal: section("legal"),
  };
}

export interface OverlayProblem {
  code: string;
  lang: string;
  problem: string;
}

/** What `investor-check` reports for one file: stale hash, lines missing or untranslated, lines the record lacks. */
/** What an overlay is checked against: the record's lines by lookup key and its source hash, computed once per record. */
export interface RecordCheck {
  hash: string;
  keyed: Record<OverlaySection, Map<string, string>>;
}

export function recordCheck(record: NationalRecord): RecordCheck {
  const keyed = recordLinesKeyed(record);
  const lines = {} as Record<OverlaySection, string[]>;
  for (const s of OVERLAY_SECTIONS) lines[s] = [...keyed[s].values()];
  return {
    hash: fnv1a64(JSON.stringify({ name: record.name, description: record.description, lines })),
    keyed,
  };
}

export function checkOverlay(
  overlay: InvestorOverlay,
  record: NationalRecord,
  check: RecordCheck = recordCheck(record),
): OverlayProblem[] {
  const out: OverlayProblem[] = [];
  const say = (problem: string) => out.push({ code: overlay.code, lang: overlay.lang, problem });
  if (overlay.sourceHash !== check.hash)
    say("stale: the national record changed since this file was written (run investor-skeleton to refresh)");
  if (termKey(overlay.name.vi) !== termKey(record.name)) say("name: vi is not the record's name");
  if (overlay.name.text.trim() === "") say("name: not translated");
  if (overlay.summary.text.trim() === "") say("summary: not written");
  if (overlay.sources.length === 0) say("sources: none given");
  for (const s of OVERLAY_SECTIONS) {
    const wanted = check.keyed[s];
    const have = new Map(overlay[s].map((l) => [termKey(l.vi), l]));
    for (const [key, vi] of wanted) {
      const line = have.get(key);
      if (!line) say(`${s}: missing line "${vi.slice(0, 60)}"`);
      else if (line.text.trim() === "") say(`${s}: not translated "${vi.slice(0, 60)}"`);
    }
    for (const [key, l] of have)
      if (!wanted.has(key)) say(`${s}: line not in the record "${l.vi.slice(0, 60)}"`);
  }
  return out;
}

/** An overlay indexed for cards: a section's translation of a Vietnamese line, or null. */
export class OverlayIndex {
  private readonly maps = new Map<OverlaySection, Map<string, string>>();
  readonly machine: boolean;

  constructor(readonly overlay: InvestorOverlay) {
    this.machine = overlay.review === "machine-assisted";
    for (const s of OVERLAY_SECTIONS) {
      const m = new Map<string, string>();
      for (const l of overlay[s]) if (l.text.trim() !== "") m.set(termKey(l.vi), l.text.trim());
      this.maps.set(s, m);
    }
  }

  line(section: OverlaySection, vi: string): string | null {
    return this.maps.get(section)?.get(termKey(clean(vi))) ?? null;
  }

  get name(): string | null {
    return this.overlay.name.text.trim() || null;
  }

  get summary(): string | null {
    return this.overlay.summary.text.trim() || null;
  }
}
