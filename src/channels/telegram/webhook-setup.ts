import type { Api } from "grammy";
import { LANGUAGES } from "../../catalogue/index.ts";
import { translator } from "../../i18n/index.ts";

/** Registers the webhook URL and secret, and the command list in all five languages (Vietnamese as default). */
export async function registerWebhook(api: Api, publicUrl: string, secret: string): Promise<string> {
  const url = `${publicUrl.replace(/\/+$/, "")}/webhooks/telegram`;
  await api.setWebhook(url, {
    secret_token: secret,
    allowed_updates: ["message", "callback_query", "inline_query"],
    drop_pending_updates: false,
  });
  const commands = (lang: (typeof LANGUAGES)[number]) => {
    const t = translator(lang);
    return (["start", "help", "lang"] as const).map((command) => ({
      command,
      description: t(`commands.${command}`),
    }));
  };
  await api.setMyCommands(commands("vi"));
  for (const lang of LANGUAGES) await api.setMyCommands(commands(lang), { language_code: lang });
  return url;
}
