/**
 * npm test after the type check: the Node suite (vitest.config.ts) and the Worker's suite inside workerd
 * (test/workers/vitest.config.ts) at the same time. The Worker's suite runs its files one by one and spends most
 * of its ten seconds starting workerd and waiting on it, so run after the Node suite it added that time to every
 * npm test; beside it, it shares the two cores. vitest cannot do this itself: projects with different worker
 * counts run one after the other.
 *
 * dist/assets is built (when stale) before either starts, so the two suites' global setups never build it at
 * once. The Node suite prints as it goes; the Worker's suite's output is held and printed after it, so the two
 * never interleave. The exit code is the first failure's. Arguments go to both (`npm test -- -t parity`), and a
 * filter that leaves one suite without files does not fail it.
 */
import { spawn } from "node:child_process";
import { buildAssets, formatBuildReport } from "../src/node/build.ts";

const args = process.argv.slice(2);
const report = await buildAssets();
if (!report.skipped) console.log(formatBuildReport(report));

const vitest = (extra: string[], held: boolean) =>
  new Promise<{ code: number; output: string }>((resolve) => {
    const child = spawn(process.execPath, ["node_modules/vitest/vitest.mjs", "run", ...extra, ...args], {
      stdio: held ? ["ignore", "pipe", "pipe"] : "inherit",
      env: held ? { ...process.env, FORCE_COLOR: process.stdout.isTTY ? "1" : "0" } : process.env,
    });
    let output = "";
    child.stdout?.on("data", (b: Buffer) => {
      output += b.toString();
    });
    child.stderr?.on("data", (b: Buffer) => {
      output += b.toString();
    });
    child.on("close", (code, signal) => resolve({ code: code ?? (signal ? 1 : 0), output }));
  });

const filtered = args.length > 0 ? ["--passWithNoTests"] : [];
const [node, workers] = await Promise.all([
  vitest(filtered, false),
  vitest(["--config", "test/workers/vitest.config.ts", ...filtered], true),
]);
process.stdout.write(`\n── the Worker's suite (workerd) ──\n${workers.output}`);
process.exitCode = node.code !== 0 ? node.code : workers.code;
