/**
 * The web channel in a real browser: Debian's chromium driven by playwright-core, against the real app (real
 * catalogue, search, SQLite file) served on 127.0.0.1. Run with `npm run test:browser` (not part of `npm test`).
 * Every wait is for an element or a state, never for time. Screenshots go to var/screenshots/ (git-ignored).
 */
import { join } from "node:path";
import type { ServerType } from "@hono/node-server";
import type { Browser, BrowserContext, Locator, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildAppWithDatabase, listen } from "../helpers/app.ts";
import { launchChromium, noHorizontalScroll, SHOTS, seriousViolations } from "./browser.ts";

const INGEST = "ingest-token-browser-0123456789";
const DOSSIER = "000.00.19.H48-261102-0007";

let server: ServerType;
let base = "";
let browser: Browser;
let built: Awaited<ReturnType<typeof buildAppWithDatabase>>;
const cspErrors: string[] = [];

beforeAll(async () => {
  built = await buildAppWithDatabase({ INGEST_TOKEN: INGEST });
  ({ server, base } = await listen(built.app.fetch));
  const res = await fetch(`${base}/api/dossiers/events`, {
    method: "POST",
    headers: { "content-type": "application/json", Authorization: `Bearer ${INGEST}` },
    body: JSON.stringify({
      events: [
        {
          eventId: "web-1",
          dossierCode: DOSSIER,
          procedureCode: "1.004194",
          status: "received",
          occurredAt: "2026-11-02T02:00:00Z",
          applicantName: "Trần Thị Bình",
          phone: "0987 654 321",
          receivedAt: "2026-11-02T02:00:00Z",
        },
        {
          eventId: "web-2",
          dossierCode: DOSSIER,
          procedureCode: "1.004194",
          status: "processing",
          occurredAt: "2026-11-03T02:00:00Z",
        },
      ],
    }),
  });
  expect(await res.json()).toMatchObject({ accepted: 2 });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await new Promise((r) => server?.close(r));
});

async function open(
  path: string,
  options: { width?: number; locale?: string; context?: BrowserContext } = {},
) {
  const context =
    options.context ??
    (await browser.newContext({
      viewport: { width: options.width ?? 360, height: 740 },
      locale: options.locale ?? "vi-VN",
    }));
  const page = await context.newPage();
  page.on("console", (m) => {
    if (/Content Security Policy/i.test(m.text())) cspErrors.push(m.text());
  });
  await page.goto(`${base}${path}`);
  return { page, context };
}

const bots = (page: Page) => page.locator("#log article.msg.bot");

/** Waits until the reply to what was just sent is on screen; returns its first message. */
async function replyAfter(page: Page, before: number): Promise<Locator> {
  await page.waitForFunction(
    (n) =>
      document.querySelectorAll("#log article.msg.bot").length > n &&
      !document.getElementById("log")?.hasAttribute("aria-busy"),
    before,
  );
  return bots(page).nth(before);
}

async function ask(page: Page, text: string): Promise<Locator> {
  const before = await bots(page).count();
  await page.locator("#q").fill(text);
  await page.keyboard.press("Enter");
  return replyAfter(page, before);
}

async function press(page: Page, button: Locator): Promise<Locator> {
  const before = await bots(page).count();
  await button.click();
  return replyAfter(page, before);
}

describe("the chat page /", () => {
  it("answers a question typed without diacritics, opens a card by its button, takes a 👍", async () => {
    const { page, context } = await open("/?lang=vi");
    expect(await page.locator("html").getAttribute("lang")).toBe("vi");
    // A clear request opens the citizen's card at once; a bare noun is a list to choose from.
    const direct = await ask(page, "lam ho chieu");
    expect(await direct.getAttribute("data-intent")).toBe("card");
    expect(await direct.locator("h2").textContent()).toMatch(/hộ chiếu/i);
    const list = await ask(page, "ho chieu");
    expect(await list.getAttribute("data-intent")).toBe("list");
    expect(await list.textContent()).toMatch(/hộ chiếu/);
    const first = list.locator("button[data-action^='p:']").first();
    const title = await first.textContent();
    const card = await press(page, first);
    expect(await card.getAttribute("data-intent")).toBe("card");
    await page.screenshot({ path: join(SHOTS, "chat-360-card.png") });
    expect(await card.locator("h2").textContent()).toMatch(/hộ chiếu/i);
    expect(title).toMatch(/hộ chiếu/i);
    // The user's side shows the pressed button's label, the card offers its shareable page.
    const share = card.locator("a[href^='/p/']");
    expect(await share.getAttribute("href")).toMatch(/^\/p\/\d\.\d{6}\?lang=vi$/);
    const file = card.locator("a[href^='https://dichvucong.gov.vn']").first();
    expect(await file.getAttribute("target")).toBe("_blank");
    const thanks = await press(page, card.locator("button[data-action$=':1']"));
    expect(await thanks.getAttribute("data-intent")).toBe("feedback");
    expect(await noHorizontalScroll(page)).toBe(true);
    await page.screenshot({ path: join(SHOTS, "chat-360.png"), fullPage: true });
    expect(await seriousViolations(page)).toEqual([]);
    await context.close();
  });

  it("answers in Japanese, and keeps the conversation when the language is switched", async () => {
    const { page, context } = await open("/?lang=ja", { locale: "ja-JP", width: 1280 });
    const list = await ask(page, "パスポートを申請したい");
    expect(await list.getAttribute("lang")).toBe("ja");
    expect(await list.textContent()).toMatch(/旅券/);
    await press(page, list.locator("button[data-action^='p:']").first());
    await page.screenshot({ path: join(SHOTS, "chat-1280-ja.png"), fullPage: true });
    const before = await page.locator("#log .msg").count();
    await page.locator("nav a[data-lang=en]").click();
    await page.waitForURL(/\?lang=en$/);
    expect(await page.locator("html").getAttribute("lang")).toBe("en");
    expect(await page.locator("h1").textContent()).toBe("Public Services Assistant");
    expect(await page.locator("nav a[aria-current]").textContent()).toBe("English");
    // The transcript of this tab is restored; the next answer comes in the chosen language.
    await page
      .locator("#log .msg")
      .nth(before - 1)
      .waitFor();
    const card = await ask(page, "passport fee");
    expect(await card.getAttribute("lang")).toBe("en");
    // The choice is remembered: a later visit to / without ?lang= opens in English.
    const again = await open("/", { context });
    await again.page.waitForURL(/\/\?lang=en$/);
    expect(await again.page.locator("label[for=q]").textContent()).toBe("Your question");
    await context.close();
  });

  it("works with the keyboard alone, with a visible focus ring", async () => {
    const { page, context } = await open("/?lang=en", { locale: "en-US" });
    await page.keyboard.press("Tab");
    expect(await page.evaluate(() => document.activeElement?.className)).toBe("skip");
    await page.keyboard.press("Enter");
    expect(await page.evaluate(() => document.activeElement?.id)).toBe("q");
    const before = await bots(page).count();
    await page.keyboard.type("1.001612");
    await page.keyboard.press("Enter");
    const card = await replyAfter(page, before);
    expect(await card.getAttribute("data-intent")).toBe("card");
    // Back from the question box: the card's share link, then its last button (👎), which Enter presses.
    await page.locator("#q").focus();
    await page.keyboard.press("Shift+Tab");
    expect(await page.evaluate(() => document.activeElement?.getAttribute("href"))).toBe(
      "/p/1.001612?lang=en",
    );
    await page.keyboard.press("Shift+Tab");
    const focused = await page.evaluate(() => {
      const el = document.activeElement as HTMLElement;
      return { action: el.getAttribute("data-action"), outline: getComputedStyle(el).outlineStyle };
    });
    expect(focused).toEqual({ action: "r:1.001612:0", outline: "solid" });
    const after = await bots(page).count();
    await page.keyboard.press("Enter");
    const thanks = await replyAfter(page, after);
    expect(await thanks.getAttribute("data-intent")).toBe("feedback");
    await context.close();
  });

  it("renders emergency numbers as tel: links and looks up a dossier", async () => {
    const { page, context } = await open("/?lang=vi");
    const urgent = await ask(page, "cháy nhà");
    expect(await urgent.getAttribute("data-intent")).toBe("emergency");
    expect(await urgent.locator("a[href='tel:114']").count()).toBe(1);
    const status = await ask(page, `${DOSSIER} 4321`);
    expect(await status.getAttribute("data-intent")).toBe("dossier");
    const text = await page.locator("#log article.msg.bot").last().textContent();
    expect(text).toMatch(/Trần T\. B\*\*\*/);
    expect(text).not.toMatch(/Trần Thị Bình/);
    expect(text).toMatch(/Trạng thái: Đang giải quyết/);
    expect(text).toMatch(/Đăng ký tạm trú \(1\.004194\)/);
    await context.close();
  });

  it("asks for a person with the always-visible button, and the request reaches the help-desk queue", async () => {
    // A link with ?q= asks at once and leaves a clean address.
    const { page, context } = await open("/?lang=en&q=work+permit+for+foreigners", { locale: "en-US" });
    const answer = await replyAfter(page, 1);
    expect(await answer.getAttribute("lang")).toBe("en");
    expect(page.url()).toBe(`${base}/?lang=en`);
    const handoff = await press(page, page.locator(".tools button[data-action=h]"));
    expect(await handoff.getAttribute("data-intent")).toBe("handoff");
    const queue = await built.handoffs.openHandoffs();
    expect(queue.some((h) => h.chatKey.startsWith("web:") && h.lang === "en")).toBe(true);
    await context.close();
  });
});

describe("the answer card /p/:code", () => {
  it("shows the English card with Open Graph tags, copies clean text, prints without buttons", async () => {
    const context = await browser.newContext({ viewport: { width: 360, height: 740 }, locale: "en-US" });
    await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: base });
    const { page } = await open("/p/1.001612?lang=en", { context });
    const name = await page.locator("h1").textContent();
    expect(name).toBe("Registration of household business establishment");
    expect(await page.title()).toContain(name);
    expect(await page.locator("meta[property='og:title']").getAttribute("content")).toBe(name);
    expect(await page.locator("meta[property='og:description']").getAttribute("content")).toMatch(
      /household business/,
    );
    expect(await page.locator("meta[property='og:url']").getAttribute("content")).toBe(
      `${base}/p/1.001612?lang=en`,
    );
    await page.getByRole("button", { name: "Copy answer as text" }).click();
    await page.locator("#copy-status").filter({ hasText: "Copied" }).waitFor();
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied.startsWith(`${name}\nCode 1.001612`)).toBe(true);
    expect(copied).toContain("■ How to file online");
    expect(copied.trimEnd().endsWith(`${base}/p/1.001612?lang=en`)).toBe(true);
    expect(copied).not.toMatch(/<[a-z]|&amp;|&#39;/);
    expect(await noHorizontalScroll(page)).toBe(true);
    await page.screenshot({ path: join(SHOTS, "card-360-top.png") });
    await page.screenshot({ path: join(SHOTS, "card-360.png"), fullPage: true });
    await page.emulateMedia({ media: "print" });
    expect(await page.locator(".actions").isVisible()).toBe(false);
    // On paper, the card's stable address is printed for the reader to find it again.
    expect(await page.locator(".print-url").textContent()).toBe(`${base}/p/1.001612?lang=en`);
    expect(await page.locator(".print-url").isVisible()).toBe(true);
    await page.emulateMedia({ media: "screen" });
    expect(await page.locator(".print-url").isVisible()).toBe(false);
    expect(await seriousViolations(page)).toEqual([]);
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.screenshot({ path: join(SHOTS, "card-1280.png"), fullPage: true });
    await context.close();
  });

  it("answers an unknown code with a 404 page in the asked language", async () => {
    const { page, context } = await open("/p/9.999999?lang=ko");
    const res = await page.goto(`${base}/p/9.999999?lang=ko`);
    expect(res?.status()).toBe(404);
    expect(await page.locator("h1").textContent()).toBe("절차를 찾을 수 없습니다");
    expect(await seriousViolations(page)).toEqual([]);
    await context.close();
  });

  it("breaks no page at 360 and 1280 px and violates no CSP rule", async () => {
    for (const width of [360, 1280]) {
      for (const path of ["/?lang=vi", "/p/1.001456?lang=zh", "/p/1.001612?lang=ja"]) {
        const { page, context } = await open(path, { width });
        expect(`${path}@${width}: ${await noHorizontalScroll(page)}`).toBe(`${path}@${width}: true`);
        if (path === "/?lang=vi") await page.screenshot({ path: join(SHOTS, `home-${width}.png`) });
        await context.close();
      }
    }
    expect(cspErrors).toEqual([]);
  });
});
