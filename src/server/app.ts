import type { Bot } from "grammy";
import type { Update } from "grammy/types";
import { type Context, Hono } from "hono";
import { HTTPException } from "hono/http-exception";
import { secureHeaders } from "hono/secure-headers";
import * as z from "zod";
import { type Catalogue, languageSchema, normalizeCode } from "../catalogue/index.ts";
import type { InboxUpdate } from "../channels/outbox.ts";
import type { ReplyPipeline } from "../channels/replies.ts";
import { telegramUpdateSchema, webhookReply } from "../channels/telegram/update.ts";
import { webRoutes } from "../channels/web/index.ts";
import { type AnswerSender, type StaffStore, staffRoutes } from "../channels/web/staff/index.ts";
import type { ZaloHandlerDeps } from "../channels/zalo/bot.ts";
import { unwrapEvent, zaloWebhookBodySchema } from "../channels/zalo/client.ts";
import type { Config } from "../config.ts";
import type { Conversation, SessionStore } from "../conversation/index.ts";
import { type DossierService, dossierEventSchema } from "../dossiers/index.ts";
import type { HandoffStore } from "../features/handoff/index.ts";
import type { QueryLog } from "../features/insights/index.ts";
import { searchNamedFirst } from "../features/procedures/named.ts";
import { lazySchema } from "../lazy-schema.ts";
import { type Logger, silentLogger } from "../log.ts";
import type { Searcher } from "../search/index.ts";
import { toSearchRows } from "../search/index.ts";
import { bodyLimit } from "./body-limit.ts";
import type { Pacer } from "./pace.ts";
import { deliverPushes, outboxMessages } from "./push.ts";

/** Everything the app needs comes in here: the Node and Workers entries, and tests, pass their own parts. */
export interface AppDeps {
  config: Config;
  catalogue: Catalogue;
  searcher: Searcher;
  sessions: SessionStore;
  conversation: Conversation;
  telegram?: Bot | null;
  zalo?: ZaloHandlerDeps | null;
  dossiers?: DossierService | null;
  /** Answers of the bots: committed to the outbox with each update's claim, then sent with retries. */
  pipeline?: ReplyPipeline | null;
  /** Paces webhook updates and chat questions over the event loop's turns (Node; src/server/pace.ts). */
  pacer?: Pacer | null;
  /** The help-desk queue (talk to a person) and ratings. */
  handoffs?: HandoffStore | null;
  /** Staff accounts and saved replies of /staff. */
  staff?: StaffStore | null;
  /** The query log behind the content-gaps report. */
  insights?: QueryLog | null;
  clock?: () => Date;
  log?: Logger;
}

export type { Logger };

const chatRequestSchema = lazySchema(() =>
  z
    .object({
      text: z.string().max(4000, "text must be at most 4000 characters").optional(),
      /** A pressed button's action (from a reply's buttons), instead of text. */
      action: z.string().max(64, "action must be at most 64 characters").optional(),
      lang: languageSchema.optional(),
      sessionId: z
        .string()
        .regex(/^[A-Za-z0-9_-]{8,64}$/, "sessionId must be 8–64 characters A-Z, a-z, 0-9, _ or -")
        .optional(),
    })
    .refine((b) => b.text !== undefined || b.action !== undefined, {
      message: "give text or action",
      path: ["text"],
    }),
);

const MAX_INGEST_BYTES = 2 * 1024 * 1024;
/** Chat messages, Telegram updates and Zalo events are a few kB at most. */
const MAX_BODY_BYTES = 64 * 1024;
const MAX_INGEST_EVENTS = 5000;
/** Ingest events validated in one turn of the event loop (about a millisecond's worth). */
const VALIDATE_CHUNK = 250;
/** A later turn of the event loop: Node's setImmediate (after pending I/O), a zero timer elsewhere. */
const nextTurn = () =>
  new Promise<void>((resolve) =>
    typeof setImmediate === "function" ? setImmediate(resolve) : setTimeout(resolve, 0),
  );

const badRequest = (field: string, message: string) =>
  new HTTPException(400, { res: Response.json({ error: "bad_request", field, message }, { status: 400 }) });

/** Constant-time comparison, so the secret cannot be guessed byte by byte from response times. */
export function sameSecret(given: string | undefined, expected: string): boolean {
  const a = new TextEncoder().encode(given ?? "");
  const b = new TextEncoder().encode(expected);
  let diff = a.length ^ b.length;
  for (let i = 0; i < b.length; i++) diff |= (a[i % Math.max(1, a.length)] ?? 0) ^ (b[i] ?? 0);
  return diff === 0 && a.length === b.length;
}

/**
 * The client's address: the socket's on Node (X-Forwarded-For's first entry only behind a trusted proxy),
 * CF-Connecting-IP on Workers, "local" for in-process requests (tests).
 */
function clientAddress(c: Context, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = c.req.header("x-forwarded-for")?.split(",")[0]?.trim();
    if (forwarded) return forwarded;
  }
  const incoming = (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming;
  if (incoming?.socket?.remoteAddress) return incoming.socket.remoteAddress;
  return c.req.header("cf-connecting-ip") ?? "local";
}

/** Work that outlives the response: Workers keep it alive with waitUntil; Node tracks it for a clean shutdown. */
export const pendingWork = new Set<Promise<unknown>>();

/** Tracks background work that has no request of its own (the outbox's sends), until it settles. */
export function trackWork(work: Promise<unknown>): void {
  const tracked = work.catch(() => undefined).finally(() => pendingWork.delete(tracked));
  pendingWork.add(tracked);
}

function background(
  c: { executionCtx: { waitUntil(p: Promise<unknown>): void } },
  work: Promise<unknown>,
  log: Logger,
  what: string,
) {
  // The error boundary of every background task: a failure is logged, never an unhandled rejection.
  const tracked = work
    .catch((error: unknown) =>
      log.error(`${what} failed`, { error: error instanceof Error ? error.message : String(error) }),
    )
    .finally(() => pendingWork.delete(tracked));
  pendingWork.add(tracked);
  try {
    c.executionCtx.waitUntil(tracked);
  } catch {
    // No execution context outside Workers: the promise runs on its own.
  }
}

/** Hands a checked webhook update to the pipeline and acknowledges it once it is stored and admitted. */
async function receive(
  c: Context,
  pipeline: ReplyPipeline,
  update: InboxUpdate,
  what: string,
  log: Logger,
  answer: Record<string, unknown> = { ok: true },
) {
  const work = await pipeline.receive(update);
  background(c, work.done, log, what);
  return c.json(answer);
}

export function createApp(deps: AppDeps) {
  const log = deps.log ?? silentLogger;
  const clock = deps.clock ?? (() => new Date());
  const startedAt = clock();
  const app = new Hono();
  // On Node, webhook updates and chat questions are admitted a few milliseconds' worth per turn of the event loop,
  // so a burst of them never holds up everything else for tens of milliseconds (src/server/pace.ts).
  const pacer = deps.pacer;

  // Every API response: nosniff, no framing, no caching (answers are per person), a CSP that allows nothing (JSON
  // only). The web pages (/, /p/:code, /assets) set their own policy and caching (src/channels/web).
  const isPage = (path: string) =>
    path === "/" ||
    path.startsWith("/p/") ||
    path.startsWith("/assets/") ||
    path === "/staff" ||
    path.startsWith("/staff/");
  const apiHeaders = secureHeaders({
    contentSecurityPolicy: { defaultSrc: ["'none'"], frameAncestors: ["'none'"] },
    crossOriginResourcePolicy: "same-origin",
  });
  app.use("*", async (c, next) => {
    if (isPage(c.req.path)) return next();
    await apiHeaders(c, next);
    // On the response's own headers, as secureHeaders sets its: c.header() on a finished response copies it into
    // a new Response, which made @hono/node-server stream every JSON answer instead of writing it at once.
    c.res.headers.set("Cache-Control", "no-store");
  });
  // A body limit on every route (the ingest API has its own, larger one); GETs carry none.
  const smallBodies = bodyLimit({
    maxSize: MAX_BODY_BYTES,
    onError: (c) =>
      c.json({ error: "too_large", message: `The body must be at most ${MAX_BODY_BYTES / 1024} kB` }, 413),
  });
  app.use("*", (c, next) => (c.req.path === "/api/dossiers/events" ? next() : smallBodies(c, next)));
  // The JSON APIs a browser could reach take application/json only: a cross-site form or text/plain post (no
  // preflight) is refused before it is read. Zalo posts its events as application/json, so its webhook takes
  // nothing else either; Telegram's is guarded by its secret header.
  for (const path of ["/api/chat", "/api/dossiers/events", "/webhooks/zalo"]) {
    app.post(path, async (c, next) => {
      const type = c.req.header("content-type") ?? "";
      if (!/^application\/json\s*(;|$)/i.test(type))
        return c.json(
          {
            error: "unsupported_media_type",
            message: "Send the body as JSON with Content-Type: application/json",
          },
          415,
        );
      await next();
    });
  }
  app.options("*", (c) => c.body(null, 204, { Allow: "GET, POST, OPTIONS" }));

  // Readiness: the database takes a write and the catalogue is loaded (liveness is /healthz).
  app.get("/readyz", async (c) => {
    const checks: Record<string, string> = {};
    let ready = deps.catalogue.size > 0;
    checks.catalogue = ready ? `${deps.catalogue.size} procedures` : "not loaded";
    if (deps.pipeline) {
      try {
        await deps.pipeline.outbox.probe(clock());
        const counts = await deps.pipeline.outbox.counts();
        checks.database = "writable";
        checks.outbox = `${counts.pending} pending`;
      } catch (error) {
        ready = false;
        checks.database = `not writable: ${error instanceof Error ? error.message : String(error)}`;
      }
    }
    return c.json({ status: ready ? "ready" : "not_ready", ...checks }, ready ? 200 : 503);
  });

  app.get("/healthz", (c) =>
    c.json({
      status: "ok",
      procedures: deps.catalogue.size,
      curated: deps.catalogue.entries.filter((e) => e.curated).length,
      telegram: deps.telegram ? "webhook" : "off",
      startedAt: startedAt.toISOString(),
    }),
  );

  app.get("/api/procedures", (c) => {
    const q = c.req.query("q");
    if (q === undefined || q.trim() === "")
      throw badRequest("q", "Give a query: /api/procedures?q=lam+so+do");
    const lang = c.req.query("lang");
    if (lang !== undefined && !languageSchema.safeParse(lang).success)
      throw badRequest("lang", "lang must be one of vi, en, zh, ko, ja");
    const limitText = c.req.query("limit");
    const limit = limitText === undefined ? 5 : Number(limitText);
    if (!Number.isInteger(limit) || limit < 1 || limit > 50)
      throw badRequest("limit", "limit must be a whole number from 1 to 50");
    return c.json(toSearchRows(searchNamedFirst(deps.searcher, deps.catalogue, q, limit), deps.catalogue));
  });

  app.get("/api/procedures/:code", async (c) => {
    const lang = c.req.query("lang") ?? "vi";
    const parsedLang = languageSchema.safeParse(lang);
    if (!parsedLang.success) throw badRequest("lang", "lang must be one of vi, en, zh, ko, ja");
    const raw = c.req.param("code");
    const code = normalizeCode(raw);
    const procedure = (await deps.catalogue.procedure(code)) ?? null;
    if (!procedure) return c.json({ error: "not_found", message: `No procedure with code ${raw}` }, 404);
    return c.json(deps.conversation.cardFor(procedure, parsedLang.data));
  });

  app.post(
    "/api/chat",
    bodyLimit({
      maxSize: 16 * 1024,
      onError: (c) => c.json({ error: "too_large", message: "The body must be at most 16 kB" }, 413),
    }),
    async (c) => {
      let body: unknown;
      try {
        body = await c.req.json();
      } catch {
        throw badRequest(
          "body",
          'The body must be JSON: { "text": "...", "lang"?: "vi", "sessionId"?: "..." }',
        );
      }
      await pacer?.pace();
      const parsed = chatRequestSchema.safeParse(body);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw badRequest(String(issue?.path[0] ?? "body"), issue?.message ?? "invalid body");
      }
      const sessionId = parsed.data.sessionId ?? crypto.randomUUID().replace(/-/g, "");
      const reply = await deps.conversation.handle({
        channel: "web",
        chatId: sessionId,
        userId: null,
        ...(parsed.data.action !== undefined
          ? { callback: parsed.data.action }
          : { text: parsed.data.text ?? "" }),
        lang: parsed.data.lang,
        languageHint: parsed.data.lang ?? c.req.header("accept-language") ?? null,
        source: `web:${clientAddress(c, deps.config.TRUST_PROXY)}`,
      });
      return c.json({ sessionId, lang: reply.lang, replies: reply.messages, meta: reply.meta ?? null });
    },
  );

  const telegram = deps.telegram;
  const secret = deps.config.TELEGRAM_WEBHOOK_SECRET;
  if (telegram) {
    app.post("/webhooks/telegram", async (c) => {
      // Checked before anything is parsed or sent: a forged request costs nothing and changes nothing.
      if (!secret || !sameSecret(c.req.header("X-Telegram-Bot-Api-Secret-Token"), secret)) {
        return c.json({ error: "unauthorized" }, 401);
      }
      // The body as sent is what the inbox keeps (no second serialization).
      const body = await c.req.text();
      await pacer?.pace();
      let update: unknown;
      try {
        update = JSON.parse(body);
      } catch {
        return c.json({ error: "bad_request", message: "The body must be a Telegram update in JSON" }, 400);
      }
      const checked = telegramUpdateSchema.safeParse(update);
      if (!checked.success) {
        const issue = checked.error.issues[0];
        return c.json(
          {
            error: "bad_request",
            field: issue?.path.join(".") || "update",
            message:
              issue?.path[0] === "update_id"
                ? "A Telegram update needs a numeric update_id"
                : `Not a Telegram update: ${issue?.message ?? "unexpected shape"}`,
          },
          400,
        );
      }
      // Acknowledged once stored in the inbox (with the other updates of this turn, in one transaction): the
      // answer is produced in the background and committed to the outbox together with the update's claim, then
      // sent with retries, so a slow or failing Bot API never makes the webhook late, and a crash loses nothing.
      // The pipeline logs every failure; when too many updates wait, the acknowledgement waits for room
      // (Telegram then slows down) instead of piling them up in memory.
      if (!deps.pipeline) {
        background(c, telegram.handleUpdate(checked.data as unknown as Update), log, "telegram update");
        return c.json(webhookReply(checked.data));
      }
      const key = `telegram:${checked.data.update_id}`;
      return receive(
        c,
        deps.pipeline,
        { key, channel: "telegram", body },
        "telegram update",
        log,
        webhookReply(checked.data),
      );
    });
  } else {
    app.post("/webhooks/telegram", (c) =>
      c.json(
        {
          error: "not_configured",
          message: "Set TELEGRAM_BOT_TOKEN and TELEGRAM_WEBHOOK_SECRET to enable the Telegram webhook",
        },
        503,
      ),
    );
  }

  // The one-stop system posts status events here. A batch is all-or-nothing: one bad item rejects it with a
  // report of every bad item; replays (same eventId) and late, older events change nothing.
  app.post(
    "/api/dossiers/events",
    bodyLimit({
      maxSize: MAX_INGEST_BYTES,
      onError: (c) =>
        c.json(
          { error: "too_large", message: `The body must be at most ${MAX_INGEST_BYTES / 1024 / 1024} MB` },
          413,
        ),
    }),
    async (c) => {
      const service = deps.dossiers;
      const token = deps.config.INGEST_TOKEN;
      if (!service || !token)
        return c.json({ error: "not_configured", message: "Set INGEST_TOKEN to accept dossier events" }, 503);
      const given = /^Bearer\s+(.+)$/i.exec(c.req.header("Authorization") ?? "")?.[1];
      if (!sameSecret(given, token))
        return c.json({ error: "unauthorized", message: "Send Authorization: Bearer <INGEST_TOKEN>" }, 401);
      let body: unknown;
      try {
        body = await c.req.json();
      } catch {
        throw badRequest("body", 'The body must be JSON: { "events": [ ... ] }');
      }
      const events = (body as { events?: unknown })?.events;
      if (!Array.isArray(events) || events.length === 0)
        throw badRequest("events", "events must be a non-empty array");
      if (events.length > MAX_INGEST_EVENTS)
        throw badRequest("events", `at most ${MAX_INGEST_EVENTS} events per batch`);
      const errors: { index: number; eventId: string | null; field: string; message: string }[] = [];
      const valid: z.infer<typeof dossierEventSchema>[] = [];
      for (const [index, item] of events.entries()) {
        // A turn of the event loop between chunks: 5,000 events validated at once held it for tens of ms.
        if (index > 0 && index % VALIDATE_CHUNK === 0) await nextTurn();
        const parsed = dossierEventSchema.safeParse(item);
        if (parsed.success) {
          valid.push(parsed.data);
          continue;
        }
        const eventId =
          typeof (item as { eventId?: unknown })?.eventId === "string"
            ? (item as { eventId: string }).eventId
            : null;
        for (const issue of parsed.error.issues)
          errors.push({ index, eventId, field: issue.path.join(".") || "(item)", message: issue.message });
      }
      if (errors.length > 0) return c.json({ accepted: 0, duplicates: 0, errors }, 422);
      let result: Awaited<ReturnType<typeof service.store.ingest>>;
      try {
        result = await service.store.ingest(valid, clock());
      } catch (error) {
        // Nothing of the batch was written (one transaction): the sender keeps it and retries.
        log.error("dossier ingest failed", { error: error instanceof Error ? error.message : String(error) });
        return c.json(
          { error: "unavailable", message: "The batch was not stored; send it again shortly" },
          503,
          { "Retry-After": "5" },
        );
      }
      if (result.changed > 0) {
        background(
          c,
          deps.pipeline
            ? deliverPushes({
                store: service.store,
                conversation: deps.conversation,
                pipeline: deps.pipeline,
                log,
                clock,
              })
            : Promise.resolve(0),
          log,
          "push delivery",
        );
      }
      return c.json({ accepted: result.accepted, duplicates: result.duplicates, errors: [] });
    },
  );

  // Zalo expects a quick 200: the answer is sent in the background (waitUntil on Workers, a tracked promise
  // on Node), so a slow or failing Zalo API never makes the webhook late.
  const zalo = deps.zalo;
  const zaloSecret = deps.config.ZALO_WEBHOOK_SECRET;
  app.post("/webhooks/zalo", async (c) => {
    if (!zalo) {
      return c.json(
        {
          error: "not_configured",
          message: "Set ZALO_BOT_TOKEN and ZALO_WEBHOOK_SECRET to enable the Zalo webhook",
        },
        503,
      );
    }
    if (!zaloSecret || !sameSecret(c.req.header("X-Bot-Api-Secret-Token"), zaloSecret))
      return c.json({ error: "unauthorized" }, 401);
    const text = await c.req.text();
    await pacer?.pace();
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      return c.json({ error: "bad_request", message: "The body must be a Zalo event in JSON" }, 400);
    }
    const parsed = zaloWebhookBodySchema.safeParse(body);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      return c.json(
        {
          error: "bad_request",
          field: issue?.path.join(".") || "body",
          message: issue?.message ?? "not a Zalo event",
        },
        400,
      );
    }
    // The event itself (unwrapped) is what the inbox keeps; message_id is its claim key.
    const event = unwrapEvent(parsed.data);
    return receive(
      c,
      zalo.pipeline,
      { key: `zalo:${event.message.message_id}`, channel: "zalo", body: JSON.stringify(event) },
      "zalo event",
      log,
    );
  });

  // The web channel: the chat page, shareable answer cards, their script and stylesheet.
  app.route(
    "/",
    webRoutes({
      catalogue: deps.catalogue,
      conversation: deps.conversation,
      publicUrl: deps.config.PUBLIC_URL,
    }),
  );

  // The help-desk console: its answers go into the user's chat through the same outbox as the bots' (once per key).
  const pipeline = deps.pipeline ?? null;
  const answer: AnswerSender | null = pipeline
    ? async (chatKey, reply, key, c) => {
        const messages = outboxMessages(chatKey, reply);
        if (messages.length === 0) return "unsupported";
        const fresh = await pipeline.outbox.commit({ updateKey: key, sessions: [], messages }, clock());
        if (fresh) background(c, pipeline.drain(), log, "staff answer delivery");
        return fresh ? "queued" : "duplicate";
      }
    : null;
  app.route(
    "/",
    staffRoutes({
      catalogue: deps.catalogue,
      searcher: deps.searcher,
      conversation: deps.conversation,
      handoffs: deps.handoffs ?? null,
      store: deps.staff ?? null,
      insights: deps.insights ?? null,
      dossiers: deps.dossiers ?? null,
      answer,
      canSend: (channel) => pipeline?.canSend(channel) ?? false,
      passwordHash: deps.config.STAFF_PASSWORD_HASH ?? null,
      sessionSecret: deps.config.STAFF_SESSION_SECRET ?? null,
      trustProxy: deps.config.TRUST_PROXY,
      publicUrl: deps.config.PUBLIC_URL ?? null,
      clock,
      log,
    }),
  );

  app.notFound((c) =>
    c.json({ error: "not_found", message: `No route for ${c.req.method} ${c.req.path}` }, 404),
  );
  app.onError((error, c) => {
    if (error instanceof HTTPException) return error.getResponse();
    // A client that went away mid-request is not our error.
    if (c.req.raw.signal?.aborted || (error instanceof Error && error.name === "AbortError")) {
      log.debug("client aborted the request", { path: c.req.path });
      return c.json({ error: "aborted", message: "The request was aborted" }, 400);
    }
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
