import { nameKey } from "../text.ts";
import type { Procedure } from "./catalogue.ts";
import { amountsInNote } from "./national-parser.ts";
import type {
  ChannelKind,
  DiscountRule,
  FeeItem,
  FeeSchedule,
  FeeWindow,
  Localized,
  Source,
} from "./schema.ts";

/** An amount in one currency; `null` amount means the text names a basis but no figure. */
export interface Money {
  amount: number;
  currency: "VND" | "USD";
}

/** One amount of a fee line, charged on the channels listed (those that publish the same figure). */
export interface ChannelAmount {
  kinds: ChannelKind[];
  /** The amount as published (curated or national); null where none is given. */
  money: Money | null;
  /** What is paid today after the unconditional discount rules in force (null: no rule lowers it). */
  now: Money | null;
  /**
   * How the national record gives it ("stated", "free", "not_stated", "no_info", "thousands", "usd", "unclear");
   * "curated" for amounts of a curated schedule, "not_stated" where a curated item gives none.
   */
  status: FeeItem["status"] | "curated";
  /** Amounts the note states where the amount field gives none (shown as published). */
  noteAmounts: number[];
  /** Periods the note names (the amount's own, or a waiver's/cut's). */
  windows: FeeWindow[];
  /** The case the record describes for a channel listed more than once ("Trường hợp xử lý ưu tiên…"). */
  cases: string[];
}

export interface FeeLine {
  /** Localized label for curated fees; null for national lines (their note, in Vietnamese, says what they are). */
  label: Localized | null;
  note: string | null;
  amounts: ChannelAmount[];
  /** Convenience: the first counter (or postal) and online amounts, and what they cost today. */
  counter: Money | null;
  online: Money | null;
  counterDiscounted: Money | null;
  onlineDiscounted: Money | null;
  /** Lower online amounts for people who meet a rule's condition (shown as "if you qualify"). */
  onlineIfEligible: { amount: Money; rule: DiscountRule }[];
  /** No amount on any channel of this line (not stated, or no information). */
  notStated: boolean;
  who: Localized | null;
}

export interface AppliedDiscount {
  rule: DiscountRule;
  /** null where the rule sets a fixed amount instead (`rule.fixedAmountVnd`). */
  percentOff: number | null;
}

export interface FeeView {
  source: "curated" | "national";
  lines: FeeLine[];
  basis: { number: string | null; title: string }[];
  discounts: AppliedDiscount[];
  exemptions: Localized | null;
  reviewed: string | null;
  sources: Source[];
  uncertain: string[];
  /** True when nothing is payable on any channel and the record says so plainly. */
  free: boolean;
}

export interface FeeContext {
  province: string | null;
  /** ISO date of the answer (YYYY-MM-DD): rules are evaluated on this day. */
  date: string;
}

/** Today in Vietnam (UTC+7), the day fee rules are evaluated on. */
export function todayInVietnam(now = new Date()): string {
  return new Date(now.getTime() + 7 * 3600_000).toISOString().slice(0, 10);
}

const inWindow = (date: string, from: string | null, to: string | null) =>
  (from === null || from <= date) && (to === null || date <= to);

/** Discount rules in force for this procedure, province and day, strongest first. */
export function applicableDiscounts(
  rules: DiscountRule[],
  code: string,
  schedule: FeeSchedule | null,
  ctx: FeeContext,
): AppliedDiscount[] {
  const province = ctx.province ? nameKey(ctx.province) : null;
  return (
    rules
      .filter((rule) => inWindow(ctx.date, rule.validFrom, rule.validTo))
      .filter(
        (rule) =>
          rule.scope.kind === "national" || (province !== null && nameKey(rule.scope.province) === province),
      )
      // A rule that lists codes applies to exactly those; a family applies only where no codes are listed.
      .filter((rule) =>
        rule.appliesTo.codes
          ? rule.appliesTo.codes.includes(code)
          : schedule !== null && (rule.appliesTo.feeFamilies?.includes(schedule.id) ?? false),
      )
      .map((rule) => ({ rule, percentOff: rule.percentOff }))
      .sort((a, b) => (b.percentOff ?? -1) - (a.percentOff ?? -1))
  );
}

function cut(money: Money, d: AppliedDiscount): Money | null {
  let amount: number | null = null;
  if (d.percentOff !== null) amount = money.amount * (1 - d.percentOff / 100);
  else if (
    d.rule.fixedAmountVnd !== null &&
    d.rule.fixedAmountVnd !== undefined &&
    money.currency === "VND"
  ) {
    amount = Math.min(money.amount, d.rule.fixedAmountVnd);
  }
  if (amount === null) return null;
  // VND is never paid in fractions; USD keeps cents.
  const rounded = money.currency === "VND" ? Math.round(amount) : Math.round(amount * 100) / 100;
  return rounded < money.amount ? { amount: rounded, currency: money.currency } : null;
}

/** May this rule cut this amount? Not where the amount already includes it, nor where the item excludes it. */
export type CutFilter = (rule: DiscountRule) => boolean;

/** The lowest amount any unconditional rule in force gives for this channel; null when no rule lowers it. */
function discounted(
  money: Money | null,
  discounts: AppliedDiscount[],
  channel: "counter" | "online",
  allowed: CutFilter,
): Money | null {
  if (!money || money.amount === 0) return null;
  let best: Money | null = null;
  for (const d of discounts) {
    if (!d.rule.channels.includes(channel) || d.rule.conditional || !allowed(d.rule)) continue;
    const amount = cut(money, d);
    if (amount && (best === null || amount.amount < best.amount)) best = amount;
  }
  return best;
}

/** Online amounts for people who meet a conditional rule (e.g. level-2 VNeID holders). */
function ifEligible(
  online: Money | null,
  discounts: AppliedDiscount[],
  allowed: CutFilter,
): FeeLine["onlineIfEligible"] {
  if (!online || online.amount === 0) return [];
  return discounts
    .filter((d) => d.rule.conditional && d.rule.channels.includes("online") && allowed(d.rule))
    .flatMap((d) => {
      const amount = cut(online, d);
      return amount ? [{ amount, rule: d.rule }] : [];
    });
}

function moneyOf(item: FeeItem): Money | null {
  if (item.currency === "USD" && item.amountUsd !== null) return { amount: item.amountUsd, currency: "USD" };
  if (item.amountVnd !== null) return { amount: item.amountVnd, currency: "VND" };
  return null;
}

/**
 * A national amount that already includes a rule's cut is not cut again: the note names the rule's instrument
 * but not the lower figure the rule would give (e.g. "25.000đ/giấy thông hành (áp dụng … theo Thông tư số
 * 64/2025/TT-BTC)"). An amount whose unit is unclear is never cut.
 */
export function nationalCutAllowed(item: FeeItem, money: Money | null): CutFilter {
  return (rule) => {
    if (item.status === "unclear" || !money) return false;
    if (!item.note?.includes(rule.instrument.number)) return true;
    const probe = cut(money, { rule, percentOff: rule.percentOff });
    return probe !== null && amountsInNote(item.note).includes(probe.amount);
  };
}

const KIND_ORDER: ChannelKind[] = ["counter", "online", "postal"];
const channelOf = (kind: ChannelKind): "counter" | "online" => (kind === "online" ? "online" : "counter");
const sameMoney = (a: Money | null, b: Money | null) =>
  a === b || (a !== null && b !== null && a.amount === b.amount && a.currency === b.currency);

/** Merges amounts that are the same on several channels into one entry listing those channels. */
function mergeKinds(amounts: ChannelAmount[]): ChannelAmount[] {
  const out: ChannelAmount[] = [];
  for (const a of amounts) {
    const twin = out.find(
      (o) =>
        sameMoney(o.money, a.money) &&
        sameMoney(o.now, a.now) &&
        o.status === a.status &&
        o.noteAmounts.join() === a.noteAmounts.join() &&
        JSON.stringify(o.windows) === JSON.stringify(a.windows) &&
        o.cases.join() === a.cases.join(),
    );
    if (twin) {
      for (const k of a.kinds) if (!twin.kinds.includes(k)) twin.kinds.push(k);
    } else out.push({ ...a, kinds: [...a.kinds] });
  }
  for (const o of out) o.kinds.sort((x, y) => KIND_ORDER.indexOf(x) - KIND_ORDER.indexOf(y));
  return out;
}

function convenience(
  amounts: ChannelAmount[],
): Pick<FeeLine, "counter" | "online" | "counterDiscounted" | "onlineDiscounted" | "notStated"> {
  const of = (kinds: ChannelKind[]) => amounts.find((a) => a.kinds.some((k) => kinds.includes(k)) && a.money);
  const counter = of(["counter"]) ?? of(["postal"]);
  const online = of(["online"]);
  return {
    counter: counter?.money ?? null,
    online: online?.money ?? null,
    counterDiscounted: counter?.now ?? null,
    onlineDiscounted: online?.now ?? null,
    notStated: amounts.every((a) => a.money === null && a.noteAmounts.length === 0),
  };
}

/**
 * Every channel line of the national record, none dropped: items with the same note (or, without a note, the
 * same position and status) form one fee line whose amounts are listed per channel.
 */
function nationalLines(procedure: Procedure, discounts: AppliedDiscount[]): FeeLine[] {
  const channels = procedure.record.channels;
  const repeated = new Set(KIND_ORDER.filter((k) => channels.filter((c) => c.kind === k).length > 1));
  const groups = new Map<
    string,
    { note: string | null; amounts: ChannelAmount[]; eligible: FeeLine["onlineIfEligible"] }
  >();
  for (const channel of channels) {
    const items: FeeItem[] =
      channel.fees.length > 0
        ? channel.fees
        : [{ amountVnd: null, amountUsd: null, currency: "VND", status: "no_info", note: null, basis: [] }];
    items.forEach((item, i) => {
      const key = item.note ?? `#${item.status === "no_info" ? "none" : i}`;
      const group = groups.get(key) ?? { note: item.note, amounts: [], eligible: [] };
      groups.set(key, group);
      const money = moneyOf(item);
      const allowed = nationalCutAllowed(item, money);
      const now = discounted(money, discounts, channelOf(channel.kind), allowed);
      const caseText = repeated.has(channel.kind) && channel.description ? [channel.description] : [];
      group.amounts.push({
        kinds: [channel.kind],
        money,
        now,
        status: item.status,
        noteAmounts: item.noteAmountsVnd ?? [],
        windows: item.windows ?? [],
        cases: caseText,
      });
      if (channel.kind === "online") {
        for (const e of ifEligible(money, discounts, allowed))
          if (!group.eligible.some((x) => x.rule.id === e.rule.id && sameMoney(x.amount, e.amount)))
            group.eligible.push(e);
      }
    });
  }
  // A channel's case ("Trường hợp xử lý ưu tiên…") is kept only where it tells two lines of that channel apart:
  // lines of one fee with different amounts, or lines without a note (nothing else names them).
  const amountKey = (a: ChannelAmount) => `${a.status}:${a.money?.amount ?? ""}:${a.noteAmounts.join()}`;
  const unnamed = [...groups.values()].filter((g) => g.note === null);
  const needsCase = (g: (typeof unnamed)[number], kind: ChannelKind) =>
    repeated.has(kind) &&
    (new Set(g.amounts.filter((a) => a.kinds.includes(kind)).map(amountKey)).size > 1 ||
      (g.note === null && unnamed.some((o) => o !== g && o.amounts.some((a) => a.kinds.includes(kind)))));
  return [...groups.values()].map((g) => {
    for (const a of g.amounts) if (!a.kinds.some((k) => needsCase(g, k))) a.cases = [];
    const amounts = mergeKinds(g.amounts);
    return {
      label: null,
      note: g.note,
      amounts,
      ...convenience(amounts),
      onlineIfEligible: g.eligible,
      who: null,
    };
  });
}

function curatedLines(schedule: FeeSchedule, code: string, discounts: AppliedDiscount[]): FeeLine[] {
  const items = schedule.items.filter((item) => !item.codes || item.codes.includes(code));
  return items.map((item) => {
    const allowed: CutFilter = (rule) => !(item.excludedRules ?? []).includes(rule.id);
    const usd = item.currency === "USD";
    const at = (amount: number | null | undefined): Money | null =>
      amount === null || amount === undefined ? null : { amount, currency: item.currency };
    const counter = at(usd ? item.counterUsd : item.counterVnd);
    const online = at(usd ? item.onlineUsd : item.onlineVnd);
    const entry = (kind: ChannelKind, money: Money | null): ChannelAmount => ({
      kinds: [kind],
      money,
      now: discounted(money, discounts, channelOf(kind), allowed),
      status: money ? "curated" : "not_stated",
      noteAmounts: [],
      windows: [],
      cases: [],
    });
    const amounts = mergeKinds(
      online === null && counter !== null
        ? [entry("counter", counter)]
        : [entry("counter", counter), entry("online", online)],
    );
    return {
      label: item.label,
      note: item.note ?? null,
      amounts,
      ...convenience(amounts),
      onlineIfEligible: ifEligible(online, discounts, allowed),
      who: item.who ?? null,
    };
  });
}

export function resolveFees(procedure: Procedure, rules: DiscountRule[], ctx: FeeContext): FeeView {
  const schedule = procedure.fees;
  const code = procedure.record.code;
  const discounts = applicableDiscounts(rules, code, schedule, ctx);
  if (schedule) {
    const lines = curatedLines(schedule, code, discounts);
    return {
      source: "curated",
      lines,
      basis: schedule.basis.map((b) => ({ number: b.number, title: b.title })),
      discounts: usedDiscounts(discounts, lines),
      exemptions: schedule.exemptions ?? null,
      reviewed: schedule.reviewed,
      sources: schedule.sources,
      uncertain: schedule.uncertain,
      free: lines.length > 0 && lines.every((l) => l.amounts.every((a) => a.money?.amount === 0)),
    };
  }
  const lines = nationalLines(procedure, discounts);
  const basisNumbers = new Set(procedure.record.channels.flatMap((c) => c.fees.flatMap((f) => f.basis)));
  const basis = procedure.record.legalBases.filter((b) => b.number !== null && basisNumbers.has(b.number));
  for (const number of basisNumbers) {
    if (!basis.some((b) => b.number === number)) basis.push({ number, title: number });
  }
  return {
    source: "national",
    lines,
    basis,
    discounts: usedDiscounts(discounts, lines),
    exemptions: null,
    reviewed: null,
    sources: [],
    uncertain: [],
    // Free only where every channel line says "0 VNĐ" with nothing else: "no information" is never free.
    free: lines.length > 0 && lines.every((l) => l.amounts.every((a) => a.status === "free")),
  };
}

/** The rules that change something shown: a lower amount today, or a lower amount for those who qualify. */
function usedDiscounts(discounts: AppliedDiscount[], lines: FeeLine[]): AppliedDiscount[] {
  return discounts.filter((d) =>
    lines.some(
      (l) =>
        l.onlineIfEligible.some((e) => e.rule.id === d.rule.id) ||
        l.amounts.some((a) => a.now !== null && a.money !== null && cut(a.money, d)?.amount === a.now.amount),
    ),
  );
}
