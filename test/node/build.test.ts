import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { afterAll, describe, expect, it } from "vitest";
import { ASSET_PATHS, AssetError, RECORDS_PER_SHARD, shardPath } from "../../src/assets.ts";
import { catalogueFromBuilt } from "../../src/catalogue/built.ts";
import { Catalogue } from "../../src/catalogue/catalogue.ts";
import {
  assertFreshAssets,
  buildInputs,
  DEFAULT_ASSETS_DIR,
  inputsHash,
  nodeReadAsset,
  nodeReadAssetRange,
  REPO_ROOT,
  readAssetSync,
  readBuiltManifest,
} from "../../src/node/assets.ts";
import { DEFAULT_DATA_DIR, loadCatalogue, readCatalogueData } from "../../src/node/catalogue.ts";
import { searcherFromBuilt } from "../../src/search/built.ts";
import {
  type BuiltLexicon,
  type CompiledLexiconData,
  compileLexicon,
  compileLexiconData,
  restoreLexicon,
} from "../../src/search/lexicon.ts";
import { deserializeSearchIndex } from "../../src/search/serialize.ts";
import { linkedCopy, removeScratch } from "../helpers/scratch.ts";

/**
 * The build's artefacts (npm run build → dist/assets) against this checkout. Freshness is a hash of the inputs,
 * not a rebuild: the manifest and the index header carry it, start-up refuses anything else.
 */
const manifest = readBuiltManifest();
if (!manifest) throw new Error("dist/assets has no manifest: run npm run build");

describe("built artefacts", () => {
  const scratch: string[] = [];
  afterAll(() => removeScratch(scratch));

  /**
   * A scratch root holding the inputs (data and the code that shapes the artefacts): `changed` are real copies,
   * the rest links to this checkout (test/helpers/scratch.ts).
   */
  function copyOfInputs(changed: string[]): string {
    const root = linkedCopy(REPO_ROOT, changed, ["data", "src"]);
    scratch.push(root);
    expect(buildInputs(root)).toEqual(buildInputs());
    return root;
  }

  it("come from this checkout: the manifest's inputs hash is the hash of data/ and the index code", () => {
    expect(manifest.inputsHash).toBe(inputsHash());
    expect(manifest.inputs).toEqual(buildInputs());
    expect(manifest.inputs).toContain("data/national/index.json");
    expect(manifest.inputs).toContain("src/search/normalize.ts");
    // The engine's ranking code does not shape the artefacts: editing it needs no rebuild.
    expect(manifest.inputs).not.toContain("src/search/rank.ts");
    const index = deserializeSearchIndex(readAssetSync(DEFAULT_ASSETS_DIR, ASSET_PATHS.searchIndex));
    expect(index.inputsHash).toBe(manifest.inputsHash);
    expect(index.optionsHash).toBe(manifest.optionsHash);
  });

  it("are not tracked by git: data/ holds no generated .bin (each rebuild added megabytes to the history)", () => {
    const tracked = execFileSync("git", ["ls-files", "data", "dist"], { cwd: REPO_ROOT, encoding: "utf8" })
      .split("\n")
      .filter((f) => f.endsWith(".bin") || f.startsWith("dist/"));
    // If this fails after a rebase: git rm --cached <file>; npm run build writes it to dist/assets/.
    expect(tracked).toEqual([]);
  });

  it("are every file the manifest lists, with its size and SHA-256", () => {
    expect(manifest.procedures).toBe(5652);
    expect(manifest.shards).toBe(Math.ceil(5652 / RECORDS_PER_SHARD));
    for (const [file, { bytes, sha256 }] of Object.entries(manifest.files)) {
      const content = readFileSync(join(DEFAULT_ASSETS_DIR, file));
      expect(content.byteLength, file).toBe(bytes);
      expect(createHash("sha256").update(content).digest("hex"), file).toBe(sha256);
    }
  });

  it("are refused at start-up once an input changes, with what to run; a touched but unchanged file passes", () => {
    const root = copyOfInputs(["data/curated/procedures/1.001612.json"]);
    const file = join(root, "data/curated/procedures/1.001612.json");
    // A copied file is newer than the manifest, so the hash is recomputed: same content, same hash.
    const now = new Date();
    utimesSync(file, now, now);
    expect(assertFreshAssets(DEFAULT_ASSETS_DIR, root).inputsHash).toBe(manifest.inputsHash);
    const record = JSON.parse(readFileSync(file, "utf8"));
    record.aliases.vi = [...record.aliases.vi, "hộ kinh doanh cá thể"];
    writeFileSync(file, JSON.stringify(record));
    expect(() => assertFreshAssets(DEFAULT_ASSETS_DIR, root)).toThrow(AssetError);
    expect(() => assertFreshAssets(DEFAULT_ASSETS_DIR, root)).toThrow(/stale: .*Run npm run build/);
  });

  it("are refused when the build was interrupted or never ran", () => {
    const empty = mkdtempSync(join(tmpdir(), "dvc-assets-"));
    scratch.push(empty);
    expect(() => assertFreshAssets(empty)).toThrow(/manifest\.json is missing .*run npm run build/);
    expect(() => loadCatalogue(empty)).toThrow(AssetError);
  });

  it("changes its hash with the engine options' hash and the index code, not with the file dates", () => {
    const root = copyOfInputs(["data/national/index.json", "src/search/options.ts"]);
    const before = inputsHash(root);
    const now = new Date();
    utimesSync(join(root, "data/national/index.json"), now, now);
    expect(inputsHash(root)).toBe(before);
    const options = join(root, "src/search/options.ts");
    writeFileSync(options, readFileSync(options, "utf8").replace("k1: 1.2", "k1: 1.3"));
    expect(inputsHash(root)).not.toBe(before);
  });

  it("refuse a search index from another build", () => {
    const index = readAssetSync(DEFAULT_ASSETS_DIR, ASSET_PATHS.searchIndex);
    const lexicon = readAssetSync(DEFAULT_ASSETS_DIR, ASSET_PATHS.searchLexicon);
    expect(() => searcherFromBuilt(index, lexicon, "0".repeat(32))).toThrow(/comes from another build/);
    expect(
      searcherFromBuilt(index, lexicon, manifest.inputsHash).search("hộ chiếu").hits.length,
    ).toBeGreaterThan(0);
  });

  it("carry the lexicon compiled, as compileLexicon makes it from the lexicon beside it", () => {
    const built = JSON.parse(
      new TextDecoder().decode(readAssetSync(DEFAULT_ASSETS_DIR, ASSET_PATHS.searchLexicon)),
    ) as BuiltLexicon;
    const { japaneseOnly, chineseOnlyHan, ...compiled } = built.compiled as CompiledLexiconData;
    const {
      japaneseOnly: _j,
      chineseOnlyHan: _c,
      ...fromLexicon
    } = compileLexiconData(built.lexicon, built.stopwords, built.stopwordsVi);
    expect(compiled).toEqual(fromLexicon);
    // The Japanese phrases' words and the characters Chinese alone writes are read against the catalogue's Chinese and
    // Japanese text too (lexicon.ts, japaneseOnlyWords, chineseOnlyHan): 開業 is written 开业 in Chinese names.
    expect(japaneseOnly).toContain("診療所");
    expect(japaneseOnly).not.toContain("開業");
    expect(chineseOnlyHan).toContain("办");
    expect(chineseOnlyHan).not.toContain("登");
    const restored = restoreLexicon(built.compiled as CompiledLexiconData);
    const made = compileLexicon(built.lexicon, built.stopwords, built.stopwordsVi);
    for (const text of ["Cần làm giấy tờ gì để đăng ký kết hôn", "can lam giay to gi", "ko bt thu tuc nao"]) {
      expect(restored.stripStopPhrases(text)).toBe(made.stripStopPhrases(text));
      expect(restored.rewrite(text)).toBe(made.rewrite(text));
    }
    // The phrases' words the detector reads are derived at build time; an artefact without them derives the same.
    const { phraseWords: _, ...older } = built.compiled as CompiledLexiconData;
    expect(restoreLexicon(older).phraseWords).toEqual(restored.phraseWords);
    expect(restored.phraseWords.en).toContain("motorbike");
    expect(restored.phraseWords.vi).toContain("ho");
  });

  it("hold the same catalogue as data/: every entry, and the full records of a sample across shards", async () => {
    const data = readCatalogueData();
    const fromData = new Catalogue(data, {
      shard: async (n) =>
        gunzipSync(
          readFileSync(join(DEFAULT_DATA_DIR, "national/records", `${String(n).padStart(2, "0")}.jsonl.gz`)),
        ).toString("utf8"),
    });
    const built = loadCatalogue();
    expect(built.entries.map(({ shard: _, ...e }) => e)).toEqual(
      fromData.entries.map(({ shard: _, ...e }) => e),
    );
    const words = (c: Catalogue) => ({
      vi: [...c.vocabulary().vi].sort(),
      en: [...c.vocabulary().en].sort(),
    });
    expect(words(built)).toEqual(words(fromData));
    const investorCodes = JSON.parse(
      readFileSync(join(DEFAULT_ASSETS_DIR, ASSET_PATHS.catalogue), "utf8"),
    ).investorCodes.slice(0, 5) as string[];
    expect(investorCodes.length).toBeGreaterThan(0);
    const sample = built.entries.filter((_, i) => i % 97 === 0).map((e) => e.code);
    const curated = built.entries.filter((e) => e.curated).map((e) => e.code);
    expect(curated.length).toBeGreaterThan(0);
    for (const code of [...sample, ...investorCodes, ...curated.slice(0, 10)]) {
      const [a, b] = await Promise.all([built.procedure(code), fromData.procedure(code)]);
      expect(a?.record, code).toEqual(b?.record);
      expect(a?.curated, code).toEqual(b?.curated);
      expect(a?.fees, code).toEqual(b?.fees);
      expect(a?.overlays, code).toEqual(b?.overlays);
    }
  });

  it("read a record's own lines, not its shard, and keep what they read within the bounds", async () => {
    const bound = 128 * 1024;
    const ranges: [string, number][] = [];
    const readRange = nodeReadAssetRange();
    const catalogue = catalogueFromBuilt(
      readAssetSync(DEFAULT_ASSETS_DIR, ASSET_PATHS.catalogue),
      readAssetSync(DEFAULT_ASSETS_DIR, ASSET_PATHS.catalogueNames),
      async (path) => {
        if (/^catalogue\/(records|terms)\//.test(path)) throw new Error(`${path} read whole`);
        return nodeReadAsset()(path);
      },
      {
        recordCacheChars: bound,
        readRange: async (path, start, end) => {
          ranges.push([path, end - start]);
          return readRange(path, start, end);
        },
      },
    );
    for (let i = 0; i < catalogue.size; i += RECORDS_PER_SHARD - 1) {
      const code = catalogue.entries[i]?.code as string;
      const procedure = await catalogue.procedure(code);
      expect(procedure?.record.code).toBe(code);
      expect(procedure?.terms).toBeDefined();
      expect(catalogue.cachedRecords.chars).toBeLessThanOrEqual(bound);
    }
    // Two lines per record (the record, its term translations), each far smaller than a shard.
    const asked = Math.ceil(catalogue.size / (RECORDS_PER_SHARD - 1));
    expect(ranges).toHaveLength(2 * asked);
    expect(Math.max(...ranges.map(([, bytes]) => bytes))).toBeLessThan(
      Math.min(
        ...Object.values(manifest.files)
          .map((f) => f.bytes)
          .filter((b) => b > 100_000),
      ),
    );
    expect(catalogue.cachedRecords.count).toBeLessThan(asked / 4);
    // The first record was evicted long ago: asked again, it is read again; asked once more, it is kept.
    const first = catalogue.entries[0]?.code as string;
    expect((await catalogue.procedure(first))?.record.code).toBe(first);
    expect(ranges).toHaveLength(2 * asked + 2);
    expect((await catalogue.procedure(first))?.record.code).toBe(first);
    expect(ranges).toHaveLength(2 * asked + 2);
  });

  it("say the assets changed, instead of failing to parse, when a line is not where the index says", async () => {
    const readRange = nodeReadAssetRange();
    const shifted = catalogueFromBuilt(
      readAssetSync(DEFAULT_ASSETS_DIR, ASSET_PATHS.catalogue),
      readAssetSync(DEFAULT_ASSETS_DIR, ASSET_PATHS.catalogueNames),
      nodeReadAsset(),
      // As if the shard files had been rebuilt under a running server: every line moved by a few bytes.
      { readRange: (path, start, end) => readRange(path, start + 5, end + 5) },
    );
    const code = shifted.entries[3]?.code as string;
    await expect(shifted.procedure(code)).rejects.toThrow(/the assets changed since they were loaded/);
  });

  it("without a range reader, cut the lines from whole shard files kept as bytes within their bound", async () => {
    const bound = 2 * 1024 * 1024;
    const reads: string[] = [];
    const readAsset = nodeReadAsset();
    const catalogue = catalogueFromBuilt(
      readAssetSync(DEFAULT_ASSETS_DIR, ASSET_PATHS.catalogue),
      readAssetSync(DEFAULT_ASSETS_DIR, ASSET_PATHS.catalogueNames),
      async (path) => {
        if (/^catalogue\/(records|terms)\//.test(path)) reads.push(path);
        return readAsset(path);
      },
      { fileCacheBytes: bound, recordCacheChars: 0 },
    );
    const fromLines = loadCatalogue();
    for (let i = 0; i < catalogue.size; i += 7 * RECORDS_PER_SHARD + 3) {
      const code = catalogue.entries[i]?.code as string;
      const [a, b] = await Promise.all([catalogue.procedure(code), fromLines.procedure(code)]);
      expect(a?.record, code).toEqual(b?.record);
      expect(a?.terms, code).toEqual(b?.terms);
    }
    const shards = Math.ceil(catalogue.size / (7 * RECORDS_PER_SHARD + 3));
    expect(reads).toHaveLength(2 * shards);
    expect(reads[0]).toBe(shardPath(0));
    // The first shard was evicted long ago: asked again, its files are read again.
    await catalogue.procedure(catalogue.entries[1]?.code as string);
    expect(reads).toHaveLength(2 * shards + 2);
    await catalogue.procedure(catalogue.entries[2]?.code as string);
    expect(reads).toHaveLength(2 * shards + 2);
  });
});
