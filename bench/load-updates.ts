import { readFileSync } from "node:fs";
import { callbackUpdate, textUpdate } from "../test/e2e/updates.ts";

/** What bench/load.ts and bench/load-cpu.ts send: one bot, one secret, the same texts and the same mixed updates. */
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
