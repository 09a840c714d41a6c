import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "../src/config.ts";

describe("loadConfig", () => {
  it("has working defaults for the embedded run", () => {
    const c = loadConfig({});
    expect(c.PORT).toBe(8787);
    expect(c.DATABASE_URL).toBe("./var/dvc.sqlite");
    expect(c.TELEGRAM_API_ROOT).toBe("https://api.telegram.org");
    expect(c.ZALO_API_ROOT).toBe("https://bot-api.zaloplatforms.com");
    expect(c.TELEGRAM_BOT_TOKEN).toBeUndefined();
  });

  it("treats empty values as unset", () => {
    expect(loadConfig({ PORT: "", DEFAULT_PROVINCE: " " }).PORT).toBe(8787);
  });

  it("stops with one line naming the variable", () => {
    expect(() => loadConfig({ PORT: "abc" })).toThrow(ConfigError);
    expect(() => loadConfig({ PORT: "abc" })).toThrow(/^Invalid configuration: PORT: .*\(got "abc"\)$/);
    expect(() => loadConfig({ PORT: "70000" })).toThrow(/PORT/);
    expect(() => loadConfig({ TELEGRAM_API_ROOT: "ftp://x" })).toThrow(
      /TELEGRAM_API_ROOT must be an http\(s\) URL/,
    );
    expect(() => loadConfig({ DOSSIER_UPSTREAM_URL: "https://x/track" })).toThrow(/must contain \{code\}/);
  });

  it("never echoes secrets in the error", () => {
    try {
      loadConfig({ TELEGRAM_BOT_TOKEN: "not-a-token" });
      expect.unreachable();
    } catch (error) {
      expect(String(error)).toMatch(/TELEGRAM_BOT_TOKEN/);
      expect(String(error)).not.toMatch(/not-a-token/);
    }
  });
});
