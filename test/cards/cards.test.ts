import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { Language } from "../../src/catalogue/index.ts";
import { parseNationalRecord } from "../../src/catalogue/national-parser.ts";
import { messageText } from "../../src/conversation/card-audit.ts";
import { buildCard, type Card, Conversation, MemorySessionStore } from "../../src/conversation/index.ts";
import { LANGUAGES, resources } from "../../src/i18n/index.ts";
import { catalogue, searcher } from "../helpers/app.ts";

/**
 * One card per defect class the audit counts, each built from a real export file (test/fixtures/national/defects/)
 * that is checked to be the record the catalogue imported.
 */
const DATE = "2026-12-03";
const fixture = (code: string) =>
  parseNationalRecord(
    readFileSync(new URL(`../fixtures/national/defects/${code}.txt`, import.meta.url), "utf8"),
  );

async function card(code: string, lang: Language = "vi", date = DATE): Promise<Card> {
  const p = await catalogue.procedure(code);
  if (!p) throw new Error(`no ${code}`);
  // The fixture is the very file the catalogue was imported from.
  expect(p.record).toMatchObject(fixture(code));
  return buildCard(p, catalogue, lang, { province: null, date });
}
const section = (c: Card, id: string) => c.sections.find((s) => s.id === id)?.lines.join("\n") ?? "";

describe("cards tell the national record's truth", () => {
  it("never shows 'no information' as free, and keeps every channel line (1.002155)", async () => {
    const record = fixture("1.002155");
    expect(record.channels.map((c) => c.kind)).toEqual(["online", "postal", "counter", "online"]);
    expect(record.channels[0]?.fees[0]?.status).toBe("no_info");
    const fees = section(await card("1.002155"), "fees");
    expect(fees).not.toMatch(/Không mất phí/);
    expect(fees).toMatch(/không có thông tin phí/);
    // The second ONLINE line's 3,000,000 đ, with the case that sets it apart.
    expect(fees).toMatch(/Trực tuyến: 3\.000\.000 ₫ \[Trường hợp xử lý bình thường/);
    expect(fees).toMatch(/hãy hỏi cơ quan giải quyết/);
    const en = section(await card("1.002155", "en"), "fees");
    expect(en).toMatch(/no fee information/);
    expect(en).not.toMatch(/No fee/);
  });

  it("shows an amount given on one channel only (1.000271: 2,000,000 đ by post)", async () => {
    const fees = section(await card("1.000271"), "fees");
    expect(fees).toMatch(/Qua bưu chính: 2\.000\.000 ₫/);
    expect(fees).toMatch(/4\.000\.000 ₫/);
  });

  it("does not cut again an amount that already includes the TT 64/2025 cut, nor an unclear one", async () => {
    // 25,000 đ is the cut price the note names (until 31/12/2026): it stays 25,000, never 12,500.
    const pass = section(await card("1.014364"), "fees");
    expect(pass).toMatch(/25\.000 ₫ \(áp dụng đến 31\/12\/2026\)/);
    expect(pass).not.toMatch(/12\.500/);
    // 50,000 đ is the full rate; the note gives 25,000 as the cut one: shown as today's price.
    expect(section(await card("1.014901"), "fees")).toMatch(/25\.000 ₫ \(thay vì 50\.000 ₫\)/);
    // "25 VNĐ" with no unit: flagged as unclear, never halved to "13 ₫".
    const unclear = section(await card("1.012680"), "fees");
    expect(unclear).toMatch(/25 ₫ như đã công bố; đơn vị tính chưa rõ/);
    expect(unclear).not.toMatch(/13 ₫/);
  });

  it("shows a time published without its unit as such, never a bare number (2.002036: 75 OTHER)", async () => {
    expect(fixture("2.002036").channels[0]?.time).toEqual({ value: 75, unit: "other", text: null });
    expect(section(await card("2.002036"), "time")).toBe("75 (như đã công bố; không nêu đơn vị)");
    expect(section(await card("2.002036", "en"), "time")).toBe("75 (the national record gives no unit)");
    // The first message names the time beside the agency; the full card leaves it to the time section (no repeat).
    const agency = (await card("2.002036")).sections.find((s) => s.id === "agency");
    expect(agency?.brief?.join("\n")).toMatch(/Thời hạn giải quyết: 75 \(như đã công bố/);
    expect(agency?.lines.join("\n")).not.toMatch(/Thời hạn giải quyết/);
  });

  it("shows the amounts a note gives where the amount field gives none (1.001029)", async () => {
    expect(fixture("1.001029").channels[0]?.fees[0]?.noteAmountsVnd).toEqual([1000000, 6000000]);
    expect(section(await card("1.001029"), "fees")).toMatch(
      /ghi chú nêu mức 1\.000\.000 ₫ \/ 6\.000\.000 ₫ \(như đã công bố\)/,
    );
  });

  it("does not show a rate whose own period ended as today's price; a waiver that ended is said to have ended", async () => {
    expect(fixture("1.002511").channels[0]?.fees[0]?.windows).toEqual([
      { from: "2024-07-01", to: "2024-12-31", relief: false },
    ]);
    expect(section(await card("1.002511"), "fees")).toMatch(
      /5\.000\.000 ₫ \(hết hạn 31\/12\/2024, hỏi mức hiện hành\)/,
    );
    expect(section(await card("1.001200"), "fees")).toMatch(/hết hạn 31\/12\/2024/);
    // 1.000254: fee waived from 07/4/2026 to 30/6/2026 — the fee applies again, and the card says the waiver ended.
    const waiver = section(await card("1.000254"), "fees");
    expect(waiver).toMatch(/10\.000\.000 ₫ \(đợt miễn, giảm nêu trong ghi chú đã hết ngày 30\/06\/2026\)/);
    expect(section(await card("1.000254", "vi", "2026-05-01"), "fees")).toMatch(
      /ghi chú nêu miễn, giảm đến 30\/06\/2026/,
    );
  });

  it("lists every legal basis, number and title, on every card", async () => {
    const c = await card("1.002155");
    const legal = section(c, "legal");
    for (const b of fixture("1.002155").legalBases) expect(legal).toContain(b.number ?? b.title.slice(0, 40));
    expect(legal).toMatch(/• 64\/2025\/TT-BTC — Thông tư quy định mức thu, miễn một số khoản phí/);
    expect(c.sections.map((s) => s.id)).toEqual([
      "summary",
      "agency",
      "time",
      "documents",
      "steps",
      "fees",
      "result",
      "legal",
      "link",
      "sources",
    ]);
    expect(section(c, "result")).toBe("• Số đăng ký lưu hành trang thiết bị y tế");
  });

  it("gives a foreign reader the legal titles, the citations and whom to ask in their language where known", async () => {
    const p = await catalogue.procedure("2.001610");
    if (!p) throw new Error("no 2.001610");
    // The record gives "Thông tư 47/2019/TT-BTC" as the number and "47/2019/TT-BTC" as the title: one document.
    expect(p.record.legalBases).toContainEqual({
      number: "Thông tư 47/2019/TT-BTC",
      title: "47/2019/TT-BTC",
    });
    const zh = buildCard(p, catalogue, "zh", { province: null, date: DATE });
    expect(section(zh, "legal")).toContain("• 第47/2019/TT-BTC号通知");
    expect(section(zh, "legal")).not.toContain("Thông tư 47/2019/TT-BTC —");
    const sources = section(zh, "sources");
    expect(sources).toContain("• 国家行政手续数据库，2026年7月导出版（手续 2.001610）");
    const checkWith = sources.split("\n").find((l) => l.startsWith("请向")) ?? "";
    expect(checkWith).not.toBe("");
    expect(checkWith).not.toMatch(/[ăâđêôơư]|Sở |Tài chính/u);
    const vi = buildCard(p, catalogue, "vi", { province: null, date: DATE });
    expect(section(vi, "legal")).toContain("• Thông tư 47/2019/TT-BTC\n");
    expect(section(vi, "sources")).toContain(
      "• Cơ sở dữ liệu quốc gia về thủ tục hành chính, bản xuất tháng 7/2026 (thủ tục 2.001610)",
    );
  });

  it("lists documents in their own numbering and drops '(0 bản chính, 0 bản sao)'", async () => {
    const docs = section(await card("1.001612"), "documents").split("\n");
    const numbered = docs
      .filter((l) => /^• \((i|ii|iii|iv|v)\)/.test(l))
      .map((l) => /\((\w+)\)/.exec(l)?.[1]);
    expect(numbered).toEqual(["i", "ii", "iii", "iv", "v"]);
    expect(docs.join("\n")).not.toMatch(/0 bản chính, 0 bản sao/);
  });

  it("keeps review notes in data and says in every language which points to check, and with whom", async () => {
    for (const lang of LANGUAGES) {
      const c = await card("1.000889", lang);
      const text = c.sections.flatMap((s) => s.lines).join("\n");
      expect(text).not.toMatch(/OCR|mapped by name|not read|Not confirmed|chưa được xác nhận đầy đủ/);
      const checkWith = resources[lang].card.checkWith.split("{{who}}")[0] as string;
      expect(section(c, "fees")).toContain(checkWith);
      expect(section(c, "fees")).toContain(resources[lang].card.points.discounts);
    }
  });

  it("keeps the first chat message of a card short, measured through the conversation", async () => {
    const conversation = new Conversation({
      catalogue,
      searcher,
      sessions: new MemorySessionStore(),
      province: null,
      clock: () => new Date(`${DATE}T05:00:00Z`),
    });
    for (const lang of LANGUAGES) {
      const reply = await conversation.handle({
        channel: "web",
        chatId: `len-${lang}`,
        userId: null,
        callback: "p:1.000889",
        lang,
      });
      const first = reply.messages[0];
      expect(first).toBeDefined();
      if (first) expect(messageText(first).length).toBeLessThanOrEqual(1200);
    }
  });

  it("has a button label for every section in every language", () => {
    for (const lang of LANGUAGES)
      for (const id of ["time", "result", "legal", "agency", "fees", "documents", "steps", "sources", "link"])
        expect(resources[lang].chat.buttons).toHaveProperty(id);
  });
});

describe("summaryText", () => {
  it("ends a brief summary at a sentence end in Korean too (no capitals before the next sentence)", async () => {
    const { summaryText } = await import("../../src/conversation/card.ts");
    const ko =
      "베트남 국민이 일반 여권을 발급받는 절차입니다. 처음 신청은 거주지에서 합니다. 결과로 여권이 발급됩니다.";
    expect(summaryText(ko, 50)).toBe(
      "베트남 국민이 일반 여권을 발급받는 절차입니다. 처음 신청은 거주지에서 합니다.",
    );
    expect(summaryText("Thủ tục cấp hộ chiếu. Nộp tại Công an tỉnh.", 25)).toBe("Thủ tục cấp hộ chiếu.");
    expect(summaryText("Theo TT 64/2025. Hết.", 10)).toBe("Theo TT 64/2025.");
  });
});
