import { describe, expect, it } from "vitest";
import { isVietnameseLine } from "../../src/investor/line-share.ts";
import { LINE_SHARE_SAMPLE, measureLineShare } from "../../src/node/investor.ts";
import { catalogue } from "../helpers/app.ts";

const DATA = new URL("../../data/", import.meta.url).pathname;

/**
 * The line-share gate (issue 19): the share of card lines in the reader's language over a fixed random sample of
 * investor procedures. The goal is 0.90 in every language; until then the floor is the level measured last (a
 * ratchet: raise it when translations land, never lower it). Before the term base and the overlays reached the
 * cards (b82ed64) the same sample measured 0.289 (en), 0.289 (zh), 0.288 (ko), 0.288 (ja); with the term base and
 * overlays 0.423; with legal bases given as type and number rendered (and the first overlay batches) 0.491; with the
 * 22 legal titles the investor set repeats most (and more overlays) 0.560; with 168 overlays per language and the term
 * base's document lines (2026-12-03, 21:05 UTC) en 0.880, zh 0.871, ko 0.872, ja 0.872; with 186 overlays per language and
 * the document lines at 57% of occurrences en 0.915, zh 0.907, ko 0.907, ja 0.908 — the goal, now the floor. With all
 * 426 overlays per language and the term base's documents at 68% of occurrences en 0.982, zh 0.970, ko 0.970, ja 0.971;
 * on 2026-12-06, with the citations, fee bases and whom to ask in the reader's language and 43 more legal titles,
 * en 0.995, zh 0.983, ko 0.982, ja 0.983: the floor is raised just under them.
 */
const GOAL = 0.9;
const FLOOR = { en: 0.99, zh: 0.98, ko: 0.98, ja: 0.98 } as const;

describe("line share of investor cards", () => {
  it("tells Vietnamese lines from translated ones, legal numbers and codes aside", () => {
    expect(isVietnameseLine("• Giấy phép thành lập cơ quan, tổ chức (1 original, 0 copy)")).toBe(true);
    expect(isVietnameseLine("• 219/2025/NĐ-CP — Regulations on foreign workers working in Vietnam")).toBe(
      false,
    );
    expect(isVietnameseLine("• 政府第118/2025/NĐ-CP号议定")).toBe(false);
    expect(isVietnameseLine("Agency: Immigration Division (machine-assisted)")).toBe(false);
    expect(isVietnameseLine("Code 1.009664 · provincial level · Field: Investment in Vietnam")).toBe(false);
    expect(isVietnameseLine("• Thông tư số 11/2016/TT-BCT")).toBe(true);
  });

  it(`is at least the ratchet in every language over ${LINE_SHARE_SAMPLE.n} investor procedures (goal ${GOAL})`, async () => {
    const { rows, codes } = await measureLineShare(catalogue, DATA, { date: "2026-12-03" });
    expect(codes.length).toBeGreaterThanOrEqual(100);
    for (const r of rows) {
      expect(r.lines).toBeGreaterThan(codes.length * 10);
      expect(r.share, `${r.lang}: ${r.inLanguage}/${r.lines}`).toBeGreaterThanOrEqual(FLOOR[r.lang]);
    }
  });
});
