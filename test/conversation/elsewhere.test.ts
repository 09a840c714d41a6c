/**
 * Asks done elsewhere than a public office, and notes on papers that no longer exist
 * (data/conversation/elsewhere.json): through the real app (/api/chat) on a real SQLite file. Before these, "where
 * can I buy a SIM card" got the health-insurance card's card, "xin visa đi Mỹ" foreigners' Vietnamese visas, "how do
 * I open a bank account" the State Bank's procedures for credit institutions, and "làm cmnd" the junk reply.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { ELSEWHERE, Understander } from "../../src/conversation/understand.ts";
import { buildAppWithDatabase, catalogue, chatWith } from "../helpers/app.ts";

// A procedure's own name pasted as it is wins over all of this: test/conversation/false-alarms.test.ts.

let app: Awaited<ReturnType<typeof buildAppWithDatabase>>;
let chat: ReturnType<typeof chatWith>;

beforeAll(async () => {
  app = await buildAppWithDatabase();
  chat = chatWith(app.app, "elsewhere");
});

describe("asks done elsewhere", () => {
  it("says where it is done, in the asker's language, and searches nothing", async () => {
    const cases: [string, string, string][] = [
      ["how do I open a bank account", "bank-account", "en"],
      ["cho mình hỏi mở tài khoản ngân hàng cần những gì", "bank-account", "vi"],
      ["外国人怎么开银行账户", "bank-account", "zh"],
      ["은행 계좌 개설하려면 뭐가 필요해요?", "bank-account", "ko"],
      ["銀行口座を開設したいです", "bank-account", "ja"],
      ["where can I buy a SIM card", "sim-card", "en"],
      ["dang ky sim chinh chu o dau", "sim-card", "vi"],
      ["유심 어디서 사요", "sim-card", "ko"],
      ["xin visa đi Mỹ cần gì", "foreign-visa", "vi"],
      ["I need a visa to Japan for my wife", "foreign-visa", "en"],
      ["bảo hiểm xe máy mua ở đâu", "vehicle-insurance", "vi"],
      ["how do I open the direct investment capital account", "capital-account", "en"],
      // A theft told the day after: the local police take the report, and the papers are replaced (not 113 at once).
      ["hôm qua tôi bị trộm xe máy", "theft-report", "vi"],
      ["my phone was stolen yesterday", "theft-report", "en"],
      ["昨天我的摩托车被偷了", "theft-report", "zh"],
      ["어제 지갑을 도난당했어요", "theft-report", "ko"],
      ["昨日財布を盗まれました", "theft-report", "ja"],
    ];
    for (const [text, id, lang] of cases) {
      const body = await chat(text);
      expect(body.meta, text).toMatchObject({ intent: "elsewhere", detail: id });
      expect(body.lang, text).toBe(lang);
      const entry = ELSEWHERE.find((e) => e.id === id);
      expect(body.replies[0]?.blocks[0]?.text, text).toBe(entry?.text[lang as "en"]);
      // No procedure card or list was made of the message's words; a person is a button away.
      const buttons = body.replies.flatMap((r) => r.buttons.flat());
      expect(buttons.some((b) => b.action === "h")).toBe(true);
      const opened = buttons.flatMap((b) => (b.action?.startsWith("p:") ? [b.action.slice(2)] : []));
      expect(opened, text).toEqual(entry?.related);
    }
  });

  it("offers what Vietnam does issue: the passport before another country's visa, a number picks it", async () => {
    const sessionId = "elsewhere-visa-then-1";
    const body = await chat("muốn xin visa du lịch Nhật Bản", sessionId);
    expect(body.meta).toMatchObject({ intent: "elsewhere", codes: ["1.001456"] });
    const picked = await chat("1", sessionId);
    expect(picked.meta).toMatchObject({ intent: "card", code: "1.001456" });
  });

  it("keeps procedures that only sound alike: Vietnam's own visas, the State Bank's accounts, a simulator", () => {
    const u = new Understander();
    for (const text of [
      "I'm American, how do I get a visa to Vietnam",
      "my Japanese passport, can I extend my visa in Vietnam",
      "日本人ですがビザを延長したい",
      "미국 여권인데 베트남 비자 연장",
      "mở tài khoản thanh toán tại Ngân hàng Nhà nước",
      "chuyển nhận lương hưu sang tài khoản ngân hàng",
      "phê chuẩn thiết bị huấn luyện bay mô phỏng SIM",
      "quỹ bảo hiểm xe cơ giới",
      "đăng ký giao dịch ngoại hối tài khoản vốn đầu tư trực tiếp",
    ])
      expect(u.understand(text, { listed: 0 }).kind, text).not.toBe("elsewhere");
  });
});

describe("notes on papers that no longer exist", () => {
  it("says the household book was abolished above the search's answer", async () => {
    for (const text of ["làm lại sổ hộ khẩu bị mất", "tach so ho khau", "户口本丢了怎么办"]) {
      const body = await chat(text);
      expect(body.meta.notes, text).toEqual(["household-book"]);
      expect(["card", "list", "clarify"]).toContain(body.meta.intent);
      expect(body.replies[0]?.blocks.map((b) => b.text)).toEqual([
        ELSEWHERE.find((e) => e.id === "household-book")?.text[body.lang as "vi"],
      ]);
      expect(body.replies.length).toBeGreaterThan(1);
    }
  });

  it("reads 'cmnd' as the old identity card it stands for, with the note, not as junk", async () => {
    for (const text of ["làm cmnd", "cmnd", "cấp lại chứng minh nhân dân bị mất"]) {
      const body = await chat(text);
      expect(body.meta.intent, text).not.toBe("junk");
      expect(body.meta.notes, text).toEqual(["old-id-card"]);
    }
  });

  it("tells a foreign-language reader who lost a passport that their own country replaces it; not a Vietnamese one", async () => {
    for (const text of [
      "I lost my passport",
      "护照丢了怎么办",
      "여권을 분실했어요",
      "パスポートを紛失しました",
    ]) {
      const body = await chat(text);
      expect(body.meta.notes, text).toEqual(["foreign-passport"]);
    }
    const vi = await chat("tôi bị mất hộ chiếu");
    expect(vi.meta.notes).toBeUndefined();
    expect(vi.meta.code ?? vi.meta.codes?.[0]).toBe("1.001445");
  });
});

describe("elsewhere.json", () => {
  it("offers only real procedures and journeys, and cites a source for every entry", () => {
    for (const e of ELSEWHERE) {
      for (const code of e.related) expect(catalogue.entry(code), `${e.id} → ${code}`).not.toBeNull();
      expect(e.sources.length, e.id).toBeGreaterThan(0);
      for (const s of e.sources) expect(s.document ?? s.url, `${e.id}: ${s.title}`).toBeTruthy();
    }
  });
});
