import type { Catalogue } from "../../catalogue/index.ts";
import type { Searcher, SearchHit } from "../../search/index.ts";
import { nameKey } from "../../search/index.ts";

/** Hits ranked ahead of a procedure named exactly are looked for among this many. */
const NAMED_WITHIN = 10;

/** True when one of the procedure's names, in any language, is the text (as nameKey folds both). */
export function namesExactly(catalogue: Catalogue, code: string, text: string): boolean {
  const entry = catalogue.entry(code);
  if (!entry) return false;
  const key = nameKey(text);
  return Object.values(entry.names).some((n) => n !== null && nameKey(n) === key);
}

/**
 * The best matches for a text, with the procedures it names exactly first: an official name pasted from the
 * portal or a paper into the search API, the help-desk console or Telegram's inline mode comes first there as it
 * opens in the chat (ProceduresFeature.namedExactly). Ranked by its words alone, a long name meets a shorter one
 * sharing most of them, or its sibling of another grade, and came second or lower for 366 of the 5,652 Vietnamese
 * names and 104–188 of the translated ones in each language. Several procedures bearing the name keep the
 * ranking's order among them.
 */
export function searchNamedFirst(
  searcher: Searcher,
  catalogue: Catalogue,
  text: string,
  limit: number,
): SearchHit[] {
  const hits = searcher.search(text, { limit: Math.max(limit, NAMED_WITHIN) }).hits;
  const named = new Set(searcher.wholeNamed(text).filter((c) => namesExactly(catalogue, c, text)));
  const isNamed = (h: SearchHit) => named.has(h.code) || h.variants.some((v) => named.has(v.code));
  const first = hits[0];
  if (named.size === 0 || !first || isNamed(first)) return hits.slice(0, limit);
  return [...hits.filter(isNamed), ...hits.filter((h) => !isNamed(h))].slice(0, limit);
}
