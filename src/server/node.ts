import { run } from "@grammyjs/runner";
import { serve } from "@hono/node-server";
import { loadCatalogue } from "../catalogue/load-node.ts";
import { startZaloPolling } from "../channels/zalo/bot.ts";
import { ConfigError, loadConfig } from "../config.ts";
import { migrate, SqliteSessionStore } from "../conversation/sqlite-session-store.ts";
import { SqliteDossierStore } from "../dossiers/sqlite-store.ts";
import type { Logger } from "../log.ts";
import { loadSearcher } from "../search/load-node.ts";
import { createApp, pendingWork } from "./app.ts";
import { assemble } from "./assemble.ts";
import { databaseUrl, openDatabase } from "./database.ts";
import { MIGRATIONS_DIR } from "./paths.ts";
import { deliverPushes } from "./push.ts";

/** The embedded default: bundled catalogue, local SQLite file under ./var, one process on localhost. */

export function consoleLogger(level: string): Logger {
  const order = ["debug", "info", "warn", "error"];
  const enabled = (lvl: string) => level !== "silent" && order.indexOf(lvl) >= order.indexOf(level);
  const line = (lvl: string, message: string, data?: Record<string, unknown>) =>
    `${new Date().toISOString()} ${lvl} ${message}${data ? ` ${JSON.stringify(data)}` : ""}`;
  return {
    info: (m, d) => enabled("info") && console.log(line("info", m, d)),
    warn: (m, d) => enabled("warn") && console.warn(line("warn", m, d)),
    error: (m, d) => enabled("error") && console.error(line("error", m, d)),
  } as Logger;
}

async function main() {
  let config: ReturnType<typeof loadConfig>;
  try {
    config = loadConfig(process.env);
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  const log = consoleLogger(config.LOG_LEVEL);
  const started = performance.now();
  const catalogue = loadCatalogue();
  const searcher = loadSearcher();
  const client = await openDatabase(databaseUrl(config.DATABASE_URL));
  const applied = await migrate(client, MIGRATIONS_DIR);
  if (applied.length > 0) log.info("database migrated", { applied });
  const sessions = new SqliteSessionStore(client);
  const dossierStore = new SqliteDossierStore(client);
  log.info("catalogue and search index loaded", {
    procedures: catalogue.size,
    curated: catalogue.entries.filter((e) => e.curated).length,
    ms: Math.round(performance.now() - started),
  });
  const deps = assemble({ config, catalogue, searcher, sessions, dossierStore, log });
  const polling = config.BOT_MODE === "polling";
  const app = createApp({
    ...deps,
    telegram: polling ? null : deps.telegram,
    zalo: polling ? null : deps.zalo,
  });
  const server = serve({ fetch: app.fetch, port: config.PORT, hostname: config.HOST }, (info) => {
    log.info(`listening on http://${config.HOST}:${info.port} (GET /healthz, POST /api/chat)`);
  });
  let runner: ReturnType<typeof run> | null = null;
  let zaloPolling: ReturnType<typeof startZaloPolling> | null = null;
  if (deps.zalo) {
    if (polling) {
      zaloPolling = startZaloPolling(deps.zalo);
      log.info("zalo: long polling (BOT_MODE=polling)");
    } else if (!config.ZALO_WEBHOOK_SECRET) {
      log.warn(
        "ZALO_WEBHOOK_SECRET is not set: the Zalo webhook refuses every request. Set it, or use BOT_MODE=polling.",
      );
    } else log.info("zalo: webhook at POST /webhooks/zalo");
  }
  if (!deps.telegram) {
    log.info(
      "no TELEGRAM_BOT_TOKEN set: serving the API only. Create a bot with @BotFather, then set TELEGRAM_BOT_TOKEN and either BOT_MODE=polling or TELEGRAM_WEBHOOK_SECRET + PUBLIC_URL and run npm run telegram:set-webhook.",
    );
  } else if (polling && deps.telegram) {
    await deps.telegram.api.deleteWebhook();
    runner = run(deps.telegram);
    log.info("telegram: long polling (BOT_MODE=polling)");
  } else if (!config.TELEGRAM_WEBHOOK_SECRET) {
    log.warn(
      "TELEGRAM_WEBHOOK_SECRET is not set: the webhook refuses every request. Set it, or use BOT_MODE=polling.",
    );
  } else log.info("telegram: webhook at POST /webhooks/telegram");
  // Pushes that failed are retried on a timer (the ingest API also starts a delivery at once).
  const pushTimer = setInterval(() => {
    deliverPushes({
      store: dossierStore,
      conversation: deps.conversation,
      telegram: deps.telegram,
      zalo: deps.zalo?.client,
      log,
    }).catch((error: unknown) =>
      log.error("push delivery failed", { error: error instanceof Error ? error.message : String(error) }),
    );
  }, 5000);
  pushTimer.unref();
  if (!config.INGEST_TOKEN) log.info("no INGEST_TOKEN set: POST /api/dossiers/events is off.");
  const stop = async (signal: string) => {
    clearInterval(pushTimer);
    log.info(`${signal}: shutting down`);
    // Whatever hangs (a long poll, a slow client), the process ends within five seconds.
    setTimeout(() => process.exit(0), 5000).unref();
    if (runner?.isRunning()) await runner.stop();
    await zaloPolling?.stop();
    await Promise.allSettled([...pendingWork]);
    server.close(() => process.exit(0));
  };
  process.on("SIGINT", () => void stop("SIGINT"));
  process.on("SIGTERM", () => void stop("SIGTERM"));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
