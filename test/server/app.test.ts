import { describe, expect, it } from "vitest";
import { buildApp } from "../helpers/app.ts";

const { app } = buildApp();

describe("the Hono app", () => {
  it("answers GET /healthz with the catalogue size", async () => {
    const res = await app.request("/healthz");
    expect(res.status).toBe(200);
    const body = (await res.json()) as { status: string; procedures: number };
    expect(body).toMatchObject({ status: "ok", procedures: 5652 });
  });

  it("answers an unknown route with a JSON 404", async () => {
    const res = await app.request("/nowhere");
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ error: "not_found" });
  });

  it("searches procedures over GET /api/procedures with the CLI's JSON shape", async () => {
    const res = await app.request("/api/procedures?q=dang%20ky%20tam%20tru&lang=vi&limit=3");
    expect(res.status).toBe(200);
    const rows = (await res.json()) as {
      code: string;
      names: Record<string, string | null>;
      level: string;
      score: number;
    }[];
    expect(rows[0]?.code).toBe("1.004194");
    expect(Object.keys(rows[0] ?? {})).toEqual(["code", "names", "level", "score"]);
    expect(rows.length).toBeLessThanOrEqual(3);
  });

  it("answers bad search parameters with a 400 naming the field", async () => {
    for (const [url, field] of [
      ["/api/procedures", "q"],
      ["/api/procedures?q=%20", "q"],
      ["/api/procedures?q=x&lang=fr", "lang"],
      ["/api/procedures?q=x&limit=0", "limit"],
      ["/api/procedures?q=x&limit=abc", "limit"],
    ] as const) {
      const res = await app.request(url);
      expect(res.status, url).toBe(400);
      expect(await res.json()).toMatchObject({ error: "bad_request", field });
    }
  });

  it("returns an empty list, not an error, for a garbage or 10 kB query", async () => {
    const garbage = encodeURIComponent(`${"\u0001\u0002🙂".repeat(10)}${"x".repeat(10_000)}`);
    const res = await app.request(`/api/procedures?q=${garbage}`);
    expect(res.status).toBe(200);
    expect(Array.isArray(await res.json())).toBe(true);
  });
});
