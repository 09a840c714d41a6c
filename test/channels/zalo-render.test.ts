import { describe, expect, it } from "vitest";
import { renderZalo } from "../../src/channels/zalo/render.ts";
import { translator } from "../../src/i18n/index.ts";

describe("Zalo rendering of links", () => {
  it("writes a link whose label has its own icon once, not as '🌐 🔗 …'", () => {
    for (const lang of ["vi", "en", "ja"] as const) {
      const t = translator(lang);
      const [text = ""] = renderZalo({
        lang,
        messages: [
          {
            blocks: [{ type: "link", text: t("chat.buttons.link"), url: "https://dichvucong.gov.vn" }],
            buttons: [[{ label: t("web.share"), url: "https://dvc.example.org/p/1.001612?lang=vi" }]],
          },
        ],
      });
      expect(text).toContain(`${t("web.share")}: https://dvc.example.org/p/1.001612?lang=vi`);
      expect(text).toContain(`${t("chat.buttons.link")}: https://dichvucong.gov.vn`);
      expect(text).not.toMatch(/🌐 🔗|🌐 🌐/);
    }
    const [plain = ""] = renderZalo({
      lang: "en",
      messages: [{ blocks: [], buttons: [[{ label: "Portal", url: "https://dichvucong.gov.vn" }]] }],
    });
    expect(plain).toContain("🌐 Portal: https://dichvucong.gov.vn");
  });
});
