/**
 * Initialisms derived from the catalogue's own phrases: people write "gcn qsdd" for "giấy chứng nhận quyền sử dụng
 * đất", "dkkd" for "đăng ký kinh doanh". Every run of 2–7 Vietnamese syllables that does not start or end with a
 * function word is counted once per document; an initialism keeps the phrases seen in enough documents, each with
 * its share of the initialism's documents, so a colliding initialism ("tt": thủ tục, thông tin, tài trợ…) expands to
 * each reading in proportion to how often the catalogue uses it. Declared abbreviations in the portal's text
 * ("lưu hành tự do (CFS)") are kept too: there the record itself says what the letters mean.
 */

import { foldDiacritics } from "./normalize.ts";

/** Folded words that never start or end a phrase worth abbreviating. */
const FUNCTION_WORDS = new Set(
  "va cac cua voi cho theo trong duoc nhung ve den hoac khi neu se mot nay boi vao ra len tren duoi sau truoc giua it nhieu la bi".split(
    " ",
  ),
);

/** A folded Vietnamese syllable: onset, vowels, coda. "gcn", "qsdd", "bhyt" are not syllables; "giay", "ko" are. */
const SYLLABLE = /^(ngh|ng|nh|ch|gh|gi|kh|ph|th|tr|qu|[bcdghklmnprstvx])?[aeiouy]{1,3}(ch|ng|nh|[cmnpt])?$/;

export function isSyllable(word: string): boolean {
  return SYLLABLE.test(word);
}

/**
 * A word typed as Vietnamese syllables without spaces ("dangkykethon", "hokinhdoanh") split into them, each a
 * syllable the index knows (or a longer word it knows: "visa"): of the splits with the fewest pieces, the one with the
 * most adjacent pairs the index knows ("ket hon", not "ke thon"); null when there is none or the word is one syllable.
 */
export function splitGlued(
  word: string,
  known: (syllable: string) => boolean,
  knownPair: (a: string, b: string) => boolean = () => false,
): string[] | null {
  if (word.length > 28) return null;
  // splits[i]: the fewest-syllable splits of word.slice(i) (at most a few: words are short).
  const splits: (string[][] | null)[] = [];
  splits[word.length] = [[]];
  for (let start = word.length - 1; start >= 0; start--) {
    let fewest: string[][] | null = null;
    for (let end = start + 1; end <= Math.min(word.length, start + 10); end++) {
      const piece = word.slice(start, end);
      const rest = splits[end];
      // A syllable, or a longer word the index knows ("visa" of "giahanvisa").
      if (!rest || !(SYLLABLE.test(piece) || piece.length >= 4) || !known(piece)) continue;
      const made = rest.slice(0, 8).map((r) => [piece, ...r]);
      if (!fewest || (made[0]?.length ?? 0) < (fewest[0]?.length ?? 0)) fewest = made;
      else if (made[0]?.length === fewest[0]?.length) fewest.push(...made);
    }
    splits[start] = fewest;
  }
  const pairs = (split: string[]) => split.slice(1).filter((b, i) => knownPair(split[i] as string, b)).length;
  const all = splits[0];
  if (!all || (all[0]?.length ?? 0) < 2) return null;
  const split = all.reduce((a, b) => (pairs(b) > pairs(a) ? b : a));
  // Two syllables at least: "pasport" is no "pa" + "sport".
  return split.filter((piece) => SYLLABLE.test(piece)).length >= 2 ? split : null;
}

export interface InitialismEntry {
  /** The folded initialism: "gcn", "qsdd". */
  key: string;
  /** Folded phrases it stands for, most used first, with their share of the initialism's use (0–1). */
  phrases: { phrase: string; share: number }[];
}

export interface InitialismOptions {
  minWords: number;
  maxWords: number;
  minDocs: number;
}

const initialOf = (phrase: string[]) => phrase.map((w) => w[0]).join("");

/** Per document: the portal's usage weight, and how many of its leading texts name it (name and aliases). */
export interface DocumentUse {
  weight: number | null;
  naming: number;
}

/**
 * `texts` is one list of Vietnamese texts per document, its names and aliases first; `use` (optional) says how much
 * each document is used and how many of its texts name it. Returns the initialisms sorted by key.
 *
 * A reading's share blends how many documents use the phrase with how much the documents it names are used: people
 * abbreviate what they file, so "tctn" is "trợ cấp thất nghiệp" (six names, millions of filings) before "tiền chất
 * thuốc nổ" (more records, few filings); a phrase only met in document lists ("từ chối tiếp nhận") gains nothing
 * from the usage of the procedures whose lists it sits in.
 */
export function deriveInitialisms(
  texts: string[][],
  options: InitialismOptions,
  use: DocumentUse[] = [],
): InitialismEntry[] {
  const docsOf = new Map<string, number>();
  const usageOf = new Map<string, number>();
  const lastDoc = new Map<string, number>();
  const declared = new Map<string, Map<string, number>>();
  texts.forEach((doc, d) => {
    const naming = use[d]?.naming ?? 0;
    const weight = use[d]?.weight ?? 0;
    doc.forEach((text, ti) => {
      // Declared abbreviations: "… lưu hành tự do (CFS)" where the letters are the initials of the words before.
      if (text.includes("(")) {
        for (const m of text.matchAll(/((?:[\p{L}]+\s+){1,8})\(([\p{Lu}Đ]{2,8})\)/gu)) {
          const words = foldDiacritics(m[1] as string)
            .trim()
            .split(/\s+/);
          const key = foldDiacritics(m[2] as string);
          for (let n = Math.min(words.length, 8); n >= 2; n--) {
            const phrase = words.slice(-n);
            if (initialOf(phrase) === key) {
              const byPhrase = declared.get(key) ?? new Map<string, number>();
              byPhrase.set(phrase.join(" "), (byPhrase.get(phrase.join(" ")) ?? 0) + 1);
              declared.set(key, byPhrase);
              break;
            }
          }
        }
      }
      // Phrases: runs of syllables inside one clause (punctuation ends a run), counted once per document.
      for (const clause of foldDiacritics(text).split(/[^a-z\s]+/)) {
        const words = clause.split(/\s+/).filter((w) => w !== "");
        const ok = words.map((w) => isSyllable(w));
        for (let i = 0; i < words.length; i++) {
          const first = words[i] as string;
          if (!ok[i] || FUNCTION_WORDS.has(first)) continue;
          let phrase = first;
          for (let n = 2; n <= options.maxWords && i + n <= words.length; n++) {
            if (!ok[i + n - 1]) break;
            const last = words[i + n - 1] as string;
            phrase = `${phrase} ${last}`;
            if (n < options.minWords || FUNCTION_WORDS.has(last)) continue;
            if (lastDoc.get(phrase) === d) continue;
            lastDoc.set(phrase, d);
            docsOf.set(phrase, (docsOf.get(phrase) ?? 0) + 1);
            if (ti < naming) {
              usageOf.set(phrase, (usageOf.get(phrase) ?? 0) + weight);
            }
          }
        }
      }
    });
  });
  const enough = (_phrase: string, docs: number) => docs >= options.minDocs;
  // A phrase seen almost only inside one longer phrase is a fragment of it, not a term of its own: "hoạch kinh
  // doanh" lives inside "kế hoạch kinh doanh" (the nested-term test of C-value term extraction).
  const container = new Map<string, number>();
  for (const [phrase, docs] of docsOf) {
    if (!enough(phrase, docs)) continue;
    const cut = phrase.indexOf(" ");
    const lastCut = phrase.lastIndexOf(" ");
    // Containers of up to four words only: a five-word container is itself often a fragment of a longer phrase
    // the count does not reach ("nhận đăng ký doanh nghiệp" inside "giấy chứng nhận đăng ký doanh nghiệp").
    if (cut === lastCut || phrase.split(" ").length > 4) continue;
    for (const inner of [phrase.slice(cut + 1), phrase.slice(0, lastCut)])
      container.set(inner, Math.max(container.get(inner) ?? 0, docs));
  }
  const byKey = new Map<string, Map<string, number>>();
  const addReading = (key: string, phrase: string, docs: number) => {
    // A key that is itself a syllable ("tam", "cho") would swallow a real word: never an initialism.
    if (key.length < 2 || isSyllable(key)) return;
    const m = byKey.get(key) ?? new Map<string, number>();
    m.set(phrase, Math.max(m.get(phrase) ?? 0, docs));
    byKey.set(key, m);
  };
  for (const [phrase, docs] of docsOf) {
    if (!enough(phrase, docs)) continue;
    if ((container.get(phrase) ?? 0) >= docs * 0.8) continue;
    const words = phrase.split(" ");
    addReading(initialOf(words), phrase, docs);
    // People skip the little words inside a phrase: "đại diện theo pháp luật" is written "đdpl".
    const content = words.filter((w) => !FUNCTION_WORDS.has(w));
    if (content.length >= 2 && content.length < words.length) addReading(initialOf(content), phrase, docs);
  }
  // The portal's own declarations count as strongly as the most used reading.
  for (const [key, phrases] of declared) {
    if (isSyllable(key)) continue;
    const m = byKey.get(key) ?? new Map<string, number>();
    const top = Math.max(options.minDocs, ...m.values());
    const topUse = Math.max(0, ...[...m.keys()].map((q) => usageOf.get(q) ?? 0));
    for (const p of phrases.keys()) {
      m.set(p, Math.max(m.get(p) ?? 0, top));
      usageOf.set(p, Math.max(usageOf.get(p) ?? 0, topUse));
    }
    byKey.set(key, m);
  }
  const out: InitialismEntry[] = [];
  for (const [key, m] of byKey) {
    // Longer phrases contain shorter ones ("giay chung nhan quyen" vs "giay chung nhan"): they have other keys, so
    // within one key only true rivals compete.
    const total = [...m.values()].reduce((a, b) => a + b, 0);
    const used = [...m.keys()].reduce((a, p) => a + (usageOf.get(p) ?? 0), 0);
    const shareOf = (phrase: string, docs: number) =>
      used > 0 ? 0.5 * (docs / total) + 0.5 * ((usageOf.get(phrase) ?? 0) / used) : docs / total;
    const phrases = [...m]
      .map(([phrase, docs]) => ({ phrase, share: Math.round(shareOf(phrase, docs) * 1000) / 1000 }))
      .sort((a, b) => b.share - a.share || (a.phrase < b.phrase ? -1 : 1))
      // Readings under 10% of the use are noise, and more than three readings say nothing.
      .filter((p, i) => i === 0 || p.share >= 0.1)
      .slice(0, 3);
    out.push({ key, phrases });
  }
  return out.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

/** Distinct initialisms, and how many of them have more than one reading. */
export function initialismCounts(entries: InitialismEntry[]): { distinct: number; colliding: number } {
  return { distinct: entries.length, colliding: entries.filter((e) => e.phrases.length > 1).length };
}
