import { z } from "zod";
import intentsData from "../../data/conversation/intents.json" with { type: "json" };
import { phraseKey } from "../search/index.ts";

/** Which part of a procedure a message asks about ("phí bao nhiêu", "what documents?"). */
export const SECTIONS = ["fees", "documents", "steps", "agency", "link"] as const;
export type AskedSection = (typeof SECTIONS)[number];

const schema = z.object(
  Object.fromEntries(SECTIONS.map((s) => [s, z.array(z.string().min(1))])) as Record<
    AskedSection,
    z.ZodArray<z.ZodString>
  >,
);
const data = schema.parse(intentsData);

const isCjk = (s: string) =>
  /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u.test(s);
const compiled = SECTIONS.flatMap((section) =>
  data[section].map((phrase) => ({
    section,
    cjk: isCjk(phrase),
    key: isCjk(phrase) ? phrase.normalize("NFKC").toLowerCase().replace(/\s+/g, "") : phraseKey(phrase),
  })),
).sort((a, b) => b.key.length - a.key.length);

/** The sections asked about, and the message with those words taken out (what is left to search for). */
export function detectIntents(text: string): { sections: AskedSection[]; rest: string } {
  let folded = ` ${phraseKey(text)} `;
  let compact = text.normalize("NFKC").toLowerCase().replace(/\s+/g, "");
  const sections = new Set<AskedSection>();
  for (const p of compiled) {
    if (p.cjk) {
      if (compact.includes(p.key)) {
        sections.add(p.section);
        compact = compact.split(p.key).join(" ");
      }
    } else if (folded.includes(` ${p.key} `)) {
      sections.add(p.section);
      folded = folded.split(` ${p.key} `).join(" ");
    }
  }
  const latinRest = folded
    .replace(/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]+/gu, " ")
    .replace(/\s+/g, " ")
    .trim();
  const cjkRest = [
    ...compact.matchAll(/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]+/gu),
  ]
    .map((m) => m[0])
    .join(" ");
  return { sections: [...sections], rest: `${latinRest} ${cjkRest}`.trim() };
}
