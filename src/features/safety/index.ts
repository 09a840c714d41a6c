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
  const phones: Block[] = [];
  const advice: Block[] = [];
  const numbers: string[] = [];
  const call = (n: string) => {
    if (numbers.includes(n)) return;
    phones.push({ type: "phone", text: t(`safety.numbers.${n}`), number: n });
    numbers.push(n);
  };
  for (const hit of hits) {
    // A cry for help that names nothing: every number, police first, after one line saying when to call.
    if (hit.kind === "general") for (const n of ["113", "114", "115"]) call(n);
    else call(hit.number);
    advice.push({ type: "text", text: t(`safety.${hit.kind}`) });
  }
  const general = hits.every((h) => h.kind === "general");
  // The number is the first thing read; the general line introduces the numbers it lists.
  const blocks: Block[] = [
    { type: "title", text: t("safety.title") },
    ...(general ? [...advice, ...phones] : [...phones, ...advice]),
  ];
  const messages = [{ blocks, buttons: [] }];
  // Someone who may hurt themselves is not offered paperwork afterwards.
  if (!hits.some((h) => h.kind === "selfharm") && rest.split(/\s+/).filter((w) => w.length > 1).length >= 2)
    messages.push({ blocks: [{ type: "text", text: t("safety.afterwards") }], buttons: [] });
  return reply(lang, messages, { intent: "emergency", numbers, detail: hits.map((h) => h.kind).join(",") });
}
