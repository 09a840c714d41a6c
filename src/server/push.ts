import type { Bot } from "grammy";
import { renderTelegram } from "../channels/telegram/render.ts";
import type { ZaloClient } from "../channels/zalo/client.ts";
import { renderZalo } from "../channels/zalo/render.ts";
import type { Conversation, Reply } from "../conversation/index.ts";
import type { DossierStore } from "../dossiers/index.ts";
import type { Logger } from "../log.ts";

/**
 * Delivers queued dossier pushes: each outbox row is marked sent only after the channel accepted the message,
 * and retried with backoff otherwise, so a push is not lost. The unique (event, chat) row keeps it from being
 * queued twice; a crash between sending and marking can repeat one message (at-least-once).
 */
export interface PushDeps {
  store: DossierStore;
  conversation: Conversation;
  telegram?: Bot | null;
  zalo?: ZaloClient | null;
  log: Logger;
  clock?: () => Date;
}

const backoffMs = (attempts: number) => Math.min(3600_000, 15_000 * 2 ** Math.min(attempts, 8));

async function send(deps: PushDeps, chatKey: string, reply: Reply): Promise<void> {
  const [channel, chatId = ""] = [
    chatKey.slice(0, chatKey.indexOf(":")),
    chatKey.slice(chatKey.indexOf(":") + 1),
  ];
  if (channel === "telegram" && deps.telegram) {
    for (const m of reply.messages) {
      for (const part of renderTelegram(m)) {
        await deps.telegram.api.sendMessage(chatId, part.text, {
          parse_mode: "HTML",
          link_preview_options: { is_disabled: true },
          ...(part.reply_markup ? { reply_markup: part.reply_markup } : {}),
        });
      }
    }
    return;
  }
  if (channel === "zalo" && deps.zalo) {
    for (const part of renderZalo(reply)) await deps.zalo.sendMessage(chatId, part);
    return;
  }
  throw new Error(`no sender for ${channel}`);
}

let running: Promise<number> | null = null;

/** Sends what is due now; concurrent calls share one run. Returns how many pushes were sent. */
export function deliverPushes(deps: PushDeps, limit = 100): Promise<number> {
  running ??= (async () => {
    const now = (deps.clock ?? (() => new Date()))();
    let sent = 0;
    for (const job of await deps.store.duePushes(now, limit)) {
      try {
        const reply = await deps.conversation.dossierPush(job.codeKey, job.lang);
        if (reply) await send(deps, job.chatKey, reply);
        await deps.store.markPushed(job.id, now);
        sent++;
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        deps.log.warn("dossier push failed, will retry", {
          id: job.id,
          chat: job.chatKey,
          attempts: job.attempts + 1,
          error: message,
        });
        await deps.store.markPushFailed(job.id, message, new Date(now.getTime() + backoffMs(job.attempts)));
      }
    }
    return sent;
  })().finally(() => {
    running = null;
  });
  return running;
}
