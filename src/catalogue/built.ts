/**
 * The catalogue as both runtimes load it: the built artefact (src/assets.ts), read through the runtime's
 * ReadAsset port. The build validated and cross-checked everything, so this is a JSON.parse and a few maps;
 * record shards are read on first use and kept in a bounded cache.
 */
import { ASSET_PATHS, overlaysPath, type ReadAsset, shardPath } from "../assets.ts";
import { type BuiltCatalogue, Catalogue, type CatalogueOptions } from "./catalogue.ts";

const decoder = new TextDecoder();

/** The catalogue from the bytes of catalogue/index.json; shards come through `readAsset` when asked for. */
export function catalogueFromBuilt(
  index: Uint8Array,
  readAsset: ReadAsset,
  options: CatalogueOptions = {},
): Catalogue {
  const built = JSON.parse(decoder.decode(index)) as BuiltCatalogue;
  return new Catalogue(
    built,
    {
      validated: true,
      shard: async (n) => decoder.decode(await readAsset(shardPath(n))),
      overlays: async (code) => decoder.decode(await readAsset(overlaysPath(code))),
    },
    options,
  );
}

export async function loadBuiltCatalogue(
  readAsset: ReadAsset,
  options: CatalogueOptions = {},
): Promise<Catalogue> {
  return catalogueFromBuilt(await readAsset(ASSET_PATHS.catalogue), readAsset, options);
}
