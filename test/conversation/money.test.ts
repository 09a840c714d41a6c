import { describe, expect, it } from "vitest";
import { seeded } from "../../bench/stats.ts";
import type { Language } from "../../src/catalogue/index.ts";
import { formatMoney, LOCALES } from "../../src/conversation/card.ts";

const LANGS = Object.keys(LOCALES) as Language[];

/** What formatMoney stands in for: the runtime's Intl.NumberFormat. */
function intl(amount: number, lang: Language, currency: "VND" | "USD"): string {
  const n = new Intl.NumberFormat(LOCALES[lang], {
    maximumFractionDigits: currency === "USD" ? 2 : 0,
  }).format(amount);
  return currency === "USD" ? `${n} USD` : `${n} ₫`;
}

describe("formatMoney writes amounts as Intl.NumberFormat does, without it", () => {
  const amounts = [
    0,
    1,
    12,
    999,
    1000,
    1001,
    12_345,
    100_000,
    999_999,
    1_000_000,
    1_234_567,
    50_000_000,
    2_000_000_000,
    0.5,
    1.5,
    2.5,
    0.005,
    1.005,
    1.255,
    12.5,
    12.05,
    99.995,
    999.999,
    1234.5678,
    0.1 + 0.2,
  ];
  it("on amounts fees take and on rounding edges", () => {
    for (const lang of LANGS)
      for (const currency of ["VND", "USD"] as const)
        for (const amount of amounts)
          expect(formatMoney({ amount, currency }, lang), `${amount} ${currency} ${lang}`).toBe(
            intl(amount, lang, currency),
          );
  });
  it("on random amounts and cents", () => {
    const random = seeded(21);
    const wrong: string[] = [];
    for (let i = 0; i < 2000; i++) {
      const whole = Math.floor(random() * 10 ** Math.floor(random() * 11));
      const amount = whole + (i % 2 ? Math.floor(random() * 1000) / 1000 : 0);
      for (const lang of LANGS)
        for (const currency of ["VND", "USD"] as const) {
          const got = formatMoney({ amount, currency }, lang);
          const want = intl(amount, lang, currency);
          if (got !== want) wrong.push(`${amount} ${currency} ${lang}: ${got}, not ${want}`);
        }
    }
    expect(wrong).toEqual([]);
  });
});
