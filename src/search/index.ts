export { buildSearchIndex, groupKey, type SearchDocument, type SearchIndexData } from "./build.ts";
export { LanguageDetector } from "./detect.ts";
export { compileLexicon, type Lexicon, lexiconSchema } from "./lexicon.ts";
export { analyze, foldDiacritics, nameKey, sanitize } from "./normalize.ts";
export { levelInQuery, MAX_QUERY_CHARS, Searcher, type SearchHit, type SearchResult } from "./query.ts";
export { type SearchRow, toSearchRows } from "./rows.ts";
export { deserializeSearchIndex, SearchIndexFormatError, serializeSearchIndex } from "./serialize.ts";
