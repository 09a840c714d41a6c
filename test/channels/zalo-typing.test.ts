import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MemoryReplyOutbox } from "../../src/channels/outbox.ts";
import { ReplyPipeline } from "../../src/channels/replies.ts";
import { handleZaloEvent, zaloSender } from "../../src/channels/zalo/bot.ts";
import { ZaloClient } from "../../src/channels/zalo/client.ts";
import type { Conversation } from "../../src/conversation/index.ts";
import { MemorySessionStore } from "../../src/conversation/session.ts";
import { silentLogger } from "../../src/log.ts";
import { nodeUnitScope } from "../../src/node/unit-scope.ts";
import { FakeZalo, zaloEvent } from "../e2e/fake-zalo.ts";
import { buildApp } from "../helpers/app.ts";

/** On Zalo too, "typing…" is shown only for an answer that is not ready after a while. */
const zalo = new FakeZalo();
let apiRoot = "";
beforeAll(async () => {
  apiRoot = await zalo.start();
});
afterAll(() => zalo.stop());

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

async function answer(chatId: string, held: boolean, typingAfterMs: number) {
  const { wrapped, release } = conversation(held);
  const pipeline = new ReplyPipeline({
    outbox: new MemoryReplyOutbox(new MemorySessionStore()),
    scope: nodeUnitScope(),
    log: silentLogger,
  });
  const client = new ZaloClient({ token: "zalo-typing-test-token", apiRoot });
  pipeline.register("zalo", zaloSender(client));
  const deps = { client, conversation: wrapped, pipeline, log: silentLogger, typingAfterMs };
  pipeline.handle("zalo", (body) => handleZaloEvent(deps, JSON.parse(body)));
  const event = zaloEvent("dang ky tam tru", { chatId });
  const { done } = await pipeline.receive({
    key: `zalo:${event.message.message_id}`,
    channel: "zalo",
    body: JSON.stringify(event),
  });
  const calls = () => zalo.calls.filter((c) => c.payload.chat_id === chatId).map((c) => c.method);
  if (held) {
    // The answer waits until the indicator has reached the API.
    while (!calls().includes("sendChatAction")) await new Promise((r) => setTimeout(r, 10));
    release();
  }
  await done;
  await pipeline.idle();
  return calls();
}

describe("the Zalo typing indicator", () => {
  it("is not sent for an answer that is ready at once", async () => {
    const calls = await answer("zalo-typing-1", false, 60_000);
    expect(calls).toContain("sendMessage");
    expect(calls).not.toContain("sendChatAction");
  });

  it("is sent, before the answer, when the answer is slow", async () => {
    const calls = await answer("zalo-typing-2", true, 10);
    expect(calls.filter((m) => m === "sendChatAction")).toHaveLength(1);
    expect(calls.indexOf("sendChatAction")).toBeLessThan(calls.indexOf("sendMessage"));
  });
});
