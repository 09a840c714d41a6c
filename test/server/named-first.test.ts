/**
 * An official name pasted into the search API (and the help-desk console's search and Telegram's inline mode, which
 * share searchNamedFirst) comes first, as the chat opens it. Ranked by its words alone, a long name met a shorter
 * one sharing most of them, or its sibling of another grade: 366 of the 5,652 Vietnamese names and 104–188 of the
 * translated ones in each language came second or lower (e.g. the inspector's certificate re-issued on expiry
 * behind copies of diplomas, the grade II surveying licence behind grade I).
 */
import { describe, expect, it } from "vitest";
import type { Language } from "../../src/catalogue/index.ts";
import { namesExactly, searchNamedFirst } from "../../src/features/procedures/named.ts";
import { buildApp, catalogue, searcher } from "../helpers/app.ts";

const { app } = buildApp();
const api = async (q: string) => {
  const res = await app.request(`/api/procedures?q=${encodeURIComponent(q)}&limit=3`);
  expect(res.status).toBe(200);
  return (await res.json()) as { code: string }[];
};

describe("a procedure's whole name searched", () => {
  it("puts that procedure first in /api/procedures", async () => {
    const cases: [string, string][] = [
      ["Cấp lại Chứng chỉ kiểm định viên trong trường hợp hết hạn", "1.000187"],
      ["Chấm dứt hoạt động Chi nhánh của thương nhân nước ngoài tại Việt Nam", "1.000168"],
      ["Issuance of permanent residence cards to foreigners in Vietnam (provincial level)", "1.001010"],
    ];
    for (const [q, code] of cases) {
      const rows = await api(q);
      expect(rows[0]?.code, q).toBe(code);
    }
  });

  it("puts the procedure named first for a sample of every language's names, and changes nothing else", () => {
    // A fixed sample (every 23rd procedure, each language in turn): about 250 names.
    const langs: Language[] = ["vi", "en", "zh", "ko", "ja"];
    let checked = 0;
    catalogue.entries.forEach((e, i) => {
      if (i % 23 !== 0) return;
      const lang = langs[(i / 23) % langs.length] as Language;
      const name = e.names[lang];
      if (!name) return;
      const hits = searchNamedFirst(searcher, catalogue, name, 5);
      const first = hits[0];
      expect(first, name).toBeDefined();
      const named = [first?.code, ...(first?.variants.map((v) => v.code) ?? [])].some(
        (c) => c !== undefined && namesExactly(catalogue, c, name),
      );
      expect(named, `${e.code} ${lang} ${name} → ${first?.code}`).toBe(true);
      checked++;
    });
    expect(checked).toBeGreaterThan(200);
    // A request that names no procedure whole keeps the ranking as it is.
    for (const q of ["làm hộ chiếu", "work permit", "结婚登记"])
      expect(searchNamedFirst(searcher, catalogue, q, 5).map((h) => h.code)).toEqual(
        searcher.search(q, { limit: 5 }).hits.map((h) => h.code),
      );
  });
});
