import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { termsPath } from "../../src/assets.ts";
import {
  cardTermStrings,
  TERM_LANGUAGES,
  termBase,
  termKey,
  translateTerm,
  useBundledTermBase,
} from "../../src/catalogue/terms.ts";
import { buildCard, cardToText } from "../../src/conversation/card.ts";
import { DEFAULT_ASSETS_DIR } from "../../src/node/assets.ts";
import { loadCatalogue } from "../../src/node/catalogue.ts";

/**
 * A runtime build carries no term base (package.json "imports": #term-files): a card's term translations come with
 * its record (catalogue/terms/NNN.jsonl). Here the bundled term base is turned off to see what a runtime shows.
 */
const catalogue = loadCatalogue();
// Every 41st procedure: 138 records from every shard, in all four languages.
const sample = catalogue.entries.filter((_, i) => i % 41 === 0).map((e) => e.code);
const date = "2026-12-01";

afterEach(() => {
  useBundledTermBase(true);
});

describe("term translations read with the record", () => {
  it("are the term base's, for every string a card may ask for", async () => {
    const base = termBase();
    let checked = 0;
    for (const code of sample.slice(0, 80)) {
      const p = await catalogue.procedure(code);
      if (!p) throw new Error(code);
      for (const [kind, vi] of cardTermStrings(p.record)) {
        const row = p.terms?.[`${kind}|${termKey(vi)}`];
        TERM_LANGUAGES.forEach((lang, i) => {
          const t = base.translate(kind, vi, lang);
          expect(row?.[i] ?? null).toEqual(t ? [t.text, t.machine ? 1 : 0] : null);
          checked++;
        });
      }
    }
    expect(checked).toBeGreaterThan(1000);
  });

  it("give the same cards as the whole term base, in every language", async () => {
    let translatedLines = 0;
    for (const code of sample) {
      const p = await catalogue.procedure(code);
      if (!p) throw new Error(code);
      for (const lang of TERM_LANGUAGES) {
        useBundledTermBase(true);
        const whole = cardToText(buildCard(p, catalogue, lang, { province: null, date }));
        useBundledTermBase(false);
        const withRecord = cardToText(buildCard(p, catalogue, lang, { province: null, date }));
        expect(withRecord, `${code} ${lang}`).toBe(whole);
      }
      if (p.terms) translatedLines += Object.keys(p.terms).length;
    }
    // The sample has translated lines to compare, not only Vietnamese ones.
    expect(translatedLines).toBeGreaterThan(sample.length);
  });

  it("are what translateTerm answers once the record is read, without the term base", async () => {
    const p = await catalogue.procedure(sample[5] as string);
    const field = p?.record.field;
    if (!p || !field) throw new Error("a record with a field");
    useBundledTermBase(false);
    const row = p.terms?.[`fields|${termKey(field)}`];
    expect(translateTerm("fields", field, "en")).toEqual(
      row?.[0] ? { text: row[0][0], machine: row[0][1] === 1 } : null,
    );
    // A string no record brought: a runtime shows the Vietnamese.
    expect(translateTerm("fields", "Không có lĩnh vực này", "en")).toBeNull();
  });

  it("are one line per record, in the shard's order", () => {
    const entries = catalogue.entries.filter((e) => e.shard === 3);
    const lines = readFileSync(join(DEFAULT_ASSETS_DIR, termsPath(3)), "utf8")
      .trim()
      .split("\n");
    expect(lines.map((l) => (JSON.parse(l) as { code: string }).code)).toEqual(entries.map((e) => e.code));
  });
});

describe("runtime builds", () => {
  it("leave the term base out of the bundled Node entry (dist/node)", () => {
    const dir = join(DEFAULT_ASSETS_DIR, "../node");
    const bundle = readdirSync(dir, { recursive: true, encoding: "utf8" })
      .filter((f) => f.endsWith(".js"))
      .map((f) => readFileSync(join(dir, f), "utf8"))
      .join("\n");
    const documents = termBase().kind("documents")?.entries[0]?.en;
    expect(documents).toBeTruthy();
    expect(bundle.includes(JSON.stringify(documents).slice(1, -1))).toBe(false);
    expect(bundle).toContain("term translations come with each record");
  });
});
