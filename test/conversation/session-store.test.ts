import { mkdtempSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createClient } from "@libsql/client";
import { describe, expect, it } from "vitest";
import { MIGRATIONS_DIR } from "../../src/node/paths.ts";
import { migrate, SqliteSessionStore } from "../../src/node/session-store.ts";

describe("SqliteSessionStore on a real SQLite file", () => {
  it("migrates once, keeps sessions across connections, and claims each update once", async () => {
    const file = join(mkdtempSync(join(tmpdir(), "dvc-sqlite-")), "dvc.sqlite");
    const first = createClient({ url: `file:${file}` });
    const all = readdirSync(MIGRATIONS_DIR)
      .filter((f) => f.endsWith(".sql"))
      .sort();
    expect(all.slice(0, 2)).toEqual(["0001_sessions.sql", "0002_dossiers.sql"]);
    expect(await migrate(first, MIGRATIONS_DIR)).toEqual(all);
    expect(await migrate(first, MIGRATIONS_DIR)).toEqual([]);
    const store = new SqliteSessionStore(first);
    await store.set("telegram:42", {
      lang: "ko",
      lastResults: ["1.004194"],
      lastCode: "1.004194",
      dossiers: [],
      lastQuery: "đăng ký tạm trú",
      pendingDossier: null,
    });
    expect(await store.claimUpdate("telegram:1")).toBe(true);
    expect(await store.claimUpdate("telegram:1")).toBe(false);
    first.close();

    const second = new SqliteSessionStore(createClient({ url: `file:${file}` }));
    expect(await second.get("telegram:42")).toEqual({
      lang: "ko",
      lastResults: ["1.004194"],
      lastCode: "1.004194",
      dossiers: [],
      lastQuery: "đăng ký tạm trú",
      pendingDossier: null,
    });
    expect(await second.get("telegram:43")).toBeNull();
    expect(await second.claimUpdate("telegram:1")).toBe(false);
  });

  it("starts a fresh session when a stored row is damaged", async () => {
    const client = createClient({
      url: `file:${join(mkdtempSync(join(tmpdir(), "dvc-sqlite-")), "x.sqlite")}`,
    });
    await migrate(client, MIGRATIONS_DIR);
    await client.execute({
      sql: "INSERT INTO sessions VALUES (?, ?, ?)",
      args: ["web:x", "{not json", "2026-01-01"],
    });
    expect(await new SqliteSessionStore(client).get("web:x")).toBeNull();
  });
});
