import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MemoryReplyOutbox } from "../../src/channels/outbox.ts";
import { ReplyPipeline } from "../../src/channels/replies.ts";
import { createTelegramBot } from "../../src/channels/telegram/bot.ts";
import type { Conversation } from "../../src/conversation/index.ts";
import { MemorySessionStore } from "../../src/conversation/session.ts";
import { silentLogger } from "../../src/log.ts";
import { nodeUnitScope } from "../../src/node/unit-scope.ts";
import { FakeTelegram } from "../e2e/fake-telegram.ts";
import { textUpdate } from "../e2e/updates.ts";
import { buildApp } from "../helpers/app.ts";

/** "typing…" is shown only for an answer that is not ready after a while (Telegram's own advice). */
const telegram = new FakeTelegram();
let apiRoot = "";
beforeAll(async () => {
  apiRoot = await telegram.start();
});
afterAll(() => telegram.stop());

/** The real conversation, whose answers wait until `release` is called when `held`. */
function conversation(held: boolean) {
  const real = buildApp().deps.conversation;
  let release = () => {};
  const gate = held ? new Promise<void>((r) => (release = r)) : Promise.resolve();
  const wrapped = Object.create(real) as Conversation;
  wrapped.handle = async (incoming) => {
    await gate;
    return real.handle(incoming);
  };
  return { wrapped, release: () => release() };
}

async function answer(chatId: number, held: boolean, typingAfterMs: number) {
  const { wrapped, release } = conversation(held);
  const scope = nodeUnitScope();
  const pipeline = new ReplyPipeline({
    outbox: new MemoryReplyOutbox(new MemorySessionStore()),
    scope,
    log: silentLogger,
  });
  const bot = createTelegramBot({
    token: "123456789:AAEtypingTestTokenForTheFakeBotApi_xy",
    apiRoot,
    conversation: wrapped,
    pipeline,
    log: silentLogger,
    typingAfterMs,
  });
  pipeline.handle("telegram", (body) => bot.handleUpdate(JSON.parse(body)));
  const update = textUpdate("dang ky tam tru", { chatId });
  const { done } = await pipeline.receive({
    key: `telegram:${update.update_id}`,
    channel: "telegram",
    body: JSON.stringify(update),
  });
  const calls = () => telegram.calls.filter((c) => c.payload.chat_id === chatId).map((c) => c.method);
  if (held) {
    // The answer waits until the indicator has reached the Bot API.
    while (!calls().includes("sendChatAction")) await new Promise((r) => setTimeout(r, 10));
    release();
  }
  await done;
  await pipeline.idle();
  return calls();
}

describe("the typing indicator", () => {
  it("is not sent for an answer that is ready at once", async () => {
    const calls = await answer(9101, false, 60_000);
    expect(calls).toContain("sendMessage");
    expect(calls).not.toContain("sendChatAction");
  });

  it("is sent, before the answer, when the answer is slow", async () => {
    const calls = await answer(9102, true, 10);
    expect(calls.filter((m) => m === "sendChatAction")).toHaveLength(1);
    expect(calls.indexOf("sendChatAction")).toBeLessThan(calls.indexOf("sendMessage"));
  });
});
