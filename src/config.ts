import * as z from "zod";
import { lazySchema } from "./lazy-schema.ts";

/** Province names are matched against discount rules in data/rules; keep the Vietnamese spelling. */
const optionalText = lazySchema(() =>
  z
    .string()
    .trim()
    .transform((v) => (v === "" ? undefined : v))
    .optional(),
);

const url = (name: string) =>
  z
    .string()
    .trim()
    .refine((v) => /^https?:\/\/[^\s]+$/.test(v), { message: `${name} must be an http(s) URL` });

export const configSchema = lazySchema(() =>
  z.object({
    PORT: z.coerce
      .number({ message: "PORT must be a number" })
      .int()
      .min(1, "PORT must be between 1 and 65535")
      .max(65535, "PORT must be between 1 and 65535")
      .default(8787),
    HOST: z.string().trim().min(1).default("127.0.0.1"),
    LOG_LEVEL: z.enum(["debug", "info", "warn", "error", "silent"]).default("info"),
    DATABASE_URL: z.string().trim().min(1).default("./var/dvc.sqlite"),
    DEFAULT_PROVINCE: optionalText,
    PUBLIC_URL: url("PUBLIC_URL").optional(),
    BOT_MODE: z.enum(["webhook", "polling"]).default("webhook"),
    TELEGRAM_BOT_TOKEN: z
      .string()
      .trim()
      .regex(/^\d+:[A-Za-z0-9_-]{20,}$/, "TELEGRAM_BOT_TOKEN must look like 123456:ABC… (from @BotFather)")
      .optional(),
    TELEGRAM_WEBHOOK_SECRET: z
      .string()
      .regex(
        /^[A-Za-z0-9_-]{1,256}$/,
        "TELEGRAM_WEBHOOK_SECRET may hold 1–256 characters A-Z, a-z, 0-9, _ and -",
      )
      .optional(),
    TELEGRAM_API_ROOT: url("TELEGRAM_API_ROOT").default("https://api.telegram.org"),
    ZALO_BOT_TOKEN: optionalText,
    ZALO_WEBHOOK_SECRET: z.string().min(8).max(256).optional(),
    ZALO_API_ROOT: url("ZALO_API_ROOT").default("https://bot-api.zaloplatforms.com"),
    INGEST_TOKEN: z.string().min(16, "INGEST_TOKEN must be at least 16 characters").optional(),
    /** Behind a reverse proxy (nginx, Caddy): take the client address from X-Forwarded-For, else the socket's. */
    TRUST_PROXY: z
      .enum(["0", "1", "false", "true"], { message: "TRUST_PROXY must be 1 or 0" })
      .transform((v) => v === "1" || v === "true")
      .default(false),
    /** Days an idle chat's session is kept (language, last results); then it is deleted. */
    SESSION_TTL_DAYS: z.coerce
      .number({ message: "SESSION_TTL_DAYS must be a number" })
      .int()
      .min(1, "SESSION_TTL_DAYS must be at least 1")
      .max(3650)
      .default(30),
    /** The shared help-desk password of /staff, as made by `npm run -s cli -- staff-hash` (PBKDF2-SHA-256). */
    STAFF_PASSWORD_HASH: z
      .string()
      .trim()
      .regex(
        /^pbkdf2-sha256\$\d{1,7}\$[A-Za-z0-9_-]{16,}\$[A-Za-z0-9_-]{43}$/,
        "STAFF_PASSWORD_HASH must be a hash made by `npm run -s cli -- staff-hash` (pbkdf2-sha256$…)",
      )
      .optional(),
    /** Signs the console's session cookies; without it, sign-ins last until the process restarts. */
    STAFF_SESSION_SECRET: z
      .string()
      .min(32, "STAFF_SESSION_SECRET must be at least 32 characters")
      .optional(),
    DOSSIER_UPSTREAM_URL: url("DOSSIER_UPSTREAM_URL")
      .refine((v) => v.includes("{code}"), { message: "DOSSIER_UPSTREAM_URL must contain {code}" })
      .optional(),
  }),
);

export type Config = z.infer<typeof configSchema>;

export class ConfigError extends Error {
  override name = "ConfigError";
}

/** Parses the environment once; empty strings count as unset so `FOO= npm start` behaves like no FOO. */
export function loadConfig(env: Record<string, string | undefined>): Config {
  const cleaned: Record<string, string> = {};
  for (const key of Object.keys(configSchema.shape)) {
    const value = env[key];
    if (value !== undefined && value.trim() !== "") cleaned[key] = value;
  }
  const parsed = configSchema.safeParse(cleaned);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const variable = String(issue?.path[0] ?? "environment");
    const got = cleaned[variable];
    const shown = got === undefined || /TOKEN|SECRET|HASH/.test(variable) ? "" : ` (got "${got}")`;
    throw new ConfigError(`Invalid configuration: ${variable}: ${issue?.message ?? "invalid"}${shown}`);
  }
  return parsed.data;
}
