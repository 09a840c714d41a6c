import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import type { Catalogue } from "../catalogue/index.ts";
import { CatalogueError, parseCatalogueFile } from "../catalogue/index.ts";
import { buildSearchIndex } from "../search/build.ts";
import { searchDocuments } from "../search/documents.ts";
import { initialismCounts } from "../search/initialisms.ts";
import {
  compileLexicon,
  glossarySchema,
  type Lexicon,
  lexiconSchema,
  stopwordsSchema,
  withGlossary,
} from "../search/lexicon.ts";
import { Searcher } from "../search/query.ts";
import { deserializeSearchIndex, serializeSearchIndex } from "../search/serialize.ts";
import { DEFAULT_DATA_DIR } from "./catalogue.ts";

export const SEARCH_INDEX_FILE = "search/index.bin";
export const LEXICON_FILE = "search/lexicon.json";
export const STOPWORDS_FILE = "search/stopwords.json";
export const GLOSSARY_FILE = "search/glossary.json";
/** Investor vocabulary in en, zh, ko and ja (issue 19), in the glossary's shape. */
export const INVESTOR_GLOSSARY_FILE = "search/investor-glossary.json";

function readJsonFile(dataDir: string, name: string): unknown {
  try {
    return JSON.parse(readFileSync(join(dataDir, name), "utf8"));
  } catch (error) {
    throw new CatalogueError(
      `${name}: not valid JSON (${error instanceof Error ? error.message : String(error)})`,
    );
  }
}

/** The lexicon (data/search/lexicon.json) with the glossaries (glossary.json, investor-glossary.json) merged in. */
export function readLexicon(dataDir = DEFAULT_DATA_DIR): Lexicon {
  const lexicon: Lexicon = existsSync(join(dataDir, LEXICON_FILE))
    ? parseCatalogueFile(lexiconSchema, readJsonFile(dataDir, LEXICON_FILE), LEXICON_FILE)
    : { expansions: [], lifeEvents: [] };
  let merged = lexicon;
  for (const name of [GLOSSARY_FILE, INVESTOR_GLOSSARY_FILE]) {
    if (!existsSync(join(dataDir, name))) continue;
    merged = withGlossary(merged, parseCatalogueFile(glossarySchema, readJsonFile(dataDir, name), name));
  }
  return merged;
}

export function readStopwords(dataDir = DEFAULT_DATA_DIR): string[] {
  if (!existsSync(join(dataDir, STOPWORDS_FILE))) return [];
  return parseCatalogueFile(stopwordsSchema, readJsonFile(dataDir, STOPWORDS_FILE), STOPWORDS_FILE).words;
}

/** Builds the index from the catalogue and writes it next to the data (run by `cli build-index` and `cli import`). */
export async function buildSearchIndexFile(
  catalogue: Catalogue,
  dataDir = DEFAULT_DATA_DIR,
): Promise<{
  bytes: number;
  terms: number;
  optionsHash: string;
  initialisms: { distinct: number; colliding: number };
}> {
  const data = buildSearchIndex(await searchDocuments(catalogue));
  const bytes = serializeSearchIndex(data);
  const file = join(dataDir, SEARCH_INDEX_FILE);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, bytes);
  return {
    bytes: bytes.byteLength,
    terms: data.terms.length,
    optionsHash: data.optionsHash,
    initialisms: initialismCounts(data.initialisms),
  };
}

export function loadSearcher(dataDir = DEFAULT_DATA_DIR): Searcher {
  const file = join(dataDir, SEARCH_INDEX_FILE);
  if (!existsSync(file))
    throw new CatalogueError(`${SEARCH_INDEX_FILE}: missing; run npm run -s cli -- build-index`);
  const buf = readFileSync(file);
  return new Searcher(
    deserializeSearchIndex(new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength)),
    compileLexicon(readLexicon(dataDir), readStopwords(dataDir)),
  );
}
