/**
 * The help-desk console's pages, server-rendered with hono/html (every value escaped): sign-in, the handoff queue,
 * search in five languages side by side, saved replies, the content-gaps report and dossier lookup. Plain forms that
 * post a CSRF token; one small script (copy buttons) and the chat page's stylesheet plus a few console rules.
 */
import { html, raw } from "hono/html";
import type { HtmlEscapedString } from "hono/utils/html";
import { LANGUAGES, type Language } from "../../../catalogue/index.ts";
import type { StoredHandoff } from "../../../features/handoff/index.ts";
import type { GapsReport } from "../../../features/insights/index.ts";
import { type Translate, translator } from "../../../i18n/index.ts";
import { assetVersion } from "../assets/index.ts";
import { staffAssetVersion } from "./assets.ts";
import type { StaffSession } from "./auth.ts";
import type { SavedReply } from "./store.ts";

type Html = HtmlEscapedString | Promise<HtmlEscapedString>;

export type StaffView = "queue" | "search" | "replies" | "reports" | "dossier";
const VIEWS: { id: StaffView; path: string }[] = [
  { id: "queue", path: "/staff" },
  { id: "search", path: "/staff/search" },
  { id: "replies", path: "/staff/replies" },
  { id: "reports", path: "/staff/reports" },
  { id: "dossier", path: "/staff/dossier" },
];

const LOCALES: Record<Language, string> = { vi: "vi-VN", en: "en-GB", zh: "zh-CN", ko: "ko-KR", ja: "ja-JP" };

export function formatTime(date: Date, lang: Language): string {
  return new Intl.DateTimeFormat(LOCALES[lang], {
    dateStyle: "short",
    timeStyle: "short",
    timeZone: "Asia/Ho_Chi_Minh",
  }).format(date);
}

export function formatDay(date: Date, lang: Language): string {
  return new Intl.DateTimeFormat(LOCALES[lang], { dateStyle: "medium", timeZone: "Asia/Ho_Chi_Minh" }).format(
    date,
  );
}

export function formatVnd(amount: number, lang: Language): string {
  return `${new Intl.NumberFormat(LOCALES[lang]).format(amount)} ₫`;
}

function head(lang: Language, title: string): Html {
  return html`<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex, nofollow">
<title>${title}</title>
<meta name="theme-color" content="#0b4f9c">
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/assets/chat.css?v=${assetVersion()}">
<link rel="stylesheet" href="/staff/assets/staff.css?v=${staffAssetVersion()}">
<script src="/staff/assets/staff.js?v=${staffAssetVersion()}" defer></script>
</head>`;
}

function languageLinks(current: Language, path: string, t: Translate): Html {
  return html`<nav class="langs" aria-label="${t("staff.uiLanguage")}"><ul>${LANGUAGES.map(
    (l) =>
      html`<li><a href="${path}?lang=${l}" lang="${l}" hreflang="${l}"${
        l === current ? raw(' aria-current="true"') : ""
      }>${t(`languageNames.${l}`)}</a></li>`,
  )}</ul></nav>`;
}

export const csrfField = (session: StaffSession) =>
  html`<input type="hidden" name="_csrf" value="${session.csrf}">`;

export interface Frame {
  lang: Language;
  session: StaffSession;
  view: StaffView;
  /** A status line after a form was sent (already translated). */
  flash?: { text: string; kind: "ok" | "error" } | null;
  openCount?: number;
}

function frame(f: Frame, title: string, body: Html): Html {
  const t = translator(f.lang);
  const current = VIEWS.find((v) => v.id === f.view) ?? VIEWS[0];
  return html`${head(f.lang, `${title} — ${t("staff.title")}`)}
<body class="staff">
<a class="skip" href="#main">${t("staff.skip")}</a>
<header class="top"><div class="top-in wide">
<div class="bar"><p class="brand">${t("staff.title")}</p>
${languageLinks(f.lang, current?.path ?? "/staff", t)}
<form class="out" method="post" action="/staff/logout">${csrfField(f.session)}<span class="me">${t(
    "staff.signedInAs",
    {
      user: f.session.user,
      role: t(`staff.roles.${f.session.role}`),
    },
  )}</span> <button class="btn small" type="submit">${t("staff.logout")}</button></form></div>
<nav aria-label="${t("staff.sections")}"><ul class="tabs">${VIEWS.map(
    (v) =>
      html`<li><a href="${v.path}"${v.id === f.view ? raw(' aria-current="page"') : ""}>${t(`staff.views.${v.id}`)}${
        v.id === "queue" && f.openCount ? html` <span class="count">${f.openCount}</span>` : ""
      }</a></li>`,
  )}</ul></nav>
</div></header>
<main id="main" class="wrap wide" tabindex="-1">
<h1>${title}</h1>
<p id="flash" class="flash${f.flash?.kind === "error" ? " error" : ""}" role="status">${f.flash?.text ?? ""}</p>
${body}
</main>
</body>
</html>`;
}

export function loginPage(lang: Language, error: string | null, user = ""): Html {
  const t = translator(lang);
  return html`${head(lang, `${t("staff.login")} — ${t("staff.title")}`)}
<body class="staff">
<header class="top"><div class="top-in"><p class="brand">${t("staff.title")}</p>
${languageLinks(lang, "/staff/login", t)}</div></header>
<main id="main" class="wrap">
<form class="card login" method="post" action="/staff/login">
<h1>${t("staff.login")}</h1>
<p class="note">${t("staff.loginHelp")}</p>
${error ? html`<p class="flash error" role="alert">${error}</p>` : ""}
<input type="hidden" name="lang" value="${lang}">
<div class="field"><label for="user">${t("staff.username")}</label>
<input id="user" name="user" type="text" required maxlength="32" autocomplete="username" autocapitalize="none" spellcheck="false" value="${user}"></div>
<div class="field"><label for="password">${t("staff.password")}</label>
<input id="password" name="password" type="password" required maxlength="200" autocomplete="current-password"></div>
<button class="btn primary" type="submit">${t("staff.signIn")}</button>
</form>
</main>
</body>
</html>`;
}

const languageName = (t: Translate, l: string) =>
  (LANGUAGES as readonly string[]).includes(l) ? t(`languageNames.${l}`) : l;

export interface QueueInput {
  active: StoredHandoff[];
  closed: StoredHandoff[];
  /** The procedure's name in the console's language. */
  name: (code: string) => string;
  /** A fresh token per answer form, so sending the same form twice sends one message. */
  nonce: () => string;
  /** Channels the console can answer into (those with a sender configured). */
  canAnswer: (channel: string) => boolean;
  /** Saved replies this staff member may use (own and shared), offered in the answer form. */
  replies: SavedReply[];
}

export function queuePage(f: Frame, q: QueueInput): Html {
  const t = translator(f.lang);
  const me = f.session.user;
  const item = (h: StoredHandoff) => {
    const mine = h.status === "claimed" && h.claimedBy === me;
    const label = `#${h.id}`;
    return html`<article class="card handoff" id="h-${h.id}" aria-labelledby="h-${h.id}-t" data-status="${h.status}">
<h2 id="h-${h.id}-t">${label} · ${t(`staff.channels.${h.channel}`)} · <span lang="${h.lang}">${languageName(t, h.lang)}</span></h2>
<dl class="facts">
<div><dt>${t("staff.received")}</dt><dd>${formatTime(h.createdAt, f.lang)}</dd></div>
<div><dt>${t("staff.procedure")}</dt><dd>${
      h.procedureCode
        ? html`<a href="/staff/search?q=${h.procedureCode}&amp;to=${h.lang}&amp;code=${h.procedureCode}">${q.name(h.procedureCode)} (${h.procedureCode})</a>`
        : t("staff.none")
    }</dd></div>
<div><dt>${t("staff.status")}</dt><dd>${
      h.status === "open" ? t("staff.statusOpen") : t("staff.statusClaimed", { user: h.claimedBy ?? "" })
    }${h.answers ? html` · ${t("staff.answered", { count: h.answers })}` : ""}</dd></div>
</dl>
<p class="question" lang="${h.lang}">${h.question || t("staff.noQuestion")}</p>
${
  h.status === "open"
    ? html`<form method="post" action="/staff/handoffs/${h.id}/claim">${csrfField(f.session)}<button class="btn primary" type="submit">${t("staff.claim")}</button></form>`
    : ""
}
${
  mine
    ? q.canAnswer(h.channel)
      ? html`<form class="answer" method="post" action="/staff/handoffs/${h.id}/answer">${csrfField(f.session)}
<input type="hidden" name="nonce" value="${q.nonce()}">
<div class="field"><label for="a-${h.id}">${t("staff.answerLabel", { language: languageName(t, h.lang) })}</label>
<textarea id="a-${h.id}" name="text" rows="4" required maxlength="3000" lang="${h.lang}"></textarea></div>
${
  q.replies.length > 0
    ? html`<div class="field"><label for="s-${h.id}">${t("staff.insertReply")}</label>
<select id="s-${h.id}" data-fill="a-${h.id}"><option value="">${t("staff.chooseReply")}</option>${[
        ...q.replies.filter((r) => r.lang === h.lang),
        ...q.replies.filter((r) => r.lang !== h.lang),
      ].map(
        (r) => html`<option value="${r.id}">${r.title} · ${languageName(t, r.lang)}</option>`,
      )}</select></div>`
    : ""
}
<button class="btn primary" type="submit">${t("staff.send")}</button></form>`
      : html`<p class="note">${t("staff.cannotAnswer")}</p>`
    : ""
}
${
  mine || (h.status === "claimed" && f.session.role === "supervisor")
    ? html`<form class="close" method="post" action="/staff/handoffs/${h.id}/close">${csrfField(f.session)}
<div class="field"><label for="n-${h.id}">${t("staff.closeNote")}</label>
<input id="n-${h.id}" name="note" type="text" maxlength="500" required></div>
<button class="btn" type="submit">${t("staff.close")}</button></form>`
    : ""
}
</article>`;
  };
  return frame(
    f,
    t("staff.views.queue"),
    html`<p class="note">${t("staff.queueHelp")}</p>
${
  q.replies.length > 0
    ? html`<div hidden>${q.replies.map((r) => html`<pre id="saved-${r.id}" lang="${r.lang}">${r.body}</pre>`)}</div>`
    : ""
}
${q.active.length === 0 ? html`<p class="empty">${t("staff.queueEmpty")}</p>` : html`<div class="list">${q.active.map(item)}</div>`}
<h2>${t("staff.recentlyClosed")}</h2>
${
  q.closed.length === 0
    ? html`<p class="empty">${t("staff.none")}</p>`
    : html`<div class="scroll"><table><thead><tr><th scope="col">#</th><th scope="col">${t("staff.channel")}</th><th scope="col">${t("staff.language")}</th><th scope="col">${t("staff.closedBy")}</th><th scope="col">${t("staff.closeNote")}</th></tr></thead><tbody>${q.closed.map(
        (h) =>
          html`<tr><td>${h.id}</td><td>${t(`staff.channels.${h.channel}`)}</td><td>${languageName(t, h.lang)}</td><td>${h.claimedBy ?? ""}</td><td>${h.closeNote ?? ""}</td></tr>`,
      )}</tbody></table></div>`
}`,
  );
}

export interface SearchInput {
  query: string;
  to: Language;
  rows: { code: string; names: Record<Language, string | null> }[];
  selected: { code: string; texts: { lang: Language; title: string; text: string; url: string }[] } | null;
}

export function searchPage(f: Frame, s: SearchInput): Html {
  const t = translator(f.lang);
  const order = (langs: readonly Language[]) => [s.to, ...langs.filter((l) => l !== s.to)];
  const link = (code: string) =>
    `/staff/search?q=${encodeURIComponent(s.query)}&to=${s.to}&code=${encodeURIComponent(code)}`;
  return frame(
    f,
    t("staff.views.search"),
    html`<form class="card search" method="get" action="/staff/search">
<div class="field grow"><label for="sq">${t("staff.searchLabel")}</label>
<input id="sq" name="q" type="search" maxlength="300" value="${s.query}" placeholder="${t("web.placeholder")}"></div>
<div class="field"><label for="to">${t("staff.visitorLanguage")}</label>
<select id="to" name="to">${LANGUAGES.map(
      (l) =>
        html`<option value="${l}"${l === s.to ? raw(" selected") : ""}>${t(`languageNames.${l}`)}</option>`,
    )}</select></div>
<button class="btn primary" type="submit">${t("staff.search")}</button>
</form>
${
  s.selected
    ? html`<h2 id="answer-h">${t("staff.answerIn5", { code: s.selected.code })}</h2>
<div class="answers">${s.selected.texts.map(
        (
          x,
        ) => html`<section class="card answer-lang${x.lang === s.to ? " visitor" : ""}" aria-labelledby="al-${x.lang}">
<h3 id="al-${x.lang}">${t(`languageNames.${x.lang}`)}${x.lang === s.to ? html` · ${t("staff.visitor")}` : ""}</h3>
<p class="name" lang="${x.lang}">${x.title}</p>
<button class="btn${x.lang === s.to ? " primary" : ""}" type="button" data-copy="text-${x.lang}">${t(
          "staff.copyIn",
          {
            language: t(`languageNames.${x.lang}`),
          },
        )}</button>
<a class="btn" href="${x.url}">${t("staff.openCard")}</a>
<span class="copy-note" role="status"></span>
<pre id="text-${x.lang}" class="text" lang="${x.lang}" tabindex="0">${x.text}</pre>
</section>`,
      )}</div>`
    : ""
}
${
  s.query && s.rows.length === 0
    ? html`<p class="empty">${t("staff.noResults")}</p>`
    : s.rows.length > 0
      ? html`<h2>${t("staff.results")}</h2><ol class="results">${s.rows.map(
          (r) => html`<li${s.selected?.code === r.code ? raw(' class="on"') : ""}><a href="${link(r.code)}"${
            s.selected?.code === r.code ? raw(' aria-current="true"') : ""
          }>${r.code}</a>
<dl class="five">${order(LANGUAGES).map(
            (l) =>
              html`<div><dt>${t(`languageNames.${l}`)}</dt><dd lang="${l}">${r.names[l] ?? "—"}</dd></div>`,
          )}</dl></li>`,
        )}</ol>`
      : ""
}
<p id="copy-status" hidden data-ok="${t("web.copied")}" data-fail="${t("web.copyFailed")}"></p>`,
  );
}

export function repliesPage(f: Frame, replies: SavedReply[]): Html {
  const t = translator(f.lang);
  const me = f.session.user;
  return frame(
    f,
    t("staff.views.replies"),
    html`<p class="note">${t("staff.repliesHelp")}</p>
<div class="list">${
      replies.length === 0
        ? html`<p class="empty">${t("staff.none")}</p>`
        : replies.map(
            (r) => html`<article class="card saved" aria-labelledby="r-${r.id}-t">
<h2 id="r-${r.id}-t">${r.title}</h2>
<p class="note">${languageName(t, r.lang)} · ${r.owner === me ? t("staff.mine") : t("staff.sharedBy", { user: r.owner })}${
              r.shared && r.owner === me ? html` · ${t("staff.shared")}` : ""
            }</p>
<pre id="reply-${r.id}" class="text" lang="${r.lang}" tabindex="0">${r.body}</pre>
<div class="actions"><button class="btn primary" type="button" data-copy="reply-${r.id}">${t("staff.copy")}</button>
<span class="copy-note" role="status"></span>
${
  r.owner === me || f.session.role === "supervisor"
    ? html`<form method="post" action="/staff/replies/${r.id}/delete">${csrfField(f.session)}<button class="btn" type="submit">${t("staff.delete")}</button></form>`
    : ""
}</div>
</article>`,
          )
    }</div>
<form class="card" method="post" action="/staff/replies">${csrfField(f.session)}
<h2>${t("staff.newReply")}</h2>
<div class="field"><label for="rt">${t("staff.replyTitle")}</label><input id="rt" name="title" type="text" required maxlength="120"></div>
<div class="field"><label for="rl">${t("staff.language")}</label><select id="rl" name="lang">${LANGUAGES.map(
      (l) =>
        html`<option value="${l}"${l === f.lang ? raw(" selected") : ""}>${t(`languageNames.${l}`)}</option>`,
    )}</select></div>
<div class="field"><label for="rb">${t("staff.replyBody")}</label><textarea id="rb" name="body" rows="5" required maxlength="4000"></textarea></div>
<div class="check"><input id="rs" name="shared" type="checkbox" value="1"><label for="rs">${t("staff.shareWithTeam")}</label></div>
<button class="btn primary" type="submit">${t("staff.save")}</button>
</form>
<p id="copy-status" hidden data-ok="${t("web.copied")}" data-fail="${t("web.copyFailed")}"></p>`,
  );
}

export const REPORT_DAYS = [7, 30, 90] as const;

export function reportsPage(
  f: Frame,
  report: GapsReport,
  days: number,
  name: (code: string) => string,
): Html {
  const t = translator(f.lang);
  const table = (
    id: string,
    title: string,
    rows: { key: string; count: number }[],
    item: (key: string) => Html | string,
  ) =>
    html`<section class="card" aria-labelledby="${id}"><h2 id="${id}">${title}</h2>${
      rows.length === 0
        ? html`<p class="empty">${t("staff.none")}</p>`
        : html`<div class="scroll"><table><thead><tr><th scope="col">${t("staff.item")}</th><th scope="col" class="n">${t("staff.count")}</th></tr></thead><tbody>${rows.map(
            (r) => html`<tr><td>${item(r.key)}</td><td class="n">${r.count}</td></tr>`,
          )}</tbody></table></div>`
    }</section>`;
  const quoted = (key: string) => html`<q>${key}</q>`;
  const procedure = (code: string) => html`${name(code)} (${code})`;
  return frame(
    f,
    t("staff.views.reports"),
    html`<form class="card search" method="get" action="/staff/reports">
<div class="field"><label for="days">${t("staff.period")}</label><select id="days" name="days">${REPORT_DAYS.map(
      (d) =>
        html`<option value="${d}"${d === days ? raw(" selected") : ""}>${t("staff.lastDays", { count: d })}</option>`,
    )}</select></div>
<button class="btn" type="submit">${t("staff.show")}</button>
<a class="btn primary" href="/staff/reports.csv?days=${days}" download>${t("staff.downloadCsv")}</a>
</form>
<p class="note">${t("staff.reportHelp", {
      from: formatTime(report.from, f.lang),
      to: formatTime(report.to, f.lang),
      count: report.queries,
    })}</p>
<div class="grid">
${table("g-none", t("staff.gaps.notFound"), report.notFound, quoted)}
${table("g-abandoned", t("staff.gaps.abandoned"), report.abandoned, quoted)}
${table("g-down", t("staff.gaps.ratedDown"), report.ratedDown, quoted)}
${table("g-procedures", t("staff.gaps.procedures"), report.procedures, procedure)}
${table("g-languages", t("staff.gaps.languages"), report.languages, (l) => languageName(t, l))}
${table("g-channels", t("staff.gaps.channels"), report.channels, (c) => t(`staff.channels.${c}`))}
<section class="card" aria-labelledby="g-savings"><h2 id="g-savings">${t("staff.gaps.savings")}</h2>
<p>${t("staff.savingsTotal", { count: report.savings.cards, amount: formatVnd(report.savings.totalVnd, f.lang) })}</p>
${
  report.savings.procedures.length === 0
    ? ""
    : html`<div class="scroll"><table><thead><tr><th scope="col">${t("staff.procedure")}</th><th scope="col" class="n">${t("staff.count")}</th><th scope="col" class="n">${t("staff.amount")}</th></tr></thead><tbody>${report.savings.procedures.map(
        (s) =>
          html`<tr><td>${procedure(s.key)}</td><td class="n">${s.count}</td><td class="n">${formatVnd(s.vnd, f.lang)}</td></tr>`,
      )}</tbody></table></div>`
}
</section>
</div>
<p class="note">${t("staff.privacyNote")}</p>`,
  );
}

export interface DossierView {
  code: string;
  procedure: string;
  applicant: string | null;
  status: string;
  next: string;
  received: string | null;
  due: string | null;
  overdue: boolean | null;
  history: { at: string; status: string; note: string | null }[];
  note: string | null;
}

export function dossierPage(f: Frame, code: string, result: DossierView | "not_found" | null): Html {
  const t = translator(f.lang);
  return frame(
    f,
    t("staff.views.dossier"),
    html`<p class="note">${t(f.session.role === "supervisor" ? "staff.dossierHelpSupervisor" : "staff.dossierHelp")}</p>
<form class="card search" method="post" action="/staff/dossier">${csrfField(f.session)}
<div class="field grow"><label for="dc">${t("staff.dossierCode")}</label>
<input id="dc" name="code" type="text" required maxlength="64" value="${code}" autocomplete="off" spellcheck="false" placeholder="000.00.19.H48-261102-0007"></div>
<button class="btn primary" type="submit">${t("staff.lookUp")}</button>
</form>
${
  result === "not_found"
    ? html`<p class="empty">${t("dossier.notFound")}</p>`
    : result
      ? html`<section class="card dossier" aria-labelledby="d-t"><h2 id="d-t">${t("dossier.title", { code: result.code })}</h2>
<dl class="facts">
<div><dt>${t("staff.procedure")}</dt><dd>${result.procedure}</dd></div>
${result.applicant ? html`<div><dt>${t("staff.applicant")}</dt><dd>${result.applicant}</dd></div>` : ""}
<div><dt>${t("staff.status")}</dt><dd>${result.status}</dd></div>
${result.note ? html`<div><dt>${t("staff.agencyNote")}</dt><dd>${result.note}</dd></div>` : ""}
<div><dt>${t("staff.next")}</dt><dd>${result.next}</dd></div>
${result.received ? html`<div><dt>${t("staff.received")}</dt><dd>${result.received}</dd></div>` : ""}
${
  result.due
    ? html`<div><dt>${t("staff.due")}</dt><dd>${result.due}${
        result.overdue === null ? "" : html` · ${result.overdue ? t("dossier.overdue") : t("dossier.onTime")}`
      }</dd></div>`
    : ""
}
</dl>
<h3>${t("staff.history")}</h3>
<ol class="history">${result.history.map(
          (h) => html`<li><time>${h.at}</time> — ${h.status}${h.note ? html` (${h.note})` : ""}</li>`,
        )}</ol>
</section>`
      : ""
}`,
  );
}

export function problemPage(f: Frame, title: string, text: string): Html {
  return frame(
    f,
    title,
    html`<p class="flash error" role="alert">${text}</p><p><a href="/staff">${translator(f.lang)("staff.back")}</a></p>`,
  );
}
