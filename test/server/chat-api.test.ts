import { describe, expect, it } from "vitest";
import { buildApp } from "../helpers/app.ts";

const { app } = buildApp();

async function chat(body: unknown) {
  const res = await app.request("/api/chat", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });
  return { status: res.status, json: (await res.json()) as Record<string, unknown> };
}

describe("POST /api/chat", () => {
  it("answers with the same core as the bots, and keeps the conversation by sessionId", async () => {
    const first = await chat({ text: "cấp phiếu lý lịch tư pháp", sessionId: "web-session-0001" });
    expect(first.status).toBe(200);
    expect(first.json.sessionId).toBe("web-session-0001");
    expect(first.json.lang).toBe("vi");
    const replies = first.json.replies as {
      blocks: { type: string; text: string }[];
      buttons: unknown[][];
    }[];
    expect(replies.length).toBeGreaterThan(0);
    await chat({ text: "3.000333", sessionId: "web-session-0001" });
    const followUp = await chat({ text: "phí bao nhiêu", sessionId: "web-session-0001" });
    const text = JSON.stringify(followUp.json.replies);
    expect(text).toMatch(/200\.000 ₫/);
  });

  it("answers in the language asked for, and gives a session id when none was sent", async () => {
    const res = await chat({ text: "1.004194", lang: "zh" });
    expect(res.status).toBe(200);
    expect(res.json.lang).toBe("zh");
    expect(String(res.json.sessionId)).toMatch(/^[a-f0-9]{32}$/);
    expect(JSON.stringify(res.json.replies)).toMatch(/暂住登记/);
  });

  it("answers bad input with a 4xx naming the field", async () => {
    expect((await chat("{oops")).status).toBe(400);
    expect((await chat({})).json).toMatchObject({ error: "bad_request", field: "text" });
    expect((await chat({ text: "x", lang: "fr" })).json).toMatchObject({ field: "lang" });
    expect((await chat({ text: "x", sessionId: "../../etc" })).json).toMatchObject({ field: "sessionId" });
    expect((await chat({ text: "x".repeat(5000) })).json).toMatchObject({ field: "text" });
    expect((await chat({ text: "x".repeat(20_000) })).status).toBe(413);
  });
});

describe("GET /api/procedures/:code", () => {
  it("returns the answer card as JSON in the asked language", async () => {
    const res = await app.request("/api/procedures/1.004194?lang=en");
    expect(res.status).toBe(200);
    const card = (await res.json()) as {
      code: string;
      title: string;
      sections: { id: string }[];
      curated: boolean;
    };
    expect(card.code).toBe("1.004194");
    expect(card.title).toBe("Temporary residence registration");
    expect(card.curated).toBe(true);
    expect(card.sections.map((s) => s.id)).toEqual(
      expect.arrayContaining(["steps", "documents", "fees", "link", "sources"]),
    );
  });

  it("accepts a code without dots, and says 404 or 400 clearly", async () => {
    expect((await app.request("/api/procedures/1004194")).status).toBe(200);
    expect((await app.request("/api/procedures/9.999999")).status).toBe(404);
    expect((await app.request("/api/procedures/1.004194?lang=xx")).status).toBe(400);
  });
});

describe("the webhook without a bot configured", () => {
  it("says the Telegram webhook is not configured", async () => {
    const res = await app.request("/webhooks/telegram", { method: "POST", body: "{}" });
    expect(res.status).toBe(503);
  });
});
