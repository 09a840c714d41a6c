import { vi } from "vitest";
import { type CliSources, runCli } from "../../src/node/cli.ts";
import { catalogue, searcher } from "./app.ts";

/** The catalogue and search index this test worker already holds (test/helpers/app.ts). */
export const SHARED_SOURCES: CliSources = { catalogue: () => catalogue, searcher: () => searcher };

/**
 * Runs a CLI command in this process (the same code `npm run -s cli` runs, without starting a new Node and
 * tsx for each call): what it prints, and its exit code. Environment variables given here apply to this call only.
 * Commands read the worker's catalogue and search index unless `sources` says otherwise (LOADED_SOURCES: loaded
 * from dist/assets, as a command run does).
 */
export async function cli(args: string[], env: Record<string, string> = {}, sources = SHARED_SOURCES) {
  const out: string[] = [];
  const err: string[] = [];
  const log = vi
    .spyOn(console, "log")
    .mockImplementation((...a: unknown[]) => void out.push(a.map(String).join(" ")));
  const error = vi
    .spyOn(console, "error")
    .mockImplementation((...a: unknown[]) => void err.push(a.map(String).join(" ")));
  const saved = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
  Object.assign(process.env, env);
  try {
    const code = await runCli(args, sources);
    return {
      code,
      stdout: out.length ? `${out.join("\n")}\n` : "",
      stderr: err.length ? `${err.join("\n")}\n` : "",
    };
  } finally {
    log.mockRestore();
    error.mockRestore();
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}
