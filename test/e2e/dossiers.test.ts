import type { ServerType } from "@hono/node-server";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { addWorkingDays, maskApplicantName } from "../../src/dossiers/index.ts";
import { deliverPushes } from "../../src/server/push.ts";
import { buildAppWithDatabase, listen, settle } from "../helpers/app.ts";
import { FakeTelegram } from "./fake-telegram.ts";
import { callbackUpdate, textUpdate } from "./updates.ts";

const TOKEN = "123456789:AAEdossierTestTokenForTheFakeBotApi_x";
const SECRET = "dossier-webhook-secret";
const INGEST = "ingest-token-0123456789abcdef";
const CODE = "000.00.19.H48-261102-0001";
const KEY = "0000019H48-261102-0001";
const telegram = new FakeTelegram();
let now = new Date("2026-11-25T03:00:00Z");
let server: ServerType;
let base = "";
let built: Awaited<ReturnType<typeof buildAppWithDatabase>>;

const ingest = (events: unknown, token: string | null = INGEST) =>
  fetch(`${base}/api/dossiers/events`, {
    method: "POST",
    headers: { "content-type": "application/json", ...(token ? { Authorization: `Bearer ${token}` } : {}) },
    body: typeof events === "string" ? events : JSON.stringify({ events }),
  });
/** Posts an update and waits for its answer: the webhook acknowledges at once and answers in the background. */
const tg = async (update: unknown) => {
  const res = await fetch(`${base}/webhooks/telegram`, {
    method: "POST",
    headers: { "content-type": "application/json", "X-Telegram-Bot-Api-Secret-Token": SECRET },
    body: JSON.stringify(update),
  });
  await settle();
  return res;
};
const chat = async (text: string, lang?: string, sessionId = "dossier-web-0001") =>
  (await (
    await fetch(`${base}/api/chat`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ text, lang, sessionId }),
    })
  ).json()) as { replies: unknown[]; meta?: { intent?: string; dossier?: string } };
const awaitingPayment = {
  eventId: "ev-4",
  dossierCode: CODE,
  procedureCode: "1.004194",
  status: "awaiting_payment",
  occurredAt: "2026-11-20T02:00:00Z",
};
const texts = () => telegram.sent().map((p) => String(p.text));
const pushDeps = () => {
  if (!built.deps.pipeline) throw new Error("the app has no reply pipeline");
  return {
    store: built.dossierStore,
    conversation: built.deps.conversation,
    pipeline: built.deps.pipeline,
    log: built.log,
    clock: () => now,
  };
};

const events = [
  {
    eventId: "ev-1",
    dossierCode: CODE,
    procedureCode: "1.004194",
    status: "received",
    occurredAt: "2026-11-02T02:00:00Z",
    applicantName: "Nguyễn Văn An",
    phone: "0912 345 678",
    receivedAt: "2026-11-02T02:00:00Z",
  },
  {
    eventId: "ev-2",
    dossierCode: CODE,
    procedureCode: "1.004194",
    status: "processing",
    occurredAt: "2026-11-03T02:00:00Z",
  },
  {
    eventId: "ev-3",
    dossierCode: CODE.toLowerCase().replace(/\./g, ""),
    procedureCode: "1.004194",
    status: "supplement_requested",
    occurredAt: "2026-11-04T09:30:00+07:00",
    note: "Thiếu hợp đồng thuê nhà",
  },
];

beforeAll(async () => {
  const apiRoot = await telegram.start();
  built = await buildAppWithDatabase(
    {
      TELEGRAM_BOT_TOKEN: TOKEN,
      TELEGRAM_WEBHOOK_SECRET: SECRET,
      TELEGRAM_API_ROOT: apiRoot,
      INGEST_TOKEN: INGEST,
    },
    () => now,
  );
  ({ server, base } = await listen(built.app.fetch));
});

afterAll(async () => {
  await new Promise((r) => server.close(r));
  await telegram.stop();
});

beforeEach(() => telegram.clear());

describe("dossier status: ingest, lookup, push", () => {
  it("refuses ingest without the token, and bad bodies with 4xx", async () => {
    expect((await ingest(events, null)).status).toBe(401);
    expect((await ingest(events, "wrong-token-wrong-token")).status).toBe(401);
    expect((await ingest("{nope")).status).toBe(400);
    expect((await ingest([])).status).toBe(400);
  });

  it("rejects a whole batch with a per-item report when one item is bad", async () => {
    const res = await ingest([
      events[0],
      { ...events[1], status: "lost_in_space" },
      { ...events[2], occurredAt: "yesterday" },
    ]);
    expect(res.status).toBe(422);
    const body = (await res.json()) as { accepted: number; errors: { index: number; field: string }[] };
    expect(body.accepted).toBe(0);
    expect(body.errors.map((e) => [e.index, e.field])).toEqual([
      [1, "status"],
      [2, "occurredAt"],
    ]);
    expect(await built.dossierStore.get(KEY)).toBeNull();
  });

  it("ingests events once, whatever the code's case, spaces or dots", async () => {
    const res = await ingest(events);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ accepted: 3, duplicates: 0, errors: [] });
    const replay = await ingest(events);
    expect(await replay.json()).toEqual({ accepted: 0, duplicates: 3, errors: [] });
    const d = await built.dossierStore.get(KEY);
    expect(d?.status).toBe("supplement_requested");
    expect(d?.phoneLast4).toBe("5678");
    expect(d?.history).toHaveLength(3);
  });

  it("does not let an older event arriving late overwrite a newer status", async () => {
    const late = {
      eventId: "ev-late",
      dossierCode: CODE,
      procedureCode: "1.004194",
      status: "processing",
      occurredAt: "2026-11-03T05:00:00Z",
    };
    expect(await (await ingest([late])).json()).toMatchObject({ accepted: 1 });
    expect((await built.dossierStore.get(KEY))?.status).toBe("supplement_requested");
  });

  it("asks for the phone digits, then answers with the masked name, status, due date and overdue flag", async () => {
    await tg(textUpdate(`hồ sơ ${CODE} đến đâu rồi?`, { chatId: 501 }));
    expect(texts().join()).toMatch(/4 số cuối điện thoại/);
    telegram.clear();
    await tg(textUpdate(`/status ${CODE} 5678`, { chatId: 501 }));
    const text = texts().join("\n");
    expect(text).toMatch(/Nguyễn V\. A\*\*\*/);
    expect(text).not.toMatch(/Nguyễn Văn An/);
    expect(text).toMatch(/Yêu cầu bổ sung hồ sơ/);
    expect(text).toMatch(/Thiếu hợp đồng thuê nhà/);
    expect(text).toMatch(/Đăng ký tạm trú/);
    // Temporary residence takes 3 working days (national record): received 2 Nov 2026, due 5 Nov, overdue on 25 Nov.
    expect(text).toMatch(/quá hạn/);
    expect(addWorkingDays(new Date("2026-11-02T02:00:00Z"), 3).toISOString()).toBe(
      "2026-11-05T16:59:59.000Z",
    );
  });

  it("asks for the code when someone asks where their dossier stands without it, then answers the code", async () => {
    const asks: Record<string, [string, RegExp]> = {
      vi: ["hồ sơ của tôi đến đâu rồi", /mã hồ sơ in trên giấy tiếp nhận/],
      en: ["can you check my application status?", /dossier code printed on your receipt/],
      zh: ["我的申请进度怎么样了", /受理回执上印的档案编号/],
      ko: ["제 신청 어떻게 됐나요?", /접수증/],
      ja: ["申請状況を知りたいです", /受付票/],
    };
    for (const [lang, [text, pattern]] of Object.entries(asks)) {
      const body = await chat(text, lang, `dossier-ask-${lang}-001`);
      expect(JSON.stringify(body.replies), lang).toMatch(pattern);
      expect(body.meta, lang).toMatchObject({ intent: "dossier", dossier: "ask_code" });
      // The code and digits, typed as the answer shows them.
      const found = await chat(`${CODE} 5678`, lang, `dossier-ask-${lang}-001`);
      expect(found.meta, lang).toMatchObject({ intent: "dossier", dossier: "found" });
    }
    // The papers a procedure needs ("hồ sơ") and a civil status ("tình trạng") are not a dossier's progress.
    const papers = await chat(
      "hồ sơ xin xác nhận tình trạng hôn nhân gồm những gì",
      "vi",
      "dossier-ask-vi-002",
    );
    expect(papers.meta?.intent).not.toBe("dossier");
  });

  it("answers a wrong code or wrong digits the same way", async () => {
    await tg(textUpdate("/status 000.00.19.H48-261102-0002 5678", { chatId: 502 }));
    await tg(textUpdate(`/status ${CODE} 1111`, { chatId: 502 }));
    const [a, b] = texts();
    expect(a).toBe(b);
    expect(a).toMatch(/Không tìm thấy hồ sơ/);
  });

  it("answers in each language through /api/chat", async () => {
    const expected: Record<string, RegExp> = {
      en: /Additional documents requested/,
      zh: /需补充材料/,
      ko: /서류 보완 요청/,
      ja: /書類の補正依頼/,
    };
    for (const [lang, pattern] of Object.entries(expected)) {
      const body = await chat(`${CODE} 5678`, lang, `dossier-web-${lang}-01`);
      expect(JSON.stringify(body.replies), lang).toMatch(pattern);
    }
  });

  it("offers no follow button on the web page, which cannot receive pushes", async () => {
    const body = await chat(`${CODE} 5678`, "en", "dossier-web-follow-1");
    expect(JSON.stringify(body.replies)).not.toMatch(/"ds:/);
    const follow = await chat(`/follow ${CODE}`, "en", "dossier-web-follow-1");
    expect(JSON.stringify(follow.replies)).toMatch(/sent through Telegram or Zalo/);
  });

  it("rate-limits lookups per chat", async () => {
    for (let i = 0; i < 10; i++)
      await tg(
        textUpdate(`/status 000.00.19.H48-261102-${String(100 + i).padStart(4, "0")}`, { chatId: 503 }),
      );
    telegram.clear();
    await tg(textUpdate(`/status ${CODE} 5678`, { chatId: 503 }));
    expect(texts().join()).toMatch(/quá nhiều lần/);
  });

  it("pushes exactly one message per change to a subscribed chat, even when the first send fails", async () => {
    await tg(textUpdate(`/status ${CODE} 5678`, { chatId: 504 }));
    // A chat that never looked the dossier up cannot follow it.
    await tg(callbackUpdate(`ds:${KEY}`, { chatId: 505 }));
    expect(texts().join()).toMatch(/Hãy tra cứu hồ sơ trước/);
    await tg(callbackUpdate(`ds:${KEY}`, { chatId: 504 }));
    expect(texts().join()).toMatch(/Đã bật thông báo/);
    telegram.clear();

    telegram.failures.set("sendMessage", { count: 1, code: 500, description: "Internal Server Error" });
    // The ingest queues the push in the reply outbox at once; its first send fails with a 500.
    await ingest([awaitingPayment]);
    await settle();
    const push = pushDeps();
    expect((await built.dossierStore.counts()).pendingPushes).toBe(0);
    expect((await built.outbox.counts()).pending).toBe(1);
    expect(await deliverPushes(push)).toBe(0);
    // The retry is due after the backoff: exactly one message is delivered.
    now = new Date(now.getTime() + 60_000);
    await push.pipeline.drain();
    expect((await built.outbox.counts()).pending).toBe(0);
    const delivered = telegram
      .sent()
      .filter((p) => String(p.chat_id) === "504" && /Chờ nộp phí/.test(String(p.text)));
    expect(delivered).toHaveLength(1);
    expect(telegram.calls.filter((c) => c.method === "sendMessage" && !c.ok)).toHaveLength(1);
    expect(String(delivered[0]?.text)).toMatch(/vừa thay đổi trạng thái/);

    // A replay of the same event queues nothing more.
    await ingest([awaitingPayment]);
    await settle();
    expect(await deliverPushes(push)).toBe(0);
    expect(telegram.sent().filter((p) => /Chờ nộp phí/.test(String(p.text)))).toHaveLength(1);
  });

  it("stops pushing after unsubscribe", async () => {
    await tg(callbackUpdate(`du:${KEY}`, { chatId: 504 }));
    expect(texts().join()).toMatch(/Đã tắt thông báo/);
    telegram.clear();
    await ingest([
      {
        eventId: "ev-5",
        dossierCode: CODE,
        procedureCode: "1.004194",
        status: "result_ready",
        occurredAt: "2026-11-24T02:00:00Z",
      },
    ]);
    await settle();
    expect(await deliverPushes(pushDeps())).toBe(0);
    expect(telegram.sent()).toHaveLength(0);
  });

  it("masks names as 'Nguyễn V. A***'", () => {
    expect(maskApplicantName("Nguyễn Văn An")).toBe("Nguyễn V. A***");
    expect(maskApplicantName("Trần Thị Thu Hà")).toBe("Trần T. T. H***");
    expect(maskApplicantName("Kim")).toBe("K***");
    expect(maskApplicantName(null)).toBeNull();
  });

  it("applies a large batch in chunks: the server takes turns in between, and the batch is all or nothing", async () => {
    const batch = Array.from({ length: 1000 }, (_, i) => ({
      eventId: `bulk-${i}`,
      dossierCode: `000.00.19.H48-261201-${String(i).padStart(4, "0")}`,
      procedureCode: "1.004194",
      status: "received" as const,
      occurredAt: "2026-12-01T02:00:00Z",
    }));
    const before = await built.dossierStore.counts();
    // One bad event after the first chunk (no procedure code: the database refuses it) undoes what came before.
    const broken = batch.map((e, i) => (i === 150 ? { ...e, procedureCode: null as unknown as string } : e));
    await expect(built.dossierStore.ingest(broken, now)).rejects.toThrow();
    expect(await built.dossierStore.counts()).toEqual(before);

    let finished = false;
    const stored = built.dossierStore.ingest(batch, now).then((result) => {
      finished = true;
      return result;
    });
    // A turn of the event loop comes while the batch is being applied (applied in one go, it would end first)…
    expect(await new Promise<boolean>((resolve) => setImmediate(() => resolve(finished)))).toBe(false);
    // …and a statement that arrives meanwhile waits for the batch instead of failing.
    const lookup = built.dossierStore.get("0000019H48-261201-0999");
    expect(await stored).toEqual({ accepted: 1000, duplicates: 0, changed: 1000 });
    expect(await lookup).toMatchObject({ status: "received", procedureCode: "1.004194" });
    // Idempotent as before: the same batch again changes nothing.
    expect(await built.dossierStore.ingest(batch, now)).toEqual({
      accepted: 0,
      duplicates: 1000,
      changed: 0,
    });
    expect((await built.dossierStore.counts()).dossiers).toBe(before.dossiers + 1000);
  });

  it("refuses a body over the size limit with 413 (last: the server closes that connection)", async () => {
    const big = Array.from({ length: 4000 }, (_, i) => ({
      ...events[1],
      eventId: `big-${i}`,
      note: "x".repeat(600),
    }));
    const before = (await built.dossierStore.counts()).events;
    const status = await ingest(big).then(
      (r) => r.status,
      () => 413,
    );
    expect(status).toBe(413);
    expect((await built.dossierStore.counts()).events).toBe(before);
  });
});
