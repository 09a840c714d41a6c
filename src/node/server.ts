import type { IncomingMessage, Server, ServerResponse } from "node:http";
import { run } from "@grammyjs/runner";
import { getRequestListener } from "@hono/node-server";
import { startZaloPolling } from "../channels/zalo/bot.ts";
import { ConfigError, loadConfig } from "../config.ts";
import { jsonLogger } from "../log.ts";
import { createApp, pendingWork } from "../server/app.ts";
import { assemble } from "../server/assemble.ts";
import { createPacer } from "../server/pace.ts";
import { deliverPushes } from "../server/push.ts";
import { filesNewerThanBundle } from "./assets.ts";
import { loadCatalogue, loadPhrases } from "./catalogue.ts";
import { databaseUrl, openDatabase } from "./database.ts";
import { MIGRATIONS_DIR } from "./paths.ts";
import { loadSearcher } from "./search.ts";
import { migrate } from "./session-store.ts";
import { sqliteStores } from "./stores.ts";
import { nodeUnitScope } from "./unit-scope.ts";

/**
 * The server behind the Node entry (main.ts): loads the built catalogue and search index, opens the SQLite file
 * under ./var, assembles the app and hands main.ts's HTTP server its request listener. main.ts listens before this
 * module is even imported, so /healthz answers while this loads; /readyz answers 200 once it is done.
 */

export interface EntryServer {
  /** The HTTP server main.ts created (listening already when `listening`). */
  server: Server;
  /** Whether main.ts could listen from PORT and HOST as given; if not, this listens once the config is read. */
  listening: boolean;
  /** The entry file (dist/node/main.js when bundled): whether it is older than the checkout is said in the log. */
  entryFile: string;
  /** Hands over the app: every request from now on, and the ones held while this loaded. */
  release(listener: (req: IncomingMessage, res: ServerResponse) => void): void;
}

export async function start(entry: EntryServer) {
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
  const log = jsonLogger(config.LOG_LEVEL);
  // The last line of defence: every background task has its own boundary, so this only logs a bug.
  process.on("unhandledRejection", (reason) =>
    log.error("unhandled rejection", { error: reason instanceof Error ? reason.message : String(reason) }),
  );
  const { server } = entry;
  if (!entry.listening) server.listen(config.PORT, config.HOST);
  const started = performance.now();
  // A card reads its record's own line of a shard file; the last 1 Mi characters of lines read (about a hundred
  // records) are kept, so a follow-up on the card on screen reads nothing.
  const catalogue = loadCatalogue();
  const searcher = loadSearcher();
  const client = await openDatabase(databaseUrl(config.DATABASE_URL));
  const applied = await migrate(client, MIGRATIONS_DIR);
  if (applied.length > 0) log.info("database migrated", { applied });
  const stores = sqliteStores(client, { sessionTtlMs: config.SESSION_TTL_DAYS * 24 * 3600_000 });
  const { sessions, dossierStore, outbox } = stores;
  log.info("catalogue and search index loaded", {
    procedures: catalogue.size,
    curated: catalogue.entries.filter((e) => e.curated).length,
    ms: Math.round(performance.now() - started),
  });
  const deps = assemble({
    config,
    catalogue,
    searcher,
    phrases: loadPhrases(),
    unitScope: nodeUnitScope(),
    ...stores,
    // Bursts of webhook updates and chat questions spread over the event loop's turns.
    pacer: createPacer(),
    log,
  });
  const pipeline = deps.pipeline;
  const polling = config.BOT_MODE === "polling";
  const app = createApp({
    ...deps,
    telegram: polling ? null : deps.telegram,
    zalo: polling ? null : deps.zalo,
  });
  entry.release(getRequestListener(app.fetch, { hostname: config.HOST }));
  log.info(
    `ready on http://${config.HOST}:${config.PORT} (GET /healthz, GET /readyz, POST /api/chat) in ${Math.round(performance.now())} ms`,
  );
  // Whether the running code is older than the checkout: a warning, looked at once serving (a few hundred stats).
  setTimeout(() => {
    const newer = filesNewerThanBundle(entry.entryFile);
    if (newer.length > 0)
      log.warn(
        `dist/node/main.js is older than ${newer.length} source files (${newer.slice(0, 3).join(", ")}): run npm run build`,
      );
  }, 1000).unref();
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
  // The outbox worker: sends what is due (every commit also starts a send), retries on timers.
  pipeline?.start(2000);
  if (deps.telegram) {
    // The real bot info replaces the placeholder when the Bot API answers; nothing waits for it.
    const bot = deps.telegram;
    bot.api
      .getMe()
      .then((me) => {
        bot.botInfo = me;
      })
      .catch(() => log.warn("telegram getMe failed; answering without the bot's username"));
  }
  // Dossier pushes due now are queued in the outbox (the ingest API also does it at once).
  const pushTimer = setInterval(() => {
    if (!pipeline) return;
    deliverPushes({ store: dossierStore, conversation: deps.conversation, pipeline, log }).catch(
      (error: unknown) =>
        log.error("push delivery failed", { error: error instanceof Error ? error.message : String(error) }),
    );
  }, 5000);
  pushTimer.unref();
  // Hourly: idle sessions past their time to live, old update claims and delivered messages are deleted.
  const sweep = async () => {
    try {
      const now = new Date();
      const swept = await sessions.sweep(now);
      const pruned = await outbox.prune(new Date(now.getTime() - 7 * 24 * 3600_000));
      if (swept.sessions + swept.updates + pruned > 0)
        log.info("storage swept", { ...swept, messages: pruned });
    } catch (error) {
      log.error("storage sweep failed", { error: error instanceof Error ? error.message : String(error) });
    }
  };
  const sweepTimer = setInterval(() => void sweep(), 3600_000);
  sweepTimer.unref();
  void sweep();
  if (!config.INGEST_TOKEN) log.info("no INGEST_TOKEN set: POST /api/dossiers/events is off.");
  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info(`${signal}: shutting down`);
    // Whatever hangs (a long poll, a slow Bot API), the process ends within ten seconds; what is not sent by
    // then stays in the outbox and goes out after the restart.
    setTimeout(() => process.exit(0), 10_000).unref();
    clearInterval(pushTimer);
    clearInterval(sweepTimer);
    // No new requests; the ones in progress finish.
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    if (runner?.isRunning()) await runner.stop();
    await zaloPolling?.stop();
    // Updates already acknowledged are answered and committed before the database closes.
    while (pendingWork.size > 0) await Promise.allSettled([...pendingWork]);
    await pipeline?.idle();
    pipeline?.stop();
    await closed;
    client.close();
    log.info("stopped");
    process.exit(0);
  };
  process.on("SIGINT", () => void stop("SIGINT"));
  process.on("SIGTERM", () => void stop("SIGTERM"));
}
