/**
 * The web channel's pages over the real app (app.request): what a browser and a link-preview crawler get. The
 * same pages are driven in chromium by `npm run test:browser` (test/browser/).
 */
import { gunzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { CHAT_CSS, CHAT_JS } from "../../src/channels/web/assets/index.ts";
import { pageLanguage } from "../../src/channels/web/index.ts";
import { cardToText } from "../../src/conversation/index.ts";
import { LANGUAGES, resources } from "../../src/i18n/index.ts";
import { isVietnameseLine } from "../../src/investor/line-share.ts";
import { buildApp } from "../helpers/app.ts";

const { app, deps } = buildApp({ PUBLIC_URL: "https://dvc.example.org/" });

const attr = (html: string, selector: RegExp) => selector.exec(html)?.[1];

describe("GET / — the chat page", () => {
  it("renders in the asked language with every string from the locales, and a strict CSP", async () => {
    for (const lang of LANGUAGES) {
      const res = await app.request(`/?lang=${lang}`);
      expect(res.status).toBe(200);
      const html = await res.text();
      const web = resources[lang].web;
      expect(html).toContain(`<html lang="${lang}">`);
      expect(html).toContain(`<title>${web.title}</title>`);
      expect(html).toContain(`<label for="q">${web.inputLabel}</label>`);
      expect(html).toContain('role="log" aria-live="polite"');
      expect(html).toMatch(/<main[ >]/);
      expect(html).toMatch(/<nav class="langs" aria-label="[^"]+"><ul>/);
      expect(html).toMatch(new RegExp(`data-lang="${lang}" aria-current="true"`));
      // No inline script: the only executable script is /assets/chat.js; the strings travel as a JSON data block.
      const scripts = [...html.matchAll(/<script([^>]*)>/g)].map((m) => m[1]);
      expect(scripts).toEqual([
        expect.stringMatching(/src="\/assets\/chat\.js\?v=\w+" defer/),
        ' type="application/json" id="web-strings"',
      ]);
      expect(html).not.toMatch(/ on[a-z]+=|style=/);
      const csp = res.headers.get("content-security-policy") ?? "";
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("default-src 'none'");
      expect(csp).not.toContain("unsafe-inline");
      expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    }
  });

  it("picks the browser's language when no ?lang= is given, Vietnamese otherwise", async () => {
    const html = await (await app.request("/", { headers: { "accept-language": "ko-KR,ko;q=0.9" } })).text();
    expect(html).toContain('<html lang="ko">');
    expect(pageLanguage(undefined, "fr-FR, de;q=0.9, ja;q=0.5, en;q=0.7")).toBe("en");
    expect(pageLanguage("zh", "en")).toBe("zh");
    expect(pageLanguage("xx", undefined)).toBe("vi");
    expect(pageLanguage(undefined, "ja;q=0, en;q=0.1")).toBe("en");
  });

  it("tells a web visitor who asks for a person that the question is recorded and where an answer can come", async () => {
    const res = await app.request("/api/chat", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ text: "talk to a person", sessionId: "web-handoff-0001", lang: "en" }),
    });
    const body = (await res.json()) as {
      replies: { blocks: { text?: string }[] }[];
      meta: { intent: string };
    };
    expect(body.meta.intent).toBe("handoff");
    const text = body.replies.flatMap((r) => r.blocks.map((b) => b.text ?? "")).join("\n");
    // Not "passed to the staff" (no one answers on this page) followed by "this page cannot receive the reply".
    expect(text).not.toContain(resources.en.handoff.requested);
    expect(text).toContain(resources.en.handoff.whereWeb);
    expect(text).toContain(resources.en.handoff.meanwhile);
  });

  it("keeps the JSON API free of the pages' headers", async () => {
    const res = await app.request("/api/chat", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ text: "hộ chiếu" }),
    });
    expect(res.status).toBe(200);
    // The API has its own policy (allows nothing, issue 18), never the pages' script/style allowances.
    expect(res.headers.get("content-security-policy") ?? "").not.toMatch(/script-src|style-src/);
  });

  it("serves its one script and one stylesheet, compressed and cacheable by version", async () => {
    const html = await (await app.request("/?lang=vi")).text();
    const js = attr(html, /src="(\/assets\/chat\.js\?v=\w+)"/) ?? "";
    const css = attr(html, /href="(\/assets\/chat\.css\?v=\w+)"/) ?? "";
    const script = await app.request(js, { headers: { "accept-encoding": "gzip" } });
    expect(script.headers.get("content-type")).toMatch(/^text\/javascript/);
    expect(script.headers.get("content-encoding")).toBe("gzip");
    expect(script.headers.get("cache-control")).toContain("immutable");
    expect(gunzipSync(Buffer.from(await script.arrayBuffer())).toString()).toBe(CHAT_JS);
    const style = await app.request(css);
    expect(style.headers.get("content-type")).toMatch(/^text\/css/);
    expect(await style.text()).toBe(CHAT_CSS);
    expect((await app.request("/assets/chat.js?v=old")).headers.get("cache-control")).not.toContain(
      "immutable",
    );
    // The script parses (a syntax error would only show in a browser otherwise).
    expect(() => new Function(CHAT_JS)).not.toThrow();
  });
});

describe("GET /p/:code — the shareable answer card", () => {
  it("renders the card with its title, Open Graph tags under PUBLIC_URL, and the plain text to copy", async () => {
    const res = await app.request("/p/1.001612?lang=en");
    expect(res.status).toBe(200);
    const html = await res.text();
    const procedure = await deps.catalogue.procedure("1.001612");
    if (!procedure) throw new Error("1.001612 is in the catalogue");
    const card = deps.conversation.cardFor(procedure, "en");
    const url = "https://dvc.example.org/p/1.001612?lang=en";
    expect(html).toContain(`<h1 id="card-title">${card.title}</h1>`);
    expect(attr(html, /<meta property="og:title" content="([^"]+)">/)).toBe(card.title);
    expect(attr(html, /<meta property="og:url" content="([^"]+)">/)).toBe(url);
    expect(attr(html, /<link rel="canonical" href="([^"]+)">/)).toBe(url);
    expect(attr(html, /<meta property="og:description" content="([^"]+)">/)).toMatch(/household business/);
    expect(attr(html, /<meta property="og:locale" content="([^"]+)">/)).toBe("en_US");
    for (const s of card.sections) expect(html).toContain(`<h2 id="s-${s.id}">${s.title}</h2>`);
    const text = attr(html, /<pre id="card-text">([\s\S]*?)<\/pre>/) ?? "";
    const unescaped = text
      .replace(/&#39;/g, "'")
      .replace(/&quot;/g, '"')
      .replace(/&lt;/g, "<")
      .replace(/&gt;/g, ">")
      .replace(/&amp;/g, "&");
    expect(unescaped).toBe(`${cardToText(card)}\n\n${url}`);
    // Vietnamese lines of the official record are marked as such for screen readers (which lines are still in
    // Vietnamese changes as the term base grows: the first one the card has).
    const vietnamese = card.sections
      .flatMap((s) => s.lines)
      .find((l) => l.startsWith("• ") && isVietnameseLine(l));
    if (!vietnamese) throw new Error("1.001612 in English still has a Vietnamese line of the record");
    expect(html).toContain(`<li lang="vi">${vietnamese.slice(2, 24)}`);
  });

  it("has one address per card: a bare code or a missing language redirects", async () => {
    const bare = await app.request("/p/1001612?lang=ja");
    expect(bare.status).toBe(301);
    expect(bare.headers.get("location")).toBe("/p/1.001612?lang=ja");
    const noLang = await app.request("/p/1.001612", { headers: { "accept-language": "zh-CN" } });
    expect(noLang.status).toBe(302);
    expect(noLang.headers.get("location")).toBe("/p/1.001612?lang=zh");
  });

  it("answers an unknown code with an HTML 404 page in the asked language, the code escaped", async () => {
    const res = await app.request("/p/%3Cb%3Ex?lang=ja");
    expect(res.status).toBe(404);
    const html = await res.text();
    expect(html).toContain(`<h1>${resources.ja.web.notFoundTitle}</h1>`);
    expect(html).toContain("&lt;b&gt;x");
    expect(html).not.toContain("<b>x");
  });
});

describe("bot cards link to their shareable page when PUBLIC_URL is set", () => {
  const chat = async (target: typeof app, text: string, lang: string) =>
    (await (
      await target.request("/api/chat", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ text, lang }),
      })
    ).json()) as {
      replies: { buttons: ({ label: string; url?: string } | { label: string; action: string })[][] }[];
    };
  const urls = (body: Awaited<ReturnType<typeof chat>>) =>
    body.replies.flatMap((r) => r.buttons.flat()).flatMap((b) => ("url" in b && b.url ? [b] : []));

  it("adds a share button in the card's language under PUBLIC_URL", async () => {
    const body = await chat(app, "1.001612", "ko");
    expect(urls(body)).toContainEqual({
      label: resources.ko.web.share,
      url: "https://dvc.example.org/p/1.001612?lang=ko",
    });
  });

  it("adds none without PUBLIC_URL", async () => {
    const plain = buildApp().app;
    const body = await chat(plain, "1.001612", "ko");
    expect(urls(body).some((b) => b.url?.includes("/p/"))).toBe(false);
  });
});
