import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { openDatabase, sql } from "../../src/node/database.ts";

/** WAL checkpoints run on their own thread (src/node/checkpointer.ts), not inside the server's commits. */
describe("background WAL checkpoints", () => {
  it("copies commits into the database file off the server's connection, and the log restarts under steady writes", async () => {
    const file = join(mkdtempSync(join(tmpdir(), "dvc-ckpt-")), "dvc.sqlite");
    const client = await openDatabase(`file:${file}`, { checkpoints: { intervalMs: 5, fenceFrames: 40 } });
    try {
      const db = sql(client);
      await db.run("CREATE TABLE t (id INTEGER PRIMARY KEY, body TEXT NOT NULL)");
      // The server's own connection never checkpoints.
      expect((await db.all("PRAGMA wal_autocheckpoint"))[0]?.wal_autocheckpoint).toBe(0);
      const empty = statSync(file).size;
      const body = "x".repeat(3000);
      let commits = 0;
      // Commits one after another, a turn of the event loop between them (as the reply pipeline gives them):
      // they go on until the thread has copied rows into the file and the log has restarted at least once.
      // The log's salt (header bytes 16–23, sqlite.org/fileformat2.html#walformat) changes when it restarts.
      const salt = () => readFileSync(`${file}-wal`).subarray(16, 24).toString("hex");
      const first = salt();
      let restarted = false;
      while (commits < 20_000 && !(restarted && statSync(file).size > empty)) {
        await db.write([{ sql: "INSERT INTO t (body) VALUES (?)", args: [body] }]);
        commits++;
        await new Promise((resolve) => setImmediate(resolve));
        if (salt() !== first) restarted = true;
      }
      expect(statSync(file).size).toBeGreaterThan(empty);
      expect(restarted).toBe(true);
      expect((await db.all("SELECT COUNT(*) AS n FROM t"))[0]?.n).toBe(commits);
    } finally {
      client.close();
    }
  });

  it("never keeps a process alive: a script that opens the database and ends, ends", () => {
    const file = join(mkdtempSync(join(tmpdir(), "dvc-ckpt-")), "dvc.sqlite");
    const database = new URL("../../src/node/database.ts", import.meta.url).href;
    const script = `const { openDatabase } = await import(${JSON.stringify(database)});
      const client = await openDatabase(${JSON.stringify(`file:${file}`)});
      await client.execute("CREATE TABLE t (x)");`;
    // A hang is what this guards against: the limit only ends it (a normal run takes about a second).
    const run = spawnSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], {
      timeout: 60_000,
      encoding: "utf8",
    });
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
  });
});
