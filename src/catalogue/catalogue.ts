import { LRUCache } from "lru-cache";
import * as z from "zod";
import type { InvestorOverlay } from "../investor/overlay.ts";
import { lazySchema } from "../lazy-schema.ts";
import { foldDiacritics } from "../text.ts";
import {
  type CuratedRecord,
  curatedRecordSchema,
  type DiscountRule,
  discountRuleSchema,
  type FeeSchedule,
  feeScheduleSchema,
  type IndexEntry,
  levelSchema,
  type NationalRecord,
  nationalRecordSchema,
  procedureCodeSchema,
} from "./schema.ts";
import { type RecordTermTranslations, rememberTermTranslations } from "./terms.ts";

/** Codes as people type them: "1001612" and " 1.001612 " both mean 1.001612. */
export function normalizeCode(raw: string): string {
  const code = raw.trim();
  return /^\d{7}$/.test(code) ? `${code[0]}.${code.slice(1)}` : code;
}

/** A broken catalogue file: names the file and the field so a reviewer can fix it. */
export class CatalogueError extends Error {
  override name = "CatalogueError";
}

export const nationalIndexLineSchema = lazySchema(() =>
  z.object({
    code: procedureCodeSchema,
    name: z.string().min(1),
    level: levelSchema.nullable(),
    field: z.string().min(1).nullable(),
    weight: z.number().int().nonnegative().nullable(),
    oldCodes: z.array(procedureCodeSchema),
    shard: z.number().int().nonnegative(),
  }),
);
export type NationalIndexLine = z.infer<typeof nationalIndexLineSchema>;

/** Parses with a schema; on failure throws a CatalogueError naming the file and the first bad field. */
export function parseCatalogueFile<T>(schema: z.ZodType<T>, value: unknown, file: string): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const where = issue?.path.length ? issue.path.join(".") : "(root)";
  throw new CatalogueError(`${file}: ${where}: ${issue?.message ?? "invalid"}`);
}

/**
 * Where full national records come from, one JSON record per line: data/national/records (read by the build,
 * validated line by line) or the built artefacts (src/assets.ts), already validated, fetched on demand.
 */
export interface RecordSource {
  shard(n: number): Promise<string>;
  /** The lines were validated by the build: they are parsed without the schema. */
  validated?: boolean;
  /** A built catalogue's investor overlays of one code (JSON of its overlays by language), read on first use. */
  overlays?(code: string): Promise<string>;
  /** A built catalogue's curated record of one code (JSON), read on first use when not given with the data. */
  curated?(code: string): Promise<string>;
  /**
   * A built catalogue's term translations of shard n's records (one JSON line per record, in the shard's order:
   * `{"code":…,"terms":RecordTermTranslations}`), read with the shard.
   */
  terms?(n: number): Promise<string>;
  /**
   * A built catalogue's record line and term line of one code, read on their own (byte ranges of the shard files,
   * src/catalogue/built.ts): a card costs its record, not its shard of fifty. When given, shards are not read.
   */
  lines?(code: string): Promise<RecordLines>;
}

/** One record's JSON line and its term translations' line ("" when it has none). */
export interface RecordLines {
  record: string;
  terms: string;
}

/** The catalogue's own words: Vietnamese syllables (folded) and English words of the names (language guessing). */
export interface Vocabulary {
  vi: string[];
  en: string[];
}

type Overlays = NonNullable<Procedure["overlays"]>;

/** What the build writes and start-up reads back: the catalogue after validation and cross-checks. */
export interface BuiltCatalogue {
  entries: IndexEntry[];
  curated: CuratedRecord[];
  fees: FeeSchedule[];
  discounts: DiscountRule[];
  /** Codes with investor overlays; the overlays themselves are read with the record (RecordSource.overlays). */
  investorCodes: string[];
  /** Computed by the build, so start-up does not read every name; computed from the entries when absent. */
  vocabulary?: Vocabulary;
}

export interface CatalogueOptions {
  /**
   * Shards kept in memory, counted by the length of their JSON text (about 2 bytes of heap per character). The
   * least recently used shard goes first, so memory stays flat however many procedures are asked for.
   */
  shardCacheChars?: number;
  /**
   * Records read line by line (RecordSource.lines) kept as their lines, counted by characters: the cards asked for
   * again (a follow-up on the card on screen, popular procedures) are not read again.
   */
  recordCacheChars?: number;
}

export const DEFAULT_SHARD_CACHE_CHARS = 8 * 1024 * 1024;
/** About a hundred records (their lines average 8 kB of record and 3 kB of term translations). */
export const DEFAULT_RECORD_CACHE_CHARS = 1024 * 1024;

/**
 * A shard in the cache: validated at load (data/ at build time) it holds parsed records; from the built artefacts
 * it holds each record's JSON line, parsed when asked for (one record per answer, not the shard's fifty).
 */
interface CachedShard {
  records: Map<string, NationalRecord | string>;
  /** Each record's line of term translations (catalogue/terms/NNN.jsonl), parsed when the record is read. */
  terms: Map<string, string>;
  chars: number;
}

/** Built record lines start with their code (the build writes it first); anything else is parsed to find it. */
const LEADING_CODE = /^\{"code":"([^"\\]+)"/;

export interface CatalogueData {
  national: NationalIndexLine[];
  curated: CuratedRecord[];
  /** Machine-translated names (data/curated/names/<lang>-*.tsv), used where no curated name exists. */
  machineNames: {
    en: Map<string, string>;
    zh: Map<string, string>;
    ko: Map<string, string>;
    ja: Map<string, string>;
  };
  fees: FeeSchedule[];
  discounts: DiscountRule[];
  /** Translations of investor procedures (data/investor/<lang>/<code>.json), validated by the loader. */
  investor?: InvestorOverlay[];
}

export interface Procedure {
  record: NationalRecord;
  curated: CuratedRecord | null;
  fees: FeeSchedule | null;
  entry: IndexEntry;
  /** The investor translation overlay per language, where one exists. */
  overlays?: Partial<Record<"en" | "zh" | "ko" | "ja", InvestorOverlay>>;
  /** The term translations of the record's strings (built catalogue), also handed to translateTerm. */
  terms?: RecordTermTranslations;
}

export class Catalogue {
  readonly entries: IndexEntry[];
  readonly discounts: DiscountRule[];
  private readonly byCode = new Map<string, IndexEntry>();
  private readonly byOldCode = new Map<string, string[]>();
  private readonly curated = new Map<string, CuratedRecord>();
  private readonly feesByCode = new Map<string, FeeSchedule>();
  private readonly overlays = new Map<string, Overlays>();
  private readonly lazyOverlays = new Set<string>();
  private words: { vi: Set<string>; en: Set<string> } | null = null;
  private readonly shards: LRUCache<number, CachedShard>;
  private readonly records: LRUCache<string, RecordLines>;
  /**
   * Parsed investor overlays of the codes asked for lately (about 50–80 kB of JSON each): a card of such a code
   * used to read and parse its file on every answer, twice with the query log. At most 16, a few MB of heap.
   */
  private readonly lazyOverlayCache = new LRUCache<string, Overlays>({ max: 16 });

  /** From data/ (build time: cross-checks every curated record and fee schedule) or from the built artefact. */
  constructor(
    data: CatalogueData | BuiltCatalogue,
    private readonly source: RecordSource,
    options: CatalogueOptions = {},
  ) {
    this.shards = new LRUCache<number, CachedShard>({
      maxSize: options.shardCacheChars ?? DEFAULT_SHARD_CACHE_CHARS,
      sizeCalculation: (shard) => Math.max(1, shard.chars),
      fetchMethod: (n) => this.readShard(n),
    });
    this.records = new LRUCache<string, RecordLines>({
      maxSize: Math.max(1, options.recordCacheChars ?? DEFAULT_RECORD_CACHE_CHARS),
      sizeCalculation: (lines) => Math.max(1, lines.record.length + lines.terms.length),
      fetchMethod: (code) => (this.source.lines as NonNullable<RecordSource["lines"]>)(code),
    });
    if ("entries" in data) {
      for (const c of data.curated) this.curated.set(c.code, c);
      for (const f of data.fees) for (const code of f.codes) this.feesByCode.set(code, f);
      this.discounts = data.discounts;
      for (const code of data.investorCodes) this.lazyOverlays.add(code);
      if (data.vocabulary) this.words = { vi: new Set(data.vocabulary.vi), en: new Set(data.vocabulary.en) };
      this.entries = data.entries;
      for (const entry of this.entries) this.index(entry);
      return;
    }
    const known = new Set(data.national.map((n) => n.code));
    for (const c of data.curated) {
      if (!known.has(c.code))
        throw new CatalogueError(`curated/procedures/${c.code}.json: no such code in the national catalogue`);
      this.curated.set(c.code, c);
    }
    for (const f of data.fees) {
      for (const code of f.codes) {
        if (!known.has(code))
          throw new CatalogueError(
            `curated/fees/${f.id}.json: codes: ${code} is not in the national catalogue`,
          );
        if (this.feesByCode.has(code)) {
          throw new CatalogueError(
            `curated/fees/${f.id}.json: codes: ${code} already has fees in ${this.feesByCode.get(code)?.id}`,
          );
        }
        this.feesByCode.set(code, f);
      }
    }
    this.discounts = data.discounts;
    for (const o of data.investor ?? []) {
      if (!known.has(o.code))
        throw new CatalogueError(`investor/${o.lang}/${o.code}.json: no such code in the national catalogue`);
      this.addOverlay(o);
    }
    this.entries = data.national.map((n) => {
      const c = this.curated.get(n.code);
      const machine = (lang: "en" | "zh" | "ko" | "ja") =>
        c ? null : (data.machineNames[lang].get(n.code) ?? null);
      const names = {
        vi: n.name,
        en: c?.names.en ?? machine("en"),
        zh: c?.names.zh ?? machine("zh"),
        ko: c?.names.ko ?? machine("ko"),
        ja: c?.names.ja ?? machine("ja"),
      };
      const entry: IndexEntry = {
        code: n.code,
        names,
        machineTranslated: c ? [] : (["en", "zh", "ko", "ja"] as const).filter((l) => names[l] !== null),
        field: n.field,
        level: n.level,
        weight: n.weight,
        curated: c !== undefined,
        oldCodes: n.oldCodes,
        shard: n.shard,
      };
      this.index(entry);
      return entry;
    });
  }

  private addOverlay(o: InvestorOverlay) {
    const byLang = this.overlays.get(o.code) ?? {};
    byLang[o.lang] = o;
    this.overlays.set(o.code, byLang);
  }

  private index(entry: IndexEntry) {
    this.byCode.set(entry.code, entry);
    for (const old of entry.oldCodes)
      this.byOldCode.set(old, [...(this.byOldCode.get(old) ?? []), entry.code]);
  }

  /** The catalogue as the build writes it (src/node/build.ts), with each entry's shard in the built layout. */
  toBuilt(
    shardOf: (entry: IndexEntry, position: number) => number,
  ): BuiltCatalogue & { vocabulary: Vocabulary } {
    return {
      entries: this.entries.map((e, i) => ({ ...e, shard: shardOf(e, i) })),
      curated: [...this.curated.values()],
      fees: [...new Set(this.feesByCode.values())],
      discounts: this.discounts,
      investorCodes: [...this.overlays.keys()],
      vocabulary: { vi: [...this.vocabulary().vi], en: [...this.vocabulary().en] },
    };
  }

  /** Vietnamese syllables (folded) and English words of every name: from the build, or read from the entries once. */
  vocabulary(): { vi: ReadonlySet<string>; en: ReadonlySet<string> } {
    if (!this.words) {
      const vi = new Set<string>();
      const en = new Set<string>();
      for (const e of this.entries) {
        for (const w of foldDiacritics(e.names.vi).split(/[^a-z]+/)) if (w) vi.add(w);
        for (const w of (e.names.en ?? "").toLowerCase().split(/[^a-z]+/)) if (w) en.add(w);
      }
      this.words = { vi, en };
    }
    return this.words;
  }

  /** The investor overlays of a code by language, as the build writes them (data/ catalogue only). */
  overlaysOf(code: string): Overlays {
    return this.overlays.get(code) ?? {};
  }

  /** Shards parsed and held right now, and the characters of JSON they came from (for benches and tests). */
  get cachedShards(): { count: number; chars: number } {
    return { count: this.shards.size, chars: this.shards.calculatedSize };
  }

  /** Records read line by line and held right now, and the characters of their lines. */
  get cachedRecords(): { count: number; chars: number } {
    return { count: this.records.size, chars: this.records.calculatedSize };
  }

  get size(): number {
    return this.entries.length;
  }

  entry(code: string): IndexEntry | null {
    return this.byCode.get(code) ?? null;
  }

  /** Current codes for a December 2025 code that was re-coded (people still hold old receipts). */
  successors(oldCode: string): string[] {
    return this.byOldCode.get(oldCode) ?? [];
  }

  async procedure(code: string): Promise<Procedure | null> {
    const read = await this.read(code);
    if (!read) return null;
    const { entry, record, termLine } = read;
    const terms = termLine ? (JSON.parse(termLine) as { terms: RecordTermTranslations }).terms : undefined;
    const procedure: Procedure = {
      record,
      entry,
      curated: entry.curated ? await this.curatedFor(code) : null,
      fees: this.feesByCode.get(code) ?? null,
      overlays: await this.overlaysFor(code),
    };
    if (terms) {
      procedure.terms = terms;
      // Last, so they are fresh in the bounded cache translateTerm reads when the caller builds the card.
      rememberTermTranslations(terms);
    }
    return procedure;
  }

  /**
   * The national record alone, without what a card needs beside it (curated layer, overlays, term translations):
   * what a pass over the whole catalogue reads (the investor set's rule).
   */
  async record(code: string): Promise<NationalRecord | null> {
    return (await this.read(code))?.record ?? null;
  }

  private async read(
    code: string,
  ): Promise<{ entry: IndexEntry; record: NationalRecord; termLine: string | undefined } | null> {
    const entry = this.byCode.get(code);
    if (!entry) return null;
    let stored: NationalRecord | string | undefined;
    let termLine: string | undefined;
    if (this.source.lines) {
      // A failed read is not kept, so a transient fetch error (Workers) can be retried.
      const lines = await this.records.fetch(code);
      if (!lines) throw new CatalogueError(`national/records/${entry.shard}: ${code} could not be read`);
      stored = lines.record;
      termLine = lines.terms || undefined;
    } else {
      const shard = await this.loadShard(entry.shard);
      stored = shard.records.get(code);
      termLine = shard.terms.get(code);
    }
    if (!stored)
      throw new CatalogueError(
        `national/records/${entry.shard}: ${code} is in the index but not in its shard`,
      );
    return {
      entry,
      record: typeof stored === "string" ? (JSON.parse(stored) as NationalRecord) : stored,
      termLine,
    };
  }

  /** Kept once read: at most the 168-odd curated records, a few kB each. */
  private async curatedFor(code: string): Promise<CuratedRecord | null> {
    const own = this.curated.get(code);
    if (own || !this.source.curated) return own ?? null;
    const record = JSON.parse(await this.source.curated(code)) as CuratedRecord;
    this.curated.set(code, record);
    return record;
  }

  private async overlaysFor(code: string): Promise<Overlays> {
    const own = this.overlays.get(code);
    if (own) return own;
    if (!this.lazyOverlays.has(code) || !this.source.overlays) return {};
    const cached = this.lazyOverlayCache.get(code);
    if (cached) return cached;
    const read = JSON.parse(await this.source.overlays(code)) as Overlays;
    this.lazyOverlayCache.set(code, read);
    return read;
  }

  private async loadShard(n: number): Promise<CachedShard> {
    // A failed read is not kept, so a transient fetch error (Workers) can be retried.
    const shard = await this.shards.fetch(n);
    if (!shard) throw new CatalogueError(`national/records/${n}: could not be read`);
    return shard;
  }

  private async readShard(n: number): Promise<CachedShard> {
    const [text, termText] = await Promise.all([this.source.shard(n), this.source.terms?.(n) ?? ""]);
    const terms = new Map<string, string>();
    for (const line of termText.split("\n")) {
      if (line === "") continue;
      terms.set(LEADING_CODE.exec(line)?.[1] ?? (JSON.parse(line) as { code: string }).code, line);
    }
    const records = new Map<string, NationalRecord | string>();
    text.split("\n").forEach((line, i) => {
      if (line.trim() === "") return;
      if (this.source.validated) {
        records.set(LEADING_CODE.exec(line)?.[1] ?? (JSON.parse(line) as NationalRecord).code, line);
        return;
      }
      const record = parseCatalogueFile(
        nationalRecordSchema,
        JSON.parse(line),
        `national/records/${n} line ${i + 1}`,
      );
      records.set(record.code, record);
    });
    return { records, terms, chars: text.length + termText.length };
  }
}

export const catalogueSchemas = {
  national: z.array(nationalIndexLineSchema),
  curated: curatedRecordSchema,
  fees: feeScheduleSchema,
  discounts: z.array(discountRuleSchema),
};
