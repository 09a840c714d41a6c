/**
 * What people asked and what they got, for the help-desk's content-gaps report: queries that found nothing, lists
 * nobody opened (abandoned), answers rated 👎, the languages asked in, the procedures most asked about, and how
 * much cheaper filing online was on the cards shown. Stored without personal data: no chat or user id, the query
 * text with dossier codes and long digit runs masked (the handoff store's masking), dossier lookups not at all.
 */
import type { Catalogue, FeeView, Language, Procedure } from "../../catalogue/index.ts";
import { resolveFees, todayInVietnam } from "../../catalogue/index.ts";
import { type Feedback, maskPersonalData } from "../handoff/store.ts";

export type QueryOutcome = "found" | "none" | "offered" | "chosen";

export interface QueryEvent {
  channel: string;
  lang: Language;
  /** The reply's intent (card, section, list, clarify, askWhich, journey, notFound, specify). */
  intent: string;
  /** What was typed (masked), or null for a pressed button. */
  query: string | null;
  /** Procedures offered (a list) or 1 (a card); 0 when nothing was found. */
  results: number;
  procedureCode: string | null;
  outcome: QueryOutcome;
  /** Counter minus online fee today in VND on the card shown, where filing online is cheaper. */
  savingVnd: number | null;
  createdAt: Date;
}

export interface QueryLog {
  /** Stores one event; returns its id (to mark a list as chosen later). */
  record(event: QueryEvent): Promise<number>;
  /** A listed query whose result was then opened: no longer abandoned. */
  markChosen(id: number): Promise<void>;
  /** The events since a time (oldest first), and the 👎 ratings with their query and procedure. */
  since(from: Date): Promise<QueryEvent[]>;
  downRatings(from: Date): Promise<{ query: string | null; procedureCode: string | null; lang: string }[]>;
}

const MAX_QUERY = 200;

/** Intents about procedures: the ones the report is about. Others (small talk, dossiers, emergencies) are not kept. */
const RECORDED = new Set([
  "card",
  "section",
  "list",
  "clarify",
  "askWhich",
  "journey",
  "notFound",
  "specify",
]);

export function outcomeOf(intent: string): QueryOutcome | null {
  if (!RECORDED.has(intent)) return null;
  if (intent === "card" || intent === "section") return "found";
  if (intent === "notFound" || intent === "specify") return "none";
  return "offered";
}

export function maskQuery(text: string | null | undefined): string | null {
  const trimmed = text?.trim();
  if (!trimmed) return null;
  return maskPersonalData(trimmed.replace(/\s+/g, " ")).slice(0, MAX_QUERY);
}

/** How much less filing online costs today than at the counter (VND, summed over fee lines), or null. */
export function onlineSaving(
  procedure: Procedure,
  catalogue: Catalogue,
  province: string | null,
  now: Date,
): number | null {
  return onlineSavingOf(resolveFees(procedure, catalogue.discounts, { province, date: todayInVietnam(now) }));
}

/** The same, from fees already resolved (a card's). */
export function onlineSavingOf(view: FeeView): number | null {
  let saving = 0;
  for (const line of view.lines) {
    const counter = line.counterDiscounted ?? line.counter;
    const online = line.onlineDiscounted ?? line.online;
    if (!counter || !online || counter.currency !== "VND" || online.currency !== "VND") continue;
    if (counter.amount > online.amount) saving += counter.amount - online.amount;
  }
  return saving > 0 ? Math.round(saving) : null;
}

export class MemoryQueryLog implements QueryLog {
  readonly events: (QueryEvent & { id: number })[] = [];

  /** `ratings`: where the ratings are kept in memory (the memory handoff store's feedback). */
  constructor(private readonly ratings: { feedback: Feedback[] } | null = null) {}

  async record(event: QueryEvent) {
    const id = this.events.length + 1;
    this.events.push({ ...event, query: maskQuery(event.query), id });
    return id;
  }

  async markChosen(id: number) {
    const e = this.events.find((x) => x.id === id);
    if (e && e.outcome === "offered") e.outcome = "chosen";
  }

  async since(from: Date) {
    return this.events.filter((e) => e.createdAt >= from);
  }

  async downRatings(from: Date) {
    return (this.ratings?.feedback ?? [])
      .filter((r) => !r.up && r.createdAt >= from)
      .map((r) => ({ query: r.query, procedureCode: r.procedureCode, lang: r.lang }));
  }
}

export interface Count {
  key: string;
  count: number;
}

export interface GapsReport {
  from: Date;
  to: Date;
  /** Queries (procedure questions typed) in the period. */
  queries: number;
  notFound: Count[];
  abandoned: Count[];
  ratedDown: Count[];
  languages: Count[];
  channels: Count[];
  procedures: Count[];
  savings: { cards: number; totalVnd: number; procedures: { key: string; count: number; vnd: number }[] };
}

/** A listed answer still not opened after this long counts as abandoned. */
export const ABANDON_AFTER_MS = 30 * 60_000;

function top(counts: Map<string, number>, limit: number): Count[] {
  return [...counts.entries()]
    .map(([key, count]) => ({ key, count }))
    .sort((a, b) => b.count - a.count || a.key.localeCompare(b.key))
    .slice(0, limit);
}

const bump = (m: Map<string, number>, key: string | null, by = 1) => {
  if (key) m.set(key, (m.get(key) ?? 0) + by);
};

/** The figures of one period, from the query log and the 👎 ratings. */
export async function gapsReport(log: QueryLog, from: Date, to: Date, limit = 20): Promise<GapsReport> {
  const events = (await log.since(from)).filter((e) => e.createdAt <= to);
  const notFound = new Map<string, number>();
  const abandoned = new Map<string, number>();
  const ratedDown = new Map<string, number>();
  const languages = new Map<string, number>();
  const channels = new Map<string, number>();
  const procedures = new Map<string, number>();
  const saved = new Map<string, { count: number; vnd: number }>();
  let queries = 0;
  let cards = 0;
  let totalVnd = 0;
  const norm = (q: string | null) => (q ? q.toLocaleLowerCase("vi").trim() : null);
  for (const e of events) {
    if (e.query !== null) {
      queries++;
      bump(languages, e.lang);
      bump(channels, e.channel);
    }
    if (e.outcome === "none") bump(notFound, norm(e.query));
    if (e.outcome === "offered" && to.getTime() - e.createdAt.getTime() >= ABANDON_AFTER_MS)
      bump(abandoned, norm(e.query));
    if (e.outcome === "found" && e.procedureCode) bump(procedures, e.procedureCode);
    if (e.savingVnd !== null && e.savingVnd > 0 && e.procedureCode) {
      cards++;
      totalVnd += e.savingVnd;
      const s = saved.get(e.procedureCode) ?? { count: 0, vnd: 0 };
      s.count++;
      s.vnd += e.savingVnd;
      saved.set(e.procedureCode, s);
    }
  }
  for (const r of await log.downRatings(from)) bump(ratedDown, norm(r.query) ?? r.procedureCode);
  return {
    from,
    to,
    queries,
    notFound: top(notFound, limit),
    abandoned: top(abandoned, limit),
    ratedDown: top(ratedDown, limit),
    languages: top(languages, 10),
    channels: top(channels, 10),
    procedures: top(procedures, limit),
    savings: {
      cards,
      totalVnd,
      procedures: [...saved.entries()]
        .map(([key, s]) => ({ key, ...s }))
        .sort((a, b) => b.vnd - a.vnd || a.key.localeCompare(b.key))
        .slice(0, limit),
    },
  };
}

/**
 * One CSV cell: quoted when it holds a comma, quote or line break (RFC 4180), and a text that a spreadsheet would
 * run as a formula (starting with = + - @, a tab or a carriage return) is prefixed with an apostrophe.
 */
export function csvCell(value: string | number): string {
  if (typeof value === "number") return String(value);
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** The report as CSV: one row per figure (section, item, count, VND), with a header; CRLF line ends. */
export function gapsCsv(report: GapsReport, name: (code: string) => string): string {
  const rows: (string | number)[][] = [["section", "item", "name", "count", "vnd"]];
  const period = `${report.from.toISOString().slice(0, 10)}..${report.to.toISOString().slice(0, 10)}`;
  rows.push(["period", period, "", report.queries, ""]);
  for (const c of report.notFound) rows.push(["not_found", c.key, "", c.count, ""]);
  for (const c of report.abandoned) rows.push(["abandoned", c.key, "", c.count, ""]);
  for (const c of report.ratedDown) rows.push(["rated_down", c.key, "", c.count, ""]);
  for (const c of report.languages) rows.push(["language", c.key, "", c.count, ""]);
  for (const c of report.channels) rows.push(["channel", c.key, "", c.count, ""]);
  for (const c of report.procedures) rows.push(["procedure", c.key, name(c.key), c.count, ""]);
  rows.push(["online_saving_total", "", "", report.savings.cards, report.savings.totalVnd]);
  for (const s of report.savings.procedures) rows.push(["online_saving", s.key, name(s.key), s.count, s.vnd]);
  return `${rows.map((r) => r.map(csvCell).join(",")).join("\r\n")}\r\n`;
}
