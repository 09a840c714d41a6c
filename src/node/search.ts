/** The Node loader of the search engine: the built index and lexicon (npm run build) read from disk. */
import { ASSET_PATHS } from "../assets.ts";
import { searcherFromBuilt } from "../search/built.ts";
import type { Searcher } from "../search/query.ts";
import { DEFAULT_ASSETS_DIR, readAssetSync } from "./assets.ts";
import { freshManifest } from "./catalogue.ts";

export {
  GLOSSARY_FILE,
  INVESTOR_GLOSSARY_FILE,
  LEXICON_FILE,
  readLexicon,
  readStopwordLists,
  readStopwords,
  STOPWORDS_FILE,
} from "./lexicon.ts";

/** The searcher over the built index (npm run build), refused when it comes from another build. */
export function loadSearcher(assetsDir = DEFAULT_ASSETS_DIR): Searcher {
  const manifest = freshManifest(assetsDir);
  return searcherFromBuilt(
    readAssetSync(assetsDir, ASSET_PATHS.searchIndex),
    readAssetSync(assetsDir, ASSET_PATHS.searchLexicon),
    manifest.inputsHash,
  );
}
