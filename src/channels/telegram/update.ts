import * as z from "zod";
import { lazySchema } from "../../lazy-schema.ts";

/**
 * The parts of a Telegram update the bot relies on, checked before grammY sees it: Telegram never sends
 * anything else, so an update that breaks these is refused with a 400 naming the field instead of failing later.
 * Unknown fields and unknown update kinds pass (Telegram adds new ones).
 */
const id = lazySchema(() => z.number().int().safe());
const userSchema = lazySchema(() =>
  z.object({ id, is_bot: z.boolean().optional(), language_code: z.string().optional() }).loose(),
);
const chatSchema = lazySchema(() => z.object({ id, type: z.string() }).loose());
const messageSchema = lazySchema(() =>
  z
    .object({
      message_id: z.number().int(),
      chat: chatSchema,
      from: userSchema.optional(),
      text: z.string().optional(),
    })
    .loose(),
);

export const telegramUpdateSchema = lazySchema(() =>
  z
    .object({
      update_id: z.number().int().nonnegative().safe(),
      message: messageSchema.optional(),
      edited_message: messageSchema.optional(),
      channel_post: messageSchema.optional(),
      edited_channel_post: messageSchema.optional(),
      callback_query: z
        .object({
          id: z.string(),
          from: userSchema,
          message: z.object({ message_id: z.number().int(), chat: chatSchema }).loose().optional(),
          inline_message_id: z.string().optional(),
          data: z.string().optional(),
        })
        .loose()
        .optional(),
      inline_query: z.object({ id: z.string(), from: userSchema, query: z.string() }).loose().optional(),
    })
    .loose(),
);

/**
 * What the webhook answers Telegram with: for a button press, the answerCallbackQuery that stops its spinner, which
 * Telegram performs itself (a Bot API request made "while sending an answer to the webhook"), one call fewer per
 * press; for anything else, `{ ok: true }`. Its result is unknown, as it was when the call was not awaited.
 */
export function webhookReply(update: {
  callback_query?: { id: string } | undefined;
  update_id: number;
}): Record<string, unknown> {
  const id = update.callback_query?.id;
  return id ? { method: "answerCallbackQuery", callback_query_id: id } : { ok: true };
}
