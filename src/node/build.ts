/**
 * `npm run build` (also run by `npm ci` through `prepare`): turns data/ into the artefacts both runtimes read
 * (src/assets.ts) under dist/assets/. Every catalogue file and every national record is validated here, once, so
 * start-up only maps bytes. The manifest carries a hash of the inputs (the data files and the code that shapes the
 * artefacts) and of the engine options; a build whose inputs did not change is skipped, and start-up refuses
 * artefacts built from other inputs.
 */
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { gunzipSync } from "node:zlib";
import { build as esbuild, type Plugin } from "esbuild";
import {
  ASSET_FORMAT,
  ASSET_PATHS,
  AssetError,
  type AssetManifest,
  overlaysPath,
  RECORDS_PER_SHARD,
  shardPath,
  termsPath,
} from "../assets.ts";
import { builtCatalogueFiles, catalogueFromBuilt } from "../catalogue/built.ts";
import { Catalogue } from "../catalogue/catalogue.ts";
import { validateLegalTypes } from "../catalogue/legal-titles.ts";
import type { NationalRecord } from "../catalogue/schema.ts";
import { recordTermTranslations, termBase } from "../catalogue/terms.ts";
import { buildPhrases } from "../conversation/understand.ts";
import { validateHolidays } from "../dossiers/calendar.ts";
import { validateJourneys } from "../investor/journeys.ts";
import { forForeigners, investorCodes, parseInvestorSelection } from "../investor/selection.ts";
import {
  AUDIENCE_FOREIGN,
  AUDIENCE_INVESTOR,
  buildSearchIndex,
  forOrganisationsOnly,
  ORGANISATIONS_ONLY,
} from "../search/build.ts";
import { catalogueTexts, searchDocuments } from "../search/documents.ts";
import { initialismCounts } from "../search/initialisms.ts";
import { type BuiltLexicon, compileLexiconData } from "../search/lexicon.ts";
import { serializeSearchIndex } from "../search/serialize.ts";
import { buildInputs, DEFAULT_ASSETS_DIR, inputsHash, REPO_ROOT, readBuiltManifest } from "./assets.ts";
import { readCatalogueData } from "./catalogue.ts";
import { readLexicon, readStopwordLists } from "./lexicon.ts";

export interface BuildReport {
  skipped: boolean;
  manifest: AssetManifest;
  curated: number;
  catalogueBytes: number;
  shardBytes: number;
  searchIndex: { bytes: number; terms: number; initialisms: { distinct: number; colliding: number } } | null;
  ms: number;
}

const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

/**
 * Who each record is for, from the investor set's rule (data/investor/selection.json): the ranker leans toward these
 * for a question asked in a foreign language. The search bench indexes with it too, so it times the product's index.
 */
export function searchAudience(dataDir = join(REPO_ROOT, "data")): (record: NationalRecord) => number {
  const selection = parseInvestorSelection(
    JSON.parse(readFileSync(join(dataDir, "investor/selection.json"), "utf8")),
  );
  const investor = new Set(investorCodes(selection));
  return (record) =>
    (investor.has(record.code) ? AUDIENCE_INVESTOR : 0) |
    (forForeigners(record, selection) ? AUDIENCE_FOREIGN : 0) |
    (forOrganisationsOnly(record.subjects) ? ORGANISATIONS_ONLY : 0);
}

/** Builds dist/assets from data/ unless its manifest already matches the inputs (or `force`). */
export async function buildAssets(
  options: { dataDir?: string; outDir?: string; root?: string; force?: boolean } = {},
): Promise<BuildReport> {
  const started = performance.now();
  const root = options.root ?? REPO_ROOT;
  const dataDir = options.dataDir ?? join(root, "data");
  const outDir = options.outDir ?? DEFAULT_ASSETS_DIR;
  const inputs = buildInputs(root);
  const hash = inputsHash(root, inputs);
  const existing = readBuiltManifest(outDir);
  if (
    !options.force &&
    existing?.inputsHash === hash &&
    Object.entries(existing.files).every(
      ([file, f]) => existsSync(join(outDir, file)) && statSync(join(outDir, file)).size === f.bytes,
    )
  ) {
    return {
      skipped: true,
      manifest: existing,
      curated: 0,
      catalogueBytes: 0,
      shardBytes: 0,
      searchIndex: null,
      ms: performance.now() - started,
    };
  }

  // Validation: every catalogue file (zod, cross-checks in the Catalogue) and every record line of every shard; the
  // data files the code bundles (journeys, legal types, holidays; data/conversation in buildPhrases), which the
  // runtimes then read without a schema.
  validateJourneys();
  validateLegalTypes();
  validateHolidays();
  const data = readCatalogueData(dataDir);
  const source = new Catalogue(
    data,
    {
      shard: async (n) =>
        gunzipSync(
          readFileSync(join(dataDir, "national/records", `${String(n).padStart(2, "0")}.jsonl.gz`)),
        ).toString("utf8"),
    },
    { shardCacheChars: 8 * 1024 * 1024 },
  );
  const lines: string[] = [];
  const termLines: string[] = [];
  const terms = termBase();
  const termMemo = new Map<string, ([string, 0 | 1] | null)[] | null>();
  for (const entry of source.entries) {
    const procedure = await source.procedure(entry.code);
    if (!procedure) throw new AssetError(`${entry.code}: in the index but not found`);
    // The code first: the runtime finds a record's line without parsing the shard.
    const { code, ...rest } = procedure.record;
    lines.push(JSON.stringify({ code, ...rest }));
    termLines.push(
      JSON.stringify({ code, terms: recordTermTranslations(terms, procedure.record, termMemo) }),
    );
  }
  const shards: string[] = [];
  const termShards: string[] = [];
  for (let start = 0; start < lines.length; start += RECORDS_PER_SHARD) {
    shards.push(`${lines.slice(start, start + RECORDS_PER_SHARD).join("\n")}\n`);
    termShards.push(`${termLines.slice(start, start + RECORDS_PER_SHARD).join("\n")}\n`);
  }
  const built = source.toBuilt((_, position) => Math.floor(position / RECORDS_PER_SHARD));

  const overlays = new Map(
    built.investorCodes.map((code) => [code, JSON.stringify(source.overlaysOf(code))]),
  );
  const encoder = new TextEncoder();
  const files = new Map<string, Uint8Array>([
    ...[
      ...builtCatalogueFiles(built, {
        record: lines.map((line) => Buffer.byteLength(line)),
        terms: termLines.map((line) => Buffer.byteLength(line)),
      }),
    ].map(([path, text]): [string, Uint8Array] => [path, encoder.encode(text)]),
    ...shards.map((text, n): [string, Uint8Array] => [shardPath(n), encoder.encode(text)]),
    ...termShards.map((text, n): [string, Uint8Array] => [termsPath(n), encoder.encode(text)]),
    ...[...overlays].map(([code, text]): [string, Uint8Array] => [overlaysPath(code), encoder.encode(text)]),
  ]);
  // The index is built from the written catalogue files, read back as a runtime reads them, so what the runtimes
  // load is what was indexed (and a file the loader cannot read fails the build, not a start).
  const readBuilt = async (path: string) => {
    const bytes = files.get(path);
    if (!bytes) throw new AssetError(`${path}: not written by the build`);
    return bytes;
  };
  const catalogue = catalogueFromBuilt(
    await readBuilt(ASSET_PATHS.catalogue),
    await readBuilt(ASSET_PATHS.catalogueNames),
    readBuilt,
    { fileCacheBytes: Number.MAX_SAFE_INTEGER },
  );
  const index = buildSearchIndex(await searchDocuments(catalogue, searchAudience(dataDir)));
  index.inputsHash = hash;
  const stopwords = readStopwordLists(dataDir);
  const lexiconData = readLexicon(dataDir);
  const lexicon: BuiltLexicon = {
    lexicon: lexiconData,
    stopwords: stopwords.words,
    stopwordsVi: stopwords.vi,
    compiled: compileLexiconData(lexiconData, stopwords.words, stopwords.vi, {
      zh: await catalogueTexts(catalogue, "zh"),
      ja: await catalogueTexts(catalogue, "ja"),
    }),
  };
  files.set(ASSET_PATHS.searchIndex, serializeSearchIndex(index));
  files.set(ASSET_PATHS.searchLexicon, encoder.encode(JSON.stringify(lexicon)));
  files.set(ASSET_PATHS.phrases, encoder.encode(JSON.stringify(buildPhrases())));
  const manifest: AssetManifest = {
    format: ASSET_FORMAT,
    inputsHash: hash,
    inputs,
    optionsHash: index.optionsHash,
    procedures: built.entries.length,
    shards: shards.length,
    files: Object.fromEntries(
      [...files].map(([file, bytes]) => [file, { bytes: bytes.byteLength, sha256: sha256(bytes) }]),
    ),
  };

  // Written next to the old folder, then swapped in, so a reader never sees half a build.
  const staging = `${outDir}.tmp-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  for (const [file, bytes] of files) {
    mkdirSync(dirname(join(staging, file)), { recursive: true });
    writeFileSync(join(staging, file), bytes);
  }
  writeFileSync(join(staging, ASSET_PATHS.manifest), `${JSON.stringify(manifest, null, 1)}\n`);
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(dirname(outDir), { recursive: true });
  renameSync(staging, outDir);

  const size = (file: string) => files.get(file)?.byteLength ?? 0;
  return {
    skipped: false,
    manifest,
    curated: built.curated.length,
    catalogueBytes: size(ASSET_PATHS.catalogue),
    shardBytes: shards.reduce((sum, _, n) => sum + size(shardPath(n)), 0),
    searchIndex: {
      bytes: size(ASSET_PATHS.searchIndex),
      terms: index.terms.length,
      initialisms: initialismCounts(index.initialisms.entries()),
    },
    ms: performance.now() - started,
  };
}

/**
 * Imported JSON (locales, terms, conversation data: about 2 MB) as JSON.parse of a string instead of object
 * literals: V8 parses JSON much faster than it compiles the same data as code.
 */
const jsonParsePlugin: Plugin = {
  name: "json-parse",
  setup(build) {
    build.onLoad({ filter: /\.json$/ }, ({ path }) => ({
      contents: `export default JSON.parse(${JSON.stringify(JSON.stringify(JSON.parse(readFileSync(path, "utf8"))))});`,
      loader: "js",
    }));
  },
};

export const NODE_ENTRY_BUNDLE = join(REPO_ROOT, "dist/node/main.js");

/**
 * The Node entry (dist/node/main.js, run by `npm start`): started with plain node, without transpiling some hundred
 * TypeScript files at every start. Two entry points split at the dynamic import: main.js (node:http only, listens
 * at once) and server.js (everything else, imported after listen). Packages stay in node_modules. Always rebuilt
 * (it takes a fraction of a second), so it never lags behind src/.
 */
export async function bundleNodeEntry(root = REPO_ROOT): Promise<{ bytes: number; ms: number }> {
  const started = performance.now();
  const outdir = join(root, "dist/node");
  // No chunk of an older build is left beside the new one.
  rmSync(outdir, { recursive: true, force: true });
  const result = await esbuild({
    entryPoints: [join(root, "src/node/main.ts"), join(root, "src/node/server.ts")],
    outdir,
    entryNames: "[name]",
    chunkNames: "chunks/[name]-[hash]",
    splitting: true,
    bundle: true,
    platform: "node",
    format: "esm",
    target: "node20",
    packages: "external",
    // "#term-files" without the term base: the server reads each record's term translations from dist/assets.
    conditions: ["dvc-runtime"],
    sourcemap: "linked",
    logLevel: "warning",
    metafile: true,
    plugins: [jsonParsePlugin],
  });
  const bytes = Object.entries(result.metafile.outputs)
    .filter(([file]) => file.endsWith(".js"))
    .reduce((sum, [, o]) => sum + o.bytes, 0);
  return { bytes, ms: performance.now() - started };
}

const mib = (n: number) => `${(n / 1024 / 1024).toFixed(1)} MB`;

/** What `npm run build` prints. */
export function formatBuildReport(report: BuildReport, outDir = DEFAULT_ASSETS_DIR): string {
  const where = relative(process.cwd(), outDir) || outDir;
  const m = report.manifest;
  if (report.skipped) return `${where} is up to date (inputs ${m.inputsHash}); nothing to build`;
  const s = report.searchIndex;
  return [
    `catalogue: ${m.procedures} procedures (${report.curated} curated), ${mib(report.catalogueBytes)}; ${m.shards} record shards of ${RECORDS_PER_SHARD}, ${mib(report.shardBytes)}`,
    s ? `search index: ${s.terms} terms, ${s.bytes} bytes` : "",
    s
      ? `initialisms: ${s.initialisms.distinct} distinct, ${s.initialisms.colliding} with more than one reading; options ${m.optionsHash}`
      : "",
    `built ${where} in ${(report.ms / 1000).toFixed(1)} s (inputs ${m.inputsHash})`,
  ]
    .filter(Boolean)
    .join("\n");
}

// `npm run build [-- --force]`
if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    const report = await buildAssets({ force: process.argv.includes("--force") });
    console.log(formatBuildReport(report));
    const entry = await bundleNodeEntry();
    console.log(
      `node entry: ${relative(process.cwd(), NODE_ENTRY_BUNDLE)} (${mib(entry.bytes)}) in ${(entry.ms / 1000).toFixed(1)} s`,
    );
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exit(1);
  }
}
