import { describe, expect, it } from "vitest";
import { translateTerm } from "../../src/catalogue/terms.ts";
import { buildCard, type Card } from "../../src/conversation/index.ts";
import {
  checkOverlay,
  type InvestorOverlay,
  investorOverlaySchema,
  OVERLAY_SECTIONS,
  overlaySkeleton,
  recordLines,
  recordSourceHash,
} from "../../src/investor/overlay.ts";
import { investorCodes, selectInvestorSet } from "../../src/investor/selection.ts";
import { allRecords, investorCheck, readInvestorSelection } from "../../src/node/investor.ts";
import { catalogue } from "../helpers/app.ts";
import { cli } from "../helpers/cli.ts";

const DATA = new URL("../../data/", import.meta.url).pathname;
const DATE = "2026-12-03";
const text = (c: Card) => c.sections.flatMap((s) => s.lines).join("\n");

async function procedure(code: string) {
  const p = await catalogue.procedure(code);
  if (!p) throw new Error(`no ${code}`);
  return p;
}

/** A skeleton with every line "translated" to a recognisable marker, so a card shows where each line came from. */
function filled(
  overlay: InvestorOverlay,
  review: InvestorOverlay["review"] = "machine-assisted",
): InvestorOverlay {
  const mark = (s: string, i: number) => `⟨${s} ${i}⟩`;
  const out: InvestorOverlay = { ...overlay, review, name: { ...overlay.name, text: "⟨name⟩" } };
  out.summary = { ...overlay.summary, text: "⟨summary⟩ A plain summary." };
  for (const s of OVERLAY_SECTIONS) out[s] = overlay[s].map((l, i) => ({ vi: l.vi, text: mark(s, i) }));
  return out;
}

describe("investor set", () => {
  it("is the rule applied to the catalogue: selection.json's codes are fresh, 400–600 procedures", async () => {
    const selection = readInvestorSelection(DATA);
    const fresh = selectInvestorSet(await allRecords(catalogue), selection);
    expect(selection.codes).toEqual(fresh);
    const all = investorCodes(selection);
    expect(all.length).toBeGreaterThanOrEqual(400);
    expect(all.length).toBeLessThanOrEqual(600);
    // The anchors of the investor journeys are in it.
    for (const code of ["1.009664", "1.014199", "1.003460", "1.001146"]) expect(all).toContain(code);
    // A domestic-only procedure in a listed field is not (household business registration).
    expect(all).not.toContain("1.001612");
  });

  it("prints its counts per group (investor-set)", async () => {
    const { code, stdout } = await cli(["investor-set"]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^group\tprocedures\n/);
    expect(stdout).toMatch(/\ninvestment\t\d+\n/);
    const total = Number(/\ntotal\t(\d+)/.exec(stdout)?.[1]);
    expect(total).toBe(investorCodes(readInvestorSelection(DATA)).length);
  });
});

describe("investor translation overlay", () => {
  it("skeleton lists every line the record prints, each with its Vietnamese and an empty translation", async () => {
    const p = await procedure("1.009664");
    const skeleton = overlaySkeleton(p.record, "en");
    expect(investorOverlaySchema.safeParse(skeleton).success).toBe(true);
    expect(skeleton.sourceHash).toBe(recordSourceHash(p.record));
    const lines = recordLines(p.record);
    for (const s of OVERLAY_SECTIONS) expect(skeleton[s].map((l) => l.vi)).toEqual(lines[s]);
    expect(skeleton.documents.length).toBeGreaterThan(5);
    expect(skeleton.documents.every((l) => l.text === "")).toBe(true);
    // Every document name of the record is there to translate.
    for (const g of p.record.documents)
      for (const item of g.items)
        expect(skeleton.documents.some((l) => item.name.replace(/^-\s*/u, "").trim() === l.vi)).toBe(true);
  });

  it("check reports untranslated, missing and foreign lines, and a stale hash", async () => {
    const p = await procedure("1.009664");
    const skeleton = overlaySkeleton(p.record, "ja");
    expect(checkOverlay(skeleton, p.record).some((x) => /documents: not translated/.test(x.problem))).toBe(
      true,
    );
    const done = filled(skeleton);
    expect(checkOverlay(done, p.record)).toEqual([]);
    const missing = { ...done, documents: done.documents.slice(1) };
    expect(checkOverlay(missing, p.record).map((x) => x.problem)).toEqual([
      expect.stringMatching(/^documents: missing line/),
    ]);
    const extra = { ...done, result: [...done.result, { vi: "Một dòng không có", text: "x" }] };
    expect(checkOverlay(extra, p.record).map((x) => x.problem)).toEqual([
      expect.stringMatching(/^result: line not in the record/),
    ]);
    const stale = { ...done, sourceHash: "0000000000000000" };
    expect(checkOverlay(stale, p.record).map((x) => x.problem)).toEqual([expect.stringMatching(/^stale/)]);
  });

  it("re-running the skeleton keeps translations already made", async () => {
    const p = await procedure("1.003460");
    const done = filled(overlaySkeleton(p.record, "ko"));
    const again = overlaySkeleton(p.record, "ko", done);
    expect(again).toEqual(done);
  });

  it("every file in data/investor is valid, complete and fresh (investor-check)", async () => {
    // investorCheck reads every file through readInvestorOverlays, which refuses one whose code or language does not
    // match its path, and checks each against its record (~360 procedures × 4 languages): seconds on a quiet machine,
    // minutes on a loaded one; the limit only guards against a hang.
    const result = await investorCheck(catalogue, DATA);
    expect(result.report).toMatch(/\nok$/);
    expect(result.problems).toBe(0);
  }, 300_000);
});

describe("cards read the overlay first, then the term base, then the Vietnamese marked as such", () => {
  it("shows the procedure's own translation line by line, marked machine-assisted until reviewed", async () => {
    const p = await procedure("1.009664");
    const overlay = filled(overlaySkeleton(p.record, "en"));
    const card = buildCard({ ...p, overlays: { en: overlay } }, catalogue, "en", {
      province: null,
      date: DATE,
    });
    const docs = card.sections.find((s) => s.id === "documents")?.lines ?? [];
    expect(docs[0]).toBe("(translated with machine assistance; the Vietnamese original is what counts)");
    expect(docs.some((l) => l.includes("⟨documents 1⟩"))).toBe(true);
    expect(docs.join("\n")).not.toMatch(/\(in Vietnamese\)/);
    const result = card.sections.find((s) => s.id === "result")?.lines.join("\n") ?? "";
    expect(result).toMatch(/⟨result \d⟩/);
    expect(text(card)).toMatch(/⟨legal \d⟩/);
    expect(text(card)).toMatch(/machine-assisted translation by the project team, not yet reviewed/);
    // A curated procedure keeps its reviewed name; the overlay translates the record's lines.
    expect(card.title).toBe(p.entry.names.en);
    // Vietnamese readers get the record itself.
    const vi = buildCard({ ...p, overlays: { en: overlay } }, catalogue, "vi", {
      province: null,
      date: DATE,
    });
    expect(text(vi)).not.toMatch(/⟨/);
  });

  it("a reviewed overlay is not marked; a line it lacks falls back to the term base or the Vietnamese", async () => {
    const p = await procedure("1.001146");
    const full = filled(overlaySkeleton(p.record, "zh"), { reviewed: "2026-12-03", by: "test" });
    const build = (o: InvestorOverlay) =>
      buildCard({ ...p, overlays: { zh: o } }, catalogue, "zh", { province: null, date: DATE });
    const docs = (c: Card) => c.sections.find((s) => s.id === "documents")?.lines ?? [];
    expect(docs(build(full)).join("\n")).not.toMatch(/机器辅助翻译|越南语原文/);
    expect(text(build(full))).toMatch(/审校日期：2026-12-03/);
    const first = full.documents[0]?.vi ?? "";
    const partial = docs(build({ ...full, documents: full.documents.slice(1) }));
    expect(partial.some((l) => l.includes("⟨documents 1⟩"))).toBe(true);
    const term = translateTerm("documents", first, "zh");
    if (term) expect(partial.some((l) => l.includes(term.text))).toBe(true);
    else expect(partial.some((l) => l.includes(first) && l.endsWith("（越南语原文）"))).toBe(true);
  });

  it("without an overlay, the term base translates the field, the agency and known documents", async () => {
    const p = await procedure("1.001612");
    const card = buildCard(p, catalogue, "en", { province: null, date: DATE });
    expect(card.subtitle).not.toMatch(/Thành lập và hoạt động/);
    expect(text(card)).not.toBe("");
  });
});
