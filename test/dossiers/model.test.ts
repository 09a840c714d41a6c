import { describe, expect, it } from "vitest";
import { dossierKey, findDossierCode, parseDossierMessage } from "../../src/dossiers/index.ts";

const KEY = "0000019H48-221122-0001";

describe("finding a dossier code in a chat message", () => {
  it.each([
    ["000.00.19.H48-221122-0001", "000.00.19.H48-221122-0001"],
    ["hồ sơ 000.00.19.H48 - 221122 - 0001 đến đâu rồi?", "000.00.19.H48 - 221122 - 0001"],
    ["000.00.19.h48–221122—0001", "000.00.19.h48–221122—0001"],
    ["mã: 000.00.19 H48-221122-0001, cảm ơn", "000.00.19 H48-221122-0001"],
    ["(000.00.19.H48 −221122− 0001)", "000.00.19.H48 −221122− 0001"],
    ["ho so so 000.00.19.H48-221122-0001", "000.00.19.H48-221122-0001"],
  ])("finds it in %j", (text, found) => {
    expect(findDossierCode(text)).toBe(found);
    expect(dossierKey(findDossierCode(text) ?? "")).toBe(KEY);
    expect(parseDossierMessage(text)?.code).toMatch(/^000\.00\.19\.?H48-221122-0001$/);
  });

  it.each([
    "hộ chiếu",
    "gọi 0912-345-678",
    "000.00.19.H48-2211223-0001",
    "000.00.19.H48-221122-0001234",
    "sơ000.00.19.H48-221122-0001",
    "ab-221122-0001",
    "",
  ])("finds nothing in %j", (text) => {
    expect(findDossierCode(text)).toBeNull();
    expect(parseDossierMessage(text)).toBeNull();
  });

  it.each([
    ["000.00.19.H48-221122-0001 4567", "4567"],
    ["000.00.19.H48-221122-0001, sđt 0912 345 678", "5678"],
    ["sđt 0912.345.678 hồ sơ 000.00.19.H48-221122-0001", "5678"],
    ["+84 912 345 678 000.00.19.H48-221122-0001", "5678"],
    ["000.00.19.H48-221122-0001", null],
    ["000.00.19.H48-221122-0001 số 12", null],
  ])("reads the phone's last four digits from %j", (text, last4) => {
    expect(parseDossierMessage(text)?.phoneLast4).toBe(last4);
  });

  it("gives the same key for every way of writing one code", () => {
    const ways = ["000.00.19.H48-221122-0001", "0000019h48-221122-0001", "000.00.19.H48 – 221122 – 0001"];
    expect(new Set(ways.map(dossierKey))).toEqual(new Set([KEY]));
  });

  // Hostile text: the finder looks at each dash once with a bounded look-around, so 4,096 characters of any
  // shape cost microseconds (the timings are in `npm run bench:load`); here, every class is answered correctly.
  it.each([
    ["letters", "a".repeat(4096)],
    ["digits", "0".repeat(4096)],
    ["dashes", "-".repeat(4096)],
    ["en dashes", "–".repeat(4096)],
    ["digit-dash", "0-".repeat(2048)],
    ["near misses", "A-000000-".repeat(455)],
    ["dotted", "a.".repeat(2048)],
    ["spaced digits", "1 ".repeat(2048)],
    ["code heads", "A1-123456-".repeat(409)],
    ["spaced dashes", "0 - 000000 - ".repeat(315)],
  ])("handles 4,096 characters of %s", (_name, text) => {
    expect(findDossierCode(text)).toBeNull();
    expect(findDossierCode(`${text} 000.00.19.H48-221122-0001`)).toBe("000.00.19.H48-221122-0001");
  });
});
