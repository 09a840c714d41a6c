import { describe, expect, it } from "vitest";
import { resolveFees } from "../../src/catalogue/fees.ts";
import { catalogue } from "../helpers/app.ts";

const fees = async (code: string, date: string, province: string | null = null) => {
  const p = await catalogue.procedure(code);
  if (!p) throw new Error(`no ${code}`);
  return resolveFees(p, catalogue.discounts, { date, province });
};

describe("fees resolved from the legal basis", () => {
  it("shows counter and online amounts for temporary residence, with the VNeID waiver only as 'if you qualify'", async () => {
    const view = await fees("1.004194", "2026-11-25");
    expect(view.source).toBe("curated");
    const line = view.lines[0];
    expect(line?.counter).toEqual({ amount: 15000, currency: "VND" });
    expect(line?.online).toEqual({ amount: 7000, currency: "VND" });
    expect(line?.onlineDiscounted).toBeNull();
    expect(line?.onlineIfEligible.map((e) => [e.amount.amount, e.rule.instrument.number])).toEqual([
      [0, "66.22/2026/NQ-CP"],
    ]);
    expect(view.basis.map((b) => b.number)).toContain("75/2022/TT-BTC");
  });

  it("evaluates rules on the day of the answer", async () => {
    const after = await fees("1.004194", "2027-03-01");
    expect(after.lines[0]?.onlineIfEligible).toEqual([]);
    // The TT 63/2023 online price for driving licences ran from 1/12/2023 to 31/12/2025.
    const during = await fees("3.000347", "2025-06-01");
    expect(during.lines[0]?.onlineDiscounted).toEqual({ amount: 115000, currency: "VND" });
    const ended = await fees("3.000347", "2026-11-25");
    expect(ended.lines[0]?.onlineDiscounted).toBeNull();
  });

  it("applies a counter-and-online cut on every channel (TT 64/2025 on passports, until 31/12/2026)", async () => {
    const view = await fees("1.001456", "2026-11-25");
    expect(view.lines[0]?.counter?.amount).toBe(200000);
    expect(view.lines[0]?.counterDiscounted?.amount).toBe(100000);
    expect(view.lines[0]?.onlineDiscounted?.amount).toBe(100000);
  });

  it("applies a province's rule only for that province", async () => {
    const hanoi = await fees("2.000635", "2026-11-25", "Hà Nội");
    const elsewhere = await fees("2.000635", "2026-11-25", "Quảng Ngãi");
    expect(hanoi.discounts.some((d) => d.rule.scope.kind === "province")).toBe(true);
    expect(elsewhere.discounts.some((d) => d.rule.scope.kind === "province")).toBe(false);
    expect((await fees("2.000635", "2026-11-25", "ha noi")).discounts.length).toBe(hanoi.discounts.length);
  });

  it("keeps US dollar amounts in dollars", async () => {
    const view = await fees("1.003460", "2026-11-25");
    expect(view.lines.map((l) => l.counter)).toContainEqual({ amount: 145, currency: "USD" });
  });

  it("falls back to the national record, saying when the amount is not stated", async () => {
    const view = await fees("1.000005", "2026-11-25");
    expect(view.source).toBe("national");
    expect(view.lines.length).toBeGreaterThan(0);
    for (const l of view.lines) expect(l.notStated || l.counter !== null || l.online !== null).toBe(true);
    const judicialCentral = await fees("3.000330", "2026-11-25");
    expect(judicialCentral.source).toBe("curated");
  });
});
