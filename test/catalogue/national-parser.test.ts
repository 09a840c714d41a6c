import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  NationalParseError,
  parseFeeItem,
  parseNationalRecord,
  parseProcessingTime,
  resultItems,
} from "../../src/catalogue/national-parser.ts";

const fixture = (code: string) =>
  parseNationalRecord(
    readFileSync(new URL(`../fixtures/national/national-procedures/${code}.txt`, import.meta.url), "utf8"),
  );

describe("parseNationalRecord on real export files", () => {
  it("keeps every section of a household business registration in structured form", () => {
    const r = fixture("1.001612");
    expect(r.code).toBe("1.001612");
    expect(r.decision).toBe("2353/QĐ-BTC");
    expect(r.name).toBe("Đăng ký thành lập hộ kinh doanh");
    expect(r.level).toBe("commune");
    expect(r.field).toBe("Thành lập và hoạt động doanh nghiệp (hộ kinh doanh)");
    expect(r.steps.map((g) => g.heading)).toEqual([
      "Trường hợp đăng ký trực tiếp hoặc đăng ký qua dịch vụ bưu chính:",
      "Trường hợp đăng ký qua mạng thông tin điện tử:",
    ]);
    expect(r.steps[1]?.items[0]).toMatch(/^Người nộp hồ sơ sử dụng tài khoản định danh điện tử/);
    expect(r.channels.map((c) => c.kind)).toEqual(["online", "postal", "counter"]);
    expect(r.channels[0]?.fees[0]).toMatchObject({
      amountVnd: 150000,
      currency: "VND",
      status: "stated",
      basis: ["85/2019/TT-BTC"],
    });
    expect(r.channels[2]?.fees[0]?.amountVnd).toBe(50000);
    // "Thời hạn giải quyết:  OTHER" with no number: unknown, not zero.
    expect(r.channels[0]?.time).toEqual({ value: null, unit: null, text: null });
    const docs = r.documents.flatMap((g) => g.items);
    expect(docs).toContainEqual({ name: "Giấy đề nghị đăng ký hộ kinh doanh;", originals: 1, copies: 0 });
    expect(r.documents[0]?.heading).toBe(
      "Trường hợp ủy quyền thực hiện thủ tục thì hồ sơ phải kèm theo một trong những giấy tờ sau:",
    );
    expect(r.subjects).toEqual(["Tổ chức (không bao gồm doanh nghiệp, HTX)", "Công dân Việt Nam"]);
    expect(r.agencies.implementing).toBeNull();
    expect(r.legalBases).toContainEqual({
      number: "168/2025/NĐ-CP",
      title: "Nghị định số 168/2025/NĐ-CP ngày 30 tháng 6 năm 2025 của Chính phủ về đăng ký doanh nghiệp",
    });
    expect(r.legalBases).toHaveLength(5);
    expect(r.result).toMatch(/Giấy chứng nhận đăng ký\s+hộ kinh doanh/);
    expect(r.conditions).toBeNull();
    expect(r.truncated).toBe(false);
  });

  it("reads a fee given only in words as amount not stated, keeping the circular it names", () => {
    const fee = fixture("3.000330").channels[0]?.fees[0];
    expect(fee).toMatchObject({ amountVnd: null, status: "not_stated", basis: ["244/2016/TT-BTC"] });
    expect(fee?.note).toMatch(/^Thực hiện theo Thông tư số 244\/2016\/TT-BTC/);
  });

  it("recognises US dollars labelled VNĐ", () => {
    const fees = fixture("1.003460").channels[0]?.fees ?? [];
    expect(fees.map((f) => [f.currency, f.amountUsd, f.amountVnd, f.status])).toEqual([
      ["USD", 145, null, "usd"],
      ["USD", 155, null, "usd"],
      ["USD", 165, null, "usd"],
    ]);
    expect(fixture("1.000807").channels[0]?.fees[0]).toMatchObject({
      currency: "USD",
      amountUsd: 10,
      status: "usd",
    });
  });

  it("converts amounts published in thousands only when the note confirms it", () => {
    expect(fixture("1.000014").channels[0]?.fees[0]).toMatchObject({ amountVnd: 20000, status: "thousands" });
    // Visa fees published as "25 VNĐ (Loại có giá trị nhập cảnh 1 lần)" are really USD, but the note does not say so: flagged, not guessed.
    const unclear = fixture("1.000039")
      .channels.flatMap((c) => c.fees)
      .filter((f) => f.status === "unclear");
    expect(unclear.length).toBeGreaterThan(0);
    expect(unclear.every((f) => f.amountVnd !== null && f.amountVnd < 1000 && f.currency === "VND")).toBe(
      true,
    );
  });

  it("parses processing times with units and keeps unparsed ones as text", () => {
    expect(fixture("1.000382").channels.some((c) => c.time.unit === "hour" && c.time.value !== null)).toBe(
      true,
    );
    expect(fixture("1.001010").channels.some((c) => c.time.unit === "month")).toBe(true);
    expect(parseProcessingTime("5 WORKING_DAY")).toEqual({ value: 5, unit: "working_day", text: null });
    expect(parseProcessingTime("10 ngày")).toEqual({ value: 10, unit: "day", text: null });
    // A number without its unit keeps the number and says the unit is unknown (never a bare "1").
    expect(parseProcessingTime("1 OTHER")).toEqual({ value: 1, unit: "other", text: null });
    expect(parseProcessingTime("Theo mô tả OTHER")).toEqual({
      value: null,
      unit: "other",
      text: "Theo mô tả",
    });
  });

  it("keeps records without a level, cut lines and odd codes", () => {
    expect(fixture("1.000612").level).toBeNull();
    const cut = fixture("1.011043");
    expect(cut.truncated).toBe(true);
    expect(fixture("1.014955-Xoa").code).toBe("1.014955-Xoa");
  });

  it("splits fee items on top-level bars and treats bare 0 VNĐ as free", () => {
    expect(parseFeeItem("0 VNĐ ()")).toMatchObject({ amountVnd: 0, status: "free", note: null });
    expect(parseFeeItem("0 VNĐ (Miễn lệ phí)")).toMatchObject({
      amountVnd: null,
      status: "not_stated",
      note: "Miễn lệ phí",
    });
    expect(parseFeeItem("135 VNĐ (135.000 đồng/lần)")).toMatchObject({
      amountVnd: 135000,
      status: "thousands",
    });
    const perPage = fixture("2.000815").channels.flatMap((c) => c.fees);
    expect(perPage.some((f) => f.amountVnd === 2000)).toBe(true);
  });

  it("rejects a file without the export's sections", () => {
    expect(() => parseNationalRecord("Chi tiết thủ tục hành chính\nMã thủ tục: 1.000001\n")).toThrow(
      NationalParseError,
    );
  });
});

describe("resultItems", () => {
  it("keeps a result whose own name holds a comma in one piece (1.001612, as the export words it)", () => {
    const result =
      "Thông báo bằng văn bản nội dung cần sửa đổi, bổ sung của Cơ quan đăng ký kinh doanh cấp xã, Giấy chứng nhận đăng ký  hộ kinh doanh";
    expect(resultItems(result)).toEqual([
      {
        text: "Thông báo bằng văn bản nội dung cần sửa đổi, bổ sung của Cơ quan đăng ký kinh doanh cấp xã",
        parts: [
          "Thông báo bằng văn bản nội dung cần sửa đổi",
          "bổ sung của Cơ quan đăng ký kinh doanh cấp xã",
        ],
      },
      { text: "Giấy chứng nhận đăng ký  hộ kinh doanh", parts: ["Giấy chứng nhận đăng ký  hộ kinh doanh"] },
    ]);
  });

  it("splits results that each start with a capital, and keeps parentheses whole", () => {
    expect(resultItems("Quyết định (bản chính, bản sao); Giấy phép").map((i) => i.text)).toEqual([
      "Quyết định (bản chính, bản sao)",
      "Giấy phép",
    ]);
    expect(resultItems(null)).toEqual([]);
  });
});
