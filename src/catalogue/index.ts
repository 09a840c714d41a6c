export {
  Catalogue,
  type CatalogueData,
  CatalogueError,
  type Procedure,
  type RecordSource,
} from "./catalogue.ts";
export { applicableDiscounts, type FeeContext, type FeeView, type Money, resolveFees } from "./fees.ts";
export * from "./schema.ts";
