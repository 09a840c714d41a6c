/**
 * No false alarms: a procedure request never reads as an emergency, however its words sound ("cấp lại sổ đỏ bị
 * cháy", "giấy chứng nhận phòng cháy chữa cháy", "补发驾驶证"). Every query of the search evaluation and development
 * sets (test/search/eval-*.json, written by other helpers for the search engine, in five languages) runs through the
 * understanding step with the catalogue's vocabulary, as the conversation core builds it, and so does every name of
 * the catalogue in the five languages (a name pasted as it is: "Cấp giấy phép dịch vụ nổ mìn", "赤十字救急所の活動許可証
 * の交付", "Khóa tài khoản định danh điện tử"). Nothing else may hide a request either: no search query reads as
 * small talk, junk, out of scope, a handoff or feedback.
 */
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { termKey } from "../../src/catalogue/terms.ts";
import { Conversation, MemorySessionStore } from "../../src/conversation/index.ts";
import { Understander } from "../../src/conversation/understand.ts";
import { catalogue, searcher } from "../helpers/app.ts";

const words = catalogue.vocabulary();
const understander = new Understander(new Set([...words.vi, ...words.en]));
const SEARCH_SETS = [
  "eval-queries",
  "eval-fresh",
  "eval-fresh2",
  "eval-investor",
  // The development sets dev3 … dev15.
  ...Array.from({ length: 13 }, (_, i) => `eval-dev${i + 3}`),
];
/**
 * A theft told with no day, no word of a procedure and nothing else happening is read as happening: 113 first, then
 * the paper (a day before it makes it the police report: elsewhere.test.ts). Three questions of the development sets
 * tell one so.
 */
const THEFTS_TOLD_AS_HAPPENING = [
  "my work permit was in my bag that got snatched on the street, what now?",
  "여행 중 여권을 도난당해서 대사관에서 새 여권 받았는데 출국하려면 비자를 새로 받아야 한대요",
  "가방을 도둑맞았는데 베트남 아내 여권이 들어 있었어요. 동네 공안에 신고해야 하나요",
];

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
  it("reads no query of the search evaluation sets as an emergency, but thefts told as happening", () => {
    const queries = searchQueries();
    expect(queries.length).toBeGreaterThan(5000);
    expect(alarms(queries)).toEqual(THEFTS_TOLD_AS_HAPPENING);
  });

  /** Every name of the catalogue in five languages (28,260), with the code it names and how it is understood. */
  let names: { code: string; name: string; kind: string }[] = [];

  it("reads no procedure name of the catalogue, in any of the five languages, as an emergency", () => {
    names = catalogue.entries.flatMap((e) =>
      Object.values(e.names)
        .filter((n): n is string => typeof n === "string")
        .map((name) => ({ code: e.code, name, kind: understander.understand(name, { listed: 0 }).kind })),
    );
    expect(names.length).toBeGreaterThan(20_000);
    expect(names.filter((n) => n.kind === "emergency").map((n) => n.name)).toEqual([]);
    // 28,260 names take about 2 s on a quiet machine: a generous limit keeps a loaded one from failing it.
  }, 180_000);

  it("answers a name of the catalogue pasted as it is with that procedure, whatever its words sound like", async () => {
    // Names that read as a request for a person ("tư vấn viên"), a rating ("đánh giá rủi ro"), something out of
    // scope ("online video game"), an injection ("to act as a petroleum distributor") or something done elsewhere
    // (a bank account) on their own.
    const misread = names.filter((n) =>
      ["handoff", "feedback", "outOfScope", "injection", "elsewhere"].includes(n.kind),
    );
    expect(misread.length).toBeGreaterThan(50);
    const conversation = new Conversation({
      catalogue,
      searcher,
      sessions: new MemorySessionStore(),
      province: null,
    });
    const wrong: string[] = [];
    for (const [i, n] of misread.entries()) {
      const reply = await conversation.handle({
        channel: "web",
        chatId: `pasted:${i}`,
        userId: null,
        text: n.name,
      });
      const codes = [reply.meta?.code, ...(reply.meta?.codes ?? [])];
      // Its card, its variants to choose from, or a list holding it (another procedure may bear the same name).
      const key = termKey(n.name);
      const named = codes.some((c) =>
        Object.values(catalogue.entry(c ?? "")?.names ?? {}).some((m) => m !== null && termKey(m) === key),
      );
      if (!["card", "clarify", "list"].includes(reply.meta?.intent ?? "") || !named)
        wrong.push(`${n.code} ${n.name} → ${reply.meta?.intent} ${codes.join(",")}`);
    }
    expect(wrong).toEqual([]);
  }, 180_000);

  it("reads every query of the search evaluation sets as a request (or a life event or a follow-up), never as done elsewhere", () => {
    const hidden = searchQueries().filter((text) =>
      ["smalltalk", "junk", "outOfScope", "injection", "handoff", "feedback", "elsewhere"].includes(
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
        // A danger word across the edge of a word of the request: "保本" (bait) in 社保本, the social insurance book.
        "社保本丢了",
        // Insurance named beside an injury, and an accident on the way to work (a work accident in law): benefits.
        "工地上受伤了，医保能报吗",
        "tai nạn giao thông trên đường đi làm",
        "財布ごと在留カードを盗まれたので再発行したい",
        // An English word two letters from a danger word is not it ("pause" is not "abuse").
        "how do I pause my business for two months",
      ]),
    ).toEqual([]);
  });

  it("reads an injury at work told afterwards as the work-accident journey, and mixed parentage as no bleeding", () => {
    const kinds = (texts: string[]) => texts.map((t) => understander.understand(t, { listed: 0 }).kind);
    const injuries = [
      "我的同事工作时受伤了",
      "동료가 작업 중 다쳤는데 어떻게 해야 하나요",
      "夫が仕事中にけがをしました",
      // "スタッフ" here is the factory's staff, not a request for the help desk's.
      "工場のスタッフが仕事中に怪我をした",
    ];
    expect(kinds(injuries)).toEqual(injuries.map(() => "lifeEvent"));
    expect(
      alarms(["混血の子の国籍を取りたい", "混血儿入籍", "my phone and ID were stolen, I need a new ID"]),
    ).toEqual([]);
    // Still emergencies: someone not breathing at work, and bleeding at a site with a plea.
    expect(
      alarms(["同僚が仕事中に倒れて息をしていない", "工地上有人受伤了流了很多血快叫救护车"]),
    ).toHaveLength(2);
  });

  it("reads a Japanese past told with しまいました as past, and a disability assessed after a crash as a request", () => {
    // "いま" (now) inside "しまいました" (have … , regrettably) and "います" is a verb's ending, not the word.
    expect(
      alarms([
        "台風で家の権利証をなくしてしまいました",
        "地震で車の登録証が見つからなくなってしまいました",
        "my uncle lost a hand in a crash and needs his level of disability assessed",
      ]),
    ).toEqual([]);
    // Still emergencies: a child who swallowed medicine, told politely; someone collapsed, told as happening.
    expect(alarms(["子供が薬を飲んでしまいました", "父が倒れています", "母はいま倒れた"])).toHaveLength(3);
  });
});
