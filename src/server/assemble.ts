import type { Catalogue } from "../catalogue/index.ts";
import { createTelegramBot } from "../channels/telegram/bot.ts";
import { ZaloClient } from "../channels/zalo/client.ts";
import type { Config } from "../config.ts";
import type { SessionStore } from "../conversation/index.ts";
import { Conversation } from "../conversation/index.ts";
import { DossierService, type DossierStore, UpstreamLookup } from "../dossiers/index.ts";
import type { Logger } from "../log.ts";
import type { Searcher } from "../search/index.ts";
import type { AppDeps } from "./app.ts";

/** Wires the parts the same way for every runtime; only the stores and the clock differ. */
export function assemble(parts: {
  config: Config;
  catalogue: Catalogue;
  searcher: Searcher;
  sessions: SessionStore;
  dossierStore?: DossierStore | null;
  log: Logger;
  clock?: () => Date;
}): AppDeps {
  const { config, catalogue, searcher, sessions, log } = parts;
  const clock = parts.clock ?? (() => new Date());
  const upstream = config.DOSSIER_UPSTREAM_URL
    ? new UpstreamLookup({ urlTemplate: config.DOSSIER_UPSTREAM_URL })
    : null;
  const dossiers = parts.dossierStore
    ? new DossierService(parts.dossierStore, catalogue, undefined, upstream)
    : null;
  const conversation = new Conversation({
    dossiers,
    catalogue,
    searcher,
    sessions,
    province: config.DEFAULT_PROVINCE ?? null,
    clock,
  });
  const telegram = config.TELEGRAM_BOT_TOKEN
    ? createTelegramBot({
        token: config.TELEGRAM_BOT_TOKEN,
        apiRoot: config.TELEGRAM_API_ROOT,
        conversation,
        sessions,
        log,
      })
    : null;
  const zalo = config.ZALO_BOT_TOKEN
    ? {
        client: new ZaloClient({ token: config.ZALO_BOT_TOKEN, apiRoot: config.ZALO_API_ROOT }),
        conversation,
        sessions,
        log,
      }
    : null;
  return { config, catalogue, searcher, sessions, conversation, telegram, zalo, dossiers, clock, log };
}
