/**
 * Text folding shared by every module (catalogue matching, search, intents): NFKC, case folding and Vietnamese
 * diacritics folded with đ→d. Pure string code, the same on Node and Workers.
 */
const COMBINING = /[\u0300-\u036f]/g;
/** Every UTF-16 unit below 0x80 (written without control characters in the class, which the linter refuses). */
const ASCII = /^[^\u0080-\uffff]*$/;

/** Lower-cased NFKC text with Vietnamese tone and vowel marks kept. */
export function foldCase(text: string): string {
  return text.normalize("NFKC").toLowerCase();
}

/**
 * A pure string function remembered for the last `size` distinct inputs (cleared when full): a search folds the same
 * question and the same words many times over (analysis, lexicon, events, coverage), each fold three normalizations.
 * Inputs longer than a question (`longest`: a pasted document, a 10 kB message) are folded, not kept, so the memo
 * holds at most `size` short strings.
 */
export function remembered(
  fold: (text: string) => string,
  size = 4096,
  longest = 400,
): (text: string) => string {
  const seen = new Map<string, string>();
  return (text) => {
    if (text.length > longest) return fold(text);
    const known = seen.get(text);
    if (known !== undefined) return known;
    const out = fold(text);
    if (seen.size >= size) seen.clear();
    seen.set(text, out);
    return out;
  };
}

const foldMarks = remembered((text) =>
  foldCase(text).replace(/đ/g, "d").normalize("NFD").replace(COMBINING, "").normalize("NFC"),
);

/** Lower-cased text without diacritics: "Đăng ký tạm trú" → "dang ky tam tru". */
export function foldDiacritics(text: string): string {
  // Plain ASCII (most calls: words already folded, English, shorthand) has nothing to normalize or fold.
  if (ASCII.test(text)) return text.toLowerCase();
  return foldMarks(text);
}

/** Folded words joined by single spaces, punctuation dropped: used to compare names. */
export function nameKey(text: string): string {
  return foldDiacritics(text)
    .replace(/[^\p{L}\p{N}]+/gu, " ")
    .trim();
}

/** The kanji digits one to nine, as Chinese and Japanese write numbers ("十四歳", "第二个"). */
export const KANJI_DIGITS: Readonly<Record<string, number>> = {
  一: 1,
  二: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};
