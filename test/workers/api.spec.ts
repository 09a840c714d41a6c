import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { postJson, request } from "./helpers.ts";

describe("the web API on Workers", () => {
  it("finds procedures with /api/procedures?q=", async () => {
    const res = await request("/api/procedures?q=dang+ky+tam+tru&limit=3");
    expect(res.status).toBe(200);
    const rows = (await res.json()) as { code: string }[];
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.map((r) => r.code)).toContain("1.004194");
    expect((await request("/api/procedures?q=")).status).toBe(400);
  });

  it("shows a procedure's card, its record read from a shard in the assets", async () => {
    const res = await request("/api/procedures/1.004194?lang=en");
    expect(res.status).toBe(200);
    expect(JSON.stringify(await res.json())).toMatch(/Temporary residence registration/);
    expect((await request("/api/procedures/9.999999")).status).toBe(404);
  });

  it("answers /api/chat and remembers the session in KV", async () => {
    const sessionId = "worker-web-session-01";
    const first = (await (await postJson("/api/chat", { text: "làm hộ chiếu", sessionId })).json()) as {
      replies: unknown[];
    };
    expect(JSON.stringify(first.replies)).toMatch(/hộ chiếu/i);
    const keys = await env.KV.list({ prefix: "session:" });
    expect(keys.keys.some((k) => k.name.includes(sessionId))).toBe(true);
    // The content-gaps report's query log is in D1, masked as on Node.
    const logged = await env.DB.prepare(
      "SELECT COUNT(*) AS n FROM query_log WHERE query LIKE '%hộ chiếu%'",
    ).first<number>("n");
    expect(logged).toBeGreaterThan(0);
    const bad = await postJson("/api/chat", { sessionId });
    expect(bad.status).toBe(400);
  });

  it("serves the chat page", async () => {
    const res = await request("/");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/text\/html/);
  });
});
