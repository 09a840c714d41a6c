import type { SearchIndexData } from "./build.ts";
import { Initialisms, PackedStrings } from "./packed.ts";

/**
 * One binary blob: "DVCSRCH4", a u32 header length, a JSON header with the short string lists, the hash of the
 * options the index was built with and the hash of the build's inputs (src/assets.ts), then the typed arrays, each
 * 4-byte aligned: the postings, and the terms and initialisms as UTF-8 bytes with their ends (packed.ts). Loading is
 * a JSON.parse of a small header plus zero-copy views: no string is made per term.
 */

const MAGIC = "DVCSRCH4";

type Arrays = Pick<
  SearchIndexData,
  | "levels"
  | "groups"
  | "local"
  | "grades"
  | "audience"
  | "used"
  | "twinOffsets"
  | "twinDocs"
  | "foreignOffsets"
  | "foreignDocs"
  | "partOffsets"
  | "partDocs"
  | "plainOffsets"
  | "plainDocs"
  | "missionOffsets"
  | "missionDocs"
  | "fieldIds"
  | "priors"
  | "offsets"
  | "postingDocs"
  | "postingScores"
> & {
  termBytes: Uint8Array;
  termEnds: Uint32Array;
  initialismKeyBytes: Uint8Array;
  initialismKeyEnds: Uint32Array;
  initialismBytes: Uint8Array;
  initialismEnds: Uint32Array;
};
const CTORS = {
  levels: Uint8Array,
  groups: Uint32Array,
  local: Uint8Array,
  grades: Uint8Array,
  audience: Uint16Array,
  used: Uint8Array,
  twinOffsets: Uint32Array,
  twinDocs: Uint32Array,
  foreignOffsets: Uint32Array,
  foreignDocs: Uint32Array,
  partOffsets: Uint32Array,
  partDocs: Uint32Array,
  plainOffsets: Uint32Array,
  plainDocs: Uint32Array,
  missionOffsets: Uint32Array,
  missionDocs: Uint32Array,
  fieldIds: Uint16Array,
  priors: Float32Array,
  offsets: Uint32Array,
  postingDocs: Uint16Array,
  postingScores: Uint16Array,
  termBytes: Uint8Array,
  termEnds: Uint32Array,
  initialismKeyBytes: Uint8Array,
  initialismKeyEnds: Uint32Array,
  initialismBytes: Uint8Array,
  initialismEnds: Uint32Array,
} as const;
const ARRAY_KEYS = Object.keys(CTORS) as (keyof Arrays)[];

export class SearchIndexFormatError extends Error {
  override name = "SearchIndexFormatError";
}

export function serializeSearchIndex(data: SearchIndexData): Uint8Array {
  const arrays: Arrays = {
    levels: data.levels,
    groups: data.groups,
    local: data.local,
    grades: data.grades,
    audience: data.audience,
    used: data.used,
    twinOffsets: data.twinOffsets,
    twinDocs: data.twinDocs,
    foreignOffsets: data.foreignOffsets,
    foreignDocs: data.foreignDocs,
    partOffsets: data.partOffsets,
    partDocs: data.partDocs,
    plainOffsets: data.plainOffsets,
    plainDocs: data.plainDocs,
    missionOffsets: data.missionOffsets,
    missionDocs: data.missionDocs,
    fieldIds: data.fieldIds,
    priors: data.priors,
    offsets: data.offsets,
    postingDocs: data.postingDocs,
    postingScores: data.postingScores,
    termBytes: data.terms.bytes,
    termEnds: data.terms.ends,
    initialismKeyBytes: data.initialisms.keys.bytes,
    initialismKeyEnds: data.initialisms.keys.ends,
    initialismBytes: data.initialisms.values.bytes,
    initialismEnds: data.initialisms.values.ends,
  };
  // Word lists are joined with newlines: splitting one string is much faster than parsing a JSON array of strings.
  const header = {
    codes: data.codes.join("\n"),
    vocabulary: data.vocabulary.join("\n"),
    oldCodes: data.oldCodes,
    viWords: data.viWords.join("\n"),
    enWords: data.enWords.join("\n"),
    actionTerms: data.actionTerms.join("\n"),
    plainWords: data.plainWords.join("\n"),
    twinWords: data.twinWords.join("\n"),
    scoreScale: data.scoreScale,
    optionsHash: data.optionsHash,
    ...(data.inputsHash ? { inputsHash: data.inputsHash } : {}),
    arrays: ARRAY_KEYS.map((k) => [k, arrays[k].length]),
  };
  const json = new TextEncoder().encode(JSON.stringify(header));
  const align = (n: number) => (n + 3) & ~3;
  let size = align(8 + 4 + json.length);
  const placed: [keyof Arrays, number][] = [];
  for (const k of ARRAY_KEYS) {
    placed.push([k, size]);
    size = align(size + arrays[k].byteLength);
  }
  const out = new Uint8Array(size);
  out.set(new TextEncoder().encode(MAGIC), 0);
  new DataView(out.buffer).setUint32(8, json.length, true);
  out.set(json, 12);
  for (const [k, at] of placed) {
    const a = arrays[k];
    out.set(new Uint8Array(a.buffer, a.byteOffset, a.byteLength), at);
  }
  return out;
}

export function deserializeSearchIndex(bytes: Uint8Array): SearchIndexData {
  if (new TextDecoder().decode(bytes.subarray(0, 8)) !== MAGIC)
    throw new SearchIndexFormatError("not a search index of this version (bad magic); run npm run build");
  // Copy into an aligned buffer when the caller's view is not 4-byte aligned (typed array views require it).
  const buf = bytes.byteOffset % 4 === 0 ? bytes : bytes.slice();
  const view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  const length = view.getUint32(8, true);
  const header = JSON.parse(new TextDecoder().decode(buf.subarray(12, 12 + length))) as {
    codes: string;
    vocabulary: string;
    viWords: string;
    enWords: string;
    actionTerms?: string;
    plainWords?: string;
    twinWords?: string;
    oldCodes: [string, number][];
    scoreScale: number;
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
    if (!Ctor) throw new SearchIndexFormatError(`search index: unknown section ${k}`);
    if (at + count * Ctor.BYTES_PER_ELEMENT > buf.byteLength)
      throw new SearchIndexFormatError(`search index truncated at ${k}`);
    arrays[k] = new Ctor(buf.buffer as ArrayBuffer, buf.byteOffset + at, count);
    at = align(at + count * Ctor.BYTES_PER_ELEMENT);
  }
  for (const k of ARRAY_KEYS)
    if (!arrays[k]) throw new SearchIndexFormatError(`search index: no section ${k}; run npm run build`);
  const a = arrays as Arrays;
  return {
    codes: lines(header.codes),
    levels: a.levels,
    groups: a.groups,
    local: a.local,
    grades: a.grades,
    audience: a.audience,
    used: a.used,
    twinOffsets: a.twinOffsets,
    twinDocs: a.twinDocs,
    foreignOffsets: a.foreignOffsets,
    foreignDocs: a.foreignDocs,
    partOffsets: a.partOffsets,
    partDocs: a.partDocs,
    plainOffsets: a.plainOffsets,
    plainDocs: a.plainDocs,
    missionOffsets: a.missionOffsets,
    missionDocs: a.missionDocs,
    fieldIds: a.fieldIds,
    actionTerms: lines(header.actionTerms ?? ""),
    plainWords: lines(header.plainWords ?? ""),
    twinWords: lines(header.twinWords ?? ""),
    priors: a.priors,
    terms: new PackedStrings(a.termBytes, a.termEnds),
    offsets: a.offsets,
    postingDocs: a.postingDocs,
    postingScores: a.postingScores,
    scoreScale: header.scoreScale,
    vocabulary: lines(header.vocabulary),
    oldCodes: header.oldCodes,
    viWords: lines(header.viWords),
    enWords: lines(header.enWords),
    initialisms: new Initialisms(
      new PackedStrings(a.initialismKeyBytes, a.initialismKeyEnds),
      new PackedStrings(a.initialismBytes, a.initialismEnds),
    ),
    optionsHash: header.optionsHash,
    ...(header.inputsHash ? { inputsHash: header.inputsHash } : {}),
  };
}
