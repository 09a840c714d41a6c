import type { Catalogue, Procedure } from "../catalogue/catalogue.ts";
import { type FeeContext, type FeeLine, type FeeView, type Money, resolveFees } from "../catalogue/fees.ts";
import type { Language, ProcessingTime } from "../catalogue/schema.ts";
import { type Translate, translator } from "../i18n/index.ts";

/**
 * The answer card for one procedure, channel-neutral: named sections of plain lines that each channel
 * renders its own way (Telegram HTML, Zalo plain text, the CLI, JSON).
 */
export type CardSectionId = "summary" | "agency" | "documents" | "steps" | "fees" | "link" | "sources";

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

function feeLines(view: FeeView, lang: Language, t: Translate): string[] {
  const money = (m: Money | null) => (m ? formatMoney(m, lang) : null);
  const lines: string[] = [];
  if (view.lines.length === 0) lines.push(t("card.feeNone"));
  else if (view.free) lines.push(t("card.feeFree"));
  else {
    for (const line of view.lines) lines.push(...feeLine(line, lang, t, money));
  }
  for (const d of view.discounts) {
    const scope = d.rule.scope.kind === "national" ? t("card.scopeNational") : d.rule.scope.province;
    const window = d.rule.validTo
      ? t("card.windowClosed", {
          from: formatDate(d.rule.validFrom ?? "", lang),
          to: formatDate(d.rule.validTo, lang),
        })
      : t("card.windowOpen", { from: formatDate(d.rule.validFrom ?? "", lang) });
    lines.push(
      t("card.discount", { percent: d.percentOff, scope, instrument: d.rule.instrument.number, window }),
    );
    if (d.rule.condition) lines.push(t("card.discountCondition", { text: d.rule.condition[lang] }));
  }
  if (view.exemptions) lines.push(`${t("card.exemptions")}: ${view.exemptions[lang]}`);
  if (view.basis.length > 0) {
    lines.push(
      `${t("card.basis")}: ${view.basis.map((b) => (b.number && b.title !== b.number ? `${b.number} (${clip(b.title, 160)})` : b.title)).join("; ")}`,
    );
  }
  if (view.source === "curated" && view.reviewed)
    lines.push(t("card.feesCurated", { date: formatDate(view.reviewed, lang) }));
  for (const u of view.uncertain) lines.push(t("card.uncertain", { text: u }));
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
  const flag = line.unclear
    ? "unclear"
    : line.converted === "thousands"
      ? "thousands"
      : line.converted === "usd"
        ? "usd"
        : null;
  const show = (m: Money | null) => {
    const s = money(m);
    if (s === null) return null;
    if (flag === "unclear") return t("card.feeUnclear", { amount: s });
    if (flag === "thousands") return `${s} (${t("card.feeConverted")})`;
    if (flag === "usd") return `${s} (${t("card.feeUsd")})`;
    return s;
  };
  const counter = show(line.counter);
  const online = show(line.online);
  if (counter !== null) out.push(`  ${t("card.feeCounter", { amount: counter })}`);
  if (line.online && line.onlineDiscounted && line.onlineDiscounted.amount !== line.online.amount) {
    const saving: Money = {
      amount: line.online.amount - line.onlineDiscounted.amount,
      currency: line.online.currency,
    };
    const percent = line.online.amount > 0 ? Math.round((saving.amount / line.online.amount) * 100) : 0;
    out.push(
      `  ${t("card.feeOnlineDiscounted", {
        amount: money(line.onlineDiscounted),
        full: money(line.online),
        percent,
        saving: money(saving),
      })}`,
    );
  } else if (online !== null) out.push(`  ${t("card.feeOnline", { amount: online })}`);
  if (line.who) out.push(`  ${line.who[lang]}`);
  if (line.label && line.note && lang === "en") out.push(`  ${line.note}`);
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
  const machine =
    !curated && lang !== "vi" && entry.enSource === "machine" ? ` ${t("card.machineName")}` : "";
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
  const times = record.channels.map((c) => ({ kind: c.kind, text: formatTime(c.time, t) }));
  const distinct = new Set(times.map((x) => x.text));
  if (times.length > 0) {
    if (distinct.size === 1) agencyLines.push(`${t("card.time")}: ${times[0]?.text}`);
    else {
      agencyLines.push(`${t("card.time")}:`);
      for (const x of times)
        agencyLines.push(`  ${t("card.timeLine", { channel: t(`card.channels.${x.kind}`), time: x.text })}`);
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
    for (const u of curated.uncertain) sourceLines.push(t("card.uncertain", { text: u }));
  } else sourceLines.push(t("card.national"));
  if (fees.source === "curated") {
    for (const s of fees.sources)
      sourceLines.push(`• ${s.title}${s.url ? ` — ${s.url}` : s.repo ? ` — ${s.repo}/${s.path}` : ""}`);
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
