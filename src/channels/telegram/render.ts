import type { InlineKeyboardButton, InlineKeyboardMarkup } from "grammy/types";
import type { Block, Button, OutMessage } from "../../conversation/index.ts";
import { splitOnLines } from "../split.ts";

/** Telegram's limit for a message's text. */
export const TELEGRAM_MAX_TEXT = 4096;
const MAX_CALLBACK_BYTES = 64;

const HTML_SPECIAL = /[&<>]/;
const HTML_ENTITY: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;" };

/** &, < and > as entities; most lines have none and are returned as they are. */
export function escapeHtml(text: string): string {
  return HTML_SPECIAL.test(text) ? text.replace(/[&<>]/g, (c) => HTML_ENTITY[c] as string) : text;
}

const encoder = new TextEncoder();

/** Whether a button's data fits Telegram's 64 bytes of UTF-8 (a character takes at most 3 bytes per UTF-16 unit). */
function fitsCallback(data: string): boolean {
  return data.length * 3 <= MAX_CALLBACK_BYTES || encoder.encode(data).length <= MAX_CALLBACK_BYTES;
}

const escapeAttr = (text: string) => escapeHtml(text).replace(/"/g, "&quot;");

/** Each block becomes whole lines; markup never spans a line break, so messages can be split on lines. */
function blockLines(block: Block): string[] {
  switch (block.type) {
    case "title":
      return [`<b>${escapeHtml(block.text)}</b>`];
    case "subtitle":
      return [`<i>${escapeHtml(block.text)}</i>`];
    case "heading":
      return ["", `<b>${escapeHtml(block.text)}</b>`];
    case "link":
      return ["", `<a href="${escapeAttr(block.url)}">${escapeHtml(block.text)}</a>`];
    case "text":
      return block.text.split("\n").map(escapeHtml);
    case "phone":
      // Telegram links only http(s) and tg: URLs; a bold number is tappable in its apps.
      return [`📞 <b>${escapeHtml(block.number)}</b> — ${escapeHtml(block.text)}`];
  }
}

/** Splits on line boundaries below Telegram's limit; markup never spans a line, so chunks stay valid HTML. */
export function splitLines(lines: string[], max = TELEGRAM_MAX_TEXT): string[] {
  return splitOnLines(lines, max, true);
}

function keyboard(rows: Button[][]): InlineKeyboardMarkup | undefined {
  const out: InlineKeyboardButton[][] = rows
    .map((row) =>
      row.flatMap((b): InlineKeyboardButton[] => {
        if ("url" in b) return /^https?:\/\//.test(b.url) ? [{ text: b.label, url: b.url }] : [];
        return fitsCallback(b.action) ? [{ text: b.label, callback_data: b.action }] : [];
      }),
    )
    .filter((row) => row.length > 0);
  return out.length > 0 ? { inline_keyboard: out } : undefined;
}

export interface TelegramMessage {
  text: string;
  reply_markup?: InlineKeyboardMarkup;
}

/** One core message may become several Telegram messages; the keyboard goes with the last one. */
export function renderTelegram(message: OutMessage): TelegramMessage[] {
  const chunks = splitLines(message.blocks.flatMap(blockLines));
  const markup = keyboard(message.buttons);
  return chunks.map((text, i) =>
    i === chunks.length - 1 && markup ? { text, reply_markup: markup } : { text },
  );
}
