import { nameKey } from "../text.ts";
import type { Procedure } from "./catalogue.ts";
import type { DiscountRule, FeeItem, FeeSchedule, Localized, Source } from "./schema.ts";

/** An amount in one currency; `null` amount means the text names a basis but no figure. */
export interface Money {
  amount: number;
  currency: "VND" | "USD";
}

export interface FeeLine {
  /** Localized label for curated fees; the national note (Vietnamese) otherwise. */
  label: Localized | null;
  note: string | null;
  counter: Money | null;
  online: Money | null;
  /** Amounts after the discount rules in force for the chosen province on the given day (null: no cut). */
  counterDiscounted: Money | null;
  onlineDiscounted: Money | null;
  /** Lower online amounts for people who meet a rule's condition (shown as "if you qualify"). */
  onlineIfEligible: { amount: Money; rule: DiscountRule }[];
  /** What the national record says when it gives no amount ("0 VNĐ" with a note). */
  notStated: boolean;
  /** A published amount the importer could not interpret with confidence (shown as published, flagged). */
  unclear: boolean;
  /** An amount the importer converted (thousands or US dollars labelled VNĐ). */
  converted: FeeItem["status"] | null;
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

/** The lowest amount any unconditional rule in force gives for this channel; null when no rule lowers it. */
function discounted(
  money: Money | null,
  discounts: AppliedDiscount[],
  channel: "counter" | "online",
): Money | null {
  if (!money || money.amount === 0) return null;
  let best: Money | null = null;
  for (const d of discounts) {
    if (!d.rule.channels.includes(channel) || d.rule.conditional) continue;
    const amount = cut(money, d);
    if (amount && (best === null || amount.amount < best.amount)) best = amount;
  }
  return best;
}

/** Online amounts for people who meet a conditional rule (e.g. level-2 VNeID holders). */
function ifEligible(online: Money | null, discounts: AppliedDiscount[]): FeeLine["onlineIfEligible"] {
  if (!online || online.amount === 0) return [];
  return discounts
    .filter((d) => d.rule.conditional && d.rule.channels.includes("online"))
    .flatMap((d) => {
      const amount = cut(online, d);
      return amount ? [{ amount, rule: d.rule }] : [];
    });
}

function moneyOf(item: FeeItem | undefined): Money | null {
  if (!item) return null;
  if (item.currency === "USD" && item.amountUsd !== null) return { amount: item.amountUsd, currency: "USD" };
  if (item.amountVnd !== null) return { amount: item.amountVnd, currency: "VND" };
  return null;
}

function nationalLines(procedure: Procedure): FeeLine[] {
  const channel = (kind: "counter" | "online" | "postal") =>
    procedure.record.channels.find((c) => c.kind === kind);
  const counter = channel("counter") ?? channel("postal");
  const online = channel("online");
  const counterItems = counter?.fees ?? [];
  const onlineItems = online?.fees ?? [];
  // Items are paired by position when both channels list the same number; otherwise each stands alone.
  const paired = counterItems.length === onlineItems.length;
  const lines: FeeLine[] = [];
  const line = (c: FeeItem | undefined, o: FeeItem | undefined): FeeLine => {
    const item = c ?? o;
    return {
      label: null,
      note: c?.note ?? o?.note ?? null,
      counter: moneyOf(c),
      online: moneyOf(o),
      counterDiscounted: null,
      onlineDiscounted: null,
      onlineIfEligible: [],
      notStated: item?.status === "not_stated",
      unclear: c?.status === "unclear" || o?.status === "unclear",
      converted: item?.status === "thousands" || item?.status === "usd" ? item.status : null,
      who: null,
    };
  };
  if (paired) {
    counterItems.forEach((c, i) => {
      lines.push(line(c, onlineItems[i]));
    });
  } else {
    for (const c of counterItems) lines.push(line(c, undefined));
    for (const o of onlineItems) lines.push(line(undefined, o));
  }
  return lines;
}

export function resolveFees(procedure: Procedure, rules: DiscountRule[], ctx: FeeContext): FeeView {
  const schedule = procedure.fees;
  const code = procedure.record.code;
  const discounts = applicableDiscounts(rules, code, schedule, ctx);
  if (schedule) {
    const items = schedule.items.filter((item) => !item.codes || item.codes.includes(code));
    const lines: FeeLine[] = items.map((item) => {
      const usd = item.currency === "USD";
      const counterAmount = usd ? item.counterUsd : item.counterVnd;
      const onlineAmount = usd ? item.onlineUsd : item.onlineVnd;
      const counter =
        counterAmount === null || counterAmount === undefined
          ? null
          : { amount: counterAmount, currency: item.currency };
      const online =
        onlineAmount === null || onlineAmount === undefined
          ? null
          : { amount: onlineAmount, currency: item.currency };
      return {
        label: item.label,
        note: item.note ?? null,
        counter,
        online,
        counterDiscounted: discounted(counter, discounts, "counter"),
        onlineDiscounted: discounted(online, discounts, "online"),
        onlineIfEligible: ifEligible(online, discounts),
        notStated: counter === null && online === null,
        unclear: false,
        converted: null,
        who: item.who ?? null,
      };
    });
    return {
      source: "curated",
      lines,
      basis: schedule.basis.map((b) => ({ number: b.number, title: b.title })),
      discounts,
      exemptions: schedule.exemptions ?? null,
      reviewed: schedule.reviewed,
      sources: schedule.sources,
      uncertain: schedule.uncertain,
      free:
        lines.length > 0 &&
        lines.every((l) => l.counter?.amount === 0 && (l.online === null || l.online.amount === 0)),
    };
  }
  const lines = nationalLines(procedure).map((l) => ({
    ...l,
    counterDiscounted: discounted(l.counter, discounts, "counter"),
    onlineDiscounted: discounted(l.online, discounts, "online"),
    onlineIfEligible: ifEligible(l.online, discounts),
  }));
  const basisNumbers = new Set(procedure.record.channels.flatMap((c) => c.fees.flatMap((f) => f.basis)));
  const basis = procedure.record.legalBases.filter((b) => b.number !== null && basisNumbers.has(b.number));
  for (const number of basisNumbers) {
    if (!basis.some((b) => b.number === number)) basis.push({ number, title: number });
  }
  return {
    source: "national",
    lines,
    basis,
    discounts,
    exemptions: null,
    reviewed: null,
    sources: [],
    uncertain: [],
    free:
      lines.length > 0 &&
      lines.every((l) => !l.notStated && (l.counter?.amount ?? 0) === 0 && (l.online?.amount ?? 0) === 0),
  };
}
