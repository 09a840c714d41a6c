import type { OutboxMessage } from "../channels/outbox.ts";
import type { ReplyPipeline } from "../channels/replies.ts";
import { renderTelegram } from "../channels/telegram/render.ts";
import { renderZalo } from "../channels/zalo/render.ts";
import type { Conversation, Reply } from "../conversation/index.ts";
import type { DossierStore } from "../dossiers/index.ts";
import type { Logger } from "../log.ts";

/**
 * Delivers queued dossier pushes through the reply outbox, the same way chat answers go out: each due push is
 * rendered for its chat and committed to the outbox under the key `push:<event>:<chat>` (so a push rendered twice is
 * queued once), then marked done; the pipeline sends it with retries. A push that cannot be rendered is retried
 * with backoff.
 */
export interface PushDeps {
  store: DossierStore;
  conversation: Conversation;
  pipeline: ReplyPipeline;
  log: Logger;
  clock?: () => Date;
}

const backoffMs = (attempts: number) => Math.min(3600_000, 15_000 * 2 ** Math.min(attempts, 8));

/** A reply as the messages that carry it on a channel (Telegram HTML with keyboards, Zalo plain text). */
export function outboxMessages(chatKey: string, reply: Reply): OutboxMessage[] {
  const colon = chatKey.indexOf(":");
  const channel = chatKey.slice(0, colon);
  const chatId = chatKey.slice(colon + 1);
  if (channel === "telegram") {
    return reply.messages.flatMap((m) =>
      renderTelegram(m).map((part) => ({
        chatKey,
        method: "sendMessage",
        payload: {
          chat_id: chatId,
          text: part.text,
          parse_mode: "HTML",
          link_preview_options: { is_disabled: true },
          ...(part.reply_markup ? { reply_markup: part.reply_markup } : {}),
        },
      })),
    );
  }
  if (channel === "zalo")
    return renderZalo(reply).map((text) => ({
      chatKey,
      method: "sendMessage",
      payload: { chat_id: chatId, text },
    }));
  return [];
}

let running: Promise<number> | null = null;

/** Queues what is due now; concurrent calls share one run. Returns how many pushes were queued. */
export function deliverPushes(deps: PushDeps, limit = 100): Promise<number> {
  running ??= (async () => {
    const now = (deps.clock ?? (() => new Date()))();
    let queued = 0;
    for (const job of await deps.store.duePushes(now, limit)) {
      // Each push in its own turn of the event loop (rendering a card is CPU work): requests are served between.
      await deps.pipeline.turn();
      try {
        const reply = await deps.conversation.dossierPush(job.codeKey, job.lang);
        const messages = reply ? outboxMessages(job.chatKey, reply) : [];
        await deps.pipeline.outbox.commit(
          { updateKey: `push:${job.eventId}:${job.chatKey}`, sessions: [], messages },
          now,
        );
        await deps.store.markPushed(job.id, now);
        queued++;
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        deps.log.warn("dossier push not queued, will retry", {
          id: job.id,
          attempts: job.attempts + 1,
          error: message,
        });
        await deps.store.markPushFailed(job.id, message, new Date(now.getTime() + backoffMs(job.attempts)));
      }
    }
    if (queued > 0) await deps.pipeline.drain();
    return queued;
  })().finally(() => {
    running = null;
  });
  return running;
}
