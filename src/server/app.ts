import { Hono } from "hono";
import { HTTPException } from "hono/http-exception";
import type { Catalogue } from "../catalogue/catalogue.ts";
import { languageSchema } from "../catalogue/schema.ts";
import type { Config } from "../config.ts";
import type { Searcher } from "../search/query.ts";
import { toSearchRows } from "../search/rows.ts";

/** Everything the app needs comes in here: the Node and Workers entries, and tests, pass their own parts. */
export interface AppDeps {
  config: Config;
  catalogue: Catalogue;
  searcher: Searcher;
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

  app.get("/api/procedures", (c) => {
    const q = c.req.query("q");
    if (q === undefined || q.trim() === "") {
      return c.json(
        { error: "bad_request", field: "q", message: "Give a query: /api/procedures?q=lam+so+do" },
        400,
      );
    }
    const lang = c.req.query("lang");
    if (lang !== undefined && !languageSchema.safeParse(lang).success) {
      return c.json(
        { error: "bad_request", field: "lang", message: "lang must be one of vi, en, zh, ko, ja" },
        400,
      );
    }
    const limitText = c.req.query("limit");
    const limit = limitText === undefined ? 5 : Number(limitText);
    if (!Number.isInteger(limit) || limit < 1 || limit > 50) {
      return c.json(
        { error: "bad_request", field: "limit", message: "limit must be a whole number from 1 to 50" },
        400,
      );
    }
    const result = deps.searcher.search(q, { limit });
    return c.json(toSearchRows(result.hits, deps.catalogue));
  });

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
