import { beforeAll, describe, expect, it } from "vitest";
import { LOOKUP_LIMITS, MemoryRateLimiter } from "../../src/dossiers/index.ts";
import { buildAppWithDatabase } from "../helpers/app.ts";

/** Dossier lookups cannot be used to find out which codes exist, or to lock their owners out. */
const CODE = "000.00.19.H48-261120-0042";
const now = new Date("2026-11-25T03:00:00Z");
let built: Awaited<ReturnType<typeof buildAppWithDatabase>>;

const chat = async (text: string, sessionId?: string) => {
  const res = await built.app.request("/api/chat", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ text, lang: "en", ...(sessionId ? { sessionId } : {}) }),
  });
  return JSON.stringify(((await res.json()) as { replies: unknown }).replies);
};

beforeAll(async () => {
  built = await buildAppWithDatabase({}, () => now);
  await built.dossierStore.ingest(
    [
      {
        eventId: "p-1",
        dossierCode: CODE,
        procedureCode: "1.004194",
        status: "processing",
        occurredAt: "2026-11-20T02:00:00.000Z",
        phone: "0912 345 678",
      },
    ],
    now,
  );
});

describe("dossier privacy", () => {
  it("answers an unknown code and a code that needs phone digits alike", async () => {
    const real = await chat(`status of ${CODE}`, "privacy-same-0001");
    const unknown = await chat("status of 000.00.19.H48-261120-0043", "privacy-same-0002");
    expect(real).toMatch(/last 4 digits/);
    expect(real.replace(CODE, "<code>")).toBe(unknown.replace("000.00.19.H48-261120-0043", "<code>"));
  });

  it("limits lookups per source, so a new sessionId each time does not reset the count", async () => {
    const answers: string[] = [];
    for (let i = 0; i < LOOKUP_LIMITS.perSource.limit + 5; i++)
      answers.push(await chat(`000.00.19.H48-261121-${String(i).padStart(4, "0")} 1234`));
    // The first ones are answered; past the source's limit (the test before used two), none is.
    expect(answers[0]).toMatch(/No dossier matches/);
    for (const a of answers.slice(-7)) expect(a).toMatch(/Too many lookups/);
    expect(answers.filter((a) => /Too many lookups/.test(a))).toHaveLength(7);
  });

  it("does not lock the owner out after others' wrong guesses, and stops the guessers", async () => {
    const service = built.deps.dossiers;
    if (!service) throw new Error("no dossier service");
    const at = new Date(now.getTime() + 1000);
    for (let i = 0; i < LOOKUP_LIMITS.perCode.limit + 5; i++) {
      const r = await service.lookup(
        CODE,
        String(1000 + i),
        `telegram:${900 + i}`,
        at,
        `telegram:user:${900 + i}`,
      );
      expect(r.kind).not.toBe("found");
    }
    // A guesser that already guessed wrong may not try again, even with the right digits.
    expect((await service.lookup(CODE, "5678", "telegram:900", at, "telegram:user:900")).kind).toBe(
      "rate_limited",
    );
    // The owner, with the right digits, still gets the answer.
    expect((await service.lookup(CODE, "5678", "telegram:42", at, "telegram:user:42")).kind).toBe("found");
  });

  it("expires each rate-limit key by its own window when sweeping", () => {
    const limiter = new MemoryRateLimiter(10);
    const hour = 60 * 60_000;
    limiter.take("code:A", 1, hour, 0);
    // Many short-window keys, eleven minutes later: the sweep must keep the one-hour key.
    for (let i = 0; i < 12; i++) limiter.take(`chat:${i}`, 10, 10 * 60_000, 11 * 60_000);
    expect(limiter.count("code:A", hour, 11 * 60_000)).toBe(1);
    expect(limiter.take("code:A", 1, hour, 11 * 60_000)).toBe(false);
    // Past their windows, both kinds go.
    for (let i = 0; i < 12; i++) limiter.take(`later:${i}`, 10, 10 * 60_000, 2 * hour);
    expect(limiter.size).toBeLessThanOrEqual(13);
  });
});
