/** The search lexicon, glossary and stopwords of data/search/, validated (read by the build). */
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { CatalogueError, parseCatalogueFile } from "../catalogue/catalogue.ts";
import {
  glossarySchema,
  type Lexicon,
  lexiconSchema,
  stopwordsSchema,
  withGlossary,
} from "../search/lexicon.ts";
import { DEFAULT_DATA_DIR } from "./catalogue.ts";

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
  return readStopwordLists(dataDir).words;
}

/** Both lists of data/search/stopwords.json: `vi` (Vietnamese, with diacritics) and `words` (the rest). */
export function readStopwordLists(dataDir = DEFAULT_DATA_DIR): { vi: string[]; words: string[] } {
  if (!existsSync(join(dataDir, STOPWORDS_FILE))) return { vi: [], words: [] };
  const file = parseCatalogueFile(stopwordsSchema, readJsonFile(dataDir, STOPWORDS_FILE), STOPWORDS_FILE);
  return { vi: file.vi ?? [], words: file.words };
}
