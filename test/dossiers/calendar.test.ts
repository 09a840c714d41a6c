import { describe, expect, it } from "vitest";
import { addWorkingDays, isWorkingDay, vietnamDay } from "../../src/dossiers/index.ts";

describe("working days in Vietnam", () => {
  it("skips weekends and the public holidays in data/rules/holidays.json", () => {
    expect(isWorkingDay("2026-11-25")).toBe(true);
    expect(isWorkingDay("2026-11-28")).toBe(false);
    expect(isWorkingDay("2026-02-17")).toBe(false);
    expect(isWorkingDay("2026-04-27")).toBe(false);
    expect(isWorkingDay("2026-09-02")).toBe(false);
  });

  it("counts from the day after reception, in Vietnam time, to the end of the due day", () => {
    // Received Friday 13 Feb 2026 (Vietnam): Tết runs 16–20 Feb, so 3 working days end on Wednesday 25 Feb.
    const due = addWorkingDays(new Date("2026-02-13T03:00:00Z"), 3);
    expect(vietnamDay(due)).toBe("2026-02-25");
    expect(due.toISOString()).toBe("2026-02-25T16:59:59.000Z");
    // Late evening UTC is already the next day in Vietnam.
    expect(vietnamDay(new Date("2026-11-24T18:00:00Z"))).toBe("2026-11-25");
  });
});
