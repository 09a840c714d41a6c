/**
 * Short, distinct button labels for a list of procedure names. Names of one family share long heads and tails
 * ("Cấp giấy phép … đối với cá nhân" / "… đối với tổ chức"): the shared words are dropped and the part that
 * tells them apart is kept, so no two buttons read alike.
 */

const ELLIPSIS = "…";

function clipWords(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, max - 1);
  const space = cut.lastIndexOf(" ");
  return `${(space > max * 0.6 ? cut.slice(0, space) : cut).trimEnd()}${ELLIPSIS}`;
}

function commonPrefix(lists: string[][]): number {
  let n = 0;
  const first = lists[0] ?? [];
  while (
    n < first.length &&
    lists.every((l) => l.length > n && l[n]?.toLowerCase() === first[n]?.toLowerCase())
  )
    n++;
  return n;
}

function commonSuffix(lists: string[][], prefix: number): number {
  let n = 0;
  const first = lists[0] ?? [];
  const at = (l: string[], k: number) => l[l.length - 1 - k]?.toLowerCase();
  while (n < first.length - prefix && lists.every((l) => l.length - prefix > n && at(l, n) === at(first, n)))
    n++;
  return n;
}

/**
 * Labels at most `max` characters, pairwise different. A long name that shares its head (or tail) with another
 * name of the list keeps its first word and the part that differs ("Cấp … cho cơ quan, tổ chức"). `extra[i]` (a
 * level, a code) is appended where two labels would still read alike.
 */
export function distinctLabels(names: string[], max = 48, extra: string[] = []): string[] {
  const words = names.map((n) => n.replace(/\s+/g, " ").trim().split(" "));
  let labels = words.map((w, i) => {
    const full = w.join(" ");
    if (full.length <= max || names.length < 2) return clipWords(full, max);
    let prefix = 0;
    let suffix = 0;
    words.forEach((other, j) => {
      if (j === i) return;
      const p = commonPrefix([w, other]);
      prefix = Math.max(prefix, p);
      suffix = Math.max(suffix, commonSuffix([w, other], p));
    });
    if (prefix < 2 && suffix < 2) return clipWords(full, max);
    // The words that differ, then as many neighbours as fit (the words after first): "Issuance … to …" said
    // nothing, "Issuance … work permits to foreign workers…" says what it is.
    let start = prefix;
    let end = Math.max(w.length - suffix, Math.min(w.length, prefix + 1));
    if (start >= w.length) return clipWords(full, max);
    const label = (s: number, e: number) =>
      `${s === 0 ? "" : s === 1 ? `${w[0]} ` : `${w[0]} ${ELLIPSIS} `}${w.slice(s, e).join(" ")}${e < w.length ? ` ${ELLIPSIS}` : ""}`;
    for (let grown = true; grown; ) {
      grown = false;
      if (end < w.length && label(start, end + 1).length <= max) {
        end++;
        grown = true;
      } else if (start > 1 && label(start - 1, end).length <= max) {
        start--;
        grown = true;
      }
    }
    return clipWords(label(start, end), max);
  });
  // Whatever still reads alike gets its distinguishing extra (level, code).
  const seen = new Map<string, number>();
  for (const l of labels) seen.set(l.toLowerCase(), (seen.get(l.toLowerCase()) ?? 0) + 1);
  labels = labels.map((l, i) => {
    if ((seen.get(l.toLowerCase()) ?? 0) < 2 || !extra[i]) return l;
    const suffix = ` · ${extra[i]}`;
    return `${clipWords(l, Math.max(12, max - suffix.length))}${suffix}`;
  });
  return labels;
}

/** How much of the names is shared: a family of variants shares most of its words. */
export function sharedShare(names: string[]): number {
  if (names.length < 2) return 0;
  const words = names.map((n) => n.replace(/\s+/g, " ").trim().split(" "));
  const prefix = commonPrefix(words);
  const suffix = commonSuffix(words, prefix);
  const shortest = Math.min(...words.map((w) => w.length));
  return shortest === 0 ? 0 : (prefix + suffix) / shortest;
}
