/**
 * Emergencies first, always: the first message is short, leads with the number to call (a tel: link where the
 * channel allows) and never carries a procedure card. Online fraud gets what to do now: stop transferring, never
 * share an OTP, call the bank, report to the police.
 */

import type { Block, Reply } from "../../conversation/reply.ts";
import type { EmergencyHit } from "../../conversation/understand.ts";
import { type FeatureContext, reply } from "../context.ts";

export function emergencyReply(hits: EmergencyHit[], rest: string, ctx: FeatureContext): Reply {
  const { t, lang } = ctx;
  const blocks: Block[] = [];
  const numbers: string[] = [];
  for (const hit of hits) {
    if (hit.kind === "general") {
      // A cry for help that names nothing: every number, police first.
      blocks.push({ type: "text", text: t("safety.general") });
      for (const n of ["113", "114", "115"]) {
        blocks.push({ type: "phone", text: t(`safety.numbers.${n}`), number: n });
        numbers.push(n);
      }
      continue;
    }
    if (!numbers.includes(hit.number)) {
      blocks.push({ type: "phone", text: t(`safety.numbers.${hit.number}`), number: hit.number });
      numbers.push(hit.number);
    }
    blocks.push({ type: "text", text: t(`safety.${hit.kind}`) });
  }
  // Phone blocks lead: the number is the first thing read.
  blocks.sort((a, b) => Number(b.type === "phone") - Number(a.type === "phone"));
  blocks.unshift({ type: "title", text: t("safety.title") });
  const messages = [{ blocks, buttons: [] }];
  if (rest.split(/\s+/).filter((w) => w.length > 1).length >= 2)
    messages.push({ blocks: [{ type: "text", text: t("safety.afterwards") }], buttons: [] });
  return reply(lang, messages, { intent: "emergency", numbers, detail: hits.map((h) => h.kind).join(",") });
}
