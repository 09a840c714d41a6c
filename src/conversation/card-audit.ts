/**
 * The card audit (`npm run -s cli -- audit`): builds every procedure's card and first chat message and checks
 * them against the imported national record and the curated layer, counting each class of defect a citizen
 * could act on. It reads facts from the records (amounts, notes, periods, legal bases), never from the card
 * builder's own reasoning, so a card that drops or bends a fact is caught.
 */
import * as z from "zod";
import {
  applicableDiscounts,
  type Catalogue,
  type FeeSchedule,
  LANGUAGES,
  type Language,
  type NationalRecord,
  type Procedure,
} from "../catalogue/index.ts";
import { translateLegalTitle } from "../catalogue/legal-titles.ts";
import { amountsInNote, windowsInNote } from "../catalogue/national-parser.ts";
import { translator } from "../i18n/index.ts";
import { lazySchema } from "../lazy-schema.ts";
import { type Card, formatMoney, MAX_FIRST_MESSAGE } from "./card.ts";
import type { Conversation } from "./core.ts";
import type { OutMessage } from "./reply.ts";

export const DEFECT_CLASSES = [
  "free-from-no-information",
  "dropped-channels",
  "double-discounts",
  "bare-times",
  "unstated-but-noted-amounts",
  "ended-windows",
  "missing-legal-bases",
  "reviewer-text-in-answers",
  "cards-over-length",
] as const;
export type DefectClass = (typeof DEFECT_CLASSES)[number];

/** The first message of a card (title, subtitle, summary, agency, fees, link) stays about this short. */
export { MAX_FIRST_MESSAGE };

export interface AuditOptions {
  /** ISO date the cards are built for (fee rules and periods are evaluated on it). */
  date: string;
  /** Languages whose cards are checked for reviewer text and length (facts are checked in vi and en). */
  languages?: readonly Language[];
  /** Only these codes (all when absent). */
  codes?: string[];
  /** How many example codes to keep per class (5 when absent). */
  examples?: number;
  /** Listed, justified exceptions: counted apart. */
  exceptions?: AuditException[];
}

/** A card the audit knows to fail a class, with the reason (data/curated/audit-exceptions.json). */
export interface AuditException {
  class: DefectClass;
  codes: string[];
  reason: string;
}

export const auditExceptionsSchema = lazySchema(() =>
  z.array(
    z.object({
      class: z.enum(DEFECT_CLASSES),
      codes: z.array(z.string().min(1)).min(1),
      reason: z.string().min(20),
    }),
  ),
);

export interface AuditReport {
  date: string;
  cards: number;
  counts: Record<DefectClass, number>;
  /** Cards that fail a class but are listed, with a reason, as known exceptions (not in `counts`). */
  excepted: Record<DefectClass, number>;
  /** Up to a few codes per class, with what was wrong, for a reviewer to look at. */
  examples: Record<DefectClass, { code: string; lang: Language; detail: string }[]>;
}

/**
 * Words that belong to review notes for the team, never to an answer. Each with a lowercase piece it cannot match
 * without: the case-insensitive Unicode patterns are slow, and almost no card contains any of the pieces.
 */
const REVIEWER_TEXT: [RegExp, string][] = [
  [/\bbrief\b/iu, "brief"],
  [/chưa đọc (?:văn bản|được)/iu, "chưa đọc"],
  [/\bnot confirmed\b/iu, "not confirmed"],
  [/mapped by name/iu, "mapped by name"],
  [/\bOCR\b/u, "ocr"],
  [/\bnot read\b/iu, "not read"],
  [/\binferred\b/iu, "inferred"],
  [/\bTODO\b/u, "todo"],
  [/\breviewer\b/iu, "reviewer"],
  // The old generic caveat: a count of unconfirmed points that does not say which ones.
  [/Có \d+ điểm trong câu trả lời này chưa được xác nhận/u, "điểm trong câu trả lời này"],
  [/\d+ point\(s\) in this answer are not fully confirmed/iu, "in this answer are not fully confirmed"],
];

const FACT_LANGUAGES: Language[] = ["vi", "en"];
const EXAMPLES = 5;

function sectionText(card: Card, ...ids: string[]): string {
  return card.sections
    .filter((s) => ids.includes(s.id))
    .flatMap((s) => s.lines)
    .join("\n");
}

function allCardText(card: Card): string {
  return [card.title, card.subtitle, ...card.sections.flatMap((s) => [s.title, ...s.lines])].join("\n");
}

export function messageText(message: OutMessage): string {
  return message.blocks.map((b) => b.text).join("\n");
}

/** Shown amounts are compared without spaces of any kind (Intl uses narrow no-break spaces in some locales). */
const squash = (s: string) => s.replace(/[\s\u00a0\u202f]+/gu, "");

function shows(text: string, amount: number, currency: "VND" | "USD", lang: Language): boolean {
  return squash(text).includes(squash(formatMoney({ amount, currency }, lang)));
}

function scheduleItems(schedule: FeeSchedule, code: string) {
  return schedule.items.filter((i) => !i.codes || i.codes.includes(code));
}

/** True where being free is a sourced fact: a curated schedule at 0, or every channel line of the record "0 VNĐ". */
function sourcedFree(p: Procedure): boolean {
  if (p.fees) {
    const items = scheduleItems(p.fees, p.record.code);
    return (
      items.length > 0 &&
      items.every((i) => (i.counterVnd ?? i.counterUsd) === 0 && (i.onlineVnd ?? i.onlineUsd ?? 0) === 0)
    );
  }
  const channels = p.record.channels;
  return (
    channels.length > 0 &&
    channels.every((c) => c.fees.length > 0 && c.fees.every((f) => f.status === "free" && f.amountVnd === 0))
  );
}

function nationalItems(record: NationalRecord) {
  return record.channels.flatMap((c) => c.fees.map((f) => ({ kind: c.kind, item: f })));
}

type Finding = { cls: DefectClass; detail: string };

function checkFacts(p: Procedure, card: Card, catalogue: Catalogue, date: string): Finding[] {
  const lang = card.lang;
  const t = translator(lang);
  const found: Finding[] = [];
  const fees = sectionText(card, "fees");
  const record = p.record;

  if (fees.includes(t("card.feeFree")) && !sourcedFree(p))
    found.push({ cls: "free-from-no-information", detail: "says free; the record does not" });

  const missing: string[] = [];
  if (p.fees) {
    for (const i of scheduleItems(p.fees, record.code)) {
      for (const [amount, currency] of [
        [i.counterVnd, "VND"],
        [i.onlineVnd, "VND"],
        [i.counterUsd, "USD"],
        [i.onlineUsd, "USD"],
      ] as const) {
        if (typeof amount === "number" && amount > 0 && !shows(fees, amount, currency, lang))
          missing.push(formatMoney({ amount, currency }, lang));
      }
    }
  } else {
    for (const { kind, item } of nationalItems(record)) {
      const amount = item.currency === "USD" ? item.amountUsd : item.amountVnd;
      if (amount !== null && amount > 0 && !shows(fees, amount, item.currency, lang))
        missing.push(`${kind} ${formatMoney({ amount, currency: item.currency }, lang)}`);
    }
  }
  if (missing.length > 0)
    found.push({ cls: "dropped-channels", detail: `not shown: ${[...new Set(missing)].join(", ")}` });

  // A cut shown on an amount that already includes it (the note names the cut, the amount is an unclear
  // figure, or the online amount is already below the counter one).
  const discounts = applicableDiscounts(catalogue.discounts, record.code, p.fees, {
    date,
    province: null,
  }).filter((d) => !d.rule.conditional);
  const cutOf = (amount: number, percent: number | null, fixed: number | null | undefined) =>
    percent !== null
      ? Math.round(amount * (1 - percent / 100))
      : fixed != null
        ? Math.min(amount, fixed)
        : null;
  for (const d of discounts) {
    const bases: { amount: number; already: boolean }[] = [];
    if (p.fees) {
      for (const i of scheduleItems(p.fees, record.code)) {
        if (d.rule.channels.includes("online") && i.onlineVnd && i.counterVnd && i.onlineVnd < i.counterVnd)
          bases.push({ amount: i.onlineVnd, already: true });
      }
    } else {
      for (const { kind, item } of nationalItems(record)) {
        const channel = kind === "online" ? "online" : "counter";
        if (item.amountVnd === null || item.amountVnd === 0 || !d.rule.channels.includes(channel)) continue;
        // The amount already includes the cut when the note names the rule's instrument without giving the
        // lower figure the rule would give (it then gives the full one and the cut one, and the amount is the
        // full one); an unclear figure is never cut.
        const probe = cutOf(item.amountVnd, d.percentOff, d.rule.fixedAmountVnd);
        const already =
          item.status === "unclear" ||
          (item.note !== null &&
            item.note.includes(d.rule.instrument.number) &&
            (probe === null || !amountsInNote(item.note).includes(probe)));
        bases.push({ amount: item.amountVnd, already });
      }
    }
    for (const b of bases.filter((x) => x.already)) {
      const cut = cutOf(b.amount, d.percentOff, d.rule.fixedAmountVnd);
      if (cut !== null && cut < b.amount && cut > 0 && shows(fees, cut, "VND", lang))
        found.push({
          cls: "double-discounts",
          detail: `${formatMoney({ amount: b.amount, currency: "VND" }, lang)} cut again by ${d.rule.id}`,
        });
    }
  }

  const hasTimeSection = card.sections.some((s) => s.id === "time");
  const times = sectionText(card, hasTimeSection ? "time" : "agency");
  const bare = times.split("\n").find((l) => /(?:^|:\s*)\d+(?:[.,]\d+)?\s*$/u.test(l.trim()));
  if (bare) found.push({ cls: "bare-times", detail: bare.trim() });

  if (!p.fees) {
    const unshown = nationalItems(record)
      .filter(({ item }) => item.status === "not_stated")
      .flatMap(({ item }) => amountsInNote(item.note))
      .filter((a) => !shows(fees, a, "VND", lang));
    if (unshown.length > 0)
      found.push({
        cls: "unstated-but-noted-amounts",
        detail: `note amounts not shown: ${[...new Set(unshown)].slice(0, 4).join(", ")}`,
      });
  }

  const endedText = (to: string) => t("card.feeWindowEnded", { date: formatDateFor(to, lang) });
  if (p.fees) {
    if (p.fees.validTo !== null && p.fees.validTo < date && !fees.includes(endedText(p.fees.validTo)))
      found.push({ cls: "ended-windows", detail: `schedule ${p.fees.id} ended ${p.fees.validTo}` });
  } else {
    for (const { item } of nationalItems(record)) {
      const own = windowsInNote(item.note).filter((w) => !w.relief);
      if (own.length === 0 || own.some((w) => w.to >= date)) continue;
      const last = own
        .map((w) => w.to)
        .sort()
        .at(-1) as string;
      if (!fees.includes(endedText(last))) {
        found.push({ cls: "ended-windows", detail: `a period of the note ended ${last}` });
        break;
      }
    }
  }

  if (record.legalBases.length > 0) {
    const legal = squash(sectionText(card, "legal"));
    // A basis without a number is found by its title: as published, or as the procedure's translation gives it.
    const overlay = card.lang !== "vi" ? p.overlays?.[card.lang] : undefined;
    const titleIn = (b: { title: string }) => {
      const own = overlay?.legal.find((l) => l.vi.trim() === b.title.trim())?.text.trim();
      const typed = card.lang !== "vi" ? translateLegalTitle(b.title, card.lang)?.text : undefined;
      return [b.title, ...(own ? [own] : []), ...(typed ? [typed] : [])].some((x) =>
        legal.includes(squash(x.slice(0, 40))),
      );
    };
    // A number that is a whole title ("Thông tư 47/2019/TT-BTC") may be shown translated ("Circular No. …").
    const absent = record.legalBases.filter((b) =>
      b.number ? !legal.includes(squash(b.number)) && !titleIn({ title: b.number }) : !titleIn(b),
    );
    if (absent.length > 0)
      found.push({
        cls: "missing-legal-bases",
        detail: `${absent.length} of ${record.legalBases.length} not shown`,
      });
  }
  return found;
}

function formatDateFor(iso: string, lang: Language): string {
  const [y, m, d] = iso.split("-");
  return lang === "en" ? iso : lang === "vi" ? `${d}/${m}/${y}` : `${y}-${m}-${d}`;
}

function checkText(text: string): string | null {
  const lower = text.toLowerCase();
  for (const [re, piece] of REVIEWER_TEXT) {
    if (!lower.includes(piece)) continue;
    const m = re.exec(text);
    if (m) return text.slice(Math.max(0, m.index - 40), m.index + 60).replace(/\s+/g, " ");
  }
  return null;
}

export async function auditCards(
  catalogue: Catalogue,
  conversation: Conversation,
  options: AuditOptions,
): Promise<AuditReport> {
  const languages = options.languages ?? LANGUAGES;
  const counts = Object.fromEntries(DEFECT_CLASSES.map((c) => [c, 0])) as Record<DefectClass, number>;
  const excepted = Object.fromEntries(DEFECT_CLASSES.map((c) => [c, 0])) as Record<DefectClass, number>;
  const listed = new Set((options.exceptions ?? []).flatMap((e) => e.codes.map((c) => `${e.class} ${c}`)));
  const examples = Object.fromEntries(
    DEFECT_CLASSES.map((c) => [c, []]),
  ) as unknown as AuditReport["examples"];
  const ids = new Set([...catalogue.discounts.map((d) => d.id)]);
  const codes = options.codes ?? catalogue.entries.map((e) => e.code);
  let cards = 0;
  for (const code of codes) {
    const p = await catalogue.procedure(code);
    if (!p) continue;
    cards++;
    const hit = new Map<DefectClass, { lang: Language; detail: string }>();
    const note = (cls: DefectClass, lang: Language, detail: string) => {
      if (!hit.has(cls)) hit.set(cls, { lang, detail });
    };
    for (const lang of languages) {
      // Facts are checked in vi and en; in the other languages the card differs only by the curated layer's own
      // words (summaries, steps, fee labels), so the whole card is read there only where that layer exists.
      const whole = FACT_LANGUAGES.includes(lang) || p.curated !== null || p.fees !== null;
      // Kept by the conversation for the day: the answer below is made of this card, not of a second one built
      // from the record read again.
      const card = whole ? conversation.cardFor(p, lang) : null;
      if (card && FACT_LANGUAGES.includes(lang))
        for (const f of checkFacts(p, card, catalogue, options.date)) note(f.cls, lang, f.detail);
      const reply = await conversation.handle({
        channel: "web",
        chatId: `audit:${code}:${lang}`,
        userId: null,
        callback: `p:${code}`,
        lang,
      });
      const first = reply.messages[0];
      const firstText = first ? messageText(first) : "";
      const cardText = card ? allCardText(card) : "";
      const reviewer =
        checkText(cardText) ??
        checkText(firstText) ??
        [...ids].find((id) => cardText.includes(id) || firstText.includes(id)) ??
        null;
      if (reviewer) note("reviewer-text-in-answers", lang, reviewer);
      if (firstText.length > MAX_FIRST_MESSAGE)
        note("cards-over-length", lang, `first message ${firstText.length} characters`);
    }
    for (const [cls, f] of hit) {
      if (listed.has(`${cls} ${code}`)) {
        excepted[cls]++;
        continue;
      }
      counts[cls]++;
      if (examples[cls].length < (options.examples ?? EXAMPLES)) examples[cls].push({ code, ...f });
    }
  }
  return { date: options.date, cards, counts, excepted, examples };
}

export function formatAudit(report: AuditReport): string {
  const width = Math.max(...DEFECT_CLASSES.map((c) => c.length));
  const lines = [`audit of ${report.cards} cards on ${report.date}`];
  for (const cls of DEFECT_CLASSES) {
    const listed = report.excepted[cls] > 0 ? ` (+${report.excepted[cls]} listed exceptions)` : "";
    lines.push(`${cls.padEnd(width)}  ${report.counts[cls]}${listed}`);
    for (const e of report.examples[cls]) lines.push(`  ${e.code} [${e.lang}] ${e.detail}`);
  }
  return lines.join("\n");
}
