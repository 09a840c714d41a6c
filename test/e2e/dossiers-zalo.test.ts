import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pendingWork } from "../../src/server/app.ts";
import { buildAppWithDatabase } from "../helpers/app.ts";
import { FakeZalo, zaloEvent } from "./fake-zalo.ts";

const ZALO_TOKEN = "3084562917:kJfPqZxWbLmTrNsVyUcHgDaE";
const SECRET = "zalo-webhook-secret-0123";
const INGEST = "ingest-token-0123456789abcdef";
const CODE = "000.00.19.H48-261112-0009";
const zalo = new FakeZalo();
let now = new Date("2026-11-25T03:00:00Z");
let built: Awaited<ReturnType<typeof buildAppWithDatabase>>;

const post = async (path: string, body: unknown, headers: Record<string, string>) => {
  const res = await built.app.request(path, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify(body),
  });
  while (pendingWork.size > 0) await Promise.allSettled([...pendingWork]);
  return res;
};
const say = (text: string) =>
  post("/webhooks/zalo", zaloEvent(text, { chatId: "zchat-1" }), { "X-Bot-Api-Secret-Token": SECRET });
const ingest = (events: unknown[]) =>
  post("/api/dossiers/events", { events }, { Authorization: `Bearer ${INGEST}` });

beforeAll(async () => {
  const root = await zalo.start();
  built = await buildAppWithDatabase(
    { ZALO_BOT_TOKEN: ZALO_TOKEN, ZALO_WEBHOOK_SECRET: SECRET, ZALO_API_ROOT: root, INGEST_TOKEN: INGEST },
    () => now,
  );
});

afterAll(() => zalo.stop());

describe("dossier status on Zalo", () => {
  it("looks a dossier up, follows it by text command, and receives one push per change", async () => {
    await ingest([
      {
        eventId: "z-1",
        dossierCode: CODE,
        procedureCode: "1.004194",
        status: "received",
        occurredAt: "2026-11-12T02:00:00Z",
        applicantName: "Phạm Minh Châu",
      },
    ]);
    await say(`ho so ${CODE} the nao roi`);
    const answer = zalo.sent().join("\n");
    expect(answer).toMatch(/Phạm M\. C\*\*\*/);
    expect(answer).toMatch(/\/follow 0000019H48-261112-0009/);
    zalo.clear();
    await say("/follow 0000019H48-261112-0009");
    expect(zalo.sent().join()).toMatch(/Đã bật thông báo/);
    zalo.clear();

    zalo.failures.set("sendMessage", { count: 1, code: -214, description: "Rate limit" });
    await ingest([
      {
        eventId: "z-2",
        dossierCode: CODE,
        procedureCode: "1.004194",
        status: "result_ready",
        occurredAt: "2026-11-14T02:00:00Z",
      },
    ]);
    // The ingest queued the push and its first send was refused; the retry is due after the backoff.
    now = new Date(now.getTime() + 120_000);
    await built.deps.pipeline?.drain();
    const pushes = zalo.calls.filter(
      (c) =>
        c.method === "sendMessage" &&
        c.payload.chat_id === "zchat-1" &&
        /vừa thay đổi/.test(String(c.payload.text)),
    );
    // One failed attempt, then exactly one delivered.
    expect(pushes).toHaveLength(2);
    expect((await built.dossierStore.counts()).pendingPushes).toBe(0);
    expect(String(pushes[1]?.payload.text)).toMatch(/Đã có kết quả/);
  });
});
