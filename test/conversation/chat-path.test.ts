/**
 * The first procedure the chat shows, for every other question of the first fresh search set
 * (test/search/eval-fresh.json: 395 of its 790 questions in five languages), each asked in a new conversation
 * through /api/chat: the engine's ranking is measured in test/search, this is what a person sees after the
 * understanding step (parts asked, life events, journeys, notes) and the card-or-list decision. A ratchet, not a
 * gate: the set has been tuned on.
 *
 * History (share of questions whose first procedure shown is one of the set's answers; the engine's hit@1 on the same
 * set is 0.959 overall): on 2026-12-06 before the day's conversation changes 0.919 overall on all 790; after them vi
 * 0.964, en 0.952, zh 0.919, ko 0.934, ja 0.910 (0.942 overall); on the half sample this test reads, vi 0.957, en
 * 0.945, zh 0.934, ko 0.967, ja 0.885. Later that day (a journey following what the message asks: the foreign
 * twin by nationality, the alternative or kind asked for first, a later step named beside the event; and the
 * engine's round of vocabulary and sibling rules) 0.953 overall on all 790, and on the half sample vi 0.986, en 0.945,
 * zh 0.951, ko 0.967, ja 0.902. What is left is mostly journeys that start with the step before the one asked (the
 * marital status certificate before the marriage with a foreign element). In the evening (Japanese words of
 * situations and Japan's own names for procedures, life events' Japanese phrases) ja 0.918 on the half sample, the
 * others unchanged.
 */
import { describe, expect, it } from "vitest";
import type { Language } from "../../src/catalogue/index.ts";
import { buildApp, chatWith, shownCodes } from "../helpers/app.ts";
import questions from "../search/eval-fresh.json" with { type: "json" };

/** Floors a little under the half sample's figures of 2026-12-06 afternoon: vi 0.986, en 0.945, zh 0.951, ko 0.967, ja 0.902 (0.918 in the evening). */
const FLOOR: Record<Language, number> = { vi: 0.98, en: 0.94, zh: 0.945, ko: 0.96, ja: 0.91 };

describe("the first procedure the chat shows", () => {
  it("is one of the fresh set's answers as often as the ratchet says, in every language", async () => {
    const chat = chatWith(buildApp().app, "chat-path-of-the-fresh-set");
    const per = new Map<Language, { n: number; right: number }>();
    for (const [i, item] of (
      questions.queries as { q: string; lang: Language; codes: string[] }[]
    ).entries()) {
      // Every other question (395 of 790): the suite's time is budgeted (under 60 s on two cores).
      if (i % 2 === 1) continue;
      const body = await chat(item.q);
      const first = shownCodes(body)[0];
      const s = per.get(item.lang) ?? { n: 0, right: 0 };
      s.n++;
      if (first !== undefined && item.codes.includes(first)) s.right++;
      per.set(item.lang, s);
    }
    const lines = [...per].map(
      ([lang, s]) => `${lang}: n=${s.n} first shown right=${(s.right / s.n).toFixed(3)}`,
    );
    console.log(`chat path over the fresh set\n${lines.join("\n")}`);
    for (const [lang, s] of per) expect(s.right / s.n, lang).toBeGreaterThanOrEqual(FLOOR[lang]);
    expect(per.size).toBe(5);
  });
});
