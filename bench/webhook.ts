import { Hono } from "hono";
import { loadConfig } from "../src/config.ts";
import { MemorySessionStore } from "../src/conversation/session.ts";
import { silentLogger } from "../src/log.ts";
import { loadCatalogue } from "../src/node/catalogue.ts";
import { loadSearcher } from "../src/node/search.ts";
import { nodeUnitScope } from "../src/node/unit-scope.ts";
import { createApp } from "../src/server/app.ts";
import { assemble } from "../src/server/assemble.ts";
import { FakeTelegram } from "../test/e2e/fake-telegram.ts";
import { callbackUpdate, textUpdate } from "../test/e2e/updates.ts";
import { listen } from "../test/helpers/app.ts";
import { ms, summarize, table } from "./stats.ts";

/**
 * Telegram update → reply latency through the real app over HTTP (secret check, grammY, the core, search,
 * card rendering, sendMessage to a fake Bot API on 127.0.0.1), against a bare Hono handler in the same run.
 */
const TOKEN = "123456789:AAEbenchTokenForTheFakeBotApiServer_x";
const SECRET = "bench-secret";

async function measure(url: string, bodies: string[]): Promise<number[]> {
  const samples: number[] = [];
  for (const body of bodies) {
    const t = performance.now();
    const res = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json", "X-Telegram-Bot-Api-Secret-Token": SECRET },
      body,
    });
    await res.arrayBuffer();
    samples.push(performance.now() - t);
  }
  return samples;
}

export async function benchWebhook(): Promise<string> {
  const telegram = new FakeTelegram();
  const apiRoot = await telegram.start();
  const deps = assemble({
    config: loadConfig({
      TELEGRAM_BOT_TOKEN: TOKEN,
      TELEGRAM_WEBHOOK_SECRET: SECRET,
      TELEGRAM_API_ROOT: apiRoot,
    }),
    catalogue: loadCatalogue(),
    searcher: loadSearcher(),
    sessions: new MemorySessionStore(100_000),
    unitScope: nodeUnitScope(),
    log: silentLogger,
  });
  const { server: appServer, base: appUrl } = await listen(createApp(deps).fetch);
  const bare = new Hono().post("/webhooks/telegram", async (c) => {
    await c.req.json();
    return c.body("");
  });
  const { server: bareServer, base: bareUrl } = await listen(bare.fetch);

  const texts = [
    "dang ky tam tru",
    "làm hộ chiếu",
    "work permit",
    "暂住登记",
    "체류증 연장",
    "在留カード 更新",
    "1.001612",
    "phí bao nhiêu",
    "qzxqzx",
  ];
  const make = (n: number) =>
    Array.from({ length: n }, (_, i) =>
      JSON.stringify(
        i % 5 === 4
          ? callbackUpdate("s:1.004194:fees", { chatId: 10_000 + (i % 50) })
          : textUpdate(texts[i % texts.length] ?? "", { chatId: 10_000 + (i % 50) }),
      ),
    );
  await measure(`${appUrl}/webhooks/telegram`, make(50));
  await measure(`${bareUrl}/webhooks/telegram`, make(50));
  const ours = summarize(await measure(`${appUrl}/webhooks/telegram`, make(400)));
  const baseline = summarize(await measure(`${bareUrl}/webhooks/telegram`, make(400)));
  const sent = telegram.calls.length;
  await new Promise((r) => appServer.close(r));
  await new Promise((r) => bareServer.close(r));
  await telegram.stop();
  return [
    "webhook: 400 real Telegram updates (text in five languages, codes, follow-ups, button presses) over HTTP, sequential",
    table([
      ["handler", "p50", "p95", "p99", "max"],
      ["real app → fake Bot API", ms(ours.p50), ms(ours.p95), ms(ours.p99), ms(ours.max)],
      ["bare Hono handler", ms(baseline.p50), ms(baseline.p95), ms(baseline.p99), ms(baseline.max)],
      [
        "ratio",
        `${(ours.p50 / baseline.p50).toFixed(1)}×`,
        `${(ours.p95 / baseline.p95).toFixed(1)}×`,
        `${(ours.p99 / baseline.p99).toFixed(1)}×`,
        "",
      ],
    ]),
    `Bot API calls recorded by the fake server: ${sent}`,
  ].join("\n");
}
