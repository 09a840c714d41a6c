import * as z from "zod";
import { procedureCodeSchema } from "../catalogue/index.ts";
import { lazySchema } from "../lazy-schema.ts";

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
export const dossierStatusSchema = lazySchema(() => z.enum(DOSSIER_STATUSES));
export type DossierStatus = z.infer<typeof dossierStatusSchema>;

/** Once here, a dossier is no longer waiting on the agency: it cannot be overdue. */
export const FINISHED: ReadonlySet<DossierStatus> = new Set([
  "result_ready",
  "completed",
  "rejected",
  "cancelled",
]);

const isoDateTime = lazySchema(() =>
  z
    .string()
    .refine(
      (v) =>
        /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/.test(v) &&
        !Number.isNaN(Date.parse(v)),
      {
        message: "must be an ISO 8601 date or date-time",
      },
    )
    .transform((v) => new Date(v).toISOString()),
);

/** A dossier code as printed on the receipt (e.g. 000.00.19.H48-221122-0001), however it was pasted. */
export const dossierCodeSchema = lazySchema(() =>
  z
    .string()
    .trim()
    .min(8, "dossierCode is too short")
    .max(64, "dossierCode is too long")
    .regex(/^[0-9A-Za-z.\s-]+$/, "dossierCode may hold letters, digits, dots and dashes only"),
);

/** Dashes people paste from Word or phones: hyphen, figure/en/em dash, minus, small and fullwidth hyphen-minus. */
const DASHES = /[\u2010-\u2015\u2212\uFE58\uFE63\uFF0D]/g;

/** The matching key: case, spaces, dots and dash shapes do not matter ("000.00.19.h48 – 221122 – 0001" = "0000019H48-221122-0001"). */
export function dossierKey(code: string): string {
  return code.toUpperCase().replace(DASHES, "-").replace(/[\s.]/g, "");
}

/** The code as printed, from however it was pasted: upper case, plain dashes, no spaces ("000.00.19.H48-221122-0001"). */
export function canonicalDossierCode(code: string): string {
  return code.toUpperCase().replace(DASHES, "-").replace(/\s/g, "");
}

/** One status event, as the ingest API and the CSV import take it. */
export const dossierEventSchema = lazySchema(() =>
  z.object({
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
  }),
);
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

const isAlnum = (c: number) => (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
const isDigit = (c: number) => c >= 48 && c <= 57;
const isCodeChar = (c: number) => isAlnum(c) || c === 46; // letters, digits and "."
const isSpace = (c: number) => c === 32 || c === 9 || c === 0xa0 || c === 0x3000;
const isDash = (c: number) =>
  c === 45 || (c >= 0x2010 && c <= 0x2015) || c === 0x2212 || c === 0xfe58 || c === 0xfe63 || c === 0xff0d;
/** Spaces allowed around a dash ("H48 - 221122 - 0001"), and the longest agency prefix looked at. */
const MAX_GAP = 3;
const MAX_PREFIX = 40;

/** Skips at most MAX_GAP spaces forward from i. */
function skipSpaces(text: string, i: number): number {
  let j = i;
  while (j < text.length && j - i < MAX_GAP && isSpace(text.charCodeAt(j))) j++;
  return j;
}

/** Reads a run of digits of min..max length at i, not followed by another digit; returns its end or -1. */
function digitsAt(text: string, i: number, min: number, max: number): number {
  let j = i;
  while (j < text.length && j - i <= max && isDigit(text.charCodeAt(j))) j++;
  const n = j - i;
  return n >= min && n <= max ? j : -1;
}

/** The agency prefix that ends just before `end` ("000.00.19.H48", also "000.00.19 H48"); its start, or -1. */
function prefixBefore(text: string, end: number): number {
  let j = end;
  while (j > 0 && end - j < MAX_GAP && isSpace(text.charCodeAt(j - 1))) j--;
  const last = j;
  while (j > 0 && last - j < MAX_PREFIX && isCodeChar(text.charCodeAt(j - 1))) j--;
  if (j > 0 && (isCodeChar(text.charCodeAt(j - 1)) || text.charCodeAt(j - 1) > 127)) return -1; // inside a word
  let start = j;
  // One space inside the prefix, when the part before it looks like an agency code ("000.00.19 H48").
  if (start >= 2 && isSpace(text.charCodeAt(start - 1))) {
    let k = start - 1;
    const before = k;
    while (k > 0 && before - k < MAX_PREFIX && isCodeChar(text.charCodeAt(k - 1))) k--;
    const part = text.slice(k, before);
    const clean = k === 0 || !(isCodeChar(text.charCodeAt(k - 1)) || text.charCodeAt(k - 1) > 127);
    if (clean && /\d/.test(part) && part.includes(".")) start = k;
  }
  const prefix = text.slice(start, last);
  if (prefix.replace(/[\s.]/g, "").length < 4 || !isAlnum(prefix.charCodeAt(0)) || !/\d/.test(prefix))
    return -1;
  return start;
}

/**
 * Finds a receipt code in a chat message ("hồ sơ 000.00.19.H48 - 221122 - 0001 đến đâu rồi?"): agency prefix,
 * dash, six digits, dash, three to six digits; any dash shape, up to three spaces around each dash, any case,
 * words before and after. Linear in the text's length: each dash is looked at once, with bounded look-around.
 * Returns where the code is in the text, so what is left (e.g. phone digits) can be read too.
 */
export function locateDossierCode(text: string): { start: number; end: number; code: string } | null {
  for (let i = 0; i < text.length; i++) {
    if (!isDash(text.charCodeAt(i))) continue;
    const d1 = skipSpaces(text, i + 1);
    const d1End = digitsAt(text, d1, 6, 6);
    if (d1End < 0) continue;
    let k = skipSpaces(text, d1End);
    if (k >= text.length || !isDash(text.charCodeAt(k))) continue;
    k = skipSpaces(text, k + 1);
    const d2End = digitsAt(text, k, 3, 6);
    if (d2End < 0 || (d2End < text.length && isAlnum(text.charCodeAt(d2End)))) continue;
    const start = prefixBefore(text, i);
    if (start < 0) continue;
    const prefix = text.slice(start, i).trim();
    const code = canonicalDossierCode(`${prefix}-${text.slice(d1, d1End)}-${text.slice(k, d2End)}`);
    return { start, end: d2End, code };
  }
  return null;
}

/** Finds a receipt code in a chat message, as it was written there (trimmed), or null. */
export function findDossierCode(text: string): string | null {
  const found = locateDossierCode(text);
  return found ? text.slice(found.start, found.end).trim() : null;
}

/**
 * A dossier code and, when the same message gives them, the last four digits of the applicant's phone: "4567",
 * "sđt 0912 345 678" or "0912.345.678" (a whole number, spaced or dotted) all give the last four.
 */
export function parseDossierMessage(text: string): { code: string; phoneLast4: string | null } | null {
  const found = locateDossierCode(text);
  if (!found) return null;
  const rest = `${text.slice(0, found.start)} ${text.slice(found.end)}`;
  // Digit groups joined by single spaces, dots or dashes: one phone number written in parts.
  let phone: string | null = null;
  for (const m of rest.matchAll(/\+?\d+(?:[ .-]\d+)*/g)) {
    const digits = m[0].replace(/\D/g, "");
    if (digits.length === 4 || (digits.length >= 9 && digits.length <= 12)) {
      phone = digits.slice(-4);
      break;
    }
  }
  return { code: found.code, phoneLast4: phone };
}
