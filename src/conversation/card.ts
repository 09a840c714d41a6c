import type { Catalogue, Language, Procedure, ProcessingTime } from "../catalogue/index.ts";
import { type FeeContext, type FeeLine, type FeeView, type Money, resolveFees } from "../catalogue/index.ts";
import { type Translate, translator } from "../i18n/index.ts";

/**
 * The answer card for one procedure, channel-neutral: named sections of plain lines that each channel
 * renders its own way (Telegram HTML, Zalo plain text, the CLI, JSON).
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
}

export const PORTAL_URL = "https://dichvucong.gov.vn";
const MAX_DOCUMENTS = 15;
const MAX_LINE = 400;

const LOCALES: Record<Language, string> = { vi: "vi-VN", en: "en-US", zh: "zh-CN", ko: "ko-KR", ja: "ja-JP" };

export function formatMoney(money: Money, lang: Language): string {
  const n = new Intl.NumberFormat(LOCALES[lang], {
    maximumFractionDigits: money.currency === "USD" ? 2 : 0,
  }).format(money.amount);
  return money.currency === "USD" ? `${n} USD` : `${n} ₫`;
}

function clip(text: string, max = MAX_LINE): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length > max ? `${flat.slice(0, max - 1).trimEnd()}…` : flat;
}

function formatTime(time: ProcessingTime, t: Translate): string {
  if (time.value !== null && time.unit && time.unit !== "other") {
    return t(`card.units.${time.unit}`, { count: time.value });
  }
  return time.text ? clip(time.text, 200) : t("card.timeNotStated");
}

function formatDate(iso: string, lang: Language): string {
  const [y, m, d] = iso.split("-");
  return lang === "en" ? iso : lang === "vi" ? `${d}/${m}/${y}` : `${y}-${m}-${d}`;
}

function discountWindow(from: string | null, to: string | null, lang: Language, t: Translate): string {
  const f = from ? formatDate(from, lang) : null;
  const u = to ? formatDate(to, lang) : null;
  if (f && u) return t("card.windowClosed", { from: f, to: u });
  if (f) return t("card.windowOpen", { from: f });
  if (u) return t("card.windowUntil", { to: u });
  return t("card.windowUnknown");
}

/** Reviewers' doubts are written in English; other languages get one localized warning instead. */
function uncertainLines(notes: string[], lang: Language, t: Translate): string[] {
  if (notes.length === 0) return [];
  if (lang !== "en") return [t("card.uncertainGeneric", { count: notes.length })];
  return notes.map((u) => t("card.uncertain", { text: clip(u, 300) }));
}

function feeLines(view: FeeView, lang: Language, t: Translate): string[] {
  const money = (m: Money | null) => (m ? formatMoney(m, lang) : null);
  const lines: string[] = [];
  if (view.lines.length === 0) lines.push(t("card.feeNone"));
  else if (view.free) lines.push(t("card.feeFree"));
  else for (const line of view.lines) lines.push(...feeLine(line, lang, t, money));
  for (const d of view.discounts) {
    const scope = d.rule.scope.kind === "national" ? t("card.scopeNational") : d.rule.scope.province;
    const window = discountWindow(d.rule.validFrom, d.rule.validTo, lang, t);
    lines.push(
      `${t("card.discount", { scope, instrument: d.rule.instrument.number, window })} ${clip(d.rule.appliesTo.description[lang], 300)}`,
    );
    if (d.rule.condition)
      lines.push(`  ${t("card.discountCondition", { text: clip(d.rule.condition[lang], 300) })}`);
  }
  if (view.exemptions) lines.push(`${t("card.exemptions")}: ${clip(view.exemptions[lang], 400)}`);
  if (view.basis.length > 0) {
    const basis = view.basis.map((b) =>
      b.number && b.title !== b.number ? `${b.number} (${clip(b.title, 120)})` : b.title,
    );
    lines.push(`${t("card.basis")}: ${basis.join("; ")}`);
  }
  if (view.source === "curated" && view.reviewed)
    lines.push(t("card.feesCurated", { date: formatDate(view.reviewed, lang) }));
  lines.push(
    ...uncertainLines([...view.uncertain, ...view.discounts.flatMap((d) => d.rule.uncertain)], lang, t),
  );
  return lines;
}

function feeLine(
  line: FeeLine,
  lang: Language,
  t: Translate,
  money: (m: Money | null) => string | null,
): string[] {
  const out: string[] = [];
  const head = line.label ? line.label[lang] : line.note ? clip(line.note, 300) : null;
  const vietnameseNote = !line.label && line.note && lang !== "vi" ? ` ${t("card.vietnameseOnly")}` : "";
  if (head) out.push(`• ${head}${vietnameseNote}`);
  if (line.notStated) {
    out.push(`  ${t("card.feeNotStated")}`);
    return out;
  }
  const flag = line.unclear ? "unclear" : line.converted;
  const show = (m: Money | null) => {
    const s = money(m);
    if (s === null) return null;
    if (flag === "unclear") return t("card.feeUnclear", { amount: s });
    if (flag === "thousands") return `${s} (${t("card.feeConverted")})`;
    if (flag === "usd") return `${s} (${t("card.feeUsd")})`;
    return s;
  };
  const channel = (full: Money | null, cut: Money | null, key: "card.feeCounter" | "card.feeOnline") => {
    if (full && cut && cut.amount < full.amount) {
      const saving: Money = { amount: full.amount - cut.amount, currency: full.currency };
      const percent = Math.round((saving.amount / full.amount) * 100);
      const amount = t("card.feeDiscounted", {
        amount: money(cut),
        full: money(full),
        percent,
        saving: money(saving),
      });
      out.push(`  ${t(key, { amount })}`);
      return;
    }
    const shown = show(full);
    if (shown !== null) out.push(`  ${t(key, { amount: shown })}`);
  };
  channel(line.counter, line.counterDiscounted, "card.feeCounter");
  channel(line.online, line.onlineDiscounted, "card.feeOnline");
  for (const e of line.onlineIfEligible) {
    out.push(
      `  ${t("card.feeIfEligible", { amount: money(e.amount), instrument: e.rule.instrument.number })}`,
    );
  }
  if (line.who) out.push(`  ${clip(line.who[lang], 300)}`);
  if (line.label && line.note && lang === "en") out.push(`  ${clip(line.note, 300)}`);
  return out;
}

const ONLINE_HINT = /trực tuyến|qua mạng|điện tử|dịch vụ công|online|VNeID|định danh/iu;

function stepLines(p: Procedure, lang: Language, t: Translate): string[] {
  if (p.curated) return p.curated.onlineSteps[lang].map((s, i) => `${i + 1}. ${s}`);
  const hasOnline = p.record.channels.some((c) => c.kind === "online");
  const lines: string[] = [];
  if (!hasOnline) lines.push(t("card.noOnline"));
  const groups = p.record.steps;
  // Prefer the group the record labels as the online way; otherwise the whole published sequence.
  const online = groups.filter((g) => g.heading && ONLINE_HINT.test(g.heading));
  const chosen = hasOnline && online.length > 0 ? online : groups;
  const items = chosen.flatMap((g) => g.items);
  if (items.length === 0) return lines;
  lines.push(`${t("card.stepsAsPublished")}${lang === "vi" ? "" : ` ${t("card.vietnameseOnly")}`}`);
  items.slice(0, 12).forEach((s, i) => {
    lines.push(`${i + 1}. ${clip(s)}`);
  });
  if (items.length > 12) lines.push(t("card.moreDocuments", { count: items.length - 12 }));
  return lines;
}

function documentLines(p: Procedure, lang: Language, t: Translate): string[] {
  const lines: string[] = [];
  let shown = 0;
  let total = 0;
  for (const group of p.record.documents) {
    total += group.items.length;
    if (shown >= MAX_DOCUMENTS) continue;
    if (group.heading && group.items.length > 0) lines.push(clip(group.heading, 200));
    for (const item of group.items) {
      if (shown >= MAX_DOCUMENTS) break;
      const count =
        item.originals !== null && item.copies !== null
          ? ` (${t("card.docCount", { originals: item.originals, copies: item.copies })})`
          : "";
      lines.push(`• ${clip(item.name, 300)}${count}`);
      shown++;
    }
  }
  if (total > shown) lines.push(t("card.moreDocuments", { count: total - shown }));
  if (lines.length > 0 && lang !== "vi") lines.unshift(t("card.vietnameseOnly"));
  return lines;
}

export function buildCard(p: Procedure, catalogue: Catalogue, lang: Language, ctx: FeeContext): Card {
  const t = translator(lang);
  const { entry, record, curated } = p;
  const name = entry.names[lang] ?? (lang !== "vi" && entry.names.en ? entry.names.en : record.name);
  const shownLang = entry.names[lang] ? lang : "en";
  const machine =
    lang !== "vi" && entry.machineTranslated.includes(shownLang) ? ` ${t("card.machineName")}` : "";
  const level = record.level ? t(`card.levels.${record.level}`) : null;
  const subtitle = [
    t("card.code", { code: record.code }),
    level,
    record.field ? t("card.field", { field: record.field }) : null,
  ]
    .filter(Boolean)
    .join(" · ");
  const sections: CardSection[] = [];
  if (curated) sections.push({ id: "summary", title: t("card.summary"), lines: [curated.summary[lang]] });

  const agency = record.agencies.implementing ?? record.agencies.competent;
  const agencyLines: string[] = [];
  if (agency) agencyLines.push(`${t("card.agency")}: ${clip(agency, 300)}`);
  // The export sometimes lists a channel twice with different times (case by case): one line per channel.
  const times = new Map<string, Set<string>>();
  for (const c of record.channels)
    times.set(c.kind, (times.get(c.kind) ?? new Set()).add(formatTime(c.time, t)));
  const joined = [...times].map(([kind, texts]) => ({ kind, text: [...texts].join(" / ") }));
  if (joined.length > 0) {
    if (new Set(joined.map((x) => x.text)).size === 1)
      agencyLines.push(`${t("card.time")}: ${joined[0]?.text}`);
    else {
      agencyLines.push(`${t("card.time")}:`);
      for (const x of joined) {
        agencyLines.push(`  ${t("card.timeLine", { channel: t(`card.channels.${x.kind}`), time: x.text })}`);
      }
    }
  }
  if (agencyLines.length > 0) sections.push({ id: "agency", title: t("card.agency"), lines: agencyLines });

  const documents = documentLines(p, lang, t);
  if (documents.length > 0) sections.push({ id: "documents", title: t("card.documents"), lines: documents });
  sections.push({ id: "steps", title: t("card.onlineSteps"), lines: stepLines(p, lang, t) });

  const fees = resolveFees(p, catalogue.discounts, ctx);
  sections.push({ id: "fees", title: t("card.fees"), lines: feeLines(fees, lang, t) });

  const link = record.portalUrl ?? PORTAL_URL;
  sections.push({
    id: "link",
    title: t("card.link"),
    lines: [record.portalUrl ?? t("card.linkPortal", { url: PORTAL_URL, code: record.code })],
  });

  const sourceLines: string[] = [];
  if (curated) {
    sourceLines.push(t("card.curated", { date: formatDate(curated.reviewed, lang) }));
    for (const s of curated.sources) sourceLines.push(`• ${s.title}${s.url ? ` — ${s.url}` : ""}`);
    sourceLines.push(...uncertainLines(curated.uncertain, lang, t));
  } else sourceLines.push(t("card.national"));
  if (fees.source === "curated") {
    // A fee family cites the national record of each of its procedures; show only this one's, and the law.
    const otherRecord = (title: string) =>
      [...title.matchAll(/\d\.\d{6}/g)].some((m) => m[0] !== record.code);
    const shown = new Set(curated?.sources.map((x) => x.title) ?? []);
    for (const s of fees.sources.filter((x) => !otherRecord(x.title) && !shown.has(x.title))) {
      sourceLines.push(`• ${s.title}${s.url ? ` — ${s.url}` : s.repo ? ` — ${s.repo}/${s.path}` : ""}`);
    }
  }
  if (record.oldCodes.length > 0) sourceLines.push(t("card.oldCodes", { codes: record.oldCodes.join(", ") }));
  sections.push({ id: "sources", title: t("card.sources"), lines: sourceLines });

  return {
    code: record.code,
    lang,
    title: `${name}${machine}`,
    subtitle,
    curated: curated !== null,
    reviewed: curated?.reviewed ?? null,
    link,
    sections,
    fees,
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
