import type { Language } from "../catalogue/index.ts";

/** What the core answers, channel-neutral: each channel renders it its own way. */
export type Block =
  | { type: "title"; text: string }
  | { type: "subtitle"; text: string }
  | { type: "heading"; text: string }
  | { type: "text"; text: string }
  | { type: "link"; text: string; url: string };

/** A button either sends an action back to the core (`action`) or opens a URL (`url`). */
export type Button = { label: string; action: string } | { label: string; url: string };

export interface OutMessage {
  blocks: Block[];
  buttons: Button[][];
}

export interface Reply {
  lang: Language;
  messages: OutMessage[];
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
}

/** Callback actions are short strings: Telegram allows 64 bytes. */
export const actions = {
  open: (code: string) => `p:${code}`,
  section: (code: string, section: string) => `s:${code}:${section}`,
  language: (lang: Language) => `l:${lang}`,
};
