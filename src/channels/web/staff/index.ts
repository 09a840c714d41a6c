/**
 * The help-desk console `/staff`, behind a sign-in: the shared STAFF_PASSWORD_HASH (any staff name, role "staff") or a
 * per-staff account in the database (its own role). A signed, HttpOnly, SameSite=Strict cookie (Secure over https)
 * carries the session; every form posts the session's CSRF token and, with hono/csrf, must come from this origin.
 * Sign-in is rate-limited per address and per name. Pages without a session redirect to the sign-in page; posts
 * without one get 401, posts with a wrong token 403.
 *
 * Dossier lookup masking (our choice): role "staff" sees what a citizen sees (the applicant's name masked), without
 * the phone's last 4 digits since staff are signed in and every lookup is logged with their name; role "supervisor"
 * also sees the applicant's full name, to confirm a person's identity at the counter. No phone number is ever stored.
 */
import { type Context, Hono } from "hono";
import { compress } from "hono/compress";
import { deleteCookie, getCookie, getSignedCookie, setCookie, setSignedCookie } from "hono/cookie";
import { csrf } from "hono/csrf";
import { secureHeaders } from "hono/secure-headers";
import {
  type Catalogue,
  LANGUAGES,
  type Language,
  languageSchema,
  normalizeCode,
} from "../../../catalogue/index.ts";
import { type Conversation, cardToText, type Reply } from "../../../conversation/index.ts";
import { type DossierService, dossierKey, maskApplicantName } from "../../../dossiers/index.ts";
import { MemoryRateLimiter, type RateLimiter } from "../../../dossiers/rate-limit.ts";
import type { HandoffStore } from "../../../features/handoff/index.ts";
import { gapsCsv, gapsReport, type QueryLog } from "../../../features/insights/index.ts";
import { searchNamedFirst } from "../../../features/procedures/named.ts";
import { cardPath } from "../../../features/procedures/share.ts";
import { translator } from "../../../i18n/index.ts";
import { type Logger, silentLogger } from "../../../log.ts";
import type { Searcher } from "../../../search/index.ts";
import { toSearchRows } from "../../../search/index.ts";
import { WEB_CSP } from "../index.ts";
import { STAFF_CSS, STAFF_JS, staffAssetVersion } from "./assets.ts";
import {
  decodeSession,
  decoyHash,
  encodeSession,
  newSession,
  randomSecret,
  SESSION_HOURS,
  type StaffRole,
  type StaffSession,
  sameToken,
  USERNAME,
  verifyPassword,
} from "./auth.ts";
import {
  type DossierView,
  dossierPage,
  type Frame,
  formatDay,
  formatTime,
  loginPage,
  problemPage,
  queuePage,
  REPORT_DAYS,
  repliesPage,
  reportsPage,
  type StaffView,
  searchPage,
} from "./pages.ts";
import { MAX_REPLY_BODY, MAX_REPLY_TITLE, type StaffStore } from "./store.ts";

export { hashPassword, isPasswordHash, verifyPassword } from "./auth.ts";
export { MemoryStaffStore, type StaffStore } from "./store.ts";

/** Sends a staff answer into a chat through the reply outbox, once per key. */
export type AnswerSender = (
  chatKey: string,
  reply: Reply,
  key: string,
  /** The request, so delivery outlives the response (waitUntil on Workers). */
  c: { executionCtx: { waitUntil(p: Promise<unknown>): void } },
) => Promise<"queued" | "duplicate" | "unsupported">;

export interface StaffDeps {
  catalogue: Catalogue;
  searcher: Searcher;
  conversation: Pick<Conversation, "cardFor">;
  handoffs: HandoffStore | null;
  store: StaffStore | null;
  insights: QueryLog | null;
  dossiers: DossierService | null;
  answer: AnswerSender | null;
  /** Channels a sender is configured for (telegram, zalo). */
  canSend: (channel: string) => boolean;
  passwordHash?: string | null;
  /** Signs the session cookie; without it a random one is made (sessions end with the process). */
  sessionSecret?: string | null;
  trustProxy: boolean;
  publicUrl?: string | null;
  clock: () => Date;
  log?: Logger;
  limiter?: RateLimiter;
}

export const SESSION_COOKIE = "dvc_staff";
const LANG_COOKIE = "dvc_staff_lang";
/** Failed sign-ins allowed per window: per address, and per name (whoever tries it). */
export const LOGIN_LIMITS = { perAddress: 10, perUser: 5, windowMs: 15 * 60_000 };

type Env = { Variables: { session: StaffSession; lang: Language } };

function clientAddress(c: Context, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = c.req.header("x-forwarded-for")?.split(",")[0]?.trim();
    if (forwarded) return forwarded;
  }
  const incoming = (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming;
  return incoming?.socket?.remoteAddress ?? c.req.header("cf-connecting-ip") ?? "local";
}

export function staffRoutes(deps: StaffDeps) {
  const staff = new Hono<Env>();
  const log = deps.log ?? silentLogger;
  const limiter = deps.limiter ?? new MemoryRateLimiter();
  const secret = deps.sessionSecret ?? randomSecret();
  if (!deps.sessionSecret && (deps.passwordHash || deps.store))
    log.info("no STAFF_SESSION_SECRET set: console sign-ins last until the process restarts");
  const publicOrigin = deps.publicUrl ? new URL(deps.publicUrl).origin : null;
  const https = (c: Context) =>
    new URL(c.req.url).protocol === "https:" ||
    (deps.trustProxy && c.req.header("x-forwarded-proto") === "https") ||
    (publicOrigin?.startsWith("https:") ?? false);

  staff.use("*", secureHeaders({ contentSecurityPolicy: WEB_CSP, referrerPolicy: "same-origin" }));
  staff.use("*", compress());
  staff.use("*", async (c, next) => {
    await next();
    if (!c.req.path.startsWith("/staff/assets/")) c.header("Cache-Control", "no-store");
  });
  // Forms must come from this site (Origin or Sec-Fetch-Site), besides carrying the session's token.
  staff.use(
    "*",
    csrf({
      origin: (origin, c) => origin === new URL(c.req.url).origin || origin === publicOrigin,
    }),
  );

  const asset = (name: string, body: string, type: string) =>
    staff.get(`/staff/assets/${name}`, (c) => {
      c.header("Content-Type", type);
      c.header(
        "Cache-Control",
        c.req.query("v") === staffAssetVersion()
          ? "public, max-age=31536000, immutable"
          : "public, max-age=300",
      );
      return c.body(body);
    });
  asset("staff.css", STAFF_CSS, "text/css; charset=utf-8");
  asset("staff.js", STAFF_JS, "text/javascript; charset=utf-8");

  /** The console language: ?lang= (remembered in a cookie), else the cookie, else Vietnamese. */
  const uiLanguage = (c: Context): Language => {
    const asked = languageSchema.safeParse(c.req.query("lang"));
    if (asked.success) {
      setCookie(c, LANG_COOKIE, asked.data, {
        path: "/staff",
        sameSite: "Lax",
        secure: https(c),
        maxAge: 365 * 24 * 3600,
      });
      return asked.data;
    }
    const saved = languageSchema.safeParse(getCookie(c, LANG_COOKIE));
    return saved.success ? saved.data : "vi";
  };

  const readSession = async (c: Context) => {
    const value = await getSignedCookie(c, secret, SESSION_COOKIE);
    return typeof value === "string" ? decodeSession(value, deps.clock()) : null;
  };

  // ---- sign-in -------------------------------------------------------------------------------------------------
  const signInAvailable = () => Boolean(deps.passwordHash) || deps.store !== null;

  staff.get("/staff/login", async (c) => {
    const lang = uiLanguage(c);
    if (await readSession(c)) return c.redirect("/staff", 303);
    const t = translator(lang);
    return c.html(loginPage(lang, signInAvailable() ? null : t("staff.notConfigured")));
  });

  staff.post("/staff/login", async (c) => {
    const form = await c.req.parseBody();
    const lang = languageSchema.safeParse(form.lang).data ?? uiLanguage(c);
    const t = translator(lang);
    const user = String(form.user ?? "")
      .trim()
      .toLowerCase()
      .slice(0, 32);
    const password = String(form.password ?? "").slice(0, 200);
    if (!signInAvailable()) return c.html(loginPage(lang, t("staff.notConfigured")), 503);
    const now = deps.clock().getTime();
    const address = clientAddress(c, deps.trustProxy);
    const { perAddress, perUser, windowMs } = LOGIN_LIMITS;
    if (
      (await limiter.count(`login:addr:${address}`, windowMs, now)) >= perAddress ||
      (await limiter.count(`login:user:${user}`, windowMs, now)) >= perUser
    ) {
      log.warn("staff sign-in rate-limited", { user });
      return c.html(loginPage(lang, t("staff.tooManyAttempts"), user), 429, {
        "Retry-After": String(Math.ceil(windowMs / 1000)),
      });
    }
    const role = USERNAME.test(user) ? await checkPassword(user, password) : null;
    if (!role) {
      if (!USERNAME.test(user)) await verifyPassword(password, await decoyHash());
      await limiter.take(`login:addr:${address}`, perAddress, windowMs, now);
      await limiter.take(`login:user:${user}`, perUser, windowMs, now);
      log.warn("staff sign-in failed", { user });
      return c.html(loginPage(lang, t("staff.wrongPassword"), user), 401);
    }
    const session = newSession(user, role, deps.clock());
    await setSignedCookie(c, SESSION_COOKIE, encodeSession(session), secret, {
      path: "/staff",
      httpOnly: true,
      sameSite: "Strict",
      secure: https(c),
      maxAge: SESSION_HOURS * 3600,
    });
    log.info("staff signed in", { user, role });
    return c.redirect("/staff", 303);
  });

  /** An account's own password and role; else the shared password (for a name that is not an account). */
  async function checkPassword(user: string, password: string): Promise<StaffRole | null> {
    const account = deps.store ? await deps.store.account(user) : null;
    if (account) {
      const ok = await verifyPassword(password, account.passwordHash);
      return ok && !account.disabled ? account.role : null;
    }
    if (deps.passwordHash) return (await verifyPassword(password, deps.passwordHash)) ? "staff" : null;
    await verifyPassword(password, await decoyHash());
    return null;
  }

  // ---- everything else needs a session ---------------------------------------------------------------------------
  staff.use("/staff/*", async (c, next) => {
    if (c.req.path === "/staff/login" || c.req.path.startsWith("/staff/assets/")) return next();
    return requireSession(c, next);
  });
  staff.use("/staff", (c, next) => requireSession(c, next));

  async function requireSession(c: Context<Env>, next: () => Promise<void>) {
    const lang = uiLanguage(c);
    const session = await readSession(c);
    if (!session) {
      if (c.req.method === "GET" || c.req.method === "HEAD") {
        if (c.req.path.endsWith(".csv"))
          return c.text(translator(lang)("staff.signInFirst"), 401, {
            "WWW-Authenticate": 'Cookie realm="staff"',
          });
        return c.redirect("/staff/login", 303);
      }
      return c.text(translator(lang)("staff.signInFirst"), 401, {
        "WWW-Authenticate": 'Cookie realm="staff"',
      });
    }
    if (c.req.method === "POST") {
      const form = await c.req.parseBody();
      if (!sameToken(typeof form._csrf === "string" ? form._csrf : null, session.csrf)) {
        log.warn("staff form with a wrong CSRF token", { user: session.user, path: c.req.path });
        return c.text(translator(lang)("staff.badToken"), 403);
      }
    }
    c.set("session", session);
    c.set("lang", lang);
    await next();
  }

  staff.post("/staff/logout", (c) => {
    deleteCookie(c, SESSION_COOKIE, { path: "/staff", secure: https(c) });
    log.info("staff signed out", { user: c.get("session").user });
    return c.redirect("/staff/login", 303);
  });

  // ---- pages -----------------------------------------------------------------------------------------------------
  const name = (lang: Language) => (code: string) => {
    const entry = deps.catalogue.entry(code);
    return entry ? (entry.names[lang] ?? entry.names.en ?? entry.names.vi) : code;
  };
  const FLASH = new Set(["claimed", "answered", "closed", "saved", "deleted", "duplicate"]);
  async function frameOf(c: Context<Env>, view: StaffView): Promise<Frame> {
    const lang = c.get("lang");
    const t = translator(lang);
    const done = c.req.query("done");
    const open = deps.handoffs
      ? (await deps.handoffs.openHandoffs(500)).filter((h) => h.status === "open")
      : [];
    return {
      lang,
      session: c.get("session"),
      view,
      flash: done && FLASH.has(done) ? { text: t(`staff.done.${done}`), kind: "ok" } : null,
      openCount: open.length,
    };
  }
  const problem = async (c: Context<Env>, status: 400 | 404 | 409 | 503, key: string, vars = {}) => {
    const t = translator(c.get("lang"));
    return c.html(problemPage(await frameOf(c, "queue"), t("staff.problem"), t(key, vars)), status);
  };

  staff.get("/staff", async (c) => {
    const f = await frameOf(c, "queue");
    if (!deps.handoffs) return problem(c, 503, "staff.noDatabase");
    const active = await deps.handoffs.openHandoffs(200);
    const closed = await deps.handoffs.recentlyClosed(20);
    return c.html(
      queuePage(f, {
        active,
        closed,
        name: name(f.lang),
        nonce: () => crypto.randomUUID().replace(/-/g, ""),
        canAnswer: (channel) => deps.answer !== null && deps.canSend(channel),
        replies: deps.store ? await deps.store.replies(f.session.user, 50) : [],
      }),
    );
  });

  const handoffId = (c: Context) => {
    const id = Number(c.req.param("id"));
    return Number.isInteger(id) && id > 0 ? id : null;
  };

  staff.post("/staff/handoffs/:id/claim", async (c) => {
    const id = handoffId(c);
    if (!deps.handoffs || id === null) return problem(c, 404, "staff.missing");
    const me = c.get("session").user;
    const result = await deps.handoffs.claim(id, me, deps.clock());
    if (!result.ok) {
      if (result.reason === "taken") return problem(c, 409, "staff.taken", { user: result.by });
      return problem(c, result.reason === "closed" ? 409 : 404, `staff.${result.reason}`);
    }
    log.info("handoff claimed", { id, user: me });
    return c.redirect(`/staff?done=claimed#h-${id}`, 303);
  });

  staff.post("/staff/handoffs/:id/answer", async (c) => {
    const id = handoffId(c);
    if (!deps.handoffs || id === null) return problem(c, 404, "staff.missing");
    const form = await c.req.parseBody();
    const text = String(form.text ?? "").trim();
    const nonce = String(form.nonce ?? "");
    if (text === "" || text.length > 3000) return problem(c, 400, "staff.answerEmpty");
    if (!/^[A-Za-z0-9_-]{16,64}$/.test(nonce)) return problem(c, 400, "staff.badToken");
    const me = c.get("session").user;
    const handoff = await deps.handoffs.handoff(id);
    if (!handoff) return problem(c, 404, "staff.missing");
    if (handoff.status === "closed") return problem(c, 409, "staff.closed");
    if (handoff.status === "claimed" && handoff.claimedBy !== me)
      return problem(c, 409, "staff.taken", { user: handoff.claimedBy ?? "" });
    if (!deps.answer || !deps.canSend(handoff.channel)) return problem(c, 409, "staff.cannotAnswer");
    // Answering an open request takes it.
    const claim = await deps.handoffs.claim(id, me, deps.clock());
    if (!claim.ok)
      return problem(c, 409, "staff.taken", { user: claim.ok ? "" : "by" in claim ? claim.by : "" });
    const tu = translator(handoff.lang);
    const reply: Reply = {
      lang: handoff.lang,
      messages: [{ blocks: [{ type: "text", text: `${tu("staff.answerHeading")}\n${text}` }], buttons: [] }],
      meta: { intent: "handoff", detail: "answer" },
    };
    const sent = await deps.answer(handoff.chatKey, reply, `staff:${id}:${nonce}`, c);
    if (sent === "unsupported") return problem(c, 409, "staff.cannotAnswer");
    if (sent === "queued") await deps.handoffs.recordAnswer(id, me, deps.clock());
    log.info("handoff answered", { id, user: me, outcome: sent });
    return c.redirect(`/staff?done=${sent === "queued" ? "answered" : "duplicate"}#h-${id}`, 303);
  });

  staff.post("/staff/handoffs/:id/close", async (c) => {
    const id = handoffId(c);
    if (!deps.handoffs || id === null) return problem(c, 404, "staff.missing");
    const form = await c.req.parseBody();
    const note = String(form.note ?? "").trim();
    if (note === "") return problem(c, 400, "staff.noteEmpty");
    const session = c.get("session");
    const closed = await deps.handoffs.close(
      id,
      session.user,
      note,
      deps.clock(),
      session.role === "supervisor",
    );
    if (!closed) {
      const h = await deps.handoffs.handoff(id);
      if (!h) return problem(c, 404, "staff.missing");
      return h.status === "closed"
        ? problem(c, 409, "staff.closed")
        : problem(c, 409, "staff.taken", { user: h.claimedBy ?? "" });
    }
    log.info("handoff closed", { id, user: session.user });
    return c.redirect("/staff?done=closed", 303);
  });

  staff.get("/staff/search", async (c) => {
    const f = await frameOf(c, "search");
    const query = (c.req.query("q") ?? "").trim().slice(0, 300);
    const to = languageSchema.safeParse(c.req.query("to")).data ?? f.lang;
    const rows = query
      ? toSearchRows(searchNamedFirst(deps.searcher, deps.catalogue, query, 8), deps.catalogue).map((r) => ({
          code: r.code,
          names: r.names as Record<Language, string | null>,
        }))
      : [];
    const wanted = c.req.query("code");
    const code = wanted ? normalizeCode(wanted) : rows[0]?.code;
    const procedure = code ? await deps.catalogue.procedure(code) : undefined;
    const origin = publicOrigin ?? new URL(c.req.url).origin;
    const selected = procedure
      ? {
          code: procedure.record.code,
          texts: [to, ...LANGUAGES.filter((l) => l !== to)].map((lang) => {
            const card = deps.conversation.cardFor(procedure, lang);
            const url = `${origin}${cardPath(card.code, lang)}`;
            return {
              lang,
              title: card.title,
              text: `${cardToText(card)}\n\n${url}`,
              url: cardPath(card.code, lang),
            };
          }),
        }
      : null;
    return c.html(searchPage(f, { query, to, rows, selected }));
  });

  staff.get("/staff/replies", async (c) => {
    const f = await frameOf(c, "replies");
    if (!deps.store) return problem(c, 503, "staff.noDatabase");
    return c.html(repliesPage(f, await deps.store.replies(f.session.user)));
  });

  staff.post("/staff/replies", async (c) => {
    if (!deps.store) return problem(c, 503, "staff.noDatabase");
    const form = await c.req.parseBody();
    const title = String(form.title ?? "").trim();
    const body = String(form.body ?? "").trim();
    const lang = languageSchema.safeParse(form.lang);
    if (!title || !body || title.length > MAX_REPLY_TITLE || body.length > MAX_REPLY_BODY || !lang.success)
      return problem(c, 400, "staff.replyInvalid");
    await deps.store.addReply(
      { owner: c.get("session").user, title, body, lang: lang.data, shared: form.shared === "1" },
      deps.clock(),
    );
    return c.redirect("/staff/replies?done=saved", 303);
  });

  staff.post("/staff/replies/:id/delete", async (c) => {
    const id = handoffId(c);
    if (!deps.store || id === null) return problem(c, 404, "staff.missing");
    const session = c.get("session");
    const ok = await deps.store.deleteReply(id, session.user, session.role === "supervisor");
    if (!ok) return problem(c, 404, "staff.missing");
    return c.redirect("/staff/replies?done=deleted", 303);
  });

  const period = (c: Context) => {
    const days = Number(c.req.query("days") ?? 7);
    const chosen = (REPORT_DAYS as readonly number[]).includes(days) ? days : 7;
    const to = deps.clock();
    return { days: chosen, from: new Date(to.getTime() - chosen * 24 * 3600_000), to };
  };

  staff.get("/staff/reports", async (c) => {
    const f = await frameOf(c, "reports");
    if (!deps.insights) return problem(c, 503, "staff.noDatabase");
    const { days, from, to } = period(c);
    return c.html(reportsPage(f, await gapsReport(deps.insights, from, to), days, name(f.lang)));
  });

  staff.get("/staff/reports.csv", async (c) => {
    if (!deps.insights) return c.text(translator(c.get("lang"))("staff.noDatabase"), 503);
    const { from, to } = period(c);
    const csv = gapsCsv(await gapsReport(deps.insights, from, to, 100), name("vi"));
    const day = to.toISOString().slice(0, 10);
    // A byte order mark so that spreadsheet programs read the Vietnamese text as UTF-8.
    return c.body(`\uFEFF${csv}`, 200, {
      "Content-Type": "text/csv; charset=utf-8",
      "Content-Disposition": `attachment; filename="dvc-gaps-${day}.csv"`,
    });
  });

  staff.get("/staff/dossier", async (c) => c.html(dossierPage(await frameOf(c, "dossier"), "", null)));

  staff.post("/staff/dossier", async (c) => {
    const f = await frameOf(c, "dossier");
    if (!deps.dossiers) return problem(c, 503, "staff.noDatabase");
    const form = await c.req.parseBody();
    const code = String(form.code ?? "")
      .trim()
      .slice(0, 64);
    if (code.length < 8) return c.html(dossierPage(f, code, "not_found"));
    const t = translator(f.lang);
    const dossier = await deps.dossiers.store.get(dossierKey(code));
    log.info("staff dossier lookup", { user: f.session.user, found: dossier !== null });
    if (!dossier) return c.html(dossierPage(f, code, "not_found"));
    const due = await deps.dossiers.dueOf(dossier, deps.clock());
    const day = (iso: string | Date) => formatTime(new Date(iso), f.lang);
    const view: DossierView = {
      code: dossier.code,
      procedure: `${name(f.lang)(dossier.procedureCode)} (${dossier.procedureCode})`,
      applicant:
        f.session.role === "supervisor" ? dossier.applicantName : maskApplicantName(dossier.applicantName),
      status: t(`dossier.statuses.${dossier.status}.label`),
      next: t(`dossier.statuses.${dossier.status}.next`),
      note: dossier.note,
      received: dossier.receivedAt ? formatDay(new Date(dossier.receivedAt), f.lang) : null,
      due: due.due ? formatDay(due.due, f.lang) : null,
      overdue: due.due ? due.overdue : null,
      history: dossier.history.map((h) => ({
        at: day(h.occurredAt),
        status: t(`dossier.statuses.${h.status}.label`),
        note: h.note,
      })),
    };
    return c.html(dossierPage(f, dossier.code, view));
  });

  return staff;
}
