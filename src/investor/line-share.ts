import type { Card } from "../conversation/card.ts";

/**
 * The share of a card's lines that a reader can read in their language: every line of the title, subtitle and
 * sections except the marks that only say a line is in Vietnamese or machine-assisted. A line counts as Vietnamese
 * when at least two of its words, and a quarter of its Latin words, carry Vietnamese letters (ă â đ ê ô ơ ư or a tone
 * mark) once legal numbers (219/2025/NĐ-CP), form codes and web addresses are taken out.
 */

const VI_LETTER = /[àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ]/iu;
const NUMBERED =
  /[\p{L}\d.]*\d[\p{L}\d.]*\/\d{2,4}(?:\/[\p{L}\d-]+)?|https?:\/\/\S+|\b[\p{Lu}Đ]{2,}[\p{L}-]*\b/gu;

export function isVietnameseLine(line: string): boolean {
  const words = line.replace(NUMBERED, " ").match(/\p{Script=Latin}+/gu) ?? [];
  if (words.length === 0) return false;
  const vi = words.filter((w) => VI_LETTER.test(w)).length;
  return vi >= 2 && vi / words.length >= 0.25;
}

export interface LineShare {
  lines: number;
  inLanguage: number;
}

/** Lines of a card that are content (marks that only label other lines are left out). */
export function cardLines(card: Card, marks: string[]): string[] {
  const out = [card.title, card.subtitle];
  for (const s of card.sections) out.push(...s.lines);
  const markSet = new Set(marks.map((m) => m.trim()));
  return out.map((l) => l.trim()).filter((l) => l !== "" && !markSet.has(l));
}

export function lineShare(card: Card, marks: string[]): LineShare {
  const lines = cardLines(card, marks);
  return { lines: lines.length, inLanguage: lines.filter((l) => !isVietnameseLine(l)).length };
}

/** A fixed random sample (mulberry32 seeded) of `n` codes from a list, in the list's order. */
export function seededSample(codes: string[], n: number, seed: number): string[] {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pool = [...codes].sort();
  for (let i = pool.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [pool[i], pool[j]] = [pool[j] as string, pool[i] as string];
  }
  return pool.slice(0, n).sort();
}
