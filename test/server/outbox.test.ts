import { Bot } from "grammy";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { MemoryReplyOutbox } from "../../src/channels/outbox.ts";
import { ReplyPipeline } from "../../src/channels/replies.ts";
import { telegramSender } from "../../src/channels/telegram/bot.ts";
import { MemorySessionStore } from "../../src/conversation/session.ts";
import { openDatabase } from "../../src/node/database.ts";
import { SqliteReplyOutbox } from "../../src/node/outbox.ts";
import { nodeUnitScope } from "../../src/node/unit-scope.ts";
import { FakeTelegram } from "../e2e/fake-telegram.ts";
import { FakeZalo, zaloEvent } from "../e2e/fake-zalo.ts";
import { textUpdate } from "../e2e/updates.ts";
import { buildAppWithDatabase, FAST_RETRIES, settle } from "../helpers/app.ts";

/**
 * The durable reply outbox against fake Bot APIs that fail: 500s, 429 with retry_after, connection refused, a slow
 * API, redeliveries, a restart. Every answer is delivered, once, in order per chat; the webhook never waits.
 */
const TG_TOKEN = "123456789:AAEoutboxTestTokenForTheFakeBotApi_x";
const TG_SECRET = "outbox-secret";
const ZALO_TOKEN = "3084562917:outboxTokenForTheFakeZaloApi";
const ZALO_SECRET = "zalo-outbox-secret-0123";
const telegram = new FakeTelegram();
const zalo = new FakeZalo();
let tgRoot = "";
let zaloRoot = "";
let built: Awaited<ReturnType<typeof buildAppWithDatabase>>;
/** How many messages answer "hộ chiếu" on Telegram (measured on a healthy API). */
let parts = 0;

const tg = (update: unknown) =>
  built.app.request("/webhooks/telegram", {
    method: "POST",
    headers: { "content-type": "application/json", "X-Telegram-Bot-Api-Secret-Token": TG_SECRET },
    body: JSON.stringify(update),
  });
const za = (event: unknown) =>
  built.app.request("/webhooks/zalo", {
    method: "POST",
    headers: { "content-type": "application/json", "X-Bot-Api-Secret-Token": ZALO_SECRET },
    body: JSON.stringify(event),
  });
const deliveredTo = (chatId: number) => telegram.sent().filter((m) => m.chat_id === chatId);
/**
 * Waits for a condition, not for a time: the bound is only there to end a real hang, and sits below the test
 * timeout so a hang fails with this test's own message. A loaded machine makes delivery slower, never wrong.
 */
async function waitFor(check: () => boolean, ms = 25_000) {
  const end = Date.now() + ms;
  while (!check() && Date.now() < end) await new Promise((r) => setTimeout(r, 20));
  return check();
}

beforeAll(async () => {
  [tgRoot, zaloRoot] = await Promise.all([telegram.start(), zalo.start()]);
  built = await buildAppWithDatabase({
    TELEGRAM_BOT_TOKEN: TG_TOKEN,
    TELEGRAM_WEBHOOK_SECRET: TG_SECRET,
    TELEGRAM_API_ROOT: tgRoot,
    ZALO_BOT_TOKEN: ZALO_TOKEN,
    ZALO_WEBHOOK_SECRET: ZALO_SECRET,
    ZALO_API_ROOT: zaloRoot,
  });
  await tg(textUpdate("hộ chiếu", { chatId: 8000 }));
  await settle();
  parts = deliveredTo(8000).length;
});

afterAll(async () => {
  telegram.down = false;
  await settle();
  await Promise.all([telegram.stop(), zalo.stop()]);
});

beforeEach(() => {
  telegram.clear();
  zalo.clear();
  built.log.lines.length = 0;
});

describe("the reply outbox", () => {
  it("acknowledges the webhook before anything is sent, whatever the Bot API does", async () => {
    expect(parts).toBeGreaterThan(0);
    telegram.delays.set("sendMessage", { count: 1, ms: 1500 });
    const res = await tg(textUpdate("hộ chiếu", { chatId: 8001 }));
    expect(res.status).toBe(200);
    expect(deliveredTo(8001)).toEqual([]);
    await settle();
    expect(deliveredTo(8001)).toHaveLength(parts);
  });

  it("retries after 500s and delivers each message once, in order", async () => {
    telegram.failures.set("sendMessage", { count: 2, code: 500, description: "Internal Server Error" });
    await tg(textUpdate("hộ chiếu", { chatId: 8002 }));
    await tg(textUpdate("1", { chatId: 8002 }));
    await settle();
    expect(await waitFor(() => deliveredTo(8002).length >= parts + 1)).toBe(true);
    await settle();
    const texts = deliveredTo(8002).map((m) => String(m.text));
    // The list first, then the card chosen from it: the chat's order holds across retries.
    expect(texts[0]).toMatch(/^1\. |\n1\. /m);
    expect(texts.at(-1)).toMatch(/<b>/);
    expect(telegram.calls.filter((c) => c.method === "sendMessage" && !c.ok)).toHaveLength(2);
    expect(built.log.lines.filter((l) => l.message === "reply not delivered, will retry")).toHaveLength(2);
  });

  it("waits as long as a 429's retry_after says", async () => {
    telegram.failures.set("sendMessage", {
      count: 1,
      code: 429,
      description: "Too Many Requests: retry after 1",
      retryAfter: 1,
    });
    await tg(textUpdate("hộ chiếu", { chatId: 8003 }));
    await settle();
    const retry = built.log.lines.find((l) => l.message === "reply not delivered, will retry");
    expect(retry?.data).toMatchObject({ retryInMs: 1000 });
    expect(await waitFor(() => deliveredTo(8003).length === parts)).toBe(true);
  });

  it("holds answers while the Bot API is down and delivers every one, once, when it is back", async () => {
    telegram.down = true;
    const chats = [8101, 8102, 8103, 8104, 8105];
    for (const chatId of chats) expect((await tg(textUpdate("hộ chiếu", { chatId }))).status).toBe(200);
    await settle();
    expect(telegram.sent()).toEqual([]);
    expect((await built.outbox.counts()).pending).toBeGreaterThanOrEqual(chats.length);
    telegram.down = false;
    expect(await waitFor(() => chats.every((c) => deliveredTo(c).length >= parts))).toBe(true);
    await new Promise((r) => setTimeout(r, 300));
    for (const c of chats) expect(deliveredTo(c)).toHaveLength(parts);
    expect((await built.outbox.counts()).pending).toBe(0);
  });

  it("answers an update delivered twice at the same time once", async () => {
    const update = textUpdate("hộ chiếu", { chatId: 8004 });
    const [a, b] = await Promise.all([tg(update), tg(update)]);
    expect([a.status, b.status]).toEqual([200, 200]);
    await settle();
    expect(deliveredTo(8004)).toHaveLength(parts);
  });

  it("drops a message the API refuses for good (403: the user blocked the bot) without retrying", async () => {
    telegram.failures.set("sendMessage", { count: 1, code: 403, description: "Forbidden: bot was blocked" });
    await tg(textUpdate("qzxqzx wvwvwv", { chatId: 8005 }));
    await settle();
    expect(built.log.lines.some((l) => l.message === "reply dropped")).toBe(true);
    expect(telegram.calls.filter((c) => c.method === "sendMessage")).toHaveLength(1);
  });

  it("retries Zalo replies the same way", async () => {
    zalo.failures.set("sendMessage", { count: 1, code: 500, description: "Internal error" });
    expect((await za(zaloEvent("hộ chiếu", { chatId: "zo1" }))).status).toBe(200);
    await settle();
    const sent = () => zalo.calls.filter((c) => c.method === "sendMessage" && c.payload.chat_id === "zo1");
    expect(await waitFor(() => sent().length >= 2)).toBe(true);
    expect(sent()[1]?.payload.text).toBe(sent()[0]?.payload.text);
  });

  it("keeps what was not sent across a restart: a new worker on the same database sends it", async () => {
    telegram.down = true;
    await tg(textUpdate("hộ chiếu", { chatId: 8201 }));
    await settle();
    // The process stops (its worker with it); a new one opens the same database file.
    built.deps.pipeline?.stop();
    telegram.down = false;
    const client = await openDatabase(`file:${built.file}`);
    const next = new ReplyPipeline({
      outbox: new SqliteReplyOutbox(client),
      scope: nodeUnitScope(),
      log: built.log,
      ...FAST_RETRIES,
    });
    next.register("telegram", telegramSender(new Bot(TG_TOKEN, { client: { apiRoot: tgRoot } })));
    // The stopped worker's last attempt failed; its retry is due after the (test-short) backoff.
    await new Promise((r) => setTimeout(r, 300));
    await next.drain();
    expect(deliveredTo(8201)).toHaveLength(parts);
    client.close();
  });
});

describe("the update queue", () => {
  const pipeline = (workers: number, maxQueued: number) =>
    new ReplyPipeline({
      outbox: new MemoryReplyOutbox(new MemorySessionStore()),
      scope: nodeUnitScope(),
      log: built.log,
      workers,
      maxQueued,
    });
  const gate = () => {
    let open!: () => void;
    const opened = new Promise<void>((resolve) => {
      open = resolve;
    });
    return { open, opened };
  };

  it("answers at most `workers` updates at once, in the order they came, and never on the request's turn", async () => {
    const p = pipeline(2, 100);
    const started: number[] = [];
    const gates = [gate(), gate(), gate()];
    const works = gates.map((g, i) =>
      p.accept(async () => {
        started.push(i);
        await g.opened;
      }),
    );
    // Nothing runs on the request's own turn: the webhook answers first.
    expect(started).toEqual([]);
    await Promise.all(works.map((w) => w.accepted));
    while (started.length < 2) await new Promise((r) => setImmediate(r));
    await new Promise((r) => setImmediate(r));
    expect(started).toEqual([0, 1]);
    gates[0]?.open();
    await works[0]?.done;
    while (started.length < 3) await new Promise((r) => setImmediate(r));
    expect(started).toEqual([0, 1, 2]);
    for (const g of gates) g.open();
    await p.idle();
  });

  it("makes the webhook wait once `maxQueued` updates wait (backpressure), and lets it go when one starts", async () => {
    const p = pipeline(1, 2);
    const first = gate();
    const works = [first.opened, Promise.resolve(), Promise.resolve(), Promise.resolve()].map((until) =>
      p.accept(() => until),
    );
    let fourthAccepted = false;
    void works[3]?.accepted.then(() => {
      fourthAccepted = true;
    });
    // One busy, two waiting: the first three are acknowledged at once, the fourth waits for room.
    await Promise.all(works.slice(0, 3).map((w) => w.accepted));
    for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
    expect(fourthAccepted).toBe(false);
    first.open();
    await works[3]?.accepted;
    await Promise.all(works.map((w) => w.done));
    await p.idle();
  });
});

/** A real SQLite file in a fresh temporary directory, migrated as `npm start` migrates it. */
async function migratedDatabase(prefix: string) {
  const { mkdtempSync } = await import("node:fs");
  const { tmpdir } = await import("node:os");
  const { join } = await import("node:path");
  const { migrate } = await import("../../src/node/session-store.ts");
  const { MIGRATIONS_DIR } = await import("../../src/node/paths.ts");
  const client = await openDatabase(`file:${join(mkdtempSync(join(tmpdir(), prefix)), "dvc.sqlite")}`);
  await migrate(client, MIGRATIONS_DIR);
  return client;
}

describe("the durable inbox beyond a queue's worth", () => {
  // With a frozen clock every row is stored in the same millisecond as the reads that take the backlog up, as ten of
  // them are at 10,000 updates/s: a read bounded by "received before now" once left them behind its cursor until the
  // 30-second rescan.
  const frozen = new Date("2026-12-05T02:00:00.000Z");
  for (const [name, clock] of [
    ["the system clock", undefined],
    ["every row in the same millisecond", () => frozen],
  ] as const)
    it(`acknowledges every update at once, leaves the overflow in the inbox and answers it, each once, in order per chat (${name})`, async () => {
      const client = await migratedDatabase("dvc-spill-");
      const outbox = new SqliteReplyOutbox(client);
      const p = new ReplyPipeline({
        outbox,
        scope: nodeUnitScope(),
        log: built.log,
        workers: 1,
        maxQueued: 3,
        ...(clock ? { clock } : {}),
      });
      const answered: string[] = [];
      let open!: () => void;
      const opened = new Promise<void>((resolve) => {
        open = resolve;
      });
      p.handle("test", async (body) => {
        const { chat, n } = JSON.parse(body) as { chat: string; n: number };
        await opened;
        await p.run(`test:${chat}:${n}`, `test:${chat}`, async () => {
          answered.push(`${chat}:${n}`);
        });
      });
      const update = (chat: string, n: number) => ({
        key: `test:${chat}:${n}`,
        channel: "test",
        body: JSON.stringify({ chat, n }),
      });
      // 20 updates of two chats while the one worker is held: all acknowledged, most of them left in the inbox.
      const first = [];
      for (let n = 0; n < 10; n++) first.push(p.receive(update("a", n)), p.receive(update("b", n)));
      await Promise.all(first);
      const waiting = await client.execute("SELECT COUNT(*) AS n FROM update_inbox");
      expect(Number(waiting.rows[0]?.n)).toBe(20);
      open();
      // More arrive while the backlog is read; a redelivery of a waiting one is answered once.
      const more = [];
      for (let n = 10; n < 15; n++) {
        more.push(p.receive(update("a", n)), p.receive(update("b", n)));
        await new Promise((r) => setImmediate(r));
      }
      more.push(p.receive(update("a", 3)));
      await Promise.all(more);
      await p.idle();
      const range = (chat: string) => Array.from({ length: 15 }, (_, n) => `${chat}:${n}`);
      expect(answered.filter((a) => a.startsWith("a:"))).toEqual(range("a"));
      expect(answered.filter((a) => a.startsWith("b:"))).toEqual(range("b"));
      const left = await client.execute("SELECT COUNT(*) AS n FROM update_inbox");
      expect(Number(left.rows[0]?.n)).toBe(0);
      expect(p.stats.committed).toBe(30);
      expect(p.stats.resumed).toBeGreaterThan(0);
      client.close();
    });
});

describe("the durable inbox after it emptied", () => {
  it("takes up a second backlog whole: new rows never get ids below the position the first backlog was read to", async () => {
    const client = await migratedDatabase("dvc-spill-again-");
    const p = new ReplyPipeline({
      outbox: new SqliteReplyOutbox(client),
      scope: nodeUnitScope(),
      log: built.log,
      workers: 1,
      maxQueued: 3,
    });
    const answered: string[] = [];
    let open!: () => void;
    let opened = new Promise<void>((resolve) => {
      open = resolve;
    });
    p.handle("test", async (body) => {
      const { n } = JSON.parse(body) as { n: number };
      await opened;
      await p.run(`test:${n}`, "test:a", async () => {
        answered.push(String(n));
      });
    });
    const update = (n: number) => ({ key: `test:${n}`, channel: "test", body: JSON.stringify({ n }) });
    const burst = async (from: number) => {
      opened = new Promise<void>((resolve) => {
        open = resolve;
      });
      // Ten updates while the one worker is held: most of them wait in the inbox only, then are read in order.
      await Promise.all(Array.from({ length: 10 }, (_, i) => p.receive(update(from + i))));
      open();
      await p.idle();
    };
    await burst(0);
    // Every row of the first burst was answered and deleted: the inbox is empty when the second one comes.
    await burst(10);
    expect(answered).toEqual(Array.from({ length: 20 }, (_, n) => String(n)));
    const left = await client.execute("SELECT COUNT(*) AS n FROM update_inbox");
    expect(Number(left.rows[0]?.n)).toBe(0);
    client.close();
  });

  it("keeps the rows an older database held when its inbox table is rebuilt (migration 0008)", async () => {
    const { mkdtempSync, readdirSync, mkdirSync, copyFileSync } = await import("node:fs");
    const { tmpdir } = await import("node:os");
    const { join } = await import("node:path");
    const { migrate } = await import("../../src/node/session-store.ts");
    const { MIGRATIONS_DIR } = await import("../../src/node/paths.ts");
    const dir = mkdtempSync(join(tmpdir(), "dvc-migrate-"));
    const before = join(dir, "before");
    mkdirSync(before);
    for (const f of readdirSync(MIGRATIONS_DIR).filter((f) => f < "0008"))
      copyFileSync(join(MIGRATIONS_DIR, f), join(before, f));
    const client = await openDatabase(`file:${join(dir, "dvc.sqlite")}`);
    await migrate(client, before);
    await client.execute(
      "INSERT INTO update_inbox (id, update_key, channel, body, received_at) VALUES (7, 'tg:7', 'telegram', '{}', '2026-12-05T00:00:00.000Z')",
    );
    expect(await migrate(client, MIGRATIONS_DIR)).toEqual(["0008_update_inbox_ids.sql"]);
    const rows = await client.execute("SELECT id, update_key FROM update_inbox");
    expect(rows.rows.map((r) => [Number(r.id), r.update_key])).toEqual([[7, "tg:7"]]);
    await new SqliteReplyOutbox(client).forget(["tg:7"]);
    await new SqliteReplyOutbox(client).receive(
      [{ key: "tg:8", channel: "telegram", body: "{}" }],
      new Date("2026-12-05T00:00:01.000Z"),
    );
    const next = await client.execute("SELECT id FROM update_inbox");
    expect(Number(next.rows[0]?.id)).toBe(8);
    client.close();
  });
});

describe("the query log inside an update's unit of work", () => {
  it("is written by the answer's commit, not before it, and not at all when the claim is refused", async () => {
    const { SqliteQueryLog } = await import("../../src/node/query-log.ts");
    const { UnitQueryLog } = await import("../../src/channels/unit.ts");
    const client = await migratedDatabase("dvc-query-log-");
    const outbox = new SqliteReplyOutbox(client);
    const scope = nodeUnitScope();
    const p = new ReplyPipeline({ outbox, scope, log: built.log });
    const log = new UnitQueryLog(new SqliteQueryLog(client), scope, outbox.runsWrites);
    const rows = async () =>
      (await client.execute("SELECT id, query, outcome FROM query_log ORDER BY id")).rows.map((r) => [
        Number(r.id),
        r.query,
        r.outcome,
      ]);
    const event = (query: string) => ({
      createdAt: new Date("2026-12-05T03:00:00.000Z"),
      channel: "telegram",
      lang: "vi" as const,
      intent: "list",
      query,
      results: 3,
      procedureCode: null,
      outcome: "offered" as const,
      savingVnd: null,
    });
    // Outside a unit (the web chat's questions) a row is written at once.
    const first = await log.record(event("hộ chiếu"));
    expect(await rows()).toEqual([[first, "hộ chiếu", "offered"]]);
    let inside: unknown[] = [];
    let second = 0;
    await p.run("test:q1", "test:a", async () => {
      second = await log.record(event("cấp lại hộ chiếu"));
      await log.markChosen(first);
      inside = await rows();
    });
    expect(inside).toEqual([[first, "hộ chiếu", "offered"]]);
    expect(second).toBe(first + 1);
    expect(await rows()).toEqual([
      [first, "hộ chiếu", "chosen"],
      [second, "cấp lại hộ chiếu", "offered"],
    ]);
    // A redelivery whose claim is already committed writes nothing of its answer, its query-log row included.
    const { UpdateUnit } = await import("../../src/channels/unit.ts");
    const unit = new UpdateUnit("test:q1");
    await scope.run(unit, () => log.record(event("giấy phép lái xe")));
    expect(unit.writes).toHaveLength(1);
    expect(
      await outbox.commit(
        { updateKey: unit.updateKey, sessions: [], messages: [], writes: unit.writes },
        new Date(),
      ),
    ).toBe(false);
    expect((await rows()).map((r) => r[1])).toEqual(["hộ chiếu", "cấp lại hộ chiếu"]);
    client.close();
  });
});

describe("the SQLite outbox's commit that leases", () => {
  it("leases each chat's oldest unsent message with the commit, never one behind an older one, never a duplicate", async () => {
    const client = await migratedDatabase("dvc-lease-");
    const box = new SqliteReplyOutbox(client);
    const now = new Date("2026-12-04T10:00:00Z");
    const until = new Date(now.getTime() + 60_000);
    const message = (chatKey: string, text: string) => ({
      chatKey,
      method: "sendMessage",
      payload: { text },
    });
    const unit = (updateKey: string, ...messages: ReturnType<typeof message>[]) => ({
      updateKey,
      sessions: [],
      messages,
    });
    const a = await box.commitAndLease(unit("u:a", message("t:1", "a0"), message("t:1", "a1")), now, until);
    expect(a === false ? a : a.map((j) => j.payload.text)).toEqual(["a0"]);
    // Behind a0 (unsent): committed, not leased.
    expect(await box.commitAndLease(unit("u:b", message("t:1", "b0")), now, until)).toEqual([]);
    const c = await box.commitAndLease(unit("u:c", message("t:2", "c0")), now, until);
    expect(c === false ? c : c.map((j) => j.payload.text)).toEqual(["c0"]);
    // A redelivery writes and leases nothing.
    expect(await box.commitAndLease(unit("u:a", message("t:1", "a0")), now, until)).toBe(false);
    // Leased heads are not leased again; once a0 is sent, a1 is the chat's head.
    expect(await box.lease(now, 16, until)).toEqual([]);
    await box.markSent(a === false ? 0 : (a[0]?.id ?? 0), now);
    expect((await box.lease(now, 16, until)).map((j) => j.payload.text)).toEqual(["a1"]);
    expect(await box.counts()).toEqual({ pending: 3, sent: 1, dropped: 0 });
    client.close();
  });
});
