import type { Block, OutMessage, Reply } from "../../conversation/index.ts";
import { translator } from "../../i18n/index.ts";
import { splitOnLines } from "../split.ts";
import { ZALO_MAX_TEXT } from "./client.ts";

/**
 * Zalo has no inline keyboards: a reply becomes plain text that reads well without markup. Lists are already
 * numbered (the person answers "1", "2", …); section buttons become a hint with the words the core understands;
 * links are written out.
 */
function blockLines(block: Block): string[] {
  switch (block.type) {
    case "title":
      return [block.text.toUpperCase() === block.text ? block.text : `【${block.text}】`];
    case "subtitle":
      return [block.text];
    case "heading":
      return ["", `▶ ${block.text}`];
    case "link":
      return ["", `🌐 ${block.text}: ${block.url}`];
    case "text":
      return block.text.split("\n");
  }
}

/** Splits on line boundaries below Zalo's 2,000-character limit. */
export function splitForZalo(lines: string[], max = ZALO_MAX_TEXT): string[] {
  return splitOnLines(lines, max);
}

function buttonLines(message: OutMessage, reply: Reply): string[] {
  const t = translator(reply.lang);
  const buttons = message.buttons.flat();
  const lines: string[] = [];
  if (buttons.some((b) => "action" in b && b.action.startsWith("s:"))) lines.push("", t("zalo.sectionHint"));
  if (buttons.some((b) => "action" in b && b.action.startsWith("l:"))) lines.push("", t("zalo.languageHint"));
  for (const b of buttons) {
    if (!("action" in b)) continue;
    const follow = /^(ds|du):(.+)$/.exec(b.action);
    if (follow)
      lines.push("", t(follow[1] === "ds" ? "zalo.followHint" : "zalo.unfollowHint", { code: follow[2] }));
  }
  const linked = new Set(message.blocks.flatMap((b) => (b.type === "link" ? [b.url] : [])));
  for (const b of buttons) if ("url" in b && !linked.has(b.url)) lines.push(`🌐 ${b.label}: ${b.url}`);
  return lines;
}

export function renderZalo(reply: Reply): string[] {
  return reply.messages.flatMap((m) =>
    splitForZalo([...m.blocks.flatMap(blockLines), ...buttonLines(m, reply)]),
  );
}
