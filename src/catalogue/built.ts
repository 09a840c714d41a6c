/**
 * The catalogue as both runtimes load it: the built artefacts (src/assets.ts), read through the runtime's ReadAsset
 * port. The build validated and cross-checked everything, so loading maps bytes and parses only what is asked for:
 *   catalogue/index.json     the entries in a compact form (no names), fees, discounts, the catalogue's
 *                            vocabulary: parsed at start (about a sixth of the whole catalogue's JSON)
 *   catalogue/names.jsonl    each entry's names in five languages, one JSON line per entry in entry order: kept as
 *                            bytes, a line parsed when that entry's names are first read
 *   catalogue/curated/<code>.json   a curated record, read with its procedure (like record shards and overlays)
 *   catalogue/records/NNN.jsonl, catalogue/terms/NNN.jsonl   a record's line and its term translations' line, read
 *                            on their own: each entry carries the byte length of both lines, so where a line starts in
 *                            its shard file is the sum of the lines before it
 * So a search-and-answer parses the entries it shows, not the whole catalogue, and reads the records it shows, not
 * their shards.
 */
import {
  ASSET_PATHS,
  curatedPath,
  overlaysPath,
  type ReadAsset,
  type ReadAssetRange,
  rangesOfWholeFiles,
  shardPath,
  termsPath,
} from "../assets.ts";
import {
  type BuiltCatalogue,
  Catalogue,
  CatalogueError,
  type CatalogueOptions,
  type Vocabulary,
} from "./catalogue.ts";
import type { IndexEntry } from "./schema.ts";

const decoder = new TextDecoder();
const NEWLINE = 10;

type Names = IndexEntry["names"];

/**
 * One entry of catalogue/index.json: [code, field (index into fields), level, weight, curated, shard, oldCodes,
 * machineTranslated, bytes of its record line, bytes of its term line (0: none)], without the newlines.
 */
type CompactEntry = [
  string,
  number,
  IndexEntry["level"],
  IndexEntry["weight"],
  0 | 1,
  number,
  string[],
  IndexEntry["machineTranslated"],
  number,
  number,
];

/** The byte length of each entry's record line and term line, in entry order (the build knows them). */
export interface LineBytes {
  record: number[];
  terms: number[];
}

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
export function builtCatalogueFiles(
  built: BuiltCatalogue & { vocabulary: Vocabulary },
  lineBytes: LineBytes,
): Map<string, string> {
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
      (e, i): CompactEntry => [
        e.code,
        fieldOf(e.field),
        e.level,
        e.weight,
        e.curated ? 1 : 0,
        e.shard,
        e.oldCodes,
        e.machineTranslated,
        lineBytes.record[i] as number,
        lineBytes.terms[i] as number,
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
  // Indexes, not array destructuring: start-up runs this cold, where destructuring walks an iterator per entry.
  return {
    code: c[0],
    get names(): Names {
      const value = names.at(position);
      Object.defineProperty(this, "names", { value, enumerable: true, writable: false, configurable: false });
      return value;
    },
    machineTranslated: c[7],
    field,
    level: c[2],
    weight: c[3],
    curated: c[4] === 1,
    oldCodes: c[6],
    shard: c[5],
  };
}

/** How a built catalogue reads its record lines. */
export interface BuiltCatalogueOptions extends CatalogueOptions {
  /** Reads part of a file (Node: just the line's bytes). Without it, shard files are kept whole as bytes. */
  readRange?: ReadAssetRange;
  /** Without `readRange`: the bytes of shard files kept (default 8 MiB, about twelve record and term shards). */
  fileCacheBytes?: number;
}

export const DEFAULT_FILE_CACHE_BYTES = 8 * 1024 * 1024;

/** The catalogue from the bytes of catalogue/index.json and catalogue/names.jsonl; the rest through `readAsset`. */
export function catalogueFromBuilt(
  index: Uint8Array,
  names: Uint8Array,
  readAsset: ReadAsset,
  options: BuiltCatalogueOptions = {},
): Catalogue {
  const compact = JSON.parse(decoder.decode(index)) as CompactCatalogue;
  const lines = new NameLines(names, compact.entries.length);
  const entries = compact.entries.map((c, i) => lazyEntry(c, compact.fields[c[1]] ?? null, lines, i));
  // Where each entry's lines start in their shard files: entries are written in order, each line ends with "\n".
  const position = new Map<string, number>();
  const recordStart = new Uint32Array(compact.entries.length);
  const termsStart = new Uint32Array(compact.entries.length);
  const recordAt = new Map<number, number>();
  const termsAt = new Map<number, number>();
  for (let i = 0; i < compact.entries.length; i++) {
    const c = compact.entries[i] as CompactEntry;
    const shard = c[5];
    const record = recordAt.get(shard) ?? 0;
    const terms = termsAt.get(shard) ?? 0;
    position.set(c[0], i);
    recordStart[i] = record;
    termsStart[i] = terms;
    recordAt.set(shard, record + c[8] + 1);
    termsAt.set(shard, c[9] > 0 ? terms + c[9] + 1 : terms);
  }
  const readRange =
    options.readRange ?? rangesOfWholeFiles(readAsset, options.fileCacheBytes ?? DEFAULT_FILE_CACHE_BYTES);
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
      lines: async (code) => {
        const i = position.get(code);
        const c = i === undefined ? undefined : compact.entries[i];
        if (i === undefined || !c) throw new Error(`${code}: not in ${ASSET_PATHS.catalogue}`);
        const [shard, recordBytes, termBytes] = [c[5], c[8], c[9]];
        const [record, terms] = await Promise.all([
          readRange(shardPath(shard), recordStart[i] as number, (recordStart[i] as number) + recordBytes),
          termBytes > 0
            ? readRange(termsPath(shard), termsStart[i] as number, (termsStart[i] as number) + termBytes)
            : new Uint8Array(0),
        ]);
        const lines = { record: decoder.decode(record), terms: decoder.decode(terms) };
        // Both lines start with their code (the build writes it first): anything else means the files are not
        // the ones this index was built with (dist/assets rebuilt under a running server), not a broken record.
        const head = `{"code":${JSON.stringify(code)}`;
        if (!lines.record.startsWith(head) || (termBytes > 0 && !lines.terms.startsWith(head)))
          throw new CatalogueError(
            `${shardPath(shard)}: the line of ${code} is not where ${ASSET_PATHS.catalogue} says; the assets changed since they were loaded (restart after npm run build)`,
          );
        return lines;
      },
      overlays: async (code) => decoder.decode(await readAsset(overlaysPath(code))),
      curated: async (code) => decoder.decode(await readAsset(curatedPath(code))),
      terms: async (n) => decoder.decode(await readAsset(termsPath(n))),
    },
    options,
  );
}

export async function loadBuiltCatalogue(
  readAsset: ReadAsset,
  options: BuiltCatalogueOptions = {},
): Promise<Catalogue> {
  const [index, names] = await Promise.all([
    readAsset(ASSET_PATHS.catalogue),
    readAsset(ASSET_PATHS.catalogueNames),
  ]);
  return catalogueFromBuilt(index, names, readAsset, options);
}
