import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createClient } from "@libsql/client";
import { type DossierEvent, DossierService, MemoryRateLimiter } from "../src/dossiers/index.ts";
import { loadCatalogue } from "../src/node/catalogue.ts";
import { SqliteDossierStore } from "../src/node/dossier-store.ts";
import { MIGRATIONS_DIR } from "../src/node/paths.ts";
import { migrate } from "../src/node/session-store.ts";
import { ms, summarize, table } from "./stats.ts";

/**
 * Dossier ingest throughput (batches of 1,000 events into a real SQLite file) against plain INSERTs of the same
 * rows in the same file, and status-lookup latency against a bare primary-key SELECT.
 */
const BATCHES = 20;

function batch(b: number): DossierEvent[] {
  const statuses = [
    "received",
    "processing",
    "supplement_requested",
    "awaiting_payment",
    "result_ready",
  ] as const;
  return Array.from({ length: 1000 }, (_, i) => {
    const n = b * 1000 + i;
    const dossier = Math.floor(n / 5);
    return {
      eventId: `bench-${n}`,
      dossierCode: `000.00.19.H48-261101-${String(dossier).padStart(5, "0")}`,
      procedureCode: "1.004194",
      status: statuses[n % 5] ?? "received",
      occurredAt: new Date(Date.UTC(2026, 10, 1) + n * 60_000).toISOString(),
      applicantName: "Nguyễn Văn An",
      receivedAt: new Date(Date.UTC(2026, 10, 1)).toISOString(),
    };
  });
}

export async function benchDossiers(): Promise<string> {
  const client = createClient({
    url: `file:${join(mkdtempSync(join(tmpdir(), "dvc-bench-")), "bench.sqlite")}`,
  });
  await migrate(client, MIGRATIONS_DIR);
  await client.execute(
    "CREATE TABLE bare (event_id TEXT PRIMARY KEY, code TEXT, status TEXT, occurred_at TEXT)",
  );
  const store = new SqliteDossierStore(client);

  const ours: number[] = [];
  const bare: number[] = [];
  for (let b = 0; b < BATCHES; b++) {
    const events = batch(b);
    let t = performance.now();
    await store.ingest(events, new Date());
    ours.push(performance.now() - t);
    t = performance.now();
    const tx = await client.transaction("write");
    for (const e of events) {
      await tx.execute({
        sql: "INSERT INTO bare VALUES (?, ?, ?, ?)",
        args: [e.eventId, e.dossierCode, e.status, e.occurredAt],
      });
    }
    await tx.commit();
    tx.close();
    bare.push(performance.now() - t);
  }
  const rate = (samples: number[]) =>
    Math.round((BATCHES * 1000) / (samples.reduce((a, b) => a + b, 0) / 1000));

  const service = new DossierService(store, loadCatalogue(), new MemoryRateLimiter());
  const codes = Array.from(
    { length: 2000 },
    (_, i) => `000.00.19.H48-261101-${String((i * 7) % 4000).padStart(5, "0")}`,
  );
  const lookups: number[] = [];
  const raw: number[] = [];
  for (const [i, code] of codes.entries()) {
    let t = performance.now();
    await service.lookup(code, null, `bench:${i}`, new Date());
    lookups.push(performance.now() - t);
    t = performance.now();
    await client.execute({
      sql: "SELECT * FROM dossiers WHERE code_key = ?",
      args: [code.replace(/\./g, "")],
    });
    raw.push(performance.now() - t);
  }
  const l = summarize(lookups);
  const r = summarize(raw);
  client.close();
  return [
    `dossiers: ${BATCHES} batches of 1,000 events (idempotency check, order-safe upsert, outbox) into SQLite; 2,000 lookups`,
    table([
      ["", "ours", "baseline", "ratio"],
      [
        "ingest events/s",
        rate(ours),
        `${rate(bare)} (plain INSERT)`,
        `${(rate(bare) / rate(ours)).toFixed(1)}× slower`,
      ],
      ["lookup p50", ms(l.p50), `${ms(r.p50)} (PK SELECT)`, `${(l.p50 / r.p50).toFixed(1)}×`],
      ["lookup p99", ms(l.p99), ms(r.p99), `${(l.p99 / r.p99).toFixed(1)}×`],
    ]),
  ].join("\n");
}
