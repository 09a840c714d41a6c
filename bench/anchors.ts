import { create, insertMultiple, load, search as oramaSearch, save } from "@orama/orama";
import MiniSearch from "minisearch";
import type { SearchDocument } from "../src/search/build.ts";
import { nameKey } from "../src/text.ts";

/**
 * Two well-kept JavaScript search engines indexing the same documents, as anchors for our own figures. Each gets
 * the best multilingual set-up we know for it: words cut by `Intl.Segmenter` (ICU dictionaries segment Chinese and
 * Japanese; Vietnamese syllables and Korean words are space-separated), folded case and diacritics (đ → d), field
 * boosts in the proportions our index uses, the documents field cut as ours is, fuzzy and prefix matching.
 */

export interface Anchor {
  name: string;
  /** Builds from documents; returns the serialized size in bytes. */
  build(docs: SearchDocument[]): Promise<number>;
  /** Loads the serialized index again (the load time measured). */
  reload(): Promise<void>;
  /** Codes, best first. */
  search(query: string, limit: number): Promise<string[]>;
}

const segmenter = new Intl.Segmenter(undefined, { granularity: "word" });

/** Words of any script: ICU word segmentation, then folded like our own analysis. */
export function segmentWords(text: string): string[] {
  const out: string[] = [];
  for (const s of segmenter.segment(text.normalize("NFKC"))) {
    if (!s.isWordLike) continue;
    const w = nameKey(s.segment);
    if (w !== "") out.push(...w.split(" "));
  }
  return out;
}

const FIELDS = ["name", "alias", "summary", "field", "result", "agency", "documents"] as const;
/** Our field weights (name 10, alias 12, summary 0.5, field 1.5, result 1.2, agency 0.8, documents 0.25) as boosts. */
const BOOST = { name: 10, alias: 12, summary: 0.5, field: 1.5, result: 1.2, agency: 0.8, documents: 0.25 };

function flat(d: SearchDocument) {
  return {
    id: d.code,
    name: d.fields.name.join(" \n "),
    alias: d.fields.alias.join(" \n "),
    summary: d.fields.summary.join(" \n "),
    field: d.fields.field.join(" \n "),
    result: d.fields.result.join(" \n "),
    agency: d.fields.agency.join(" \n "),
    documents: d.fields.documents.join(" \n ").slice(0, 600),
  };
}

export function miniSearchAnchor(): Anchor {
  const options = {
    fields: [...FIELDS],
    storeFields: [],
    tokenize: (text: string) => segmentWords(text),
    processTerm: (term: string) => term,
    searchOptions: { boost: BOOST, prefix: true, fuzzy: 0.2, combineWith: "OR" as const },
  };
  let index = new MiniSearch(options);
  let json = "";
  return {
    name: "MiniSearch 7 (Intl.Segmenter, folded, boosts, prefix+fuzzy)",
    async build(docs) {
      index = new MiniSearch(options);
      index.addAll(docs.map(flat));
      json = JSON.stringify(index);
      return Buffer.byteLength(json);
    },
    async reload() {
      index = MiniSearch.loadJSON(json, options);
    },
    async search(query, limit) {
      return index
        .search(query)
        .slice(0, limit)
        .map((r) => String(r.id));
    },
  };
}

/**
 * Orama's full-text search always matches terms as prefixes (`exact: true` is not a switch for that: it re-checks
 * the raw text case-sensitively, which folded diacritics never pass), and with `tolerance: 1` a two-letter syllable
 * or a CJK pair is within one edit of most of the vocabulary: the set-up measured at first (prefix + tolerance 1)
 * answered 22/35 hit@1/hit@3 and took seconds per query. Each token gets an end mark, so a prefix of "dang\u0001"
 * is only "dang\u0001", and typos are left to the query (tolerance 0).
 */
const END = "\u0001";

export function oramaAnchor(): Anchor {
  const schema = Object.fromEntries(FIELDS.map((f) => [f, "string"])) as Record<
    (typeof FIELDS)[number],
    "string"
  >;
  const tokenizer = {
    language: "vietnamese-folded",
    normalizationCache: new Map<string, string>(),
    tokenize: (raw: string) => segmentWords(raw).map((w) => `${w}${END}`),
  };
  const make = () => create({ schema: { code: "string", ...schema }, components: { tokenizer } });
  let db = make();
  let raw = "";
  return {
    name: "Orama 3 (Intl.Segmenter tokenizer, folded, boosts, whole tokens, tolerance 0)",
    async build(docs) {
      db = make();
      await insertMultiple(
        db,
        docs.map((d) => {
          const { id, ...rest } = flat(d);
          return { code: id, ...rest };
        }),
      );
      raw = JSON.stringify(save(db));
      return Buffer.byteLength(raw);
    },
    async reload() {
      db = make();
      load(db, JSON.parse(raw));
    },
    async search(query, limit) {
      const r = await oramaSearch(db, {
        term: query,
        properties: [...FIELDS],
        boost: BOOST,
        tolerance: 0,
        limit,
      });
      return r.hits.map((h) => String((h.document as { code: string }).code));
    },
  };
}
