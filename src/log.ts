/** A small structured logger interface; the Node entry prints JSON lines, tests pass a silent or recording one. */
export interface Logger {
  debug(message: string, data?: Record<string, unknown>): void;
  info(message: string, data?: Record<string, unknown>): void;
  warn(message: string, data?: Record<string, unknown>): void;
  error(message: string, data?: Record<string, unknown>): void;
}

export const silentLogger: Logger = { debug() {}, info() {}, warn() {}, error() {} };

export const LOG_LEVELS = ["debug", "info", "warn", "error", "silent"] as const;
export type LogLevel = (typeof LOG_LEVELS)[number];

/**
 * Fields never written to a log line, whatever their nesting: secrets, and what identifies a person or a chat.
 * A chat is referred to by the update or outbox id instead.
 */
export const REDACTED_FIELDS = [
  "token",
  "secret",
  "authorization",
  "password",
  "chat",
  "chat_id",
  "chatid",
  "chatkey",
  "chat_key",
  "from",
  "user",
  "userid",
  "user_id",
  "name",
  "first_name",
  "last_name",
  "username",
  "display_name",
  "applicantname",
  "phone",
  "text",
];
const redactedSet = new Set(REDACTED_FIELDS);

/** Secrets that may hide inside a message (a Bot API URL carries the token): `bot<digits>:<token>/`. */
const TOKEN_IN_TEXT = /bot\d+:[A-Za-z0-9_-]{10,}/g;

export function redact(value: unknown, depth = 0): unknown {
  if (typeof value === "string") return value.replace(TOKEN_IN_TEXT, "bot<redacted>");
  if (value === null || typeof value !== "object") return value;
  if (depth > 4) return "[…]";
  if (Array.isArray(value)) return value.slice(0, 20).map((v) => redact(v, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [key, v] of Object.entries(value)) {
    out[key] = redactedSet.has(key.toLowerCase()) ? "[redacted]" : redact(v, depth + 1);
  }
  return out;
}

/** One JSON object per line: time, level, message and the (redacted) fields. */
export function jsonLogger(
  level: LogLevel,
  write: (line: string, level: string) => void = (line, lvl) =>
    (lvl === "error" || lvl === "warn" ? process.stderr : process.stdout).write(`${line}\n`),
  clock: () => Date = () => new Date(),
): Logger {
  const order = LOG_LEVELS.indexOf(level);
  const make = (lvl: Exclude<LogLevel, "silent">) => (message: string, data?: Record<string, unknown>) => {
    if (level === "silent" || LOG_LEVELS.indexOf(lvl) < order) return;
    const fields = data ? (redact(data) as Record<string, unknown>) : {};
    write(JSON.stringify({ time: clock().toISOString(), level: lvl, msg: redact(message), ...fields }), lvl);
  };
  return { debug: make("debug"), info: make("info"), warn: make("warn"), error: make("error") };
}
