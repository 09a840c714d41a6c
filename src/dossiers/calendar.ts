import * as z from "zod";
import holidaysData from "../../data/rules/holidays.json" with { type: "json" };
import { lazySchema } from "../lazy-schema.ts";

/** Working days in Vietnam: Monday to Friday, minus public holidays (data/rules/holidays.json). */
const holidaysSchema = lazySchema(() =>
  z.object({
    days: z.array(
      z.object({ date: z.string().regex(/^\d{4}-\d{2}-\d{2}$/), name: z.string(), basis: z.string() }),
    ),
  }),
);
/** Trusted as bundled: npm run build validates the file (validateHolidays), so no runtime runs the schema. */
export const HOLIDAYS: ReadonlySet<string> = new Set(
  (holidaysData as z.output<typeof holidaysSchema>).days.map((d) => d.date),
);

/** Runs the schema over data/rules/holidays.json (npm run build). */
export function validateHolidays(): void {
  holidaysSchema.parse(holidaysData);
}

const VN_OFFSET_MS = 7 * 3600_000;
const DAY_MS = 24 * 3600_000;

/** The calendar day in Vietnam of an instant, as YYYY-MM-DD. */
export function vietnamDay(instant: Date): string {
  return new Date(instant.getTime() + VN_OFFSET_MS).toISOString().slice(0, 10);
}

export function isWorkingDay(day: string, holidays: ReadonlySet<string> = HOLIDAYS): boolean {
  const weekday = new Date(`${day}T00:00:00Z`).getUTCDay();
  return weekday !== 0 && weekday !== 6 && !holidays.has(day);
}

/**
 * The day a dossier is due: `days` working days after the day it was received (the receiving day does not count),
 * at the end of that day in Vietnam.
 */
export function addWorkingDays(
  receivedAt: Date,
  days: number,
  holidays: ReadonlySet<string> = HOLIDAYS,
): Date {
  let day = vietnamDay(receivedAt);
  let left = Math.max(0, Math.ceil(days));
  while (left > 0) {
    day = new Date(Date.parse(`${day}T00:00:00Z`) + DAY_MS).toISOString().slice(0, 10);
    if (isWorkingDay(day, holidays)) left--;
  }
  // 23:59:59 in Vietnam on the due day.
  return new Date(Date.parse(`${day}T23:59:59Z`) - VN_OFFSET_MS);
}
