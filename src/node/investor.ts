import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Catalogue } from "../catalogue/catalogue.ts";
import type { NationalRecord } from "../catalogue/schema.ts";
import { TERM_LANGUAGES, type TermLanguage } from "../catalogue/terms.ts";
import { buildCard } from "../conversation/card.ts";
import { translator } from "../i18n/index.ts";
import { lineShare, seededSample } from "../investor/line-share.ts";
import {
  checkOverlay,
  type InvestorOverlay,
  investorOverlaySchema,
  overlaySkeleton,
  type RecordCheck,
  recordCheck,
} from "../investor/overlay.ts";
import {
  formatInvestorSet,
  type InvestorSelection,
  investorCodes,
  parseInvestorSelection,
  selectInvestorSet,
} from "../investor/selection.ts";
import { readInvestorOverlays } from "./catalogue.ts";

/** The Node side of the investor commands (`investor-set`, `investor-skeleton`, `investor-check`). */

export function readInvestorSelection(dataDir: string): InvestorSelection {
  return parseInvestorSelection(JSON.parse(readFileSync(join(dataDir, "investor/selection.json"), "utf8")));
}

export async function allRecords(catalogue: Catalogue): Promise<NationalRecord[]> {
  const out: NationalRecord[] = [];
  for (const e of catalogue.entries) {
    const record = await catalogue.record(e.code);
    if (record) out.push(record);
  }
  return out;
}

/** Applies the rule; with `write`, stores the codes in selection.json (only the `codes` member changes). */
export async function investorSet(catalogue: Catalogue, dataDir: string, write: boolean) {
  const selection = readInvestorSelection(dataDir);
  const codes = selectInvestorSet(await allRecords(catalogue), selection);
  if (write) {
    const file = join(dataDir, "investor/selection.json");
    writeFileSync(file, `${JSON.stringify({ ...selection, codes }, null, 2)}\n`);
  }
  return { codes, report: formatInvestorSet(codes) };
}

const overlayFile = (dataDir: string, lang: string, code: string) =>
  join(dataDir, "investor", lang, `${code}.json`);

function readOverlay(dataDir: string, lang: string, code: string): InvestorOverlay | null {
  const file = overlayFile(dataDir, lang, code);
  if (!existsSync(file)) return null;
  return investorOverlaySchema.parse(JSON.parse(readFileSync(file, "utf8")));
}

/** Skeletons for codes in one language; existing translations are kept, only lines the record prints appear. */
export async function investorSkeleton(
  catalogue: Catalogue,
  dataDir: string,
  lang: TermLanguage,
  codes: string[],
  options: { write?: boolean; force?: boolean },
) {
  const selection = new Set(investorCodes(readInvestorSelection(dataDir)));
  const messages: string[] = [];
  const skeletons: InvestorOverlay[] = [];
  let failed = false;
  for (const code of codes) {
    const p = await catalogue.procedure(code);
    if (!p) {
      messages.push(`${code}: no such procedure`);
      failed = true;
      continue;
    }
    if (!selection.has(code) && !options.force) {
      messages.push(
        `${code}: not in the investor set (data/investor/selection.json); --force to translate anyway`,
      );
      failed = true;
      continue;
    }
    const skeleton = overlaySkeleton(p.record, lang, readOverlay(dataDir, lang, code), p.curated);
    skeletons.push(skeleton);
    if (options.write) {
      mkdirSync(join(dataDir, "investor", lang), { recursive: true });
      writeFileSync(overlayFile(dataDir, lang, code), `${JSON.stringify(skeleton, null, 2)}\n`);
      messages.push(`wrote investor/${lang}/${code}.json`);
    }
  }
  return { skeletons, messages, failed };
}

/** Validates every overlay file (schema, path, every line present and translated, hash fresh). */
export async function investorCheck(
  catalogue: Catalogue,
  dataDir: string,
  options: { languages?: TermLanguage[]; codes?: string[] } = {},
) {
  const languages = options.languages ?? [...TERM_LANGUAGES];
  const overlays = readInvestorOverlays(dataDir).filter(
    (o) => languages.includes(o.lang) && (!options.codes || options.codes.includes(o.code)),
  );
  const set = new Set(investorCodes(readInvestorSelection(dataDir)));
  const lines: string[] = [];
  let problems = 0;
  const perLang = new Map<string, { files: number; complete: number; reviewed: number }>();
  // Each record is checked against its four languages' files: its lines, keys and hash are computed once.
  const checks = new Map<string, RecordCheck>();
  for (const o of overlays) {
    const p = await catalogue.procedure(o.code);
    const stats = perLang.get(o.lang) ?? { files: 0, complete: 0, reviewed: 0 };
    perLang.set(o.lang, stats);
    stats.files++;
    const found = p
      ? checkOverlay(o, p.record, checks.get(o.code) ?? checks.set(o.code, recordCheck(p.record)).get(o.code))
      : [{ code: o.code, lang: o.lang, problem: "no such procedure" }];
    if (!set.has(o.code)) lines.push(`${o.lang}/${o.code}\tnote: not in the investor set`);
    for (const f of found) lines.push(`${f.lang}/${f.code}\t${f.problem}`);
    problems += found.length;
    if (found.length === 0) {
      stats.complete++;
      if (o.review !== "machine-assisted") stats.reviewed++;
    }
  }
  lines.push("lang\tfiles\tcomplete\treviewed\tinvestor-set");
  for (const lang of languages) {
    const s = perLang.get(lang) ?? { files: 0, complete: 0, reviewed: 0 };
    lines.push(`${lang}\t${s.files}\t${s.complete}\t${s.reviewed}\t${set.size}`);
  }
  lines.push(problems === 0 ? "ok" : `${problems} problem(s)`);
  return { problems, report: lines.join("\n") };
}

/** The fixed sample the line-share gate measures: 120 investor procedures, seed 19 (issue 19). */
export const LINE_SHARE_SAMPLE = { n: 120, seed: 19 } as const;

/** Share of card lines in the reader's language over the fixed sample, per language (`investor-line-share`). */
export async function measureLineShare(
  catalogue: Catalogue,
  dataDir: string,
  options: { date: string; n?: number; seed?: number },
) {
  const codes = seededSample(
    investorCodes(readInvestorSelection(dataDir)),
    options.n ?? LINE_SHARE_SAMPLE.n,
    options.seed ?? LINE_SHARE_SAMPLE.seed,
  );
  const rows: { lang: TermLanguage; lines: number; inLanguage: number; share: number }[] = [];
  for (const lang of TERM_LANGUAGES) {
    const t = translator(lang);
    const marks = [t("card.vietnameseOnly"), t("card.machineAssisted")];
    let lines = 0;
    let inLanguage = 0;
    for (const code of codes) {
      const p = await catalogue.procedure(code);
      if (!p) continue;
      const s = lineShare(buildCard(p, catalogue, lang, { province: null, date: options.date }), marks);
      lines += s.lines;
      inLanguage += s.inLanguage;
    }
    rows.push({ lang, lines, inLanguage, share: lines === 0 ? 0 : inLanguage / lines });
  }
  const report = [
    `sample\t${codes.length} investor procedures (seed ${options.seed ?? LINE_SHARE_SAMPLE.seed})`,
    "lang\tlines\tin-language\tshare",
    ...rows.map((r) => `${r.lang}\t${r.lines}\t${r.inLanguage}\t${r.share.toFixed(3)}`),
  ].join("\n");
  return { codes, rows, report };
}
