import { describe, expect, it } from "vitest";
import { translateLegalTitle } from "../../src/catalogue/legal-titles.ts";

describe("legal bases given as type and number", () => {
  it("renders the type in the reader's language and copies the number and date as published", () => {
    expect(translateLegalTitle("Nghị định số 07/2016/NĐ-CP", "en")?.text).toBe("Decree No. 07/2016/NĐ-CP");
    expect(translateLegalTitle("Thông tư số 11/2016/TT-BCT", "zh")?.text).toBe("第11/2016/TT-BCT号通知");
    expect(translateLegalTitle("Thông tư 80/2021/TT-BTC ngày 29/9/2021;", "ja")?.text).toBe(
      "2021年9月29日付通達第80/2021/TT-BTC号",
    );
    expect(translateLegalTitle("Luật 54/2014/QH13", "ko")?.text).toBe("법률 제54/2014/QH13호");
    expect(translateLegalTitle("Thông tư liên tịch số 05/2015/TTLT-BTP-BCA-BYT", "en")?.text).toBe(
      "Joint Circular No. 05/2015/TTLT-BTP-BCA-BYT",
    );
  });

  it("renders the whole titles the records repeat most", () => {
    expect(translateLegalTitle("Luật Quản lý thuế", "en")?.text).toBe("Law on Tax Administration");
    expect(translateLegalTitle("Luật Đầu tư số 143/2025/QH15 ngày 11/12/2025;", "zh")?.text).toBe(
      "2025年12月11日第143/2025/QH15号《投资法》；",
    );
  });

  it("leaves anything with a title or an issuer to the overlay or the Vietnamese, and Vietnamese readers alone", () => {
    expect(
      translateLegalTitle("Nghị định số 118/2025/NĐ-CP của Chính phủ: Về thực hiện thủ tục", "en"),
    ).toBeNull();
    expect(translateLegalTitle("Luật Thương mại", "en")).toBeNull();
    expect(translateLegalTitle("Nghị định số 07/2016/NĐ-CP", "vi")).toBeNull();
  });
});
