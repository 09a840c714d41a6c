export { buildSearchIndex, groupKey, type SearchDocument, type SearchIndexData } from "./build.ts";
export { loadBuiltSearcher, searcherFromBuilt } from "./built.ts";
export {
  EXTRA_EN as QUESTION_WORDS_EN,
  EXTRA_VI as QUESTION_WORDS_VI,
  JAPANESE_ONLY_HAN,
  JAPANESE_WORDS,
  LanguageDetector,
} from "./detect.ts";
export { searchDocuments } from "./documents.ts";
export {
  deriveInitialisms,
  type InitialismEntry,
  initialismCounts,
  isSyllable,
  splitGlued,
} from "./initialisms.ts";
export { type BuiltLexicon, compileLexicon, type Lexicon, lexiconSchema } from "./lexicon.ts";
export { analyze, foldDiacritics, nameKey, phraseKey, sanitize } from "./normalize.ts";
export { DEFAULT_OPTIONS, type EngineOptions, optionsHash } from "./options.ts";
export { CITIZEN_LEVEL_ORDER, levelInQuery, orderVariants } from "./policy.ts";
export {
  DEFAULT_TUNING,
  MAX_QUERY_CHARS,
  Searcher,
  type SearchHit,
  type SearchResult,
  type SearchTuning,
} from "./query.ts";
export { type QueryTerm, Ranker } from "./rank.ts";
export { type SearchRow, toSearchRows } from "./rows.ts";
export { deserializeSearchIndex, SearchIndexFormatError, serializeSearchIndex } from "./serialize.ts";
