/**
 * The Workers platform types this wing uses, imported as a module (never as globals, so the rest of src/ keeps the
 * plain Web and Node typings).
 */
export type {
  D1Database,
  D1PreparedStatement,
  D1Result,
  ExecutionContext,
  Fetcher,
  KVNamespace,
  ScheduledController,
} from "@cloudflare/workers-types/index.ts";
