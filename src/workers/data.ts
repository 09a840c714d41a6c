/**
 * The catalogue and the search index of a Worker, from the build artefacts (src/assets.ts, `npm run build`) served
 * as its static assets: the ReadAsset port over the ASSETS binding. Everything was validated at build time, so
 * start-up parses the compact catalogue/index.json, keeps catalogue/names.jsonl as bytes (a name line is parsed
 * when shown) and maps search/index.bin; record shards and curated records are fetched when a procedure of
 * theirs is first shown. The ASSETS binding answers a Range request with the whole file, so shard files are kept
 * as bytes in an LRU bounded for a 128 MB isolate, and a card decodes and parses only its record's own line.
 */
import { ASSET_PATHS, AssetError, type ReadAsset, readManifestHead } from "../assets.ts";
import { loadBuiltCatalogue } from "../catalogue/built.ts";
import type { Catalogue } from "../catalogue/index.ts";
import type { BuiltPhrases } from "../conversation/index.ts";
import { searcherFromBuilt } from "../search/built.ts";
import type { Searcher } from "../search/index.ts";
import type { Fetcher } from "./types.ts";

/** Any origin does: the ASSETS binding serves the path. */
const ASSET_ORIGIN = "https://assets.local/";

/**
 * Record and term shard files kept as bytes (about six pairs of a ~450 kB record shard and its term shard),
 * outside the JS heap but inside the isolate's 128 MB.
 */
export const WORKER_FILE_CACHE_BYTES = 4 * 1024 * 1024;

export function assetsReader(assets: Fetcher): ReadAsset {
  return async (path) => {
    const response = await assets.fetch(new URL(path, ASSET_ORIGIN).toString());
    if (!response.ok)
      throw new AssetError(
        `${path}: not in the Worker's assets (HTTP ${response.status}); run npm run build`,
      );
    return new Uint8Array(await response.arrayBuffer());
  };
}

export async function loadWorkerData(
  readAsset: ReadAsset,
): Promise<{ catalogue: Catalogue; searcher: Searcher; phrases: BuiltPhrases }> {
  // Every file at once (the manifest is checked against the index after): one round trip to the assets, not two.
  const [manifest, catalogue, index, lexicon, phrases] = await Promise.all([
    readManifestHead(readAsset),
    loadBuiltCatalogue(readAsset, { fileCacheBytes: WORKER_FILE_CACHE_BYTES }),
    readAsset(ASSET_PATHS.searchIndex),
    readAsset(ASSET_PATHS.searchLexicon),
    readAsset(ASSET_PATHS.phrases),
  ]);
  return {
    catalogue,
    searcher: searcherFromBuilt(index, lexicon, manifest.inputsHash),
    phrases: JSON.parse(new TextDecoder().decode(phrases)) as BuiltPhrases,
  };
}
