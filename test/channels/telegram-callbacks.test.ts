import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MemoryReplyOutbox } from "../../src/channels/outbox.ts";
import { ReplyPipeline } from "../../src/channels/replies.ts";
import { createTelegramBot } from "../../src/channels/telegram/bot.ts";
import { webhookReply } from "../../src/channels/telegram/update.ts";
import { MemorySessionStore } from "../../src/conversation/session.ts";
import { silentLogger } from "../../src/log.ts";
import { nodeUnitScope } from "../../src/node/unit-scope.ts";
import { FakeTelegram } from "../e2e/fake-telegram.ts";
import { callbackUpdate, textUpdate } from "../e2e/updates.ts";
import { buildApp } from "../helpers/app.ts";

/**
 * A button press stops its spinner with answerCallbackQuery: made by the bot under long polling, carried by the
 * webhook's acknowledgement otherwise (then the bot makes no call for it).
 */
const telegram = new FakeTelegram();
let apiRoot = "";
beforeAll(async () => {
  apiRoot = await telegram.start();
});
afterAll(() => telegram.stop());

async function press(chatId: number, answersCallbacks: boolean) {
  const pipeline = new ReplyPipeline({
    outbox: new MemoryReplyOutbox(new MemorySessionStore()),
    scope: nodeUnitScope(),
    log: silentLogger,
  });
  const bot = createTelegramBot({
    token: "123456789:AAEcallbackTestTokenForTheFakeBotApi_x",
    apiRoot,
    conversation: buildApp().deps.conversation,
    pipeline,
    log: silentLogger,
    answersCallbacks,
  });
  pipeline.handle("telegram", (body) => bot.handleUpdate(JSON.parse(body)));
  const update = callbackUpdate("s:1.004194:fees", { chatId });
  const { done } = await pipeline.receive({
    key: `telegram:${update.update_id}`,
    channel: "telegram",
    body: JSON.stringify(update),
  });
  await done;
  await pipeline.idle();
  const calls = telegram.calls.filter(
    (c) => c.payload.chat_id === chatId || c.payload.callback_query_id === update.callback_query.id,
  );
  return calls.map((c) => c.method);
}

describe("answering a button press", () => {
  it("is the bot's own call under long polling", async () => {
    const calls = await press(9201, true);
    expect(calls.filter((m) => m === "answerCallbackQuery")).toHaveLength(1);
    expect(calls).toContain("sendMessage");
  });

  it("is left to the webhook's acknowledgement otherwise", async () => {
    const calls = await press(9202, false);
    expect(calls).not.toContain("answerCallbackQuery");
    expect(calls).toContain("sendMessage");
  });

  it("is what the webhook acknowledges a button press with, and only a button press", () => {
    const update = callbackUpdate("s:1.004194:fees", { chatId: 9203 });
    expect(webhookReply(update)).toEqual({
      method: "answerCallbackQuery",
      callback_query_id: update.callback_query.id,
    });
    expect(webhookReply(textUpdate("hộ chiếu", { chatId: 9203 }))).toEqual({ ok: true });
  });
});
