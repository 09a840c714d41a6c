import type { Language } from "../catalogue/index.ts";
import { encodeAction } from "./actions.ts";

/** What the core answers, channel-neutral: each channel renders it its own way. */
export type Block =
  | { type: "title"; text: string }
  | { type: "subtitle"; text: string }
  | { type: "heading"; text: string }
  | { type: "text"; text: string }
  | { type: "link"; text: string; url: string }
  /** A phone number to call now (emergencies): a tel: link where the channel allows, bold text elsewhere. */
  | { type: "phone"; text: string; number: string };

/** A button either sends an action back to the core (`action`) or opens a URL (`url`). */
export type Button = { label: string; action: string } | { label: string; url: string };

export interface OutMessage {
  blocks: Block[];
  buttons: Button[][];
}

/** What the core understood and did: for the web page, the help-desk reports and the tests; never shown as is. */
export type ReplyIntent =
  | "emergency"
  | "card"
  | "list"
  | "clarify"
  | "section"
  | "askWhich"
  | "journey"
  | "notFound"
  | "specify"
  | "smalltalk"
  | "junk"
  | "outOfScope"
  /** Done elsewhere than a public office: a bank, a mobile operator, another country's embassy. */
  | "elsewhere"
  | "handoff"
  | "feedback"
  | "dossier"
  | "language"
  | "help"
  | "command";

export interface ReplyMeta {
  intent: ReplyIntent;
  /** The procedure answered about (card, section). */
  code?: string;
  /** Procedures offered (list, clarifying question, journey). */
  codes?: string[];
  /** Card sections shown. */
  sections?: string[];
  /** Emergency numbers given, first one first. */
  numbers?: string[];
  /** Dossier lookup outcome. */
  dossier?: string;
  /** Small talk act, life event id, elsewhere entry, or feedback polarity. */
  detail?: string;
  /** Notes shown above the answer (data/conversation/elsewhere.json). */
  notes?: string[];
}

export interface Reply {
  lang: Language;
  messages: OutMessage[];
  meta?: ReplyMeta;
}

export type Channel = "telegram" | "zalo" | "web";

export interface Incoming {
  channel: Channel;
  chatId: string;
  userId: string | null;
  text?: string;
  /** Data of a pressed button (an action from a previous reply). */
  callback?: string;
  /** The app's language setting (e.g. Telegram's language_code), used when the text does not tell. */
  languageHint?: string | null;
  /** A language chosen explicitly (the web page's selector): remembered for the chat and always used. */
  lang?: Language;
  /**
   * Who sends it, beyond the chat, for rate limits that a new chat or web sessionId must not reset: the client
   * address on the web ("web:203.0.113.5"), the account on Telegram and Zalo ("telegram:user:42").
   */
  source?: string | null;
}

/** Callback actions are short strings (Telegram allows 64 bytes); see actions.ts for the typed codec. */
export const actions = {
  open: (code: string) => encodeAction({ kind: "open", code }),
  section: (code: string, section: string) => encodeAction({ kind: "section", code, section }),
  language: (lang: Language) => encodeAction({ kind: "lang", lang }),
};

export function textMessage(text: string, buttons: Button[][] = []): OutMessage {
  return { blocks: [{ type: "text", text }], buttons };
}

/** The key a chat's session and records are stored under: "telegram:12345". */
export function chatKeyOf(incoming: Pick<Incoming, "channel" | "chatId">): string {
  return `${incoming.channel}:${incoming.chatId}`;
}
