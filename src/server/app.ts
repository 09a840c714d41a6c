import { Hono } from "hono";
import { HTTPException } from "hono/http-exception";
import type { Catalogue } from "../catalogue/catalogue.ts";
import type { Config } from "../config.ts";

/** Everything the app needs comes in here: the Node and Workers entries, and tests, pass their own parts. */
export interface AppDeps {
  config: Config;
  catalogue: Catalogue;
  clock?: () => Date;
  log?: Logger;
}

export interface Logger {
  info(message: string, data?: Record<string, unknown>): void;
  warn(message: string, data?: Record<string, unknown>): void;
  error(message: string, data?: Record<string, unknown>): void;
}

export const silentLogger: Logger = { info() {}, warn() {}, error() {} };

export function createApp(deps: AppDeps) {
  const log = deps.log ?? silentLogger;
  const startedAt = (deps.clock ?? (() => new Date()))();
  const app = new Hono();

  app.get("/healthz", (c) =>
    c.json({
      status: "ok",
      procedures: deps.catalogue.size,
      curated: deps.catalogue.entries.filter((e) => e.curated).length,
      startedAt: startedAt.toISOString(),
    }),
  );

  app.notFound((c) =>
    c.json({ error: "not_found", message: `No route for ${c.req.method} ${c.req.path}` }, 404),
  );
  app.onError((error, c) => {
    if (error instanceof HTTPException) return error.getResponse();
    log.error("unhandled error", {
      path: c.req.path,
      error: error instanceof Error ? error.message : String(error),
    });
    return c.json(
      { error: "internal", message: "Something went wrong on our side; the error was logged." },
      500,
    );
  });
  return app;
}
