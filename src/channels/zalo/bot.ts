import type { Conversation } from "../../conversation/index.ts";
import { translator } from "../../i18n/index.ts";
import type { Logger } from "../../log.ts";
import type { ChannelSender, ReplyPipeline } from "../replies.ts";
import { ZaloApiError, type ZaloClient, type ZaloEvent } from "./client.ts";
import { renderZalo } from "./render.ts";

/**
 * Handles one Zalo event through the reply pipeline: answered once (message_id is the de-duplication key), the
 * core's reply rendered as plain text and queued in the outbox with the event's claim, then sent with retries; a
 * typing indicator (straight to the API, a courtesy) only for an answer not ready after `typingAfterMs`. Never
 * throws: the webhook has already answered Zalo.
 */
export interface ZaloHandlerDeps {
  client: ZaloClient;
  conversation: Conversation;
  pipeline: ReplyPipeline;
  log: Logger;
  /** How long an answer may take before the chat shows "typing…" (default TYPING_AFTER_MS). */
  typingAfterMs?: number;
}

/**
 * As on Telegram, "typing…" is for an answer that takes noticeable time: almost every answer is ready within
 * milliseconds, and the indicator sent first on every message was one API call per message, cleared by the answer
 * at once.
 */
export const TYPING_AFTER_MS = 1000;

export async function handleZaloEvent(deps: ZaloHandlerDeps, event: ZaloEvent): Promise<void> {
  const { client, conversation, pipeline, log } = deps;
  const message = event.message;
  const chatId = message.chat.id;
  const chatKey = `zalo:${chatId}`;
  await pipeline.run(`zalo:${message.message_id}`, chatKey, async (unit) => {
    const typing = setTimeout(
      () =>
        client.sendChatAction(chatId).catch((error: unknown) => {
          log.debug("zalo typing indicator failed", { error: describeZaloError(error) });
        }),
      deps.typingAfterMs ?? TYPING_AFTER_MS,
    );
    let parts: string[];
    try {
      const text = event.event_name === "message.text.received" ? message.text?.trim() : undefined;
      if (text) {
        const reply = await conversation.handle({
          channel: "zalo",
          chatId,
          userId: message.from.id,
          text,
          source: `zalo:user:${message.from.id}`,
        });
        parts = renderZalo(reply);
      } else {
        // Stickers, images and anything unsupported: a hint in the language the chat uses.
        parts = [
          translator(await conversation.chatLanguage({ channel: "zalo", chatId }))("chat.unsupported"),
        ];
      }
    } catch (error) {
      log.error("zalo event failed", { error: describeZaloError(error) });
      parts = [translator("vi")("chat.error")];
    } finally {
      clearTimeout(typing);
    }
    for (const text of parts)
      unit.messages.push({ chatKey, method: "sendMessage", payload: { chat_id: chatId, text } });
  });
}

export function describeZaloError(error: unknown): string {
  if (error instanceof ZaloApiError) return `${error.method}: ${error.code} ${error.description}`;
  return error instanceof Error ? error.message : String(error);
}

/**
 * Sends queued messages with the Zalo API. Network errors, timeouts, answers that are not the API's JSON (a proxy's
 * 502 page), 5xx, 408 and 429 are retried with backoff, as are Zalo's own negative error codes (rate limits);
 * other 4xx answers will never succeed and drop the message.
 */
export function zaloSender(client: ZaloClient): ChannelSender {
  return {
    async send(method, payload) {
      await client.call(method, payload);
    },
    classify(error) {
      if (
        error instanceof ZaloApiError &&
        error.code >= 400 &&
        error.code < 500 &&
        error.code !== 408 &&
        error.code !== 429
      )
        return { kind: "drop" };
      return { kind: "backoff" };
    },
    describe: describeZaloError,
  };
}

/** Long polling for local use (BOT_MODE=polling): getUpdates in a loop, backing off after failures. */
export function startZaloPolling(deps: ZaloHandlerDeps, options: { timeoutSeconds?: number } = {}) {
  let running = true;
  let failures = 0;
  const loop = async () => {
    await deps.client.deleteWebhook().catch(() => undefined);
    while (running) {
      try {
        const events = await deps.client.getUpdates(options.timeoutSeconds ?? 30);
        failures = 0;
        for (const event of events) await handleZaloEvent(deps, event);
      } catch (error) {
        failures++;
        deps.log.warn("zalo getUpdates failed", {
          error: error instanceof Error ? error.message : String(error),
          failures,
        });
        await new Promise((r) => setTimeout(r, Math.min(30_000, 500 * 2 ** Math.min(failures, 6))));
      }
    }
  };
  const done = loop();
  return {
    stop: async () => {
      running = false;
      await Promise.race([done, new Promise((r) => setTimeout(r, 1000))]);
    },
  };
}
