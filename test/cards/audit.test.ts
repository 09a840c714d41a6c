import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  type AuditReport,
  auditCards,
  auditExceptionsSchema,
  DEFECT_CLASSES,
} from "../../src/conversation/card-audit.ts";
import { Conversation, MemorySessionStore } from "../../src/conversation/index.ts";
import { catalogue, searcher } from "../helpers/app.ts";
import { cli } from "../helpers/cli.ts";

/**
 * The card audit over the whole catalogue: every defect class is zero, apart from the listed, justified exceptions
 * in data/curated/audit-exceptions.json, each of which must still be one (so the list cannot go stale).
 * The test keeps to what npm test can afford on a shared machine: every check on the vi cards of all 5,652
 * procedures, and en, zh, ko and ja on every curated procedure and the 300 most used (the other cards differ only by
 * locale strings and machine names); `npm run -s cli -- audit` checks all five languages of every card.
 */
const DATE = "2026-12-03";
const exceptions = auditExceptionsSchema.parse(
  JSON.parse(readFileSync(new URL("../../data/curated/audit-exceptions.json", import.meta.url), "utf8")),
);

function conversation(date: string) {
  return new Conversation({
    catalogue,
    searcher,
    sessions: new MemorySessionStore(),
    province: null,
    clock: () => new Date(`${date}T05:00:00Z`),
  });
}

const zero = Object.fromEntries(DEFECT_CLASSES.map((c) => [c, 0]));

describe("cli audit", () => {
  let full: AuditReport;

  it("finds no defect in any card (vi: all 5,652 procedures)", async () => {
    full = await auditCards(catalogue, conversation(DATE), {
      date: DATE,
      languages: ["vi"],
      exceptions,
      examples: 3,
    });
    expect(full.cards).toBe(5652);
    expect(full.counts, JSON.stringify(full.examples)).toEqual(zero);
  }, 240_000);

  it("keeps its exception list honest: every listed card still fails its class", () => {
    const listed = exceptions.reduce((n, e) => n + e.codes.length, 0);
    // Two listed cards are over only in English (1.009501, 1.014651); the rest are over in Vietnamese.
    expect(Object.values(full.excepted).reduce((a, b) => a + b, 0)).toBe(listed - 2);
  });

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
