import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { serve } from "@hono/node-server";
import { loadCatalogue } from "../catalogue/load-node.ts";
import { ConfigError, loadConfig } from "../config.ts";
import { loadSearcher } from "../search/load-node.ts";
import { createApp, type Logger } from "./app.ts";

/** The embedded default: bundled catalogue, local SQLite file under ./var, one process on localhost. */

function consoleLogger(level: string): Logger {
  const quiet = level === "silent";
  const line = (lvl: string, message: string, data?: Record<string, unknown>) =>
    `${new Date().toISOString()} ${lvl} ${message}${data ? ` ${JSON.stringify(data)}` : ""}`;
  return {
    info: (m, d) => {
      if (!quiet && (level === "info" || level === "debug")) console.log(line("info", m, d));
    },
    warn: (m, d) => {
      if (!quiet && level !== "error") console.warn(line("warn", m, d));
    },
    error: (m, d) => {
      if (!quiet) console.error(line("error", m, d));
    },
  };
}

function main() {
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
  log.info("catalogue and search index loaded", {
    procedures: catalogue.size,
    curated: catalogue.entries.filter((e) => e.curated).length,
    ms: Math.round(performance.now() - started),
  });
  mkdirSync(dirname(resolve(config.DATABASE_URL)), { recursive: true });
  const app = createApp({ config, catalogue, searcher, log });
  const server = serve({ fetch: app.fetch, port: config.PORT, hostname: config.HOST }, (info) => {
    log.info(`listening on http://${config.HOST}:${info.port} (GET /healthz)`);
    if (!config.TELEGRAM_BOT_TOKEN) {
      log.info(
        "no TELEGRAM_BOT_TOKEN set: serving the API only. Create a bot with @BotFather and set TELEGRAM_BOT_TOKEN to add it.",
      );
    }
  });
  const stop = (signal: string) => {
    log.info(`${signal}: shutting down`);
    server.close(() => process.exit(0));
    setTimeout(() => process.exit(0), 5000).unref();
  };
  process.on("SIGINT", () => stop("SIGINT"));
  process.on("SIGTERM", () => stop("SIGTERM"));
}

main();
