import { describe, expect, it } from "vitest";
import { isListPattern, TermBase, termBase, translateTerm } from "../../src/catalogue/terms.ts";

const REVIEWED = { reviewed: "2026-12-03", by: "test" };

/**
 * Lists in term patterns: a list of agencies ("A; B cấp xã", "A các tỉnh, thành phố, B các tỉnh, thành phố") is
 * split and each part translated; a pattern with a place or a level ("{agency} cấp xã", "{agency} - {province}",
 * "Chủ tịch {agency}") never takes a whole list as its slot, which put the level on the wrong agency and doubled
 * words in zh/ko/ja ("各省、市各省、市…", "嘉莱省嘉莱省…").
 */
const tr = (vi: string, lang: string) => translateTerm("agencies", vi, lang)?.text ?? null;

describe("lists of agencies in the term base", () => {
  it("knows its list patterns", () => {
    const lists = (termBase().kind("agencies")?.patterns ?? []).filter(isListPattern).map((p) => p.vi);
    expect(lists).toEqual(
      expect.arrayContaining(["{agency1}, {agency2}", "{agency1}; {agency2}", "{agency1} và {agency2}"]),
    );
    expect(lists).not.toContain("{agency} cấp xã");
    expect(lists).not.toContain("{agency1} - {agency2}");
  });

  it("splits a ';' list and gives the level to the agency it follows", () => {
    expect(tr("Sở Tư pháp; Ủy ban nhân dân cấp xã", "en")).toBe(
      "Department of Justice; Commune-level People's Committee",
    );
    expect(tr("Sở Tư pháp; Ủy ban nhân dân cấp xã", "zh")).toBe("司法厅；乡级人民委员会");
    expect(
      tr("Trung tâm Phục vụ hành chính công Thành phố; Trung tâm Phục vụ hành chính công cấp xã", "ko"),
    ).toBe("시 공공행정서비스센터; 사급 공공행정서비스센터");
  });

  it("does not double the provinces or the place of a ',' list in zh, ko and ja", () => {
    const both =
      "Ban quản lý khu công nghiệp, khu kinh tế, khu chế xuất, khu công nghệ cao các tỉnh, thành phố, Sở Tài chính các tỉnh, thành phố";
    expect(tr(both, "zh")).toBe(
      "各省、市工业园区、经济区、出口加工区、高新技术园区管理委员会；各省、市财政厅",
    );
    expect(tr(both, "ja")).toBe(
      "各省・市の工業団地・経済区・輸出加工区・ハイテクパーク管理委員会、各省・市の財政局",
    );
    for (const lang of ["zh", "ko", "ja"]) expect(tr(both, lang)).not.toMatch(/(各省|성·시)[^;；、]*\1/u);
    const gialai = "Ban Quản lý Khu kinh tế - tỉnh Gia Lai, Sở Nông nghiệp và Môi trường - tỉnh Gia Lai";
    expect(tr(gialai, "zh")).toBe("嘉莱省经济区管理委员会；嘉莱省农业与环境厅");
    expect(tr(gialai, "ko")).toBe("잘라이성 경제구역 관리위원회; 잘라이성 농업환경국");
  });

  it("gives a title to the agency it names, not to a list", () => {
    const vi = "Chủ tịch ủy ban nhân dân cấp tỉnh, Cơ quan có chức năng quản lý đất đai cấp tỉnh";
    expect(tr(vi, "zh")).toBe("省级人民委员会主席；省级土地管理职能机关");
    expect(tr(vi, "en")).toMatch(/^Chairperson of the provincial People's Committee; /);
  });

  it("keeps a list inside brackets, where the brackets close it", () => {
    const entry = (vi: string, en: string) => ({
      vi,
      en,
      zh: en,
      ko: en,
      ja: en,
      count: 1,
      review: REVIEWED,
    });
    const pattern = (vi: string, en: string) => ({ vi, en, zh: en, ko: en, ja: en, review: REVIEWED });
    const base = new TermBase([
      {
        kind: "agencies",
        description: "a test file",
        patterns: [
          pattern("{agency1}, {agency2}", "{agency1}; {agency2}"),
          pattern("{agency1} ({agency2})", "{agency1} ({agency2})"),
          pattern("{agency} cấp xã", "commune {agency}"),
        ],
        entries: [entry("Sở A", "A"), entry("Sở B", "B"), entry("Sở C", "C")],
      },
    ]);
    expect(base.translate("agencies", "Sở A (Sở B, Sở C)", "en")?.text).toBe("A (B; C)");
    expect(base.translate("agencies", "Sở A, Sở B cấp xã", "en")?.text).toBe("A; commune B");
    expect(base.translate("agencies", "Sở A, Sở B, Sở C cấp xã", "en")?.text).toBe("A; B; commune C");
  });

  it("knows the provincial business registration authority", () => {
    expect(tr("Cơ quan đăng ký kinh doanh cấp tỉnh", "en")).toBe(
      "Provincial business registration authority",
    );
    expect(tr("Cơ quan Đăng ký kinh doanh cấp tỉnh", "zh")).toBe("省级经营登记机关");
    expect(tr("Cơ quan đăng ký kinh doanh", "ja")).toBe("事業登録機関");
  });
});
