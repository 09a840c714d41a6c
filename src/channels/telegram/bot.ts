import { Bot, type Context, GrammyError, HttpError } from "grammy";
import type { InlineQueryResultArticle, Update, UserFromGetMe } from "grammy/types";
import { type Language, languageSchema } from "../../catalogue/index.ts";
import type { Reply } from "../../conversation/index.ts";
import { type Conversation, decodeAction, languageFromHint } from "../../conversation/index.ts";
import { translator } from "../../i18n/index.ts";
import type { Logger } from "../../log.ts";
import type { ChannelSender, ReplyPipeline } from "../replies.ts";
import { renderTelegram, TELEGRAM_MAX_TEXT } from "./render.ts";

/**
 * The Telegram bot: a thin adapter that turns updates into the core's Incoming and renders its Reply as HTML
 * with inline keyboards. Each update is answered through the reply pipeline: what the handlers send
 * (sendMessage, editMessageText) is queued in the outbox and committed with the update's claim, then sent with
 * retries; a redelivered update (same update_id) is answered once. Courtesy calls (typing, inline results, and
 * under long polling answering a button press) go straight to the API; through the webhook, its acknowledgement
 * answers a button press (webhookReply).
 */
export interface TelegramBotOptions {
  token: string;
  apiRoot: string;
  conversation: Conversation;
  pipeline: ReplyPipeline;
  log: Logger;
  /** How long an answer may take before the chat shows "typing…" (default TYPING_AFTER_MS). */
  typingAfterMs?: number;
  /**
   * Whether the bot answers button presses with answerCallbackQuery itself (long polling). Through the webhook the
   * acknowledgement carries that answer (webhookReply), so the bot makes no call for it.
   */
  answersCallbacks?: boolean;
}

/**
 * Telegram asks bots to show "typing…" only when an answer takes noticeable time, and clears it when the answer
 * arrives. Almost every answer is ready within milliseconds, so the indicator is sent only for one that is not
 * ready after this long (a slow dossier lookup, a busy database): one Bot API call per message fewer, which was
 * about a third of the server's work on an update (bench:load).
 */
export const TYPING_AFTER_MS = 1000;

const INLINE_PREFIX = /^\s*(vi|en|zh|ko|ja)\s*:\s*/i;
/** Calls that are an answer to the user: queued in the outbox, sent at least once, in order. */
const QUEUED_METHODS = new Set(["sendMessage", "editMessageText"]);

async function send(ctx: Context, reply: Reply): Promise<void> {
  for (const message of reply.messages) {
    for (const part of renderTelegram(message)) {
      await ctx.reply(part.text, {
        parse_mode: "HTML",
        link_preview_options: { is_disabled: true },
        ...(part.reply_markup ? { reply_markup: part.reply_markup } : {}),
      });
    }
  }
}

/** The chat an update belongs to: its chat, else its sender (inline queries, buttons on inline cards). */
export function telegramChatKey(update: Update): string {
  const u = update as unknown as Record<
    string,
    { chat?: { id?: unknown }; from?: { id?: unknown }; message?: { chat?: { id?: unknown } } } | undefined
  >;
  for (const kind of Object.keys(u)) {
    const part = u[kind];
    if (!part || typeof part !== "object") continue;
    const id = part.chat?.id ?? part.message?.chat?.id ?? part.from?.id;
    if (typeof id === "number" || typeof id === "string") return `telegram:${id}`;
  }
  return `telegram:update`;
}

/** Placeholder bot info until getMe answers: the handlers use no field of it, and the webhook must not wait. */
function provisionalBotInfo(token: string): UserFromGetMe {
  return {
    id: Number(token.split(":")[0]) || 0,
    is_bot: true,
    first_name: "DVC Assistant",
    username: "",
    can_join_groups: true,
    can_read_all_group_messages: false,
    supports_inline_queries: true,
    can_connect_to_business: false,
    has_main_web_app: false,
  } as UserFromGetMe;
}

export function createTelegramBot(options: TelegramBotOptions): Bot {
  const { conversation, pipeline, log } = options;
  const bot = new Bot(options.token, {
    client: { apiRoot: options.apiRoot, timeoutSeconds: 30 },
    botInfo: provisionalBotInfo(options.token),
  });
  pipeline.register("telegram", telegramSender(bot));

  // Middleware first: the update's answer is produced in a unit of work and committed once; every error inside
  // is logged and answered with an apology, never thrown (no 500, no crash).
  bot.use(async (ctx, next) => {
    await pipeline.run(`telegram:${ctx.update.update_id}`, telegramChatKey(ctx.update), async (unit) => {
      const chatKey = telegramChatKey(ctx.update);
      ctx.api.config.use(async (prev, method, payload, signal) => {
        if (!QUEUED_METHODS.has(method)) return prev(method, payload, signal);
        unit.messages.push({ chatKey, method, payload: { ...(payload as Record<string, unknown>) } });
        const result =
          method === "sendMessage"
            ? { message_id: 0, date: Math.floor(Date.now() / 1000), chat: { id: 0, type: "private" } }
            : true;
        // biome-ignore lint/suspicious/noExplicitAny: the transformer's result type is per method
        return { ok: true, result } as any;
      });
      try {
        await next();
      } catch (error) {
        await apologize(ctx, error);
      }
    });
  });

  const apologize = async (ctx: Context, e: unknown) => {
    log.error("telegram update failed", { update_id: ctx.update.update_id, error: describeTelegramError(e) });
    const lang = languageFromHint(ctx.from?.language_code) ?? "vi";
    if (ctx.chat) await ctx.reply(translator(lang)("chat.error")).catch(() => undefined);
  };

  const incomingBase = (ctx: Context) => ({
    channel: "telegram" as const,
    chatId: String(ctx.chat?.id ?? ctx.from?.id ?? "unknown"),
    userId: ctx.from ? String(ctx.from.id) : null,
    languageHint: ctx.from?.language_code ?? null,
    source: ctx.from ? `telegram:user:${ctx.from.id}` : null,
  });

  const typingAfterMs = options.typingAfterMs ?? TYPING_AFTER_MS;
  const answersCallbacks = options.answersCallbacks ?? true;
  bot.on("message:text", async (ctx) => {
    // The typing indicator is a courtesy, for a slow answer only: a failure to show it must not stop the answer.
    const typing = setTimeout(() => ctx.replyWithChatAction("typing").catch(() => undefined), typingAfterMs);
    try {
      await send(ctx, await conversation.handle({ ...incomingBase(ctx), text: ctx.message.text }));
    } finally {
      clearTimeout(typing);
    }
  });

  bot.on("callback_query:data", async (ctx) => {
    // Stops the button's spinner (through the webhook, its acknowledgement did: webhookReply); not awaited, so a
    // slow API does not hold the answer back.
    if (answersCallbacks) ctx.answerCallbackQuery().catch(() => undefined);
    const reply = await conversation.handle({ ...incomingBase(ctx), callback: ctx.callbackQuery.data });
    // Choosing a language edits the prompt in place; everything else answers with new messages.
    const first = reply.messages[0];
    const part = first ? renderTelegram(first)[0] : undefined;
    // A button on a card shared in inline mode (inline_message_id, no message): there is no chat to answer
    // in, so the card itself shows the answer.
    if (!ctx.callbackQuery.message) {
      if (part && ctx.callbackQuery.inline_message_id) {
        await ctx.editMessageText(part.text, {
          parse_mode: "HTML",
          link_preview_options: { is_disabled: true },
          ...(part.reply_markup ? { reply_markup: part.reply_markup } : {}),
        });
      }
      return;
    }
    if (decodeAction(ctx.callbackQuery.data)?.kind === "lang" && part && reply.messages.length === 1) {
      await ctx.editMessageText(part.text, {
        parse_mode: "HTML",
        link_preview_options: { is_disabled: true },
      });
      return;
    }
    await send(ctx, reply);
  });

  // Help-desk staff type "@bot en: work permit" in any chat and paste the answer card.
  bot.on("inline_query", async (ctx) => {
    const raw = ctx.inlineQuery.query;
    const prefix = INLINE_PREFIX.exec(raw);
    const lang: Language =
      (prefix ? languageSchema.safeParse(prefix[1]?.toLowerCase()).data : undefined) ??
      languageFromHint(ctx.from.language_code) ??
      "vi";
    const query = prefix ? raw.slice(prefix[0].length) : raw;
    if (query.trim() === "") {
      await ctx.answerInlineQuery([], { cache_time: 10 });
      return;
    }
    const results: InlineQueryResultArticle[] = [];
    for (const card of await conversation.inlineCards(query, lang, 8)) {
      const part = renderTelegram(card.message)[0];
      if (!part) continue;
      results.push({
        type: "article",
        id: `${lang}:${card.code}`,
        title: card.title.slice(0, 120),
        description: card.description,
        input_message_content: {
          message_text: part.text.slice(0, TELEGRAM_MAX_TEXT),
          parse_mode: "HTML",
          link_preview_options: { is_disabled: true },
        },
        ...(part.reply_markup ? { reply_markup: part.reply_markup } : {}),
      });
    }
    await ctx.answerInlineQuery(results, { cache_time: 60 });
  });

  // Stickers, photos, voice: a friendly hint in the user's language.
  bot.on("message", async (ctx) => {
    const lang = await conversation.chatLanguage(incomingBase(ctx));
    await ctx.reply(translator(lang)("chat.unsupported"));
  });

  // Only reached if the pipeline itself failed (it logs and never throws): keep polling going.
  bot.catch((error) => log.error("telegram update failed", { error: describeTelegramError(error.error) }));

  return bot;
}

export function describeTelegramError(e: unknown): string {
  if (e instanceof GrammyError) return `${e.method}: ${e.error_code} ${e.description}`;
  if (e instanceof HttpError) return "network error";
  return e instanceof Error ? e.message : String(e);
}

/**
 * Sends queued messages with the Bot API: a 429 waits the retry_after Telegram gives; a 5xx or a network error
 * backs off; any other 4xx (a blocked bot, a deleted chat, "message is not modified") will never succeed.
 */
export function telegramSender(bot: Bot): ChannelSender {
  return {
    async send(method, payload) {
      await bot.api.raw[method as "sendMessage"](payload as Parameters<typeof bot.api.raw.sendMessage>[0]);
    },
    classify(error) {
      if (error instanceof GrammyError) {
        const after = error.parameters.retry_after;
        if (error.error_code === 429) return { kind: "retry_after", ms: Math.max(1, after ?? 5) * 1000 };
        if (error.error_code >= 500) return { kind: "backoff" };
        return { kind: "drop" };
      }
      return { kind: "backoff" };
    },
    describe: describeTelegramError,
  };
}
