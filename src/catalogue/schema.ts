import * as z from "zod";
import { lazySchema } from "../lazy-schema.ts";

export const LANGUAGES = ["vi", "en", "zh", "ko", "ja"] as const;
export const languageSchema = lazySchema(() => z.enum(LANGUAGES));
export type Language = z.infer<typeof languageSchema>;

/** National codes look like 1.001612; a few start with 5. or 6. */
export const procedureCodeSchema = lazySchema(() =>
  z.string().regex(/^\d\.\d{6,9}(?:-[A-Za-z]+)?$/, "procedure code must look like 1.001612"),
);

const text = lazySchema(() => z.string().min(1));
const isoDateText = lazySchema(() => z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "date must be YYYY-MM-DD"));
const nullableText = lazySchema(() => text.nullable());

export const processingTimeSchema = lazySchema(() =>
  z.object({
    value: z.number().nonnegative().nullable(),
    unit: z.enum(["working_day", "day", "hour", "month", "year", "other"]).nullable(),
    /**
     * The export's wording when it is not a plain "<n> <unit>" (kept so nothing is guessed). A number with unit
     * "other" is "75 OTHER": a figure published without its unit.
     */
    text: nullableText,
  }),
);
export type ProcessingTime = z.infer<typeof processingTimeSchema>;

export const feeStatusSchema = lazySchema(() =>
  z.enum([
    "stated", // amount as published
    "free", // 0 VNĐ with no note
    "not_stated", // 0 VNĐ (or no amount) with a note naming the basis: the amount is unknown, not zero
    "thousands", // published as e.g. 135 where the note says 135.000 đồng: converted ×1000
    "usd", // published as VNĐ while the note says USD
    "unclear", // a small amount the note does not explain; shown as published, flagged
    "no_info", // "Phí, lệ phí: Không có thông tin": the record says nothing about fees (never "free")
  ]),
);
export type FeeStatus = z.infer<typeof feeStatusSchema>;

export const feeItemSchema = lazySchema(() =>
  z.object({
    amountVnd: z.number().int().nonnegative().nullable(),
    amountUsd: z.number().nonnegative().nullable(),
    currency: z.enum(["VND", "USD"]),
    status: feeStatusSchema,
    note: nullableText,
    /** Instrument numbers named in the note, e.g. 16/2025/TT-BTC. */
    basis: z.array(text),
    /** Amounts (VND) the note states where the amount field gives none, e.g. a range 150.000–5.000.000 đồng. */
    noteAmountsVnd: z.array(z.number().int().positive()).min(1).optional(),
    /** Periods the note names for its amounts ("từ 01/7/2025 đến hết 31/12/2026"); `from` null when only an end is given. */
    windows: z
      .array(
        z.object({
          from: isoDateText.nullable(),
          to: isoDateText,
          /** True for a waiver or cut in that period; false where it is the period of the stated amount itself. */
          relief: z.boolean(),
        }),
      )
      .min(1)
      .optional(),
  }),
);
export type FeeWindow = NonNullable<FeeItem["windows"]>[number];
export type FeeItem = z.infer<typeof feeItemSchema>;

export const channelKindSchema = lazySchema(() => z.enum(["online", "postal", "counter"]));
export type ChannelKind = z.infer<typeof channelKindSchema>;

export const channelSchema = lazySchema(() =>
  z.object({
    kind: channelKindSchema,
    time: processingTimeSchema,
    fees: z.array(feeItemSchema),
    description: nullableText,
  }),
);
export type Channel = z.infer<typeof channelSchema>;

export const stepGroupSchema = lazySchema(() => z.object({ heading: nullableText, items: z.array(text) }));
export const documentSchema = lazySchema(() =>
  z.object({
    name: text,
    originals: z.number().int().nonnegative().nullable(),
    copies: z.number().int().nonnegative().nullable(),
  }),
);
export const documentGroupSchema = lazySchema(() =>
  z.object({ heading: nullableText, items: z.array(documentSchema) }),
);
export const legalBasisSchema = lazySchema(() => z.object({ number: nullableText, title: text }));
export type LegalBasis = z.infer<typeof legalBasisSchema>;

export const levelSchema = lazySchema(() => z.enum(["ministry", "province", "commune"]));
export type Level = z.infer<typeof levelSchema>;

/** One record of the national database, as imported (never edited by hand). */
export const nationalRecordSchema = lazySchema(() =>
  z.object({
    code: procedureCodeSchema,
    decision: nullableText,
    name: text,
    level: levelSchema.nullable(),
    type: nullableText,
    field: nullableText,
    steps: z.array(stepGroupSchema),
    channels: z.array(channelSchema),
    documents: z.array(documentGroupSchema),
    subjects: z.array(text),
    agencies: z.object({
      implementing: nullableText,
      competent: nullableText,
      receivingAddress: nullableText,
      authorized: nullableText,
      coordinating: nullableText,
    }),
    result: nullableText,
    legalBases: z.array(legalBasisSchema),
    conditions: nullableText,
    keywords: nullableText,
    description: nullableText,
    /** The procedure's page on the national portal, only where the crawled name matches. */
    portalUrl: z.url().nullable(),
    /** The portal's usage weight (December 2025), carried over by name where the code changed. */
    weight: z.number().int().nonnegative().nullable(),
    /** Codes of December 2025 that now point to this record (people still hold old receipts). */
    oldCodes: z.array(procedureCodeSchema),
    /** True where a line of the export was cut off (the text ends with …). */
    truncated: z.boolean(),
  }),
);
export type NationalRecord = z.infer<typeof nationalRecordSchema>;

const localized = lazySchema(() => z.object({ vi: text, en: text, zh: text, ko: text, ja: text }));
export type Localized = z.infer<typeof localized>;
export const localizedSchema = localized;
const localizedList = lazySchema(() =>
  z.object({
    vi: z.array(text),
    en: z.array(text),
    zh: z.array(text),
    ko: z.array(text),
    ja: z.array(text),
  }),
);

export const sourceSchema = lazySchema(() =>
  z
    .object({
      title: text,
      url: z.url().optional(),
      document: text.optional(),
      repo: text.optional(),
      path: text.optional(),
    })
    .refine((s) => s.url || s.document || (s.repo && s.path), {
      message: "a source needs a url, a document number, or a repo and path",
    }),
);
export type Source = z.infer<typeof sourceSchema>;

const isoDate = lazySchema(() => z.string().regex(/^\d{4}-\d{2}-\d{2}$/, "date must be YYYY-MM-DD"));

/** The reviewed, translated layer for the most used procedures (data/curated/procedures/<code>.json). */
export const curatedRecordSchema = lazySchema(() =>
  z.object({
    code: procedureCodeSchema,
    reviewed: isoDate,
    names: z.object({ en: text, zh: text, ko: text, ja: text }),
    aliases: localizedList,
    summary: localized,
    /**
     * The level that handles the procedure, where the record's own tag contradicts its filing address (e.g. tagged
     * "Cấp Xã" while the dossier goes to the provincial People's Committee). The record itself is kept as imported.
     */
    level: levelSchema.optional(),
    onlineSteps: localizedList.refine(
      (s) => new Set(Object.values(s).map((steps) => steps.length)).size === 1 && s.vi.length > 0,
      { message: "onlineSteps must have the same, non-zero number of steps in every language" },
    ),
    sources: z.array(sourceSchema).min(1),
    uncertain: z.array(text),
  }),
);
export type CuratedRecord = z.infer<typeof curatedRecordSchema>;

/** Fees resolved by hand from the legal basis a record cites (data/curated/fees/<family>.json). */
export const feeScheduleSchema = lazySchema(() =>
  z.object({
    id: z.string().regex(/^[a-z0-9-]+$/),
    codes: z.array(procedureCodeSchema).min(1),
    items: z
      .array(
        z.object({
          label: localized,
          /** The codes of the family this item applies to; all of them when absent. */
          codes: z.array(procedureCodeSchema).optional(),
          counterVnd: z.number().int().nonnegative().nullable().optional(),
          onlineVnd: z.number().int().nonnegative().nullable().optional(),
          counterUsd: z.number().nonnegative().nullable().optional(),
          onlineUsd: z.number().nonnegative().nullable().optional(),
          currency: z.enum(["VND", "USD"]),
          who: localized.optional(),
          note: text.optional(),
          /** Ids of discount rules whose own text excludes this item (e.g. the publication fee under TT 64/2025). */
          excludedRules: z.array(z.string().regex(/^[a-z0-9-]+$/)).optional(),
        }),
      )
      .min(1),
    exemptions: localized.optional(),
    basis: z.array(z.object({ number: text, title: text, articles: text.optional() })).min(1),
    validFrom: isoDate.nullable(),
    validTo: isoDate.nullable(),
    sources: z.array(sourceSchema).min(1),
    reviewed: isoDate,
    uncertain: z.array(text),
  }),
);
export type FeeSchedule = z.infer<typeof feeScheduleSchema>;

/** An online-filing discount, national or for one province, valid between two dates (data/rules/discounts.json). */
export const discountRuleSchema = lazySchema(() =>
  z.object({
    id: z.string().regex(/^[a-z0-9-]+$/),
    scope: z.discriminatedUnion("kind", [
      z.object({ kind: z.literal("national") }),
      z.object({ kind: z.literal("province"), province: text }),
    ]),
    instrument: z.object({ number: text, date: isoDate.nullable(), title: text, issuer: text.optional() }),
    validFrom: isoDate.nullable(),
    validTo: isoDate.nullable(),
    /** null where the instrument sets fixed online amounts instead of a percentage (the fee schedule carries them). */
    percentOff: z.number().min(0).max(100).nullable(),
    /** A fixed amount that replaces the fee while the rule is in force (e.g. 115,000 instead of 135,000). */
    fixedAmountVnd: z.number().int().nonnegative().nullable().optional(),
    /** Where the cut applies: online only (the usual case) or at the counter too. */
    channels: z
      .array(z.enum(["counter", "online"]))
      .min(1)
      .default(["online"]),
    /**
     * True where only some people qualify (e.g. level-2 VNeID holders under NQ 66.22): the answer shows the cut as
     * "if you qualify", never as the price everyone pays.
     */
    conditional: z.boolean().default(false),
    appliesTo: z.object({
      description: localized,
      codes: z.array(procedureCodeSchema).optional(),
      feeFamilies: z.array(text).optional(),
    }),
    condition: localized.optional(),
    sources: z.array(sourceSchema).min(1),
    reviewed: isoDate,
    uncertain: z.array(text),
  }),
);
export type DiscountRule = z.infer<typeof discountRuleSchema>;

/** What search and listing need about every procedure; small enough to hold in memory everywhere. */
export const indexEntrySchema = lazySchema(() =>
  z.object({
    code: procedureCodeSchema,
    names: z.object({
      vi: text,
      en: nullableText,
      zh: nullableText,
      ko: nullableText,
      ja: nullableText,
    }),
    /** Languages whose name is a machine translation (not reviewed); empty for curated procedures. */
    machineTranslated: z.array(languageSchema),
    field: nullableText,
    level: levelSchema.nullable(),
    weight: z.number().int().nonnegative().nullable(),
    curated: z.boolean(),
    oldCodes: z.array(procedureCodeSchema),
    shard: z.number().int().nonnegative(),
  }),
);
export type IndexEntry = z.infer<typeof indexEntrySchema>;
