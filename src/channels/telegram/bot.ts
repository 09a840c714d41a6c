import { Bot, type Context, GrammyError, HttpError } from "grammy";
import type { InlineQueryResultArticle } from "grammy/types";
import { type Language, languageSchema } from "../../catalogue/index.ts";
import type { Reply, SessionStore } from "../../conversation/index.ts";
import { type Conversation, languageFromHint } from "../../conversation/index.ts";
import { translator } from "../../i18n/index.ts";
import type { Logger } from "../../log.ts";
import { renderTelegram, TELEGRAM_MAX_TEXT } from "./render.ts";

/**
 * The Telegram bot: a thin adapter that turns updates into the core's Incoming and renders its Reply as HTML
 * with inline keyboards. Retried updates (same update_id) are answered once.
 */
export interface TelegramBotOptions {
  token: string;
  apiRoot: string;
  conversation: Conversation;
  sessions: SessionStore;
  log: Logger;
}

const INLINE_PREFIX = /^\s*(vi|en|zh|ko|ja)\s*:\s*/i;

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

export function createTelegramBot(options: TelegramBotOptions): Bot {
  const { conversation, sessions, log } = options;
  const bot = new Bot(options.token, { client: { apiRoot: options.apiRoot } });

  // Middleware first: answer each update once, even when Telegram retries it.
  // A storage error while claiming is thrown (nothing was claimed: the webhook answers 503 and Telegram retries);
  // any error after the claim is caught here, logged and answered with an apology, never a 500.
  bot.use(async (ctx, next) => {
    if (!(await sessions.claimUpdate(`telegram:${ctx.update.update_id}`))) {
      log.info("telegram update already handled", { update_id: ctx.update.update_id });
      return;
    }
    try {
      await next();
    } catch (error) {
      await apologize(ctx, error);
    }
  });

  const apologize = async (ctx: Context, e: unknown) => {
    const detail =
      e instanceof GrammyError
        ? `${e.error_code} ${e.description}`
        : e instanceof HttpError
          ? "network"
          : e instanceof Error
            ? e.message
            : String(e);
    log.error("telegram update failed", { update_id: ctx.update.update_id, error: detail });
    const lang = languageFromHint(ctx.from?.language_code) ?? "vi";
    if (ctx.chat) await ctx.reply(translator(lang)("chat.error")).catch(() => undefined);
  };

  const incomingBase = (ctx: Context) => ({
    channel: "telegram" as const,
    chatId: String(ctx.chat?.id ?? ctx.from?.id ?? "unknown"),
    userId: ctx.from ? String(ctx.from.id) : null,
    languageHint: ctx.from?.language_code ?? null,
  });

  bot.on("message:text", async (ctx) => {
    // The typing indicator is a courtesy: a failure to show it must not stop the answer.
    ctx.replyWithChatAction("typing").catch(() => undefined);
    await send(ctx, await conversation.handle({ ...incomingBase(ctx), text: ctx.message.text }));
  });

  bot.on("callback_query:data", async (ctx) => {
    await ctx.answerCallbackQuery().catch(() => undefined);
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
    if (ctx.callbackQuery.data.startsWith("l:") && part && reply.messages.length === 1) {
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

  // Polling (the runner) reports errors here; the middleware above has already answered the chat.
  bot.catch((error) => apologize(error.ctx, error.error));

  return bot;
}
