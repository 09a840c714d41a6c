/**
 * Server-rendered pages of the web channel: the chat page and the shareable answer card. Plain HTML through
 * hono/html (every interpolated value is escaped), one stylesheet and one deferred script, no inline code.
 */
import { html, raw } from "hono/html";
import type { HtmlEscapedString } from "hono/utils/html";
import { LANGUAGES, type Language } from "../../catalogue/index.ts";
import type { Card } from "../../conversation/index.ts";
import { encodeAction } from "../../conversation/index.ts";
import { cardPath, journeyPath } from "../../features/procedures/share.ts";
import { translator } from "../../i18n/index.ts";
import { JOURNEYS, type Journey } from "../../investor/journeys.ts";
import { assetVersion } from "./assets/index.ts";

type Html = HtmlEscapedString | Promise<HtmlEscapedString>;

const OG_LOCALES: Record<Language, string> = {
  vi: "vi_VN",
  en: "en_US",
  zh: "zh_CN",
  ko: "ko_KR",
  ja: "ja_JP",
};
/** Letters only Vietnamese uses: a line of the official record shown inside a page in another language. */
const VIETNAMESE = /[ăâđêôơưĂÂĐÊÔƠƯạảấầẩẫậắằẳẵặẹẻẽếềểễệỉịọỏốồổỗộớờởỡợụủứừửữựỳỵỷỹ]/u;
const URL_IN_TEXT = /(https?:\/\/[^\s<>"')\]]*[^\s<>"')\].,;:!?])/g;

function head(lang: Language, title: string, extra: Html | "" = ""): Html {
  return html`<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title}</title>
<meta name="theme-color" content="#0b4f9c">
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/assets/chat.css?v=${assetVersion()}">
<script src="/assets/chat.js?v=${assetVersion()}" defer></script>
${extra}
</head>`;
}

function languageLinks(current: Language, href: (l: Language) => string, label: string): Html {
  const t = translator(current);
  return html`<nav class="langs" aria-label="${label}"><ul>${LANGUAGES.map(
    (l) =>
      html`<li><a href="${href(l)}" lang="${l}" hreflang="${l}" data-lang="${l}"${
        l === current ? raw(' aria-current="true"') : ""
      }>${t(`languageNames.${l}`)}</a></li>`,
  )}</ul></nav>`;
}

/** Text with its web addresses as links (escaped; only http(s) addresses become links). */
function linkified(text: string): Html {
  const parts = text.split(URL_IN_TEXT);
  return html`${parts.map((part, i) =>
    i % 2 === 1 ? html`<a href="${part}" rel="noopener noreferrer">${part}</a>` : part,
  )}`;
}

function langOf(line: string, page: Language): Html | "" {
  return page !== "vi" && VIETNAMESE.test(line) ? raw(' lang="vi"') : "";
}

/** A card section's lines as HTML: "• " lines become a list, "1. " lines an ordered list, indented lines stay with
 * the item above them. */
function sectionBody(lines: string[], lang: Language): Html {
  type Item = { text: string; more: string[] };
  type Group = { kind: "p"; text: string } | { kind: "ul" | "ol"; start: number; items: Item[] };
  const groups: Group[] = [];
  for (const line of lines) {
    const last = groups.at(-1);
    const bullet = /^•\s*(.*)$/u.exec(line);
    const numbered = /^(\d+)\.\s+(.*)$/u.exec(line);
    if (bullet || numbered) {
      const kind = bullet ? "ul" : "ol";
      const text = (bullet ? bullet[1] : numbered?.[2]) ?? "";
      if (last && last.kind === kind) last.items.push({ text, more: [] });
      else groups.push({ kind, start: numbered ? Number(numbered[1]) : 1, items: [{ text, more: [] }] });
    } else if (/^\s{2,}\S/.test(line) && last && last.kind !== "p") {
      last.items.at(-1)?.more.push(line.trim());
    } else groups.push({ kind: "p", text: line.trim() });
  }
  const item = (i: Item) =>
    html`<li${langOf(i.text, lang)}>${linkified(i.text)}${i.more.map(
      (m) => html`<br><span${langOf(m, lang)}>${linkified(m)}</span>`,
    )}</li>`;
  return html`${groups.map((g) => {
    if (g.kind === "p") return html`<p${langOf(g.text, lang)}>${linkified(g.text)}</p>`;
    if (g.kind === "ul") return html`<ul>${g.items.map(item)}</ul>`;
    return html`<ol${g.start !== 1 ? raw(` start="${g.start}"`) : ""}>${g.items.map(item)}</ol>`;
  })}`;
}

/** The chat page: a welcome, the conversation log (a live region), the question box. */
export function chatPage(lang: Language): Html {
  const t = translator(lang);
  const strings = {
    you: t("web.you"),
    assistant: t("web.assistant"),
    thinking: t("web.thinking"),
    networkError: t("web.networkError"),
    share: t("web.share"),
  };
  // JSON in a data block is never executed; "<" is escaped so it cannot close the element.
  const json = JSON.stringify(strings).replace(/</g, "\\u003c");
  return html`${head(lang, t("web.title"), html`<meta name="description" content="${t("web.tagline")}">`)}
<body>
<a class="skip" href="#q">${t("web.skip")}</a>
<header class="top"><div class="top-in">
<h1>${t("web.title")}</h1>
<p>${t("web.tagline")}</p>
${languageLinks(lang, (l) => `/?lang=${l}`, t("web.language"))}
</div></header>
<main class="wrap">
<div id="log" class="log" role="log" aria-live="polite" aria-label="${t("web.conversation")}">
<article class="msg bot"><p class="who">${t("web.assistant")}</p><p class="text">${t("chat.welcome")}</p><p class="text">${t("chat.examples")}</p>
<nav class="text" aria-label="${t("web.journeys")}">${t("web.journeys")}: ${JOURNEYS.map(
    (j, i) => html`${i > 0 ? " · " : ""}<a href="${journeyPath(j.id, lang)}">${j.title[lang]}</a>`,
  )}</nav><p class="note">${t("web.disclaimer")}</p></article>
</div>
<noscript><p class="note">${t("web.noscript")}</p></noscript>
</main>
<footer class="ask"><div class="top-in">
<form id="ask" action="/" method="get">
<div class="field"><label for="q">${t("web.inputLabel")}</label>
<input id="q" name="q" type="text" maxlength="4000" autocomplete="off" enterkeyhint="send" placeholder="${t("web.placeholder")}"></div>
<button class="btn primary" type="submit">${t("web.send")}</button>
</form>
<div class="tools"><button class="btn" type="button" data-action="${encodeAction({ kind: "handoff" })}">${t("chat.buttons.person")}</button>
<button class="btn" type="button" id="new-chat">${t("web.newChat")}</button></div>
</div></footer>
<script type="application/json" id="web-strings">${raw(json)}</script>
</body>
</html>`;
}

export interface CardPageInput {
  card: Card;
  /** The card as plain text, for "copy answer as text". */
  text: string;
  /** Where the site is reachable from outside (PUBLIC_URL, else the request's origin), for absolute links. */
  origin: string;
}

/** A short description for link previews: the card's summary, else its subtitle. */
export function previewText(card: Card, max = 200): string {
  const summary = card.sections.find((s) => s.id === "summary")?.lines.join(" ") ?? card.subtitle;
  const flat = summary.replace(/\s+/g, " ").trim();
  return flat.length > max ? `${flat.slice(0, max - 1).trimEnd()}…` : flat;
}

export function cardPage({ card, text, origin }: CardPageInput): Html {
  const lang = card.lang;
  const url = `${origin}${cardPath(card.code, lang)}`;
  const t = translator(lang);
  const description = previewText(card);
  const meta = html`<meta name="description" content="${description}">
<link rel="canonical" href="${url}">
${LANGUAGES.map((l) => html`<link rel="alternate" hreflang="${l}" href="${origin}${cardPath(card.code, l)}">`)}
<meta property="og:type" content="article">
<meta property="og:title" content="${card.title}">
<meta property="og:description" content="${description}">
<meta property="og:url" content="${url}">
<meta property="og:site_name" content="${t("web.title")}">
<meta property="og:locale" content="${OG_LOCALES[lang]}">
<meta name="twitter:card" content="summary">
<meta name="twitter:title" content="${card.title}">
<meta name="twitter:description" content="${description}">`;
  return html`${head(lang, `${card.title} — ${t("web.title")}`, meta)}
<body>
<header class="top"><div class="top-in">
<p><a href="/?lang=${lang}">${t("web.title")}</a></p>
${languageLinks(lang, (l) => cardPath(card.code, l), t("web.language"))}
</div></header>
<main class="wrap">
<article class="card" aria-labelledby="card-title">
<h1 id="card-title">${card.title}</h1>
<p class="sub">${card.subtitle}</p>
<div class="actions">
<button class="btn primary" type="button" id="copy" data-ok="${t("web.copied")}" data-fail="${t("web.copyFailed")}">${t("web.copy")}</button>
<button class="btn" type="button" id="print">${t("web.print")}</button>
<a class="btn" href="${card.link}" rel="noopener noreferrer">${t("chat.buttons.link")}</a>
<a class="btn" href="/?lang=${lang}">${t("web.ask")}</a>
</div>
<p id="copy-status" class="note" role="status"></p>
${card.sections.map(
  (s) =>
    html`<section aria-labelledby="s-${s.id}"><h2 id="s-${s.id}">${s.title}</h2>${sectionBody(s.lines, lang)}</section>`,
)}
<p class="print-url">${url}</p>
<details class="plain" id="plain"><summary>${t("web.plainText")}</summary><pre id="card-text">${text}</pre></details>
</article>
</main>
</body>
</html>`;
}

/** A guided journey: its steps in order, each linking to its card, with what it needs from the steps before. */
export function journeyPage(
  journey: Journey,
  lang: Language,
  nameOf: (code: string) => string | null,
  others: Journey[],
): Html {
  const t = translator(lang);
  const title = journey.title[lang];
  const step = (s: Journey["steps"][number]) => {
    const name = s.code ? (nameOf(s.code) ?? s.code) : (s.what?.[lang] ?? "");
    const alternatives = s.alternatives.filter((c) => nameOf(c) !== null);
    return html`<li>${
      s.code
        ? html`<a href="${cardPath(s.code, lang)}">${name}</a> <span class="note">(${s.code})</span>`
        : html`<strong>${name}</strong>`
    }${
      alternatives.length > 0
        ? html`<br><span class="note">${t("web.journeyOr")} ${alternatives.map(
            (c, i) => html`${i > 0 ? ", " : ""}<a href="${cardPath(c, lang)}">${nameOf(c)}</a> (${c})`,
          )}</span>`
        : ""
    }<br><span>${t("web.journeyNeeds")}: ${s.needs[lang]}</span></li>`;
  };
  return html`${head(lang, `${title} — ${t("web.title")}`, html`<meta name="description" content="${t(`journeys.${journey.id}`)}">`)}
<body>
<header class="top"><div class="top-in">
<p><a href="/?lang=${lang}">${t("web.title")}</a></p>
${languageLinks(lang, (l) => journeyPath(journey.id, l), t("web.language"))}
</div></header>
<main class="wrap">
<article class="card" aria-labelledby="journey-title">
<h1 id="journey-title">${title}</h1>
<p>${t(`journeys.${journey.id}`)}</p>
<section aria-labelledby="j-steps"><h2 id="j-steps">${t("web.journeySteps")}</h2>
<ol>${journey.steps.map(step)}</ol></section>
<section aria-labelledby="j-sources"><h2 id="j-sources">${t("web.journeySources")}</h2>
<ul>${journey.sources.map((x) => html`<li>${x.title}${x.document ? ` (${x.document})` : ""}</li>`)}</ul></section>
<nav aria-labelledby="j-more"><h2 id="j-more">${t("web.journeys")}</h2>
<ul>${others.map((j) => html`<li><a href="${journeyPath(j.id, lang)}"${j.id === journey.id ? raw(' aria-current="page"') : ""}>${j.title[lang]}</a></li>`)}</ul></nav>
<div class="actions"><a class="btn primary" href="/?lang=${lang}">${t("web.ask")}</a></div>
</article>
</main>
</body>
</html>`;
}

export function notFoundPage(lang: Language, code: string): Html {
  const t = translator(lang);
  return html`${head(lang, `${t("web.notFoundTitle")} — ${t("web.title")}`, html`<meta name="robots" content="noindex">`)}
<body>
<header class="top"><div class="top-in"><p><a href="/?lang=${lang}">${t("web.title")}</a></p></div></header>
<main class="wrap">
<article class="card"><h1>${t("web.notFoundTitle")}</h1>
<p>${t("web.notFound", { code })}</p>
<div class="actions"><a class="btn primary" href="/?lang=${lang}">${t("web.ask")}</a></div>
</article>
</main>
</body>
</html>`;
}
