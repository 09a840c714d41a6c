/**
 * The Worker's suite, inside workerd (@cloudflare/vitest-pool-workers): the real entry (src/workers/index.ts) with
 * local D1 (migrations/ applied), KV and static assets from wrangler.toml, offline. Run: npm test (last step).
 */
import { fileURLToPath } from "node:url";
import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-pool-workers";
import { defineConfig } from "vitest/config";

const root = fileURLToPath(new URL("../..", import.meta.url));

export default defineConfig(async () => {
  const migrations = await readD1Migrations(`${root}/migrations`);
  return {
    plugins: [
      cloudflareTest(({ inject }) => ({
        wrangler: { configPath: `${root}/wrangler.toml` },
        miniflare: {
          bindings: {
            TEST_MIGRATIONS: migrations,
            FAKE_CONTROL: inject("fakeControl"),
            TELEGRAM_API_ROOT: inject("telegramApiRoot"),
            TELEGRAM_BOT_TOKEN: "123456789:AAEworkerTestTokenForTheFakeBotApi_x",
            TELEGRAM_WEBHOOK_SECRET: "worker-webhook-secret",
            INGEST_TOKEN: "worker-ingest-token-0123456789",
            LOG_LEVEL: "warn",
          },
        },
      })),
    ],
    test: {
      root,
      include: ["test/workers/**/*.spec.ts"],
      globalSetup: ["test/workers/global-setup.ts"],
      setupFiles: ["test/workers/apply-migrations.ts"],
      // One file at a time: they share the fake Bot API (its recorded calls and the failures it is asked for).
      fileParallelism: false,
      // One workerd for every file, instead of a new one (and a fresh load of the Worker's modules, some 5 s) per
      // file. The files share its D1 and KV as they share the fake Bot API: each uses its own chat ids, dossier
      // codes, session ids and update ids (test/e2e/updates.ts counts on across files), so no order matters.
      isolate: false,
      testTimeout: 60_000,
      hookTimeout: 120_000,
    },
  };
});
