import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { LIFE_EVENTS } from "../../src/conversation/understand.ts";
import { journeysOf } from "../../src/features/procedures/journeys-of.ts";
import { JOURNEYS, journeyCodes, journeysWith } from "../../src/investor/journeys.ts";
import { buildAppWithDatabase, catalogue } from "../helpers/app.ts";

type Button = { label: string; action?: string; url?: string };
interface Body {
  lang: string;
  replies: { blocks: { type: string; text: string }[]; buttons: Button[][] }[];
  meta: { intent: string; code?: string; codes?: string[]; detail?: string };
}
let app: Awaited<ReturnType<typeof buildAppWithDatabase>>;
const chat = async (body: Record<string, unknown>) => {
  const res = await app.app.request("/api/chat", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  expect(res.status).toBe(200);
  return (await res.json()) as Body;
};
const text = (b: Body) => b.replies.flatMap((r) => r.blocks.map((x) => x.text)).join("\n");
const buttons = (b: Body) => b.replies.flatMap((r) => r.buttons.flat());

beforeAll(async () => {
  app = await buildAppWithDatabase();
});

describe("guided journeys for foreign investors (data/investor/journeys.json)", () => {
  it("indexes, for a card, the journeys its code is a step or an alternative of, in order", () => {
    for (const code of new Set(JOURNEYS.flatMap(journeyCodes)))
      expect(journeysOf(code).map((j) => j.id)).toEqual(journeysWith(code).map((j) => j.id));
    expect(journeysWith("1.001612")).toEqual([]);
    expect(journeysOf("1.001612")).toEqual([]);
  });

  it("has the four journeys, each step a real procedure (or a stage that says what it is), with sources", () => {
    expect(JOURNEYS.map((j) => j.id)).toEqual([
      "foreign-investor",
      "foreign-trader-office",
      "marriage-foreign",
      "stay-extension",
    ]);
    for (const j of JOURNEYS) {
      for (const code of journeyCodes(j)) expect(catalogue.entry(code), `${j.id}: ${code}`).not.toBeNull();
      expect(j.sources.length).toBeGreaterThan(0);
    }
    // The company journey goes investment → enterprise → (seal, bank) → tax → work permit → residence card.
    const company = JOURNEYS[0]?.steps.map((s) => s.code);
    expect(company).toEqual(["1.009664", "2.001199", null, "1.010337", "1.014199", "1.003460"]);
    // A chat life event with the same id offers no procedure its journey lacks.
    for (const e of LIFE_EVENTS) {
      const j = JOURNEYS.find((x) => x.id === e.id);
      if (j) for (const code of e.steps) expect(journeyCodes(j), `${e.id}: ${code}`).toContain(code);
    }
  });

  it("answers a situation with the journey: steps in order, what each needs, a button per card", async () => {
    const body = await chat({
      text: "how do I open a representative office in Vietnam?",
      sessionId: "jr-office-1",
    });
    expect(body.meta).toMatchObject({ intent: "journey", detail: "foreign-trader-office" });
    expect(body.meta.codes?.[0]).toBe("2.000063");
    expect(text(body)).toMatch(/↳ The licence from step 1/);
    expect(buttons(body).filter((b) => b.action?.startsWith("p:")).length).toBe(body.meta.codes?.length);
    const opened = await chat({ text: "2", sessionId: "jr-office-1" });
    expect(opened.meta).toMatchObject({ intent: "card", code: "2.002225" });
  });

  it("lists every journey on /journeys, and a card of a step offers its journey", async () => {
    const list = await chat({ text: "/journeys", sessionId: "jr-list-1", lang: "ja" });
    const offered = buttons(list).filter((b) => b.action);
    expect(offered.map((b) => b.label)).toContain("ビザまたは滞在の延長");
    const stay = await chat({ action: offered.at(-1)?.action, sessionId: "jr-list-1" });
    expect(stay.meta).toMatchObject({ intent: "journey", detail: "stay-extension" });
    expect(text(stay)).toMatch(/1\.001146/);
    expect(text(stay)).toMatch(/ビザ免除証の保有者/);
    const card = await chat({ text: "1.001146", sessionId: "jr-card-1", lang: "en" });
    expect(buttons(card).map((b) => b.label)).toContain("Step by step: Extend a visa or stay");
  });

  it("has a web page per journey, in the reader's language, linking each step's card", async () => {
    const res = await app.app.request("/j/foreign-investor?lang=zh");
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain("设立外资公司");
    expect(html).toContain('href="/p/1.009664?lang=zh"');
    expect(html).toContain("印章、银行账户和直接投资资本账户");
    expect((await app.app.request("/j/nope?lang=en")).status).toBe(404);
    const home = await (await app.app.request("/?lang=en")).text();
    expect(home).toContain('href="/j/stay-extension?lang=en"');
    // The data file is the source of every sentence on the page.
    const data = readFileSync(new URL("../../data/investor/journeys.json", import.meta.url), "utf8");
    expect(data).toContain("Thông tư 06/2019/TT-NHNN");
  });
});
