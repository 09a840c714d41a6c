/**
 * The web channel's pages: the chat page `/` (talking to POST /api/chat), the shareable answer card
 * `/p/:code?lang=xx`, and their one script and one stylesheet. Server-rendered, no build step; strict CSP (no
 * inline script or style), compressed. Mounted by the server with `app.route("/", webRoutes(...))`.
 */
import { Hono } from "hono";
import { compress } from "hono/compress";
import { secureHeaders } from "hono/secure-headers";
import { type Catalogue, type Language, languageSchema, normalizeCode } from "../../catalogue/index.ts";
import { type Conversation, cardToText, languageFromHint } from "../../conversation/index.ts";
import { cardPath, journeyPath } from "../../features/procedures/share.ts";
import { JOURNEYS, journeyById } from "../../investor/journeys.ts";
import { assetVersion, CHAT_CSS, CHAT_JS } from "./assets/index.ts";
import { cardPage, chatPage, journeyPage, notFoundPage } from "./pages.ts";

export interface WebDeps {
  catalogue: Catalogue;
  conversation: Pick<Conversation, "cardFor">;
  /** Where the site is reachable from outside; absent, links in previews use the request's own origin. */
  publicUrl?: string | null;
}

/** The pages' Content-Security-Policy: only this origin's script, style and API; no inline code, no framing. */
export const WEB_CSP = {
  defaultSrc: ["'none'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'"],
  imgSrc: ["'self'", "data:"],
  connectSrc: ["'self'"],
  formAction: ["'self'"],
  baseUri: ["'none'"],
  frameAncestors: ["'none'"],
};

/** The page language: ?lang= when valid, else the browser's first language we speak, else Vietnamese. */
export function pageLanguage(query: string | undefined, acceptLanguage: string | undefined): Language {
  const asked = languageSchema.safeParse(query);
  if (asked.success) return asked.data;
  const ranked = (acceptLanguage ?? "")
    .split(",")
    .map((part, i) => {
      const [tag = "", ...params] = part.trim().split(";");
      const q = Number(/q=([\d.]+)/.exec(params.join(";"))?.[1] ?? 1);
      return { tag, q: Number.isFinite(q) ? q : 0, i };
    })
    .filter((x) => x.tag && x.q > 0)
    .sort((a, b) => b.q - a.q || a.i - b.i);
  for (const { tag } of ranked) {
    const lang = languageFromHint(tag);
    if (lang) return lang;
  }
  return "vi";
}

export function webRoutes(deps: WebDeps) {
  const web = new Hono();
  // Per route, not web.use("*"): mounted at "/", a catch-all middleware would also wrap the JSON API.
  const secure = secureHeaders({ contentSecurityPolicy: WEB_CSP });
  const gzip = compress();
  const origin = (url: string) => deps.publicUrl?.replace(/\/+$/, "") ?? new URL(url).origin;

  web.get("/", secure, gzip, (c) => {
    const lang = pageLanguage(c.req.query("lang"), c.req.header("accept-language"));
    c.header("Cache-Control", "no-cache");
    c.header("Vary", "Accept-Language");
    return c.html(chatPage(lang));
  });

  web.get("/p/:code", secure, gzip, async (c) => {
    const lang = pageLanguage(c.req.query("lang"), c.req.header("accept-language"));
    const raw = c.req.param("code");
    const code = normalizeCode(raw);
    const procedure = await deps.catalogue.procedure(code);
    if (!procedure) {
      c.header("Cache-Control", "no-store");
      return c.html(notFoundPage(lang, raw.slice(0, 40)), 404);
    }
    // One address per card: "1001612" leads to /p/1.001612?lang=xx for good; a missing ?lang= to the
    // browser's language (a temporary redirect: it depends on the browser).
    if (raw !== procedure.record.code) return c.redirect(cardPath(procedure.record.code, lang), 301);
    if (c.req.query("lang") !== lang) {
      c.header("Vary", "Accept-Language");
      return c.redirect(cardPath(procedure.record.code, lang), 302);
    }
    const card = deps.conversation.cardFor(procedure, lang);
    const base = origin(c.req.url);
    const text = `${cardToText(card)}\n\n${base}${cardPath(card.code, lang)}`;
    c.header("Cache-Control", "public, max-age=3600");
    return c.html(cardPage({ card, text, origin: base }));
  });

  // A guided journey for foreign investors (data/investor/journeys.json): /j/<id>?lang=xx.
  web.get("/j/:id", secure, gzip, (c) => {
    const lang = pageLanguage(c.req.query("lang"), c.req.header("accept-language"));
    const journey = journeyById(c.req.param("id"));
    if (!journey) {
      c.header("Cache-Control", "no-store");
      return c.html(notFoundPage(lang, c.req.param("id").slice(0, 40)), 404);
    }
    if (c.req.query("lang") !== lang) {
      c.header("Vary", "Accept-Language");
      return c.redirect(journeyPath(journey.id, lang), 302);
    }
    const nameOf = (code: string) => {
      const e = deps.catalogue.entry(code);
      return e ? (e.names[lang] ?? e.names.en ?? e.names.vi) : null;
    };
    c.header("Cache-Control", "public, max-age=3600");
    return c.html(journeyPage(journey, lang, nameOf, JOURNEYS));
  });

  const asset = (body: string, type: string) =>
    web.get(`/assets/chat.${type === "css" ? "css" : "js"}`, secure, gzip, (c) => {
      c.header("Content-Type", type === "css" ? "text/css; charset=utf-8" : "text/javascript; charset=utf-8");
      c.header(
        "Cache-Control",
        c.req.query("v") === assetVersion() ? "public, max-age=31536000, immutable" : "public, max-age=300",
      );
      return c.body(body);
    });
  asset(CHAT_JS, "js");
  asset(CHAT_CSS, "css");
  return web;
}
