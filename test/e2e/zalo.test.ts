import { execFile } from "node:child_process";
import { promisify } from "node:util";
import type { ServerType } from "@hono/node-server";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { zaloSender } from "../../src/channels/zalo/bot.ts";
import { ZaloClient } from "../../src/channels/zalo/client.ts";
import { loadConfig } from "../../src/config.ts";
import { MemorySessionStore } from "../../src/conversation/index.ts";
import { nodeUnitScope } from "../../src/node/unit-scope.ts";
import { createApp, pendingWork } from "../../src/server/app.ts";
import { assemble } from "../../src/server/assemble.ts";
import { catalogue, FAST_RETRIES, listen, recordingLogger, searcher, settle } from "../helpers/app.ts";
import { FakeTelegram } from "./fake-telegram.ts";
import { FakeZalo, zaloEvent } from "./fake-zalo.ts";
import { textUpdate } from "./updates.ts";

const ZALO_TOKEN = "3084562917:kJfPqZxWbLmTrNsVyUcHgDaE";
const ZALO_SECRET = "zalo-webhook-secret-0123";
const TG_TOKEN = "123456789:AAEtestTokenForTheFakeBotApiServer_x";
const TG_SECRET = "tg-secret";
const zalo = new FakeZalo();
const telegram = new FakeTelegram();
const log = recordingLogger();
let deps: ReturnType<typeof assemble>;
let server: ServerType;
let zaloRoot = "";
let base = "";

async function post(body: unknown, secret: string | null = ZALO_SECRET, path = "/webhooks/zalo") {
  const res = await fetch(`${base}${path}`, {
    method: "POST",
    headers: {
      "content-type": "application/json",
      ...(secret === null
        ? {}
        : { [path.includes("zalo") ? "X-Bot-Api-Secret-Token" : "X-Telegram-Bot-Api-Secret-Token"]: secret }),
    },
    body: JSON.stringify(body),
  });
  // The webhook acknowledged at once; wait for this event's answer (committed, then sent) before going on.
  await delivered();
  return { status: res.status };
}

/**
 * Waits until every answer is committed and every queued message is sent, retries included: settle() returns as
 * soon as no work is running, while a retry may still wait for its timer (a chat read then is half-sent).
 */
async function delivered() {
  for (;;) {
    await settle();
    const pending = (await deps.pipeline?.outbox.counts())?.pending ?? 0;
    if (pending === 0 && pendingWork.size === 0) return;
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** What one chat received, in order (chats are answered concurrently; each chat's messages keep their order). */
const sentTo = (chatId: string) =>
  zalo.calls
    .filter((c) => c.method === "sendMessage" && c.payload.chat_id === chatId)
    .map((c) => String(c.payload.text));

async function waitFor(check: () => boolean, ms = 5000) {
  const end = Date.now() + ms;
  while (!check() && Date.now() < end) await new Promise((r) => setTimeout(r, 20));
  return check();
}

beforeAll(async () => {
  zaloRoot = await zalo.start();
  const tgRoot = await telegram.start();
  deps = assemble({
    config: loadConfig({
      ZALO_BOT_TOKEN: ZALO_TOKEN,
      ZALO_WEBHOOK_SECRET: ZALO_SECRET,
      ZALO_API_ROOT: zaloRoot,
      TELEGRAM_BOT_TOKEN: TG_TOKEN,
      TELEGRAM_WEBHOOK_SECRET: TG_SECRET,
      TELEGRAM_API_ROOT: tgRoot,
    }),
    catalogue,
    searcher,
    sessions: new MemorySessionStore(),
    unitScope: nodeUnitScope(),
    log,
    delivery: FAST_RETRIES,
  });
  // The client's own API timeout (8 s): a shorter one, reached by a loopback send on a loaded machine, sends a
  // message again (at least once), which made the bare-event test below see one message more in c1 than in c2.
  // The slow-API test gives up early on purpose, on a send the fake holds.
  ({ server, base } = await listen(createApp(deps).fetch));
});

afterAll(async () => {
  await new Promise((r) => server.close(r));
  await zalo.stop();
  await telegram.stop();
});

// Replies go out in the background: each test waits for its own before the next one starts.
afterEach(async () => {
  while (pendingWork.size > 0) await Promise.allSettled([...pendingWork]);
});

beforeEach(() => {
  zalo.clear();
  telegram.clear();
  log.lines.length = 0;
});

describe("Zalo webhook, end to end through the real app and a fake Zalo Bot API", () => {
  it("refuses a forged secret with 401 and sends nothing", async () => {
    expect((await post(zaloEvent("đăng ký tạm trú"), "wrong-secret-xyz")).status).toBe(401);
    expect((await post(zaloEvent("đăng ký tạm trú"), null)).status).toBe(401);
    await new Promise((r) => setTimeout(r, 200));
    expect(zalo.calls).toEqual([]);
  });

  it("answers bad bodies with 400 naming the field", async () => {
    expect((await post({ event_name: "message.text.received" })).status).toBe(400);
    const res = await fetch(`${base}/webhooks/zalo`, {
      method: "POST",
      headers: { "content-type": "application/json", "X-Bot-Api-Secret-Token": ZALO_SECRET },
      body: "not json",
    });
    expect(res.status).toBe(400);
  });

  it("accepts the bare event and the { ok, result } shape, plain text, no typing for a quick answer", async () => {
    await post(zaloEvent("đăng ký tạm trú", { chatId: "c1" }));
    await post({ ok: true, result: zaloEvent("dang ky tam tru", { chatId: "c2" }) });
    const [a, b] = [sentTo("c1"), sentTo("c2")];
    expect(a.length).toBeGreaterThan(0);
    const card = a.find((t) => /Đăng ký tạm trú/.test(t)) ?? "";
    expect(card).toMatch(/15\.000 ₫/);
    expect(a.join("\n")).not.toMatch(/<b>|<\/?i>/);
    expect(b).toEqual(a);
    const methods = zalo.calls.filter((c) => c.payload.chat_id === "c1").map((c) => c.method);
    expect(methods).toContain("sendMessage");
    expect(methods).not.toContain("sendChatAction");
  });

  it.each([
    ["en", "temporary residence registration fee", /Temporary residence registration/],
    ["ko", "임시 거주 등록", /임시 거주 등록/],
  ])("answers in %s", async (_lang, text, expected) => {
    await post(zaloEvent(text, { chatId: `lang-${_lang}` }));
    expect(await waitFor(() => zalo.sent().length > 0)).toBe(true);
    expect(zalo.sent().join("\n")).toMatch(expected);
  });

  it("takes a numbered choice after a list", async () => {
    await post(zaloEvent("hộ chiếu", { chatId: "c3" }));
    await waitFor(() => zalo.sent().length > 0);
    expect(zalo.sent()[0]).toMatch(/^1\. /m);
    zalo.clear();
    await post(zaloEvent("1", { chatId: "c3" }));
    expect(await waitFor(() => zalo.sent().length > 0)).toBe(true);
    expect(zalo.sent()[0]).toMatch(/【.+】/);
    expect(zalo.sent().join("\n")).toMatch(/"cách nộp", "giấy tờ" hoặc "phí"/);
  });

  it("splits a long section into messages of at most 2,000 characters", async () => {
    await post(zaloEvent("1.013978", { chatId: "c4" }));
    await waitFor(() => zalo.sent().length > 0);
    zalo.clear();
    await post(zaloEvent("giấy tờ", { chatId: "c4" }));
    await post(zaloEvent("cách nộp", { chatId: "c4" }));
    await waitFor(() => zalo.sent().length >= 2);
    await new Promise((r) => setTimeout(r, 300));
    expect(zalo.sent().length).toBeGreaterThanOrEqual(2);
    for (const t of zalo.sent()) {
      expect(t.length).toBeGreaterThan(0);
      expect(t.length).toBeLessThanOrEqual(2000);
    }
  });

  it("answers a retried delivery once", async () => {
    const event = zaloEvent("hộ chiếu", { chatId: "c5" });
    await post(event);
    await waitFor(() => zalo.sent().length > 0);
    const first = zalo.sent().length;
    await post(event);
    await new Promise((r) => setTimeout(r, 300));
    expect(zalo.sent().length).toBe(first);
  });

  it("answers a sticker with a friendly hint", async () => {
    await post(zaloEvent(null, { chatId: "c6", eventName: "message.sticker.received" }));
    expect(await waitFor(() => zalo.sent().length > 0)).toBe(true);
    expect(zalo.sent()[0]).toMatch(/chỉ đọc được tin nhắn chữ/);
  });

  it("retries a message the API refused (ok:false), delivering it once, and logs no token", async () => {
    zalo.failures.set("sendMessage", { count: 1, code: -201, description: "Rate limit" });
    const res = await post(zaloEvent("đăng ký tạm trú", { chatId: "c7" }));
    expect(res.status).toBe(200);
    const retry = log.lines.find((l) => l.message === "reply not delivered, will retry");
    expect(String(retry?.data?.error)).toMatch(/sendMessage: -201/);
    expect(await waitFor(() => sentTo("c7").length >= 2)).toBe(true);
    await settle();
    // The refused first attempt, then each message exactly once.
    const texts = sentTo("c7");
    expect(new Set(texts.slice(1)).size).toBe(texts.length - 1);
    expect(texts[1]).toBe(texts[0]);
    expect(JSON.stringify(log.lines)).not.toContain(ZALO_TOKEN);
  });

  it("answers 200 while the API holds the send; a send that timed out goes again, at least once", async () => {
    // The API takes every sendMessage and answers none until released; the first attempt gives up after 300 ms
    // (a real AbortSignal timeout), the retry has the client's usual timeout. Had the webhook waited for the API,
    // it would not answer at all.
    let release = () => {};
    const until = new Promise<void>((r) => {
      release = r;
    });
    zalo.holds.set("sendMessage", { count: 1_000, until });
    const usual = zaloSender(new ZaloClient({ token: ZALO_TOKEN, apiRoot: zaloRoot }));
    const short = zaloSender(new ZaloClient({ token: ZALO_TOKEN, apiRoot: zaloRoot, timeoutMs: 300 }));
    let attempts = 0;
    deps.pipeline?.register("zalo", {
      ...usual,
      send: (m, p) => (attempts++ === 0 ? short : usual).send(m, p),
    });
    try {
      const res = await fetch(`${base}/webhooks/zalo`, {
        method: "POST",
        headers: { "content-type": "application/json", "X-Bot-Api-Secret-Token": ZALO_SECRET },
        body: JSON.stringify(zaloEvent("đăng ký tạm trú", { chatId: "c8" })),
      });
      expect(res.status).toBe(200);
      const timedOut = () =>
        log.lines.some(
          (l) => l.message === "reply not delivered, will retry" && /timed out/.test(String(l.data?.error)),
        );
      expect(await waitFor(timedOut, 25_000)).toBe(true);
      expect(await waitFor(() => sentTo("c8").length >= 2, 25_000)).toBe(true);
    } finally {
      release();
      zalo.holds.delete("sendMessage");
      deps.pipeline?.register("zalo", usual);
    }
    await delivered();
    // The API had the timed-out attempt: the chat gets that message twice (no Bot API can be asked whether a
    // request it never answered went through), then every other message once, in order, none lost.
    const texts = sentTo("c8");
    expect(texts[1]).toBe(texts[0]);
    expect(new Set(texts.slice(1)).size).toBe(texts.length - 1);
    expect(texts.join("\n")).toMatch(/Đăng ký tạm trú/);
  }, 60_000);

  it("gives a Zalo user the same procedure answer as a Telegram user", async () => {
    await post(zaloEvent("lý lịch tư pháp 3.000333", { chatId: "same-1" }));
    await post(textUpdate("lý lịch tư pháp 3.000333", { chatId: 91_001 }), TG_SECRET, "/webhooks/telegram");
    await waitFor(() => zalo.sent().length > 0 && telegram.sent().length > 0);
    const plain = (html: string) =>
      html
        .replace(/<[^>]+>/g, "")
        .replace(/&lt;/g, "<")
        .replace(/&gt;/g, ">")
        .replace(/&amp;/g, "&");
    const tgLines = new Set(
      plain(
        telegram
          .sent()
          .map((p) => String(p.text))
          .join("\n"),
      )
        .split("\n")
        .filter((l) => l.trim()),
    );
    const zaloLines = zalo
      .sent()
      .join("\n")
      .split("\n")
      .filter((l) => l.trim());
    const feeLines = zaloLines.filter((l) => /₫/.test(l));
    expect(feeLines.length).toBeGreaterThan(0);
    for (const l of feeLines) expect(tgLines.has(l)).toBe(true);
  });

  it("registers the webhook with npm run zalo:set-webhook, and names missing settings", async () => {
    const run = promisify(execFile);
    const cwd = new URL("../..", import.meta.url).pathname;
    const script = ["--import", "tsx", "src/channels/zalo/set-webhook.ts"];
    const env = {
      ...process.env,
      ZALO_BOT_TOKEN: ZALO_TOKEN,
      ZALO_WEBHOOK_SECRET: ZALO_SECRET,
      ZALO_API_ROOT: zaloRoot,
    };
    const ok = await run(process.execPath, script, {
      cwd,
      env: { ...env, PUBLIC_URL: "https://bot.example.vn/" },
    });
    expect(ok.stdout).toMatch(/zalo webhook set: https:\/\/bot\.example\.vn\/webhooks\/zalo/);
    expect(zalo.calls.find((c) => c.method === "setWebhook")?.payload).toEqual({
      url: "https://bot.example.vn/webhooks/zalo",
      secret_token: ZALO_SECRET,
    });
    await expect(
      run(process.execPath, script, { cwd, env: { ...env, PUBLIC_URL: "" } }),
    ).rejects.toMatchObject({
      stderr: expect.stringMatching(/Set PUBLIC_URL first/),
    });
  });
});
