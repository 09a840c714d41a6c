import { ConfigError, loadConfig } from "../../config.ts";
import { ZaloApiError, ZaloClient } from "./client.ts";

/** `npm run zalo:set-webhook`: reads ZALO_BOT_TOKEN, ZALO_WEBHOOK_SECRET and PUBLIC_URL. */
async function main(): Promise<number> {
  const config = loadConfig(process.env);
  const missing = (["ZALO_BOT_TOKEN", "ZALO_WEBHOOK_SECRET", "PUBLIC_URL"] as const).filter(
    (k) => !config[k],
  );
  if (missing.length > 0) {
    console.error(
      `Set ${missing.join(", ")} first (PUBLIC_URL is the https address Zalo can reach, e.g. https://bot.example.vn).`,
    );
    return 1;
  }
  const client = new ZaloClient({ token: config.ZALO_BOT_TOKEN as string, apiRoot: config.ZALO_API_ROOT });
  const url = `${(config.PUBLIC_URL as string).replace(/\/+$/, "")}/webhooks/zalo`;
  await client.setWebhook(url, config.ZALO_WEBHOOK_SECRET as string);
  console.log(`zalo webhook set: ${url}`);
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(
      error instanceof ConfigError || error instanceof ZaloApiError ? error.message : String(error),
    );
    process.exitCode = 1;
  },
);
