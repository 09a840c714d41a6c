/**
 * The help-desk console /staff in Debian's chromium against the real app (real catalogue, search, SQLite file) and a
 * fake Telegram Bot API on 127.0.0.1: sign in, take a "talk to a person" request that came from Telegram, answer it
 * into the Telegram chat (the fake Bot API receives it exactly once), search in five languages and copy the answer
 * in the visitor's language, look up a dossier, and find a zero-result question from the chat page in the gaps
 * report. axe-core on every console page; screenshots at 360 and 1280 px in var/screenshots/ (git-ignored).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { ServerType } from "@hono/node-server";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashPassword } from "../../src/channels/web/staff/index.ts";
import { FakeTelegram } from "../e2e/fake-telegram.ts";
import { textUpdate } from "../e2e/updates.ts";
import { buildAppWithDatabase, listen, settle } from "../helpers/app.ts";
import { launchChromium, noHorizontalScroll, SHOTS, seriousViolations } from "./browser.ts";

const TOKEN = "123456789:AAEtestTokenForTheFakeBotApiServer_x";
const SECRET = "s3cret-webhook-token";
const INGEST = "ingest-token-browser-staff-0123456789";
const DOSSIER = "000.00.19.H48-261102-0011";
const SHARED = "shared-desk-password";

const telegram = new FakeTelegram();
let server: ServerType;
let base = "";
let browser: Browser;
let built: Awaited<ReturnType<typeof buildAppWithDatabase>>;
const cspErrors: string[] = [];

beforeAll(async () => {
  const apiRoot = await telegram.start();
  built = await buildAppWithDatabase({
    STAFF_PASSWORD_HASH: await hashPassword(SHARED, 1000),
    STAFF_SESSION_SECRET: "a-browser-test-secret-of-32-characters",
    TELEGRAM_BOT_TOKEN: TOKEN,
    TELEGRAM_WEBHOOK_SECRET: SECRET,
    TELEGRAM_API_ROOT: apiRoot,
    INGEST_TOKEN: INGEST,
  });
  await built.staff.saveAccount("mai", await hashPassword("mai-password-1", 1000), "staff", new Date());
  await built.staff.saveAccount(
    "hung",
    await hashPassword("hung-password-1", 1000),
    "supervisor",
    new Date(),
  );
  ({ server, base } = await listen(built.app.fetch));
  const res = await fetch(`${base}/api/dossiers/events`, {
    method: "POST",
    headers: { "content-type": "application/json", Authorization: `Bearer ${INGEST}` },
    body: JSON.stringify({
      events: [
        {
          eventId: "staff-web-1",
          dossierCode: DOSSIER,
          procedureCode: "1.004194",
          status: "supplement_requested",
          occurredAt: "2026-11-02T02:00:00Z",
          applicantName: "Lê Văn Cường",
          phone: "0912 345 678",
          receivedAt: "2026-11-02T02:00:00Z",
          note: "Thiếu bản sao CCCD",
        },
      ],
    }),
  });
  expect(await res.json()).toMatchObject({ accepted: 1 });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await new Promise((r) => server?.close(r));
  await telegram.stop();
});

async function newPage(width: number, context?: BrowserContext) {
  const ctx = context ?? (await browser.newContext({ viewport: { width, height: 800 }, locale: "vi-VN" }));
  const page = await ctx.newPage();
  page.on("console", (m) => {
    if (/Content Security Policy/i.test(m.text())) cspErrors.push(m.text());
  });
  return { page, context: ctx };
}

async function signIn(page: Page, user: string, password: string) {
  await page.goto(`${base}/staff`);
  await page.waitForURL(/\/staff\/login$/);
  await page.locator("#user").fill(user);
  await page.locator("#password").fill(password);
  await page.locator("form.login button[type=submit]").click();
  await page.waitForURL(/\/staff$/);
}

describe("the help-desk console /staff", () => {
  it("signs in, takes a Telegram request for a person and answers it into the chat, once", async () => {
    // A person on the chat page asks for a person too: it reaches the queue, marked as web chat.
    const visitor = await newPage(360);
    await visitor.page.goto(`${base}/?lang=en`);
    await visitor.page.locator(".tools button[data-action=h]").click();
    const handoff = visitor.page.locator("#log article.msg.bot[data-intent=handoff]");
    await handoff.waitFor();
    // Pressed before anything was typed: answered in the page's language (English), not the browser's (vi).
    expect(await handoff.getAttribute("lang")).toBe("en");
    await visitor.context.close();
    // A Telegram user asks in Japanese for a person.
    const chatId = 555000777;
    await fetch(`${base}/webhooks/telegram`, {
      method: "POST",
      headers: { "content-type": "application/json", "X-Telegram-Bot-Api-Secret-Token": SECRET },
      body: JSON.stringify(
        textUpdate("担当者と話したい。在留カードの件です", { chatId, languageCode: "ja" }),
      ),
    });
    await settle();
    const request = (await built.handoffs.openHandoffs()).find((h) => h.chatKey === `telegram:${chatId}`);
    expect(request?.lang).toBe("ja");

    const { page, context } = await newPage(360);
    await page.goto(`${base}/staff/login`);
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: join(SHOTS, "staff-login-360.png") });
    await signIn(page, "mai", "mai-password-1");
    const card = page.locator(`#h-${request?.id}`);
    expect(await card.locator("h2").textContent()).toContain("Telegram");
    expect(await card.locator(".question").getAttribute("lang")).toBe("ja");
    expect(
      await page.locator("article.handoff h2", { hasText: "Trò chuyện trên web · English" }).count(),
    ).toBe(1);
    expect(await page.textContent("body")).not.toContain(String(chatId));
    await page.screenshot({ path: join(SHOTS, "staff-queue-360.png"), fullPage: true });
    expect(await noHorizontalScroll(page)).toBe(true);
    expect(await seriousViolations(page)).toEqual([]);

    await card.getByRole("button", { name: "Nhận xử lý" }).click();
    await page.locator("#flash", { hasText: "Bạn đã nhận xử lý yêu cầu" }).waitFor();
    const sentBefore = telegram.sent().length;
    // A colleague's shared saved reply in Japanese, put into the answer with the picker.
    const saved = await built.staff.addReply(
      {
        owner: "hung",
        title: "在留カード",
        lang: "ja",
        body: "在留カードの更新は出入国管理局で行います。",
        shared: true,
      },
      new Date(),
    );
    await page.reload();
    await page.locator(`#s-${request?.id}`).selectOption(String(saved));
    expect(await page.locator(`#a-${request?.id}`).inputValue()).toBe(
      "在留カードの更新は出入国管理局で行います。",
    );
    await page.locator(`#h-${request?.id} form.answer button[type=submit]`).click();
    await page.locator("#flash", { hasText: "Đã xếp câu trả lời vào hàng gửi" }).waitFor();
    await settle();
    await built.deps.pipeline?.drain();
    const answers = telegram.sent().slice(sentBefore);
    expect(answers).toHaveLength(1);
    expect(answers[0]?.chat_id).toBe(String(chatId));
    expect(String(answers[0]?.text)).toBe(
      "💬 ワンストップ窓口の職員からの回答：\n在留カードの更新は出入国管理局で行います。",
    );
    // Going back and sending the same form again sends nothing more.
    await page.goBack();
    await page.waitForURL(/\/staff(\?|$)/);

    // A second staff member sees it taken and cannot take it.
    const other = await newPage(1280);
    await signIn(other.page, "thu", SHARED);
    const taken = other.page.locator(`#h-${request?.id}`);
    expect(await taken.textContent()).toContain("mai đang xử lý");
    expect(await taken.getByRole("button", { name: "Nhận xử lý" }).count()).toBe(0);
    await other.page.screenshot({ path: join(SHOTS, "staff-queue-1280.png"), fullPage: true });
    await other.context.close();

    await page.goto(`${base}/staff`);
    await page.locator(`#n-${request?.id}`).fill("Đã hướng dẫn gia hạn thẻ");
    await page.locator(`#h-${request?.id} form.close button[type=submit]`).click();
    await page.locator("#flash", { hasText: "Đã đóng yêu cầu" }).waitFor();
    expect(await page.locator("table", { hasText: "Đã hướng dẫn gia hạn thẻ" }).count()).toBe(1);
    expect(telegram.sent().slice(sentBefore)).toHaveLength(1);
    await context.close();
  });

  it("searches in five languages side by side and copies the answer in the visitor's language", async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: "vi-VN" });
    await context.grantPermissions(["clipboard-read", "clipboard-write"], { origin: base });
    const { page } = await newPage(1280, context);
    await signIn(page, "hung", "hung-password-1");
    await page.getByRole("link", { name: "Tra cứu năm thứ tiếng" }).click();
    await page.locator("#sq").fill("dang ky ho kinh doanh");
    await page.locator("#to").selectOption("ko");
    await page.getByRole("button", { name: "Tra cứu", exact: true }).click();
    await page.locator(".answers").waitFor();
    const first = page.locator(".answer-lang").first();
    expect(await first.locator("h3").textContent()).toContain("한국어");
    expect(await page.locator(".results li").first().locator("dd[lang]").count()).toBe(5);
    await first.getByRole("button", { name: "Sao chép bản 한국어" }).click();
    await first.locator(".copy-note", { hasText: "Đã sao chép" }).waitFor();
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied).toMatch(/^.+\n.*1\.001612/);
    expect(copied.trimEnd()).toMatch(/\/p\/1\.001612\?lang=ko$/);
    expect(await noHorizontalScroll(page)).toBe(true);
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: join(SHOTS, "staff-search-1280.png"), fullPage: true });
    await page.setViewportSize({ width: 360, height: 800 });
    expect(await noHorizontalScroll(page)).toBe(true);
    await page.screenshot({ path: join(SHOTS, "staff-search-360.png") });
    // The console in English, chosen with the switcher and remembered.
    await page.locator("nav.langs a[hreflang=en]").click();
    await page.waitForURL(/lang=en/);
    expect(await page.locator("h1").textContent()).toBe("Search in five languages");
    await page.goto(`${base}/staff`);
    expect(await page.locator("h1").textContent()).toBe("Requests for a person");
    await context.close();
  });

  it("looks up a dossier, masked for staff and in full for a supervisor", async () => {
    const { page, context } = await newPage(360);
    await signIn(page, "mai", "mai-password-1");
    await page.goto(`${base}/staff/dossier`);
    await page.locator("#dc").fill("000 00 19 h48-261102-0011");
    await page.getByRole("button", { name: "Tra cứu" }).click();
    await page.locator("section.dossier").waitFor();
    const text = await page.locator("section.dossier").textContent();
    expect(text).toContain("Lê V. C***");
    expect(text).not.toContain("Lê Văn Cường");
    expect(text).toContain("Yêu cầu bổ sung");
    expect(text).toContain("Thiếu bản sao CCCD");
    expect(await noHorizontalScroll(page)).toBe(true);
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: join(SHOTS, "staff-dossier-360.png"), fullPage: true });
    await context.close();
    const lead = await newPage(1280);
    await signIn(lead.page, "hung", "hung-password-1");
    await lead.page.goto(`${base}/staff/dossier`);
    await lead.page.locator("#dc").fill(DOSSIER);
    await lead.page.getByRole("button", { name: "Tra cứu" }).click();
    expect(await lead.page.locator("section.dossier").textContent()).toContain("Lê Văn Cường");
    await lead.context.close();
  });

  it("shows a question that found nothing on the chat page in the gaps report, and downloads the CSV", async () => {
    const visitor = await newPage(360);
    await visitor.page.goto(`${base}/?lang=vi`);
    await visitor.page.locator("#q").fill("qwxzv plorf");
    await visitor.page.keyboard.press("Enter");
    await visitor.page.locator("#log article.msg.bot[data-intent=notFound]").waitFor();
    await visitor.context.close();

    const { page, context } = await newPage(1280);
    await signIn(page, "mai", "mai-password-1");
    await page.getByRole("link", { name: "Phản hồi và nội dung còn thiếu" }).click();
    // allTextContents() does not wait: read the table once the reports page has loaded, not the page before it.
    await page.waitForURL(/\/staff\/reports/);
    await page.locator("#g-none").waitFor();
    const gaps = page.locator("#g-none").locator("..");
    expect(await gaps.locator("q").allTextContents()).toContain("qwxzv plorf");
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: join(SHOTS, "staff-reports-1280.png"), fullPage: true });
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("link", { name: "Tải CSV" }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^dvc-gaps-\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = readFileSync((await download.path()) ?? "", "utf8");
    expect(csv).toContain("not_found,qwxzv plorf,,1,");
    await page.setViewportSize({ width: 360, height: 800 });
    expect(await noHorizontalScroll(page)).toBe(true);
    await page.screenshot({ path: join(SHOTS, "staff-reports-360.png"), fullPage: true });
    await page.goto(`${base}/staff/replies`);
    expect(await seriousViolations(page)).toEqual([]);
    expect(await noHorizontalScroll(page)).toBe(true);
    await context.close();
    expect(cspErrors).toEqual([]);
  });
});
