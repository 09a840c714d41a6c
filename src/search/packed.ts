/**
 * String lists of the search index kept as UTF-8 bytes, as the index file holds them: loading one is two typed-array
 * views, not one JS string per entry (the index has about 150,000 terms and 20,000 initialisms, and building their
 * strings, arrays and maps was most of a fresh Worker's start-up). A string is decoded when asked for; a sorted list
 * is searched by comparing bytes.
 */
import type { InitialismEntry } from "./initialisms.ts";

const encoder = new TextEncoder();
const decoder = new TextDecoder();
const NEWLINE = 10;

/**
 * Order of code points, which is the order of their UTF-8 bytes. `Array.prototype.sort()` compares UTF-16 units
 * and differs from it only for characters beyond U+FFFF; sorted lists are sorted with this one.
 */
export function compareCodePoints(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.codePointAt(i) as number;
    const y = b.codePointAt(i) as number;
    if (x !== y) return x - y;
    if (x > 0xffff) i++;
  }
  return a.length - b.length;
}

/** Strings without newlines, one after another, each ending with a newline byte; `ends[i]` is where i's newline is. */
export class PackedStrings {
  private scratch = new Uint8Array(64);

  constructor(
    readonly bytes: Uint8Array,
    readonly ends: Uint32Array,
  ) {}

  static pack(strings: readonly string[]): PackedStrings {
    for (const s of strings)
      if (s.includes("\n")) throw new Error(`a packed string cannot hold a newline: ${JSON.stringify(s)}`);
    const bytes = encoder.encode(strings.length === 0 ? "" : `${strings.join("\n")}\n`);
    const ends = new Uint32Array(strings.length);
    let at = 0;
    for (let i = 0; i < strings.length; i++) {
      at = bytes.indexOf(NEWLINE, at);
      ends[i] = at;
      at++;
    }
    return new PackedStrings(bytes, ends);
  }

  get length(): number {
    return this.ends.length;
  }

  private start(i: number): number {
    return i === 0 ? 0 : (this.ends[i - 1] as number) + 1;
  }

  at(i: number): string {
    if (i < 0 || i >= this.ends.length) throw new RangeError(`no string ${i} of ${this.ends.length}`);
    return decoder.decode(this.bytes.subarray(this.start(i), this.ends[i]));
  }

  toArray(): string[] {
    return Array.from({ length: this.length }, (_, i) => this.at(i));
  }

  /** Whether some string of a list sorted by code points starts with `s` (a binary search for its range). */
  hasPrefix(s: string): boolean {
    const [from, to] = this.prefixRange(s);
    return from < to;
  }

  /**
   * A test of whether some string of a list sorted by code points starts with `s` (hasPrefix), for runs lengthened a
   * word or a character at a time ("=đăng ký", "=đăng ký tạm", …; 在留, 在留カ, …): each is searched within the strings
   * starting with the run it lengthens, when that was asked before (a few entries, not the whole list).
   */
  prefixTest(): (s: string) => boolean {
    const ranges = new Map<string, [number, number]>();
    return (s) => {
      const space = s.lastIndexOf(" ");
      const last =
        s.codePointAt(s.length - 2) !== undefined && (s.codePointAt(s.length - 2) as number) > 0xffff ? 2 : 1;
      const within = (space > 0 ? ranges.get(s.slice(0, space)) : undefined) ?? ranges.get(s.slice(0, -last));
      const range = this.prefixRange(s, within?.[0] ?? 0, within?.[1] ?? this.ends.length);
      ranges.set(s, range);
      return range[0] < range[1];
    };
  }

  /** The strings of a sorted list starting with `s`, as [from, to), searched between `lo` and `hi`. */
  prefixRange(s: string, lo = 0, hi = this.ends.length): [number, number] {
    const q = this.encoded(s);
    const qn = this.encodedLength;
    let a = lo;
    let b = hi;
    while (a < b) {
      const mid = (a + b) >> 1;
      if (this.compareAt(mid, q, qn, true) < 0) a = mid + 1;
      else b = mid;
    }
    const from = a;
    b = hi;
    while (a < b) {
      const mid = (a + b) >> 1;
      if (this.compareAt(mid, q, qn, true) <= 0) a = mid + 1;
      else b = mid;
    }
    return [from, a];
  }

  private encodedLength = 0;

  /**
   * The i-th string against the first `qn` bytes of `q`, by bytes then length: below 0, 0 or above 0. With `prefix`,
   * by its first `qn` bytes alone: 0 where it starts with them, below 0 where it is a shorter start of them.
   */
  private compareAt(i: number, q: Uint8Array, qn: number, prefix = false): number {
    const bytes = this.bytes;
    const start = this.start(i);
    const len = (this.ends[i] as number) - start;
    const n = Math.min(len, qn);
    for (let k = 0; k < n; k++) {
      const d = (bytes[start + k] as number) - (q[k] as number);
      if (d !== 0) return d;
    }
    return prefix ? (len < qn ? -1 : 0) : len - qn;
  }

  /** `s` in UTF-8, in the scratch buffer (its length in `encodedLength`). */
  private encoded(s: string): Uint8Array {
    // UTF-8 takes at most 3 bytes per UTF-16 unit.
    if (this.scratch.length < s.length * 3) this.scratch = new Uint8Array(s.length * 3);
    this.encodedLength = encoder.encodeInto(s, this.scratch).written;
    return this.scratch;
  }

  /** Position of `s` in a list sorted by code points (compareCodePoints), by binary search over the bytes. */
  indexOf(s: string): number {
    const q = this.encoded(s);
    const qn = this.encodedLength;
    let lo = 0;
    let hi = this.ends.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const d = this.compareAt(mid, q, qn);
      if (d === 0) return mid;
      if (d < 0) lo = mid + 1;
      else hi = mid - 1;
    }
    return -1;
  }
}

export type Phrases = InitialismEntry["phrases"];

/**
 * Initialisms by key, packed: keys sorted by code points, and per key "phrase\tshare\tphrase\tshare…". A key's
 * phrases are parsed when it is looked up (a few per query).
 */
export class Initialisms {
  constructor(
    readonly keys: PackedStrings,
    readonly values: PackedStrings,
  ) {
    if (keys.length !== values.length)
      throw new Error(`initialisms: ${keys.length} keys and ${values.length} values`);
  }

  static from(entries: readonly InitialismEntry[]): Initialisms {
    const sorted = [...entries].sort((a, b) => compareCodePoints(a.key, b.key));
    return new Initialisms(
      PackedStrings.pack(sorted.map((e) => e.key)),
      PackedStrings.pack(sorted.map((e) => e.phrases.flatMap((p) => [p.phrase, String(p.share)]).join("\t"))),
    );
  }

  get size(): number {
    return this.keys.length;
  }

  has(key: string): boolean {
    return this.keys.indexOf(key) >= 0;
  }

  get(key: string): Phrases | undefined {
    const i = this.keys.indexOf(key);
    return i < 0 ? undefined : this.phrasesAt(i);
  }

  private phrasesAt(i: number): Phrases {
    const parts = this.values.at(i).split("\t");
    const phrases: Phrases = [];
    for (let j = 0; j + 1 < parts.length; j += 2)
      phrases.push({ phrase: parts[j] as string, share: Number(parts[j + 1]) });
    return phrases;
  }

  entries(): InitialismEntry[] {
    return Array.from({ length: this.size }, (_, i) => ({
      key: this.keys.at(i),
      phrases: this.phrasesAt(i),
    }));
  }
}
