import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { Catalogue, CatalogueError } from "../../src/catalogue/catalogue.ts";
import { LANGUAGES } from "../../src/catalogue/schema.ts";
import { DEFAULT_DATA_DIR, parseNameTable, readCatalogueData } from "../../src/node/catalogue.ts";
import { catalogue } from "../helpers/app.ts";
import { linkedCopy, removeScratch } from "../helpers/scratch.ts";

const scratch: string[] = [];
afterAll(() => removeScratch(scratch));

/** data/ as the build reads it, read once for the tests that only look at it (validating it takes a second). */
let bundled: ReturnType<typeof readCatalogueData> | null = null;
const bundledData = () => {
  bundled ??= readCatalogueData();
  return bundled;
};

/** data/ with one file replaced (the rest linked), so a broken record can be fed through the real loader. */
function dataWith(path: string, content: string): string {
  const dir = linkedCopy(DEFAULT_DATA_DIR, [path]);
  scratch.push(dir);
  writeFileSync(join(dir, path), content);
  return dir;
}

describe("the bundled catalogue", () => {
  it("lists all 5,652 national procedures, each with its Vietnamese name", () => {
    expect(catalogue.size).toBe(5652);
    expect(new Set(catalogue.entries.map((e) => e.code)).size).toBe(5652);
    expect(catalogue.entries.every((e) => e.names.vi.length > 0)).toBe(true);
  });

  it("gives at least 95% of procedures an English name, marked machine-translated unless curated", () => {
    const withEnglish = catalogue.entries.filter((e) => e.names.en);
    expect(withEnglish.length / catalogue.size).toBeGreaterThanOrEqual(0.95);
    expect(withEnglish.every((e) => e.curated === !e.machineTranslated.includes("en"))).toBe(true);
  });

  it("names every curated procedure in all five languages", () => {
    const curated = catalogue.entries.filter((e) => e.curated);
    expect(curated.length).toBeGreaterThanOrEqual(150);
    for (const e of curated) for (const l of LANGUAGES) expect(e.names[l], `${e.code} ${l}`).toBeTruthy();
  });

  it("marks machine-translated names, and curated ones are never marked", () => {
    for (const e of catalogue.entries) {
      if (e.curated) expect(e.machineTranslated).toEqual([]);
      else for (const l of e.machineTranslated) expect(e.names[l], `${e.code} ${l}`).toBeTruthy();
    }
  });

  it("loads a full record on demand from its shard", async () => {
    const p = await catalogue.procedure("1.001612");
    expect(p?.record.name).toBe("Đăng ký thành lập hộ kinh doanh");
    expect(p?.record.portalUrl).toMatch(/^https:\/\/dichvucong\.gov\.vn\//);
    expect(await catalogue.procedure("9.999999")).toBeNull();
  });

  it("maps a December 2025 code to the record that replaced it", () => {
    expect(catalogue.successors("1.001978")).toContain("1.014748");
  });
});

describe("a broken catalogue fails loudly, naming the file and the field", () => {
  it("rejects a curated record with a missing translation", () => {
    const dir = dataWith(
      "curated/procedures/1.004194.json",
      JSON.stringify({
        code: "1.004194",
        reviewed: "2026-11-25",
        names: { en: "Temporary residence registration", zh: "暂住登记", ko: "", ja: "一時居住登録" },
        aliases: { vi: [], en: [], zh: [], ko: [], ja: [] },
        summary: { vi: "a", en: "a", zh: "a", ko: "a", ja: "a" },
        onlineSteps: { vi: ["a"], en: ["a"], zh: ["a"], ko: ["a"], ja: ["a"] },
        sources: [{ title: "national record", document: "1.004194" }],
        uncertain: [],
      }),
    );
    expect(() => readCatalogueData(dir)).toThrow(CatalogueError);
    expect(() => readCatalogueData(dir)).toThrow(/^curated\/procedures\/1\.004194\.json: names\.ko: /);
  });

  it("rejects online steps that differ in number between languages", () => {
    const dir = dataWith(
      "curated/procedures/1.004194.json",
      JSON.stringify({
        code: "1.004194",
        reviewed: "2026-11-25",
        names: { en: "a", zh: "a", ko: "a", ja: "a" },
        aliases: { vi: [], en: [], zh: [], ko: [], ja: [] },
        summary: { vi: "a", en: "a", zh: "a", ko: "a", ja: "a" },
        onlineSteps: { vi: ["a", "b"], en: ["a"], zh: ["a"], ko: ["a"], ja: ["a"] },
        sources: [{ title: "national record", document: "1.004194" }],
        uncertain: [],
      }),
    );
    expect(() => readCatalogueData(dir)).toThrow(/onlineSteps: .*same, non-zero number of steps/);
  });

  it("rejects a national index line with a malformed code", () => {
    const dir = dataWith(
      "national/index.json",
      JSON.stringify([
        { code: "1001612", name: "x", level: null, field: null, weight: null, oldCodes: [], shard: 0 },
      ]),
    );
    expect(() => readCatalogueData(dir)).toThrow(
      /^national\/index\.json: 0\.code: procedure code must look like 1\.001612/,
    );
  });

  it("rejects a curated record for a code the national catalogue does not have", () => {
    const data = bundledData();
    const someCurated = data.curated[0];
    if (!someCurated) throw new Error("no curated record to copy");
    expect(
      () =>
        new Catalogue(
          { ...data, curated: [{ ...someCurated, code: "9.999999" }] },
          { shard: async () => "" },
        ),
    ).toThrow(/curated\/procedures\/9\.999999\.json: no such code/);
  });

  it("rejects a malformed line in an English name table", () => {
    expect(() =>
      parseNameTable("1.001612\tHousehold business\n1.001612 no tab here\n", "curated/names/en-x.tsv"),
    ).toThrow(/en-x\.tsv line 2: expected "code<TAB>name"/);
    expect(() => parseNameTable("1.001612\ta\n1.001612\tb\n", "t.tsv")).toThrow(
      /line 2: 1\.001612 appears twice/,
    );
  });

  it("rejects a shard line that does not match the record schema", async () => {
    const data = bundledData();
    const broken = new Catalogue(data, {
      shard: async () => `${JSON.stringify({ code: "1.000005", name: "" })}\n`,
    });
    await expect(broken.procedure("1.000005")).rejects.toThrow(/national\/records\/0 line 1: /);
  });
});
