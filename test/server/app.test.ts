import { describe, expect, it } from "vitest";
import { loadCatalogue } from "../../src/catalogue/load-node.ts";
import { loadConfig } from "../../src/config.ts";
import { createApp } from "../../src/server/app.ts";

const app = createApp({ config: loadConfig({}), catalogue: loadCatalogue() });

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
});
