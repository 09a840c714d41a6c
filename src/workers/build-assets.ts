/**
 * Builds the Worker's static assets from data/ (runs on Node, at build time): one pre-validated catalogue file,
 * the search index and the gzipped record shards, under dist/workers/ (wrangler.toml [assets] points there).
 * Validation happens here, with the Node loaders' schemas, so the Worker's start-up only parses JSON and maps
 * bytes. Run: npx tsx src/workers/build-assets.ts [outDir]
 */
import { copyFileSync, mkdirSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { DEFAULT_DATA_DIR, readCatalogueData } from "../node/catalogue.ts";
import { readLexicon, readStopwords, SEARCH_INDEX_FILE } from "../node/search.ts";
import type { WorkerCatalogueFile } from "./data.ts";

export const WORKER_ASSETS_DIR = resolve(dirname(fileURLToPath(import.meta.url)), "../../dist/workers");

export function buildWorkerAssets(outDir = WORKER_ASSETS_DIR, dataDir = DEFAULT_DATA_DIR) {
  const data = readCatalogueData(dataDir);
  const file: WorkerCatalogueFile = {
    ...data,
    machineNames: {
      en: [...data.machineNames.en],
      zh: [...data.machineNames.zh],
      ko: [...data.machineNames.ko],
      ja: [...data.machineNames.ja],
    },
    lexicon: readLexicon(dataDir),
    stopwords: readStopwords(dataDir),
  };
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(join(outDir, "records"), { recursive: true });
  mkdirSync(join(outDir, "search"), { recursive: true });
  writeFileSync(join(outDir, "catalogue.json"), JSON.stringify(file));
  copyFileSync(join(dataDir, SEARCH_INDEX_FILE), join(outDir, "search/index.bin"));
  const shards = readdirSync(join(dataDir, "national/records")).filter((f) => f.endsWith(".jsonl.gz"));
  for (const shard of shards)
    copyFileSync(join(dataDir, "national/records", shard), join(outDir, "records", shard));
  return { outDir, procedures: data.national.length, shards: shards.length };
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const built = buildWorkerAssets(process.argv[2] ? resolve(process.argv[2]) : undefined);
  console.log(`worker assets: ${built.procedures} procedures, ${built.shards} shards in ${built.outDir}`);
}
