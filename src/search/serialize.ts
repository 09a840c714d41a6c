import type { SearchIndexData } from "./build.ts";
import type { InitialismEntry } from "./initialisms.ts";

/**
 * One binary blob: "DVCSRCH2", a u32 header length, a JSON header with the strings, the hash of the options the
 * index was built with and the hash of the build's inputs (src/assets.ts), then the typed arrays, each 4-byte aligned. Loading is a JSON.parse of the header plus
 * zero-copy views: fast on Node and Workers alike.
 */

const MAGIC = "DVCSRCH2";

type Arrays = Pick<
  SearchIndexData,
  "levels" | "groups" | "local" | "audience" | "priors" | "offsets" | "postingDocs" | "postingScores"
>;
const ARRAY_KEYS = [
  "levels",
  "groups",
  "local",
  "audience",
  "priors",
  "offsets",
  "postingDocs",
  "postingScores",
] as const;
const CTORS = {
  levels: Uint8Array,
  groups: Uint32Array,
  local: Uint8Array,
  audience: Uint8Array,
  priors: Float32Array,
  offsets: Uint32Array,
  postingDocs: Uint16Array,
  postingScores: Uint16Array,
} as const;

export class SearchIndexFormatError extends Error {
  override name = "SearchIndexFormatError";
}

export function serializeSearchIndex(data: SearchIndexData): Uint8Array {
  // Word lists are joined with newlines: splitting one string is much faster than parsing a JSON array of strings.
  const header = {
    codes: data.codes.join("\n"),
    terms: data.terms.join("\n"),
    vocabulary: data.vocabulary.join("\n"),
    oldCodes: data.oldCodes,
    viWords: data.viWords.join("\n"),
    enWords: data.enWords.join("\n"),
    scoreScale: data.scoreScale,
    // "key\tphrase\tshare\tphrase\tshare…" per line: one split instead of a nested JSON structure.
    initialisms: data.initialisms
      .map((e) => [e.key, ...e.phrases.flatMap((p) => [p.phrase, String(p.share)])].join("\t"))
      .join("\n"),
    optionsHash: data.optionsHash,
    ...(data.inputsHash ? { inputsHash: data.inputsHash } : {}),
    arrays: ARRAY_KEYS.map((k) => [k, data[k].length]),
  };
  const json = new TextEncoder().encode(JSON.stringify(header));
  const align = (n: number) => (n + 3) & ~3;
  let size = align(8 + 4 + json.length);
  const placed: [keyof Arrays, number][] = [];
  for (const k of ARRAY_KEYS) {
    placed.push([k, size]);
    size = align(size + data[k].byteLength);
  }
  const out = new Uint8Array(size);
  out.set(new TextEncoder().encode(MAGIC), 0);
  new DataView(out.buffer).setUint32(8, json.length, true);
  out.set(json, 12);
  for (const [k, at] of placed)
    out.set(new Uint8Array(data[k].buffer, data[k].byteOffset, data[k].byteLength), at);
  return out;
}

export function deserializeSearchIndex(bytes: Uint8Array): SearchIndexData {
  if (new TextDecoder().decode(bytes.subarray(0, 8)) !== MAGIC)
    throw new SearchIndexFormatError("not a search index (bad magic)");
  // Copy into an aligned buffer when the caller's view is not 4-byte aligned (typed array views require it).
  const buf = bytes.byteOffset % 4 === 0 ? bytes : bytes.slice();
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  const length = view.getUint32(8, true);
  const header = JSON.parse(new TextDecoder().decode(buf.subarray(12, 12 + length))) as {
    codes: string;
    terms: string;
    vocabulary: string;
    viWords: string;
    enWords: string;
    oldCodes: [string, number][];
    scoreScale: number;
    initialisms: string;
    optionsHash: string;
    inputsHash?: string;
    arrays: [keyof Arrays, number][];
  };
  const lines = (s: string) => (s === "" ? [] : s.split("\n"));
  const align = (n: number) => (n + 3) & ~3;
  let at = align(12 + length);
  const arrays = {} as Record<keyof Arrays, Arrays[keyof Arrays]>;
  for (const [k, count] of header.arrays) {
    const Ctor = CTORS[k];
    if (at + count * Ctor.BYTES_PER_ELEMENT > buf.byteLength)
      throw new SearchIndexFormatError(`search index truncated at ${k}`);
    arrays[k] = new Ctor(buf.buffer as ArrayBuffer, buf.byteOffset + at, count);
    at = align(at + count * Ctor.BYTES_PER_ELEMENT);
  }
  return {
    codes: lines(header.codes),
    terms: lines(header.terms),
    vocabulary: lines(header.vocabulary),
    oldCodes: header.oldCodes,
    viWords: lines(header.viWords),
    enWords: lines(header.enWords),
    scoreScale: header.scoreScale,
    initialisms: lines(header.initialisms).map((line): InitialismEntry => {
      const [key, ...rest] = line.split("\t");
      const phrases: InitialismEntry["phrases"] = [];
      for (let i = 0; i + 1 < rest.length; i += 2)
        phrases.push({ phrase: rest[i] as string, share: Number(rest[i + 1]) });
      return { key: key as string, phrases };
    }),
    optionsHash: header.optionsHash,
    ...(header.inputsHash ? { inputsHash: header.inputsHash } : {}),
    ...(arrays as Arrays),
    // An index written before the local-copy flag: no record is a local copy.
    local: (arrays.local as Uint8Array | undefined) ?? new Uint8Array(lines(header.codes).length),
    // … and before the audience flags: no record is marked for an audience.
    audience: (arrays.audience as Uint8Array | undefined) ?? new Uint8Array(lines(header.codes).length),
  };
}
