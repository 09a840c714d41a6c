/**
 * `npm run check:wrangler-dev` (also the last step of `npm run bench:workers`): `npx wrangler dev` starts offline
 * from wrangler.toml, with local D1 (migrations/ applied first), local KV and the build's static assets, and
 * answers /healthz (the whole catalogue), /readyz (D1 takes a write), /api/procedures?q= (the same codes, in the
 * same order, as Node's searcher over the same build) and a card read from a record shard. Wrangler's state goes
 * to a temporary folder; wrangler and workerd are stopped afterwards (their whole process group), also when a
 * step fails or times out. Exits non-zero on any difference.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { readManifest } from "../src/assets.ts";
import { DEFAULT_ASSETS_DIR, nodeReadAsset } from "../src/node/assets.ts";
import { loadBuiltSearcher } from "../src/search/built.ts";

const ROOT = resolve(import.meta.dirname, "..");
const WRANGLER = join(ROOT, "node_modules/wrangler/bin/wrangler.js");
const env = { ...process.env, WRANGLER_SEND_METRICS: "false", NO_COLOR: "1", CI: "1" };
/** Generous: wrangler bundles the Worker and workerd loads catalogue and index on a machine that may be loaded. */
const START_TIMEOUT_MS = 180_000;
const REQUEST_TIMEOUT_MS = 60_000;

/** Queries in three languages and scripts, each with a word the best answer's Vietnamese name must hold. */
const QUERIES: { q: string; expect: RegExp }[] = [
  { q: "cấp hộ chiếu", expect: /hộ chiếu/i },
  { q: "business registration", expect: /doanh nghiệp|kinh doanh/i },
  { q: "出生登记", expect: /khai sinh/i },
];

export function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = createServer();
    server.once("error", fail);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => done(port));
    });
  });
}

/** Stops a detached child and everything it started (wrangler → workerd share its process group). */
function killGroup(child: ChildProcess, signal: NodeJS.Signals) {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // Already gone.
  }
}

async function stop(child: ChildProcess) {
  killGroup(child, "SIGTERM");
  const exited = new Promise((done) => child.once("exit", done));
  const grace = new Promise((done) => setTimeout(done, 5_000).unref());
  if ((await Promise.race([exited.then(() => true), grace.then(() => false)])) === false)
    killGroup(child, "SIGKILL");
}

/** Runs wrangler with its own process group, capturing its output; killed with its children on exit. */
function wrangler(args: string[]) {
  const child = spawn(process.execPath, [WRANGLER, ...args], {
    cwd: ROOT,
    env,
    stdio: ["ignore", "pipe", "pipe"],
    detached: true,
  });
  let output = "";
  const keep = (d: Buffer) => {
    output = (output + d.toString()).slice(-4000);
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  const onExit = () => killGroup(child, "SIGKILL");
  process.on("exit", onExit);
  child.once("exit", () => process.off("exit", onExit));
  return { child, output: () => output };
}

async function run(args: string[], timeoutMs: number) {
  const { child, output } = wrangler(args);
  const code = await new Promise<number | null>((done) => {
    const timer = setTimeout(() => {
      killGroup(child, "SIGKILL");
      done(null);
    }, timeoutMs);
    child.once("exit", (c) => {
      clearTimeout(timer);
      done(c);
    });
  });
  if (code !== 0)
    throw new Error(
      `wrangler ${args.join(" ")}: ${code === null ? "timed out" : `exit ${code}`}\n${output()}`,
    );
}

async function getJson<T>(url: string): Promise<{ status: number; body: T }> {
  const res = await fetch(url, { signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
  return { status: res.status, body: (await res.json()) as T };
}

export async function checkWranglerDev(): Promise<string> {
  const manifest = await readManifest(nodeReadAsset(DEFAULT_ASSETS_DIR));
  const searcher = await loadBuiltSearcher(nodeReadAsset(DEFAULT_ASSETS_DIR), manifest.inputsHash);
  const state = mkdtempSync(join(tmpdir(), "dvc-wrangler-dev-"));
  try {
    // Local D1 gets the same migrations as the deployed one, into the temporary state folder.
    await run(["d1", "migrations", "apply", "DB", "--local", "--persist-to", state], START_TIMEOUT_MS);
    const port = await freePort();
    const dev = wrangler([
      "dev",
      "--ip",
      "127.0.0.1",
      "--port",
      String(port),
      "--inspector-port",
      String(await freePort()),
      "--persist-to",
      state,
      "--show-interactive-dev-session=false",
    ]);
    const base = `http://127.0.0.1:${port}`;
    try {
      const started = performance.now();
      let health: { procedures: number } | undefined;
      while (!health) {
        if (dev.child.exitCode !== null) throw new Error(`wrangler dev exited:\n${dev.output()}`);
        if (performance.now() - started > START_TIMEOUT_MS)
          throw new Error(
            `wrangler dev did not answer /healthz within ${START_TIMEOUT_MS / 1000} s:\n${dev.output()}`,
          );
        try {
          const res = await getJson<{ procedures: number }>(`${base}/healthz`);
          if (res.status === 200) health = res.body;
        } catch {
          await new Promise((r) => setTimeout(r, 500));
        }
      }
      const startedMs = performance.now() - started;
      if (health.procedures !== manifest.procedures)
        throw new Error(`/healthz: ${health.procedures} procedures, the build has ${manifest.procedures}`);
      const ready = await getJson<{ status: string; database?: string }>(`${base}/readyz`);
      if (ready.status !== 200)
        throw new Error(`/readyz: HTTP ${ready.status} ${JSON.stringify(ready.body)}`);

      const lines: string[] = [];
      for (const { q, expect } of QUERIES) {
        const res = await getJson<{ code: string; names: { vi: string } }[]>(
          `${base}/api/procedures?q=${encodeURIComponent(q)}&limit=5`,
        );
        const got = res.body.map((r) => r.code);
        const node = searcher.search(q, { limit: 5 }).hits.map((h) => h.code);
        if (res.status !== 200 || got.length === 0 || got.join() !== node.join())
          throw new Error(
            `/api/procedures?q=${q}: ${got.join(", ")} (HTTP ${res.status}); Node: ${node.join(", ")}`,
          );
        const top = res.body[0] as { code: string; names: { vi: string } };
        if (!expect.test(top.names.vi))
          throw new Error(`/api/procedures?q=${q}: best is ${top.code} ${top.names.vi}`);
        lines.push(`  ?q=${q} → ${top.code} ${top.names.vi} (${got.length} as Node)`);
      }
      const code = /\d\.\d+/.exec(lines[0] ?? "")?.[0] ?? "";
      const card = await getJson<{ code?: string }>(`${base}/api/procedures/${code}?lang=en`);
      if (card.status !== 200 || card.body.code !== code)
        throw new Error(
          `/api/procedures/${code}: HTTP ${card.status} ${JSON.stringify(card.body).slice(0, 200)}`,
        );
      return [
        `wrangler dev (offline, local D1/KV/assets): /healthz ${health.procedures} procedures after ${(startedMs / 1000).toFixed(1)} s; /readyz ${ready.body.database}; card ${code} 200`,
        ...lines,
      ].join("\n");
    } finally {
      await stop(dev.child);
    }
  } finally {
    rmSync(state, { recursive: true, force: true });
  }
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  try {
    console.log(await checkWranglerDev());
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
    process.exitCode = 1;
  }
}
