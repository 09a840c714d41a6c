/**
 * Words that ask for a part of a procedure (fees, time, agency…) inside the name of the procedure asked for:
 * through the real app (/api/chat) on a real SQLite file. Before, every one of the 5,652 names typed as a message
 * was read as asking a part in 5,159 of 28,260 name–language pairs, and the part's words were taken out of the
 * search: "gia hạn tạm trú" (extend a stay) searched "hạn tạm trú" for its fees, "tham gia bảo hiểm xã hội tự
 * nguyện" searched "tham bảo hiểm hội tự nguyện" for fees and the commune, "在留期間更新" (renewing the period of
 * stay) searched "在留 更新" and listed a driving licence, an identity card and an accommodation notice.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { Understander } from "../../src/conversation/understand.ts";
import { buildAppWithDatabase, chatWith, shownCodes } from "../helpers/app.ts";

let app: Awaited<ReturnType<typeof buildAppWithDatabase>>;
let chat: ReturnType<typeof chatWith>;

beforeAll(async () => {
  app = await buildAppWithDatabase();
  chat = chatWith(app.app, "part-words");
});

describe("a part's word inside the name asked for", () => {
  it("stays in the request: the procedure named comes first, not a part of another one", async () => {
    const cases: [string, string[]][] = [
      // gia hạn = extend (not giá, price); the stay's extension for a foreigner or a citizen's.
      ["gia hạn tạm trú", ["1.002755"]],
      // A foreigner's stay extended at the province's immigration office or at the Ministry of Foreign Affairs.
      ["gia han visa", ["1.001146", "1.000039"]],
      ["gia hạn giấy phép lao động", ["1.014201"]],
      // 在留期間 / 체류기간: the period of stay, not the processing time.
      ["在留期間更新", ["1.001146"]],
      ["在留期間の延長", ["1.001146"]],
      // hợp tác xã = a cooperative, not the commune's office.
      ["thành lập hợp tác xã", ["1.005280"]],
    ];
    for (const [text, codes] of cases) {
      const body = await chat(text);
      expect(["card", "list"], text).toContain(body.meta.intent);
      expect(
        shownCodes(body)
          .slice(0, 3)
          .some((c) => codes.includes(c)),
        `${text} → ${shownCodes(body).join(",")}`,
      ).toBe(true);
    }
  });

  it("still reads a part asked beside a name, and a follow-up about the card on screen", async () => {
    const fee = await chat("phí làm hộ chiếu");
    expect(fee.meta.intent).toMatch(/^(section|card|list)$/);
    const sessionId = "part-words-followup";
    const card = await chat("1.014199", sessionId);
    expect(card.meta).toMatchObject({ intent: "card", code: "1.014199" });
    // "papers" names papers in other procedures' names; with a card on screen it asks for this card's documents.
    const papers = await chat("what papers should I bring", sessionId);
    expect(papers.meta).toMatchObject({ intent: "section", code: "1.014199" });
    const extension = await chat("gia hạn giấy phép lao động thì sao", sessionId);
    expect(shownCodes(extension)[0]).toBe("1.014201");
  });
});

describe("a request with a part's word and nothing on screen", () => {
  it("is searched as typed, and the part is shown of what it finds", async () => {
    // Without "địa chỉ" (address: a part's word for where to file) the search found another household-business
    // procedure first; "tờ khai" (a declaration form: documents) and "コピー" (a copy) likewise name the object.
    const cases: [string, string][] = [
      ["đổi địa chỉ hộ kinh doanh sang chỗ mới", "2.000720"],
      ["卒業証書コピーの認証", "2.000815"],
    ];
    for (const [text, code] of cases) expect(shownCodes(await chat(text))[0], text).toBe(code);
  });
});

describe("one-syllable part words typed without diacritics, and words that hold one", () => {
  const understander = new Understander(new Set());
  const read = (text: string) => understander.understand(text, { listed: 0 });
  it("matches giá, xã, phạt and phường only as typed with their diacritics", () => {
    expect(read("gia han the tam tru")).toMatchObject({ kind: "procedure", sections: [] });
    expect(read("cap phat the bhyt")).toMatchObject({ kind: "procedure", sections: [] });
    expect(read("giá làm hộ chiếu")).toMatchObject({ kind: "procedure", sections: ["fees"] });
    expect(read("nộp ở phường nào")).toEqual({ kind: "followup", sections: ["agency"] });
    // phí stays loose: "phi lam ho chieu" is the passport's fee.
    expect(read("phi lam ho chieu")).toMatchObject({ kind: "procedure", sections: ["fees"] });
  });
  it("reads 'hết hạn', 'quá hạn', 'expire' beside a request as the asker's situation, alone as a question", () => {
    expect(read("bằng lái ô tô hết hạn")).toMatchObject({
      kind: "procedure",
      query: "bằng lái ô tô hết hạn",
      sections: [],
    });
    expect(read("visa quá hạn")).toMatchObject({ kind: "procedure", sections: [] });
    expect(read("hết hạn thì sao")).toEqual({ kind: "followup", sections: ["time"] });
  });
  it("asks nothing about a part inside a word that names something else", () => {
    for (const text of [
      "tham gia bảo hiểm xã hội tự nguyện",
      "thành lập hợp tác xã",
      "đấu giá quyền sử dụng đất",
      "certificate of free sale",
      "register a law firm",
    ])
      expect(read(text), text).toMatchObject({ kind: "procedure", sections: [] });
  });
});

describe("a card needs the words as typed", () => {
  it("lists, rather than opens, a winner matched only once marks are folded or only by the asker's city", async () => {
    // "giảm cân" (to lose weight) is in "giám định ADN" only without its marks; "Hà Nội" is where the asker lives.
    for (const text of ["làm sao để giảm cân", "xin việc làm ở hà nội"]) {
      const body = await chat(text);
      expect(body.meta.intent, text).not.toBe("card");
    }
    // The city beside a request named as typed changes nothing.
    const stay = await chat("đăng ký tạm trú ở hà nội");
    expect(shownCodes(stay)[0]).toBe("1.004194");
  });
});

describe("a life event told beside a request outside its journey", () => {
  it("answers the request when it is clear and strong, and the journey otherwise", async () => {
    // Winding up a company named the foreign investor's set-up journey; the registration fee after buying a house
    // the house purchase's: neither journey holds the procedure asked for.
    const cases: [string, string][] = [
      ["베트남 법인 청산 폐업", "2.002023"],
      ["mua nhà xong phải nộp lệ phí trước bạ ở đâu", "1.007277"],
    ];
    for (const [text, code] of cases) {
      const body = await chat(text);
      expect(body.meta.intent, text).not.toBe("journey");
      expect(shownCodes(body)[0], text).toBe(code);
    }
    // A later step of the journey asked for by its own words opens that step; the event alone keeps its journey.
    const card = await chat("residence card for foreign investor, how much does it cost");
    expect(card.meta).toMatchObject({ intent: "card", code: "1.003460" });
    const marriage = await chat("tôi sắp kết hôn");
    expect(marriage.meta).toMatchObject({ intent: "journey", detail: "marriage" });
    // A foreign-invested company's other acts are not its set-up (life-events.json unless): its dissolution.
    const dissolve = await chat("外资企业办理解散");
    expect(shownCodes(dissolve)[0]).toBe("2.002023");
    for (const [text, id] of [
      ["外资企业注册", "foreign-investor"],
      ["bị mất ví, mất luôn căn cước và bằng lái", "lost-documents"],
    ] as const)
      expect((await chat(text)).meta, text).toMatchObject({ intent: "journey", detail: id });
    // Moving to another province: the journey, not the weak match a vessel's re-registration made.
    const moving = await chat("chuyển nhà sang tỉnh khác thì phải làm những thủ tục gì");
    expect(moving.meta).toMatchObject({ intent: "journey", detail: "moving" });
  });
});
