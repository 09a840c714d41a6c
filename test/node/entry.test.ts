import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { freePort } from "../helpers/ports.ts";

/**
 * The bundled entry as `npm start` runs it (dist/node/main.js, rebuilt by vitest's global setup): it listens
 * before it loads the catalogue, so /healthz is liveness and /readyz says when the server is ready; a request that
 * comes while it starts is answered once it is ready, never refused.
 */
const ROOT = resolve(import.meta.dirname, "../..");
const children: ChildProcess[] = [];
const dirs: string[] = [];
afterAll(() => {
  for (const child of children) child.kill("SIGKILL");
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

async function start(env: Record<string, string> = {}) {
  const port = await freePort();
  const dir = mkdtempSync(join(tmpdir(), "dvc-entry-"));
  dirs.push(dir);
  const child = spawn(process.execPath, ["dist/node/main.js"], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: String(port),
      DATABASE_URL: join(dir, "dvc.sqlite"),
      LOG_LEVEL: "error",
      ...env,
    },
    stdio: ["ignore", "ignore", "pipe"],
  });
  children.push(child);
  let stderr = "";
  child.stderr?.on("data", (d) => {
    stderr += String(d);
  });
  const exited = new Promise<number | null>((done) => child.once("exit", done));
  return { base: `http://127.0.0.1:${port}`, child, exited, stderr: () => stderr };
}

async function poll<T>(what: () => Promise<T | null>, label: string): Promise<T> {
  for (let i = 0; i < 1200; i++) {
    const value = await what().catch(() => null);
    if (value !== null) return value;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`gave up waiting for ${label}`);
}

describe("the Node entry (dist/node/main.js)", () => {
  it("answers /healthz at once, holds other requests until ready, then /readyz is 200", async () => {
    const server = await start();
    const health = await poll(async () => {
      const res = await fetch(`${server.base}/healthz`);
      return res.ok
        ? ((await res.json()) as { status: string; starting?: boolean; procedures?: number })
        : null;
    }, "/healthz");
    expect(health.status).toBe("ok");
    // Sent right after the first /healthz: answered when the catalogue is there, whether it was held or not.
    const early = fetch(`${server.base}/api/procedures?q=${encodeURIComponent("cấp hộ chiếu")}&limit=3`);
    const ready = await poll(async () => {
      const res = await fetch(`${server.base}/readyz`);
      const body = (await res.json()) as { status: string; catalogue: string };
      if (res.status === 503) expect(body).toEqual({ status: "not_ready", catalogue: "loading" });
      return res.ok ? body : null;
    }, "/readyz");
    expect(ready.status).toBe("ready");
    expect(ready.catalogue).toMatch(/^\d+ procedures$/);
    const res = await early;
    expect(res.status).toBe(200);
    const rows = (await res.json()) as { code: string }[];
    expect(rows[0]?.code).toBe("1.001456");
    const after = (await (await fetch(`${server.base}/healthz`)).json()) as { procedures: number };
    expect(after.procedures).toBeGreaterThan(5000);
  });

  it("exits with the configuration's message when PORT is not a port", async () => {
    const server = await start({ PORT: "eighty" });
    expect(await server.exited).toBe(1);
    expect(server.stderr()).toContain("PORT must be a number");
  });
});
