import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CatalogueError } from "../../src/catalogue/catalogue.ts";
import type { NationalRecord } from "../../src/catalogue/schema.ts";
import {
  channelTerm,
  parseTermFile,
  recordTerms,
  TERM_KINDS,
  TERM_LANGUAGES,
  TermBase,
  type TermFile,
  termBase,
  termCoverage,
  termKey,
  translateTerm,
  untranslatedTerms,
} from "../../src/catalogue/terms.ts";
import { DEFAULT_DATA_DIR } from "../../src/node/catalogue.ts";
import { catalogue } from "../helpers/app.ts";
import { cli } from "../helpers/cli.ts";

const TERMS_DIR = join(DEFAULT_DATA_DIR, "terms");
const files = readdirSync(TERMS_DIR)
  .filter((f) => f.endsWith(".json"))
  .sort();
const parsed = files.map((f) => parseTermFile(JSON.parse(readFileSync(join(TERMS_DIR, f), "utf8")), f));

/**
 * Letters only Vietnamese uses. Kept as published: instrument numbers (31/2024/NĐ-CP, G07-LĐ06) and the letter đ as a
 * point label or form code ("points a to đ", "Form 1đ").
 */
const VIETNAMESE = /[ăâđêôơưạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịĩọỏốồổỗộớờởỡợụủũứừửữựỳỵỷỹ]/iu;
const INSTRUMENT =
  /[\p{Lu}\d]?[A-Za-z\d.\-/]*Đ[\p{Lu}\d.\-/]*|(?<!\p{Script=Latin})\d*đ(?!\p{Script=Latin})/gu;
/** Traditional forms that have a different Simplified form (zh must be Simplified). */
const TRADITIONAL =
  /[書記關請機構發務縣區國會們證戶號財產權與為經應條劃業護衛進開設營稅險醫藥環農電訊網動價貿資續辦處領決類屬]/u;
/** Simplified forms that Japanese does not use (ja must use Japanese kanji). */
const SIMPLIFIED_ONLY =
  /[们证书记关请机构发务县户产权为经应划业护卫进开设营险药环农电讯网动价贸资续办处领决类]/u;

function* texts(file: TermFile) {
  for (const e of [...file.entries, ...file.patterns])
    for (const lang of TERM_LANGUAGES) yield { vi: e.vi, lang, text: e[lang].replace(/\{[a-z]+\d?\}/g, "") };
}

describe("term files (data/terms/*.json)", () => {
  it("are one file per kind, each valid", () => {
    expect(files).toEqual([...TERM_KINDS].sort().map((k) => `${k}.json`));
    for (const [i, f] of parsed.entries()) expect(`${f.kind}.json`).toBe(files[i]);
    expect(() => termBase()).not.toThrow();
  });

  it("leave no Vietnamese in en, zh, ko or ja", () => {
    const left = parsed.flatMap((f) =>
      [...texts(f)]
        .filter((t) => VIETNAMESE.test(t.text.replace(INSTRUMENT, "")))
        .map((t) => `${f.kind}/${t.lang}: ${t.text}`),
    );
    expect(left).toEqual([]);
  });

  it("write Chinese in Simplified characters and Japanese without Simplified-only characters", () => {
    const bad = parsed.flatMap((f) =>
      [...texts(f)]
        .filter(
          (t) =>
            (t.lang === "zh" && TRADITIONAL.test(t.text)) ||
            (t.lang === "ja" && SIMPLIFIED_ONLY.test(t.text)),
        )
        .map((t) => `${f.kind}/${t.lang}: ${t.text}`),
    );
    expect(bad).toEqual([]);
  });

  it("write Korean in Hangul and Japanese in Japanese script", () => {
    const bad = parsed.flatMap((f) =>
      [...texts(f)]
        .filter(
          (t) =>
            (t.lang === "ko" && /\p{L}{2}/u.test(t.text) && !/\p{Script=Hangul}/u.test(t.text)) ||
            (t.lang === "ja" &&
              /\p{L}{2}/u.test(t.text) &&
              !/[\p{Script=Han}\p{Script=Katakana}\p{Script=Hiragana}]/u.test(t.text)),
        )
        .map((t) => `${f.kind}/${t.lang}: ${t.text}`),
    );
    expect(bad).toEqual([]);
  });

  it("reject a file with a bad review mark, a missing language or a pattern whose slots differ", () => {
    const entry = {
      vi: "Đất đai",
      en: "Land",
      zh: "土地",
      ko: "토지",
      ja: "土地",
      count: 1,
      review: "machine-assisted",
    };
    const file = (over: object) => ({ kind: "fields", description: "test", entries: [entry], ...over });
    expect(() => parseTermFile(file({}), "fields.json")).not.toThrow();
    expect(() => parseTermFile(file({ entries: [{ ...entry, review: "ok" }] }), "fields.json")).toThrow(
      CatalogueError,
    );
    expect(() => parseTermFile(file({ entries: [{ ...entry, ja: "" }] }), "fields.json")).toThrow(
      /entries\.0\.ja/,
    );
    const pattern = {
      vi: "Sở Tư pháp {province}",
      en: "Department of Justice",
      zh: "{province}司法厅",
      ko: "{province} 사법국",
      ja: "{province}司法局",
      review: "machine-assisted",
    };
    expect(() => parseTermFile(file({ patterns: [pattern] }), "fields.json")).toThrow(/patterns\.0\.en/);
    expect(
      () => new TermBase([parseTermFile(file({ entries: [entry, { ...entry, vi: " đất  đai." }] }), "x")]),
    ).toThrow(/appears twice/);
  });
});

describe("termKey", () => {
  /** The key's definition, one rewrite after another; termKey skips the rewrites that would change nothing. */
  const TONES: Record<string, string> = {
    ...{ oà: "òa", oá: "óa", oả: "ỏa", oã: "õa", oạ: "ọa", oè: "òe", oé: "óe", oẻ: "ỏe", oẽ: "õe", oẹ: "ọe" },
    ...{ uỳ: "ùy", uý: "úy", uỷ: "ủy", uỹ: "ũy", uỵ: "ụy" },
  };
  const MARKER = /^(?:[-+•*–—·]+\s*|\(?\d{1,2}(?:\.\d{1,2})*[.)]\s*|\(?[a-zđ][).]\s+|\([ivx]{1,4}\)\s*)+/iu;
  const reference = (raw: string) => {
    let s = raw
      .normalize("NFC")
      .replace(/[\u200b-\u200f\u2060\ufeff]/g, "")
      .toLowerCase();
    s = s
      .replace(/\s+/g, " ")
      .trim()
      .replace(/^["“”'‘’]+|["“”'‘’]+$/g, "")
      .trim();
    s = s.replace(MARKER, "").replace(/[\s.;:,]+$/u, "");
    return s.replace(new RegExp(Object.keys(TONES).join("|"), "g"), (m) => TONES[m] ?? m).trim();
  };

  it("is the definition, on every term-base string and on strings of the characters it rewrites", () => {
    for (const f of parsed)
      for (const e of f.entries)
        for (const s of [e.vi, `- ${e.vi}.`, ` “${e.vi.toUpperCase()}”;\u3000`])
          expect(termKey(s)).toBe(reference(s));
    const char = fc.constantFrom(..." \t\n\u00a0\u2003\u200b\ufeff.;:,-•–a)(1.2“”'\"oàuỳOÀUỲhòaĐđ\u0300xiv");
    fc.assert(
      fc.property(
        fc.array(char, { maxLength: 24 }),
        (chars) => termKey(chars.join("")) === reference(chars.join("")),
      ),
      { numRuns: 20_000 },
    );
  });
});

describe("translateTerm", () => {
  it("finds a term whatever its spacing, case, list marker, end punctuation or tone-mark placement", () => {
    expect(translateTerm("fields", "Đất đai", "en")).toEqual({ text: "Land", machine: false });
    expect(translateTerm("fields", "  - đất   ĐAI ; ", "zh")?.text).toBe("土地");
    expect(termKey("a) Hoá chất.")).toBe(termKey("Hóa chất"));
    expect(translateTerm("fields", "Hoá chất", "ja")?.text).toBe("化学物質");
    expect(translateTerm("fields", "Hộ tịch", "ko")?.text).toBe("신분등록");
    expect(translateTerm("subjects", "Doanh nghiệp có vốn đầu tư nước ngoài", "ja")?.text).toBe("外資系企業");
    expect(translateTerm("channels", channelTerm("online"), "ko")?.text).toBe("온라인");
  });

  it("answers null for Vietnamese, an unknown language or an unknown string, and marks machine-assisted terms", () => {
    expect(translateTerm("fields", "Đất đai", "vi")).toBeNull();
    expect(translateTerm("fields", "Đất đai", "fr")).toBeNull();
    expect(translateTerm("fields", "Không có lĩnh vực này", "en")).toBeNull();
    const machine = termBase()
      .kind("fields")
      ?.entries.find((e) => e.review === "machine-assisted");
    if (machine)
      expect(translateTerm("fields", machine.vi, "en")).toEqual({ text: machine.en, machine: true });
  });

  it("fills a pattern's slots from other kinds (a province, an agency) and is machine-assisted if any part is", () => {
    const rev = { reviewed: "2026-12-03", by: "test" };
    const base = new TermBase([
      {
        kind: "provinces",
        description: "t",
        patterns: [],
        entries: [
          {
            vi: "Bắc Ninh",
            en: "Bac Ninh Province",
            zh: "北宁省",
            ko: "박닌성",
            ja: "バクニン省",
            count: 1,
            review: rev,
          },
        ],
      },
      {
        kind: "agencies",
        description: "t",
        abbreviations: [{ short: "UBND", long: "Ủy ban nhân dân" }],
        patterns: [
          {
            vi: "{agency} {province}",
            en: "{agency}, {province}",
            zh: "{province}{agency}",
            ko: "{province} {agency}",
            ja: "{province}{agency}",
            review: rev,
          },
        ],
        entries: [
          {
            vi: "Ủy ban nhân dân",
            en: "People's Committee",
            zh: "人民委员会",
            ko: "인민위원회",
            ja: "人民委員会",
            count: 1,
            review: rev,
          },
          {
            vi: "Sở Tư pháp",
            en: "Department of Justice",
            zh: "司法厅",
            ko: "사법국",
            ja: "司法局",
            count: 1,
            review: "machine-assisted",
          },
        ],
      },
    ]);
    expect(base.translate("agencies", "UBND tỉnh Bắc Ninh", "en")).toEqual({
      text: "People's Committee, Bac Ninh Province",
      machine: false,
    });
    expect(base.translate("agencies", "Sở Tư pháp - tỉnh Bắc Ninh", "zh")).toBeNull();
    expect(base.translate("agencies", "Sở Tư pháp Bắc Ninh", "zh")).toEqual({
      text: "北宁省司法厅",
      machine: true,
    });
    expect(base.translate("agencies", "Sở Tư pháp Hà Giang", "zh")).toBeNull();
  });
});

describe("coverage of the catalogue", async () => {
  const records: NationalRecord[] = [];
  for (const e of catalogue.entries) {
    const p = await catalogue.procedure(e.code);
    if (p) records.push(p.record);
  }
  const rows = termCoverage(termBase(), records);
  const share = (kind: string, lang: (typeof TERM_LANGUAGES)[number], by: "distinct" | "occurrences") => {
    const r = rows.find((x) => x.kind === kind);
    if (!r) throw new Error(`no row for ${kind}`);
    return r.languages[lang][by] / r[by];
  };

  it("translates most agency strings (≥ 85% of occurrences) into every language", () => {
    for (const lang of TERM_LANGUAGES)
      expect(share("agencies", lang, "occurrences")).toBeGreaterThanOrEqual(0.85);
  });

  // Issue 19 asks for 60% of document-line occurrences (reached: 60.7%); results are a ratchet, raised as translations land.
  it("translates the most frequent document lines (issue 19: ≥ 60% of occurrences) and results (ratchet)", () => {
    for (const lang of TERM_LANGUAGES) {
      expect(share("documents", lang, "occurrences")).toBeGreaterThanOrEqual(0.6);
      expect(share("results", lang, "occurrences")).toBeGreaterThanOrEqual(0.71);
    }
  });

  it("lists what is left to translate: every untranslated occurrence once, grouped by key, most frequent first", () => {
    const missing = untranslatedTerms(termBase(), records, "documents", "zh");
    const row = rows.find((x) => x.kind === "documents");
    if (!row) throw new Error("no documents row");
    // Lines that are only punctuation or a list marker (key "") cannot be translated and are not listed.
    const blank = records.flatMap((r) => recordTerms(r).documents).filter((s) => termKey(s) === "").length;
    expect(missing.reduce((n, m) => n + m.count, 0)).toBe(
      row.occurrences - row.languages.zh.occurrences - blank,
    );
    expect(new Set(missing.map((m) => m.key)).size).toBe(missing.length);
    for (const [i, m] of missing.entries()) {
      expect(termKey(m.vi)).toBe(m.key);
      if (i > 0) expect(m.count).toBeLessThanOrEqual(missing[i - 1]?.count ?? 0);
    }
    for (const m of missing.slice(0, 50)) expect(translateTerm("documents", m.vi, "zh")).toBeNull();
  });

  it("translates every field name, subject and channel into every language", () => {
    for (const lang of TERM_LANGUAGES) {
      expect(share("fields", lang, "distinct")).toBe(1);
      expect(share("subjects", lang, "distinct")).toBe(1);
      expect(share("channels", lang, "distinct")).toBe(1);
    }
  });
});

describe("npm run cli -- terms-coverage", () => {
  it("prints one row per kind and language with the shares", async () => {
    const { stdout } = await cli(["terms-coverage"]);
    const lines = stdout.trim().split("\n");
    expect(lines[0]).toBe(
      "kind\tlang\tdistinct\tdistinct%\toccurrences\toccurrences%\treviewed-occurrences%",
    );
    expect(lines).toHaveLength(1 + 6 * 4);
    expect(lines.some((l) => /^fields\tja\t283\/283\t100\.0\t5652\/5652\t100\.0\t[\d.]+$/.test(l))).toBe(
      true,
    );
    expect(lines.some((l) => /^documents\ten\t\d+\/\d+\t[\d.]+\t\d+\/28012\t[\d.]+\t[\d.]+$/.test(l))).toBe(
      true,
    );
    // Looks every catalogue string up in the whole term base: seconds when quiet, minutes on a loaded machine.
  }, 300_000);

  it("--missing <kind> prints the untranslated strings with their counts, most frequent first", async () => {
    const { stdout, code } = await cli(["terms-coverage", "--missing", "documents", "--limit", "5"]);
    expect(code).toBe(0);
    const lines = stdout.trim().split("\n");
    expect(lines).toHaveLength(5);
    const counts = lines.map((l) => Number(/^(\d+)\t\S/.exec(l)?.[1]));
    expect(counts.every((n) => n >= 1)).toBe(true);
    expect([...counts].sort((a, b) => b - a)).toEqual(counts);
    for (const l of lines) expect(translateTerm("documents", l.split("\t")[1] ?? "", "en")).toBeNull();
    expect((await cli(["terms-coverage", "--missing", "nothing"])).code).not.toBe(0);
  }, 300_000);
});
