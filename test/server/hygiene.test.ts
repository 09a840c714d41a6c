import { describe, expect, it } from "vitest";
import { jsonLogger } from "../../src/log.ts";
import { zaloEvent } from "../e2e/fake-zalo.ts";
import { buildAppWithDatabase, listen } from "../helpers/app.ts";

/** Limits and hygiene of every route: headers, body sizes, media types, OPTIONS, readiness, logs. */
const built = await buildAppWithDatabase({
  TELEGRAM_BOT_TOKEN: "123456789:AAEhygieneTestTokenForTheFakeBotApi_x",
  TELEGRAM_WEBHOOK_SECRET: "hygiene-secret",
  TELEGRAM_API_ROOT: "http://127.0.0.1:9",
  ZALO_BOT_TOKEN: "3084562917:hygieneTokenForTheFakeZaloApi",
  ZALO_WEBHOOK_SECRET: "zalo-hygiene-secret-0123",
  ZALO_API_ROOT: "http://127.0.0.1:9",
  INGEST_TOKEN: "ingest-token-0123456789abcdef",
});
const { app } = built;

describe("route hygiene", () => {
  it("sends nosniff, no-store and a CSP that allows nothing on every response", async () => {
    for (const res of [await app.request("/healthz"), await app.request("/nope")]) {
      expect(res.headers.get("x-content-type-options")).toBe("nosniff");
      expect(res.headers.get("cache-control")).toBe("no-store");
      expect(res.headers.get("content-security-policy")).toMatch(/default-src 'none'/);
      expect(res.headers.get("x-frame-options")).toBe("SAMEORIGIN");
    }
  });

  it("takes JSON APIs as application/json only (a cross-site text/plain post is refused unread)", async () => {
    const body = JSON.stringify({ text: "hộ chiếu" });
    const plain = await app.request("/api/chat", {
      method: "POST",
      headers: { "content-type": "text/plain" },
      body,
    });
    expect(plain.status).toBe(415);
    expect(await plain.json()).toMatchObject({ error: "unsupported_media_type" });
    const form = await app.request("/api/dossiers/events", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "events=1",
    });
    expect(form.status).toBe(415);
    const json = await app.request("/api/chat", {
      method: "POST",
      headers: { "content-type": "application/json; charset=utf-8" },
      body,
    });
    expect(json.status).toBe(200);
  });

  it("takes Zalo events as application/json only, and answers OPTIONS on the webhook", async () => {
    const event = JSON.stringify(zaloEvent("hộ chiếu"));
    for (const type of [null, "text/plain", "application/x-www-form-urlencoded"]) {
      const res = await app.request("/webhooks/zalo", {
        method: "POST",
        headers: {
          "X-Bot-Api-Secret-Token": "zalo-hygiene-secret-0123",
          ...(type ? { "content-type": type } : {}),
        },
        body: event,
      });
      expect(res.status).toBe(415);
      expect(await res.json()).toMatchObject({ error: "unsupported_media_type" });
    }
    const json = await app.request("/webhooks/zalo", {
      method: "POST",
      headers: { "content-type": "application/json", "X-Bot-Api-Secret-Token": "zalo-hygiene-secret-0123" },
      body: event,
    });
    expect(json.status).toBe(200);
    const options = await app.request("/webhooks/zalo", { method: "OPTIONS" });
    expect(options.status).toBe(204);
    expect(options.headers.get("allow")).toBe("GET, POST, OPTIONS");
  });

  it("answers OPTIONS with the allowed methods and no CORS grant", async () => {
    const res = await app.request("/api/chat", {
      method: "OPTIONS",
      headers: { origin: "https://evil.example" },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get("allow")).toBe("GET, POST, OPTIONS");
    expect(res.headers.get("access-control-allow-origin")).toBeNull();
  });

  it.each([
    ["/webhooks/telegram", { "X-Telegram-Bot-Api-Secret-Token": "hygiene-secret" }],
    ["/webhooks/zalo", { "X-Bot-Api-Secret-Token": "zalo-hygiene-secret-0123" }],
    ["/api/chat", {}],
  ])("refuses a body over 64 kB on %s with 413", async (path, headers) => {
    const res = await app.request(path, {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body: JSON.stringify({ update_id: 1, text: "x".repeat(70 * 1024) }),
    });
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({ error: "too_large" });
  });

  it("refuses a body over 64 kB over HTTP, by its stated length or as it streams in chunked", async () => {
    const { server, base } = await listen(app.fetch);
    try {
      const big = JSON.stringify({ text: "x".repeat(70 * 1024) });
      const stated = await fetch(`${base}/api/chat`, {
        method: "POST",
        headers: { "content-type": "application/json", "content-length": String(Buffer.byteLength(big)) },
        body: big,
      });
      expect(stated.status).toBe(413);
      const chunks = [big.slice(0, 40_000), big.slice(40_000)];
      const chunked = await fetch(`${base}/api/chat`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: new ReadableStream({
          pull(controller) {
            const next = chunks.shift();
            if (next === undefined) controller.close();
            else controller.enqueue(new TextEncoder().encode(next));
          },
        }),
        duplex: "half",
      } as RequestInit);
      expect(chunked.status).toBe(413);
      const small = await fetch(`${base}/api/chat`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ text: "hộ chiếu" }),
      });
      expect(small.status).toBe(200);
    } finally {
      server.close();
    }
  });

  it("is ready while the database takes writes, and says not ready (still alive) when it does not", async () => {
    const ready = await app.request("/readyz");
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ status: "ready", database: "writable" });
    await built.client.execute("PRAGMA query_only = ON");
    try {
      const notReady = await app.request("/readyz");
      expect(notReady.status).toBe(503);
      expect(await notReady.json()).toMatchObject({ status: "not_ready" });
      expect((await app.request("/healthz")).status).toBe(200);
    } finally {
      await built.client.execute("PRAGMA query_only = OFF");
    }
  });
});

describe("structured logs", () => {
  it("writes one JSON object per line and redacts tokens, chat ids, names and text", () => {
    const lines: string[] = [];
    const log = jsonLogger(
      "info",
      (line) => lines.push(line),
      () => new Date("2026-12-03T10:00:00Z"),
    );
    log.debug("not written at info level");
    log.error(
      "sendMessage failed at https://api.telegram.org/bot123456789:AAEsecretTokenValue_x/sendMessage",
      {
        chat_id: 42,
        chatKey: "telegram:42",
        token: "123456789:AAEsecretTokenValue_x",
        update: { from: { first_name: "Lan", id: 42 }, text: "my phone is 0912345678" },
        attempts: 2,
      },
    );
    expect(lines).toHaveLength(1);
    const entry = JSON.parse(lines[0] ?? "{}");
    expect(entry).toMatchObject({ time: "2026-12-03T10:00:00.000Z", level: "error", attempts: 2 });
    const text = lines[0] ?? "";
    for (const secret of ["AAEsecretTokenValue_x", "telegram:42", "Lan", "0912345678", '"chat_id":42'])
      expect(text).not.toContain(secret);
  });
});
