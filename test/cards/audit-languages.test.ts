import { describe, expect, it } from "vitest";
import { auditCards, DEFECT_CLASSES } from "../../src/conversation/card-audit.ts";
import { catalogue } from "../helpers/app.ts";
import {
  auditConversation as conversation,
  AUDIT_DATE as DATE,
  auditExceptions as exceptions,
  noDefects as zero,
} from "../helpers/audit.ts";
import { cli } from "../helpers/cli.ts";

/** The card audit in en, zh, ko and ja, on a later day, and through the CLI (the vi cards of all: audit.test.ts). */
describe("cli audit, other languages", () => {
  it("finds no defect in en, zh, ko and ja for curated and most-used procedures, nor on a later day", async () => {
    const top = [...catalogue.entries]
      .filter((e) => e.weight !== null)
      .sort((a, b) => (b.weight ?? 0) - (a.weight ?? 0))
      .slice(0, 300)
      .map((e) => e.code);
    const codes = [...new Set([...catalogue.entries.filter((e) => e.curated).map((e) => e.code), ...top])];
    const cjk = await auditCards(catalogue, conversation(DATE), {
      date: DATE,
      languages: ["en", "zh", "ko", "ja"],
      codes,
      exceptions,
    });
    expect(cjk.counts, JSON.stringify(cjk.examples)).toEqual(zero);
    // After 31/12/2026 the TT 64/2025 cuts and the notes' periods have ended: still nothing shown as current.
    const later = await auditCards(catalogue, conversation("2027-03-01"), {
      date: "2027-03-01",
      languages: ["vi"],
      codes,
      exceptions,
    });
    expect(later.counts, JSON.stringify(later.examples)).toEqual(zero);
  }, 240_000);

  it("prints a count per defect class and exits 0", async () => {
    const { code, stdout } = await cli([
      "audit",
      "--date",
      DATE,
      "--lang",
      "vi",
      "--code",
      "1.002155",
      "--code",
      "1001612",
    ]);
    expect(code).toBe(0);
    expect(stdout.split("\n")[0]).toBe(`audit of 2 cards on ${DATE}`);
    for (const cls of DEFECT_CLASSES) expect(stdout).toMatch(new RegExp(`^${cls}\\s+0$`, "m"));
  }, 60_000);
});
