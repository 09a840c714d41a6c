import { describe, expect, it } from "vitest";
import { splitOnLines } from "../../src/channels/split.ts";
import { renderTelegram } from "../../src/channels/telegram/render.ts";
import { renderZalo } from "../../src/channels/zalo/render.ts";

describe("splitting long replies", () => {
  it("keeps lines whole and chunks under the limit", () => {
    const lines = Array.from({ length: 50 }, (_, i) => `line ${i} ${"x".repeat(30)}`);
    const chunks = splitOnLines(lines, 200);
    expect(chunks.every((c) => c.length <= 200)).toBe(true);
    expect(chunks.join("\n").split("\n")).toEqual(lines);
  });

  it("cuts an overlong line without splitting an HTML entity", () => {
    const line = `${"a".repeat(95)}&amp;${"b".repeat(50)}`;
    const chunks = splitOnLines([line], 100, true);
    expect(chunks[0]).toBe("a".repeat(95));
    expect(chunks[1]?.startsWith("&amp;")).toBe(true);
  });

  it("renders the same reply for Telegram (HTML, escaped) and Zalo (plain text)", () => {
    const message = {
      blocks: [
        { type: "title" as const, text: "Phí <b>&</b> lệ phí" },
        { type: "text" as const, text: "Nộp trực tiếp: 15.000 ₫" },
      ],
      buttons: [[{ label: "🌐", url: "https://dichvucong.gov.vn" }]],
    };
    const [tg] = renderTelegram(message);
    expect(tg?.text).toBe("<b>Phí &lt;b&gt;&amp;&lt;/b&gt; lệ phí</b>\nNộp trực tiếp: 15.000 ₫");
    expect(renderTelegram({ blocks: [{ type: "text", text: "a && b <<>> c" }], buttons: [] })[0]?.text).toBe(
      "a &amp;&amp; b &lt;&lt;&gt;&gt; c",
    );
    const [zalo] = renderZalo({ lang: "vi", messages: [message] });
    expect(zalo).toBe("【Phí <b>&</b> lệ phí】\nNộp trực tiếp: 15.000 ₫\n🌐: https://dichvucong.gov.vn");
  });

  it("keeps a button whose data fits Telegram's 64 bytes of UTF-8, and drops one that does not", () => {
    const buttons = (action: string) =>
      renderTelegram({
        blocks: [{ type: "text", text: "x" }],
        buttons: [[{ label: "b", action }]],
      })[0]?.reply_markup?.inline_keyboard.flat().length ?? 0;
    expect(buttons("s:1.004194:fees")).toBe(1);
    expect(buttons("a".repeat(64))).toBe(1);
    expect(buttons("a".repeat(65))).toBe(0);
    // 21 characters of 3 bytes (63 bytes) fit; 22 (66 bytes) do not, though they are 22 characters.
    expect(buttons("ệ".repeat(21))).toBe(1);
    expect(buttons("ệ".repeat(22))).toBe(0);
    expect(buttons(`${"😀".repeat(16)}`)).toBe(1);
    expect(buttons(`${"😀".repeat(16)}a`)).toBe(0);
  });
});
