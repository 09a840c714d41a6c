import { runWebhookScript } from "../webhook-script.ts";
import { ZaloClient } from "./client.ts";

/** `npm run zalo:set-webhook`: reads ZALO_BOT_TOKEN, ZALO_WEBHOOK_SECRET and PUBLIC_URL. */
runWebhookScript(["ZALO_BOT_TOKEN", "ZALO_WEBHOOK_SECRET", "PUBLIC_URL"], async (config) => {
  const client = new ZaloClient({ token: config.ZALO_BOT_TOKEN, apiRoot: config.ZALO_API_ROOT });
  const url = `${config.PUBLIC_URL.replace(/\/+$/, "")}/webhooks/zalo`;
  await client.setWebhook(url, config.ZALO_WEBHOOK_SECRET);
  return `zalo webhook set: ${url}`;
});
