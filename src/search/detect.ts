import type { Language } from "../catalogue/index.ts";
import { foldCase, foldDiacritics, sanitize } from "./normalize.ts";

/**
 * Guesses the language of a query from its script, then for Latin text from Vietnamese letters and from
 * vocabulary: Vietnamese syllables and English words seen in the catalogue's names. Returns null when unsure,
 * so the caller can fall back to the app's language code or the chat's remembered language.
 */

const VIETNAMESE_LETTERS = /[ăâđêôơưàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ]/u;
const HANGUL = /\p{Script=Hangul}/u;
const KANA = /[\p{Script=Hiragana}\p{Script=Katakana}]/u;
const HAN = /\p{Script=Han}/u;

/** Common words of questions that names never contain (the chat's language guesser starts from these too). */
export const EXTRA_VI = [
  "lam",
  "sao",
  "dau",
  "bao",
  "nhieu",
  "tien",
  "khong",
  "toi",
  "minh",
  "muon",
  "xin",
  "can",
  "gi",
  "nao",
  "o",
  "ve",
  "cho",
  "con",
  "nha",
];
export const EXTRA_EN = [
  "how",
  "what",
  "where",
  "much",
  "does",
  "do",
  "i",
  "my",
  "our",
  "we",
  "need",
  "want",
  "get",
  "a",
  "the",
  "is",
  "can",
  "to",
  "in",
  "for",
  "apply",
  "cost",
  "fee",
  "online",
  "renew",
  "extend",
];

export class LanguageDetector {
  private readonly vi: Set<string>;
  private readonly en: Set<string>;

  constructor(viWords: string[], enWords: string[]) {
    this.vi = new Set([...viWords, ...EXTRA_VI]);
    this.en = new Set([...enWords, ...EXTRA_EN]);
  }

  detect(text: string): Language | null {
    const clean = sanitize(text).slice(0, 1000);
    if (HANGUL.test(clean)) return "ko";
    if (KANA.test(clean)) return "ja";
    if (HAN.test(clean)) return "zh";
    if (VIETNAMESE_LETTERS.test(foldCase(clean))) return "vi";
    const words = foldDiacritics(clean)
      .split(/[^a-z]+/)
      .filter((w) => w.length > 0);
    let vi = 0;
    let en = 0;
    for (const w of words) {
      const inVi = this.vi.has(w);
      const inEn = this.en.has(w);
      if (inVi && !inEn) vi++;
      else if (inEn && !inVi) en++;
    }
    if (vi === en) return null;
    return vi > en ? "vi" : "en";
  }
}
