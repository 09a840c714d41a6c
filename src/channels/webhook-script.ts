import { type Config, ConfigError, loadConfig } from "../config.ts";

type Setting =
  | "TELEGRAM_BOT_TOKEN"
  | "TELEGRAM_WEBHOOK_SECRET"
  | "ZALO_BOT_TOKEN"
  | "ZALO_WEBHOOK_SECRET"
  | "PUBLIC_URL";

/**
 * Runs a `npm run <channel>:set-webhook` script: reads the configuration, names every missing setting in one line,
 * and turns any failure into one line and exit code 1 (the token never printed).
 */
export function runWebhookScript<K extends Setting>(
  needed: readonly K[],
  register: (config: Config & { [P in K]-?: string }) => Promise<string>,
): void {
  const main = async (): Promise<number> => {
    const config = loadConfig(process.env);
    const missing = needed.filter((k) => !config[k]);
    if (missing.length > 0) {
      console.error(
        `Set ${missing.join(", ")} first (PUBLIC_URL is the https address the app can be reached at, e.g. https://bot.example.vn).`,
      );
      return 1;
    }
    console.log(await register(config as Config & { [P in K]-?: string }));
    return 0;
  };
  main().then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      console.error(
        error instanceof ConfigError
          ? error.message
          : `webhook setup failed: ${error instanceof Error ? error.message : String(error)}`,
      );
      process.exitCode = 1;
    },
  );
}
