/**
 * Small talk, junk, out-of-scope requests and attempts to change the instructions: a short reply in the user's
 * language that says what the assistant does, with examples. Never a card or a list.
 */

import type { Reply } from "../../conversation/reply.ts";
import type { SmalltalkAct } from "../../conversation/understand.ts";
import { type FeatureContext, reply } from "../context.ts";

export function smalltalkReply(act: SmalltalkAct, ctx: FeatureContext): Reply {
  const { t, lang } = ctx;
  const text = t(`smalltalk.${act}`);
  // Greetings and "what can you do" also get the examples; a thank-you or an "ok" does not need them.
  const withExamples = act === "greeting" || act === "help" || act === "whoami";
  const blocks = [{ type: "text" as const, text }];
  if (withExamples) blocks.push({ type: "text", text: t("chat.examples") });
  return reply(lang, [{ blocks, buttons: [] }], {
    intent: act === "help" ? "help" : "smalltalk",
    detail: act,
  });
}

/** Digits, emoji, filler, prompt injection, and requests outside public services. */
export function junkReply(kind: "junk" | "injection" | "outOfScope", ctx: FeatureContext): Reply {
  const { t, lang } = ctx;
  const first = kind === "outOfScope" ? t("smalltalk.outOfScope") : t("smalltalk.junk");
  return reply(
    lang,
    [
      {
        blocks: [
          { type: "text", text: first },
          { type: "text", text: t("chat.examples") },
        ],
        buttons: [],
      },
    ],
    { intent: kind === "outOfScope" ? "outOfScope" : "junk", detail: kind },
  );
}
