import { spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { freePort } from "../helpers/ports.ts";
import { FakeTelegram } from "./fake-telegram.ts";
import { textUpdate } from "./updates.ts";

const ROOT = new URL("../..", import.meta.url).pathname;
const telegram = new FakeTelegram();

afterAll(() => telegram.stop());

async function until(check: () => boolean, ms: number): Promise<boolean> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (check()) return true;
    await new Promise((r) => setTimeout(r, 100));
  }
  return check();
}

describe("npm start with BOT_MODE=polling", () => {
  it("drops the webhook, polls getUpdates and answers, with sessions in a real SQLite file", async () => {
    const apiRoot = await telegram.start();
    telegram.pendingUpdates.push(textUpdate("dang ky tam tru", { chatId: 777 }));
    // What npm start runs: the bundled entry (vitest's global setup rebuilds it from src/ before the run).
    const child = spawn(process.execPath, ["dist/node/main.js"], {
      cwd: ROOT,
      env: {
        ...process.env,
        BOT_MODE: "polling",
        TELEGRAM_BOT_TOKEN: "123456789:AAEpollingTestTokenForFakeBotApi_x",
        TELEGRAM_API_ROOT: apiRoot,
        PORT: String(await freePort()),
        DATABASE_URL: join(mkdtempSync(join(tmpdir(), "dvc-poll-")), "dvc.sqlite"),
        LOG_LEVEL: "warn",
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stderr = "";
    child.stderr.on("data", (d) => {
      stderr += String(d);
    });
    try {
      const answered = await until(() => telegram.sent().length > 0, 20_000);
      expect(answered, stderr).toBe(true);
      expect(telegram.calls.map((c) => c.method)).toContain("deleteWebhook");
      expect(String(telegram.sent()[0]?.text)).toMatch(/Đăng ký tạm trú/);
    } finally {
      // A graceful stop: SIGTERM ends the process by itself, with exit code 0.
      const exited = new Promise((r) => child.once("exit", (code) => r(code)));
      child.kill("SIGTERM");
      const code = await Promise.race([
        exited,
        new Promise((r) => setTimeout(() => r("still running"), 12_000)),
      ]);
      child.kill("SIGKILL");
      expect(code, stderr).toBe(0);
    }
  }, 40_000);
});
