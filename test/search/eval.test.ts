import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { LANGUAGES, languageSchema } from "../../src/catalogue/schema.ts";
import { catalogue, searcher } from "../helpers/app.ts";

/**
 * The evaluation set: queries written the way people type (colloquial, no diacritics, abbreviations, typos, life
 * events, cost questions, codes), each with every code that is a correct first answer. A hit counts when an
 * expected code is the result or one of its variants (the same procedure at another level) is asked for generally.
 */
const evalSchema = z.array(
  z.object({
    q: z.string().min(1),
    lang: languageSchema,
    expect: z.array(z.string()).min(1),
    kind: z.string(),
  }),
);
const items = evalSchema.parse(
  JSON.parse(readFileSync(new URL("./eval-queries.json", import.meta.url), "utf8")),
);

describe("search evaluation set", () => {
  it("has at least 300 queries, 40 per language, all pointing at real codes", () => {
    expect(items.length).toBeGreaterThanOrEqual(300);
    for (const lang of LANGUAGES)
      expect(items.filter((i) => i.lang === lang).length, lang).toBeGreaterThanOrEqual(40);
    for (const i of items)
      for (const code of i.expect) expect(catalogue.entry(code), `${i.q} → ${code}`).not.toBeNull();
  });

  it("puts an expected procedure in the top 3 for at least 90% of queries in every language", () => {
    const stats = new Map<string, { n: number; at1: number; at3: number; misses: string[] }>();
    for (const item of items) {
      const hits = searcher.search(item.q, { limit: 3 }).hits.map((h) => h.code);
      const s = stats.get(item.lang) ?? { n: 0, at1: 0, at3: 0, misses: [] };
      s.n++;
      if (hits[0] && item.expect.includes(hits[0])) s.at1++;
      if (hits.some((h) => item.expect.includes(h))) s.at3++;
      else s.misses.push(`${item.q} → ${hits.join(",") || "nothing"} (want ${item.expect.join("|")})`);
      stats.set(item.lang, s);
    }
    const lines = LANGUAGES.map((l) => {
      const s = stats.get(l) ?? { n: 0, at1: 0, at3: 0, misses: [] };
      return `${l}: n=${s.n} hit@1=${(s.at1 / s.n).toFixed(3)} hit@3=${(s.at3 / s.n).toFixed(3)}`;
    });
    console.log(`search eval\n${lines.join("\n")}`);
    for (const l of LANGUAGES) {
      const s = stats.get(l);
      if (!s) continue;
      if (s.at3 / s.n < 0.9) console.log(`misses (${l}):\n  ${s.misses.join("\n  ")}`);
      expect(s.at3 / s.n, `hit@3 for ${l}`).toBeGreaterThanOrEqual(0.9);
    }
  });
});
