import { env } from "cloudflare:test";
import { beforeEach, describe, expect, it } from "vitest";
import type { DossierEvent } from "../../src/dossiers/index.ts";
import { D1DossierStore } from "../../src/workers/d1-dossiers.ts";
import { callbackUpdate, textUpdate } from "../e2e/updates.ts";
import { clearBotCalls, cron, failNext, postJson, sentTo, telegramUpdate } from "./helpers.ts";

const CODE = "000.00.19.H48-261102-0101";
const KEY = "0000019H48-261102-0101";
const ingest = (events: unknown[], token = env.INGEST_TOKEN) =>
  postJson("/api/dossiers/events", { events }, { Authorization: `Bearer ${token}` });
const event = (
  eventId: string,
  status: DossierEvent["status"],
  occurredAt: string,
  extra: Partial<DossierEvent> = {},
): DossierEvent => ({
  eventId,
  dossierCode: CODE,
  procedureCode: "1.004194",
  status,
  occurredAt,
  ...extra,
});
const store = () => new D1DossierStore(env.DB);

beforeEach(() => clearBotCalls());

describe("dossiers on D1: ingest as one batch, lookup, push through the outboxes", () => {
  it("refuses ingest without the token and rejects a batch with a bad item whole", async () => {
    expect(
      (await ingest([event("w-1", "received", "2026-11-02T02:00:00Z")], "wrong-token-wrong")).status,
    ).toBe(401);
    const bad = { ...event("w-2", "processing", "x"), status: "lost" };
    const res = await ingest([event("w-1", "received", "2026-11-02T02:00:00Z"), bad]);
    expect(res.status).toBe(422);
    expect(await store().get(KEY)).toBeNull();
  });

  it("ingests once, keeps the newest status, fills facts, counts duplicates", async () => {
    const batch = [
      event("w-1", "received", "2026-11-02T02:00:00Z", {
        applicantName: "Nguyễn Văn An",
        phone: "0912 345 678",
        receivedAt: "2026-11-02T02:00:00Z",
      }),
      event("w-3", "supplement_requested", "2026-11-04T02:30:00Z", { note: "Thiếu hợp đồng thuê nhà" }),
      // Older than w-3 although later in the batch: enters the history only.
      event("w-2", "processing", "2026-11-03T02:00:00Z"),
      // The same eventId twice in one batch counts once.
      event("w-2", "processing", "2026-11-03T02:00:00Z"),
    ];
    expect(await (await ingest(batch)).json()).toEqual({ accepted: 3, duplicates: 1, errors: [] });
    expect(await (await ingest(batch)).json()).toEqual({ accepted: 0, duplicates: 4, errors: [] });
    const d = await store().get(KEY);
    expect(d).toMatchObject({
      status: "supplement_requested",
      statusAt: "2026-11-04T02:30:00.000Z",
      note: "Thiếu hợp đồng thuê nhà",
      phoneLast4: "5678",
      applicantName: "Nguyễn Văn An",
      receivedAt: "2026-11-02T02:00:00.000Z",
    });
    expect(d?.history.map((h) => h.status)).toEqual(["received", "processing", "supplement_requested"]);
  });

  it("writes nothing of a batch when one of its statements fails (all or nothing)", async () => {
    const before = await store().counts();
    // A trigger makes creating this one dossier fail, after the batch has already stored the events.
    await env.DB.exec(
      "CREATE TRIGGER refuse_w_fail BEFORE INSERT ON dossiers WHEN NEW.code_key = '0000019H48-261102-0199' BEGIN SELECT RAISE(ABORT, 'refused by the test'); END",
    );
    try {
      const failing = {
        ...event("w-fail", "received", "2026-11-05T02:00:00Z"),
        dossierCode: "000.00.19.H48-261102-0199",
      };
      await expect(
        store().ingest([event("w-ok", "processing", "2026-11-05T01:00:00Z"), failing], new Date()),
      ).rejects.toThrow(/refused by the test/);
      const res = await ingest([failing]);
      expect(res.status).toBe(503);
      expect(res.headers.get("Retry-After")).toBe("5");
    } finally {
      await env.DB.exec("DROP TRIGGER refuse_w_fail");
    }
    expect(await store().counts()).toEqual(before);
  });

  it("asks for the phone digits, then answers with the masked name and the status", async () => {
    await telegramUpdate(textUpdate(`hồ sơ ${CODE} đến đâu rồi?`, { chatId: 7001 }));
    expect((await sentTo(7001)).join()).toMatch(/4 số cuối điện thoại/);
    await telegramUpdate(textUpdate(`/status ${CODE} 5678`, { chatId: 7001 }));
    const text = (await sentTo(7001)).join("\n");
    expect(text).toMatch(/Nguyễn V\. A\*\*\*/);
    expect(text).not.toMatch(/Nguyễn Văn An/);
    expect(text).toMatch(/Yêu cầu bổ sung hồ sơ/);
  });

  it("answers a wrong code and wrong digits the same way, and limits guesses per chat (KV)", async () => {
    await telegramUpdate(textUpdate("/status 000.00.19.H48-261102-0999 5678", { chatId: 7002 }));
    await telegramUpdate(textUpdate(`/status ${CODE} 1111`, { chatId: 7002 }));
    const [a, b] = await sentTo(7002);
    expect(a).toBe(b);
    expect(a).toMatch(/Không tìm thấy hồ sơ/);
    for (let i = 0; i < 8; i++)
      await telegramUpdate(textUpdate(`/status 000.00.19.H48-261102-${2000 + i}`, { chatId: 7002 }));
    await clearBotCalls();
    await telegramUpdate(textUpdate(`/status ${CODE} 5678`, { chatId: 7002 }));
    expect((await sentTo(7002)).join()).toMatch(/quá nhiều lần/);
  });

  it("pushes one message per change to a subscribed chat; a failed send is retried by the cron", async () => {
    await telegramUpdate(textUpdate(`/status ${CODE} 5678`, { chatId: 7003 }));
    await telegramUpdate(callbackUpdate(`ds:${KEY}`, { chatId: 7003 }));
    expect((await sentTo(7003)).join()).toMatch(/Đã bật thông báo/);
    await clearBotCalls();
    await failNext("sendMessage", { count: 1, code: 500, description: "Internal Server Error" });
    const change = event("w-4", "awaiting_payment", "2026-11-20T02:00:00Z");
    expect(await (await ingest([change])).json()).toMatchObject({ accepted: 1 });
    const pending = () =>
      env.DB.prepare(
        "SELECT COUNT(*) AS n FROM reply_outbox WHERE chat_key = 'telegram:7003' AND sent_at IS NULL AND dropped_at IS NULL",
      ).first<number>("n");
    expect(await sentTo(7003)).toEqual([]);
    expect(await pending()).toBe(1);
    // The retry is due after its backoff; make it due now instead of waiting, then let the cron send it.
    await env.DB.prepare(
      "UPDATE reply_outbox SET next_attempt_at = '2000-01-01T00:00:00.000Z' WHERE chat_key = 'telegram:7003' AND sent_at IS NULL",
    ).run();
    await cron();
    expect(await pending()).toBe(0);
    const pushed = (await sentTo(7003)).filter((t) => /Chờ nộp phí/.test(t));
    expect(pushed).toHaveLength(1);
    // A replay of the same event queues nothing more.
    await ingest([change]);
    await cron();
    expect((await sentTo(7003)).filter((t) => /Chờ nộp phí/.test(t))).toHaveLength(1);
  });

  it("stops pushing after unsubscribe", async () => {
    await telegramUpdate(callbackUpdate(`du:${KEY}`, { chatId: 7003 }));
    expect((await sentTo(7003)).join()).toMatch(/Đã tắt thông báo/);
    await clearBotCalls();
    await ingest([event("w-5", "result_ready", "2026-11-24T02:00:00Z")]);
    await cron();
    expect(await sentTo(7003)).toEqual([]);
  });
});
