import * as z from "zod";
import legalTypesFile from "../../data/curated/legal-types.json" with { type: "json" };
import { lazySchema } from "../lazy-schema.ts";
import { sourceSchema } from "./schema.ts";
import {
  TERM_LANGUAGES,
  type TermLanguage,
  type TermTranslation,
  termKey,
  termReviewSchema,
} from "./terms.ts";

/**
 * A legal basis the record gives only as type, number and date ("Nghị định số 07/2016/NĐ-CP", "Thông tư
 * 80/2021/TT-BTC ngày 29/9/2021;") in the reader's language: the type from data/curated/legal-types.json, the number
 * and the date copied as published; or one of the whole titles the records repeat most (`titles`). Anything else is left
 * to the overlay or the Vietnamese.
 */
const templates = lazySchema(() => z.object({ plain: z.string().min(1), dated: z.string().min(1) }).strict());
const legalTypesSchema = lazySchema(() =>
  z
    .object({
      description: z.string().min(1),
      review: termReviewSchema,
      sources: z.array(sourceSchema).min(1),
      templates: z.object({ en: templates, zh: templates, ko: templates, ja: templates }).strict(),
      types: z.array(
        z
          .object({ vi: z.string().min(1), en: z.string(), zh: z.string(), ko: z.string(), ja: z.string() })
          .strict(),
      ),
      /** Whole titles the records repeat most, translated whole. */
      titles: z
        .array(
          z
            .object({
              vi: z.string().min(1),
              en: z.string().min(1),
              zh: z.string().min(1),
              ko: z.string().min(1),
              ja: z.string().min(1),
            })
            .strict(),
        )
        .default([]),
    })
    .strict(),
);

/** Trusted as bundled: npm run build validates the file (validateLegalTypes), so no runtime runs the schema. */
const file = legalTypesFile as z.output<typeof legalTypesSchema>;

/** Runs the schema over data/curated/legal-types.json (npm run build). */
export function validateLegalTypes(): void {
  legalTypesSchema.parse(legalTypesFile);
}
const titleKey = (s: string) => termKey(s.replace(/[.;,]+\s*$/u, ""));
const TITLES = new Map(file.titles.map((t) => [titleKey(t.vi), t]));
const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
const TYPES = file.types.map((t) => t.vi).sort((a, b) => b.length - a.length);
const BARE = new RegExp(
  `^(${TYPES.map(escapeRegExp).join("|")})(?:\\s+số)?[\\s:]+(\\d[\\p{L}\\d./-]*)` +
    "(?:,?\\s+ngày\\s+(?:(\\d{1,2})[/.-](\\d{1,2})[/.-](\\d{4})|(\\d{1,2})\\s+tháng\\s+(\\d{1,2})\\s+năm\\s+(\\d{4})))?" +
    "\\s*[.;,]?$",
  "iu",
);

function formatDate(d: string, m: string, y: string, lang: TermLanguage): string {
  const dd = d.padStart(2, "0");
  const mm = m.padStart(2, "0");
  return lang === "en"
    ? `${dd}/${mm}/${y}`
    : lang === "ko"
      ? `${y}. ${Number(m)}. ${Number(d)}.`
      : `${y}年${Number(m)}月${Number(d)}日`;
}

export function translateLegalTitle(title: string, lang: string): TermTranslation | null {
  if (!(TERM_LANGUAGES as readonly string[]).includes(lang)) return null;
  const l = lang as TermLanguage;
  const whole = TITLES.get(titleKey(title));
  if (whole) return { text: whole[l], machine: file.review === "machine-assisted" };
  const m = BARE.exec(title.normalize("NFC").replace(/\s+/g, " ").trim());
  if (!m) return null;
  const type = file.types.find((t) => t.vi.toLocaleLowerCase("vi") === (m[1] ?? "").toLocaleLowerCase("vi"));
  if (!type) return null;
  const [d, mo, y] = m[3] ? [m[3], m[4], m[5]] : m[6] ? [m[6], m[7], m[8]] : [null, null, null];
  const template = d && mo && y ? file.templates[l].dated : file.templates[l].plain;
  const text = template
    .replace("{type}", type[l])
    .replace("{number}", m[2] ?? "")
    .replace("{date}", d && mo && y ? formatDate(d, mo, y, l) : "");
  return { text, machine: file.review === "machine-assisted" };
}
