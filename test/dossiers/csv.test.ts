import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createClient } from "@libsql/client";
import { describe, expect, it } from "vitest";
import { parseCsvRows, readDossierCsv } from "../../src/dossiers/csv.ts";
import { SqliteDossierStore } from "../../src/node/dossier-store.ts";
import { cli as runCli } from "../helpers/cli.ts";

const ROOT = new URL("../..", import.meta.url).pathname;
const fixture = (name: string) => join(ROOT, "test/fixtures/dossiers", name);

describe("dossier CSV import", () => {
  it("parses quoted cells with commas and doubled quotes", () => {
    const rows = parseCsvRows('a,b\n1,"x, ""y"""\n');
    expect(rows).toEqual([
      { line: 1, cells: ["a", "b"] },
      { line: 2, cells: ["1", 'x, "y"'] },
    ]);
  });

  it("reports every bad cell with its line number", () => {
    const report = readDossierCsv(
      "eventId,dossierCode,procedureCode,status,occurredAt\nb-2,000.00.19.H48-261110-0008,1004194,received,2026-11-10\nb-3,000.00.19.H48-261110-0008,1.004194,teleported,nope\n",
    );
    expect(report.errors.map((e) => [e.line, e.field])).toEqual([
      [2, "procedureCode"],
      [3, "status"],
      [3, "occurredAt"],
    ]);
  });

  it("imports through the CLI into a real SQLite file, with a dry run that writes nothing", async () => {
    const db = join(mkdtempSync(join(tmpdir(), "dvc-csv-")), "dvc.sqlite");
    const cli = (...args: string[]) => runCli(args, { DATABASE_URL: db });

    const dry = await cli("import-dossiers", fixture("events.csv"), "--dry-run");
    expect(dry.stdout).toMatch(/dry run: 3 valid events/);

    expect(await cli("import-dossiers", fixture("broken.csv"))).toMatchObject({
      code: 1,
      stderr: expect.stringMatching(/line 3: procedureCode: .*\n.*line 4: status/s),
    });

    const real = await cli("import-dossiers", fixture("events.csv"));
    expect(real.stdout).toMatch(/3 accepted, 0 duplicates/);
    const again = await cli("import-dossiers", fixture("events.csv"));
    expect(again.stdout).toMatch(/0 accepted, 3 duplicates/);
    const dossier = await new SqliteDossierStore(createClient({ url: `file:${db}` })).get(
      "0000019H48-261110-0007",
    );
    expect(dossier?.status).toBe("supplement_requested");
    expect(dossier?.note).toBe('Thiếu bản sao hợp đồng thuê nhà, "có công chứng"');
  });
});
