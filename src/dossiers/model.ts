import { z } from "zod";
import { procedureCodeSchema } from "../catalogue/index.ts";

/** Status events from the one-stop system, in the order a dossier usually moves. */
export const DOSSIER_STATUSES = [
  "received",
  "processing",
  "supplement_requested",
  "awaiting_payment",
  "result_ready",
  "completed",
  "rejected",
  "cancelled",
] as const;
export const dossierStatusSchema = z.enum(DOSSIER_STATUSES);
export type DossierStatus = z.infer<typeof dossierStatusSchema>;

/** Once here, a dossier is no longer waiting on the agency: it cannot be overdue. */
export const FINISHED: ReadonlySet<DossierStatus> = new Set([
  "result_ready",
  "completed",
  "rejected",
  "cancelled",
]);

const isoDateTime = z
  .string()
  .refine(
    (v) =>
      /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/.test(v) &&
      !Number.isNaN(Date.parse(v)),
    {
      message: "must be an ISO 8601 date or date-time",
    },
  )
  .transform((v) => new Date(v).toISOString());

/** A dossier code as printed on the receipt (e.g. 000.00.19.H48-221122-0001), however it was pasted. */
export const dossierCodeSchema = z
  .string()
  .trim()
  .min(8, "dossierCode is too short")
  .max(64, "dossierCode is too long")
  .regex(/^[0-9A-Za-z.\s-]+$/, "dossierCode may hold letters, digits, dots and dashes only");

/** The matching key: case, spaces and dots do not matter ("000.00.19.h48-221122-0001" = "0000019H48-221122-0001"). */
export function dossierKey(code: string): string {
  return code.toUpperCase().replace(/[\s.]/g, "");
}

/** One status event, as the ingest API and the CSV import take it. */
export const dossierEventSchema = z.object({
  eventId: z.string().trim().min(1, "eventId is required").max(128),
  dossierCode: dossierCodeSchema,
  procedureCode: procedureCodeSchema,
  status: dossierStatusSchema,
  occurredAt: isoDateTime,
  applicantName: z.string().trim().min(1).max(200).optional(),
  phone: z
    .string()
    .trim()
    .regex(/^\+?[\d\s.-]{6,20}$/, "phone must be a phone number")
    .optional(),
  receivedAt: isoDateTime.optional(),
  dueAt: isoDateTime.optional(),
  note: z.string().trim().max(1000).optional(),
});
export type DossierEvent = z.infer<typeof dossierEventSchema>;

export interface Dossier {
  codeKey: string;
  code: string;
  procedureCode: string;
  applicantName: string | null;
  phoneLast4: string | null;
  receivedAt: string | null;
  dueAt: string | null;
  status: DossierStatus;
  statusAt: string;
  note: string | null;
  history: { status: DossierStatus; occurredAt: string; note: string | null }[];
}

/** "Nguyễn Văn An" → "Nguyễn V. A***": the family name, initials of the middle names, the first letter of the given name. */
export function maskApplicantName(name: string | null): string | null {
  if (!name) return null;
  const words = name.trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return null;
  const initial = (w: string) => [...w][0] ?? "";
  if (words.length === 1) return `${initial(words[0] as string)}***`;
  const family = words[0] as string;
  const given = words[words.length - 1] as string;
  const middle = words.slice(1, -1).map((w) => `${initial(w)}.`);
  return [family, ...middle, `${initial(given)}***`].join(" ");
}

/** Digits only; the last four are kept as the optional second factor, never the whole number. */
export function phoneLast4(phone: string | undefined): string | null {
  const digits = (phone ?? "").replace(/\D/g, "");
  return digits.length >= 4 ? digits.slice(-4) : null;
}

/** Finds a receipt code in a chat message ("hồ sơ 000.00.19.H48 - 221122 - 0001 đến đâu rồi?"). */
export function findDossierCode(text: string): string | null {
  const m = /([0-9A-Za-z][0-9A-Za-z.]{3,30}(?:\s?[0-9A-Za-z.]+)?)\s*-\s*(\d{6})\s*-\s*(\d{3,6})/.exec(text);
  if (!m) return null;
  return `${m[1]}-${m[2]}-${m[3]}`;
}
