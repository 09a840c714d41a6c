import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";

/** A DATABASE_URL may be a path ("./var/dvc.sqlite") or a libsql URL ("file:…", "libsql://…"). */
export function databaseUrl(value: string): string {
  if (/^(file|libsql|https?|wss?):/.test(value)) return value;
  const path = resolve(value);
  mkdirSync(dirname(path), { recursive: true });
  return `file:${path}`;
}
