/**
 * The catalogue as both runtimes load it: the built artefacts (src/assets.ts), read through the runtime's ReadAsset
 * port. The build validated and cross-checked everything, so loading maps bytes and parses only what is asked for:
 *   catalogue/index.json     the entries in a compact form (no names), fees, discounts, the catalogue's
 *                            vocabulary: parsed at start (about a sixth of the whole catalogue's JSON)
 *   catalogue/names.jsonl    each entry's names in five languages, one JSON line per entry in entry order: kept as
 *                            bytes, a line parsed when that entry's names are first read
 *   catalogue/curated/<code>.json   a curated record, read with its procedure (like record shards and overlays)
 * So a search-and-answer parses the entries it shows, not the whole catalogue.
 */
import { ASSET_PATHS, curatedPath, overlaysPath, type ReadAsset, shardPath, termsPath } from "../assets.ts";
import { type BuiltCatalogue, Catalogue, type CatalogueOptions, type Vocabulary } from "./catalogue.ts";
import type { IndexEntry } from "./schema.ts";

const decoder = new TextDecoder();
const NEWLINE = 10;

type Names = IndexEntry["names"];

/** One entry of catalogue/index.json: [code, field (index into fields), level, weight, curated, shard, oldCodes, machineTranslated]. */
type CompactEntry = [
  string,
  number,
  IndexEntry["level"],
  IndexEntry["weight"],
  0 | 1,
  number,
  string[],
  IndexEntry["machineTranslated"],
];

/** catalogue/index.json. */
interface CompactCatalogue {
  /** Distinct fields (lĩnh vực), referred to by position: most procedures share one of a few hundred. */
  fields: (string | null)[];
  entries: CompactEntry[];
  fees: BuiltCatalogue["fees"];
  discounts: BuiltCatalogue["discounts"];
  investorCodes: string[];
  vocabulary: Vocabulary;
}

/** The files of a built catalogue (path → text), from the catalogue the build validated. */
export function builtCatalogueFiles(built: BuiltCatalogue & { vocabulary: Vocabulary }): Map<string, string> {
  const fields: (string | null)[] = [];
  const fieldIndex = new Map<string | null, number>();
  const fieldOf = (field: string | null) => {
    let i = fieldIndex.get(field);
    if (i === undefined) {
      i = fields.push(field) - 1;
      fieldIndex.set(field, i);
    }
    return i;
  };
  const index: CompactCatalogue = {
    fields,
    entries: built.entries.map(
      (e): CompactEntry => [
        e.code,
        fieldOf(e.field),
        e.level,
        e.weight,
        e.curated ? 1 : 0,
        e.shard,
        e.oldCodes,
        e.machineTranslated,
      ],
    ),
    fees: built.fees,
    discounts: built.discounts,
    investorCodes: built.investorCodes,
    vocabulary: built.vocabulary,
  };
  return new Map([
    [ASSET_PATHS.catalogue, JSON.stringify(index)],
    // A line never holds a raw newline: JSON.stringify escapes it inside strings.
    [ASSET_PATHS.catalogueNames, `${built.entries.map((e) => JSON.stringify(e.names)).join("\n")}\n`],
    ...built.curated.map((c): [string, string] => [curatedPath(c.code), JSON.stringify(c)]),
  ]);
}

/** Names by entry position, parsed from their line on first use and kept (one small object per entry). */
class NameLines {
  private readonly starts: Uint32Array;

  constructor(
    private readonly bytes: Uint8Array,
    count: number,
  ) {
    this.starts = new Uint32Array(count + 1);
    let at = 0;
    for (let i = 0; i < count; i++) {
      this.starts[i] = at;
      const end = bytes.indexOf(NEWLINE, at);
      if (end < 0) throw new Error(`${ASSET_PATHS.catalogueNames}: ${i} lines, the index has ${count}`);
      at = end + 1;
    }
    this.starts[count] = at;
  }

  at(i: number): Names {
    return JSON.parse(
      decoder.decode(this.bytes.subarray(this.starts[i], (this.starts[i + 1] as number) - 1)),
    ) as Names;
  }
}

/** An entry whose names are read from their line the first time they are asked for, then kept as plain data. */
function lazyEntry(c: CompactEntry, field: string | null, names: NameLines, position: number): IndexEntry {
  const [code, , level, weight, curated, shard, oldCodes, machineTranslated] = c;
  return {
    code,
    get names(): Names {
      const value = names.at(position);
      Object.defineProperty(this, "names", { value, enumerable: true, writable: false, configurable: false });
      return value;
    },
    machineTranslated,
    field,
    level,
    weight,
    curated: curated === 1,
    oldCodes,
    shard,
  };
}

/** The catalogue from the bytes of catalogue/index.json and catalogue/names.jsonl; the rest through `readAsset`. */
export function catalogueFromBuilt(
  index: Uint8Array,
  names: Uint8Array,
  readAsset: ReadAsset,
  options: CatalogueOptions = {},
): Catalogue {
  const compact = JSON.parse(decoder.decode(index)) as CompactCatalogue;
  const lines = new NameLines(names, compact.entries.length);
  const entries = compact.entries.map((c, i) => lazyEntry(c, compact.fields[c[1]] ?? null, lines, i));
  return new Catalogue(
    {
      entries,
      curated: [],
      fees: compact.fees,
      discounts: compact.discounts,
      investorCodes: compact.investorCodes,
      vocabulary: compact.vocabulary,
    },
    {
      validated: true,
      shard: async (n) => decoder.decode(await readAsset(shardPath(n))),
      overlays: async (code) => decoder.decode(await readAsset(overlaysPath(code))),
      curated: async (code) => decoder.decode(await readAsset(curatedPath(code))),
      terms: async (n) => decoder.decode(await readAsset(termsPath(n))),
    },
    options,
  );
}

export async function loadBuiltCatalogue(
  readAsset: ReadAsset,
  options: CatalogueOptions = {},
): Promise<Catalogue> {
  const [index, names] = await Promise.all([
    readAsset(ASSET_PATHS.catalogue),
    readAsset(ASSET_PATHS.catalogueNames),
  ]);
  return catalogueFromBuilt(index, names, readAsset, options);
}
