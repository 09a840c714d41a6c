import { describe, expect, it } from "vitest";
import { LANGUAGES, resources } from "../../src/i18n/index.ts";

/** Plural suffixes differ by language (zh/ko/ja only have "other"), so keys are compared without them. */
function keys(value: unknown, prefix = ""): string[] {
  if (typeof value !== "object" || value === null)
    return [prefix.replace(/_(zero|one|two|few|many|other)$/, "")];
  return Object.entries(value).flatMap(([k, v]) => keys(v, prefix ? `${prefix}.${k}` : k));
}

describe("locales", () => {
  const reference = new Set(LANGUAGES.flatMap((l) => keys(resources[l])));

  for (const lang of LANGUAGES) {
    it(`${lang} has every key that any language has`, () => {
      const own = new Set(keys(resources[lang]));
      const missing = [...reference].filter((k) => !own.has(k));
      expect(missing).toEqual([]);
    });
  }

  it("uses the same interpolation variables in every language", () => {
    const vars = (lang: (typeof LANGUAGES)[number]) => {
      const out = new Map<string, string>();
      const walk = (v: unknown, p: string) => {
        if (typeof v === "string") {
          const key = p.replace(/_(zero|one|two|few|many|other)$/, "");
          const found = [...v.matchAll(/\{\{(\w+)\}\}/g)]
            .map((m) => m[1])
            .sort()
            .join(",");
          if (v !== "") out.set(key, found);
        } else if (v && typeof v === "object")
          for (const [k, x] of Object.entries(v)) walk(x, p ? `${p}.${k}` : k);
      };
      walk(resources[lang], "");
      return out;
    };
    const en = vars("en");
    for (const lang of LANGUAGES) {
      for (const [key, v] of vars(lang)) expect(`${lang}:${key}:${v}`).toBe(`${lang}:${key}:${en.get(key)}`);
    }
  });
});
