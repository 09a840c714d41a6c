/**
 * Japanese query words and the pieces the analyser makes of them. A run of kanji and katakana is indexed as character
 * pairs ("ライセンス契約" → ライ, イセ, セン, ンス, ス契, 契約); each pair is a query word of its own, so a loanword of six
 * katakana outweighs the kanji word beside it five to one, and a pair across the two scripts (ス契) says nothing. Here
 * each kanji or katakana word (a run of one script) weighs one word in all, shared by its pairs, and a pair across
 * scripts weighs nothing.
 */

const KATAKANA = /^[\p{Script=Katakana}\u30fc]/u;
const SEGMENT = /\p{Script=Han}+|[\p{Script=Katakana}\u30fc]+/gu;

/** Each pair's share of the word it came from (1 for a one-character word, else 1 / its pairs). */
export function japanesePieces(query: string): Map<string, number> {
  const share = new Map<string, number>();
  for (const m of query.normalize("NFKC").toLowerCase().matchAll(SEGMENT)) {
    const chars = [...m[0]];
    const pieces: string[] = [];
    if (chars.length === 1) pieces.push(m[0]);
    for (let i = 0; i + 1 < chars.length; i++) pieces.push(`${chars[i]}${chars[i + 1]}`);
    // Kanji pairs are mostly words of their own (投資, 登録); katakana pairs are fragments of one loanword.
    const weight = KATAKANA.test(m[0]) ? 1 / pieces.length : 1;
    for (const p of pieces) share.set(p, Math.max(share.get(p) ?? 0, weight));
  }
  return share;
}
