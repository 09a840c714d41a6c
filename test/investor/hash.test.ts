import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { fnv1a64 } from "../../src/investor/overlay.ts";

/** The definition, with BigInt: what overlays' source hashes and the investor set's split were made with. */
function reference(text: string): string {
  let h = 0xcbf29ce484222325n;
  for (const byte of new TextEncoder().encode(text)) {
    h ^= BigInt(byte);
    h = (h * 0x100000001b3n) & ((1n << 64n) - 1n);
  }
  return h.toString(16).padStart(16, "0");
}

describe("fnv1a64", () => {
  it("gives the published FNV-1a 64-bit test vectors", () => {
    expect(fnv1a64("")).toBe("cbf29ce484222325");
    expect(fnv1a64("a")).toBe("af63dc4c8601ec8c");
    expect(fnv1a64("foobar")).toBe("85944171f73967e8");
  });

  it("equals the BigInt definition on any text (Vietnamese, CJK, astral characters)", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 200 }), (text) => {
        expect(fnv1a64(text)).toBe(reference(text));
      }),
      { numRuns: 2000 },
    );
  });
});
