/**
 * Phrase matching for the understanding step: one pass over a message finds every phrase of every list in
 * data/conversation/. Latin phrases match whole words: a word typed with diacritics must match them ("đang
 * chạy" is not "đang cháy"), a word typed without them matches on its folded form, and a longer word one edit
 * away from a phrase word ("documnets") is read as that word unless it is a word of the catalogue itself. CJK
 * and Hangul phrases match as substrings of the message with spaces removed. Everything is linear in the
 * message: a hash lookup per word and a bounded scan per CJK phrase.
 */
import { foldCase, foldDiacritics } from "../text.ts";

const CJK_RUN = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\u30fc々]+/gu;
const CJK_SPACED =
  /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\u30fc々]+(?:[ \t]+[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\u30fc々]+)*/gu;
const CJK_CHAR = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;
const WORD = /[\p{L}\p{M}\p{N}]+/gu;
const SYMBOL = /\p{Extended_Pictographic}/u;
const MARKED = /[\u0080-\uffff]/;
/** What the understanding step reads of a message: enough for any intent, and a bound on the work. */
export const MAX_UNDERSTOOD_CHARS = 1000;

export interface Token {
  /** Lower case with diacritics. */
  marked: string;
  /** Lower case without diacritics (đ → d). */
  folded: string;
  hasMarks: boolean;
  /** Written in capitals, two letters or more ("TRC", "IRC"): an initialism, not chat shorthand. */
  caps?: boolean;
}

export interface Prepared {
  text: string;
  tokens: Token[];
  /** CJK and Hangul runs, lower-cased NFKC, spaces removed, runs separated by a space. */
  cjk: string;
  /** Emoji and pictographs of the message. */
  symbols: string[];
}

function toToken(word: string): Token {
  const marked = foldCase(word);
  const folded = foldDiacritics(word);
  const token: Token = { marked, folded, hasMarks: MARKED.test(marked) };
  if (word.length >= 2 && CAPITAL.test(word) && !LOWER.test(word)) token.caps = true;
  return token;
}

const CAPITAL = /\p{Lu}/u;
const LOWER = /\p{Ll}/u;

/** Splits a message into Latin/number words, CJK text and symbols (the message is cut at MAX_UNDERSTOOD_CHARS). */
export function prepare(raw: string): Prepared {
  const text = raw.slice(0, MAX_UNDERSTOOD_CHARS).normalize("NFKC");
  const tokens = [...text.replace(CJK_RUN, " ").matchAll(WORD)].map((m) => toToken(m[0]));
  const symbols = [...text].filter((ch) => SYMBOL.test(ch));
  // Words of CJK runs separated by spaces (Korean writes spaces) are joined: "필요 서류" matches "필요서류".
  const cjk = (text.match(CJK_SPACED) ?? []).map((r) => r.replace(/\s+/g, "").toLowerCase()).join(" ");
  return { text, tokens, cjk, symbols };
}

export function isCjk(text: string): boolean {
  return CJK_CHAR.test(text);
}

interface LatinPhrase<T> {
  tokens: Token[];
  value: T;
  /** A one-syllable phrase with diacritics that must be typed with them (see PhraseIndex). */
  strict: boolean;
}

/** A PhraseIndex as JSON (PhraseIndex.compile), numbers pointing into `tokens` and `values`. */
export interface CompiledPhrases<T> {
  /** Latin phrases: [token numbers, value number, strict 0/1], in their buckets' order. */
  latin: [number[], number, 0 | 1][];
  /** CJK and Hangul phrases: [key, value number], in the order added. */
  cjk: [string, number][];
  symbols: [string, number[]][];
  /** Shorthand word → the token numbers of the words it stands for. */
  shorthand: [string, number[]][];
  /** [marked, folded, hasMarks 0/1] */
  tokens: [string, string, 0 | 1][];
  values: T[];
}

export interface PhraseMatch<T> {
  value: T;
  /** Latin matches: token range [start, end). CJK matches: the phrase. */
  start: number;
  end: number;
  cjk: string | null;
  /** Characters matched: longer phrases win over the shorter ones they contain. */
  weight: number;
}

/** Damerau deletes at distance 1, for typo tolerance on longer Latin words. */
function deletes(word: string): string[] {
  const out: string[] = [];
  for (let i = 0; i < word.length; i++) out.push(word.slice(0, i) + word.slice(i + 1));
  return out;
}

/** Whether two different words are one edit apart: a letter added, dropped or changed, or two neighbours swapped. */
function oneEdit(a: string, b: string): boolean {
  if (a.length < b.length) return oneEdit(b, a);
  if (a.length - b.length > 1) return false;
  let i = 0;
  while (i < b.length && a[i] === b[i]) i++;
  if (a.length > b.length) return a.slice(i + 1) === b.slice(i);
  if (a.slice(i + 1) === b.slice(i + 1)) return true;
  return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2);
}

const MIN_TYPO_LENGTH = 5;
/** A letter typed three times or more in a row. */
const STRETCHED = /(\p{L})\1{2}/u;
const STRETCHED_ALL = /(\p{L})\1{2,}/gu;
/** Nobody types a 25-letter word by mistake: longer "words" are not corrected (and cost nothing). */
const MAX_TYPO_LENGTH = 24;

export class PhraseIndex<T> {
  /**
   * Latin phrases by their first word, and those of two words or more also by their second: a common first word
   * ("đang", "bị") begins hundreds of phrases, and only those whose second word follows are tried.
   */
  private readonly byFirst = new Map<
    string,
    { single: LatinPhrase<T>[]; bySecond: Map<string, LatinPhrase<T>[]> }
  >();
  private readonly cjkPhrases: { key: string; value: T }[] = [];
  /**
   * The CJK phrases' positions in cjkPhrases by the first code unit of their key, made on the first CJK message:
   * a message is read at each of its characters against the phrases starting there, instead of every phrase
   * searched in the whole message (28,000 catalogue names took 3.5 s, mostly that scan).
   */
  private cjkByFirst: Map<number, number[]> | null = null;
  private readonly symbolPhrases = new Map<string, T[]>();
  private readonly vocabulary = new Set<string>();
  /**
   * Each phrase word of MIN_TYPO_LENGTH letters or more and every string one deletion from it → the word (null: two
   * words share it). Made by the first word that may be a typo: most first messages of a fresh Worker hold only
   * short syllables and known words, and making it cost about 4 ms of workerd CPU in the restore.
   */
  private deleteMap: Map<string, string | null> | null = null;

  /**
   * @param knownWords folded words that are real words of the domain (the catalogue's names): never "corrected"
   *   into a phrase word, so "truong" is not read as "thuong".
   */
  /**
   * @param strictSingle values whose one-syllable Vietnamese phrases ("dở", "tệ", "cháy") match only as typed with
   *   diacritics: typed without them they are too many other words at once ("do", "te", "chay").
   */
  private readonly shorthand = new Map<string, Token[]>();

  /**
   * @param shorthand chat shorthand and teencode ("r" → "rồi", "bn" → "bao nhiêu"): the message is also read with
   *   each such word replaced by the words it stands for.
   */
  constructor(
    entries: Iterable<{ phrase: string; value: T }>,
    private readonly knownWords: ReadonlySet<string> = new Set(),
    private readonly strictSingle: (value: T) => boolean = () => false,
    shorthand: Record<string, string> = {},
  ) {
    for (const [short, words] of Object.entries(shorthand))
      this.shorthand.set(
        foldCase(short.normalize("NFKC")),
        [...words.normalize("NFKC").matchAll(WORD)].map((m) => toToken(m[0])),
      );
    // Phrases share most of their words ("đang", "bị", "cho tôi"): each word is folded once.
    const tokens = new Map<string, Token>();
    for (const { phrase, value } of entries) this.add(phrase, value, tokens);
  }

  private typos(): Map<string, string | null> {
    if (this.deleteMap) return this.deleteMap;
    this.deleteMap = new Map();
    for (const word of this.vocabulary) {
      if (word.length < MIN_TYPO_LENGTH) continue;
      for (const d of [word, ...deletes(word)]) {
        const prev = this.deleteMap.get(d);
        // Two phrase words one edit from the same string: ambiguous, correct to neither.
        this.deleteMap.set(d, prev === undefined || prev === word ? word : null);
      }
    }
    return this.deleteMap;
  }

  /** The index as plain JSON, every phrase already split and folded (npm run build writes it: see restore). */
  compile(): CompiledPhrases<T> {
    const tokens = new Map<string, number>();
    const tokenList: CompiledPhrases<T>["tokens"] = [];
    const tokenId = (t: Token) => {
      let id = tokens.get(t.marked);
      if (id === undefined) {
        id = tokenList.length;
        tokens.set(t.marked, id);
        tokenList.push([t.marked, t.folded, t.hasMarks ? 1 : 0]);
      }
      return id;
    };
    const values = new Map<string, number>();
    const valueList: T[] = [];
    const valueId = (v: T) => {
      const key = JSON.stringify(v);
      let id = values.get(key);
      if (id === undefined) {
        id = valueList.length;
        values.set(key, id);
        valueList.push(v);
      }
      return id;
    };
    const latin: CompiledPhrases<T>["latin"] = [];
    // Bucket by bucket in insertion order: restoring adds them back into the same buckets in the same order.
    for (const bucket of this.byFirst.values())
      for (const phrase of [...bucket.single, ...[...bucket.bySecond.values()].flat()])
        latin.push([phrase.tokens.map(tokenId), valueId(phrase.value), phrase.strict ? 1 : 0]);
    return {
      latin,
      cjk: this.cjkPhrases.map(({ key, value }) => [key, valueId(value)]),
      symbols: [...this.symbolPhrases].map(([ch, list]) => [ch, list.map(valueId)]),
      shorthand: [...this.shorthand].map(([short, words]) => [short, words.map(tokenId)]),
      tokens: tokenList,
      values: valueList,
    };
  }

  /**
   * An index from its compiled form (compile), without folding or splitting a phrase: what a runtime does with
   * the artefact npm run build wrote. It finds what the index it was compiled from finds.
   */
  static restore<T>(
    compiled: CompiledPhrases<T>,
    knownWords: ReadonlySet<string> = new Set(),
  ): PhraseIndex<T> {
    const index = new PhraseIndex<T>([], knownWords);
    const tokens: Token[] = compiled.tokens.map(([marked, folded, marks]) => ({
      marked,
      folded,
      hasMarks: marks === 1,
    }));
    const values = compiled.values;
    for (const [ids, value, strict] of compiled.latin)
      index.addLatin({
        tokens: ids.map((id) => tokens[id] as Token),
        value: values[value] as T,
        strict: strict === 1,
      });
    for (const [key, value] of compiled.cjk) index.cjkPhrases.push({ key, value: values[value] as T });
    index.cjkByFirst = null;
    for (const [ch, list] of compiled.symbols)
      index.symbolPhrases.set(
        ch,
        list.map((v) => values[v] as T),
      );
    for (const [short, ids] of compiled.shorthand)
      index.shorthand.set(
        short,
        ids.map((id) => tokens[id] as Token),
      );
    return index;
  }

  private add(phrase: string, value: T, memo: Map<string, Token>): void {
    const clean = phrase.normalize("NFKC").trim();
    if (clean === "") return;
    if (SYMBOL.test(clean) && [...clean].every((ch) => SYMBOL.test(ch) || /\s|\uFE0F/.test(ch))) {
      for (const ch of [...clean].filter((c) => SYMBOL.test(c)))
        this.symbolPhrases.set(ch, [...(this.symbolPhrases.get(ch) ?? []), value]);
      return;
    }
    if (isCjk(clean)) {
      this.cjkPhrases.push({ key: clean.toLowerCase().replace(/\s+/g, ""), value });
      this.cjkByFirst = null;
      return;
    }
    const tokens = [...clean.matchAll(WORD)].map((m) => {
      let token = memo.get(m[0]);
      if (!token) {
        token = toToken(m[0]);
        memo.set(m[0], token);
      }
      return token;
    });
    const first = tokens[0];
    if (!first) return;
    this.addLatin({
      tokens,
      value,
      strict: tokens.length === 1 && first.hasMarks && this.strictSingle(value),
    });
  }

  private addLatin(entry: LatinPhrase<T>): void {
    const first = entry.tokens[0] as Token;
    for (const t of entry.tokens) this.vocabulary.add(t.folded);
    let bucket = this.byFirst.get(first.folded);
    if (!bucket) {
      bucket = { single: [], bySecond: new Map() };
      this.byFirst.set(first.folded, bucket);
    }
    const second = entry.tokens[1];
    if (!second) bucket.single.push(entry);
    else {
      const list = bucket.bySecond.get(second.folded);
      if (list) list.push(entry);
      else bucket.bySecond.set(second.folded, [entry]);
    }
  }

  /** A word typed with a letter held down ("cứuuu", "helppp", "fireee"), read as the phrase word it stretches. */
  private unrepeated(t: Token): Token | null {
    if (!STRETCHED.test(t.marked)) return null;
    for (const keep of ["$1", "$1$1"]) {
      const word = toToken(t.marked.replace(STRETCHED_ALL, keep));
      if (this.byFirst.has(word.folded) || this.vocabulary.has(word.folded)) return word;
    }
    return null;
  }

  /** The phrase word a longer unknown word is one edit away from, if exactly one. */
  private correct(folded: string): string | null {
    if (folded.length < MIN_TYPO_LENGTH || folded.length > MAX_TYPO_LENGTH) return null;
    if (this.vocabulary.has(folded) || this.knownWords.has(folded)) return null;
    if (!/^[a-z]+$/.test(folded)) return null;
    const typos = this.typos();
    let found: string | null = null;
    for (const d of [folded, ...deletes(folded)]) {
      const word = typos.get(d);
      // A delete of each word at different places meets two edits apart ("pause" and "abuse" both give "ause").
      if (word === undefined || (word !== null && !oneEdit(folded, word))) continue;
      if (word === null || (found !== null && found !== word)) return null;
      found = word;
    }
    return found;
  }

  /**
   * Latin phrases over a word sequence; `origin` maps each word to the message's word it came from, and with
   * `changed`, only matches that use a word read from shorthand are returned.
   */
  private scan(tokens: Token[], origin: number[], changed: boolean[] | null): PhraseMatch<T>[] {
    const out: PhraseMatch<T>[] = [];
    // A shorthand stands for all the words it is read as: a phrase holding only some of them ("minh", filler, of
    // "cmnd" read as "chứng minh nhân dân") is not what was typed, and would take the whole word away.
    const whole = (from: number, to: number) =>
      changed === null ||
      ((!changed[from] || from === 0 || origin[from - 1] !== origin[from]) &&
        (!changed[to] || to === tokens.length - 1 || origin[to + 1] !== origin[to]));
    for (let i = 0; i < tokens.length; i++) {
      const bucket = this.byFirst.get((tokens[i] as Token).folded);
      if (!bucket) continue;
      const next = tokens[i + 1];
      const longer = next ? bucket.bySecond.get(next.folded) : undefined;
      for (const phrase of longer ? [...bucket.single, ...longer] : bucket.single) {
        const n = phrase.tokens.length;
        if (i + n > tokens.length) continue;
        let ok = true;
        let weight = 0;
        let used = changed === null;
        for (let k = 0; k < n && ok; k++) {
          const typed = tokens[i + k] as Token;
          const want = phrase.tokens[k] as Token;
          // A word typed with diacritics matches only the same word with them: "đỏ" is not "do", "chạy" is not
          // "cháy". A word typed without them matches on its folded form.
          ok = typed.hasMarks
            ? want.hasMarks && typed.marked === want.marked
            : typed.folded === want.folded && !phrase.strict;
          weight += want.folded.length + 1;
          if (changed?.[i + k]) used = true;
        }
        const start = origin[i] as number;
        const end = (origin[i + n - 1] as number) + 1;
        if (ok && used && whole(i, i + n - 1))
          out.push({ value: phrase.value, start, end, cjk: null, weight });
      }
    }
    return out;
  }

  /** Every phrase found in the message (overlapping ones included). */
  /** The positions in cjkPhrases of the phrases the CJK text holds, in cjkPhrases' order. */
  private cjkIn(text: string): number[] {
    let byFirst = this.cjkByFirst;
    if (!byFirst) {
      byFirst = new Map();
      for (const [at, { key }] of this.cjkPhrases.entries()) {
        const first = key.length > 0 ? key.charCodeAt(0) : -1;
        const list = byFirst.get(first);
        if (list) list.push(at);
        else byFirst.set(first, [at]);
      }
      this.cjkByFirst = byFirst;
    }
    const found = new Set<number>(byFirst.get(-1));
    for (let i = 0; i < text.length; i++)
      for (const at of byFirst.get(text.charCodeAt(i)) ?? [])
        if (!found.has(at) && text.startsWith(this.cjkPhrases[at]?.key ?? "", i)) found.add(at);
    return [...found].sort((a, b) => a - b);
  }

  find(p: Prepared): PhraseMatch<T>[] {
    const tokens = p.tokens.map((t) => {
      if (this.byFirst.has(t.folded) || this.vocabulary.has(t.folded)) return t;
      const fix = this.correct(t.folded);
      return fix ? { marked: fix, folded: fix, hasMarks: false } : (this.unrepeated(t) ?? t);
    });
    const out = this.scan(
      tokens,
      tokens.map((_, i) => i),
      null,
    );
    // Shorthand ("r", "ko", "bn") read as the words it stands for: only matches that use such a word are added.
    // A word in capitals among words that are not ("how much is a TRC", or alone: "TRC") is an initialism that
    // happens to spell a shorthand ("trc" = trước); a message all in capitals is shouting, and read as usual.
    const shouting = p.tokens.length > 1 && !LOWER.test(p.text);
    const short = (t: Token, i: number) => this.shorthand.has(t.marked) && (shouting || !p.tokens[i]?.caps);
    if (this.shorthand.size > 0 && tokens.some(short)) {
      const expanded: Token[] = [];
      const origin: number[] = [];
      const changed: boolean[] = [];
      tokens.forEach((t, i) => {
        const words = short(t, i) ? this.shorthand.get(t.marked) : undefined;
        for (const w of words ?? [t]) {
          expanded.push(w);
          origin.push(i);
          changed.push(words !== undefined);
        }
      });
      out.push(...this.scan(expanded, origin, changed));
    }
    if (p.cjk) {
      for (const at of this.cjkIn(p.cjk)) {
        const phrase = this.cjkPhrases[at];
        if (phrase)
          out.push({
            value: phrase.value,
            start: -1,
            end: -1,
            cjk: phrase.key,
            weight: phrase.key.length * 2,
          });
      }
    }
    for (const s of p.symbols)
      for (const value of this.symbolPhrases.get(s) ?? [])
        out.push({ value, start: -1, end: -1, cjk: null, weight: 1 });
    return out;
  }
}

/**
 * Takes matches longest first, each only where no longer match took its words, and returns those kept and what
 * is left of the message: the Latin words and the CJK text not covered by them.
 */
export function takeLongest<T>(
  p: Prepared,
  matches: PhraseMatch<T>[],
  consumed: boolean[] = p.tokens.map(() => false),
  cjkIn = p.cjk,
): { kept: PhraseMatch<T>[]; consumed: boolean[]; cjkRest: string } {
  let cjkRest = cjkIn;
  const kept: PhraseMatch<T>[] = [];
  for (const m of [...matches].sort((a, b) => b.weight - a.weight)) {
    if (m.cjk !== null) {
      if (!cjkRest.includes(m.cjk)) continue;
      cjkRest = cjkRest.split(m.cjk).join(" ");
      kept.push(m);
    } else if (m.start >= 0) {
      let free = true;
      for (let i = m.start; i < m.end; i++) if (consumed[i]) free = false;
      if (!free) continue;
      for (let i = m.start; i < m.end; i++) consumed[i] = true;
      kept.push(m);
    } else kept.push(m);
  }
  return { kept, consumed, cjkRest: cjkRest.replace(/\s+/g, " ").trim() };
}

/**
 * Every word and CJK character covered by any of the matches (overlaps included): what is left is what the
 * message says beyond those phrases.
 */
export function cover<T>(p: Prepared, matches: PhraseMatch<T>[]): { consumed: boolean[]; cjkRest: string } {
  const consumed = p.tokens.map(() => false);
  const chars = [...p.cjk];
  const covered = chars.map((ch) => ch === " ");
  for (const m of matches) {
    if (m.start >= 0) for (let i = m.start; i < m.end; i++) consumed[i] = true;
    if (m.cjk) {
      const key = [...m.cjk];
      for (let from = 0; from + key.length <= chars.length; from++) {
        let same = true;
        for (let k = 0; k < key.length && same; k++) same = chars[from + k] === key[k];
        if (same) for (let k = 0; k < key.length; k++) covered[from + k] = true;
      }
    }
  }
  const cjkRest = chars
    .map((ch, i) => (covered[i] ? " " : ch))
    .join("")
    .replace(/\s+/g, " ")
    .trim();
  return { consumed, cjkRest };
}
