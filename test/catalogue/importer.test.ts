import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { importNational, writeNational } from "../../src/node/importer.ts";

const FIXTURES = new URL("../fixtures/national", import.meta.url).pathname;

describe("importNational", () => {
  const result = importNational(FIXTURES);

  it("imports every fixture file and reports the defects it handled", () => {
    expect(result.summary.records).toBe(16);
    expect(result.summary.failed).toEqual([]);
    expect(result.summary.fees.usd).toBeGreaterThan(0);
    expect(result.summary.fees.convertedThousands).toBeGreaterThan(0);
    expect(result.summary.fees.notStated).toBeGreaterThan(0);
    expect(result.summary.fees.unclear).toBeGreaterThan(0);
    expect(result.summary.truncatedRecords).toBe(1);
  });

  it("keeps a portal link only where the crawled name matches the record", () => {
    const byCode = new Map(result.records.map((r) => [r.code, r]));
    expect(byCode.get("1.001612")?.portalUrl).toMatch(/^https:\/\/dichvucong\.gov\.vn\/thu-tuc-hanh-chinh\//);
    expect(byCode.get("1.000014")?.portalUrl).toBeNull();
    expect(result.summary.portalLinks).toMatchObject({ matched: 5, nameMismatch: 1 });
  });

  it("carries a usage weight over by name when the code changed, keeping the old code", () => {
    const byCode = new Map(result.records.map((r) => [r.code, r]));
    expect(byCode.get("1.004194")?.weight).toBe(15539622);
    const unemployment = byCode.get("1.014748");
    expect(unemployment?.weight).toBe(6013755);
    expect(unemployment?.oldCodes).toEqual(["1.001978"]);
    expect(result.summary.popularity.carriedByName).toBe(1);
  });

  it("writes byte-identical output when run twice on the same input", () => {
    const a = mkdtempSync(join(tmpdir(), "dvc-import-a-"));
    const b = mkdtempSync(join(tmpdir(), "dvc-import-b-"));
    writeNational(importNational(FIXTURES), a);
    writeNational(importNational(FIXTURES), b);
    const files = (dir: string) => [
      "index.json",
      "summary.json",
      ...readdirSync(join(dir, "records")).map((f) => `records/${f}`),
    ];
    expect(files(a)).toEqual(files(b));
    for (const f of files(a)) expect(readFileSync(join(a, f)).equals(readFileSync(join(b, f)))).toBe(true);
    const shard = gunzipSync(readFileSync(join(a, "records/00.jsonl.gz")))
      .toString("utf8")
      .trim()
      .split("\n");
    expect(shard).toHaveLength(16);
  });
});
