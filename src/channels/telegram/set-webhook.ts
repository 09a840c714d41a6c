import { Api } from "grammy";
import { runWebhookScript } from "../webhook-script.ts";
import { registerWebhook } from "./webhook-setup.ts";

/** `npm run telegram:set-webhook`: reads TELEGRAM_BOT_TOKEN, TELEGRAM_WEBHOOK_SECRET and PUBLIC_URL. */
runWebhookScript(["TELEGRAM_BOT_TOKEN", "TELEGRAM_WEBHOOK_SECRET", "PUBLIC_URL"], async (config) => {
  const api = new Api(config.TELEGRAM_BOT_TOKEN, { apiRoot: config.TELEGRAM_API_ROOT });
  const url = await registerWebhook(api, config.PUBLIC_URL, config.TELEGRAM_WEBHOOK_SECRET);
  return `webhook set: ${url} (commands registered in vi, en, zh, ko, ja)`;
});
