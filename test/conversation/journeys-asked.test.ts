/**
 * A life event told with more than the event: the journey follows what the message asks, through the real app
 * (/api/chat) on a real SQLite file. Before, a foreign party named by a nationality ("chồng người Nhật") got the
 * journey of a marriage between two Vietnamese citizens, a branch of a foreign trader got the representative office's
 * licence as its first step, the kind of company asked for sat wherever the journey listed it, a company's head
 * office and a newly built house were read as moving house, a foreigner renting a room got a citizen's residence
 * registration, and "need to register the marriage" beside a Korean
 * fiancé asked which procedure instead of opening the marriage with a foreign element, the maternity benefit asked
 * beside a birth got the birth's journey, a foreigner's death got the citizens' death registration and the removal
 * of a permanent residence registration, and a Vietnamese girlfriend or wife named beside a lost passport, a birth or a
 * work permit got the wedding's journey.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { buildAppWithDatabase, catalogue, chatWith, shownCodes } from "../helpers/app.ts";

let chat: ReturnType<typeof chatWith>;

beforeAll(async () => {
  const app = await buildAppWithDatabase();
  chat = chatWith(app.app, "journeys-asked");
});

describe("a life event's journey follows what the message asks", () => {
  it("who the asker or the other party is tells the event alone, and beside another request is only who asks", async () => {
    for (const text of ["my Vietnamese girlfriend", "越南老婆"]) {
      const body = await chat(text);
      expect([text, body.meta.intent, body.meta.detail]).toEqual([text, "journey", "marriage-foreign"]);
    }
    const cases: [string, string][] = [
      ["my Vietnamese girlfriend lost her passport", "1.001445"],
      ["越南老婆的身份证丢了", "1.014064"],
      ["vợ là người nước ngoài, làm thẻ tạm trú cho vợ", "1.003460"],
    ];
    for (const [text, code] of cases) {
      const body = await chat(text);
      expect([text, body.meta.intent]).not.toEqual([text, "journey"]);
      expect([text, shownCodes(body)[0]]).toEqual([text, code]);
    }
    // Beside an event, other words that find a procedure by themselves, far ahead of the journey's steps, ask for it;
    // an event told with a little more stays its journey.
    const moved = await chat("이사했는데 오토바이 등록증 주소도 바꿔야 하나요");
    expect(moved.meta.intent).not.toBe("journey");
    expect(shownCodes(moved)[0]).toBe("1.013079");
    expect((await chat("con gái mình năm nay tròn 14 tuổi rồi")).meta.detail).toBe("turning-14");
    // A strong match ahead of every step (the construction permit's extension beside building a house), and a card's
    // worth where no step is found at all (a foreign-invested kindergarten, not the company's set-up), ask for it too.
    const extension = await chat("建房许可证 到期 延期");
    expect(extension.meta.intent).not.toBe("journey");
    expect(shownCodes(extension)[0]).toBe("1.013227");
    // What the search's own life events lift beside the event, well ahead of the journey's steps, too: a father's
    // pension left unpaid when he died is the arrears' claim, not the death's journey.
    const arrears = await chat("父亲去世了，他还有几个月的退休金没领");
    expect(arrears.meta.intent).not.toBe("journey");
    expect(shownCodes(arrears)[0]).toBe("2.000717");
    // Or lifted and grounded in the words where every step found is there by the lift alone: the pension paid to a
    // bank account beside retirement.
    const bank = await chat("退休以后养老金想从领现金改成打到银行卡");
    expect(bank.meta.intent).not.toBe("journey");
    expect(shownCodes(bank)[0]).toBe("2.000740");
    // A later step of the journey found by the other words, ahead of the next hit, opens that step's card at a lower
    // score than a strong match: the inheritance agreement's certification beside a death.
    const inheritance = await chat("母が亡くなったので、実家の遺産分割協議書の認証をお願いしたい");
    expect(inheritance.meta.intent).toBe("card");
    expect(inheritance.meta.code).toBe("2.001406");
    const kindergarten = await chat("外资幼儿园设立许可");
    expect(kindergarten.meta.intent).not.toBe("journey");
    expect(catalogue.entry(shownCodes(kindergarten)[0] ?? "")?.names.vi).toMatch(/mầm non/);
    // A wedding asked beside who the other party is stays the wedding's journey.
    expect((await chat("ベトナム人の彼女と結婚したい")).meta.detail).toBe("marriage-foreign");
  });

  it("a nationality named as the other party is the foreign twin's journey", async () => {
    const body = await chat("muốn cưới chồng người Nhật thì làm sao");
    expect(body.meta.intent).toBe("journey");
    expect(body.meta.detail).toBe("marriage-foreign");
    // The domestic journey's marriage (1.000894) is not offered to a couple with a foreign party.
    expect(shownCodes(body)).toContain("2.000806");
    expect(shownCodes(body)).not.toContain("1.000894");
  });

  it("a foreigner's death is the death journey's foreign twin: the registration with a foreign element first", async () => {
    for (const text of [
      "my husband, a Canadian citizen, passed away in Hanoi, how do I register the death",
      "日本人の父がホーチミンで亡くなった",
    ]) {
      const body = await chat(text);
      expect(body.meta.intent, text).toBe("journey");
      expect(body.meta.detail, text).toBe("death-foreign");
      // Not the citizens' death registration (1.000656), nor the removal of a residence registration they never had.
      expect(shownCodes(body)[0], text).toBe("1.001766");
      expect(shownCodes(body), text).not.toContain("1.003197");
    }
    // A citizen's death keeps the citizens' journey.
    const own = await chat("bố tôi mất, cần làm những thủ tục gì");
    expect(own.meta.detail).toBe("death");
    expect(shownCodes(own)[0]).toBe("1.000656");
  });

  it("a baby with a foreign parent is the birth journey's foreign twin: the registration with a foreign element", async () => {
    const body = await chat(
      "my baby was born in Da Nang, I'm French and my wife is Vietnamese, how do we register the birth",
    );
    expect(body.meta).toMatchObject({ intent: "journey", detail: "birth-foreign" });
    expect(shownCodes(body)[0]).toBe("2.000528");
    // Not the interlinked registration of a citizen's child (birth, residence, health card), nor its plain birth.
    expect(shownCodes(body)).not.toContain("2.000986");
    expect((await chat("vợ tôi mới sinh em bé")).meta).toMatchObject({ intent: "journey", detail: "birth" });
  });

  it("a used vehicle bought is the change of owner's journey; a new one keeps the first registration", async () => {
    // Before, both got one journey whose first step was a new vehicle's first registration (1.012575).
    for (const text of [
      "mình vừa mua lại chiếc xe máy cũ của hàng xóm",
      "bought a second-hand scooter off a colleague last week",
      "在越南买了一辆二手摩托",
      "중고 오토바이를 샀는데요",
      "知り合いから中古バイクを買った",
    ]) {
      const body = await chat(text);
      expect(body.meta, text).toMatchObject({ intent: "journey", detail: "buy-used-vehicle" });
      // The change of owner, then what it needs: the seller's revocation of the registration, the registration fee.
      expect(shownCodes(body).slice(0, 3), text).toEqual(["1.013076", "1.013065", "1.007700"]);
    }
    // A second-hand boat is no vehicle of this journey.
    expect((await chat("买了二手货船，要过户到公司名下")).meta.detail).not.toBe("buy-used-vehicle");
    for (const text of ["tôi mới mua xe máy mới", "just bought a new motorbike"]) {
      const body = await chat(text);
      expect(body.meta, text).toMatchObject({ intent: "journey", detail: "buy-vehicle" });
      expect(shownCodes(body)[0], text).toBe("1.012575");
    }
    // Importing a used car is customs, not this journey.
    expect((await chat("nhập khẩu ô tô cũ")).meta.detail).not.toBe("buy-used-vehicle");
  });

  it("a message naming what the event's journey does not hold is searched, not answered with the journey", async () => {
    for (const [text, code] of [
      ["I'm retiring and moving abroad, can I take my pension as a one-off payment", "2.000755"],
      ["bought a house, how do I transfer the electricity contract to my name", "3.000099"],
      ["cần tách thửa trước khi làm nhà", "1.012784"],
    ] as const) {
      const body = await chat(text);
      expect(body.meta.intent, text).not.toBe("journey");
      expect(shownCodes(body)[0], text).toBe(code);
    }
    // The event told alone keeps its journey.
    expect((await chat("sắp nghỉ hưu cần làm gì")).meta).toMatchObject({
      intent: "journey",
      detail: "retirement",
    });
  });

  it("a journey's step shows the alternative asked for in its place, the step's own procedure beside it", async () => {
    const body = await chat("外国公司在越南设立分公司要办什么");
    expect(body.meta.intent).toBe("journey");
    expect(body.meta.detail).toBe("foreign-trader-office");
    // The branch's licence (1.000376) first; the representative office's (2.000063) stays the other way.
    expect(shownCodes(body)[0]).toBe("1.000376");
    expect(JSON.stringify(body.replies)).toContain("2.000063");
    // Steps the message does not ask about keep their own procedure (the confirmation, not the work permit).
    expect(shownCodes(body)).toContain("1.014196");
    // Told without a branch, the journey opens on the representative office.
    const office = await chat("设立代表处要办什么");
    expect(office.meta.detail).toBe("foreign-trader-office");
    expect(shownCodes(office)[0]).toBe("2.000063");
  });

  it("a journey of kinds to choose between lists the kind asked for first", async () => {
    const plain = await chat("mở công ty");
    expect(plain.meta.intent).toBe("journey");
    expect(shownCodes(plain)[0]).toBe("2.001583");
    // A limited company of two or more members, second in the journey's order.
    const asked = await chat("set up a company with several members");
    expect(asked.meta.intent).toBe("journey");
    expect(shownCodes(asked)[0]).toBe("2.001199");
    expect([...shownCodes(asked)].sort()).toEqual([...shownCodes(plain)].sort());
  });

  it("a company's address and a newly built house are not moving house", async () => {
    for (const text of ["회사 본점 주소 변경하고 싶어요", "bổ sung nhà mới xây vào giấy chứng nhận"]) {
      const body = await chat(text);
      expect(body.meta.intent, text).not.toBe("journey");
      expect(shownCodes(body)[0], text).not.toBe("1.004222");
    }
  });

  it("a foreigner moving or renting is not a citizen's residence journey", async () => {
    for (const text of ["외국인이 이사하면 신고해야 하나요", "外国人租房要报住宿吗"]) {
      const body = await chat(text);
      expect(body.meta.intent, text).not.toBe("journey");
      // The declaration of a foreigner's temporary residence, not a citizen's permanent residence.
      expect(shownCodes(body)[0], text).toBe("1.001437");
    }
    expect((await chat("chuyển nhà sang quận khác")).meta.detail).toBe("moving");
  });

  it("beside the event, a step named by the other words opens that step", async () => {
    const body = await chat("sắp lấy chồng người Hàn, cần đăng ký kết hôn ở đâu");
    expect(body.meta.intent).toBe("card");
    expect(body.meta.code).toBe("2.000806");
    // A later step well ahead of the next hit, beside the event's words: the maternity benefit after a birth.
    const benefit = await chat("had a baby last week, how to claim maternity benefit");
    expect(benefit.meta.intent).toBe("card");
    expect(benefit.meta.code).toBe("2.000693");
    // The event told alone still gets the journey.
    const told = await chat("lấy chồng người Hàn");
    expect(told.meta.intent).toBe("journey");
  });
});
