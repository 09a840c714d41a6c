import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { ASSET_PATHS, type AssetManifest } from "../assets.ts";
import { type BuiltCatalogueOptions, catalogueFromBuilt } from "../catalogue/built.ts";
import {
  type Catalogue,
  type CatalogueData,
  CatalogueError,
  catalogueSchemas,
  parseCatalogueFile,
} from "../catalogue/catalogue.ts";
import { procedureCodeSchema } from "../catalogue/schema.ts";
import type { BuiltPhrases } from "../conversation/understand.ts";
import { investorOverlaySchema } from "../investor/overlay.ts";
import {
  assertFreshAssets,
  DEFAULT_ASSETS_DIR,
  nodeReadAsset,
  nodeReadAssetRange,
  readAssetSync,
} from "./assets.ts";

/** The data/ folder of this checkout: what the build (src/node/build.ts) reads and validates. */
export const DEFAULT_DATA_DIR = resolve(dirname(fileURLToPath(import.meta.url)), "../../data");

function readJson(file: string, label: string): unknown {
  try {
    return JSON.parse(readFileSync(file, "utf8"));
  } catch (error) {
    throw new CatalogueError(
      `${label}: not valid JSON (${error instanceof Error ? error.message : String(error)})`,
    );
  }
}

/** Reads `code<TAB>name` lines; a malformed line is an error, not a skipped row. */
export function parseNameTable(text: string, label: string): Map<string, string> {
  const names = new Map<string, string>();
  text.split(/\r?\n/).forEach((line, i) => {
    if (line.trim() === "") return;
    const [code = "", name = "", extra] = line.split("\t");
    if (extra !== undefined || !procedureCodeSchema.safeParse(code.trim()).success || name.trim() === "") {
      throw new CatalogueError(
        `${label} line ${i + 1}: expected "code<TAB>name", got ${JSON.stringify(line.slice(0, 80))}`,
      );
    }
    if (names.has(code.trim())) throw new CatalogueError(`${label} line ${i + 1}: ${code} appears twice`);
    names.set(code.trim(), name.trim());
  });
  return names;
}

const jsonFiles = (dir: string) =>
  existsSync(dir)
    ? readdirSync(dir)
        .filter((f) => f.endsWith(".json"))
        .sort()
    : [];

export function readCatalogueData(dataDir = DEFAULT_DATA_DIR): CatalogueData {
  const national = parseCatalogueFile(
    catalogueSchemas.national,
    readJson(join(dataDir, "national/index.json"), "national/index.json"),
    "national/index.json",
  );
  const curated = jsonFiles(join(dataDir, "curated/procedures")).map((f) => {
    const label = `curated/procedures/${f}`;
    const record = parseCatalogueFile(catalogueSchemas.curated, readJson(join(dataDir, label), label), label);
    if (`${record.code}.json` !== f)
      throw new CatalogueError(`${label}: code ${record.code} does not match the file name`);
    return record;
  });
  const machineNames: CatalogueData["machineNames"] = {
    en: new Map(),
    zh: new Map(),
    ko: new Map(),
    ja: new Map(),
  };
  const namesDir = join(dataDir, "curated/names");
  if (existsSync(namesDir)) {
    for (const f of readdirSync(namesDir).sort()) {
      const lang = /^(en|zh|ko|ja)-.*\.tsv$/.exec(f)?.[1] as keyof CatalogueData["machineNames"] | undefined;
      if (!lang) continue;
      for (const [code, name] of parseNameTable(
        readFileSync(join(namesDir, f), "utf8"),
        `curated/names/${f}`,
      )) {
        machineNames[lang].set(code, name);
      }
    }
  }
  const fees = jsonFiles(join(dataDir, "curated/fees")).map((f) => {
    const label = `curated/fees/${f}`;
    return parseCatalogueFile(catalogueSchemas.fees, readJson(join(dataDir, label), label), label);
  });
  const rulesFile = join(dataDir, "rules/discounts.json");
  const discounts = existsSync(rulesFile)
    ? parseCatalogueFile(
        catalogueSchemas.discounts,
        readJson(rulesFile, "rules/discounts.json"),
        "rules/discounts.json",
      )
    : [];
  return { national, curated, machineNames, fees, discounts, investor: readInvestorOverlays(dataDir) };
}

/** data/investor/<lang>/<code>.json: each validated, its code and language matching its path. */
export function readInvestorOverlays(dataDir = DEFAULT_DATA_DIR) {
  return (["en", "zh", "ko", "ja"] as const).flatMap((lang) =>
    jsonFiles(join(dataDir, "investor", lang)).map((f) => {
      const label = `investor/${lang}/${f}`;
      const overlay = parseCatalogueFile(investorOverlaySchema, readJson(join(dataDir, label), label), label);
      if (`${overlay.code}.json` !== f || overlay.lang !== lang)
        throw new CatalogueError(
          `${label}: code ${overlay.code} / lang ${overlay.lang} do not match the path`,
        );
      return overlay;
    }),
  );
}

const fresh = new Map<string, AssetManifest>();

/** The artefacts' manifest, once checked against this checkout's inputs (once per folder and process). */
export function freshManifest(assetsDir = DEFAULT_ASSETS_DIR): AssetManifest {
  let manifest = fresh.get(assetsDir);
  if (!manifest) {
    manifest = assertFreshAssets(assetsDir);
    fresh.set(assetsDir, manifest);
  }
  return manifest;
}

/**
 * The catalogue from the built artefacts (npm run build): the compact index parsed at start, names parsed per
 * entry on first use, records (their own lines of the shard files) and curated records read on first use.
 */
export function loadCatalogue(
  assetsDir = DEFAULT_ASSETS_DIR,
  options: BuiltCatalogueOptions = {},
): Catalogue {
  freshManifest(assetsDir);
  return catalogueFromBuilt(
    readAssetSync(assetsDir, ASSET_PATHS.catalogue),
    readAssetSync(assetsDir, ASSET_PATHS.catalogueNames),
    nodeReadAsset(assetsDir),
    { readRange: nodeReadAssetRange(assetsDir), ...options },
  );
}

/** The understanding step's phrase index as the build compiled it (ASSET_PATHS.phrases; loadCatalogue checks freshness). */
export function loadPhrases(assetsDir = DEFAULT_ASSETS_DIR): BuiltPhrases {
  return JSON.parse(new TextDecoder().decode(readAssetSync(assetsDir, ASSET_PATHS.phrases))) as BuiltPhrases;
}
