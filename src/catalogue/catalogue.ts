import { z } from "zod";
import type { InvestorOverlay } from "../investor/overlay.ts";
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

/** Codes as people type them: "1001612" and " 1.001612 " both mean 1.001612. */
export function normalizeCode(raw: string): string {
  const code = raw.trim();
  return /^\d{7}$/.test(code) ? `${code[0]}.${code.slice(1)}` : code;
}

/** A broken catalogue file: names the file and the field so a reviewer can fix it. */
export class CatalogueError extends Error {
  override name = "CatalogueError";
}

export const nationalIndexLineSchema = z.object({
  code: procedureCodeSchema,
  name: z.string().min(1),
  level: levelSchema.nullable(),
  field: z.string().min(1).nullable(),
  weight: z.number().int().nonnegative().nullable(),
  oldCodes: z.array(procedureCodeSchema),
  shard: z.number().int().nonnegative(),
});
export type NationalIndexLine = z.infer<typeof nationalIndexLineSchema>;

/** Parses with a schema; on failure throws a CatalogueError naming the file and the first bad field. */
export function parseCatalogueFile<T>(schema: z.ZodType<T>, value: unknown, file: string): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  const where = issue?.path.length ? issue.path.join(".") : "(root)";
  throw new CatalogueError(`${file}: ${where}: ${issue?.message ?? "invalid"}`);
}

/** Where full national records come from: gzipped shards on disk (Node) or fetched on demand (Workers). */
export interface RecordSource {
  shard(n: number): Promise<string>;
}

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
}

export class Catalogue {
  readonly entries: IndexEntry[];
  readonly discounts: DiscountRule[];
  private readonly byCode = new Map<string, IndexEntry>();
  private readonly byOldCode = new Map<string, string[]>();
  private readonly curated = new Map<string, CuratedRecord>();
  private readonly feesByCode = new Map<string, FeeSchedule>();
  private readonly overlays = new Map<string, NonNullable<Procedure["overlays"]>>();
  private readonly shards = new Map<number, Promise<Map<string, NationalRecord>>>();

  constructor(
    data: CatalogueData,
    private readonly source: RecordSource,
  ) {
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
      const byLang = this.overlays.get(o.code) ?? {};
      byLang[o.lang] = o;
      this.overlays.set(o.code, byLang);
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
      this.byCode.set(n.code, entry);
      for (const old of n.oldCodes) this.byOldCode.set(old, [...(this.byOldCode.get(old) ?? []), n.code]);
      return entry;
    });
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
    const entry = this.byCode.get(code);
    if (!entry) return null;
    const shard = await this.loadShard(entry.shard);
    const record = shard.get(code);
    if (!record)
      throw new CatalogueError(
        `national/records/${entry.shard}: ${code} is in the index but not in its shard`,
      );
    return {
      record,
      entry,
      curated: this.curated.get(code) ?? null,
      fees: this.feesByCode.get(code) ?? null,
      overlays: this.overlays.get(code) ?? {},
    };
  }

  private loadShard(n: number): Promise<Map<string, NationalRecord>> {
    let pending = this.shards.get(n);
    if (!pending) {
      pending = this.source.shard(n).then((text) => {
        const map = new Map<string, NationalRecord>();
        text.split("\n").forEach((line, i) => {
          if (line.trim() === "") return;
          const record = parseCatalogueFile(
            nationalRecordSchema,
            JSON.parse(line),
            `national/records/${n} line ${i + 1}`,
          );
          map.set(record.code, record);
        });
        return map;
      });
      // A failed load is not cached, so a transient fetch error (Workers) can be retried.
      pending.catch(() => this.shards.delete(n));
      this.shards.set(n, pending);
    }
    return pending;
  }
}

export const catalogueSchemas = {
  national: z.array(nationalIndexLineSchema),
  curated: curatedRecordSchema,
  fees: feeScheduleSchema,
  discounts: z.array(discountRuleSchema),
};
