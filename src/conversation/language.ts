/**
 * Which language a message is written in, and how sure we are. Script decides for Korean and Japanese kana;
 * Han text is Japanese when it uses a Japanese-only character form (証, 続, 険…) or a Japanese-only word (届出,
 * 在留, 婚姻届…), Chinese otherwise; Vietnamese letters decide for Vietnamese. Latin text without them is
 * judged by words: Vietnamese syllables and English words of the catalogue, counted only where a word belongs
 * to one language. The conversation switches a chat's language only on a confident reading (languagePolicy).
 */
import type { Language } from "../catalogue/index.ts";
import { QUESTION_WORDS_EN, QUESTION_WORDS_VI } from "../search/index.ts";
import { foldDiacritics } from "../text.ts";

const HANGUL = /\p{Script=Hangul}/u;
const KANA = /[\p{Script=Hiragana}\p{Script=Katakana}]/u;
const HAN = /\p{Script=Han}/u;
const VIETNAMESE_LETTERS = /[ăâđêôơưàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ]/iu;
/**
 * Shinjitai forms that are neither Simplified nor Traditional Chinese (証 vs 证/證, 続 vs 续/續, 戸 vs 户/戶…):
 * a writer of Chinese does not type them.
 */
const JAPANESE_ONLY_HAN = new Set(
  "証続険労働済変転帰営経発録県図売読価払権関対戸査込験広様実両気駅円帯弾乗剰渋従縦徴聴庁団単総緑処拠挙渉歳斎剤隣隠覚観歓勧権顕圧囲縁桜殴穏懐拡穀摂窓捜挿荘装騒蔵贈臓択沢担胆壇遅鋳懲鎮逓鉄闘徳栃届縄弐悩脳覇廃畑髪抜蛮秘碑浜賓敏瓶侮払併塀辺弁舗峰褒豊冒翻毎満黙訳薬誉揺謡頼覧欄竜隆虜猟塁涙励戻霊齢暦恋炉労楼湾".replace(
    /[届担胆殴装秘碑敏瓶侮弁峰褒冒翻隆励炉楼湾]/g,
    "",
  ),
);
/** Words of Japanese administration written in kanji only. */
const JAPANESE_WORDS = [
  "届出",
  "婚姻届",
  "出生届",
  "死亡届",
  "離婚届",
  "転入届",
  "転出届",
  "在留",
  "手続",
  "査証",
  "住民票",
  "戸籍",
  "免許証",
  "旅券",
  "就労",
  "申請書",
  "会社設立",
  "登記",
  "印鑑",
];

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
 * chat; a weak one only decides when the chat has no language yet and the app gives no hint.
 */
export function languagePolicy(
  detected: Detected | null,
  chat: Language | null,
  appHint: Language | null,
): { lang: Language; remember: boolean } {
  if (detected && detected.strength !== "weak") return { lang: detected.lang, remember: true };
  if (chat) return { lang: chat, remember: false };
  if (appHint) return { lang: appHint, remember: false };
  if (detected) return { lang: detected.lang, remember: false };
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
  ],
];
