import type { Language } from "../catalogue/index.ts";
import { englishBase, foldCase, foldDiacritics, sanitize } from "./normalize.ts";
import { isTraditionalChinese } from "./traditional.ts";

/**
 * Guesses the language of a query from its script, then for Latin text from Vietnamese letters and from
 * vocabulary: Vietnamese syllables and English words seen in the catalogue's names. Returns null when unsure,
 * so the caller can fall back to the app's language code or the chat's remembered language.
 */

const VIETNAMESE_LETTERS = /[ăâđêôơưàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ]/u;
const HANGUL = /\p{Script=Hangul}/u;
const KANA = /[\p{Script=Hiragana}\p{Script=Katakana}]/u;
const HAN = /\p{Script=Han}/u;

/**
 * Shinjitai forms that are neither Simplified nor Traditional Chinese (証 vs 证/證, 続 vs 续/續, 戸 vs 户/戶…):
 * a writer of Chinese does not type them. The second line's forms (検 vs 检/檢, 歯 vs 齿/齒, 児 vs 儿/兒, 歴 vs 历/歷,
 * 仮 vs 假, 応 vs 应/應, 収 vs 收, 専 vs 专/專, 増 vs 增…) occur in none of the catalogue's Chinese names, aliases,
 * summaries or glossary entries: without them a kanji-only Japanese question (歯科 開業, 車検, 薬局 開設) was read as
 * Chinese, and the Japanese glossary and names never applied.
 */
export const JAPANESE_ONLY_HAN = new Set(
  "証続険労働済変転帰営経発録県図売読価払権関対戸査込験広様実両気駅円帯弾乗剰渋従縦徴聴庁団単総緑処拠挙渉歳斎剤隣隠覚観歓勧権顕圧囲縁桜殴穏懐拡穀摂窓捜挿荘装騒蔵贈臓択沢担胆壇遅鋳懲鎮逓鉄闘徳栃届縄弐悩脳覇廃畑髪抜蛮秘碑浜賓敏瓶侮払併塀辺弁舗峰褒豊冒翻毎満黙訳薬誉揺謡頼覧欄竜隆虜猟塁涙励戻霊齢暦恋炉労楼湾".replace(
    /[届担胆殴装秘碑敏瓶侮弁峰褒冒翻隆励炉楼湾]/g,
    "",
  ) +
    "検歯児収専伝増歩歴仮応剣塩鉱焼浄亜悪栄駆軽継鶏撃厳効黒雑賛釈獣奨譲穂斉戦銭繊巣稲拝仏恵掲巻戯犠圏砕粋酔畳壌醸瀬滝髄粛桟渓蛍勲薫倹絵郷殻麺壊",
);
/** Words of Japanese administration written in kanji only. */
export const JAPANESE_WORDS = [
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
  // Words of Japanese business usage that Chinese writes otherwise (公司, 驻在人员/代表处, 外资企业, 分店/分公司).
  "会社",
  "駐在員",
  "外資系",
  "支店",
];

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

/** How many more English words than Vietnamese ones make a text with one accented word English (detect). */
const LOANWORD_LEAD = 2;

export class LanguageDetector {
  private readonly vi: Set<string>;
  private readonly en: Set<string>;
  private readonly enBases: Set<string>;

  /**
   * `enBases`: English words as englishBase leaves them ("stolen", "motorbike", "paternity"), read as English beside
   * the names' words: the glossary's English phrases hold the everyday words people type that the names do not
   * (they say "motorcycle", "acknowledgement"), and a short question of them was read as no language at all
   * ('motorbike registration stolen' lost its English reading, typo correction and lean).
   */
  constructor(
    viWords: string[],
    enWords: string[],
    enBases: Iterable<string> = [],
    /**
     * Whether a word neither vocabulary holds is an English word of the names typed with a slip (the Searcher's
     * correction: "registation", "recidence"); breaks a tie (detect). None: a tie is no language.
     */
    private readonly nearEnglish: (word: string) => boolean = () => false,
  ) {
    this.vi = new Set([...viWords, ...EXTRA_VI]);
    this.en = new Set([...enWords, ...EXTRA_EN]);
    this.enBases = new Set(enBases);
  }

  detect(text: string): Language | null {
    const clean = sanitize(text).slice(0, 1000);
    if (HANGUL.test(clean)) return "ko";
    if (KANA.test(clean)) return "ja";
    // Kanji-only Japanese (投資登録証明書の… without kana) is told by its Japanese-only forms and words; Traditional
    // Chinese by characters Japanese never writes (辦, 證, 們: traditional.ts), before a word both write (登記).
    if (HAN.test(clean))
      return !isTraditionalChinese(clean) &&
        ([...clean].some((ch) => JAPANESE_ONLY_HAN.has(ch)) || JAPANESE_WORDS.some((w) => clean.includes(w)))
        ? "ja"
        : "zh";
    const lettered = VIETNAMESE_LETTERS.test(foldCase(clean));
    const words = foldDiacritics(clean)
      .split(/[^a-z]+/)
      .filter((w) => w.length > 0);
    let vi = 0;
    let en = 0;
    const unknown: string[] = [];
    for (const w of words) {
      const inVi = this.vi.has(w);
      const inEn = this.en.has(w) || (this.enBases.size > 0 && !inVi && this.enBases.has(englishBase(w)));
      if (inVi && !inEn) vi++;
      else if (inEn && !inVi) en++;
      else if (!inVi && !inEn) unknown.push(w);
    }
    // A Vietnamese letter says Vietnamese, unless it is in one word only of a text the vocabulary reads as English by
    // two words or more: an English loanword keeps its accent ("my Vietnamese fiancée", "a café licence", "résumé"),
    // and read as Vietnamese the question lost its English stopwords, glossary and reader ("fiancée" was corrected to
    // "finance"). A Vietnamese question marks most of its words.
    if (lettered) {
      const marked = foldCase(clean)
        .split(/[^\p{L}]+/u)
        .filter((w) => VIETNAMESE_LETTERS.test(w)).length;
      return marked <= 1 && en >= vi + LOANWORD_LEAD ? "en" : "vi";
    }
    // A tie (most often no word of either: 'tempory recidence registation') goes to English where at least half the
    // words of six letters or more neither holds are English words of the names typed with a slip. Left unread, such
    // a question lost its English correction, and its words were split as Vietnamese syllables run together
    // ("registation" as "re station": Searcher.unglued). Vietnamese syllables are short; none is read so.
    if (vi === en) {
      const long = unknown.filter((w) => w.length >= 6);
      const near = long.filter((w) => this.nearEnglish(w)).length;
      return near > 0 && near * 2 >= long.length ? "en" : null;
    }
    return vi > en ? "vi" : "en";
  }
}
