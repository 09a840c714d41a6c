import { type Block, decodeAction, type OutMessage, type Reply } from "../../conversation/index.ts";
import { translator } from "../../i18n/index.ts";
import { splitOnLines } from "../split.ts";
import { ZALO_MAX_TEXT } from "./client.ts";

/**
 * Zalo has no inline keyboards: a reply becomes plain text that reads well without markup. Lists are already
 * numbered (the person answers "1", "2", …); section buttons become a hint with the words the core understands;
 * links are written out.
 */
/** A link line: the globe marks it, unless its label already starts with its own icon ("🔗 Share or print"). */
function linkLine(label: string, url: string): string {
  return /^\p{Extended_Pictographic}/u.test(label) ? `${label}: ${url}` : `🌐 ${label}: ${url}`;
}

function blockLines(block: Block): string[] {
  switch (block.type) {
    case "title":
      return [block.text.toUpperCase() === block.text ? block.text : `【${block.text}】`];
    case "subtitle":
      return [block.text];
    case "heading":
      return ["", `▶ ${block.text}`];
    case "link":
      return ["", linkLine(block.text, block.url)];
    case "text":
      return block.text.split("\n");
    case "phone":
      return [`📞 ${block.number} — ${block.text}`];
  }
}

/** Splits on line boundaries below Zalo's 2,000-character limit. */
export function splitForZalo(lines: string[], max = ZALO_MAX_TEXT): string[] {
  return splitOnLines(lines, max);
}

function buttonLines(message: OutMessage, reply: Reply): string[] {
  const t = translator(reply.lang);
  const buttons = message.buttons.flat();
  const actions = buttons.flatMap((b) => {
    const action = "action" in b ? decodeAction(b.action) : null;
    return action ? [action] : [];
  });
  const lines: string[] = [];
  if (actions.some((a) => a.kind === "section")) lines.push("", t("zalo.sectionHint"));
  if (actions.some((a) => a.kind === "lang")) lines.push("", t("zalo.languageHint"));
  if (actions.some((a) => a.kind === "rate")) lines.push("", t("zalo.rateHint"));
  if (actions.some((a) => a.kind === "handoff")) lines.push("", t("zalo.personHint"));
  for (const a of actions) {
    if (a.kind === "follow" || a.kind === "unfollow")
      lines.push("", t(a.kind === "follow" ? "zalo.followHint" : "zalo.unfollowHint", { code: a.key }));
  }
  const linked = new Set(message.blocks.flatMap((b) => (b.type === "link" ? [b.url] : [])));
  for (const b of buttons) if ("url" in b && !linked.has(b.url)) lines.push(linkLine(b.label, b.url));
  return lines;
}

export function renderZalo(reply: Reply): string[] {
  return reply.messages.flatMap((m) =>
    splitForZalo([...m.blocks.flatMap(blockLines), ...buttonLines(m, reply)]),
  );
}
