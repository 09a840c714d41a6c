/**
 * The help-desk console /staff through the real app (app.request, a real SQLite file): sign-in with the shared hash
 * and with database accounts, cookies, rate limit, CSRF, the handoff queue (one claim wins, the answer reaches the
 * fake Bot API exactly once), saved replies, the gaps report and its CSV, dossier masking per role.
 */
import type { ServerType } from "@hono/node-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { STAFF_JS } from "../../src/channels/web/staff/assets.ts";
import { hashPassword, verifyPassword } from "../../src/channels/web/staff/index.ts";
import { csvCell, gapsCsv, gapsReport, MemoryQueryLog } from "../../src/features/insights/index.ts";
import { FakeTelegram } from "../e2e/fake-telegram.ts";
import { FakeZalo, zaloEvent } from "../e2e/fake-zalo.ts";
import { textUpdate } from "../e2e/updates.ts";
import { buildAppWithDatabase, listen, settle } from "../helpers/app.ts";

const TOKEN = "123456789:AAEtestTokenForTheFakeBotApiServer_x";
const SECRET = "s3cret-webhook-token";
const INGEST = "ingest-token-staff-0123456789";
const ORIGIN = "http://localhost";
const SHARED = "shared-desk-password";
const telegram = new FakeTelegram();
const zalo = new FakeZalo();
const ZALO_SECRET = "zalo-webhook-secret-staff";
let built: Awaited<ReturnType<typeof buildAppWithDatabase>>;
let server: ServerType;
let base = "";

beforeAll(async () => {
  const apiRoot = await telegram.start();
  const zaloRoot = await zalo.start();
  // Few iterations in tests only: the format carries its count, production hashes use 100,000.
  const shared = await hashPassword(SHARED, 1000);
  built = await buildAppWithDatabase({
    STAFF_PASSWORD_HASH: shared,
    STAFF_SESSION_SECRET: "a-test-secret-of-at-least-32-characters",
    TELEGRAM_BOT_TOKEN: TOKEN,
    TELEGRAM_WEBHOOK_SECRET: SECRET,
    TELEGRAM_API_ROOT: apiRoot,
    ZALO_BOT_TOKEN: "3084562917:kJfPqZxWbLmTrNsVyUcHgDaE",
    ZALO_WEBHOOK_SECRET: ZALO_SECRET,
    ZALO_API_ROOT: zaloRoot,
    INGEST_TOKEN: INGEST,
  });
  await built.staff.saveAccount("mai", await hashPassword("mai-password-1", 1000), "staff", new Date());
  await built.staff.saveAccount(
    "hung",
    await hashPassword("hung-password-1", 1000),
    "supervisor",
    new Date(),
  );
  ({ server, base } = await listen(built.app.fetch));
});

afterAll(async () => {
  await new Promise((r) => server.close(r));
  await telegram.stop();
  await zalo.stop();
});

const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();

async function post(
  path: string,
  fields: Record<string, string>,
  cookie = "",
  origin: string | null = ORIGIN,
) {
  return built.app.request(path, {
    method: "POST",
    headers: {
      "content-type": "application/x-www-form-urlencoded",
      ...(origin ? { origin } : {}),
      ...(cookie ? { cookie } : {}),
    },
    body: form(fields),
  });
}

async function signIn(user: string, password: string) {
  const res = await post("/staff/login", { user, password });
  expect(res.status).toBe(303);
  const cookie = (res.headers.get("set-cookie") ?? "").split(";")[0] ?? "";
  const page = await built.app.request("/staff", { headers: { cookie } });
  const html = await page.text();
  const csrf = /name="_csrf" value="([^"]+)"/.exec(html)?.[1] ?? "";
  return { cookie, csrf, html };
}

describe("the console's script", () => {
  it("parses (it is kept as a string, so no compiler checks it)", () => {
    expect(() => new Function(STAFF_JS)).not.toThrow();
  });
});

describe("passwords", () => {
  it("hashes with PBKDF2 in a self-describing format and verifies only the right password", async () => {
    const hash = await hashPassword("correct horse battery", 2000);
    expect(hash).toMatch(/^pbkdf2-sha256\$2000\$[A-Za-z0-9_-]{22}\$[A-Za-z0-9_-]{43}$/);
    expect(await verifyPassword("correct horse battery", hash)).toBe(true);
    expect(await verifyPassword("correct horse batterY", hash)).toBe(false);
    expect(await verifyPassword("correct horse battery", "plain-text")).toBe(false);
    expect(await hashPassword("correct horse battery", 2000)).not.toBe(hash);
  });
});

describe("/staff sign-in", () => {
  it("sends a visitor without a session to the sign-in page, and refuses posts and the CSV with 401", async () => {
    const page = await built.app.request("/staff");
    expect(page.status).toBe(303);
    expect(page.headers.get("location")).toBe("/staff/login");
    const login = await built.app.request("/staff/login");
    expect(login.status).toBe(200);
    const html = await login.text();
    expect(html).toContain('<html lang="vi">');
    expect(html).toContain('autocomplete="current-password"');
    expect(login.headers.get("cache-control")).toBe("no-store");
    expect(login.headers.get("content-security-policy")).toContain("script-src 'self'");
    expect((await built.app.request("/staff/reports.csv")).status).toBe(401);
    expect((await post("/staff/handoffs/1/claim", {})).status).toBe(401);
  });

  it("signs in with the shared password under any name, with a signed HttpOnly SameSite cookie", async () => {
    const res = await post("/staff/login", { user: "Thu", password: SHARED });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/staff");
    const cookie = res.headers.get("set-cookie") ?? "";
    expect(cookie).toMatch(/^dvc_staff=[^;]+\.[^;]+;/);
    expect(cookie).toContain("HttpOnly");
    expect(cookie).toContain("SameSite=Strict");
    expect(cookie).toContain("Path=/staff");
    // Over plain http (tests, localhost) the cookie cannot be Secure; over https it is.
    expect(cookie).not.toContain("Secure");
    const https = await built.app.request("https://dvc.example.org/staff/login", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", origin: "https://dvc.example.org" },
      body: form({ user: "thu", password: SHARED }),
    });
    expect(https.headers.get("set-cookie")).toContain("Secure");
    const { html } = await signIn("thu", SHARED);
    expect(html).toContain("thu (cán bộ)");
  });

  it("refuses a tampered or forged cookie", async () => {
    const { cookie } = await signIn("mai", "mai-password-1");
    const [name, value = ""] = cookie.split("=");
    const payload = decodeURIComponent(value).split(".")[0] ?? "";
    const forged = Buffer.from(
      JSON.stringify({ user: "hung", role: "supervisor", exp: Date.now() + 3600_000, csrf: "x".repeat(24) }),
    ).toString("base64url");
    for (const bad of [
      `${name}=${forged}.${decodeURIComponent(value).split(".")[1]}`,
      `${name}=${payload}`,
    ]) {
      const res = await built.app.request("/staff", { headers: { cookie: bad } });
      expect(res.status).toBe(303);
    }
  });

  it("lets a database account in with its own password and role; the shared password cannot take its name", async () => {
    const { html } = await signIn("hung", "hung-password-1");
    expect(html).toContain("hung (trưởng bộ phận)");
    expect((await post("/staff/login", { user: "hung", password: SHARED })).status).toBe(401);
    expect((await post("/staff/login", { user: "mai", password: "wrong-password" })).status).toBe(401);
  });

  it("rate-limits failed sign-ins per name, even with the right password afterwards", async () => {
    for (let i = 0; i < 5; i++)
      expect((await post("/staff/login", { user: "locked", password: "nope" })).status).toBe(401);
    const res = await post("/staff/login", { user: "locked", password: SHARED });
    expect(res.status).toBe(429);
    expect(res.headers.get("retry-after")).toBe("900");
    expect(await res.text()).toContain("15");
  });

  it("refuses a form from another site or without the session's token (CSRF), and signs out", async () => {
    const { cookie, csrf } = await signIn("mai", "mai-password-1");
    expect((await post("/staff/logout", { _csrf: csrf }, cookie, "https://evil.example")).status).toBe(403);
    expect((await post("/staff/logout", { _csrf: csrf }, cookie, null)).status).toBe(403);
    expect((await post("/staff/logout", { _csrf: "wrong-token-000000000000" }, cookie)).status).toBe(403);
    expect((await post("/staff/logout", {}, cookie)).status).toBe(403);
    const out = await post("/staff/logout", { _csrf: csrf }, cookie);
    expect(out.status).toBe(303);
    expect(out.headers.get("location")).toBe("/staff/login");
    expect(out.headers.get("set-cookie")).toMatch(/dvc_staff=;.*Max-Age=0/);
  });
});

describe("the handoff queue", () => {
  it("shows a Telegram request masked; one staff member claims it, a second cannot; the answer reaches the chat once", async () => {
    telegram.clear();
    const chatId = 777000111;
    const ask = await fetch(`${base}/webhooks/telegram`, {
      method: "POST",
      headers: { "content-type": "application/json", "X-Telegram-Bot-Api-Secret-Token": SECRET },
      body: JSON.stringify(
        textUpdate("gặp nhân viên về hồ sơ 000.00.19.H48-261102-0007, sđt 0987654321", {
          chatId,
          languageCode: "vi",
        }),
      ),
    });
    expect(ask.status).toBe(200);
    await settle();
    const [request] = (await built.handoffs.openHandoffs()).filter((h) => h.chatKey === `telegram:${chatId}`);
    expect(request?.question).not.toMatch(/0987654321|261102/);

    const mai = await signIn("mai", "mai-password-1");
    const thu = await signIn("thu", SHARED);
    expect(mai.html).toContain(`id="h-${request?.id}"`);
    expect(mai.html).not.toContain(String(chatId));
    expect(mai.html).not.toContain("0987654321");
    expect((await post(`/staff/handoffs/${request?.id}/claim`, { _csrf: mai.csrf }, mai.cookie)).status).toBe(
      303,
    );
    const second = await post(`/staff/handoffs/${request?.id}/claim`, { _csrf: thu.csrf }, thu.cookie);
    expect(second.status).toBe(409);
    expect(await second.text()).toContain("mai đã nhận xử lý yêu cầu này");
    // Thu cannot answer or close Mai's request either.
    const nonce = "n0nce-for-the-answer-0001";
    expect(
      (await post(`/staff/handoffs/${request?.id}/answer`, { _csrf: thu.csrf, text: "x", nonce }, thu.cookie))
        .status,
    ).toBe(409);

    const sentBefore = telegram.sent().length;
    const fields = { _csrf: mai.csrf, text: "Chị mang CCCD đến quầy số 3 nhé.", nonce };
    const first = await post(`/staff/handoffs/${request?.id}/answer`, fields, mai.cookie);
    expect(first.status).toBe(303);
    expect(first.headers.get("location")).toContain("done=answered");
    // The same form sent twice (a double click, a retried request) queues nothing more.
    const again = await post(`/staff/handoffs/${request?.id}/answer`, fields, mai.cookie);
    expect(again.headers.get("location")).toContain("done=duplicate");
    await settle();
    await built.deps.pipeline?.drain();
    const answers = telegram.sent().slice(sentBefore);
    expect(answers).toHaveLength(1);
    expect(answers[0]?.chat_id).toBe(String(chatId));
    expect(String(answers[0]?.text)).toContain("Trả lời từ cán bộ một cửa");
    expect(String(answers[0]?.text)).toContain("Chị mang CCCD đến quầy số 3 nhé.");

    const close = await post(
      `/staff/handoffs/${request?.id}/close`,
      { _csrf: mai.csrf, note: "Đã hướng dẫn" },
      mai.cookie,
    );
    expect(close.status).toBe(303);
    const stored = await built.handoffs.handoff(request?.id ?? 0);
    expect(stored).toMatchObject({
      status: "closed",
      claimedBy: "mai",
      closeNote: "Đã hướng dẫn",
      answers: 1,
    });
    const queue = await (await built.app.request("/staff", { headers: { cookie: mai.cookie } })).text();
    expect(queue).toContain("Đã hướng dẫn");
  });

  it("answers a Zalo request into the Zalo chat, in plain text, once", async () => {
    const chatId = "5a6b7c8d9e0f1a2b";
    const ask = await fetch(`${base}/webhooks/zalo`, {
      method: "POST",
      headers: { "content-type": "application/json", "X-Bot-Api-Secret-Token": ZALO_SECRET },
      body: JSON.stringify(zaloEvent("cho tôi gặp cán bộ, việc đăng ký tạm trú", { chatId })),
    });
    expect(ask.status).toBe(200);
    await settle();
    const request = (await built.handoffs.openHandoffs()).find((h) => h.chatKey === `zalo:${chatId}`);
    expect(request?.channel).toBe("zalo");
    const hung = await signIn("hung", "hung-password-1");
    expect(hung.html).toContain(`<h2 id="h-${request?.id}-t">#${request?.id} · Zalo`);
    const before = zalo.calls.filter(
      (c) => c.method === "sendMessage" && c.payload.chat_id === chatId,
    ).length;
    const fields = {
      _csrf: hung.csrf,
      text: "Anh mang CCCD và giấy tờ chỗ ở <hợp pháp> nhé.",
      nonce: "zalo-answer-nonce-00001",
    };
    expect((await post(`/staff/handoffs/${request?.id}/answer`, fields, hung.cookie)).status).toBe(303);
    await post(`/staff/handoffs/${request?.id}/answer`, fields, hung.cookie);
    await settle();
    await built.deps.pipeline?.drain();
    const sent = zalo.calls
      .filter((c) => c.method === "sendMessage" && c.payload.chat_id === chatId)
      .slice(before);
    expect(sent.map((c) => c.payload.text)).toEqual([
      "💬 Trả lời từ cán bộ một cửa:\nAnh mang CCCD và giấy tờ chỗ ở <hợp pháp> nhé.",
    ]);
  });

  it("says a web chat request cannot be answered in the chat, and closes it with a note", async () => {
    const chat = await built.app.request("/api/chat", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ text: "tôi muốn gặp nhân viên", sessionId: "web-session-staff-1" }),
    });
    expect(chat.status).toBe(200);
    const web = (await built.handoffs.openHandoffs()).find((h) => h.chatKey === "web:web-session-staff-1");
    const hung = await signIn("hung", "hung-password-1");
    await post(`/staff/handoffs/${web?.id}/claim`, { _csrf: hung.csrf }, hung.cookie);
    const page = await (await built.app.request("/staff", { headers: { cookie: hung.cookie } })).text();
    expect(page).toContain("không nhận được tin nhắn sau đó");
    const answer = await post(
      `/staff/handoffs/${web?.id}/answer`,
      { _csrf: hung.csrf, text: "x", nonce: "another-nonce-000000001" },
      hung.cookie,
    );
    expect(answer.status).toBe(409);
    expect(
      (await post(`/staff/handoffs/${web?.id}/close`, { _csrf: hung.csrf, note: "Gọi lại" }, hung.cookie))
        .status,
    ).toBe(303);
  });
});

describe("search, saved replies, reports, dossiers", () => {
  it("searches with names in five languages side by side and the answer text in the visitor's language first", async () => {
    const { cookie } = await signIn("mai", "mai-password-1");
    const res = await built.app.request("/staff/search?q=ho+kinh+doanh&to=en&code=1.001612", {
      headers: { cookie },
    });
    const html = await res.text();
    expect(res.status).toBe(200);
    expect(html).toContain("Registration of household business establishment");
    expect(html).toMatch(/<dd lang="ja">[^<]+<\/dd>/);
    const first = /<section class="card answer-lang visitor" aria-labelledby="al-(\w+)">/.exec(html)?.[1];
    expect(first).toBe("en");
    expect(html).toContain('data-copy="text-en"');
    expect(html).toContain("/p/1.001612?lang=en");
  });

  it("keeps saved replies per person, shares the shared ones, and lets only the owner delete", async () => {
    const mai = await signIn("mai", "mai-password-1");
    const thu = await signIn("thu", SHARED);
    const saved = await post(
      "/staff/replies",
      {
        _csrf: mai.csrf,
        title: "Giờ làm việc",
        lang: "vi",
        body: "Sáng 7:30–11:30, chiều 13:30–17:00.",
        shared: "1",
      },
      mai.cookie,
    );
    expect(saved.status).toBe(303);
    await post(
      "/staff/replies",
      { _csrf: mai.csrf, title: "Riêng tư", lang: "en", body: "Private" },
      mai.cookie,
    );
    const seen = await (
      await built.app.request("/staff/replies", { headers: { cookie: thu.cookie } })
    ).text();
    expect(seen).toContain("Giờ làm việc");
    expect(seen).toContain("mai chia sẻ");
    expect(seen).not.toContain("Riêng tư");
    const [shared] = (await built.staff.replies("thu")).filter((r) => r.title === "Giờ làm việc");
    expect((await post(`/staff/replies/${shared?.id}/delete`, { _csrf: thu.csrf }, thu.cookie)).status).toBe(
      404,
    );
    expect((await post(`/staff/replies/${shared?.id}/delete`, { _csrf: mai.csrf }, mai.cookie)).status).toBe(
      303,
    );
  });

  it("counts a zero-result query and a listed query in the report, and the CSV carries no chat id", async () => {
    for (const text of ["qwxzv plorf 0912345678", "ho chieu"]) {
      await built.app.request("/api/chat", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ text, sessionId: "report-session-0001" }),
      });
    }
    // A query that a spreadsheet would run as a formula, as the log stores it.
    await built.insights.record({
      channel: "zalo",
      lang: "vi",
      intent: "notFound",
      query: "=qwxzv(1)",
      results: 0,
      procedureCode: null,
      outcome: "none",
      savingVnd: null,
      createdAt: new Date(),
    });
    const { cookie } = await signIn("mai", "mai-password-1");
    const html = await (await built.app.request("/staff/reports", { headers: { cookie } })).text();
    expect(html).toContain("Câu hỏi không tìm thấy gì");
    expect(html).toMatch(/<q>qwxzv plorf \[…\]<\/q>/);
    const csv = await built.app.request("/staff/reports.csv?days=30", { headers: { cookie } });
    expect(csv.headers.get("content-type")).toBe("text/csv; charset=utf-8");
    expect(csv.headers.get("content-disposition")).toMatch(
      /attachment; filename="dvc-gaps-\d{4}-\d{2}-\d{2}\.csv"/,
    );
    const bytes = new Uint8Array(await csv.clone().arrayBuffer());
    // A byte order mark first, so spreadsheet programs read UTF-8.
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = await csv.text();
    expect(text.split("\r\n")[0]).toBe("section,item,name,count,vnd");
    expect(text).toContain("not_found,qwxzv plorf […],,1,");
    expect(text).not.toMatch(/report-session|0912345678/);
    // A query that would run as a formula in a spreadsheet is neutralised.
    expect(text).toContain("not_found,'=qwxzv(1),,1,");
    expect(text).not.toMatch(/(^|,)=qwxzv/m);
  });

  it("shows a dossier masked for staff and in full for a supervisor", async () => {
    await fetch(`${base}/api/dossiers/events`, {
      method: "POST",
      headers: { "content-type": "application/json", Authorization: `Bearer ${INGEST}` },
      body: JSON.stringify({
        events: [
          {
            eventId: "staff-1",
            dossierCode: "000.00.19.H48-261102-0009",
            procedureCode: "1.004194",
            status: "processing",
            occurredAt: "2026-11-02T02:00:00Z",
            applicantName: "Trần Thị Bình",
            phone: "0987 654 321",
            receivedAt: "2026-11-02T02:00:00Z",
          },
        ],
      }),
    });
    const mai = await signIn("mai", "mai-password-1");
    const masked = await (
      await post("/staff/dossier", { _csrf: mai.csrf, code: "000.00.19.h48-261102-0009" }, mai.cookie)
    ).text();
    expect(masked).toContain("Trần T. B***");
    expect(masked).not.toContain("Trần Thị Bình");
    expect(masked).not.toMatch(/654|0987/);
    expect(masked).toContain("Đang giải quyết");
    const hung = await signIn("hung", "hung-password-1");
    const full = await (
      await post("/staff/dossier", { _csrf: hung.csrf, code: "000.00.19.H48-261102-0009" }, hung.cookie)
    ).text();
    expect(full).toContain("Trần Thị Bình");
  });
});

describe("the gaps report and its CSV", () => {
  it("escapes CSV cells as RFC 4180 and neutralises formulas", () => {
    expect(csvCell('say "hi", then\nleave')).toBe('"say ""hi"", then\nleave"');
    expect(csvCell("=1+1")).toBe("'=1+1");
    expect(csvCell("+84 912")).toBe("'+84 912");
    expect(csvCell("-x")).toBe("'-x");
    expect(csvCell("@SUM(A1)")).toBe("'@SUM(A1)");
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvCell(42)).toBe("42");
  });

  it("counts abandoned lists, not-found queries, languages and savings, with masked queries", async () => {
    const log = new MemoryQueryLog();
    const at = new Date("2026-12-01T00:00:00Z");
    const base = {
      channel: "telegram",
      lang: "vi" as const,
      results: 0,
      procedureCode: null,
      savingVnd: null,
      createdAt: at,
    };
    await log.record({
      ...base,
      intent: "notFound",
      query: "hồ sơ 000.00.19.H48-261102-0007",
      outcome: "none",
    });
    const listed = await log.record({
      ...base,
      intent: "list",
      query: "ho chieu",
      results: 5,
      outcome: "offered",
    });
    await log.record({ ...base, intent: "list", query: "tam tru", results: 3, outcome: "offered" });
    await log.markChosen(listed);
    await log.record({
      ...base,
      lang: "ja",
      intent: "card",
      query: "パスポート",
      results: 1,
      procedureCode: "1.001612",
      outcome: "found",
      savingVnd: 50_000,
    });
    const report = await gapsReport(log, new Date("2026-11-01T00:00:00Z"), new Date("2026-12-02T00:00:00Z"));
    expect(report.queries).toBe(4);
    expect(report.notFound).toEqual([{ key: "hồ sơ […]", count: 1 }]);
    expect(report.abandoned).toEqual([{ key: "tam tru", count: 1 }]);
    expect(report.languages).toEqual([
      { key: "vi", count: 3 },
      { key: "ja", count: 1 },
    ]);
    expect(report.savings).toEqual({
      cards: 1,
      totalVnd: 50_000,
      procedures: [{ key: "1.001612", count: 1, vnd: 50_000 }],
    });
    const csv = gapsCsv(report, (code) => `name of ${code}`);
    expect(csv).toContain("online_saving,1.001612,name of 1.001612,1,50000\r\n");
  });
});
