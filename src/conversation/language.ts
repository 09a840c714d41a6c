/**
 * Which language a message is written in, and how sure we are. Script decides for Korean and Japanese kana;
 * Han text is Japanese when it uses a Japanese-only character form (証, 続, 険…) or a Japanese-only word (届出,
 * 在留, 婚姻届…), Chinese otherwise; Vietnamese letters decide for Vietnamese. Latin text without them is
 * judged by words: Vietnamese syllables and English words of the catalogue, counted only where a word belongs
 * to one language. The conversation switches a chat's language only on a confident reading (languagePolicy).
 */
import type { Language } from "../catalogue/index.ts";
import {
  isSyllable,
  JAPANESE_ONLY_HAN,
  JAPANESE_WORDS,
  QUESTION_WORDS_EN,
  QUESTION_WORDS_VI,
  splitGlued,
} from "../search/index.ts";
import { foldDiacritics } from "../text.ts";

const HANGUL = /\p{Script=Hangul}/u;
const KANA = /[\p{Script=Hiragana}\p{Script=Katakana}]/u;
const HAN = /\p{Script=Han}/u;
/** Whether a word is Vietnamese syllables typed without diacritics, one or several glued ("hokinhdoanh"). */
const viSyllables = (word: string) => isSyllable(word) || splitGlued(word, isSyllable) !== null;
const VIETNAMESE_LETTERS = /[ăâđêôơưàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ]/iu;
export interface Detected {
  lang: Language;
  /** "script": the writing system says it; "words": several words say it; "weak": one word, or a narrow margin. */
  strength: "script" | "words" | "weak";
}

export class LanguageGuesser {
  private readonly vi: ReadonlySet<string>;
  private readonly en: ReadonlySet<string>;

  /** @param viWords folded Vietnamese syllables; @param enWords lower-case English words (from the catalogue). */
  constructor(viWords: Iterable<string>, enWords: Iterable<string>) {
    this.vi = new Set([...viWords, ...EXTRA_VI]);
    this.en = new Set([...enWords, ...EXTRA_EN]);
  }

  detect(raw: string): Detected | null {
    const text = raw.slice(0, 1000);
    if (HANGUL.test(text)) return { lang: "ko", strength: "script" };
    if (KANA.test(text)) return { lang: "ja", strength: "script" };
    if (HAN.test(text)) {
      const japanese =
        [...text].some((ch) => JAPANESE_ONLY_HAN.has(ch)) || JAPANESE_WORDS.some((w) => text.includes(w));
      return { lang: japanese ? "ja" : "zh", strength: "script" };
    }
    if (VIETNAMESE_LETTERS.test(text)) return { lang: "vi", strength: "script" };
    const words = foldDiacritics(text)
      .split(/[^a-z]+/)
      .filter((w) => w.length > 0);
    let vi = 0;
    let en = 0;
    for (const w of words) {
      const inVi = this.vi.has(w);
      const inEn = this.en.has(w);
      if (inVi && !inEn) vi++;
      else if (inEn && !inVi) en++;
      // A word no Vietnamese syllables can make ("pregnant", "divorce"; "hokinhdoanh" can), too long and vowelled
      // for an initialism (cccd, bhxh, ubnd), is English even when the catalogue's English never uses it.
      else if (!inVi && !inEn && w.length >= 4 && (w.match(/[aeiouy]/g)?.length ?? 0) >= 2 && !viSyllables(w))
        en++;
    }
    if (vi === en) return null;
    const lang: Language = vi > en ? "vi" : "en";
    const lead = Math.abs(vi - en);
    return {
      lang,
      strength: lead >= 2 || (Math.min(vi, en) === 0 && lead >= 1 && words.length >= 2) ? "words" : "weak",
    };
  }
}

/**
 * The reply language for a message: a chosen language always wins; a confident reading of the text switches the
 * chat; a weak one only decides, and is kept, when the chat has no language yet and the app gives no hint.
 */
export function languagePolicy(
  detected: Detected | null,
  chat: Language | null,
  appHint: Language | null,
): { lang: Language; remember: boolean } {
  if (detected && detected.strength !== "weak") return { lang: detected.lang, remember: true };
  if (chat) return { lang: chat, remember: false };
  if (appHint) return { lang: appHint, remember: false };
  // The chat's first language, however weakly read ("passport"): kept, so a button pressed next (no text to read)
  // answers in it rather than in Vietnamese. A confident reading later still switches.
  if (detected) return { lang: detected.lang, remember: true };
  return { lang: "vi", remember: false };
}

/** Words of chat (particles, pronouns, greetings) beyond the question words search already knows. */
const EXTRA_VI = [
  ...QUESTION_WORDS_VI,
  ...[
    "duoc",
    "roi",
    "nhe",
    "a",
    "ak",
    "ko",
    "dc",
    "oi",
    "chao",
    "cam",
    "on",
    "voi",
    "the",
    "nay",
    "ntn",
    "j",
    "z",
    "vay",
    "hok",
    "hem",
    "giup",
    "ban",
    "em",
    "anh",
    "chi",
    "bo",
    "me",
    "vo",
    "chong",
  ],
];
const EXTRA_EN = [
  ...QUESTION_WORDS_EN,
  ...[
    "when",
    "which",
    "many",
    "did",
    "me",
    "you",
    "are",
    "could",
    "would",
    "should",
    "please",
    "hello",
    "hi",
    "thanks",
    "thank",
    "long",
    "take",
    "takes",
    "it",
    "its",
    "documents",
    "papers",
    "lost",
    "new",
    "help",
    "with",
    "from",
    "about",
    "there",
    "here",
    "this",
    "that",
    "human",
    "i",
    "so",
    "sad",
    "lonely",
    "tired",
    "stressed",
    "depressed",
    "upset",
    "anxious",
    "feel",
    "cry",
  ],
];
