/**
 * No false alarms: a procedure request never reads as an emergency, however its words sound ("cấp lại sổ đỏ bị
 * cháy", "giấy chứng nhận phòng cháy chữa cháy", "补发驾驶证"). Every query of the search evaluation sets
 * (test/search/eval-*.json, written by other helpers for the search engine, in five languages) runs through the
 * understanding step with the catalogue's vocabulary, as the conversation core builds it, and so does every name of
 * the catalogue in the five languages (a name pasted as it is: "Cấp giấy phép dịch vụ nổ mìn", "赤十字救急所の活動許可証
 * の交付", "Khóa tài khoản định danh điện tử"). Nothing else may hide a request either: no search query reads as
 * small talk, junk, out of scope, a handoff or feedback.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { Understander } from "../../src/conversation/understand.ts";
import { loadCatalogue } from "../../src/node/catalogue.ts";

const catalogue = loadCatalogue();
const words = catalogue.vocabulary();
const understander = new Understander(new Set([...words.vi, ...words.en]));
const SEARCH_SETS = ["eval-queries", "eval-fresh", "eval-fresh2", "eval-investor"];

function searchQueries(): string[] {
  return SEARCH_SETS.flatMap((name) => {
    const set = JSON.parse(readFileSync(new URL(`../search/${name}.json`, import.meta.url), "utf8")) as
      | { q: string }[]
      | { queries: { q: string }[] };
    return (Array.isArray(set) ? set : set.queries).map((q) => q.q);
  });
}

const alarms = (texts: string[]) =>
  texts.filter((text) => understander.understand(text, { listed: 0 }).kind === "emergency");

describe("no false alarms on procedure requests", () => {
  it("reads no query of the search evaluation sets as an emergency", () => {
    const queries = searchQueries();
    expect(queries.length).toBeGreaterThan(2000);
    expect(alarms(queries)).toEqual([]);
  });

  it("reads no procedure name of the catalogue, in any of the five languages, as an emergency", () => {
    const names = catalogue.entries.flatMap((e) =>
      Object.values(e.names).filter((n): n is string => typeof n === "string"),
    );
    expect(names.length).toBeGreaterThan(20_000);
    expect(alarms(names)).toEqual([]);
    // 28,260 names take about 6 s on a quiet machine: a generous limit keeps a loaded one from failing it.
  }, 180_000);

  it("reads every query of the search evaluation sets as a request (or a life event or a follow-up)", () => {
    const hidden = searchQueries().filter((text) =>
      ["smalltalk", "junk", "outOfScope", "injection", "handoff", "feedback"].includes(
        understander.understand(text, { listed: 0 }).kind,
      ),
    );
    expect(hidden).toEqual([]);
  });

  it("reads procedures about a fire, an accident, a death or a loss as procedures", () => {
    expect(
      alarms([
        "cấp lại sổ đỏ bị cháy",
        "giấy chứng nhận phòng cháy chữa cháy",
        "đăng ký khai tử",
        "thẻ căn cước bị gãy, hỏng chip",
        "chế độ tai nạn lao động",
        "bồi thường thiệt hại do cháy nổ",
        "xin cấp lại bằng lái bị mất trộm",
        "reissue a passport that burned in a fire",
        "fire safety certificate for a restaurant",
        "补发被盗的驾驶证",
        "火灾后补办房产证",
        "화재로 탄 여권 재발급",
        "火事で焼けた在留カードの再交付",
        "giấy phép sử dụng vật liệu nổ công nghiệp",
        "đăng ký hoạt động kinh doanh",
        "땅 사고 명의 이전",
      ]),
    ).toEqual([]);
  });
});
