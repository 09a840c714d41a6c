import type { Update } from "grammy/types";
import type { Catalogue } from "../catalogue/index.ts";
import { MemoryReplyOutbox, type ReplyOutbox } from "../channels/outbox.ts";
import { ReplyPipeline, type ReplyPipelineOptions } from "../channels/replies.ts";
import { createTelegramBot } from "../channels/telegram/bot.ts";
import { UnitQueryLog, type UnitScope, UnitSessionStore } from "../channels/unit.ts";
import type { StaffStore } from "../channels/web/staff/index.ts";
import { handleZaloEvent, zaloSender } from "../channels/zalo/bot.ts";
import { ZaloClient, type ZaloEvent } from "../channels/zalo/client.ts";
import type { Config } from "../config.ts";
import type { BuiltPhrases, SessionStore } from "../conversation/index.ts";
import { Conversation } from "../conversation/index.ts";
import { DossierService, type DossierStore, type RateLimiter, UpstreamLookup } from "../dossiers/index.ts";
import type { HandoffStore } from "../features/handoff/index.ts";
import type { QueryLog } from "../features/insights/index.ts";
import type { Logger } from "../log.ts";
import type { Searcher } from "../search/index.ts";
import { type AppDeps, trackWork } from "./app.ts";
import type { Pacer } from "./pace.ts";

/** Wires the parts the same way for every runtime; only the stores and the clock differ. */
export function assemble(parts: {
  config: Config;
  catalogue: Catalogue;
  searcher: Searcher;
  /** The understanding step's phrase index from the build artefacts; absent, made from data/conversation. */
  phrases?: BuiltPhrases | null;
  sessions: SessionStore;
  /** The runtime's AsyncLocalStorage for units of work (src/node/unit-scope.ts; Workers: nodejs_als). */
  unitScope: UnitScope;
  dossierStore?: DossierStore | null;
  /** Handoff requests and ratings; absent, "talk to a person" points to the one-stop centre instead. */
  handoffs?: HandoffStore | null;
  /** Staff accounts and saved replies of the /staff console. */
  staff?: StaffStore | null;
  /** Procedure questions and outcomes, for the content-gaps report. */
  insights?: QueryLog | null;
  log: Logger;
  clock?: () => Date;
  /** Where answers wait to be sent: SQLite on Node (default: in memory, for tests and database-less runs). */
  outbox?: ReplyOutbox | null;
  /** Counters against guessing dossier codes (default: in process memory; KV on Workers, shared by isolates). */
  rateLimiter?: RateLimiter | null;
  /** Paces costly requests over the event loop's turns (the Node wing's; none on Workers). */
  pacer?: Pacer | null;
  /** Retry timing of the outbox (tests shorten it). */
  delivery?: Omit<ReplyPipelineOptions, "outbox" | "scope" | "log" | "clock">;
}): AppDeps {
  const { config, catalogue, searcher, log } = parts;
  const clock = parts.clock ?? (() => new Date());
  // Inside an update's unit of work, session writes are committed with its claim and its answer.
  const sessions = new UnitSessionStore(parts.sessions, parts.unitScope);
  const outbox: ReplyOutbox = parts.outbox ?? new MemoryReplyOutbox(parts.sessions);
  const pipeline = new ReplyPipeline({
    outbox,
    scope: parts.unitScope,
    log,
    clock,
    track: trackWork,
    ...parts.delivery,
  });
  const upstream = config.DOSSIER_UPSTREAM_URL
    ? new UpstreamLookup({ urlTemplate: config.DOSSIER_UPSTREAM_URL })
    : null;
  const dossiers = parts.dossierStore
    ? new DossierService(parts.dossierStore, catalogue, parts.rateLimiter ?? undefined, upstream)
    : null;
  const conversation = new Conversation({
    dossiers,
    catalogue,
    searcher,
    phrases: parts.phrases ?? null,
    sessions,
    province: config.DEFAULT_PROVINCE ?? null,
    publicUrl: config.PUBLIC_URL ?? null,
    handoffs: parts.handoffs ?? null,
    // Inside a unit of work, the query log's writes are committed with the answer (where both can).
    insights: parts.insights
      ? new UnitQueryLog(parts.insights, parts.unitScope, outbox.runsWrites === true)
      : null,
    log,
    clock,
  });
  const telegram = config.TELEGRAM_BOT_TOKEN
    ? createTelegramBot({
        token: config.TELEGRAM_BOT_TOKEN,
        apiRoot: config.TELEGRAM_API_ROOT,
        conversation,
        pipeline,
        log,
        // Through the webhook, its acknowledgement answers button presses (webhookReply).
        answersCallbacks: config.BOT_MODE === "polling",
      })
    : null;
  const zaloClient = config.ZALO_BOT_TOKEN
    ? new ZaloClient({ token: config.ZALO_BOT_TOKEN, apiRoot: config.ZALO_API_ROOT })
    : null;
  if (zaloClient) pipeline.register("zalo", zaloSender(zaloClient));
  const zalo = zaloClient ? { client: zaloClient, conversation, pipeline, log } : null;
  // How the pipeline answers a webhook update from its JSON body: as it arrives, or from the inbox after a crash.
  if (telegram) pipeline.handle("telegram", (body) => telegram.handleUpdate(JSON.parse(body) as Update));
  if (zalo) pipeline.handle("zalo", (body) => handleZaloEvent(zalo, JSON.parse(body) as ZaloEvent));
  return {
    config,
    catalogue,
    searcher,
    sessions,
    conversation,
    telegram,
    zalo,
    dossiers,
    pipeline,
    handoffs: parts.handoffs ?? null,
    staff: parts.staff ?? null,
    insights: parts.insights ?? null,
    pacer: parts.pacer ?? null,
    clock,
    log,
  };
}
