/** The D1 reply outbox counts through the partial indexes of migrations 0004 and 0006, as the SQLite one does. */
import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { jsonLogger } from "../../src/log.ts";
import { D1ReplyOutbox } from "../../src/workers/d1-outbox.ts";
import { KvSessionStore } from "../../src/workers/kv-sessions.ts";
import { request } from "./helpers.ts";

const outbox = () => new D1ReplyOutbox(env.DB, new KvSessionStore(env.KV), jsonLogger("silent"));

/** The counts the old way, one pass over every row: what the indexed counts must agree with. */
async function scanned() {
  const row = await env.DB.prepare(
    `SELECT SUM(sent_at IS NULL AND dropped_at IS NULL) AS pending, SUM(sent_at IS NOT NULL) AS sent,
            SUM(dropped_at IS NOT NULL) AS dropped FROM reply_outbox`,
  ).first<{ pending: number | null; sent: number | null; dropped: number | null }>();
  return { pending: row?.pending ?? 0, sent: row?.sent ?? 0, dropped: row?.dropped ?? 0 };
}

describe("the D1 reply outbox's counts (/readyz)", () => {
  it("counts pending, sent and dropped messages as a pass over the table does", async () => {
    const box = outbox();
    const now = new Date("2026-12-01T08:00:00Z");
    const before = await box.counts();
    expect(before).toEqual(await scanned());
    for (let u = 0; u < 6; u++) {
      const committed = await box.commit(
        {
          updateKey: `counts:${u}`,
          sessions: [],
          messages: [0, 1].map((i) => ({
            chatKey: `telegram:9${u}`,
            method: "sendMessage",
            payload: { chat_id: 90 + u, text: `message ${u}.${i}` },
          })),
        },
        now,
      );
      expect(committed).toBe(true);
    }
    // Each chat's first message is leased; three of them go out, two are refused for good, one waits.
    const jobs = (await box.lease(now, 100, new Date(now.getTime() + 60_000))).filter((j) =>
      j.updateKey.startsWith("counts:"),
    );
    expect(jobs).toHaveLength(6);
    for (const job of jobs.slice(0, 3)) await box.markSent(job.id, now);
    for (const job of jobs.slice(3, 5)) await box.drop(job.id, "403: bot was blocked by the user", now);

    const counts = await box.counts();
    expect(counts).toEqual(await scanned());
    expect(counts).toEqual({
      pending: before.pending + 7,
      sent: before.sent + 3,
      dropped: before.dropped + 2,
    });
    const ready = (await (await request("/readyz")).json()) as { status: string; outbox: string };
    expect(ready).toMatchObject({ status: "ready", outbox: `${counts.pending} pending` });
  });

  it("reads the pending and dropped counts from the partial indexes, not from the table's rows", async () => {
    // The same conditions as counts(), one at a time: SQLite scans the partial index of that state only, and D1
    // reads (and bills) one row per message in that state, however many sent ones the table keeps.
    const count = async (where: string) => {
      const sql = `SELECT COUNT(*) AS n FROM reply_outbox WHERE ${where}`;
      const plan = await env.DB.prepare(`EXPLAIN QUERY PLAN ${sql}`).all<{ detail: string }>();
      const counted = await env.DB.prepare(sql).all<{ n: number }>();
      return {
        plan: plan.results.map((r) => r.detail).join("; "),
        n: counted.results[0]?.n,
        rowsRead: counted.meta.rows_read,
      };
    };
    const counts = await outbox().counts();
    const pending = await count("sent_at IS NULL AND dropped_at IS NULL");
    expect(pending.plan).toMatch(/^SCAN reply_outbox USING (COVERING )?INDEX reply_outbox_(due|chat)$/);
    expect(pending).toMatchObject({ n: counts.pending, rowsRead: counts.pending });
    const dropped = await count("dropped_at IS NOT NULL");
    expect(dropped.plan).toMatch(/^SCAN reply_outbox USING (COVERING )?INDEX reply_outbox_dropped$/);
    expect(dropped).toMatchObject({ n: counts.dropped, rowsRead: counts.dropped });
  });
});
