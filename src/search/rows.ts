import type { Catalogue, Level } from "../catalogue/index.ts";
import type { SearchHit } from "./query.ts";

/** The public shape of a search result (CLI `search --json` and GET /api/procedures): a contract. */
export interface SearchRow {
  code: string;
  names: { vi: string; en: string | null; zh: string | null; ko: string | null; ja: string | null };
  level: Level | null;
  score: number;
}

export function toSearchRows(hits: SearchHit[], catalogue: Catalogue): SearchRow[] {
  return hits.flatMap((h) => {
    const entry = catalogue.entry(h.code);
    return entry ? [{ code: h.code, names: entry.names, level: entry.level, score: h.score }] : [];
  });
}
