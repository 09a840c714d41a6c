import { createClient } from "@libsql/client";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { pendingWork } from "../../src/server/app.ts";
import { FakeTelegram } from "../e2e/fake-telegram.ts";
import { FakeZalo, zaloEvent } from "../e2e/fake-zalo.ts";
import { callbackUpdate, textUpdate } from "../e2e/updates.ts";
import { buildAppWithDatabase } from "../helpers/app.ts";

/**
 * Storage and network faults during chat traffic: a busy database (another process holds the write lock), a
 * read-only one, and odd Telegram updates. The process stays up (an unhandled rejection fails this run), no
 * request is answered 500, and chats are answered again once the database recovers.
 */
const TG_TOKEN = "123456789:AAEfaultTestTokenForTheFakeBotApi_xy";
const TG_SECRET = "fault-secret";
const ZALO_TOKEN = "3084562917:faultTokenForTheFakeZaloApi";
const ZALO_SECRET = "zalo-fault-secret-0123";
const telegram = new FakeTelegram();
const zalo = new FakeZalo();
let built: Awaited<ReturnType<typeof buildAppWithDatabase>>;

const settle = async () => {
  while (pendingWork.size > 0) await Promise.allSettled([...pendingWork]);
};
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

beforeAll(async () => {
  const [tgRoot, zaloRoot] = await Promise.all([telegram.start(), zalo.start()]);
  built = await buildAppWithDatabase({
    TELEGRAM_BOT_TOKEN: TG_TOKEN,
    TELEGRAM_WEBHOOK_SECRET: TG_SECRET,
    TELEGRAM_API_ROOT: tgRoot,
    ZALO_BOT_TOKEN: ZALO_TOKEN,
    ZALO_WEBHOOK_SECRET: ZALO_SECRET,
    ZALO_API_ROOT: zaloRoot,
  });
});

afterAll(async () => {
  await settle();
  await Promise.all([telegram.stop(), zalo.stop()]);
});

beforeEach(() => {
  telegram.clear();
  zalo.clear();
  built.log.lines.length = 0;
});

describe("faults during traffic", () => {
  it("answers every update that arrived while another process held the database locked", async () => {
    const other = createClient({ url: `file:${built.file}` });
    const lock = await other.transaction("write");
    await lock.execute("CREATE TABLE IF NOT EXISTS lock_holder (x INTEGER)");
    // Acknowledged at once; the answers wait for the database (their commit is retried).
    expect((await tg(textUpdate("hộ chiếu", { chatId: 7101 }))).status).toBe(200);
    expect((await za(zaloEvent("hộ chiếu", { chatId: "zbusy" }))).status).toBe(200);
    // The other process (an import, a backup) finishes once an answer has met its lock (a condition, not a time).
    for (
      let i = 0;
      i < 2000 && !built.log.lines.some((l) => l.message === "answer not stored yet, retrying");
      i++
    )
      await new Promise((r) => setTimeout(r, 10));
    await lock.rollback();
    lock.close();
    other.close();
    await settle();
    expect((await built.app.request("/healthz")).status).toBe(200);
    expect(built.log.lines.some((l) => l.message === "answer not stored yet, retrying")).toBe(true);
    expect(telegram.sent().filter((m) => m.chat_id === 7101).length).toBeGreaterThan(0);
    expect(zalo.calls.some((c) => c.method === "sendMessage" && c.payload.chat_id === "zbusy")).toBe(true);
    expect(built.log.lines.some((l) => l.message === "answer not stored: the database refused it")).toBe(
      false,
    );
  });

  it("survives a read-only database, and answers again once it is writable", async () => {
    await built.client.execute("PRAGMA query_only = ON");
    try {
      expect((await tg(textUpdate("hộ chiếu", { chatId: 7201 }))).status).toBe(200);
      expect((await za(zaloEvent("hộ chiếu", { chatId: "zro" }))).status).toBe(200);
      await settle();
      expect((await built.app.request("/healthz")).status).toBe(200);
      // Nothing could be stored: said so in the log, and nothing half-done was sent.
      expect(
        built.log.lines.filter((l) => l.message === "answer not stored: the database refused it"),
      ).toHaveLength(2);
    } finally {
      await built.client.execute("PRAGMA query_only = OFF");
    }
    expect((await tg(textUpdate("hộ chiếu", { chatId: 7202 }))).status).toBe(200);
    expect((await za(zaloEvent("hộ chiếu", { chatId: "zrw" }))).status).toBe(200);
    await settle();
    expect(telegram.sent().filter((m) => m.chat_id === 7202).length).toBeGreaterThan(0);
    expect(zalo.calls.some((c) => c.method === "sendMessage" && c.payload.chat_id === "zrw")).toBe(true);
  });

  it("answers a button on a card shared inline (inline_message_id, no message) by editing that card", async () => {
    const update = callbackUpdate("s:1.004194:fees", { chatId: 7301 }) as {
      update_id: number;
      callback_query: Record<string, unknown>;
    };
    delete update.callback_query.message;
    update.callback_query.inline_message_id = "AgAAAFwCAAC0aHyVBmZ1eQ";
    const res = await tg(update);
    expect(res.status).toBe(200);
    await settle();
    const edit = telegram.sent("editMessageText")[0];
    expect(edit).toMatchObject({ inline_message_id: "AgAAAFwCAAC0aHyVBmZ1eQ", parse_mode: "HTML" });
    expect(String(edit?.text)).toMatch(/15\.000|Lệ phí|phí/i);
    expect(telegram.sent("sendMessage")).toEqual([]);
  });

  it.each([
    [
      "a channel post (chat, no from)",
      {
        channel_post: {
          message_id: 1,
          date: 1,
          chat: { id: -1001, type: "channel", title: "Tin" },
          text: "hộ chiếu",
        },
      },
    ],
    [
      "a message without from",
      { message: { message_id: 2, date: 1, chat: { id: 7401, type: "private" }, text: "hộ chiếu" } },
    ],
    [
      "a group message with a huge negative chat id",
      {
        message: {
          message_id: 3,
          date: 1,
          from: { id: 7402, is_bot: false, first_name: "A" },
          chat: { id: -1009999999999, type: "supergroup", title: "G" },
          text: "hộ chiếu",
        },
      },
    ],
    [
      "an edited message",
      {
        edited_message: {
          message_id: 4,
          date: 1,
          edit_date: 2,
          from: { id: 7403, is_bot: false, first_name: "A" },
          chat: { id: 7403, type: "private" },
          text: "x",
        },
      },
    ],
    [
      "a callback query without data",
      {
        callback_query: {
          id: "1",
          from: { id: 7404, is_bot: false, first_name: "A" },
          chat_instance: "1",
          game_short_name: "g",
        },
      },
    ],
    [
      "a message whose chat is not an object",
      { message: { message_id: 5, date: 1, chat: "nope", text: "hộ chiếu" } },
    ],
    ["an unknown update kind", { something_new: { id: 1 } }],
  ])("never answers 500 to %s", async (_name, body) => {
    const res = await tg({ update_id: 880_000_000 + Math.floor(Math.random() * 1e6), ...body });
    expect(res.status).toBeLessThan(500);
    await settle();
  });
});
