/**
 * The Node side of the build artefacts (src/assets.ts): where they are, reading them from disk (the ReadAsset
 * port), and whether they are fresh: the manifest's inputs hash against the data and code of this checkout.
 */
import { createHash } from "node:crypto";
import { closeSync, existsSync, openSync, readdirSync, readFileSync, readSync, statSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import {
  ASSET_FORMAT,
  ASSET_PATHS,
  AssetError,
  type AssetManifest,
  assetManifestSchema,
  type ReadAsset,
  type ReadAssetRange,
} from "../assets.ts";
import { DEFAULT_OPTIONS, optionsHash } from "../search/options.ts";

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");
export const DEFAULT_ASSETS_DIR = join(REPO_ROOT, "dist/assets");

/** The data the artefacts are made of (relative to the repository root). */
const DATA_INPUTS = [
  "data/conversation",
  "data/national",
  "data/curated",
  "data/investor",
  "data/rules/discounts.json",
  "data/rules/holidays.json",
  "data/search",
  "data/terms",
];
/** The code that shapes them: this file and every source file it imports, followed through relative imports. */
const CODE_ENTRY = "src/node/build.ts";

function filesUnder(root: string, path: string): string[] {
  const full = join(root, path);
  if (!existsSync(full)) return [];
  if (!statSync(full).isDirectory()) return [path];
  return readdirSync(full)
    .sort()
    .flatMap((name) => filesUnder(root, `${path}/${name}`));
}

function codeClosure(root: string, entry: string): string[] {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const text = readFileSync(join(root, file), "utf8");
    // Value imports and re-exports only: a type cannot change what the build writes.
    for (const match of text.matchAll(
      /^(?:import|export)\s+(?!type\s)[^;]*?from\s+"(\.{1,2}\/[^"]+\.ts)"/gm,
    )) {
      visit(relative(root, resolve(dirname(join(root, file)), match[1] as string)));
    }
  };
  visit(entry);
  return [...seen].sort();
}

/** Every file the build reads, data and code, in a stable order. */
export function buildInputs(root = REPO_ROOT): string[] {
  // A stray generated file (an old data/search/index.bin) is an output, never an input.
  const data = DATA_INPUTS.flatMap((p) => filesUnder(root, p)).filter((f) => !f.endsWith(".bin"));
  return [...data, ...codeClosure(root, CODE_ENTRY)];
}

/** SHA-256 over the inputs' paths and contents, the asset format and the engine options' hash. */
export function inputsHash(root = REPO_ROOT, files = buildInputs(root)): string {
  const hash = createHash("sha256");
  hash.update(`format ${ASSET_FORMAT}\noptions ${optionsHash(DEFAULT_OPTIONS)}\n`);
  for (const file of files) {
    hash.update(`${file}\0`);
    hash.update(readFileSync(join(root, file)));
    hash.update("\n");
  }
  return hash.digest("hex").slice(0, 32);
}

export function readBuiltManifest(assetsDir = DEFAULT_ASSETS_DIR): AssetManifest | null {
  const file = join(assetsDir, ASSET_PATHS.manifest);
  if (!existsSync(file)) return null;
  const parsed = assetManifestSchema.safeParse(JSON.parse(readFileSync(file, "utf8")));
  return parsed.success ? parsed.data : null;
}

/**
 * Refuses artefacts that are missing or were built from other inputs, with what to do about it. When the input
 * files are the same list and none changed since the manifest was written (a few hundred stats), the hash is
 * not recomputed; otherwise it is (about 11 MB read and hashed), so a touched but unchanged file passes.
 */
export function assertFreshAssets(assetsDir = DEFAULT_ASSETS_DIR, root = REPO_ROOT): AssetManifest {
  const manifest = readBuiltManifest(assetsDir);
  const where = relative(process.cwd(), assetsDir) || assetsDir;
  if (!manifest)
    throw new AssetError(
      `${where}/${ASSET_PATHS.manifest} is missing or from an older build: run npm run build`,
    );
  const files = buildInputs(root);
  const builtAt = statSync(join(assetsDir, ASSET_PATHS.manifest)).mtimeMs;
  if (
    files.length === manifest.inputs.length &&
    files.every((f, i) => f === manifest.inputs[i] && statSync(join(root, f)).mtimeMs <= builtAt)
  )
    return manifest;
  const current = inputsHash(root, files);
  if (manifest.inputsHash !== current)
    throw new AssetError(
      `${where} is stale: built from inputs ${manifest.inputsHash}, but data/ and the index code now hash to ${current}. Run npm run build.`,
    );
  return manifest;
}

/**
 * Run as the bundled entry (dist/node/main.js, built by npm run build): the source and data files changed since
 * it was bundled, so start-up can say the running code is older than the checkout.
 */
export function filesNewerThanBundle(entryFile: string, root = REPO_ROOT): string[] {
  if (relative(root, entryFile) !== join("dist", "node", "main.js")) return [];
  const bundledAt = statSync(entryFile).mtimeMs;
  return ["src", "locales", "data"]
    .flatMap((dir) => filesUnder(root, dir))
    .filter((f) => statSync(join(root, f)).mtimeMs > bundledAt);
}

/** Files under an assets folder, as the runtime-neutral loaders ask for them. */
export function nodeReadAsset(assetsDir = DEFAULT_ASSETS_DIR): ReadAsset {
  return async (path) => {
    const bytes = await readFile(join(assetsDir, path));
    return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  };
}

/**
 * Part of a file under an assets folder: a record's line of a shard (about 11 kB) instead of the shard (about 600
 * kB), so answering a card makes no shard-sized garbage. Read synchronously: from the page cache it takes a few
 * microseconds, less than a round trip through the thread pool.
 */
export function nodeReadAssetRange(assetsDir = DEFAULT_ASSETS_DIR): ReadAssetRange {
  return async (path, start, end) => {
    const bytes = new Uint8Array(end - start);
    const fd = openSync(join(assetsDir, path), "r");
    try {
      let got = 0;
      while (got < bytes.length) {
        const n = readSync(fd, bytes, got, bytes.length - got, start + got);
        if (n === 0) throw new AssetError(`${path}: ends before byte ${end}; run npm run build`);
        got += n;
      }
    } finally {
      closeSync(fd);
    }
    return bytes;
  };
}

/** The same, synchronously: start-up reads the catalogue index and the search index before serving. */
export function readAssetSync(assetsDir: string, path: string): Uint8Array {
  const bytes = readFileSync(join(assetsDir, path));
  return new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}
