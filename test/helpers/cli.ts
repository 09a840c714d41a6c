import { vi } from "vitest";
import { runCli } from "../../src/node/cli.ts";

/**
 * Runs a CLI command in this process (the same code `npm run -s cli` runs, without starting a new Node and
 * tsx for each call): what it prints, and its exit code. Environment variables given here apply to this call only.
 */
export async function cli(args: string[], env: Record<string, string> = {}) {
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
    const code = await runCli(args);
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
