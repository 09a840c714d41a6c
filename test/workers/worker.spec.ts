import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { request } from "./helpers.ts";

describe("the Worker serves the app from its bindings", () => {
  it("answers /healthz with the whole catalogue from the assets", async () => {
    const res = await request("/healthz");
    expect(res.status).toBe(200);
    const body = (await res.json()) as { status: string; procedures: number; telegram: string };
    expect(body).toMatchObject({ status: "ok", procedures: 5652, telegram: "webhook" });
  });

  it("is ready: D1 takes a write", async () => {
    const res = await request("/readyz");
    expect(await res.json()).toMatchObject({ status: "ready", database: "writable" });
    expect(
      await env.DB.prepare("SELECT 1 AS one FROM processed_updates WHERE update_key = 'readyz'").first("one"),
    ).toBe(1);
  });
});
