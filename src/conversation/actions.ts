/**
 * Button actions, typed. Every renderer and the core encode and decode them here, and nowhere else. Encoded
 * actions are short strings (Telegram allows 64 bytes of callback data); the formats of buttons already sent
 * ("p:", "s:", "l:", "ds:", "du:") are kept, so old buttons still work.
 */
import { type Language, languageSchema } from "../catalogue/index.ts";

export type Action =
  | { kind: "open"; code: string }
  | { kind: "section"; code: string; section: string }
  | { kind: "lang"; lang: Language }
  | { kind: "follow"; key: string }
  | { kind: "unfollow"; key: string }
  | { kind: "rate"; code: string; up: boolean }
  | { kind: "handoff" }
  | { kind: "journey"; event: string };

const CODE = /^\d\.\d{6}$/;
const SECTION = /^[a-z]{2,12}$/;
const KEY = /^[A-Za-z0-9.-]{4,48}$/;
const EVENT = /^[a-z0-9-]{2,30}$/;

export function encodeAction(action: Action): string {
  switch (action.kind) {
    case "open":
      return `p:${action.code}`;
    case "section":
      return `s:${action.code}:${action.section}`;
    case "lang":
      return `l:${action.lang}`;
    case "follow":
      return `ds:${action.key}`;
    case "unfollow":
      return `du:${action.key}`;
    case "rate":
      return `r:${action.code}:${action.up ? "1" : "0"}`;
    case "handoff":
      return "h";
    case "journey":
      return `j:${action.event}`;
  }
}

/** Null for stale, forged or malformed data: the caller answers with help, never an error. */
export function decodeAction(data: string): Action | null {
  if (data.length > 64) return null;
  const [kind = "", a = "", b = ""] = data.split(":");
  switch (kind) {
    case "p":
      return CODE.test(a) ? { kind: "open", code: a } : null;
    case "s":
      return CODE.test(a) && SECTION.test(b) ? { kind: "section", code: a, section: b } : null;
    case "l": {
      const lang = languageSchema.safeParse(a);
      return lang.success ? { kind: "lang", lang: lang.data } : null;
    }
    case "ds":
    case "du":
      return KEY.test(a) ? { kind: kind === "ds" ? "follow" : "unfollow", key: a } : null;
    case "r":
      return CODE.test(a) && (b === "1" || b === "0") ? { kind: "rate", code: a, up: b === "1" } : null;
    case "h":
      return data === "h" ? { kind: "handoff" } : null;
    case "j":
      return EVENT.test(a) ? { kind: "journey", event: a } : null;
    default:
      return null;
  }
}
