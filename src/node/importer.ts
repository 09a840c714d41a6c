import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import * as z from "zod";
import {
  NationalParseError,
  type ParsedNational,
  parseNationalRecord,
} from "../catalogue/national-parser.ts";
import { type NationalRecord, nationalRecordSchema } from "../catalogue/schema.ts";
import { nameKey } from "../text.ts";

/**
 * Imports the national export (a folder outside the project, see data/README.md) into data/national/:
 * index.json (one small line per procedure) and records/NN.json.gz (full records, fetched on demand).
 * Node-only: it runs from the CLI, never on the request path. Output is byte-identical for the same input.
 */

export const SHARD_SIZE = 200;

const popularitySchema = z.array(
  z.object({ TTHC_MA: z.string(), NAME: z.string(), WEIGHT: z.coerce.number().int().nonnegative() }).loose(),
);

export interface ImportSummary {
  records: number;
  files: number;
  failed: { file: string; error: string }[];
  levels: Record<string, number>;
  fields: number;
  channels: Record<string, number>;
  fees: {
    items: number;
    stated: number;
    free: number;
    notStated: number;
    convertedThousands: number;
    usd: number;
    unclear: number;
    /** "Không có thông tin": the record says nothing about fees on that channel. */
    noInfo: number;
    recordsWithStatedAmount: number;
  };
  times: Record<string, number>;
  truncatedRecords: number;
  portalLinks: { rows: number; matched: number; nameMismatch: number; unknownCode: number };
  popularity: {
    rows: number;
    distinctCodes: number;
    byCode: number;
    carriedByName: number;
    unmatched: number;
    recordsWithWeight: number;
  };
}

/** The parts of a name that differ between codings of the same procedure ("Thủ tục", "(cấp tỉnh)"). */
function looseNameKey(name: string): string {
  return nameKey(name.replace(/\([^()]*\)/gu, " "))
    .replace(/^(thu tuc|giai quyet|cap)\s+/u, "")
    .trim();
}

/** Records whose loose name shares most words with `name` (Jaccard ≥ 0.8); ties are all returned. */
function closestByWords(
  name: string,
  records: ParsedNational[],
  wordSets: Set<string>[],
  byWord: Map<string, number[]>,
): string[] {
  const words = new Set(looseNameKey(name).split(" "));
  const overlap = new Map<number, number>();
  for (const w of words) for (const i of byWord.get(w) ?? []) overlap.set(i, (overlap.get(i) ?? 0) + 1);
  let best = 0;
  let codes: string[] = [];
  for (const [i, shared] of overlap) {
    const score = shared / (words.size + (wordSets[i]?.size ?? 0) - shared);
    if (score > best + 1e-9) {
      best = score;
      codes = [records[i]?.code ?? ""];
    } else if (Math.abs(score - best) <= 1e-9) codes.push(records[i]?.code ?? "");
  }
  return best >= 0.8 ? codes.sort() : [];
}

export interface ImportResult {
  records: NationalRecord[];
  summary: ImportSummary;
}

export function importNational(folder: string): ImportResult {
  const dir = join(folder, "national-procedures");
  const files = readdirSync(dir)
    .filter((f) => f.endsWith(".txt"))
    .sort();
  const failed: ImportSummary["failed"] = [];
  const parsed: ParsedNational[] = [];
  for (const file of files) {
    try {
      const record = parseNationalRecord(readFileSync(join(dir, file), "utf8"));
      if (`${record.code}.txt` !== file)
        throw new NationalParseError(`code ${record.code} does not match the file name`);
      parsed.push(record);
    } catch (error) {
      failed.push({ file, error: error instanceof Error ? error.message : String(error) });
    }
  }
  parsed.sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));
  const byCode = new Map(parsed.map((r) => [r.code, r]));

  // Portal links: keep one only where the crawled name is this procedure's name (about 1% of the crawl is not).
  const links = new Map<string, string>();
  const linkStats = { rows: 0, matched: 0, nameMismatch: 0, unknownCode: 0 };
  const tsv = readFileSync(join(folder, "portal-links.tsv"), "utf8").split(/\r?\n/).slice(1);
  for (const line of tsv) {
    if (line.trim() === "") continue;
    linkStats.rows++;
    const [code = "", url = "", crawled = ""] = line.split("\t");
    const record = byCode.get(code.trim());
    if (!record) {
      linkStats.unknownCode++;
      continue;
    }
    if (nameKey(crawled) === nameKey(record.name) && /^https:\/\/dichvucong\.gov\.vn\//.test(url.trim())) {
      links.set(record.code, url.trim());
      linkStats.matched++;
    } else linkStats.nameMismatch++;
  }

  // Usage weights, keyed by December 2025 codes: carried to the new record by name where the code is gone.
  const weights = new Map<string, number>();
  const oldCodes = new Map<string, Set<string>>();
  const byLooseName = new Map<string, string[]>();
  for (const r of parsed) {
    for (const key of new Set([nameKey(r.name), looseNameKey(r.name)])) {
      const list = byLooseName.get(key) ?? [];
      list.push(r.code);
      byLooseName.set(key, list);
    }
  }
  const byWord = new Map<string, number[]>();
  const wordSets = parsed.map((r) => new Set(looseNameKey(r.name).split(" ")));
  wordSets.forEach((set, i) => {
    for (const w of set) {
      const list = byWord.get(w) ?? [];
      list.push(i);
      byWord.set(w, list);
    }
  });
  const popStats = {
    rows: 0,
    distinctCodes: 0,
    byCode: 0,
    carriedByName: 0,
    unmatched: 0,
    recordsWithWeight: 0,
  };
  const popRows = new Map<string, { name: string; weight: number }>();
  for (const file of ["citizens.json", "businesses.json"]) {
    const rows = popularitySchema.parse(JSON.parse(readFileSync(join(folder, "popularity", file), "utf8")));
    for (const row of rows) {
      popStats.rows++;
      const code = row.TTHC_MA.trim();
      const prev = popRows.get(code);
      if (!prev || prev.weight < row.WEIGHT) popRows.set(code, { name: row.NAME, weight: row.WEIGHT });
    }
  }
  popStats.distinctCodes = popRows.size;
  const bump = (code: string, weight: number) => weights.set(code, Math.max(weights.get(code) ?? 0, weight));
  for (const [code, { name, weight }] of [...popRows].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    if (byCode.has(code)) {
      bump(code, weight);
      popStats.byCode++;
      continue;
    }
    const targets =
      byLooseName.get(nameKey(name)) ??
      byLooseName.get(looseNameKey(name)) ??
      closestByWords(name, parsed, wordSets, byWord);
    if (targets.length === 0) {
      popStats.unmatched++;
      continue;
    }
    popStats.carriedByName++;
    for (const target of targets) {
      bump(target, weight);
      const set = oldCodes.get(target) ?? new Set<string>();
      set.add(code);
      oldCodes.set(target, set);
    }
  }

  const records: NationalRecord[] = parsed.map((r) =>
    nationalRecordSchema.parse({
      ...r,
      portalUrl: links.get(r.code) ?? null,
      weight: weights.get(r.code) ?? null,
      oldCodes: [...(oldCodes.get(r.code) ?? [])].sort(),
    }),
  );
  popStats.recordsWithWeight = records.filter((r) => r.weight !== null).length;

  const count = <T extends string>(values: T[]) =>
    values.reduce<Record<string, number>>((acc, v) => {
      acc[v] = (acc[v] ?? 0) + 1;
      return acc;
    }, {});
  const fees = records.flatMap((r) => r.channels.flatMap((c) => c.fees));
  const summary: ImportSummary = {
    records: records.length,
    files: files.length,
    failed,
    levels: count(records.map((r) => r.level ?? "unknown")),
    fields: new Set(records.map((r) => r.field).filter(Boolean)).size,
    channels: count(records.flatMap((r) => r.channels.map((c) => c.kind))),
    fees: {
      items: fees.length,
      stated: fees.filter((f) => f.status === "stated").length,
      free: fees.filter((f) => f.status === "free").length,
      notStated: fees.filter((f) => f.status === "not_stated").length,
      convertedThousands: fees.filter((f) => f.status === "thousands").length,
      usd: fees.filter((f) => f.status === "usd").length,
      unclear: fees.filter((f) => f.status === "unclear").length,
      noInfo: fees.filter((f) => f.status === "no_info").length,
      recordsWithStatedAmount: records.filter((r) =>
        r.channels.some((c) => c.fees.some((f) => f.amountVnd !== null && f.amountVnd > 0)),
      ).length,
    },
    times: count(records.flatMap((r) => r.channels.map((c) => c.time.unit ?? "none"))),
    truncatedRecords: records.filter((r) => r.truncated).length,
    portalLinks: linkStats,
    popularity: popStats,
  };
  return { records, summary };
}

/** The small per-procedure line kept in memory by every runtime (the full record lives in a shard). */
export function nationalIndexLine(record: NationalRecord, shard: number) {
  return {
    code: record.code,
    name: record.name,
    level: record.level,
    field: record.field,
    weight: record.weight,
    oldCodes: record.oldCodes,
    shard,
  };
}

export function writeNational(result: ImportResult, outDir: string): void {
  const { records, summary } = result;
  const recordsDir = join(outDir, "records");
  rmSync(recordsDir, { recursive: true, force: true });
  mkdirSync(recordsDir, { recursive: true });
  const lines: string[] = [];
  for (let start = 0, shard = 0; start < records.length; start += SHARD_SIZE, shard++) {
    const chunk = records.slice(start, start + SHARD_SIZE);
    const body = `${chunk.map((r) => JSON.stringify(r)).join("\n")}\n`;
    writeFileSync(
      join(recordsDir, `${String(shard).padStart(2, "0")}.jsonl.gz`),
      gzipSync(body, { level: 9 }),
    );
    for (const r of chunk) lines.push(JSON.stringify(nationalIndexLine(r, shard)));
  }
  writeFileSync(join(outDir, "index.json"), `[\n${lines.join(",\n")}\n]\n`);
  writeFileSync(join(outDir, "summary.json"), `${JSON.stringify(summary, null, 2)}\n`);
}

export function formatSummary(s: ImportSummary): string {
  const f = s.fees;
  return [
    `records: ${s.records} imported of ${s.files} files${s.failed.length ? `, ${s.failed.length} FAILED` : ""}`,
    `levels: ${Object.entries(s.levels)
      .map(([k, v]) => `${k} ${v}`)
      .join(", ")}; fields: ${s.fields}`,
    `channels: ${Object.entries(s.channels)
      .map(([k, v]) => `${k} ${v}`)
      .join(", ")}`,
    `fee items: ${f.items} — stated ${f.stated}, free (0 VNĐ, no note) ${f.free}, not stated (0 VNĐ or words only, with a note) ${f.notStated}, converted from thousands ${f.convertedThousands}, US dollars ${f.usd}, unclear small amounts ${f.unclear}, no information (never shown as free) ${f.noInfo}; records with a non-zero VND amount: ${f.recordsWithStatedAmount}`,
    `processing times: ${Object.entries(s.times)
      .map(([k, v]) => `${k} ${v}`)
      .join(", ")}`,
    `records with a cut line: ${s.truncatedRecords}`,
    `portal links: ${s.portalLinks.matched} matched of ${s.portalLinks.rows} rows (${s.portalLinks.nameMismatch} dropped: crawled name differs; ${s.portalLinks.unknownCode} unknown codes)`,
    `usage weights: ${s.popularity.distinctCodes} codes — ${s.popularity.byCode} by code, ${s.popularity.carriedByName} carried over by name, ${s.popularity.unmatched} unmatched; ${s.popularity.recordsWithWeight} records weighted`,
    ...s.failed.map((x) => `FAILED ${x.file}: ${x.error}`),
  ].join("\n");
}
