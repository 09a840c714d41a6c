/**
 * Japanese query words and the pieces the analyser makes of them. A run of kanji and katakana is indexed as character
 * pairs ("ライセンス契約" → ライ, イセ, セン, ンス, ス契, 契約); each pair is a query word of its own, so a loanword of six
 * katakana outweighs the kanji word beside it five to one, and a pair across the two scripts (ス契) says nothing. Here
 * each kanji or katakana word (a run of one script) weighs one word in all, shared by its pairs, a pair across
 * scripts weighs nothing, and so does a lone kanji that is a verb's stem.
 */

const KATAKANA = /^[\p{Script=Katakana}\u30fc]/u;
const SEGMENT = /\p{Script=Han}+|[\p{Script=Katakana}\u30fc]+/gu;
/** Kana that starts a particle: a lone kanji before it is a noun (家を, 妻の, 店で), before other kana a stem. */
const PARTICLE = /^[をのがにではとへもや]/u;

/**
 * A compound verb's noun written with a kana between its two kanji (取り消し, 書き換え, 切り替え, 申し込み, 届け出,
 * 受け取り): one kanji, the first verb's okurigana (its continuative ending, り し ち き ぎ み び い え け げ せ べ め れ,
 * never a particle's を の に で と), the next kanji, and at most its own such ending before a particle, a space, another
 * script or the end. A verb inflected on (届け出ますか, 取り消したい, 受け取りたい) tells how something is asked, not what.
 */
const OKURIGANA_COMPOUND =
  /(\p{Script=Han})[りしちきぎみびいえけげせべめれ](?=(\p{Script=Han})[りしちきぎみびいえけげせべめれ]?(?:[のをがはにでともやへ]|[^\p{Script=Hiragana}]|$))/gu;

/**
 * The kanji pairs a Japanese text's compound verbs make without their inner kana (OKURIGANA_COMPOUND: 取り消し → 取消,
 * 書き換え → 書換, 切り替え → 切替). The catalogue's names write such compounds as official documents do, the inner kana
 * left out (運転免許証の取消し, 人民公安運転免許証の切替え, 届出; the allowed form of compound words in the Cabinet notice
 * 送り仮名の付け方, 1973, rule 6, which 公用文 follows), while people type the full form: its two kanji, each a lone verb
 * stem weighing nothing (japanesePieces), never met the names' pair, and 運転免許 取り消し found the licence's issuance
 * before its revocation (3.000352). A pair is a word of the question only where it is one of the names' core acts
 * (Searcher.readWords: 取消, 届出), not a pair the names seldom hold as an act (書換 and 受取, of summaries' text), and
 * where no phrase of the glossary found in the question reads the compound as typed (届け出 → 届出 申告 already).
 */
export function okuriganaPairs(text: string): { typed: string; pair: string }[] {
  return [...text.normalize("NFKC").matchAll(OKURIGANA_COMPOUND)].map((m) => ({
    typed: m[0] + (m[2] as string),
    pair: `${m[1]}${m[2]}`,
  }));
}

/**
 * Each pair's share of the word it came from (1 for a one-character word, else 1 / its pairs); a compound verb's pair
 * (okuriganaPairs) weighs one word.
 */
export function japanesePieces(query: string): Map<string, number> {
  const share = new Map<string, number>();
  const text = query.normalize("NFKC").toLowerCase();
  for (const { pair } of okuriganaPairs(text)) share.set(pair, 1);
  for (const m of text.matchAll(SEGMENT)) {
    const chars = [...m[0]];
    const pieces: string[] = [];
    if (chars.length === 1) {
      const next = text.slice((m.index as number) + m[0].length);
      // One kanji before kana that is no particle is a verb's or an adjective's stem (取ります, 働く, 開く, 小さな): it
      // says how something is asked, not what, and weighs nothing (a stem the re-issue's text holds, 取, put it
      // before the work permit's first issuance). It still adds score as a term.
      if (/^\p{Script=Han}$/u.test(m[0]) && /^\p{Script=Hiragana}/u.test(next) && !PARTICLE.test(next)) {
        if (!share.has(m[0])) share.set(m[0], 0);
        continue;
      }
      pieces.push(m[0]);
    }
    for (let i = 0; i + 1 < chars.length; i++) pieces.push(`${chars[i]}${chars[i + 1]}`);
    // Kanji pairs are mostly words of their own (投資, 登録); katakana pairs are fragments of one loanword.
    const weight = KATAKANA.test(m[0]) ? 1 / pieces.length : 1;
    for (const p of pieces) share.set(p, Math.max(share.get(p) ?? 0, weight));
  }
  return share;
}

/**
 * Kanji pairs of a Japanese question that stand across two words the catalogue seldom writes together: in 新規登録
 * (新規 + 登録) the pair 規登 is held only by the few names that say 新規登録, so it weighed as a rare word of its own
 * and put them before the names that say 新しい…の登録. A pair inside a run of kanji, with a pair on each side, is such
 * a seam where the catalogue holds it in fewer than `SEAM_SHARE` of the documents that hold the rarer of its
 * neighbours (a compound the names write often, 確定申告's 定申, 労働許可's 働許, is none). Each seam with its two
 * neighbours: it still tells the names holding the compound (国際運転免許's 際運), but weighs no more than they do.
 */
export function japaneseSeams(
  query: string,
  df: (pair: string) => number,
  suffixes: ReadonlySet<string> = new Set(),
): Map<string, [string, string]> {
  const out = new Map<string, [string, string]>();
  for (const m of query.normalize("NFKC").matchAll(/\p{Script=Han}{3,}/gu)) {
    const run = [...m[0]];
    for (let i = 1; i + 2 < run.length; i++) {
      const pair = `${run[i]}${run[i + 1]}`;
      const left = `${run[i - 1]}${run[i]}`;
      const right = `${run[i + 1]}${run[i + 2]}`;
      if (df(pair) < SEAM_SHARE * Math.min(df(left), df(right))) out.set(pair, [left, right]);
    }
    // So is the last pair where a kanji set after words (中, 前, 後) closes the run (旅行中's 行中, held by 遂行中).
    const n = run.length;
    if (suffixes.has(run[n - 1] as string)) {
      const pair = `${run[n - 2]}${run[n - 1]}`;
      const left = `${run[n - 3]}${run[n - 2]}`;
      if (df(pair) < SEAM_SHARE * df(left)) out.set(pair, [left, left]);
    }
  }
  return out;
}

const SEAM_SHARE = 0.1;

/**
 * Vietnamese cities and provinces as Japanese writes them in katakana (the Ministry of Foreign Affairs of Japan's
 * country page ベトナム: ハノイ, ホーチミン, ダナン, ハイフォン, カントー; the others as travel guides and the press
 * spell them). Said in a question they tell where the asker lives or where something happened, not which procedure.
 */
const VIETNAMESE_PLACES_JA = new Set([
  "ハノイ",
  "ホーチミン",
  "サイゴン",
  "ダナン",
  "ハイフォン",
  "カントー",
  "フエ",
  "ニャチャン",
  "ダラット",
  "ブンタウ",
  "ヴンタウ",
  "ビンズン",
  "ドンナイ",
  "ビエンホア",
  "バクニン",
  "クアンニン",
  "ハロン",
  "ホイアン",
  "ハイズオン",
  "ロンアン",
  "フーコック",
  "ニンビン",
  "サパ",
  "クイニョン",
  "ファンティエット",
  "ムイネー",
  "タイニン",
  "バリア",
]);

/**
 * The character pairs a Japanese question makes of a Vietnamese place name typed in katakana (VIETNAMESE_PLACES_JA),
 * with the pair across into a kanji after it (ダナン市's ン市): as query words they matched loanwords that share two
 * kana, ダナン's ナン the microfinance institutions' (マイクロファイナンス) branch closure before the branch's own. A
 * pair the question's other katakana words make too is kept.
 */
export function japanesePlacePairs(query: string): Set<string> {
  const text = query.normalize("NFKC");
  const place = new Set<string>();
  const other = new Set<string>();
  for (const m of text.matchAll(/[\p{Script=Katakana}\u30fc]+/gu)) {
    const chars = [...m[0]];
    const pairs: string[] = [];
    for (let i = 0; i + 1 < chars.length; i++) pairs.push(`${chars[i]}${chars[i + 1]}`);
    if (chars.length === 1) pairs.push(m[0]);
    if (VIETNAMESE_PLACES_JA.has(m[0])) {
      const next = text.slice((m.index as number) + m[0].length)[0];
      if (next !== undefined && /\p{Script=Han}/u.test(next)) pairs.push(`${chars[chars.length - 1]}${next}`);
      for (const p of pairs) place.add(p);
    } else for (const p of pairs) other.add(p);
  }
  for (const p of other) place.delete(p);
  return place;
}
