export { buildSearchIndex, groupKey, type SearchDocument, type SearchIndexData } from "./build.ts";
export { LanguageDetector } from "./detect.ts";
export { searchDocuments } from "./documents.ts";
export { compileLexicon, type Lexicon, lexiconSchema } from "./lexicon.ts";
export { analyze, foldDiacritics, nameKey, phraseKey, sanitize } from "./normalize.ts";
export {
  DEFAULT_TUNING,
  levelInQuery,
  MAX_QUERY_CHARS,
  Searcher,
  type SearchHit,
  type SearchResult,
  type SearchTuning,
} from "./query.ts";
export { type SearchRow, toSearchRows } from "./rows.ts";
export { deserializeSearchIndex, SearchIndexFormatError, serializeSearchIndex } from "./serialize.ts";
