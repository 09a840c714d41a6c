/**
 * Korean query words and the pieces the analyser makes of them. A Hangul word is indexed whole and as its syllable
 * pairs ("출생신고" → 출생신고, 출생, 생신, 신고), so that a compound meets the catalogue's spaced words ("출생 등록").
 * Each piece is a query word of its own; counted as one word each, a long compound outweighs the short words beside
 * it (출생신고 alone makes four query words), and a stopword's pairs (베트, 트남
 * of 베트남) stay behind when the word itself is dropped.
 */
import { stripKoreanParticle } from "./normalize.ts";

const HANGUL_RUN = /\p{Script=Hangul}+/gu;

export interface HangulPieces {
  /** Each piece's share of the word it came from (1 for a word of one or two syllables, else 1 / its pieces). */
  share: Map<string, number>;
  /** Pieces that come only from stopwords: dropped with them. */
  stopped: Set<string>;
}

/** The pieces of the query's Hangul words, as analyze() makes them (particle stripped, then syllable pairs). */
export function hangulPieces(query: string, isStop: (word: string) => boolean): HangulPieces {
  const share = new Map<string, number>();
  const fromStop = new Set<string>();
  const fromWord = new Set<string>();
  for (const m of query.normalize("NFKC").toLowerCase().matchAll(HANGUL_RUN)) {
    const word = stripKoreanParticle(m[0]);
    const chars = [...word];
    const pieces = [word];
    if (chars.length > 2)
      for (let i = 0; i + 1 < chars.length; i++) pieces.push(`${chars[i]}${chars[i + 1]}`);
    const stop = isStop(word);
    for (const p of pieces) {
      (stop ? fromStop : fromWord).add(p);
      if (!stop) share.set(p, Math.max(share.get(p) ?? 0, 1 / pieces.length));
    }
  }
  const stopped = new Set([...fromStop].filter((p) => !fromWord.has(p)));
  return { share, stopped };
}
