/**
 * Build artefacts both runtimes read (docs/ARCHITECTURE.md, "Build artefacts"). `npm run build` (src/node/build.ts)
 * turns data/ into these files under dist/assets/; the Node wing reads them from disk, the Workers wing serves the
 * same folder as static assets and reads them through the ASSETS binding. Everything in them was validated when it
 * was built, so loading is JSON.parse and typed-array views, never a schema pass.
 */
import { LRUCache } from "lru-cache";
import * as z from "zod";
import { lazySchema } from "./lazy-schema.ts";

/** The one way a runtime reads an artefact: a path relative to the assets folder (e.g. "search/index.bin"). */
export type ReadAsset = (path: string) => Promise<Uint8Array>;

/** Bytes [start, end) of an artefact: a record's line of a shard file (Node reads just those bytes). */
export type ReadAssetRange = (path: string, start: number, end: number) => Promise<Uint8Array>;

/**
 * Ranges cut from whole files kept as bytes, the least recently used file first out once `maxBytes` are held:
 * for a runtime that cannot read part of a file (a Worker's ASSETS binding answers a Range request with the whole
 * file). Bytes, not decoded text: only the range asked for becomes a string.
 */
export function rangesOfWholeFiles(readAsset: ReadAsset, maxBytes: number): ReadAssetRange {
  const files = new LRUCache<string, Uint8Array>({
    maxSize: maxBytes,
    sizeCalculation: (bytes) => Math.max(1, bytes.byteLength),
    // A file larger than the whole bound is read for each range rather than kept.
    maxEntrySize: maxBytes,
    fetchMethod: (path) => readAsset(path),
  });
  return async (path, start, end) => {
    const bytes = (await files.fetch(path)) ?? (await readAsset(path));
    if (end > bytes.byteLength)
      throw new AssetError(`${path}: bytes ${start}–${end} asked for, the file has ${bytes.byteLength}`);
    return bytes.subarray(start, end);
  };
}

/** Bump when the layout or the meaning of a file changes: an older dist/ is then rebuilt, never misread. */
export const ASSET_FORMAT = 5;

export const ASSET_PATHS = {
  manifest: "manifest.json",
  /**
   * Catalogue entries in a compact form (code, field, level, shard…, no names), fees, discounts and the
   * catalogue's vocabulary: what start-up parses (src/catalogue/built.ts).
   */
  catalogue: "catalogue/index.json",
  /** Each entry's names in five languages, one JSON line per entry in entry order, parsed line by line on use. */
  catalogueNames: "catalogue/names.jsonl",
  /** Search index (serialize.ts), its header carrying the inputs hash and the options hash. */
  searchIndex: "search/index.bin",
  /** Lexicon with the glossary merged in, and the stopwords. */
  searchLexicon: "search/lexicon.json",
  /**
   * The understanding step's phrase index (src/conversation/understand.ts, BuiltPhrases): data/conversation's
   * phrases split, folded and bucketed, so start-up only fills its maps.
   */
  phrases: "conversation/phrases.json",
} as const;

/** Full national records, RECORDS_PER_SHARD per file, one JSON record per line: fetched on first use. */
export const RECORDS_PER_SHARD = 50;
export const shardPath = (n: number) => `catalogue/records/${String(n).padStart(3, "0")}.jsonl`;
/**
 * The term translations of shard n's records (src/catalogue/terms.ts, RecordTermTranslations), one line per record in
 * the shard's order, read with the shard: a card's terms come with its record, so no runtime loads the term base.
 */
export const termsPath = (n: number) => `catalogue/terms/${String(n).padStart(3, "0")}.jsonl`;
/** A procedure's investor translation overlays by language (data/investor/), read when its card is built. */
export const overlaysPath = (code: string) => `catalogue/investor/${code}.json`;
/** A curated record (the reviewed layer of one procedure), read when its procedure is shown. */
export const curatedPath = (code: string) => `catalogue/curated/${code}.json`;

export const assetManifestSchema = lazySchema(() =>
  z.object({
    format: z.literal(ASSET_FORMAT),
    /** Hash of every input file (data/ and the code that shapes the artefacts) and of the engine options. */
    inputsHash: z.string().min(1),
    /** The input files (relative to the repository root), in the order they were hashed. */
    inputs: z.array(z.string()),
    optionsHash: z.string().min(1),
    procedures: z.number().int().nonnegative(),
    shards: z.number().int().nonnegative(),
    /** Every file of the build with its size and SHA-256, so a deployment can be checked file by file. */
    files: z.record(z.string(), z.object({ bytes: z.number().int().nonnegative(), sha256: z.string() })),
  }),
);
export type AssetManifest = z.infer<typeof assetManifestSchema>;

export class AssetError extends Error {
  override name = "AssetError";
}

/**
 * What a runtime needs of the manifest at start: its format and inputs hash (the search index must carry the same).
 * The whole manifest lists every file with its hash (about 170 kB); running its schema took a tenth of a fresh
 * Worker's first request, so start-up checks only these two fields, by hand: building even the picked schema made
 * the first request build the whole manifest schema.
 */
export async function readManifestHead(
  readAsset: ReadAsset,
): Promise<Pick<AssetManifest, "format" | "inputsHash">> {
  const bytes = await readAsset(ASSET_PATHS.manifest);
  const { format, inputsHash } = JSON.parse(new TextDecoder().decode(bytes)) as Record<string, unknown>;
  if (format !== ASSET_FORMAT || typeof inputsHash !== "string" || inputsHash === "")
    throw new AssetError(
      `${ASSET_PATHS.manifest}: not a manifest of format ${ASSET_FORMAT}; run npm run build`,
    );
  return { format, inputsHash };
}

export async function readManifest(readAsset: ReadAsset): Promise<AssetManifest> {
  const bytes = await readAsset(ASSET_PATHS.manifest);
  const parsed = assetManifestSchema.safeParse(JSON.parse(new TextDecoder().decode(bytes)));
  if (!parsed.success)
    throw new AssetError(
      `${ASSET_PATHS.manifest}: not a manifest of format ${ASSET_FORMAT}; run npm run build`,
    );
  return parsed.data;
}
