import { readFileSync } from "node:fs";
import { auditExceptionsSchema, DEFECT_CLASSES } from "../../src/conversation/card-audit.ts";
import { Conversation, MemorySessionStore } from "../../src/conversation/index.ts";
import { catalogue, searcher } from "./app.ts";

/** What the card-audit tests share (test/cards/audit*.test.ts): the day, the listed exceptions, a conversation. */
export const AUDIT_DATE = "2026-12-03";
export const auditExceptions = auditExceptionsSchema.parse(
  JSON.parse(readFileSync(new URL("../../data/curated/audit-exceptions.json", import.meta.url), "utf8")),
);

export function auditConversation(date: string) {
  return new Conversation({
    catalogue,
    searcher,
    sessions: new MemorySessionStore(),
    province: null,
    clock: () => new Date(`${date}T05:00:00Z`),
  });
}

/** Every defect class at zero. */
export const noDefects = Object.fromEntries(DEFECT_CLASSES.map((c) => [c, 0]));
