import type { ServerType } from "@hono/node-server";
import { Api } from "grammy";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { registerWebhook } from "../../src/channels/telegram/webhook-setup.ts";
import { buildApp, listen, settle } from "../helpers/app.ts";
import { FakeTelegram } from "./fake-telegram.ts";
import { callbackUpdate, inlineUpdate, stickerUpdate, textUpdate } from "./updates.ts";

const TOKEN = "123456789:AAEtestTokenForTheFakeBotApiServer_x";
const SECRET = "s3cret-webhook-token";
const telegram = new FakeTelegram();
let server: ServerType;
let base = "";
let apiRootUrl = "";

/** Posts an update and waits for its answer: the webhook acknowledges at once and answers in the background. */
async function post(update: unknown, secret: string | null = SECRET) {
  const res = await fetch(`${base}/webhooks/telegram`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      ...(secret === null ? {} : { "X-Telegram-Bot-Api-Secret-Token": secret }),
    },
    body: JSON.stringify(update),
  });
  await settle();
  return res;
}

const texts = () => telegram.sent().map((p) => String(p.text));

type Key = { text: string; callback_data?: string; url?: string };
/** The inline keyboard of a recorded sendMessage, flattened ([] when it has none). */
const keysOf = (payload: Record<string, unknown> | undefined): Key[] =>
  ((payload?.reply_markup as { inline_keyboard?: Key[][] } | undefined)?.inline_keyboard ?? []).flat();

beforeAll(async () => {
  const apiRoot = await telegram.start();
  apiRootUrl = apiRoot;
  const { app } = buildApp({
    TELEGRAM_BOT_TOKEN: TOKEN,
    TELEGRAM_WEBHOOK_SECRET: SECRET,
    TELEGRAM_API_ROOT: apiRoot,
  });
  ({ server, base } = await listen(app.fetch));
});

afterAll(async () => {
  await new Promise((r) => server.close(r));
  await telegram.stop();
});

beforeEach(() => telegram.clear());

describe("Telegram webhook, end to end through the real app and a fake Bot API", () => {
  it("refuses a forged or missing secret with 401 and sends nothing", async () => {
    expect((await post(textUpdate("đăng ký tạm trú"), "wrong-secret")).status).toBe(401);
    expect((await post(textUpdate("đăng ký tạm trú"), null)).status).toBe(401);
    expect(telegram.calls).toEqual([]);
  });

  it("answers bad bodies with 400, not 500", async () => {
    const res = await fetch(`${base}/webhooks/telegram`, {
      method: "POST",
      headers: { "content-type": "application/json", "X-Telegram-Bot-Api-Secret-Token": SECRET },
      body: "{not json",
    });
    expect(res.status).toBe(400);
    expect((await post({ hello: "world" })).status).toBe(400);
  });

  it("answers Vietnamese without diacritics with the procedure card", async () => {
    const res = await post(textUpdate("dang ky tam tru", { languageCode: "vi" }));
    expect(res.status).toBe(200);
    const [first] = telegram.sent();
    expect(first?.parse_mode).toBe("HTML");
    expect(String(first?.text)).toMatch(/<b>Đăng ký tạm trú<\/b>/);
    expect(String(first?.text)).toMatch(/15\.000 ₫/);
    const keyboard = keysOf(first);
    expect(keyboard.map((b) => b.callback_data)).toContain("s:1.004194:steps");
    expect(keyboard.some((b) => b.url?.startsWith("https://dichvucong.gov.vn/"))).toBe(true);
  });

  it.each([
    ["en", "how much is temporary residence registration", /Temporary residence registration/],
    ["zh", "暂住登记需要什么材料", /暂住登记/],
    ["ko", "임시 거주 등록 수수료", /임시 거주 등록/],
    ["ja", "一時居住登録の手数料", /一時居住登録/],
  ])("answers in %s when asked in %s", async (lang, text, expected) => {
    await post(textUpdate(text, { languageCode: "vi", chatId: 2000 + lang.charCodeAt(0) }));
    expect(texts().join("\n")).toMatch(expected);
  });

  it("opens a section from a button and answers the callback query in the webhook's acknowledgement", async () => {
    const update = callbackUpdate("s:1.004194:fees", { languageCode: "en", chatId: 3001 });
    const res = await post(update);
    expect(await res.json()).toEqual({
      method: "answerCallbackQuery",
      callback_query_id: update.callback_query.id,
    });
    expect(telegram.sent("answerCallbackQuery")).toHaveLength(0);
    const text = texts().join("\n");
    expect(text).toMatch(/Fees — /);
    expect(text).toMatch(/At the counter: 15,000 ₫/);
  });

  it("edits the prompt in place when a language is chosen", async () => {
    await post(callbackUpdate("l:ko", { chatId: 3002 }));
    expect(
      telegram
        .sent("editMessageText")
        .map((p) => String(p.text))
        .join(),
    ).toMatch(/한국어로 답변하겠습니다/);
    await post(textUpdate("1.001612", { chatId: 3002, languageCode: "vi" }));
    expect(texts().join("\n")).toMatch(/코드 1\.001612/);
  });

  it("answers follow-ups about the last procedure shown", async () => {
    await post(textUpdate("3.000333", { chatId: 3003 }));
    telegram.clear();
    await post(textUpdate("phí bao nhiêu?", { chatId: 3003 }));
    const text = texts().join("\n");
    expect(text).toMatch(/Phí, lệ phí — /);
    expect(text).toMatch(/200\.000 ₫/);
  });

  it("answers a retried update once", async () => {
    const update = textUpdate("hộ chiếu", { chatId: 3004 });
    await post(update);
    const afterFirst = telegram.sent().length;
    expect(afterFirst).toBeGreaterThan(0);
    await post(update);
    expect(telegram.sent().length).toBe(afterFirst);
  });

  it("escapes HTML in what the user typed", async () => {
    await post(textUpdate("<script>qzxqzx</script> & wvwv", { chatId: 3005 }));
    const text = texts().join("\n");
    expect(text).toMatch(/&lt;script&gt;/);
    expect(text).toMatch(/&amp; wvwv/);
    expect(text).not.toMatch(/<script>/);
  });

  it("splits a long section into messages below 4096 characters on line boundaries", async () => {
    await post(callbackUpdate("s:1.013978:documents", { chatId: 3006 }));
    await post(callbackUpdate("s:1.013978:steps", { chatId: 3006 }));
    for (const t of texts()) expect(t.length).toBeLessThanOrEqual(4096);
    expect(texts().length).toBeGreaterThanOrEqual(2);
  });

  it("opens a procedure from a deep link", async () => {
    await post(textUpdate("/start p_1_001612", { chatId: 3007 }));
    expect(texts().join("\n")).toMatch(/Đăng ký thành lập hộ kinh doanh/);
  });

  it("offers answer cards in inline mode, in the language of the prefix", async () => {
    await post(inlineUpdate("en: temporary residence", { languageCode: "vi" }));
    const [answer] = telegram.sent("answerInlineQuery");
    const results = answer?.results as {
      id: string;
      title: string;
      input_message_content: { message_text: string };
    }[];
    expect(results.length).toBeGreaterThan(0);
    expect(results[0]?.id).toBe("en:1.004194");
    expect(results[0]?.input_message_content.message_text).toMatch(/Temporary residence registration/);
  });

  it("answers a sticker with a hint in the user's language", async () => {
    await post(stickerUpdate({ languageCode: "ja", chatId: 3010 }));
    expect(texts().join()).toMatch(/テキストメッセージのみ/);
    // A chat that chose Korean gets the hint in Korean, whatever the app's language.
    await post(callbackUpdate("l:ko", { languageCode: "ja", chatId: 3011 }));
    telegram.clear();
    await post(stickerUpdate({ languageCode: "ja", chatId: 3011 }));
    expect(texts().join()).toMatch(/텍스트 메시지만/);
  });

  it("asks which procedure when a follow-up comes after a list, with buttons to that section", async () => {
    await post(textUpdate("hộ chiếu", { chatId: 3009 }));
    telegram.clear();
    await post(textUpdate("phí bao nhiêu", { chatId: 3009 }));
    const [ask] = telegram.sent();
    expect(String(ask?.text)).toMatch(/Bạn hỏi về thủ tục nào/);
    const buttons = keysOf(ask);
    expect(buttons.every((b) => /^s:[\d.]+:fees$/.test(b.callback_data ?? ""))).toBe(true);
  });

  it("says so when nothing is found, with the national portal", async () => {
    await post(textUpdate("qzxqzx wvwvwv", { chatId: 3008 }));
    expect(texts().join()).toMatch(/dichvucong\.gov\.vn/);
  });

  it("registers the webhook with its secret and the commands in five languages", async () => {
    const url = await registerWebhook(
      new Api(TOKEN, { apiRoot: apiRootUrl }),
      "https://bot.example.vn/",
      SECRET,
    );
    expect(url).toBe("https://bot.example.vn/webhooks/telegram");
    expect(telegram.sent("setWebhook")[0]).toMatchObject({ url, secret_token: SECRET });
    const commands = telegram.sent("setMyCommands");
    expect(commands.map((c) => c.language_code ?? "default")).toEqual([
      "default",
      "vi",
      "en",
      "zh",
      "ko",
      "ja",
    ]);
    expect(JSON.stringify(commands)).toMatch(/언어 변경/);
  });
});
