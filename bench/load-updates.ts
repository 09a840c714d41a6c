import { type ChildProcess, fork } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { callbackUpdate, textUpdate } from "../test/e2e/updates.ts";

/**
 * What bench/load.ts and bench/load-cpu.ts share: one bot, one secret, the same texts and mixed updates, the same
 * server process.
 */
export const TOKEN = "123456789:AAEloadBenchTokenForTheFakeBotApi_xy";
export const SECRET = "load-bench-secret";
export const INGEST_TOKEN = "load-bench-ingest-token-0123456789";
/**
 * How the benches start their server process (bench/load-server.ts) so it runs as `npm start`'s does: with the V8
 * flags of package.json's start script (the young generation's and the heap's size) and the runtime build's
 * condition (no bundled term base: each record brings its term translations, as in dist/node/server.js), plus
 * --expose-gc for the memory figures. `profileDir` adds a --cpu-prof written there.
 */
export function serverExecArgv(profileDir?: string): string[] {
  const start: string = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")).scripts
    .start;
  return [
    "--expose-gc",
    ...start.split(" ").filter((arg) => arg.startsWith("--")),
    "--conditions=dvc-runtime",
    // Extra flags to try (e.g. BENCH_NODE_FLAGS="--single-threaded-gc").
    ...(process.env.BENCH_NODE_FLAGS ?? "").split(" ").filter(Boolean),
    "--import",
    "tsx",
    ...(profileDir ? ["--cpu-prof", `--cpu-prof-dir=${profileDir}`] : []),
  ];
}

/** The bench's server process, listening: the real app's port and the bare route's. */
export interface BenchServer {
  child: ChildProcess;
  appPort: number;
  barePort: number;
  /** Stops it (SIGTERM; it writes its profile, where asked, as it exits). */
  stop(): Promise<void>;
}

/**
 * Starts bench/load-server.ts (see serverExecArgv) on a fresh SQLite file, sending to the fake Bot API at `apiRoot`.
 * A server that dies before stop() (a stale build, a crash) ends the bench instead of leaving it waiting for an answer.
 */
export async function startServer(apiRoot: string, profileDir?: string): Promise<BenchServer> {
  const child = fork(new URL("./load-server.ts", import.meta.url).pathname, [], {
    execArgv: serverExecArgv(profileDir),
    env: {
      ...process.env,
      BENCH_DB: join(mkdtempSync(join(tmpdir(), "dvc-load-")), "dvc.sqlite"),
      BENCH_TOKEN: TOKEN,
      BENCH_SECRET: SECRET,
      BENCH_INGEST_TOKEN: INGEST_TOKEN,
      BENCH_API_ROOT: apiRoot,
    },
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  const exited = (code: number | null) => {
    console.error(`the bench's server process exited (code ${code})`);
    process.exit(1);
  };
  child.once("exit", exited);
  const ready = await new Promise<{ appPort: number; barePort: number }>((resolve) =>
    child.on("message", (m: { cmd: string; appPort: number; barePort: number }) => {
      if (m.cmd === "ready") resolve(m);
    }),
  );
  return {
    child,
    appPort: ready.appPort,
    barePort: ready.barePort,
    stop: () =>
      new Promise<void>((resolve) => {
        child.off("exit", exited);
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}
/** The load steps' texts: search in five languages, a code, nonsense. */
export const TEXTS = [
  "dang ky tam tru",
  "làm hộ chiếu",
  "work permit",
  "暂住登记",
  "체류증 연장",
  "1.001612",
  "qzxqzx",
];
const MIXED_TEXTS = [...TEXTS, "在留カード 更新", "phí bao nhiêu"];
const BUTTON = "s:1.004194:fees";

/**
 * The CPU step's updates: the texts above and two more, every fifth update a button press, over 50 chats; each with
 * its label (the text or the button) for per-kind figures. `nextId` gives each text update a fresh update_id.
 */
export function mixedUpdates(n: number, nextId: () => number): { label: string; body: string }[] {
  return Array.from({ length: n }, (_, i) => {
    const chatId = 20_000 + (i % 50);
    if (i % 5 === 4)
      return { label: `button ${BUTTON}`, body: JSON.stringify(callbackUpdate(BUTTON, { chatId })) };
    const text = MIXED_TEXTS[i % MIXED_TEXTS.length] ?? "";
    return { label: text, body: JSON.stringify(textUpdate(text, { chatId, updateId: nextId() })) };
  });
}
