/**
 * Runs in Node before the workerd suite: builds dist/assets from data/ when stale (the Worker serves it), and starts the fake Bot API of
 * test/e2e on 127.0.0.1 (workerd reaches it as it would reach api.telegram.org) with a small control door beside
 * it, so tests inside workerd can read what the bot sent and ask the fake to fail.
 */
import { createHash } from "node:crypto";
import { mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join, relative } from "node:path";
import type { TestProject } from "vitest/node";
import { todayInVietnam } from "../../src/catalogue/fees.ts";
import { REPO_ROOT } from "../../src/node/assets.ts";
import { buildAssets } from "../../src/node/build.ts";
import { FakeTelegram } from "../e2e/fake-telegram.ts";
import { type ParityAnswer, paritySample } from "./parity-sample.ts";

/**
 * What Node's answers to the parity sample are made of: every file of src/, locales/ and data/ (the artefacts in
 * dist/assets are built from these), the sample and the app the answers come from, and the installed packages.
 */
const ANSWER_INPUTS = [
  "src",
  "locales",
  "data",
  "test/helpers/app.ts",
  "test/workers/parity-sample.ts",
  "test/search/eval-fresh.json",
  "package-lock.json",
];

function filesUnder(path: string): string[] {
  const full = join(REPO_ROOT, path);
  if (!statSync(full).isDirectory()) return [path];
  return readdirSync(full)
    .sort()
    .flatMap((name) => filesUnder(`${path}/${name}`));
}

/**
 * SHA-256 over the paths and contents of the answers' inputs and today's date in Vietnam (cards show the fees in
 * force today): a change to any of them computes the answers again.
 */
function answerInputsHash(): string {
  const hash = createHash("sha256");
  hash.update(`date ${todayInVietnam()}\n`);
  for (const file of ANSWER_INPUTS.flatMap(filesUnder)) {
    hash.update(`${file}\0`);
    hash.update(readFileSync(join(REPO_ROOT, file)));
    hash.update("\n");
  }
  return hash.digest("hex").slice(0, 32);
}

const CACHE_DIR = join(REPO_ROOT, "node_modules/.cache/dvc-assistant");

/**
 * Node's answers, kept in node_modules/.cache under the hash of their inputs: computed (some seconds: the
 * catalogue, the search index and 131 answers) only when code, data or the sample changed since the last run.
 */
async function cachedNodeAnswers(): Promise<ParityAnswer[]> {
  const key = answerInputsHash();
  const file = join(CACHE_DIR, `parity-answers-${key}.json`);
  try {
    return JSON.parse(readFileSync(file, "utf8")) as ParityAnswer[];
  } catch {
    // Not computed for these inputs yet (or unreadable): compute below.
  }
  const answers = await nodeAnswers();
  mkdirSync(CACHE_DIR, { recursive: true });
  for (const old of readdirSync(CACHE_DIR))
    if (old.startsWith("parity-answers-")) rmSync(join(CACHE_DIR, old), { force: true });
  // Written beside, then renamed: a run that stops halfway never leaves half a file under the key.
  const staging = `${file}.tmp-${process.pid}`;
  writeFileSync(staging, JSON.stringify(answers));
  renameSync(staging, file);
  console.log(`parity: Node's answers computed and kept in ${relative(REPO_ROOT, file)}`);
  return answers;
}

/** The Node app (test/helpers/app.ts: Node loaders, memory stores) answering the parity sample. */
async function nodeAnswers(): Promise<ParityAnswer[]> {
  const { buildApp, catalogue } = await import("../helpers/app.ts");
  const { app } = buildApp();
  const answers: ParityAnswer[] = [];
  for (const r of paritySample(catalogue.entries.map((e) => e.code))) {
    const res = await app.request(
      r.path,
      r.body === undefined
        ? {}
        : { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(r.body) },
    );
    answers.push({ path: r.path, request: r.body, status: res.status, body: await res.json() });
  }
  return answers;
}

declare module "vitest" {
  export interface ProvidedContext {
    telegramApiRoot: string;
    fakeControl: string;
    /** Node's answers to the parity sample, computed here with the Node loaders and the same app. */
    nodeAnswers: ParityAnswer[];
  }
}

export default async function setup(project: TestProject) {
  await buildAssets();
  project.provide("nodeAnswers", await cachedNodeAnswers());
  const telegram = new FakeTelegram();
  const apiRoot = await telegram.start();
  const control: Server = createServer((req, res) => {
    let body = "";
    req.on("data", (chunk) => {
      body += chunk;
    });
    req.on("end", () => {
      const json = (value: unknown) => {
        res.writeHead(200, { "content-type": "application/json" });
        res.end(JSON.stringify(value));
      };
      if (req.method === "GET" && req.url === "/calls") return json(telegram.calls);
      if (req.method === "POST" && req.url === "/clear") {
        telegram.clear();
        return json({ ok: true });
      }
      if (req.method === "POST" && req.url === "/fail") {
        const { method, ...failure } = JSON.parse(body) as {
          method: string;
          count: number;
          code: number;
          description: string;
          retryAfter?: number;
        };
        telegram.failures.set(method, failure);
        return json({ ok: true });
      }
      res.writeHead(404).end();
    });
  });
  await new Promise<void>((resolve) => control.listen(0, "127.0.0.1", resolve));
  project.provide("telegramApiRoot", apiRoot);
  project.provide("fakeControl", `http://127.0.0.1:${(control.address() as AddressInfo).port}`);
  return async () => {
    control.closeAllConnections();
    await new Promise<void>((resolve) => control.close(() => resolve()));
    await telegram.stop();
  };
}
