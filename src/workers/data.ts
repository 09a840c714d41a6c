/**
 * The catalogue and the search index of a Worker, built from its static assets (src/workers/build-assets.ts makes
 * them): the catalogue file was validated at build time, so start-up parses JSON and maps the index bytes; record
 * shards are fetched and inflated the first time a procedure of theirs is shown.
 */
import { Catalogue, type CatalogueData } from "../catalogue/index.ts";
import { compileLexicon, deserializeSearchIndex, type Lexicon, Searcher } from "../search/index.ts";
import type { AssetReader } from "./assets.ts";

/**
 * catalogue.json in the assets: CatalogueData as built on Node (every field, so what the Node catalogue reads the
 * Worker reads too), its name maps as entry lists, plus the search lexicon.
 */
export type WorkerCatalogueFile = Omit<CatalogueData, "machineNames"> & {
  machineNames: Record<keyof CatalogueData["machineNames"], [code: string, name: string][]>;
  lexicon: Lexicon;
  stopwords: string[];
};

/** Parsed record shards an isolate keeps (of 29). */
export const KEEP_SHARDS = 6;

export const shardPath = (n: number) => `records/${String(n).padStart(2, "0")}.jsonl.gz`;

export async function loadWorkerData(
  assets: AssetReader,
): Promise<{ catalogue: Catalogue; searcher: Searcher }> {
  const [catalogueText, index] = await Promise.all([
    assets.text("catalogue.json", false),
    assets.read("search/index.bin", false),
  ]);
  const { lexicon, stopwords, machineNames, ...rest } = JSON.parse(catalogueText) as WorkerCatalogueFile;
  const catalogue = new Catalogue(
    {
      ...rest,
      machineNames: {
        en: new Map(machineNames.en),
        zh: new Map(machineNames.zh),
        ko: new Map(machineNames.ko),
        ja: new Map(machineNames.ja),
      },
    },
    // A parsed shard takes about 3 MB of heap: a few stay, the gzipped bytes of more stay in the asset cache.
    { shard: (n) => assets.gunzipText(shardPath(n)), keepShards: KEEP_SHARDS },
  );
  const searcher = new Searcher(deserializeSearchIndex(index), compileLexicon(lexicon, stopwords));
  return { catalogue, searcher };
}
