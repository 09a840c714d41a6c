/**
 * Text analysis shared by the index and the query side: NFKC (full/half width), case folding,
 * Vietnamese diacritics folded with đ→d (exact forms kept as extra "~" terms so they rank higher),
 * Vietnamese syllable bigrams, CJK character bigrams, and Korean particles stripped.
 * Pure string code: runs the same on Node and Workers.
 */

import { foldCase, foldDiacritics, nameKey, remembered } from "../text.ts";

export { foldCase, foldDiacritics, nameKey };

/** nameKey with English word forms reduced to their base, so lexicon phrases match "opening"/"open". */
export const phraseKey: (text: string) => string = remembered((text) => {
  // "TRCの申請" must expose "trc" as a word: CJK and Latin runs are separated first.
  const spaced = text.replace(
    /([\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]+)/gu,
    " $1 ",
  );
  return nameKey(spaced)
    .split(" ")
    .map((w) => englishBase(w))
    .join(" ");
});

/** Lone surrogates and control characters would make NFKC and regexes misbehave; drop them first. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/g;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

export function sanitize(text: string): string {
  return text.replace(LONE_SURROGATE, " ").replace(CONTROL, " ");
}

const RUN =
  /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\u30fc々]+|\p{Script=Hangul}+|[\p{Script=Latin}\p{Script=Greek}\p{Script=Cyrillic}\p{M}\p{Nd}]+/gu;
const CJK = /^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\u30fc々]/u;
const HANGUL = /^\p{Script=Hangul}/u;
const HIRAGANA = /\p{Script=Hiragana}+/u;
const HIRAGANA_ONLY = /^[\p{Script=Hiragana}\u30fc]+$/u;

/**
 * Nouns the catalogue's Japanese names write in hiragana (たばこ: 1.000832 たばこ製品製造許可証の交付, 1.000363 紙巻たばこ・葉巻の
 * 自動輸入許可; はちみつ), read as their katakana (タバコ, ハチミツ) by the index and the question alike: hiragana is
 * grammar between the content words (analyze drops it), so たばこ was no word of either, and タバコ typed found nothing.
 */
const HIRAGANA_NOUNS: readonly (readonly [string, string])[] = [
  ["たばこ", "タバコ"],
  ["はちみつ", "ハチミツ"],
];

/** A text with the nouns the names write in hiragana (HIRAGANA_NOUNS) in katakana. */
export function kanaNouns(text: string): string {
  let out = text;
  for (const [hiragana, katakana] of HIRAGANA_NOUNS)
    if (out.includes(hiragana)) out = out.replaceAll(hiragana, katakana);
  return out;
}

/** A run of katakana (with the long-vowel mark) inside a run of Japanese. */
const KATAKANA_RUN = /\p{Script=Katakana}[\p{Script=Katakana}\u30fc]*/gu;

/**
 * The katakana runs of two or three kana in a run of Japanese, marked whole (WHOLE: "^バー", "^ビザ", "^カード"): the
 * index holds each such loanword standing whole, so a short katakana word typed (バー, a bar) matches the runs that are
 * that word, not the pair inside a longer loanword (バー of ナンバープレート, a number plate).
 */
export function shortKatakanaRuns(part: string): string[] {
  const out: string[] = [];
  for (const m of part.matchAll(KATAKANA_RUN)) {
    const n = [...m[0]].length;
    if (n >= 2 && n <= 3) out.push(`${WHOLE}${m[0]}`);
  }
  return out;
}

/**
 * The pairs of a Japanese question's short katakana words (shortKatakanaRuns), each with the word's whole mark and how
 * many pairs the word makes (it stands for them all): a pair a longer katakana run of the question also makes is left
 * out (it is that run's too).
 */
export function shortKatakanaPairs(text: string): Map<string, [string, number]> {
  const out = new Map<string, [string, number]>();
  const long = new Set<string>();
  for (const m of kanaNouns(foldCase(text.normalize("NFKC"))).matchAll(KATAKANA_RUN)) {
    const chars = [...m[0]];
    const pairs = chars.slice(1).map((c, i) => `${chars[i]}${c}`);
    if (chars.length >= 2 && chars.length <= 3)
      for (const p of pairs) out.set(p, [`${WHOLE}${m[0]}`, pairs.length]);
    else for (const p of pairs) long.add(p);
  }
  for (const p of long) out.delete(p);
  return out;
}

/** Longest first, so 에서 is stripped before 서 could be considered. */
const KOREAN_PARTICLES = [
  "으로는",
  "에서는",
  "에게서",
  "으로",
  "에서",
  "에게",
  "까지",
  "부터",
  "처럼",
  "하고",
  "이랑",
  "은",
  "는",
  "이",
  "가",
  "을",
  "를",
  "에",
  "의",
  "로",
  "와",
  "과",
  "도",
  "만",
  "랑",
];

/**
 * Verb endings of a question ("신청하려면", "발급받으려면", "연장하나요", "등록해야"): the noun before them says what is
 * asked. Only endings of two syllables or more: one-syllable ones (한, 할, 된) also end nouns (제한, 기한).
 */
const KOREAN_ENDINGS = [
  "받으려면",
  "받으려고",
  "해야하나요",
  "해야하는",
  "해야",
  "하려면",
  "하려고",
  "하려는",
  "하나요",
  "했어요",
  "했는데",
  "합니다",
  "하는데",
  "하는",
  "해요",
  "하면",
  "하기",
  "받는",
  "받기",
  "받고",
  "되나요",
  "되려면",
  "되는",
  "습니다",
  "습니까",
  "려면",
  "나요",
  "어요",
  "아요",
];

/**
 * Particles that follow only a syllable closed by a consonant (체류증은, 허가증을, 기관이), and those that follow only
 * an open one (서비스를, 비자가, 회사는); 로 follows an open syllable or one closed by ㄹ (서울로). A word ending
 * otherwise ends in a syllable of its own: 오토바이 (바 is open: no 이 follows it), 전문가 (문 is closed: no 가),
 * 항공로, 문화마을, 미부과. Source: the standard grammar of Korean particles (이/가, 은/는, 을/를, 과/와, 으로/로).
 */
const AFTER_CLOSED = new Set(["으로는", "으로", "이랑", "은", "이", "을", "과"]);
const AFTER_OPEN = new Set(["는", "가", "를", "와", "랑"]);

/** Whether a Hangul syllable ends in a consonant (0 for none, 8 for ㄹ: Unicode's syllable order). */
function finalConsonant(syllable: string): number {
  const c = syllable.charCodeAt(0) - 0xac00;
  return c >= 0 && c < 11172 ? c % 28 : 0;
}

/** Whether a particle can follow the last syllable of the word before it (AFTER_CLOSED, AFTER_OPEN). */
function particleFits(stem: string, particle: string): boolean {
  const final = finalConsonant(stem.slice(-1));
  if (AFTER_CLOSED.has(particle)) return final !== 0;
  if (AFTER_OPEN.has(particle)) return final === 0;
  if (particle === "로") return final === 0 || final === 8;
  return true;
}

/**
 * Nouns of the catalogue's Korean names ending in a syllable that is also a particle fitting the syllable before it
 * (허 + 가, 도 + 로, 용 + 도): 건축허가, 고속도로, 내륙수로, 토지용도, 면세한도 are whole words, not 건축허 + 가.
 * Only nouns whose first syllable rarely ends a noun taking that particle (회의 is left out: 위원회의 is 위원회 + 의).
 */
const NOUNS_LIKE_PARTICLE = [
  "허가",
  "도로",
  "수로",
  "차로",
  "용도",
  "한도",
  "양도",
  "상수도",
  "하수도",
  "성과",
  "휴가",
  "추가",
  "증가",
];

export function stripKoreanParticle(word: string): string {
  if (word.length <= 2) return word;
  for (const p of KOREAN_PARTICLES) {
    if (word.length - p.length >= 2 && word.endsWith(p)) {
      const stem = word.slice(0, -p.length);
      if (!particleFits(stem, p)) continue;
      if (p.length === 1 && NOUNS_LIKE_PARTICLE.some((n) => word.endsWith(n))) break;
      word = stem;
      break;
    }
  }
  for (const e of KOREAN_ENDINGS) {
    if (word.length - e.length >= 2 && word.endsWith(e)) return word.slice(0, -e.length);
  }
  return word;
}

/**
 * Spelling people confuse in Vietnamese (tr/ch, gi/d/r, s/x, y/i, k/c, ngh/ng, gh/g): "dang ki tam chu" must
 * still find "đăng ký tạm trú". Used only for word pairs, where a collision is unlikely to mislead.
 */
export function phoneticSyllable(folded: string): string {
  // The rules above applied in order, as a chain of prefix replacements would (gh then gi: "ghi" → "gi" → "d"),
  // by the first letter instead of eight regular expressions: it runs on every word pair of every whole-name
  // candidate of a query, most of a long question's analysis (test/search/stages.test.ts holds the chain).
  let s = folded;
  switch (s.charCodeAt(0)) {
    case 110: // n
      if (s.startsWith("ngh")) s = `ng${s.slice(3)}`;
      break;
    case 103: // g
      if (s.startsWith("gh")) s = `g${s.slice(2)}`;
      if (s.startsWith("gi")) s = `d${s.slice(2)}`;
      break;
    case 116: // t
      if (s.startsWith("tr")) s = `ch${s.slice(2)}`;
      break;
    case 114: // r
      s = `d${s.slice(1)}`;
      break;
    case 115: // s
      s = `x${s.slice(1)}`;
      break;
    case 107: // k
      s = `c${s.slice(1)}`;
      break;
  }
  return s.includes("y") ? s.replaceAll("y", "i") : s;
}

/**
 * A crude stem for longer Latin words ("register", "registration" → "#regis"; "licence", "licenses" → "#licen"),
 * so English word forms meet. Vietnamese syllables are short and gain nothing from it.
 */
export function stemOf(folded: string): string | null {
  return folded.length >= 6 && /^[a-z]+$/.test(folded) ? `#${folded.slice(0, 5)}` : null;
}

/**
 * English word forms to a common base: plurals ("cards" → "card", "companies" → "company"), "-ing" and "-ed"
 * ("opening" → "open", "registered" → "register"), "-ings" as "-ing" ("ratings" → "rat"). Safe for Vietnamese: no
 * syllable ends in s, d or "ing".
 */
export function englishBase(word: string): string {
  return americanSpelling(englishForm(word));
}

function englishForm(word: string): string {
  // A verb's e kept before "-ing" ("driveing", "changeing": a common slip, and British "routeing") reads as the form
  // without it; a vowel before the e keeps it ("seeing", "issueing", "dyeing"), and "being" is too short.
  if (word.length >= 7 && /[^aeiouy]eing$/.test(word)) return word.slice(0, -4);
  if (word.length >= 6 && word.endsWith("ing")) return word.slice(0, -3);
  // The plural of such a noun reads as its singular does ("ratings" → "rat" as "rating" → "rat"; "buildings" →
  // "build"): read once, "ratings" gave "rating", which no question's "rating" meets.
  if (word.length >= 7 && word.endsWith("ings")) return word.slice(0, -4);
  if (word.length >= 5 && word.endsWith("ed") && !word.endsWith("eed")) return word.slice(0, -2);
  if (word.length < 4 || !word.endsWith("s") || /(ss|us|is)$/.test(word)) return word;
  if (word.endsWith("ies")) return `${word.slice(0, -3)}y`;
  return word.slice(0, -1);
}

/**
 * British spellings to the American ones, which the catalogue's English names use beside them ("driving licence" in
 * 3.000347, "driving licenses" in 3.000346; licences 295 times, licenses 480): a question in either spelling meets
 * both, and so do the word pairs ("driv_license") that tell the driving licence from the training one. The names mix
 * the others as much (labour 17 times, labor 24; centre 31, center 68; defence 52, defense 25; programme 21, program
 * 64; travelling, traveling): 'labour regulations' missed 'Registration of enterprise labor regulations'. Each word is
 * read as its base first (englishForm: "practising" → "practis", "travelling" → "travell"), so a rule sees the stem
 * and what may follow it. The noun and the verb of a practice are one word ("practice" 93 times in the names,
 * "practising" 42, "practicing" 4, all 'hành nghề': 'audit practice registration certificates' beside 'real estate
 * brokerage practising certificates'): the verb's base "practic" lost its e, so the noun reads as it does too, and
 * 'auditor practising certificate' meets the audit practice certificate. Not -ise/-ize (organisation 148,
 * organization 327): read as one, they cost an investor question its gold in the top 3 and gained none.
 */
const BRITISH: [RegExp, string][] = [
  [/^licenc/, "licens"],
  [/^(labo|colo|favo|neighbo|harbo|behavio|hono|flavo|endeavo)ur/, "$1r"],
  [/^practi[cs]e?$/, "practic"],
  [/^(defen|offen)ce/, "$1se"],
  [/^(cent|theat|fib|lit|met)re(?=s|d|$)/, "$1er"],
  [/^programme/, "program"],
  [/^(travel|cancel|label|model|fuel|signal|level|channel|counsel|equal)l(?=e|i|o|$)/, "$1"],
  [/^(fulfil|enrol|instal)ment/, "$1lment"],
];

function americanSpelling(word: string): string {
  // Most words hold no British spelling: one test of the letters every rule needs first.
  if (!/ou|is|ce|re|mm|ll|nt/.test(word)) return word;
  for (const [from, to] of BRITISH) if (from.test(word)) return word.replace(from, to);
  return word;
}

/**
 * A whole word's mark: "^아이" is the Korean word 아이 standing alone (an eojeol of two syllables, its particle
 * stripped). Hangul is indexed as words and their syllable pairs, so a word of two syllables also matches inside any
 * longer word: 아이 (a child) inside 아이디어 (an idea), 공인 inside 공인감사인. The marked term matches only where the
 * word stands alone, or is a part of a compound the catalogue's own words spell (wholePieces: 노동 of 노동허가서, 발급
 * of 재발급). A longer word needs no mark: its term is already the whole word (its pairs are two syllables).
 */
export const WHOLE = "^";

/**
 * The parts of two syllables of a longer Korean word that the catalogue's own standalone words spell, marked whole
 * (WHOLE), for the index only: 노동허가서 is 노동 + 허가서 (허가 + 서), 재발급 is 재 + 발급, while 아이디어 is no 아이
 * + 디 + 어. `known(word)` counts a word's standalone occurrences in the catalogue (0 for none), `total` all of them.
 * A split keeps at most one syllable no word explains; among the splits that do, the likeliest by the words' counts
 * wins (a unigram model), and each part of three syllables or more is split again.
 */
export function wholePieces(word: string, known: (w: string) => number, total: number): string[] {
  const chars = [...word];
  const n = chars.length;
  if (n < 3) return [];
  // best[i]: [unknown syllables, cost] of the best split of chars[0..i); from[i]: where its last part starts.
  const unknownCost = Math.log(total) + 8;
  const best: [number, number][] = [[0, 0]];
  const from: number[] = [0];
  for (let i = 1; i <= n; i++) {
    let b: [number, number] = [Number.POSITIVE_INFINITY, Number.POSITIVE_INFINITY];
    let f = i - 1;
    for (let j = i - 1; j >= 0; j--) {
      const prev = best[j] as [number, number];
      const len = i - j;
      if (len === n) continue;
      let cand: [number, number];
      if (len === 1) cand = [prev[0] + 1, prev[1] + unknownCost];
      else {
        const c = known(chars.slice(j, i).join(""));
        if (c === 0) continue;
        cand = [prev[0], prev[1] + Math.log(total / c)];
      }
      if (cand[0] < b[0] || (cand[0] === b[0] && cand[1] < b[1])) {
        b = cand;
        f = j;
      }
    }
    best.push(b);
    from.push(f);
  }
  if ((best[n] as [number, number])[0] > 1) return [];
  const out: string[] = [];
  for (let i = n; i > 0; i = from[i] as number) {
    const part = chars.slice(from[i] as number, i).join("");
    const len = i - (from[i] as number);
    if (len === 2) out.push(`${WHOLE}${part}`);
    else if (len > 2) out.push(...wholePieces(part, known, total));
  }
  return out;
}

export interface Analyzed {
  /** Folded unigrams of Latin words, CJK bigrams (or single characters), Hangul words and their bigrams. */
  unigrams: string[];
  /** Adjacent Latin-word pairs "a_b": Vietnamese syllable bigrams carry most of the meaning. */
  bigrams: string[];
  /** Latin words that carry diacritics, prefixed "~" (exact-diacritic matches rank higher). */
  exact: string[];
  /** Word pairs in phonetic spelling, prefixed "%", where that differs from the folded pair. */
  phonetic: string[];
  /** Stems of longer Latin words, prefixed "#". */
  stems: string[];
}

/**
 * CJK coordinate compounds that share a character between two words: 进出口 is 进口 and 出口, 輸出入 is 輸出 and 輸入,
 * 수출입 is 수출 and 수입, 出入境 is 出境 and 入境. Their character pairs hold only one of the two (进出口 → 进出, 出口),
 * so a question about importing (进口, 輸入, 수입) never matched the catalogue's names for imports and exports
 * together ("进出口货物免税手续", the exemption of duties on goods imported or exported). A document's text gives
 * the pair the compound leaves out (index only: fieldTerms in build.ts); a question keeps its own words.
 */
const COORDINATE_COMPOUNDS: readonly (readonly [string, string])[] = [
  ["进出口", "进口"],
  ["進出口", "进口"],
  ["出入境", "出境"],
  ["輸出入", "輸入"],
  ["出入国", "出国"],
  ["수출입", "수입"],
  ["출입국", "출국"],
];

/** The word pairs a text's coordinate compounds imply but do not spell out (COORDINATE_COMPOUNDS). */
export function compoundPairs(text: string): string[] {
  const out: string[] = [];
  for (const [compound, pair] of COORDINATE_COMPOUNDS) if (text.includes(compound)) out.push(pair);
  return out;
}

export function analyze(text: string): Analyzed {
  const unigrams: string[] = [];
  const bigrams: string[] = [];
  const exact: string[] = [];
  const phonetic: string[] = [];
  const stems: string[] = [];
  let previousLatin: string | null = null;
  // English contractions ("we're", "company's") would leave "re" and "s" as words; "re" matches every
  // "re-issuance" in the English names.
  const plain = kanaNouns(foldCase(sanitize(text))).replace(/([a-z])['’](re|s|ll|ve|m|d|t)(?![a-z])/g, "$1");
  for (const match of plain.matchAll(RUN)) {
    const run = match[0];
    if (CJK.test(run)) {
      previousLatin = null;
      // Japanese hiragana is mostly particles and verb endings (を, の, したい): it separates the content
      // words instead of forming pairs with them. Text written only in hiragana is paired as it is.
      const parts = HIRAGANA_ONLY.test(run) ? [run] : run.split(HIRAGANA).filter((p) => p !== "");
      for (const part of parts) {
        const chars = [...part];
        if (chars.length === 1) unigrams.push(part);
        for (let i = 0; i + 1 < chars.length; i++) unigrams.push(`${chars[i]}${chars[i + 1]}`);
        unigrams.push(...shortKatakanaRuns(part));
      }
    } else if (HANGUL.test(run)) {
      previousLatin = null;
      const word = stripKoreanParticle(run);
      unigrams.push(word);
      const chars = [...word];
      if (chars.length === 2) unigrams.push(`${WHOLE}${word}`);
      if (chars.length > 2)
        for (let i = 0; i + 1 < chars.length; i++) unigrams.push(`${chars[i]}${chars[i + 1]}`);
    } else {
      const folded = englishBase(foldDiacritics(run));
      if (folded === "") continue;
      unigrams.push(folded);
      const stem = stemOf(folded);
      if (stem) stems.push(stem);
      if (folded !== run) exact.push(`~${run}`);
      if (previousLatin !== null) {
        bigrams.push(`${previousLatin}_${folded}`);
        const p = `${phoneticSyllable(previousLatin)}_${phoneticSyllable(folded)}`;
        if (p !== `${previousLatin}_${folded}`) phonetic.push(`%${p}`);
      }
      previousLatin = folded;
    }
  }
  return { unigrams, bigrams, exact, phonetic, stems };
}

const CJK_CHAR = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\u30fc々]/u;
const CJK_RUN = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\u30fc々]+/gu;

/** CJK text without spaces, punctuation or the Japanese particle の ("労働許可証の延長" = "労働許可証延長"). */
function cjkCompact(text: string): string {
  return foldCase(text).replace(/[^\p{L}\p{N}]+|の/gu, "");
}

/** A whole name as one term ("=dang ky thuong tru", "=临时居住登记"): qualifiers in brackets dropped, CJK compacted. */
export function wholeNameKeys(name: string): string[] {
  const plain = name
    .normalize("NFKC")
    .replace(/\([^()]*\)/gu, " ")
    .trim();
  if (CJK_CHAR.test(plain)) {
    const compact = cjkCompact(plain);
    return compact.length >= 2 ? [`=${compact}`] : [];
  }
  const key = nameKey(plain).replace(/^thu tuc /, "");
  return key.includes(" ") ? [`=${key}`] : [];
}

/**
 * A Latin whole-name term in phonetic spelling ("=dang ky tam tru" → "=%dang ci tam chu"), or null where it is the
 * same: "dang ki tam chu" still holds the whole name "đăng ký tạm trú".
 */
export function phoneticWholeName(term: string): string | null {
  if (!term.startsWith("=") || CJK_CHAR.test(term)) return null;
  const p = term
    .slice(1)
    .split(" ")
    .map((w) => phoneticSyllable(w))
    .join(" ");
  return p === term.slice(1) ? null : `=%${p}`;
}

/**
 * Every run of 2–12 consecutive words of a query (CJK: every substring of 2–40 characters, spaces removed), as
 * whole-name terms, each with the share of the query it spans: a query that is a procedure's whole name, or holds
 * it with little else ("đăng ký thường trú cho con"), finds it first; a short alias inside a longer request
 * ("労働許可証" in "労働許可証延長") counts for less. A Latin run comes with its phonetic spelling (phoneticWholeName,
 * null where the same), each word spelt once rather than once per run. `startsHere` (the run's first two words, as
 * typed and phonetically) skips every run starting where no name could: a long question has a hundred and more.
 */
export function wholeNameCandidates(
  query: string,
  startsHere?: (first: string, second: string, firstPhonetic: string, secondPhonetic: string) => boolean,
  /**
   * Whether some name or alias starts with this text (a run as a term, "=đăng ký", or its phonetic "=%…"): a run is
   * lengthened only while one does, since no longer run starting alike can be a name then (a CJK question of thirty
   * characters has four hundred runs, nearly all in no name).
   */
  continues?: (prefix: string) => boolean,
): { term: string; share: number; phonetic: string | null }[] {
  const out = new Map<string, { share: number; phonetic: string | null }>();
  const plain = query.normalize("NFKC");
  const words = nameKey(plain.replace(CJK_RUN, " "))
    .split(" ")
    .filter((w) => w !== "");
  const spelt = words.map(phoneticSyllable);
  // How many of the words before i sound otherwise than they are written.
  const differ = new Int32Array(words.length + 1);
  words.forEach((w, i) => {
    differ[i + 1] = (differ[i] as number) + (spelt[i] === w ? 0 : 1);
  });
  const compact = cjkCompact(plain);
  const runs = [...compact.matchAll(CJK_RUN)].map((m) => [...m[0]]);
  const cjkChars = runs.reduce((a, r) => a + r.length, 0);
  for (let i = 0; i + 1 < words.length; i++) {
    if (
      startsHere &&
      !startsHere(words[i] as string, words[i + 1] as string, spelt[i] as string, spelt[i + 1] as string)
    )
      continue;
    let term = `=${words[i]}`;
    let sound = `=%${spelt[i]}`;
    for (let n = 2; n <= 12 && i + n <= words.length; n++) {
      term += ` ${words[i + n - 1]}`;
      sound += ` ${spelt[i + n - 1]}`;
      if (continues && !continues(term) && !continues(sound)) break;
      out.set(term, {
        share: n / words.length,
        phonetic: differ[i + n] === differ[i] ? null : sound,
      });
    }
  }
  for (const chars of runs)
    for (let i = 0; i < chars.length; i++) {
      let term = `=${chars[i]}`;
      for (let n = 2; n <= 40 && i + n <= chars.length; n++) {
        term += chars[i + n - 1];
        if (continues && !continues(term)) break;
        out.set(term, { share: n / cjkChars, phonetic: null });
      }
    }
  return [...out].map(([term, { share, phonetic }]) => ({ term, share, phonetic }));
}
