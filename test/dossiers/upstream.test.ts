import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { UpstreamLookup, UpstreamUnavailable } from "../../src/dossiers/index.ts";
import { buildAppWithDatabase } from "../helpers/app.ts";

/** A local provincial tracking endpoint that can be fine, slow, down, or answer garbage. */
let mode: "ok" | "slow" | "down" | "garbage" | "missing" = "ok";
let hits = 0;
let server: Server;
let url = "";

beforeAll(async () => {
  server = createServer((req, res) => {
    hits++;
    const code = decodeURIComponent((req.url ?? "").split("/").pop() ?? "");
    if (mode === "down") return res.writeHead(503).end("Service Unavailable");
    if (mode === "missing") return res.writeHead(404).end("{}");
    if (mode === "garbage")
      return res.writeHead(200, { "content-type": "application/json" }).end('{"status": 42, "x": [');
    const body = JSON.stringify({
      dossierCode: code,
      procedureCode: "1.004194",
      status: "processing",
      updatedAt: "2026-11-20T02:00:00Z",
      applicantName: "Lê Văn Cường",
      receivedAt: "2026-11-18T02:00:00Z",
    });
    const send = () => res.writeHead(200, { "content-type": "application/json" }).end(body);
    // A slow upstream never answers in time: the client's timeout ends each try.
    if (mode !== "slow") send();
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/track/{code}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
});

beforeEach(() => {
  mode = "ok";
  hits = 0;
});

const lookup = (extra: Partial<ConstructorParameters<typeof UpstreamLookup>[0]> = {}) =>
  new UpstreamLookup({
    urlTemplate: url,
    // Generous, so a loaded machine never turns a good answer into a timeout; the slow test sets its own.
    timeoutMs: 5000,
    retries: 2,
    backoffMs: 5,
    breakerFailures: 2,
    breakerCoolDownMs: 60_000,
    ...extra,
  });

describe("upstream dossier lookup", () => {
  it("maps a good answer and caches it", async () => {
    const u = lookup();
    const d = await u.find("000.00.19.H48-261118-0042");
    expect(d).toMatchObject({
      status: "processing",
      procedureCode: "1.004194",
      codeKey: "0000019H48-261118-0042",
    });
    await u.find("000.00.19.h48-261118-0042");
    expect(hits).toBe(1);
  });

  it("treats 404 as not found, and caches that too", async () => {
    mode = "missing";
    const u = lookup();
    expect(await u.find("000.00.19.H48-261118-0043")).toBeNull();
    expect(await u.find("000.00.19.H48-261118-0043")).toBeNull();
    expect(hits).toBe(1);
  });

  it("retries a slow upstream with backoff, then gives up with a clear error", async () => {
    mode = "slow";
    const u = lookup({ timeoutMs: 150 });
    await expect(u.find("000.00.19.H48-261118-0044")).rejects.toBeInstanceOf(UpstreamUnavailable);
    expect(hits).toBe(3);
  });

  it("counts garbage as a failure, never as an answer", async () => {
    mode = "garbage";
    await expect(lookup().find("000.00.19.H48-261118-0045")).rejects.toThrow(/not the expected JSON/);
  });

  it("opens the circuit after repeated failures and stops calling the upstream", async () => {
    mode = "down";
    const u = lookup();
    await expect(u.find("000.00.19.H48-261118-0046")).rejects.toThrow(/HTTP 503/);
    await expect(u.find("000.00.19.H48-261118-0047")).rejects.toThrow(/HTTP 503/);
    expect(u.breakerOpen).toBe(true);
    const before = hits;
    mode = "ok";
    await expect(u.find("000.00.19.H48-261118-0048")).rejects.toThrow(/circuit open/);
    expect(hits).toBe(before);
  });

  it("closes the circuit again after the cool-down", async () => {
    mode = "down";
    let now = 1_000_000;
    const u = lookup({ now: () => now });
    await expect(u.find("000.00.19.H48-261118-0049")).rejects.toThrow();
    await expect(u.find("000.00.19.H48-261118-0050")).rejects.toThrow();
    expect(u.breakerOpen).toBe(true);
    now += 61_000;
    mode = "ok";
    expect(await u.find("000.00.19.H48-261118-0051")).not.toBeNull();
  });

  it("answers in chat from the upstream when the code is not in the store, and says when it is down", async () => {
    const { app } = await buildAppWithDatabase({ DOSSIER_UPSTREAM_URL: url });
    const ask = async (text: string, sessionId: string) =>
      JSON.stringify(
        await (
          await app.request("/api/chat", {
            method: "POST",
            headers: { "content-type": "application/json" },
            body: JSON.stringify({ text, sessionId }),
          })
        ).json(),
      );
    expect(await ask("/status 000.00.19.H48-261118-0052", "upstream-chat-01")).toMatch(
      /Đang giải quyết.*Lê V\. C\*\*\*|Lê V\. C\*\*\*.*Đang giải quyết/,
    );
    mode = "down";
    expect(await ask("/status 000.00.19.H48-261118-0053", "upstream-chat-02")).toMatch(
      /tạm thời không phản hồi/,
    );
  });
});
