/**
 * The search engine as both runtimes load it: search/index.bin (typed-array views over the bytes) and
 * search/lexicon.json (lexicon with the glossary merged in, and the stopwords), both validated by the build.
 */
import { ASSET_PATHS, AssetError, type ReadAsset } from "../assets.ts";
import { type BuiltLexicon, compileLexicon, restoreLexicon } from "./lexicon.ts";
import { Searcher } from "./query.ts";
import { deserializeSearchIndex } from "./serialize.ts";

/**
 * A searcher over the built index. `inputsHash`, when given (the manifest's), must be the one in the index
 * header: an index from another build is refused instead of answering from other data.
 */
export function searcherFromBuilt(index: Uint8Array, lexicon: Uint8Array, inputsHash?: string): Searcher {
  const data = deserializeSearchIndex(index);
  if (inputsHash !== undefined && data.inputsHash !== inputsHash)
    throw new AssetError(
      `${ASSET_PATHS.searchIndex} comes from another build (${data.inputsHash ?? "no inputs hash"}, manifest ${inputsHash}); run npm run build`,
    );
  const built = JSON.parse(new TextDecoder().decode(lexicon)) as BuiltLexicon;
  return new Searcher(
    data,
    built.compiled
      ? restoreLexicon(built.compiled)
      : compileLexicon(built.lexicon, built.stopwords, built.stopwordsVi),
  );
}

export async function loadBuiltSearcher(readAsset: ReadAsset, inputsHash?: string): Promise<Searcher> {
  const [index, lexicon] = await Promise.all([
    readAsset(ASSET_PATHS.searchIndex),
    readAsset(ASSET_PATHS.searchLexicon),
  ]);
  return searcherFromBuilt(index, lexicon, inputsHash);
}
