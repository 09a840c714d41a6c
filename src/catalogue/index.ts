export { builtCatalogueFiles, catalogueFromBuilt, loadBuiltCatalogue } from "./built.ts";
export {
  type BuiltCatalogue,
  Catalogue,
  type CatalogueData,
  CatalogueError,
  type CatalogueOptions,
  normalizeCode,
  type Procedure,
  parseCatalogueFile,
  type RecordSource,
} from "./catalogue.ts";
export {
  type AppliedDiscount,
  applicableDiscounts,
  type ChannelAmount,
  type FeeContext,
  type FeeLine,
  type FeeView,
  type Money,
  resolveFees,
  todayInVietnam,
} from "./fees.ts";
export * from "./schema.ts";
export {
  COVERAGE_KINDS,
  channelTerm,
  formatTermCoverage,
  parseTermFile,
  recordTerms,
  TERM_KINDS,
  TERM_LANGUAGES,
  TermBase,
  type TermEntry,
  type TermFile,
  type TermKind,
  type TermLanguage,
  type TermTranslation,
  termBase,
  termCoverage,
  termKey,
  translateTerm,
} from "./terms.ts";
