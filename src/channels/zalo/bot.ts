import type { Conversation, SessionStore } from "../../conversation/index.ts";
import { translator } from "../../i18n/index.ts";
import type { Logger } from "../../log.ts";
import { ZaloApiError, type ZaloClient, type ZaloEvent } from "./client.ts";
import { renderZalo } from "./render.ts";

/**
 * Handles one Zalo event: each message answered once (message_id is the de-duplication key), a typing
 * indicator first, the core's reply rendered as plain text. API failures are logged, never thrown: the webhook
 * has already answered Zalo.
 */
export interface ZaloHandlerDeps {
  client: ZaloClient;
  conversation: Conversation;
  sessions: SessionStore;
  log: Logger;
}

export async function handleZaloEvent(deps: ZaloHandlerDeps, event: ZaloEvent): Promise<void> {
  const { client, conversation, sessions, log } = deps;
  const message = event.message;
  const chatId = message.chat.id;
  // Everything inside the boundary: a busy, full or read-only database is logged, never thrown.
  try {
    if (!(await sessions.claimUpdate(`zalo:${message.message_id}`))) {
      log.info("zalo message already handled", { message_id: message.message_id });
      return;
    }
    await client.sendChatAction(chatId).catch((error: unknown) => {
      log.warn("zalo typing indicator failed", {
        error: error instanceof Error ? error.message : String(error),
      });
    });
    const text = event.event_name === "message.text.received" ? message.text?.trim() : undefined;
    let parts: string[];
    if (text) {
      const reply = await conversation.handle({ channel: "zalo", chatId, userId: message.from.id, text });
      parts = renderZalo(reply);
    } else {
      // Stickers, images and anything unsupported: a hint in the language the chat uses.
      parts = [translator(await conversation.chatLanguage({ channel: "zalo", chatId }))("chat.unsupported")];
    }
    for (const part of parts) await client.sendMessage(chatId, part);
  } catch (error) {
    if (error instanceof ZaloApiError) {
      log.error("zalo api call failed", {
        method: error.method,
        code: error.code,
        description: error.description,
      });
      return;
    }
    log.error("zalo event failed", { error: error instanceof Error ? error.message : String(error) });
  }
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
