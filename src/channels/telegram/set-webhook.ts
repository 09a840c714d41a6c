import { Api } from "grammy";
import { ConfigError, loadConfig } from "../../config.ts";
import { registerWebhook } from "./webhook-setup.ts";

/** `npm run telegram:set-webhook`: reads TELEGRAM_BOT_TOKEN, TELEGRAM_WEBHOOK_SECRET and PUBLIC_URL. */
async function main(): Promise<number> {
  const config = loadConfig(process.env);
  const missing = (["TELEGRAM_BOT_TOKEN", "TELEGRAM_WEBHOOK_SECRET", "PUBLIC_URL"] as const).filter(
    (k) => !config[k],
  );
  if (missing.length > 0) {
    console.error(
      `Set ${missing.join(", ")} first (PUBLIC_URL is the https address Telegram can reach, e.g. https://bot.example.vn).`,
    );
    return 1;
  }
  const api = new Api(config.TELEGRAM_BOT_TOKEN as string, { apiRoot: config.TELEGRAM_API_ROOT });
  const url = await registerWebhook(
    api,
    config.PUBLIC_URL as string,
    config.TELEGRAM_WEBHOOK_SECRET as string,
  );
  console.log(`webhook set: ${url} (commands registered in vi, en, zh, ko, ja)`);
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(
      error instanceof ConfigError
        ? error.message
        : `setWebhook failed: ${error instanceof Error ? error.message : String(error)}`,
    );
    process.exitCode = 1;
  },
);
