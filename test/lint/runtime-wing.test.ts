/**
 * The runtime wing rule (biome.json: correctness/noNodejsModules outside src/node/ and src/workers/): the code
 * every runtime shares must not reach for Node's built-ins, with or without the node: prefix. The rule runs
 * through the project's own Biome and configuration, once on a scratch tree with planted violations and once
 * on the real src/.
 */
import { execFile } from "node:child_process";
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";

const ROOT = resolve(import.meta.dirname, "../..");
const BIOME = createRequire(import.meta.url).resolve("@biomejs/biome/bin/biome");

interface Diagnostic {
  category?: string;
  location?: { path?: string | { file?: string } };
}

async function nodeModuleImports(cwd: string, target: string): Promise<string[]> {
  // Biome exits non-zero when it finds errors; the JSON report is on stdout either way.
  const { stdout } = await promisify(execFile)(process.execPath, [BIOME, "lint", "--reporter=json", target], {
    cwd,
    maxBuffer: 16 * 1024 * 1024,
  }).catch((error: { stdout?: string }) => ({ stdout: error.stdout ?? "" }));
  const report = JSON.parse(stdout) as { diagnostics: Diagnostic[] };
  return report.diagnostics
    .filter((d) => d.category === "lint/correctness/noNodejsModules")
    .map((d) => {
      const path = d.location?.path;
      return typeof path === "string" ? path : (path?.file ?? "?");
    });
}

describe("runtime wing lint rule", () => {
  const scratch = mkdtempSync(join(tmpdir(), "dvc-wing-"));
  afterAll(() => rmSync(scratch, { recursive: true, force: true }));

  it("flags node:* and bare built-ins in shared code, and allows them in src/node/ and src/workers/", async () => {
    copyFileSync(join(ROOT, "biome.json"), join(scratch, "biome.json"));
    const offending = [
      'import { readFileSync } from "node:fs";',
      'import { gzipSync } from "zlib";',
      "export const used = [readFileSync, gzipSync];",
      "",
    ].join("\n");
    for (const dir of ["src/search", "src/node", "src/workers"]) {
      mkdirSync(join(scratch, dir), { recursive: true });
      writeFileSync(join(scratch, dir, "reads-files.ts"), offending);
    }
    const flagged = await nodeModuleImports(scratch, "src");
    expect(flagged).toEqual(["src/search/reads-files.ts", "src/search/reads-files.ts"]);
  });

  it("finds no Node built-in imported outside the runtime wings in the real src/", async () => {
    expect(await nodeModuleImports(ROOT, "src")).toEqual([]);
  });
});
