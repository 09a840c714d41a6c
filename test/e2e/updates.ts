/** Real Telegram update JSON, as the Bot API delivers it to a webhook. */
let nextUpdateId = 500_000_000;
let nextMessageId = 1;

export const user = (languageCode = "vi", id = 123456789) => ({
  id,
  is_bot: false,
  first_name: "Lan",
  last_name: "Nguyễn",
  username: "lan_nguyen",
  language_code: languageCode,
});

export function textUpdate(
  text: string,
  opts: { languageCode?: string; chatId?: number; updateId?: number } = {},
) {
  const from = user(opts.languageCode, opts.chatId);
  const entities = text.startsWith("/")
    ? [{ offset: 0, length: text.split(" ")[0]?.length ?? 1, type: "bot_command" }]
    : undefined;
  return {
    update_id: opts.updateId ?? nextUpdateId++,
    message: {
      message_id: nextMessageId++,
      from,
      chat: {
        id: from.id,
        first_name: from.first_name,
        last_name: from.last_name,
        username: from.username,
        type: "private",
      },
      date: Math.floor(Date.now() / 1000),
      text,
      ...(entities ? { entities } : {}),
    },
  };
}

export function callbackUpdate(data: string, opts: { languageCode?: string; chatId?: number } = {}) {
  const from = user(opts.languageCode, opts.chatId);
  return {
    update_id: nextUpdateId++,
    callback_query: {
      id: String(4_000_000_000 + nextUpdateId),
      from,
      message: {
        message_id: nextMessageId++,
        from: { id: 7000000001, is_bot: true, first_name: "DVC Assistant", username: "dvc_assistant_bot" },
        chat: { id: from.id, first_name: from.first_name, type: "private" },
        date: Math.floor(Date.now() / 1000),
        text: "…",
      },
      chat_instance: "-123456789012345678",
      data,
    },
  };
}

export function inlineUpdate(query: string, opts: { languageCode?: string } = {}) {
  return {
    update_id: nextUpdateId++,
    inline_query: {
      id: String(9_000_000_000 + nextUpdateId),
      from: user(opts.languageCode),
      query,
      offset: "",
      chat_type: "group",
    },
  };
}

export function stickerUpdate(opts: { languageCode?: string; chatId?: number } = {}) {
  const from = user(opts.languageCode, opts.chatId);
  return {
    update_id: nextUpdateId++,
    message: {
      message_id: nextMessageId++,
      from,
      chat: { id: from.id, first_name: from.first_name, type: "private" },
      date: Math.floor(Date.now() / 1000),
      sticker: {
        file_id: "CAACAgIAAxkBAAEBc2dlZ",
        file_unique_id: "AgADsAQAAladvQo",
        type: "regular",
        width: 512,
        height: 512,
        is_animated: false,
        is_video: false,
        emoji: "👍",
      },
    },
  };
}
