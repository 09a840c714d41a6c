/**
 * Runs in Node before the workerd suite: builds dist/assets from data/ when stale (the Worker serves it), and starts the fake Bot API of
 * test/e2e on 127.0.0.1 (workerd reaches it as it would reach api.telegram.org) with a small control door beside
 * it, so tests inside workerd can read what the bot sent and ask the fake to fail.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { TestProject } from "vitest/node";
import { buildAssets } from "../../src/node/build.ts";
import { FakeTelegram } from "../e2e/fake-telegram.ts";
import { type ParityAnswer, paritySample } from "./parity-sample.ts";

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
  project.provide("nodeAnswers", await nodeAnswers());
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
