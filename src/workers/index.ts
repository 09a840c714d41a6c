/**
 * The Worker entry: the same app as on Node (createApp/assemble in src/server/), wired from bindings.
 *   DB (D1)      dossiers, subscriptions, handoffs, feedback, the reply outbox and the push outbox, the staff
 *                console's accounts, saved replies and query log (migrations/)
 *   KV           sessions, the update de-duplication window, rate limits against guessing dossier codes
 *   ASSETS       the build artefacts of dist/assets (npm run build; src/assets.ts): catalogue, search index and
 *                record shards, read through the ReadAsset port on demand
 *   vars/secrets the same names as the Node environment (TELEGRAM_BOT_TOKEN, INGEST_TOKEN, ... as Worker secrets)
 * The app is built once per isolate, on its first request. A Cron Trigger drains both outboxes, so a message whose
 * first send failed is retried even when no request comes.
 */
import { AsyncLocalStorage } from "node:async_hooks";
import type { Hono } from "hono";
import { type Config, ConfigError, loadConfig } from "../config.ts";
import { jsonLogger, type Logger } from "../log.ts";
import { type AppDeps, createApp, trackWork } from "../server/app.ts";
import { assemble } from "../server/assemble.ts";
import { deliverPushes } from "../server/push.ts";
import { D1DossierStore } from "./d1-dossiers.ts";
import { D1HandoffStore } from "./d1-handoffs.ts";
import { D1ReplyOutbox } from "./d1-outbox.ts";
import { D1QueryLog, D1StaffStore } from "./d1-staff.ts";
import { assetsReader, loadWorkerData } from "./data.ts";
import { KvRateLimiter } from "./kv-rate-limit.ts";
import { KvSessionStore } from "./kv-sessions.ts";
import type { D1Database, ExecutionContext, Fetcher, KVNamespace, ScheduledController } from "./types.ts";

export interface Env {
  DB: D1Database;
  KV: KVNamespace;
  ASSETS: Fetcher;
  [variable: string]: unknown;
}

export interface WorkerRuntime {
  app: Hono;
  deps: AppDeps;
  config: Config;
  outbox: D1ReplyOutbox;
  dossierStore: D1DossierStore;
  log: Logger;
}

/** How long delivered messages and update claims are kept before the cron deletes them. */
const KEEP_SENT_MS = 7 * 24 * 3600_000;
const KEEP_CLAIMS_MS = 48 * 3600_000;

const consoleWrite = (line: string, level: string) =>
  level === "error" ? console.error(line) : level === "warn" ? console.warn(line) : console.log(line);

/** Only the string variables: bindings (DB, KV, ASSETS) are not configuration. */
function variables(env: Env): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const [key, value] of Object.entries(env)) if (typeof value === "string") out[key] = value;
  return out;
}

/**
 * The execution context of the request or cron run whose work is running. The reply pipeline is shared by the
 * isolate's requests, and work one of them starts in the background (the chat's next message once one is sent,
 * other due messages: every delivery ends with a drain pass) must be kept alive by that request's waitUntil:
 * untracked, it may be cut off when the request ends (its messages then wait for the cron), and meanwhile it
 * leases messages of later updates, whose own requests then end before those are sent.
 */
const requestScope = new AsyncLocalStorage<ExecutionContext>();

/** The pipeline's `track` on Workers: the current request's waitUntil keeps the work alive. */
function keepAlive(work: Promise<unknown>): void {
  trackWork(work);
  const ctx = requestScope.getStore();
  if (!ctx) return;
  try {
    ctx.waitUntil(work.catch(() => undefined));
  } catch {
    // The request is over (work started from a timer it set): nothing can extend it.
  }
}

export async function buildRuntime(env: Env): Promise<WorkerRuntime> {
  const config = loadConfig(variables(env));
  const log = jsonLogger(config.LOG_LEVEL, consoleWrite);
  const started = Date.now();
  const { catalogue, searcher, phrases } = await loadWorkerData(assetsReader(env.ASSETS));
  const sessions = new KvSessionStore(env.KV, config.SESSION_TTL_DAYS * 24 * 3600_000);
  const outbox = new D1ReplyOutbox(env.DB, sessions, log);
  const dossierStore = new D1DossierStore(env.DB);
  const deps = assemble({
    config,
    catalogue,
    searcher,
    phrases,
    sessions,
    unitScope: new AsyncLocalStorage(),
    dossierStore,
    handoffs: new D1HandoffStore(env.DB),
    staff: new D1StaffStore(env.DB),
    insights: new D1QueryLog(env.DB),
    outbox,
    rateLimiter: new KvRateLimiter(env.KV),
    log,
    // Retries are the Cron Trigger's: a timer would outlive the request that set it.
    delivery: { track: keepAlive, retryTimers: false },
  });
  log.info("worker ready", { procedures: catalogue.size, ms: Date.now() - started });
  return { app: createApp(deps), deps, config, outbox, dossierStore, log };
}

/** One runtime per isolate and environment; a failed start is not kept, so the next request tries again. */
let current: { env: Env; runtime: Promise<WorkerRuntime> } | null = null;

export function runtimeFor(env: Env): Promise<WorkerRuntime> {
  if (current?.env !== env) {
    const runtime = buildRuntime(env);
    current = { env, runtime };
    runtime.catch(() => {
      if (current?.runtime === runtime) current = null;
    });
  }
  return current.runtime;
}

/** What the cron does: queue due dossier pushes, send every due message, forget what is old. */
export async function drainOutboxes(runtime: WorkerRuntime, now = new Date()) {
  const { deps, outbox, dossierStore, log } = runtime;
  const pipeline = deps.pipeline;
  if (!pipeline) return { pushes: 0, pruned: 0, claims: 0 };
  const pushes = await deliverPushes({ store: dossierStore, conversation: deps.conversation, pipeline, log });
  await pipeline.drain();
  const pruned = await outbox.prune(new Date(now.getTime() - KEEP_SENT_MS));
  const claims = await outbox.pruneClaims(new Date(now.getTime() - KEEP_CLAIMS_MS));
  if (pushes + pruned + claims > 0) log.info("outboxes drained", { pushes, pruned, claims });
  return { pushes, pruned, claims };
}

function startFailure(error: unknown): Response {
  // A configuration error names the variable (never a secret's value); anything else is logged in full.
  const message = error instanceof ConfigError ? error.message : "start-up failed";
  console.error(JSON.stringify({ level: "error", msg: "worker start failed", error: String(error) }));
  return Response.json({ error: "unavailable", message }, { status: 503, headers: { "Retry-After": "30" } });
}

export default {
  async fetch(request: Request, env: Env, ctx: ExecutionContext): Promise<Response> {
    let runtime: WorkerRuntime;
    try {
      runtime = await runtimeFor(env);
    } catch (error) {
      return startFailure(error);
    }
    return requestScope.run(ctx, () => runtime.app.fetch(request, env, ctx));
  },

  async scheduled(_controller: ScheduledController, env: Env, ctx: ExecutionContext): Promise<void> {
    requestScope.run(ctx, () =>
      ctx.waitUntil(
        runtimeFor(env)
          .then((runtime) => drainOutboxes(runtime))
          .catch((error: unknown) =>
            console.error(JSON.stringify({ level: "error", msg: "cron failed", error: String(error) })),
          ),
      ),
    );
  },
};
