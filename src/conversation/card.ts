import type {
  Catalogue,
  ChannelKind,
  FeeWindow,
  Language,
  LegalBasis,
  Procedure,
  ProcessingTime,
} from "../catalogue/index.ts";
import {
  type AppliedDiscount,
  type ChannelAmount,
  type FeeContext,
  type FeeLine,
  type FeeView,
  type Money,
  resolveFees,
} from "../catalogue/index.ts";
import { translateLegalTitle } from "../catalogue/legal-titles.ts";
import { resultItems, splitList } from "../catalogue/national-parser.ts";
import { type TermKind, translateTerm } from "../catalogue/terms.ts";
import { type Translate, translator } from "../i18n/index.ts";
import { OverlayIndex, type OverlaySection } from "../investor/overlay.ts";

/**
 * The answer card for one procedure, channel-neutral: named sections of plain lines that each channel
 * renders its own way (Telegram HTML, Zalo plain text, the CLI, JSON).
 *
 * The first chat message shows the title, subtitle and the summary, agency and fees sections, so those stay short
 * (one line per fee with its counter and online amounts today, then one line per discount with its end date);
 * everything else sits behind its own section. Every fact says what the national record says, and where it says
 * nothing the card says so and names whom to ask: "no information" is never "free".
 */
export type CardSectionId =
  | "summary"
  | "agency"
  | "time"
  | "documents"
  | "steps"
  | "fees"
  | "result"
  | "legal"
  | "link"
  | "sources";

export interface CardSection {
  id: CardSectionId;
  title: string;
  lines: string[];
  /**
   * The lines as the first message shows them, where they differ from `lines`: a machine-assisted translation is
   * said once there (in its status line), not after every line, and the summary is cut to what the message has room
   * for. The section's own message shows `lines`.
   */
  brief?: string[];
}

export interface Card {
  code: string;
  lang: Language;
  title: string;
  subtitle: string;
  curated: boolean;
  reviewed: string | null;
  link: string;
  sections: CardSection[];
  fees: FeeView;
  /** The title as the first message shows it (without a machine mark its status line already gives). */
  briefTitle: string;
  /**
   * What the record says of how long its result is valid ("có giá trị không quá 12 tháng"), sentence by sentence,
   * marked where it stays in Vietnamese; empty when it says nothing (almost every record: about a dozen of 5,652).
   */
  validity: string[];
}

export const PORTAL_URL = "https://dichvucong.gov.vn";
/** The first message of a card (title, subtitle, summary, agency, fees, link, status) stays this short. */
export const MAX_FIRST_MESSAGE = 1200;
/** What the first message spends besides the card's lines: section headings, the link's label, line breaks. */
const FIRST_MESSAGE_FRAME = 80;
/** The least of a summary the first message keeps when its other parts are long. */
const MIN_SUMMARY = 100;
const MAX_DOCUMENTS = 15;
const MAX_LINE = 400;
/** Lines of the first message: the head of a national fee line (its note) and an agency name are cut here. */
const MAX_FEE_HEAD = 80;
/** The cases of a fee amount, translated or not, past the words every case of the fee shares. */
const MAX_FEE_CASE = 50;
const MAX_AGENCY = 90;
/** The summary in the first message: whole sentences up to this length (the rest is in the other sections). */
const MAX_SUMMARY = 220;
const MAX_TITLE = 160;

/** The locale whose number format each language's cards follow (formatMoney). */
export const LOCALES: Record<Language, string> = {
  vi: "vi-VN",
  en: "en-US",
  zh: "zh-CN",
  ko: "ko-KR",
  ja: "ja-JP",
};
const KIND_ORDER: ChannelKind[] = ["counter", "online", "postal"];

/** Digit group and decimal separators of each language's number format (vi-VN 1.234.567,5; the others 1,234,567.5). */
const SEPARATORS: Record<Language, [group: string, decimal: string]> = {
  vi: [".", ","],
  en: [",", "."],
  zh: [",", "."],
  ko: [",", "."],
  ja: [",", "."],
};

/**
 * An amount as Intl.NumberFormat(LOCALES[lang], { maximumFractionDigits }) writes it (a test compares the two), by
 * hand: making the first Intl.NumberFormat loads the locale's ICU data, several ms of a fresh Worker's first card.
 * Like Intl, it rounds the shortest decimal that reads back as the number (1.005 is "1.005", so 1.01), half away
 * from zero, and drops the fraction's trailing zeros.
 */
function formatNumber(amount: number, lang: Language, maximumFractionDigits: number): string {
  const [group, decimal] = SEPARATORS[lang];
  const shortest = String(Math.abs(amount));
  if (!/^\d+(\.\d+)?$/.test(shortest))
    return new Intl.NumberFormat(LOCALES[lang], { maximumFractionDigits }).format(amount);
  const dot = shortest.indexOf(".");
  let whole = dot < 0 ? shortest : shortest.slice(0, dot);
  let fraction = dot < 0 ? "" : shortest.slice(dot + 1);
  if (fraction.length > maximumFractionDigits) {
    const up = fraction.charCodeAt(maximumFractionDigits) - 48 >= 5;
    let digits = whole + fraction.slice(0, maximumFractionDigits);
    if (up) {
      // Add one to the last kept digit, carrying.
      let i = digits.length - 1;
      while (i >= 0 && digits[i] === "9") i--;
      digits =
        i < 0
          ? `1${"0".repeat(digits.length)}`
          : digits.slice(0, i) + String(Number(digits[i]) + 1) + "0".repeat(digits.length - i - 1);
    }
    whole = digits.slice(0, digits.length - maximumFractionDigits);
    fraction = digits.slice(digits.length - maximumFractionDigits);
  }
  fraction = fraction.replace(/0+$/, "");
  let grouped = "";
  for (let end = whole.length; end > 0; end -= 3)
    grouped = whole.slice(Math.max(0, end - 3), end) + (grouped === "" ? "" : group + grouped);
  const sign = amount < 0 && (grouped !== "0" || fraction !== "") ? "-" : "";
  return `${sign}${grouped}${fraction === "" ? "" : decimal + fraction}`;
}

export function formatMoney(money: Money, lang: Language): string {
  const n = formatNumber(money.amount, lang, money.currency === "USD" ? 2 : 0);
  return money.currency === "USD" ? `${n} USD` : `${n} ₫`;
}

function clip(text: string, max = MAX_LINE): string {
  // Only the head of a long text can be shown: flattening a head twice the length is enough whenever it comes
  // out longer than the line (spaces only ever shrink), and it saves flattening whole legal notes.
  if (text.length > 2 * max + 2) {
    const head = text
      .slice(0, 2 * max + 2)
      .replace(/\s+/g, " ")
      .trimStart();
    if (head.length > max + 1) return `${head.slice(0, max - 1).trimEnd()}…`;
  }
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > max ? `${flat.slice(0, max - 1).trimEnd()}…` : flat;
}

export function formatDate(iso: string, lang: Language): string {
  const [y, m, d] = iso.split("-");
  return lang === "en" ? iso : lang === "vi" ? `${d}/${m}/${y}` : `${y}-${m}-${d}`;
}

/** Marks Vietnamese text (national notes, agency names) in answers in other languages. */
function inVietnamese(lang: Language, t: Translate): string {
  return lang === "vi" ? "" : ` ${t("card.vietnameseOnly")}`;
}

// ─── Lines in the reader's language ─────────────────────────────────────────────────────────────────────────

/** What a card needs to put a record's line in the reader's language. */
export interface Loc {
  lang: Language;
  t: Translate;
  /** The procedure's investor translation in this language, if any. */
  overlay: OverlayIndex | null;
  /**
   * The lines go into the first message, whose status line already says the translation is machine-assisted:
   * translated lines carry no machine mark of their own ("(in Vietnamese)" stays).
   */
  quiet?: boolean;
}

/** A record line as shown: translated (by the procedure's overlay or the term base) or the Vietnamese original. */
export interface Shown {
  text: string;
  from: "original" | "overlay" | "term";
  machine: boolean;
}

/**
 * One line of the record in the reader's language: the procedure's overlay first, then the term base, else the
 * Vietnamese original (marked by the caller). Vietnamese readers get the record's own text.
 */
export function showLine(loc: Loc, section: OverlaySection | null, kind: TermKind | null, vi: string): Shown {
  if (loc.lang === "vi") return { text: vi, from: "original", machine: false };
  const own = section && loc.overlay ? loc.overlay.line(section, vi) : null;
  if (own) return { text: own, from: "overlay", machine: loc.overlay?.machine ?? true };
  const term = kind ? translateTerm(kind, vi, loc.lang) : null;
  if (term) return { text: term.text, from: "term", machine: term.machine };
  return { text: vi, from: "original", machine: false };
}

/** The marker after one labelled line: "(in Vietnamese)" or "(machine-assisted)", or nothing. */
function lineMark(loc: Loc, shown: Shown): string {
  if (loc.lang === "vi") return "";
  if (shown.from === "original") return ` ${loc.t("card.vietnameseOnly")}`;
  return shown.machine && !loc.quiet ? ` ${loc.t("card.machineMark")}` : "";
}

/**
 * A list of record lines with their marks: all Vietnamese → one "(in Vietnamese)" above them (as published);
 * otherwise each Vietnamese line marked on its own and one machine-assistance note above when any line needs it.
 * The marks are lines of their own, kept apart from `lines` so callers can place them.
 */
function markList(
  loc: Loc,
  shown: Shown[],
  render: (s: Shown) => string,
): { head: string[]; lines: string[] } {
  if (loc.lang === "vi" || shown.length === 0) return { head: [], lines: shown.map(render) };
  if (shown.every((s) => s.from === "original"))
    return { head: [loc.t("card.vietnameseOnly")], lines: shown.map(render) };
  const head = shown.some((s) => s.machine) ? [loc.t("card.machineAssisted")] : [];
  const lines = shown.map((s) => {
    const line = render(s);
    return s.from === "original" ? `${line} ${loc.t("card.vietnameseOnly")}` : line;
  });
  return { head, lines };
}

export function formatTime(time: ProcessingTime, t: Translate): string {
  if (time.value !== null && time.unit && time.unit !== "other") {
    return t(`card.units.${time.unit}`, { count: time.value });
  }
  // "75 OTHER": the number as published, saying that its unit is not stated; never a bare "75".
  if (time.value !== null) return t("card.timeUnitUnknown", { value: time.value });
  return time.text ? clip(time.text, 200) : t("card.timeNotStated");
}

function channelNames(kinds: ChannelKind[], all: ChannelKind[], t: Translate): string {
  if (all.length > 1 && all.every((k) => kinds.includes(k))) return t("card.allChannels");
  return kinds.map((k) => t(`card.channels.${k}`)).join(", ");
}

// ─── Time ───────────────────────────────────────────────────────────────────────────────────────────────────

/** Processing time per channel line; a channel listed twice for two cases keeps both, with their case. */
export function timeLines(p: Procedure, loc: Loc): string[] {
  const { t } = loc;
  const channels = p.record.channels;
  const kinds = KIND_ORDER.filter((k) => channels.some((c) => c.kind === k));
  const repeated = new Set(kinds.filter((k) => channels.filter((c) => c.kind === k).length > 1));
  const entries: { kinds: ChannelKind[]; text: string }[] = [];
  for (const c of channels) {
    const described =
      repeated.has(c.kind) && c.description ? showLine(loc, "fees", null, c.description) : null;
    const caseText = described ? ` (${clip(described.text, 120)}${lineMark(loc, described)})` : "";
    const text = `${formatTime(c.time, t)}${caseText}`;
    const twin = entries.find((e) => e.text === text);
    if (twin) {
      if (!twin.kinds.includes(c.kind)) twin.kinds.push(c.kind);
    } else entries.push({ kinds: [c.kind], text });
  }
  if (entries.length === 0) return [t("card.timeNotStated")];
  if (entries.length === 1 && entries[0]) {
    const only = entries[0];
    return [
      only.kinds.length === kinds.length ? only.text : `${channelNames(only.kinds, kinds, t)}: ${only.text}`,
    ];
  }
  return entries.map((e) => `• ${channelNames(e.kinds, kinds, t)}: ${e.text}`);
}

/** One line for the first message: the time when every channel has the same, else where to see them all. */
function shortTime(p: Procedure, loc: Loc): string {
  const { t } = loc;
  const lines = timeLines(p, loc);
  return lines.length === 1 && lines[0] && lines[0].length <= 120
    ? `${t("card.time")}: ${lines[0]}`
    : `${t("card.time")}: ${t("card.timeVaries")}`;
}

// ─── Agency ─────────────────────────────────────────────────────────────────────────────────────────────────

/**
 * Who handles it and where the dossier goes, as the record says; with `withTime`, the time in one line (the first
 * message's brief: the full card has a time section of its own).
 */
export function agencyLines(p: Procedure, loc: Loc, withTime = true): string[] {
  const { t } = loc;
  const { agencies } = p.record;
  const lines: string[] = [];
  const agency = agencies.implementing ?? agencies.competent;
  if (agency) {
    const shown = showLine(loc, "agencies", "agencies", agency);
    lines.push(`${t("card.agency")}: ${clip(shown.text, MAX_AGENCY)}${lineMark(loc, shown)}`);
  }
  // The filing address is shown where it says more than the agency's name (case aside).
  const same = (a: string, b: string | null) =>
    b !== null && a.toLocaleLowerCase("vi") === b.toLocaleLowerCase("vi");
  if (agencies.receivingAddress && !same(agencies.receivingAddress, agency)) {
    const shown = showLine(loc, "agencies", "agencies", agencies.receivingAddress.replace(/^-\s*/u, ""));
    lines.push(`${t("card.receivingAddress")}: ${clip(shown.text, MAX_AGENCY)}${lineMark(loc, shown)}`);
  }
  if (lines.length === 0) {
    const level = p.record.level ? t(`card.levels.${p.record.level}`) : null;
    lines.push(level ? t("card.agencyNotStatedLevel", { level }) : t("card.agencyNotStated"));
  }
  if (withTime) lines.push(shortTime(p, loc));
  return lines;
}

/** Whom a caveat tells people to ask: the named agency when the record gives one. */
/** The agency to ask, in the reader's language where the overlay or the term base gives it. */
function whomToAsk(p: Procedure, loc: Loc): string {
  const agency = p.record.agencies.implementing ?? p.record.agencies.competent;
  if (!agency) return loc.t("card.theAgency");
  const shown = showLine(loc, "agencies", "agencies", agency);
  if (loc.lang !== "vi" && shown.from === "original") return loc.t("card.theAgency");
  return shown.text.length <= 80 ? shown.text : loc.t("card.theAgency");
}

// ─── Fees ───────────────────────────────────────────────────────────────────────────────────────────────────

function windowNote(windows: FeeWindow[], date: string, lang: Language, t: Translate): string {
  const own = windows.filter((w) => !w.relief);
  const relief = windows.filter((w) => w.relief);
  const parts: string[] = [];
  if (own.length > 0) {
    const current = own.filter((w) => (w.from === null || w.from <= date) && date <= w.to);
    const last = own
      .map((w) => w.to)
      .sort()
      .at(-1) as string;
    if (current.length > 0) {
      const to = current.map((w) => w.to).sort()[0] as string;
      parts.push(t("card.feeWindowUntil", { date: formatDate(to, lang) }));
    } else if (own.every((w) => w.to < date))
      parts.push(t("card.feeWindowEnded", { date: formatDate(last, lang) }));
  }
  for (const w of relief) {
    if (w.to < date) parts.push(t("card.feeReliefEnded", { date: formatDate(w.to, lang) }));
    else if (w.from === null || w.from <= date)
      parts.push(t("card.feeReliefUntil", { date: formatDate(w.to, lang) }));
  }
  return parts.length > 0 ? ` (${parts.join("; ")})` : "";
}

/** The length of the words several texts open with, up to a colon or a word (0 when under 15 characters). */
function sharedOpening(texts: string[]): number {
  const first = texts[0] ?? "";
  let n = 0;
  while (n < first.length && texts.every((x) => x[n] === first[n])) n++;
  if (n === first.length) return 0;
  const colon = Math.max(first.lastIndexOf(":", n - 1), first.lastIndexOf("：", n - 1));
  const cut = colon >= 0 ? colon + 1 : first.lastIndexOf(" ", n);
  return cut >= 15 ? cut : 0;
}

/** The cases of a fee's amount as shown: whole and translated where the procedure's translation has each, else as published. */
function shownCases(a: ChannelAmount, loc: Loc): { text: string; translated: boolean } | null {
  if (a.cases.length === 0) return null;
  const own = loc.lang === "vi" ? [] : a.cases.map((c) => loc.overlay?.line("fees", c) ?? null);
  if (own.length === a.cases.length && own.every((c) => c !== null))
    return { text: own.join("; "), translated: true };
  return { text: a.cases.join("; "), translated: false };
}

/** Where the cases of a fee's lines start to differ (at a word), so each shows what sets it apart. */
function commonCasePrefix(amounts: ChannelAmount[], loc: Loc): number {
  const cases = amounts.map((a) => shownCases(a, loc)?.text).filter((c): c is string => c !== undefined);
  if (cases.length < 2) return 0;
  let n = 0;
  const first = cases[0] as string;
  while (n < first.length && cases.every((c) => c[n] === first[n])) n++;
  // The same case on every line tells nothing apart.
  if (cases.every((c) => c === first)) return first.length;
  const word = first.lastIndexOf(" ", n);
  return word > 0 ? word + 1 : 0;
}

function amountText(a: ChannelAmount, loc: Loc, date: string, casePrefix = 0): string {
  const { lang, t } = loc;
  const money = (m: Money) => formatMoney(m, lang);
  let text: string;
  if (a.money && a.now) text = t("card.feeNowInstead", { now: money(a.now), full: money(a.money) });
  else if (a.money) {
    const shown = money(a.money);
    text =
      a.status === "unclear"
        ? t("card.feeUnclear", { amount: shown })
        : a.status === "thousands"
          ? `${shown} (${t("card.feeConverted")})`
          : a.status === "usd"
            ? `${shown} (${t("card.feeUsd")})`
            : shown;
  } else if (a.noteAmounts.length > 0)
    text = t("card.feeInNote", {
      amounts: a.noteAmounts.map((n) => money({ amount: n, currency: "VND" })).join(" / "),
    });
  else if (a.status === "no_info") text = t("card.feeNoInfo");
  else text = t("card.feeNotStated");
  // The cases, translated or as published, from where they differ, cut to the same length either way.
  const shown = shownCases(a, loc);
  const rest = shown ? shown.text.slice(casePrefix).trim() : "";
  const mark = shown?.translated
    ? loc.overlay?.machine && !loc.quiet
      ? ` ${t("card.machineMark")}`
      : ""
    : inVietnamese(lang, t);
  const cases = rest !== "" ? ` [${clip(rest, MAX_FEE_CASE)}${mark}]` : "";
  return `${text}${windowNote(a.windows, date, lang, t)}${cases}`;
}

/** One line per fee: what it is, then its amount today on each channel (channels named once when shared). */
function feeLine(
  line: FeeLine,
  all: ChannelKind[],
  shared: boolean,
  headMax: number,
  headPrefix: number,
  loc: Loc,
  date: string,
): string {
  const { lang, t } = loc;
  // The note names the fee, translated where the procedure's translation has it; cut alike either way.
  const note = line.note && lang !== "vi" ? (loc.overlay?.line("fees", line.note) ?? line.note) : line.note;
  const head = line.label
    ? line.label[lang]
    : note
      ? clip(note.slice(headPrefix).replace(/^[\s:：+\-–]+/u, ""), headMax)
      : null;
  const prefix = commonCasePrefix(line.amounts, loc);
  // Several amounts on the same channels (tiers of one fee) are listed after the channels once.
  const byKinds = new Map<string, { kinds: ChannelKind[]; texts: string[] }>();
  for (const a of line.amounts) {
    const key = a.kinds.join();
    const entry = byKinds.get(key) ?? { kinds: a.kinds, texts: [] };
    byKinds.set(key, entry);
    const text = amountText(a, loc, date, prefix);
    if (!entry.texts.includes(text)) entry.texts.push(text);
  }
  const amounts = [...byKinds.values()].map((e) =>
    shared ? e.texts.join(" / ") : `${channelNames(e.kinds, all, t)}: ${e.texts.join(" / ")}`,
  );
  return `• ${head ? `${head}: ` : ""}${amounts.join(" · ")}`;
}

function discountLine(d: AppliedDiscount, lang: Language, t: Translate): string {
  const rule = d.rule;
  const what =
    rule.percentOff === 100
      ? t("card.discountWaiver")
      : rule.percentOff !== null
        ? t("card.discountPercent", { percent: rule.percentOff })
        : rule.fixedAmountVnd != null
          ? t("card.discountFixed", {
              amount: formatMoney({ amount: rule.fixedAmountVnd, currency: "VND" }, lang),
            })
          : t("card.discountOther");
  const where = !rule.channels.includes("counter")
    ? t("card.discountOnline")
    : rule.channels.includes("online")
      ? t("card.discountAllChannels")
      : t("card.discountCounter");
  const scope = rule.scope.kind === "province" ? ` (${rule.scope.province})` : "";
  const until = rule.validTo ? t("card.discountUntil", { date: formatDate(rule.validTo, lang) }) : "";
  const condition =
    rule.conditional && rule.condition
      ? ` ${t("card.discountIf", { condition: clip(rule.condition[lang], 60) })}`
      : "";
  return `↓ ${rule.instrument.number}${scope}: ${what}, ${where}${until}.${condition}`;
}

/** The fees section: one line per fee (counter and online today), one per discount, exemptions, whom to ask. */
export function feeLines(p: Procedure, view: FeeView, loc: Loc, date: string): string[] {
  const { lang, t } = loc;
  const lines: string[] = [];
  const all = KIND_ORDER.filter((k) => p.record.channels.some((c) => c.kind === k));
  if (view.lines.length === 0) lines.push(t("card.feeNone"));
  else if (view.free) lines.push(t(view.source === "curated" ? "card.feeFreeCurated" : "card.feeFree"));
  else {
    const kinds: ChannelKind[] = all.length > 0 ? all : ["counter", "online"];
    // Where every fee has one amount on the same channels, the channels are named once above the list.
    const first = view.lines[0]?.amounts[0]?.kinds.join();
    const shared =
      view.lines.length > 1 &&
      view.lines.every((l) => l.amounts.length === 1 && l.amounts[0]?.kinds.join() === first);
    // National fee lines are named by their notes, in Vietnamese unless the procedure's translation gives them:
    // said once, not on every line.
    const own = (l: FeeLine) => (l.note && lang !== "vi" ? loc.overlay?.line("fees", l.note) : null) ?? null;
    const untranslated = view.lines.filter((l) => !l.label && l.note && !own(l));
    if (lang !== "vi" && untranslated.length > 0) lines.push(t("card.vietnameseOnly"));
    else if (lang !== "vi" && loc.overlay?.machine && !loc.quiet && view.lines.some((l) => own(l) !== null))
      lines.push(t("card.machineAssisted"));
    if (shared) lines.push(`${channelNames(view.lines[0]?.amounts[0]?.kinds ?? [], kinds, t)}:`);
    const headMax = view.lines.length > 3 ? 60 : MAX_FEE_HEAD;
    // Notes that all open with the same words ("Phí thẩm định cấp giấy phép: …") say them once, above the list.
    const notes = view.lines.map((l) => (l.label ? null : (own(l) ?? l.note)));
    const headPrefix =
      notes.length > 2 && notes.every((n) => n !== null) ? sharedOpening(notes as string[]) : 0;
    if (headPrefix > 0)
      lines.push(`${clip((notes[0] as string).slice(0, headPrefix), 80).replace(/[\s:：+\-–]+$/u, "")}:`);
    for (const line of view.lines) {
      lines.push(feeLine(line, kinds, shared, headMax, headPrefix, loc, date));
      if (line.who) lines.push(`  ${clip(line.who[lang], 80)}`);
    }
  }
  for (const d of view.discounts) lines.push(discountLine(d, lang, t));
  if (view.exemptions) lines.push(`${t("card.exemptions")}: ${clip(view.exemptions[lang], 100)}`);
  const unknown = view.lines.some((l) =>
    l.amounts.some((a) => a.money === null && a.noteAmounts.length === 0),
  );
  // The agency is named just above in the first message, so the fee caveats say "the agency".
  const checks = feeChecks(view, t);
  if (checks.length > 0)
    lines.push(t("card.checkWith", { who: t("card.theAgency"), points: checks.join(", ") }));
  else if (unknown && !view.free) lines.push(t("card.feeAsk", { who: t("card.theAgency") }));
  return lines;
}

/** The fee points a reviewer left open, named for the user (the notes themselves stay in data). */
function feeChecks(view: FeeView, t: Translate): string[] {
  const checks: string[] = [];
  if (view.uncertain.length > 0) checks.push(t("card.points.fees"));
  if (view.discounts.some((d) => d.rule.uncertain.length > 0)) checks.push(t("card.points.discounts"));
  return [...new Set(checks)];
}

// ─── Documents, steps, result, legal bases ──────────────────────────────────────────────────────────────────

const ROMAN: Record<string, number> = { i: 1, v: 5, x: 10 };
function romanValue(s: string): number {
  let total = 0;
  for (let i = 0; i < s.length; i++) {
    const v = ROMAN[s[i] as string] ?? 0;
    const next = ROMAN[s[i + 1] as string] ?? 0;
    total += v < next ? -v : v;
  }
  return total;
}

/** The number a document line gives itself: "(iv) …" → 4, "3. …" → 3, "b) …" → 2; null when none. */
function ownNumber(name: string): number | null {
  const roman = /^\(?([ivx]+)\)\s/iu.exec(name);
  if (roman?.[1]) return romanValue(roman[1].toLowerCase());
  const arabic = /^\(?(\d{1,2})[.)]\s/u.exec(name);
  if (arabic?.[1]) return Number(arabic[1]);
  const letter = /^([a-zđ])\)\s/u.exec(name);
  if (letter?.[1]) return letter[1].charCodeAt(0) - 96;
  return null;
}

/** Items that number themselves are put back in their own order, in the places numbered items hold. */
function inOwnOrder<T extends { name: string }>(items: T[]): T[] {
  const numbered = items.filter((i) => ownNumber(i.name) !== null);
  if (numbered.length < 2) return items;
  const sorted = [...numbered].sort((a, b) => (ownNumber(a.name) ?? 0) - (ownNumber(b.name) ?? 0));
  let next = 0;
  return items.map((i) => (ownNumber(i.name) !== null ? (sorted[next++] as T) : i));
}

export function documentLines(p: Procedure, loc: Loc): string[] {
  const { t } = loc;
  const rows: { shown: Shown; render: (s: Shown) => string }[] = [];
  let shown = 0;
  let total = 0;
  for (const group of p.record.documents) {
    total += group.items.length;
    if (shown >= MAX_DOCUMENTS) continue;
    if (group.heading && group.items.length > 0)
      rows.push({
        shown: showLine(loc, "documents", "documents", group.heading),
        render: (s) => clip(s.text, 200),
      });
    for (const item of inOwnOrder(group.items)) {
      if (shown >= MAX_DOCUMENTS) break;
      // "(0 bản chính, 0 bản sao)" says nothing: shown only where the record gives a number.
      const count =
        item.originals !== null && item.copies !== null && item.originals + item.copies > 0
          ? ` (${t("card.docCount", { originals: item.originals, copies: item.copies })})`
          : "";
      const name = item.name.replace(/^-\s*/u, "");
      rows.push({
        shown: showLine(loc, "documents", "documents", name),
        render: (s) => `• ${clip(s.text, 300)}${count}`,
      });
      shown++;
    }
  }
  const marked = markList(
    loc,
    rows.map((r) => r.shown),
    (s) => (rows.find((r) => r.shown === s) as (typeof rows)[number]).render(s),
  );
  const lines = [...marked.head, ...marked.lines];
  if (total > shown) lines.push(t("card.moreDocuments", { count: total - shown }));
  return lines;
}

const ONLINE_HINT = /trực tuyến|qua mạng|điện tử|dịch vụ công|online|VNeID|định danh/iu;

export function stepLines(p: Procedure, loc: Loc): string[] {
  const { lang, t } = loc;
  if (p.curated) return p.curated.onlineSteps[lang].map((s, i) => `${i + 1}. ${s}`);
  const own = loc.overlay?.overlay.onlineSteps ?? [];
  if (lang !== "vi" && own.length > 0) {
    const steps = own.map((s, i) => `${i + 1}. ${s}`);
    return loc.overlay?.machine ? [t("card.machineAssisted"), ...steps] : steps;
  }
  const hasOnline = p.record.channels.some((c) => c.kind === "online");
  const lines: string[] = [];
  if (!hasOnline) lines.push(t("card.noOnline"));
  const groups = p.record.steps;
  // Prefer the group the record labels as the online way; otherwise the whole published sequence.
  const online = groups.filter((g) => g.heading && ONLINE_HINT.test(g.heading));
  const chosen = hasOnline && online.length > 0 ? online : groups;
  const items = chosen.flatMap((g) => g.items);
  if (items.length === 0) return lines;
  const shown = items.slice(0, 12).map((s) => showLine(loc, "steps", null, s));
  const marked = markList(loc, shown, (s) => clip(s.text));
  // "As published (in Vietnamese)" when no step is translated; the marks of a translated list otherwise.
  if (marked.head[0] === t("card.vietnameseOnly") || lang === "vi")
    lines.push(`${t("card.stepsAsPublished")}${inVietnamese(lang, t)}`);
  else lines.push(t("card.stepsAsPublished"), ...marked.head);
  marked.lines.forEach((s, i) => {
    lines.push(`${i + 1}. ${s}`);
  });
  if (items.length > 12) lines.push(t("card.moreSteps", { count: items.length - 12 }));
  return lines;
}

/**
 * One result item in the reader's language: translated whole, else from its comma pieces when every piece is
 * translated (joined as the record joins them), else the Vietnamese item.
 */
function showResult(loc: Loc, item: { text: string; parts: string[] }): Shown {
  const whole = showLine(loc, "result", "results", item.text);
  if (whole.from !== "original" || item.parts.length === 1) return whole;
  const parts = item.parts.map((part) => showLine(loc, "result", "results", part));
  if (parts.some((s) => s.from === "original")) return whole;
  return {
    text: parts.map((s) => s.text).join(", "),
    from: parts.some((s) => s.from === "term") ? "term" : "overlay",
    machine: parts.some((s) => s.machine),
  };
}

/** What the applicant gets, as the record lists it. */
/**
 * A sentence of the record that says how long a result is valid: "có giá trị (sử dụng) không quá 12 tháng",
 * "… dài hạn", "thời hạn hiệu lực là 18 tháng", "có hiệu lực không quá 05 năm", "có thời hạn 24 tháng". Deadlines
 * ("trong thời hạn 30 ngày kể từ …") are not validity and do not match.
 */
const VALIDITY =
  /(?:có giá trị(?: sử dụng)?(?: trong(?: thời hạn)?| đến(?: hết)?| không quá| tối đa| là)? (?:\(?\d|ngày|dài hạn|vô thời hạn)|thời hạn (?:hiệu lực|sử dụng)(?: là| tối đa| không quá)? \(?\d|có hiệu lực (?:trong|tối đa|không quá|là) \(?\d|có thời hạn(?: tối đa| không quá| là)? \(?\d)/iu;
const MAX_VALIDITY_LINES = 3;

export function validityLines(p: Procedure, loc: Loc): string[] {
  const found: string[] = [];
  for (const text of [p.record.result, p.record.conditions, p.record.description]) {
    for (const sentence of (text ?? "").split(/(?<=[.;])\s+|\n/u)) {
      // Without the record's list marker: "- ", "+ ", "d) ", "2. ".
      const plain = sentence.trim().replace(/^(?:[-+•*]|[a-zđ]\)|\d{1,2}\.)\s*/u, "");
      if (plain.length > MAX_LINE || !VALIDITY.test(plain) || found.includes(plain)) continue;
      found.push(plain);
    }
  }
  return found.slice(0, MAX_VALIDITY_LINES).map((vi) => {
    const shown = showLine(loc, null, null, vi);
    return `• ${shown.text}${lineMark(loc, shown)}`;
  });
}

export function resultLines(p: Procedure, loc: Loc): string[] {
  const { t } = loc;
  const items = resultItems(p.record.result);
  if (items.length === 0) return [t("card.resultNotStated")];
  // The whole result where it is translated as one (the term base keys results whole), else item by item.
  const whole =
    splitList(p.record.result).length > 1 && p.record.result
      ? showLine(loc, "result", "results", p.record.result)
      : null;
  const shown = whole && whole.from !== "original" ? [whole] : items.map((item) => showResult(loc, item));
  const marked = markList(loc, shown, (s) => `• ${clip(s.text, 300)}`);
  return [...marked.head, ...marked.lines];
}

/** "number — title"; a curated basis's `articles` is a note for the team (which articles were read) and stays in data. */
function basisLine(b: LegalBasis, title220?: string): string {
  const title = clip(title220 ?? b.title, 220);
  if (!b.number || title.includes(b.number)) return `• ${title}`;
  return `• ${b.number} — ${title}`;
}

/** Every legal basis the record gives (number and title), then the fee basis a curated schedule adds. */
export function legalLines(p: Procedure, view: FeeView, loc: Loc): string[] {
  const { t } = loc;
  const lines: string[] = [];
  const bases = p.record.legalBases;
  if (bases.length === 0) lines.push(t("card.legalNotStated"));
  else {
    lines.push(...basisList(loc, bases));
  }
  const known = new Set(bases.map((b) => b.number).filter(Boolean));
  const feeBases =
    view.source === "curated"
      ? (p.fees?.basis ?? []).filter((b) => !known.has(b.number))
      : view.basis.filter((b) => b.number !== null && !known.has(b.number));
  if (feeBases.length > 0) {
    lines.push(`${t("card.feeBasis")}:`);
    lines.push(...basisList(loc, feeBases));
  }
  return lines;
}

/** A legal document's title in the reader's language where the overlay or the legal titles give it. */
function legalTitle(loc: Loc, title: string): Shown {
  const s = showLine(loc, "legal", null, title);
  // A basis given only as type, number and date is rendered from the document types (numbers as published), also
  // where an overlay kept such a title as it stands ("Thông tư 47/2019/TT-BTC").
  const typed = s.from === "original" || s.text === title ? translateLegalTitle(title, loc.lang) : null;
  return typed ? { text: typed.text, from: "term", machine: typed.machine } : s;
}

/** Legal bases as lines, each title in the reader's language where known, with the marks markList adds. */
function basisList(loc: Loc, bases: readonly LegalBasis[]): string[] {
  const shown = bases.map((b) => {
    // A record giving type and number as the number and the bare number as the title ("Thông tư 47/2019/TT-BTC" —
    // "47/2019/TT-BTC") names one document: its title is the number, translated as such.
    const whole = b.number !== null && b.number !== b.title && b.number.includes(b.title);
    return whole
      ? { b: { ...b, number: null }, s: legalTitle(loc, b.number as string) }
      : { b, s: legalTitle(loc, b.title) };
  });
  const marked = markList(
    loc,
    shown.map((x) => x.s),
    (s) => {
      const x = shown.find((y) => y.s === s) as (typeof shown)[number];
      return basisLine(x.b, s.text);
    },
  );
  return [...marked.head, ...marked.lines];
}

// ─── Sources and caveats ────────────────────────────────────────────────────────────────────────────────────

const POINT_PATTERNS: [string, RegExp][] = [
  ["fees", /\bfee|phí|amount|VND|₫|USD/iu],
  ["steps", /\bstep|VNeID|online|portal|submit/iu],
  ["documents", /document|giấy tờ|paper/iu],
  ["agency", /agency|authority|level|commune|province|police|People's Committee/iu],
  ["time", /\bdays?\b|processing time|deadline/iu],
  ["names", /\bname|translat|term|alias/iu],
];

/** The points of a curated record a reviewer left open, named for the user (notes stay in data). */
function curatedChecks(notes: string[], t: Translate): string[] {
  const points = new Set<string>();
  for (const n of notes) {
    const hit = POINT_PATTERNS.find(([, re]) => re.test(n));
    points.add(hit ? hit[0] : "details");
  }
  return [...points].map((p) => t(`card.points.${p}`));
}

/**
 * The national record's citation ("Cơ sở dữ liệu quốc gia về thủ tục hành chính, bản xuất tháng 7/2026 (thủ tục
 * 1.009664)" in the curated layer, its English form in the overlays) in the reader's language; a legal document's
 * title as the legal titles give it; anything else as cited.
 */
const NATIONAL_SOURCE = [
  /^Cơ sở dữ liệu quốc gia về thủ tục hành chính, bản xuất tháng (\d{1,2})\/(\d{4}) \(thủ tục (\d\.\d{6})\)$/u,
  /^National database of administrative procedures, export of (?:July) (\d{4}): (\d\.\d{6})$/u,
];

function sourceTitle(loc: Loc, title: string): string {
  const vi = NATIONAL_SOURCE[0]?.exec(title);
  const en = NATIONAL_SOURCE[1]?.exec(title);
  if (vi) return loc.t("card.nationalSource", { month: vi[1], year: vi[2], code: vi[3] });
  if (en) return loc.t("card.nationalSource", { month: "7", year: en[1], code: en[2] });
  if (loc.lang === "vi") return title;
  return translateLegalTitle(title, loc.lang)?.text ?? title;
}

const sourceLine = (loc: Loc, s: { title: string; url?: string | null }) =>
  `• ${sourceTitle(loc, s.title)}${s.url ? ` — ${s.url}` : ""}`;

function sourceLines(p: Procedure, view: FeeView, loc: Loc): string[] {
  const { lang, t } = loc;
  const { curated, record } = p;
  const lines: string[] = [];
  const own = loc.overlay?.overlay;
  // The first line is the card's status, shown in the first message: a curated procedure's review comes first (its
  // name, summary, steps and fees are reviewed; the overlay's lines are marked where they are shown).
  const translation = own
    ? own.review === "machine-assisted"
      ? t("card.investorMachine")
      : t("card.investorReviewed", { date: formatDate(own.review.reviewed, lang) })
    : null;
  if (!curated && own) {
    if (translation) lines.push(translation);
    lines.push(t("card.national"));
    for (const s of own.sources) lines.push(sourceLine(loc, s));
  } else if (curated) {
    lines.push(t("card.curated", { date: formatDate(curated.reviewed, lang) }));
    // The curated name, summary, steps and fees are the reviewed part; the overlay translates the other lines.
    if (translation)
      lines.push(own?.review === "machine-assisted" ? t("card.investorMachineRest") : translation);
    for (const s of curated.sources) lines.push(sourceLine(loc, s));
    const checks = curatedChecks(curated.uncertain, t);
    if (checks.length > 0)
      lines.push(t("card.checkWith", { who: whomToAsk(p, loc), points: checks.join(", ") }));
  } else lines.push(t("card.national"));
  if (view.source === "curated") {
    if (view.reviewed) lines.push(t("card.feesCurated", { date: formatDate(view.reviewed, lang) }));
    // A fee family cites the national record of each of its procedures; show only this one's, and the law.
    const otherRecord = (title: string) =>
      [...title.matchAll(/\d\.\d{6}/g)].some((m) => m[0] !== record.code);
    const shown = new Set(curated?.sources.map((x) => x.title) ?? []);
    for (const s of view.sources.filter((x) => !otherRecord(x.title) && !shown.has(x.title))) {
      lines.push(
        `• ${sourceTitle(loc, s.title)}${s.url ? ` — ${s.url}` : s.repo ? ` — ${s.repo}/${s.path}` : ""}`,
      );
    }
  }
  if (record.oldCodes.length > 0) lines.push(t("card.oldCodes", { codes: record.oldCodes.join(", ") }));
  return lines;
}

/**
 * Whole sentences of a summary up to `max` characters (MAX_SUMMARY by default); at least the first, clipped to
 * `hard` characters.
 */
export function summaryText(summary: string, max = MAX_SUMMARY, hard = max + 40): string {
  // A sentence ends at . ! ? before a capital letter or a Hangul syllable (Korean has no capitals; not "No. 1",
  // "TT 64/2025."), or at 。！？.
  const ends = [...summary.matchAll(/[.!?](?=\s+[\p{Lu}\p{Script=Hangul}])|[。！？]/gu)].map(
    (m) => (m.index ?? 0) + 1,
  );
  let cut = 0;
  for (const end of [...ends, summary.length]) {
    if (cut !== 0 && end > max) break;
    cut = end;
  }
  return clip(summary.slice(0, cut).trim(), hard);
}

/** Characters of lines as a message joins them. */
const joined = (lines: string[]) => lines.join("\n").length;

// ─── The card ───────────────────────────────────────────────────────────────────────────────────────────────

const memo = new Map<Language, Translate>();

/** The translator, with the strings that take no values looked up once (cards are built in bulk by the audit). */
function cardTranslator(lang: Language): Translate {
  const known = memo.get(lang);
  if (known) return known;
  const t = translator(lang);
  const fixed = new Map<string, string>();
  const cached = ((key: string, options?: Record<string, unknown>) => {
    if (options !== undefined) return t(key, options);
    let text = fixed.get(key);
    if (text === undefined) {
      text = t(key);
      fixed.set(key, text);
    }
    return text;
  }) as unknown as Translate;
  memo.set(lang, cached);
  return cached;
}

export function buildCard(p: Procedure, catalogue: Catalogue, lang: Language, ctx: FeeContext): Card {
  const t = cardTranslator(lang);
  const { entry, record, curated } = p;
  const own = lang !== "vi" ? p.overlays?.[lang] : undefined;
  const overlay = own ? new OverlayIndex(own) : null;
  const loc: Loc = { lang, t, overlay };
  // A machine-assisted translation of a procedure nobody curated says so once in the first message, in its status
  // line; that message's lines are built without marks of their own (the sections' own messages keep them).
  const quietFirst = lang !== "vi" && !curated && overlay?.machine === true;
  const quiet: Loc = { ...loc, quiet: true };
  // The curated layer's reviewed name, summary and online steps come first; the overlay translates the rest.
  const ownName = curated ? null : (overlay?.name ?? null);
  const name =
    ownName ?? entry.names[lang] ?? (lang !== "vi" && entry.names.en ? entry.names.en : record.name);
  const shownLang = entry.names[lang] ? lang : "en";
  const machine =
    lang === "vi"
      ? ""
      : ownName
        ? overlay?.machine
          ? ` ${t("card.machineName")}`
          : ""
        : entry.machineTranslated.includes(shownLang)
          ? ` ${t("card.machineName")}`
          : "";
  const field = record.field ? showLine(loc, null, "fields", record.field) : null;
  const levelId = curated?.level ?? record.level;
  const level = levelId ? t(`card.levels.${levelId}`) : null;
  const subtitle = [
    t("card.code", { code: record.code }),
    level,
    // The field's mark, when machine-assisted, is said in the sources section: the subtitle stays one short line.
    field
      ? t("card.field", {
          field: `${clip(field.text, 120)}${field.from === "original" ? lineMark(loc, field) : ""}`,
        })
      : null,
  ]
    .filter(Boolean)
    .join(" · ");
  const fees = resolveFees(p, catalogue.discounts, ctx);
  const title = `${clip(name, MAX_TITLE)}${machine}`;
  const briefTitle = quietFirst && ownName ? clip(name, MAX_TITLE) : title;
  const agency = agencyLines(p, loc);
  const agencyBrief = quietFirst ? agencyLines(p, quiet) : agency;
  const feeList = feeLines(p, fees, loc, ctx.date);
  const feeBrief = quietFirst ? feeLines(p, fees, quiet, ctx.date) : feeList;
  const sources = [
    ...sourceLines(p, fees, loc),
    ...(field?.machine && field.from !== "original" ? [t("card.fieldMachine")] : []),
  ];
  const sections: CardSection[] = [];
  const summary = curated ? curated.summary[lang] : (overlay?.summary ?? null);
  if (summary) {
    const mark = !curated && overlay?.machine ? ` ${t("card.machineMark")}` : "";
    // The first message keeps what room its other parts leave: whole sentences, at least the first one, clipped.
    const room =
      MAX_FIRST_MESSAGE -
      FIRST_MESSAGE_FRAME -
      briefTitle.length -
      subtitle.length -
      joined(agencyBrief) -
      joined(feeBrief) -
      (sources[0]?.length ?? 0);
    // Without room for MIN_SUMMARY characters (long fee tables) the first message goes without it.
    const hard = Math.min(MAX_SUMMARY + 40, room);
    const brief = hard >= MIN_SUMMARY ? summaryText(summary, Math.min(MAX_SUMMARY, hard), hard) : null;
    sections.push({
      id: "summary",
      title: t("card.summary"),
      lines: [`${summaryText(summary)}${mark}`],
      brief: brief ? [`${brief}${quietFirst ? "" : mark}`] : [],
    });
  }
  // The full section leaves the time to the time section below it; the first message's brief keeps it beside the agency.
  sections.push({
    id: "agency",
    title: t("card.agency"),
    lines: agencyLines(p, loc, false),
    brief: agencyBrief,
  });
  sections.push({ id: "time", title: t("card.time"), lines: timeLines(p, loc) });
  const documents = documentLines(p, loc);
  if (documents.length > 0) sections.push({ id: "documents", title: t("card.documents"), lines: documents });
  sections.push({ id: "steps", title: t("card.onlineSteps"), lines: stepLines(p, loc) });
  sections.push({
    id: "fees",
    title: t("card.fees"),
    lines: feeList,
    ...(feeBrief !== feeList ? { brief: feeBrief } : {}),
  });
  sections.push({ id: "result", title: t("card.result"), lines: resultLines(p, loc) });
  sections.push({ id: "legal", title: t("card.legal"), lines: legalLines(p, fees, loc) });
  const link = record.portalUrl ?? PORTAL_URL;
  sections.push({
    id: "link",
    title: t("card.link"),
    lines: [record.portalUrl ?? t("card.linkPortal", { url: PORTAL_URL, code: record.code })],
  });
  sections.push({ id: "sources", title: t("card.sources"), lines: sources });

  return {
    code: record.code,
    lang,
    title,
    briefTitle,
    subtitle,
    curated: curated !== null,
    reviewed: curated?.reviewed ?? null,
    link,
    sections,
    fees,
    validity: validityLines(p, loc),
  };
}

/** Plain text, for the CLI and for channels without markup. */
export function cardToText(card: Card): string {
  const out = [card.title, card.subtitle];
  for (const s of card.sections) {
    out.push("", `■ ${s.title}`, ...s.lines);
  }
  return out.join("\n");
}
