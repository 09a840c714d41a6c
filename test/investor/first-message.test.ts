import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { Catalogue, Language, Procedure } from "../../src/catalogue/index.ts";
import type { TermLanguage } from "../../src/catalogue/terms.ts";
import { auditExceptionsSchema, messageText } from "../../src/conversation/card-audit.ts";
import {
  buildCard,
  Conversation,
  MAX_FIRST_MESSAGE,
  MemorySessionStore,
} from "../../src/conversation/index.ts";
import { type InvestorOverlay, OVERLAY_SECTIONS, overlaySkeleton } from "../../src/investor/overlay.ts";
import { investorCodes } from "../../src/investor/selection.ts";
import { readInvestorOverlays } from "../../src/node/catalogue.ts";
import { readInvestorSelection } from "../../src/node/investor.ts";
import { catalogue, searcher } from "../helpers/app.ts";

/**
 * A card's first message (title, subtitle, summary, agency, fees, link, status) stays within MAX_FIRST_MESSAGE
 * characters once the procedure is translated: a machine-assisted translation is said once, in the status line,
 * not after every line; translated fee notes and cases are cut like the Vietnamese ones; the summary takes the room
 * the rest leaves. Checked on every overlay in data/investor and on the whole investor set with overlays whose every
 * line is as long as the Vietnamese it translates (plus a marker), with a long summary.
 */
const DATA = new URL("../../data/", import.meta.url).pathname;
const DATE = "2026-12-03";
/**
 * The languages the whole-set check reads: the longest locale strings (en) and one CJK (ja). The overlays' lines
 * are the same in every language there, and a card reads only its own language's overlay (card.ts), so zh and ko
 * overlays would be built (a skeleton and a source hash each, per code) and never read.
 */
const CHECKED = ["en", "ja"] as const;
const exceptions = auditExceptionsSchema.parse(
  JSON.parse(readFileSync(new URL("../../data/curated/audit-exceptions.json", import.meta.url), "utf8")),
);
/** Cards already over in Vietnamese (long fee tables), listed with their reason. */
const overInVietnamese = new Set(
  exceptions.filter((e) => e.class === "cards-over-length").flatMap((e) => e.codes),
);

/** The catalogue, with some procedures' overlays replaced. */
function withOverlays(overlays: Map<string, Partial<Record<Language, InvestorOverlay>>>): Catalogue {
  const view = Object.create(catalogue) as Catalogue;
  view.procedure = async (code: string): Promise<Procedure | null> => {
    const p = await catalogue.procedure(code);
    const own = overlays.get(code);
    return p && own ? { ...p, overlays: { ...p.overlays, ...own } } : p;
  };
  return view;
}

const conversations = new Map<Catalogue, Conversation>();

async function firstMessage(cat: Catalogue, code: string, lang: Language): Promise<string> {
  let conversation = conversations.get(cat);
  if (!conversation) {
    conversation = new Conversation({
      catalogue: cat,
      searcher,
      sessions: new MemorySessionStore(),
      province: null,
      clock: () => new Date(`${DATE}T05:00:00Z`),
    });
    conversations.set(cat, conversation);
  }
  const reply = await conversation.handle({
    channel: "web",
    chatId: `first:${code}:${lang}`,
    userId: null,
    callback: `p:${code}`,
    lang,
  });
  const first = reply.messages[0];
  return first ? messageText(first) : "";
}

/** Every line "translated" to a text longer than its Vietnamese; a long, machine-assisted summary. */
function longOverlay(p: Procedure, lang: TermLanguage): InvestorOverlay {
  const skeleton = overlaySkeleton(p.record, lang);
  const out: InvestorOverlay = {
    ...skeleton,
    name: { ...skeleton.name, text: `⟨${lang}⟩ ${skeleton.name.vi}` },
  };
  const sentence =
    "Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod tempor incididunt.";
  out.summary = { ...skeleton.summary, text: `${sentence} ${sentence} ${sentence} ${sentence}` };
  for (const s of OVERLAY_SECTIONS)
    out[s] = skeleton[s].map((l) => ({ vi: l.vi, text: `⟨${lang}⟩ ${l.vi}` }));
  return out;
}

describe("the first message of a translated card", () => {
  it(`stays within ${MAX_FIRST_MESSAGE} characters for every overlay in data/investor`, async () => {
    const over: string[] = [];
    // A code's four languages one after the other: the catalogue keeps a code's parsed overlay file (all its
    // languages) among its last 16, so read language by language each file was read and parsed four times.
    const overlays = readInvestorOverlays(DATA).sort((a, b) =>
      a.code === b.code ? a.lang.localeCompare(b.lang) : a.code.localeCompare(b.code),
    );
    expect(overlays.length).toBeGreaterThan(0);
    for (const o of overlays) {
      if (overInVietnamese.has(o.code)) continue;
      const text = await firstMessage(catalogue, o.code, o.lang);
      if (text.length > MAX_FIRST_MESSAGE) over.push(`${o.code} ${o.lang} ${text.length}`);
    }
    expect(over).toEqual([]);
  }, 120_000);

  it("stays within it for the whole investor set fully translated, and says machine assistance once", async () => {
    const codes = investorCodes(readInvestorSelection(DATA)).filter((c) => !overInVietnamese.has(c));
    const overlays = new Map<string, Partial<Record<Language, InvestorOverlay>>>();
    for (const code of codes) {
      const p = await catalogue.procedure(code);
      if (p) overlays.set(code, Object.fromEntries(CHECKED.map((l) => [l, longOverlay(p, l)])));
    }
    const cat = withOverlays(overlays);
    const over: string[] = [];
    let summaries = 0;
    let uncurated = 0;
    for (const code of codes) {
      const curated = (await catalogue.procedure(code))?.curated ?? null;
      if (!curated) uncurated++;
      for (const lang of CHECKED) {
        const text = await firstMessage(cat, code, lang);
        if (text.length > MAX_FIRST_MESSAGE) over.push(`${code} ${lang} ${text.length}`);
        if (!curated && lang === "en" && text.includes("Lorem ipsum")) summaries++;
        if (lang === "en" && !curated) {
          // Said once: in the status line, not after the agency, the fee notes or the summary.
          expect(text, code).not.toMatch(/\(machine-assisted\)|translated with machine assistance/);
          expect(text.match(/Machine-assisted translation/g)?.length, code).toBe(1);
        }
      }
    }
    expect(over).toEqual([]);
    // The summary is cut to the room left, not dropped, on nearly every card.
    expect(summaries).toBeGreaterThan(uncurated * 0.9);
  }, 240_000);

  it("keeps the marks in the sections' own messages and the card's lines", async () => {
    const p = await catalogue.procedure("2.002060");
    if (!p) throw new Error("no 2.002060");
    const cat = withOverlays(new Map([["2.002060", { en: longOverlay(p, "en") }]]));
    const shown = await cat.procedure("2.002060");
    const card = buildCard(shown as Procedure, catalogue, "en", { province: null, date: DATE });
    const agency = card.sections.find((s) => s.id === "agency");
    expect(agency?.lines[0]).toMatch(/\(machine-assisted\)$/);
    // A curated procedure's first message states its review; the overlay's statement follows in the sources, saying
    // that it is about the other lines (the curated name, summary, steps and fees are the reviewed ones).
    const sources = card.sections.find((s) => s.id === "sources")?.lines ?? [];
    expect(sources[0]).toMatch(/^Reviewed by the project team on/);
    expect(sources[1]).toMatch(/^The other lines are a machine-assisted translation/);
    // The national record is cited in the reader's language.
    expect(sources).toContain(
      "• National database of administrative procedures, 7/2026 export (procedure 2.002060)",
    );
    expect((await firstMessage(cat, "2.002060", "en")).length).toBeLessThanOrEqual(MAX_FIRST_MESSAGE);
  });
});
