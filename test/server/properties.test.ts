import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CSV_COLUMNS, readDossierCsv } from "../../src/dossiers/csv.ts";
import { parseDossierMessage } from "../../src/dossiers/index.ts";
import { FakeTelegram } from "../e2e/fake-telegram.ts";
import { FakeZalo } from "../e2e/fake-zalo.ts";
import { buildAppWithDatabase, settle } from "../helpers/app.ts";

/**
 * Property tests over everything that parses input from outside: the two webhooks, the chat API (and so the
 * conversation core), the ingest API and the CSV import. Whatever arrives: no 5xx, no throw, no unhandled
 * rejection in the background, and every 4xx says what was wrong.
 */
const TG_SECRET = "property-secret";
const ZALO_SECRET = "zalo-property-secret-0123";
const INGEST = "ingest-token-0123456789abcdef";
const telegram = new FakeTelegram();
const zalo = new FakeZalo();
let built: Awaited<ReturnType<typeof buildAppWithDatabase>>;

const post = (path: string, body: string, headers: Record<string, string> = {}) =>
  built.app.request(path, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body,
  });

async function expectHandled(res: Response) {
  expect(res.status).toBeLessThan(500);
  if (res.status >= 400) {
    const body = (await res.json()) as { message?: unknown; errors?: unknown[] };
    expect(typeof body.message === "string" || Array.isArray(body.errors)).toBe(true);
  }
}

/** Values shaped like a Telegram update, with every field possibly of the wrong type. */
const anyValue = fc.oneof(
  fc.string(),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.object(),
);
const updateLike = fc.record(
  {
    update_id: fc.oneof(fc.nat(), anyValue),
    message: fc.record(
      {
        message_id: fc.oneof(fc.nat(), anyValue),
        date: fc.nat(),
        chat: fc.oneof(
          fc.record({ id: fc.integer(), type: fc.constantFrom("private", "group", "channel") }),
          anyValue,
        ),
        from: fc.oneof(
          fc.record({ id: fc.integer(), is_bot: fc.boolean(), first_name: fc.string() }),
          anyValue,
        ),
        text: fc.oneof(fc.string({ maxLength: 200 }), anyValue),
      },
      { requiredKeys: [] },
    ),
    callback_query: fc.record(
      {
        id: fc.string(),
        from: fc.record({ id: fc.integer(), is_bot: fc.boolean(), first_name: fc.string() }),
        data: fc.string({ maxLength: 64 }),
        inline_message_id: fc.string(),
      },
      { requiredKeys: [] },
    ),
  },
  { requiredKeys: [] },
);

beforeAll(async () => {
  const [tgRoot, zaloRoot] = await Promise.all([telegram.start(), zalo.start()]);
  built = await buildAppWithDatabase({
    TELEGRAM_BOT_TOKEN: "123456789:AAEpropertyTestTokenForTheFakeBotApi",
    TELEGRAM_WEBHOOK_SECRET: TG_SECRET,
    TELEGRAM_API_ROOT: tgRoot,
    ZALO_BOT_TOKEN: "3084562917:propertyTokenForTheFakeZaloApi",
    ZALO_WEBHOOK_SECRET: ZALO_SECRET,
    ZALO_API_ROOT: zaloRoot,
    INGEST_TOKEN: INGEST,
  });
});

afterAll(async () => {
  await settle();
  await Promise.all([telegram.stop(), zalo.stop()]);
});

describe("whatever arrives, no 5xx and no throw", () => {
  it("Telegram webhook: any JSON, and update-shaped values of any type", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.json(),
          updateLike.map((u) => JSON.stringify(u)),
        ),
        async (body) => {
          await expectHandled(
            await post("/webhooks/telegram", body, { "X-Telegram-Bot-Api-Secret-Token": TG_SECRET }),
          );
        },
      ),
      { numRuns: 150 },
    );
    await settle();
    expect(built.log.lines.filter((l) => l.message === "unhandled error")).toEqual([]);
  });

  it("Zalo webhook: any JSON, and event-shaped values of any type", async () => {
    const eventLike = fc.record(
      {
        event_name: fc.oneof(fc.constantFrom("message.text.received", "message.sticker.received"), anyValue),
        message: fc.record(
          {
            message_id: fc.oneof(fc.string(), anyValue),
            from: fc.oneof(fc.record({ id: fc.string() }), anyValue),
            chat: fc.oneof(fc.record({ id: fc.string() }), anyValue),
            text: fc.oneof(fc.string({ maxLength: 200 }), anyValue),
          },
          { requiredKeys: [] },
        ),
      },
      { requiredKeys: [] },
    );
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.json(),
          eventLike.map((e) => JSON.stringify(e)),
        ),
        async (body) => {
          await expectHandled(await post("/webhooks/zalo", body, { "X-Bot-Api-Secret-Token": ZALO_SECRET }));
        },
      ),
      { numRuns: 150 },
    );
    await settle();
  });

  it("chat API (the conversation core): any text in any language answers 200 with replies", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(fc.string({ maxLength: 300 }), fc.string({ unit: "grapheme", maxLength: 120 })),
        fc.constantFrom(undefined, "vi", "en", "zh", "ko", "ja"),
        async (text, lang) => {
          const res = await post("/api/chat", JSON.stringify({ text, lang, sessionId: "property-chat-01" }));
          await expectHandled(res);
          if (res.status === 200)
            expect(((await res.json()) as { replies: unknown[] }).replies.length).toBeGreaterThan(0);
        },
      ),
      { numRuns: 80 },
    );
  });

  it("ingest API: any batch is stored, or refused with every bad item named", async () => {
    const eventLike = fc.record(
      {
        eventId: fc.oneof(fc.string({ maxLength: 20 }), anyValue),
        dossierCode: fc.oneof(fc.constantFrom("000.00.19.H48-261102-0001", "x"), fc.string(), anyValue),
        procedureCode: fc.oneof(fc.constantFrom("1.004194", "9.9"), anyValue),
        status: fc.oneof(fc.constantFrom("received", "processing", "completed"), anyValue),
        occurredAt: fc.oneof(fc.constantFrom("2026-11-02T02:00:00Z", "yesterday"), anyValue),
        phone: fc.oneof(fc.string({ maxLength: 20 }), anyValue),
      },
      { requiredKeys: [] },
    );
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          fc.json(),
          fc.array(eventLike, { maxLength: 5 }).map((events) => JSON.stringify({ events })),
        ),
        async (body) => {
          await expectHandled(
            await post("/api/dossiers/events", body, { Authorization: `Bearer ${INGEST}` }),
          );
        },
      ),
      { numRuns: 100 },
    );
    await settle();
  });

  it("CSV import and the dossier-code finder: any text, no throw", () => {
    const header = CSV_COLUMNS.join(",");
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.string().map((s) => `${header}\n${s}`),
        ),
        (text) => {
          const report = readDossierCsv(text);
          expect(Array.isArray(report.errors)).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
    fc.assert(
      fc.property(fc.string({ maxLength: 500 }), (text) => {
        const found = parseDossierMessage(text);
        if (found) expect(found.code).toMatch(/-\d{6}-\d{3,6}$/);
      }),
      { numRuns: 500 },
    );
  });
});
