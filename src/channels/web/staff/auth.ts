/**
 * Passwords and sessions of the help-desk console, with Web Crypto only (the same code runs on Node and Workers).
 * Passwords are PBKDF2-SHA-256 with a random salt, stored as `pbkdf2-sha256$<iterations>$<salt>$<hash>` (base64url);
 * 100,000 iterations by default, the most Cloudflare Workers' PBKDF2 accepts. A session is a cookie signed with
 * HMAC-SHA-256 (hono/cookie's signed cookies) holding who is signed in, the role, the expiry and a random CSRF token
 * that every form posts back.
 */

export const DEFAULT_ITERATIONS = 100_000;
/** Workers refuse PBKDF2 above this; a stored hash asking for more is treated as invalid. */
const MAX_ITERATIONS = 100_000;
const HASH_PATTERN = /^pbkdf2-sha256\$(\d{1,7})\$([A-Za-z0-9_-]{16,})\$([A-Za-z0-9_-]{43})$/;

export type StaffRole = "staff" | "supervisor";

function toBase64Url(bytes: Uint8Array): string {
  let text = "";
  for (const b of bytes) text += String.fromCharCode(b);
  return btoa(text).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function fromBase64Url(text: string): Uint8Array {
  const plain = atob(text.replace(/-/g, "+").replace(/_/g, "/"));
  const out = new Uint8Array(plain.length);
  for (let i = 0; i < plain.length; i++) out[i] = plain.charCodeAt(i);
  return out;
}

async function derive(password: string, salt: Uint8Array, iterations: number): Promise<Uint8Array> {
  const key = await crypto.subtle.importKey(
    "raw",
    new TextEncoder().encode(password.normalize("NFC")),
    "PBKDF2",
    false,
    ["deriveBits"],
  );
  const bits = await crypto.subtle.deriveBits(
    { name: "PBKDF2", hash: "SHA-256", salt: salt as BufferSource, iterations },
    key,
    256,
  );
  return new Uint8Array(bits);
}

/** A new hash of the password with a fresh 16-byte salt. */
export async function hashPassword(password: string, iterations = DEFAULT_ITERATIONS): Promise<string> {
  if (!Number.isInteger(iterations) || iterations < 1 || iterations > MAX_ITERATIONS)
    throw new RangeError(`iterations must be a whole number from 1 to ${MAX_ITERATIONS}`);
  const salt = crypto.getRandomValues(new Uint8Array(16));
  const hash = await derive(password, salt, iterations);
  return `pbkdf2-sha256$${iterations}$${toBase64Url(salt)}$${toBase64Url(hash)}`;
}

export function isPasswordHash(text: string): boolean {
  const m = HASH_PATTERN.exec(text);
  return m !== null && Number(m[1]) >= 1 && Number(m[1]) <= MAX_ITERATIONS;
}

/** Same length, every byte compared: the time taken says nothing about where they differ. */
function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  let diff = a.length ^ b.length;
  for (let i = 0; i < Math.max(a.length, b.length); i++) diff |= (a[i] ?? 0) ^ (b[i] ?? 0);
  return diff === 0;
}

/** True when the password matches the stored hash; a malformed hash never matches. */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const m = HASH_PATTERN.exec(stored);
  if (!m) return false;
  const iterations = Number(m[1]);
  if (iterations < 1 || iterations > MAX_ITERATIONS) return false;
  const expected = fromBase64Url(m[3] as string);
  const actual = await derive(password, fromBase64Url(m[2] as string), iterations);
  return sameBytes(actual, expected);
}

/** A hash to verify against when the account does not exist, so a wrong name costs as long as a wrong password. */
let decoy: Promise<string> | null = null;
export function decoyHash(): Promise<string> {
  decoy ??= hashPassword("not-a-password", DEFAULT_ITERATIONS);
  return decoy;
}

export interface StaffSession {
  /** The name staff signed in with (an account, or the name given with the shared password). */
  user: string;
  role: StaffRole;
  /** Milliseconds since the epoch after which the session is refused. */
  exp: number;
  /** The CSRF token every form of this session posts back. */
  csrf: string;
}

export const SESSION_HOURS = 10;
export const USERNAME = /^[a-z0-9][a-z0-9._-]{1,31}$/;

export function newSession(user: string, role: StaffRole, now: Date): StaffSession {
  return {
    user,
    role,
    exp: now.getTime() + SESSION_HOURS * 3600_000,
    csrf: toBase64Url(crypto.getRandomValues(new Uint8Array(18))),
  };
}

export function encodeSession(session: StaffSession): string {
  return toBase64Url(new TextEncoder().encode(JSON.stringify(session)));
}

/** The session a verified cookie holds, or null when it is malformed or expired. */
export function decodeSession(value: string, now: Date): StaffSession | null {
  try {
    const parsed = JSON.parse(new TextDecoder().decode(fromBase64Url(value))) as Partial<StaffSession>;
    if (
      typeof parsed.user !== "string" ||
      !USERNAME.test(parsed.user) ||
      (parsed.role !== "staff" && parsed.role !== "supervisor") ||
      typeof parsed.exp !== "number" ||
      typeof parsed.csrf !== "string" ||
      parsed.csrf.length < 16
    )
      return null;
    if (parsed.exp <= now.getTime()) return null;
    return parsed as StaffSession;
  } catch {
    return null;
  }
}

/** Constant-time comparison of two tokens. */
export function sameToken(given: string | undefined | null, expected: string): boolean {
  const enc = new TextEncoder();
  return sameBytes(enc.encode(given ?? ""), enc.encode(expected));
}

/** A random secret for signing cookies when none is configured (sessions then end when the process does). */
export function randomSecret(): string {
  return toBase64Url(crypto.getRandomValues(new Uint8Array(32)));
}
