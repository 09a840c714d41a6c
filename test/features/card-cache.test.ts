import { afterEach, describe, expect, it, vi } from "vitest";
import { buildCard } from "../../src/conversation/card.ts";
import { ProceduresFeature } from "../../src/features/procedures/index.ts";
import { catalogue, searcher } from "../helpers/app.ts";

/**
 * The feature keeps the cards it built, by code, language and day in Vietnam: a kept card is the card that would
 * be built now, a new day builds it again, and the cache stays within its bound.
 */
const feature = (cardCacheChars?: number) =>
  new ProceduresFeature({
    catalogue,
    searcher,
    province: null,
    ...(cardCacheChars ? { cardCacheChars } : {}),
  });
const DAY = new Date("2026-12-03T05:00:00Z");
const NEXT_DAY = new Date("2026-12-03T18:00:00Z"); // 01:00 on 4 December in Vietnam
const fresh = async (code: string, lang: "vi" | "en", date: string) => {
  const p = await catalogue.procedure(code);
  if (!p) throw new Error(code);
  return buildCard(p, catalogue, lang, { province: null, date });
};

afterEach(() => vi.restoreAllMocks());

describe("kept cards", () => {
  it("builds a card once per code, language and day, and keeps the card that would be built", async () => {
    const f = feature();
    const read = vi.spyOn(catalogue, "procedure");
    const first = await f.card("1.001612", "vi", DAY);
    expect(await f.card("1.001612", "vi", new Date(DAY.getTime() + 3600_000))).toBe(first);
    expect(read).toHaveBeenCalledTimes(1);
    expect(first).toEqual(await fresh("1.001612", "vi", "2026-12-03"));

    const english = await f.card("1.001612", "en", DAY);
    expect(english?.lang).toBe("en");
    expect(english).toEqual(await fresh("1.001612", "en", "2026-12-03"));
    expect(f.cachedCards.count).toBe(2);
  });

  it("builds the card again on a new day in Vietnam (fees and discounts follow the date)", async () => {
    const f = feature();
    const today = await f.card("1.001612", "vi", DAY);
    const tomorrow = await f.card("1.001612", "vi", NEXT_DAY);
    expect(tomorrow).not.toBe(today);
    expect(tomorrow).toEqual(await fresh("1.001612", "vi", "2026-12-04"));
    // The day turns at midnight in Vietnam (17:00 UTC), not at midnight UTC.
    const lastMinute = await f.card("1.001612", "en", new Date("2026-12-04T16:59:59.999Z"));
    expect(await f.card("1.001612", "en", new Date("2026-12-04T08:00:00Z"))).toBe(lastMinute);
    expect(await f.card("1.001612", "en", new Date("2026-12-04T17:00:00Z"))).not.toBe(lastMinute);
  });

  it("keeps nothing for an unknown code", async () => {
    const f = feature();
    expect(await f.card("9.999999", "vi", DAY)).toBeNull();
    expect(f.cachedCards.count).toBe(0);
  });

  it("stays within its bound, dropping the least recently used card", async () => {
    const one = await feature().card("1.001612", "vi", DAY);
    const bound = JSON.stringify(one).length;
    const f = feature(bound);
    const read = vi.spyOn(catalogue, "procedure");
    const codes = ["1.001612", "1.004194", "1.000271", "1.002155"];
    for (const code of codes) {
      expect(await f.card(code, "vi", DAY)).not.toBeNull();
      expect(f.cachedCards.chars).toBeLessThanOrEqual(bound);
    }
    expect(f.cachedCards.count).toBeLessThan(codes.length);
    read.mockClear();
    await f.card("1.001612", "vi", DAY);
    expect(read).toHaveBeenCalledTimes(1);
  });
});
