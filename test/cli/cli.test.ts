import { describe, expect, it } from "vitest";
import { LOADED_SOURCES } from "../../src/node/cli.ts";
import { cli as runCli } from "../helpers/cli.ts";

/** The CLI in-process: the same main() as `npm run -s cli`, its output and exit code. */
const cli = (...args: string[]) => runCli(args);

describe("cli", () => {
  it("list --json prints every procedure with names in five languages", async () => {
    // Loaded from dist/assets as a command run loads it (the other tests use the worker's catalogue).
    const { stdout } = await runCli(["list", "--json"], {}, LOADED_SOURCES);
    const rows = JSON.parse(stdout) as {
      code: string;
      names: Record<string, string | null>;
      field: string | null;
      level: string | null;
      curated: boolean;
    }[];
    expect(rows).toHaveLength(5652);
    expect(Object.keys(rows[0] ?? {})).toEqual(["code", "names", "field", "level", "curated"]);
    expect(Object.keys(rows[0]?.names ?? {})).toEqual(["vi", "en", "zh", "ko", "ja"]);
    const household = rows.find((r) => r.code === "1.001612");
    expect(household).toMatchObject({ level: "commune", names: { vi: "Đăng ký thành lập hộ kinh doanh" } });
  });

  it("show prints the card in the asked language, saying where its facts come from", async () => {
    const { stdout } = await cli("show", "3.000330", "--lang", "en");
    expect(stdout).toMatch(/Code 3\.000330/);
    expect(stdout).toMatch(/■ Fees/);
    expect(stdout).toMatch(/244\/2016\/TT-BTC|16\/2025\/TT-BTC/);
    expect(stdout).toMatch(
      /national database of administrative procedures \(July 2026 export\)|Reviewed by the project team on/,
    );
  });

  it("show accepts a code without dots and refuses an unknown code or language clearly", async () => {
    const { stdout } = await cli("show", "1001612");
    expect(stdout).toMatch(/^Đăng ký thành lập hộ kinh doanh/);
    expect(await cli("show", "9.999999")).toMatchObject({
      code: 2,
      stderr: expect.stringMatching(/no procedure with code 9\.999999/),
    });
    expect(await cli("show", "1.001612", "--lang", "fr")).toMatchObject({
      code: 64,
      stderr: expect.stringMatching(/--lang must be one of vi, en, zh, ko, ja/),
    });
  });
});
