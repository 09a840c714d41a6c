export {
  Catalogue,
  type CatalogueData,
  CatalogueError,
  normalizeCode,
  type Procedure,
  parseCatalogueFile,
  type RecordSource,
} from "./catalogue.ts";
export {
  applicableDiscounts,
  type FeeContext,
  type FeeLine,
  type FeeView,
  type Money,
  resolveFees,
  todayInVietnam,
} from "./fees.ts";
export * from "./schema.ts";
