import { describe, expect, it } from "vitest";
import { Conversation, MemorySessionStore } from "../../src/conversation/index.ts";
import { catalogue, searcher } from "../helpers/app.ts";

/**
 * Investors write Japanese in kanji only ("駐在員事務所設立", "投資登録証明書再発行"): search reads it as Japanese and the
 * assistant answers in Japanese, while Simplified Chinese of the same topics stays Chinese.
 */
const conversation = new Conversation({
  catalogue,
  searcher,
  sessions: new MemorySessionStore(),
  province: null,
  clock: () => new Date("2026-12-03T05:00:00Z"),
});

async function answerLanguage(text: string, chat: string) {
  const reply = await conversation.handle({ channel: "web", chatId: chat, userId: null, text });
  return reply.lang;
}

describe("kanji-only Japanese", () => {
  const japanese = [
    "駐在員事務所設立",
    "投資登録証明書再発行",
    "外資系企業設立",
    "支店設立許可",
    "就労許可証申請",
  ];
  const chinese = ["驻在员事务所", "外资企业设立", "投资登记证书补发", "设立分公司"];

  it("is read as Japanese by search, and Simplified Chinese as Chinese", () => {
    for (const q of japanese) expect(searcher.search(q).lang, q).toBe("ja");
    for (const q of chinese) expect(searcher.search(q).lang, q).toBe("zh");
  });

  it("is answered in Japanese in a new chat", async () => {
    for (const [i, q] of japanese.entries()) expect(await answerLanguage(q, `kanji-ja-${i}`), q).toBe("ja");
    for (const [i, q] of chinese.entries()) expect(await answerLanguage(q, `kanji-zh-${i}`), q).toBe("zh");
  });
});
