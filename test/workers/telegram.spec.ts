import { env } from "cloudflare:test";
import { beforeEach, describe, expect, it } from "vitest";
import { jsonLogger } from "../../src/log.ts";
import { D1ReplyOutbox } from "../../src/workers/d1-outbox.ts";
import { KvSessionStore } from "../../src/workers/kv-sessions.ts";
import { callbackUpdate, textUpdate } from "../e2e/updates.ts";
import { botCalls, clearBotCalls, cron, failNext, postJson, sentTo, telegramUpdate } from "./helpers.ts";

const pending = (chatId: number) =>
  env.DB.prepare(
    "SELECT COUNT(*) AS n FROM reply_outbox WHERE chat_key = ? AND sent_at IS NULL AND dropped_at IS NULL",
  )
    .bind(`telegram:${chatId}`)
    .first<number>("n");

beforeEach(() => clearBotCalls());

describe("the Telegram webhook on Workers: D1 outbox, KV sessions, the fake Bot API", () => {
  it("refuses a forged secret with 401 and sends nothing", async () => {
    const res = await postJson("/webhooks/telegram", textUpdate("hộ chiếu", { chatId: 8000 }), {
      "X-Telegram-Bot-Api-Secret-Token": "forged",
    });
    expect(res.status).toBe(401);
    expect(await botCalls()).toEqual([]);
  });

  it("answers Vietnamese without diacritics with the procedure card", async () => {
    const res = await telegramUpdate(textUpdate("dang ky tam tru", { chatId: 8001 }));
    expect(res.status).toBe(200);
    const [first] = await sentTo(8001);
    expect(first).toMatch(/<b>Đăng ký tạm trú<\/b>/);
    expect(first).toMatch(/15\.000 ₫/);
    // Committed through D1 and marked sent.
    expect(await pending(8001)).toBe(0);
    const sent = await env.DB.prepare(
      "SELECT COUNT(*) AS n FROM reply_outbox WHERE chat_key = 'telegram:8001' AND sent_at IS NOT NULL",
    ).first<number>("n");
    expect(sent).toBeGreaterThan(0);
  });

  it("keeps the chat's session in KV: a follow-up is about the last procedure shown", async () => {
    await telegramUpdate(textUpdate("3.000333", { chatId: 8002 }));
    expect(await env.KV.get("session:telegram:8002", "json")).toMatchObject({ lastCode: "3.000333" });
    await clearBotCalls();
    await telegramUpdate(textUpdate("phí bao nhiêu?", { chatId: 8002 }));
    const text = (await sentTo(8002)).join("\n");
    expect(text).toMatch(/Phí, lệ phí — /);
    expect(text).toMatch(/200\.000 ₫/);
  });

  it("sends, before the webhook's work ends, the messages its delivery goes on to: nothing is left running", async () => {
    // Due messages of another chat, as a failed send or another isolate leaves them: the webhook's drain pass sends
    // that chat's first one, and each delivery ends with a pass for the chat's next. Those passes belong to the
    // request (its waitUntil). Left running after it (as was a retry timer's pass), one could lease a later update's
    // message right after its commit, and that update's request ended before it was sent: the test above then found
    // no answer to its follow-up.
    const box = new D1ReplyOutbox(env.DB, new KvSessionStore(env.KV), jsonLogger("silent"));
    const texts = ["queued 1", "queued 2", "queued 3"];
    await box.commit(
      {
        updateKey: "queued:8007",
        sessions: [],
        messages: texts.map((text) => ({
          chatKey: "telegram:8007",
          method: "sendMessage",
          payload: { chat_id: 8007, text },
        })),
      },
      new Date(),
    );
    await telegramUpdate(textUpdate("hộ chiếu", { chatId: 8006 }));
    expect(await pending(8007)).toBe(0);
    expect(await sentTo(8007)).toEqual(texts);
    expect((await sentTo(8006)).length).toBeGreaterThan(0);
  });

  it("answers a button in the language it carries", async () => {
    const update = callbackUpdate("s:1.004194:fees", { languageCode: "en", chatId: 8003 });
    const res = await telegramUpdate(update);
    // The acknowledgement stops the button's spinner: Telegram performs the call it carries.
    expect(await res.json()).toEqual({
      method: "answerCallbackQuery",
      callback_query_id: update.callback_query.id,
    });
    expect((await botCalls()).filter((c) => c.method === "answerCallbackQuery")).toHaveLength(0);
    expect((await sentTo(8003)).join("\n")).toMatch(/At the counter: 15,000 ₫/);
  });

  it("answers a redelivered update once (claim in D1, window in KV)", async () => {
    const update = textUpdate("hộ chiếu", { chatId: 8004 });
    await telegramUpdate(update);
    const first = (await sentTo(8004)).length;
    expect(first).toBeGreaterThan(0);
    expect(await env.KV.get(`update:telegram:${update.update_id}`)).not.toBeNull();
    await telegramUpdate(update);
    // Even when the KV window has forgotten it, the claim in D1 refuses a second answer.
    await env.KV.delete(`update:telegram:${update.update_id}`);
    await telegramUpdate(update);
    expect((await sentTo(8004)).length).toBe(first);
  });

  it("honours retry_after: the answer waits in the outbox and the cron sends it exactly once", async () => {
    await failNext("sendMessage", { count: 1, code: 429, description: "Too Many Requests", retryAfter: 30 });
    await telegramUpdate(textUpdate("hộ chiếu", { chatId: 8005 }));
    expect(await sentTo(8005)).toEqual([]);
    expect(await pending(8005)).toBeGreaterThan(0);
    // Not due yet: the cron leaves it.
    await cron();
    expect(await sentTo(8005)).toEqual([]);
    // Due (as 30 s later): the cron sends it, once.
    await env.DB.prepare(
      "UPDATE reply_outbox SET next_attempt_at = '2000-01-01T00:00:00.000Z' WHERE chat_key = 'telegram:8005' AND sent_at IS NULL",
    ).run();
    await cron();
    await cron();
    expect(await pending(8005)).toBe(0);
    const texts = await sentTo(8005);
    expect(texts.length).toBeGreaterThan(0);
    expect(new Set(texts).size).toBe(texts.length);
  });
});
