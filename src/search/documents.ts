import type { Catalogue } from "../catalogue/catalogue.ts";
import { LANGUAGES, type NationalRecord } from "../catalogue/schema.ts";
import type { SearchDocument } from "./build.ts";
import { nameKey } from "./normalize.ts";
import { isLocalCopy } from "./policy.ts";

/**
 * An exception clause of a name: what the procedure is NOT for ("Cấp Giấy phép … bán lẻ hàng hóa trừ các hàng hóa là
 * dầu, mỡ bôi trơn; gạo; đường …", 2.000255, beside "… bán lẻ các hàng hóa là gạo; đường …", 2.000362, the record for
 * exactly those goods). Its words matched a question naming those goods to the record excluding them, and lengthened
 * the general record's name, so that a question naming no goods found the narrower one first ('外資企業の小売ライセンス').
 * Written in each language as the catalogue's names write it: vi "(trừ …)", en "(except | excluding | other than …)",
 * zh "（…除外）", ja "（…を除く）", and a closing clause whose opening bracket the record lost ("… hàng hóa trừ các hàng
 * hóa là … tạp chí)"). Not a clause that runs on unbracketed: ", trừ hàng hóa phải có giấy phép … gửi qua dịch vụ chuyển
 * phát nhanh quốc tế" (1.000096) ends with the procedure's own words. Not Korean's "(… 제외)" nor "…를 제외한": measured,
 * taking them out cost the blind set a Korean question at hit@3 and won nothing.
 */
const EXCEPTIONS = [
  /\s*\((?:trừ|except|excluding|other than)\s[^()]*\)/giu,
  /\s(?:trừ|except|excluding|other than)\s[^()]*\)$/iu,
  /[（(][^（）()]*(?:除外|を除く)[）)]/gu,
];

/** A name with its exception clauses taken out (EXCEPTIONS); the name as it is where nothing else would be left. */
export function withoutExceptions(name: string): string {
  let out = name;
  for (const e of EXCEPTIONS) out = out.replace(e, " ");
  out = out.replace(/\s+/g, " ").trim();
  return out === "" ? name : out;
}

/**
 * The police named in a name's closing level clause: "Cấp đổi … an ninh, trật tự (thực hiện tại Công an cấp xã)"
 * (3.000244) says where it is filed as its twins say "(thực hiện tại cấp xã)" (3.000243, the new certificate) and
 * "(… cấp tỉnh)". Read as a word of the name, the police matched a question saying where it was sent ("공안에서 …
 * 증명서를 받아오래요", "公安に言われた") to the exchange rather than the new certificate. The clause keeps its level
 * and loses the agency (the record's agency field still holds it), in each language as the catalogue's names write it.
 */
const LEVEL_CLAUSE_POLICE: [RegExp, string][] = [
  [/\(((?:thực hiện )?tại )Công an (cấp [^()]*)\)$/iu, "($1$2)"],
  [/\(at the ([\w-]+)-level police\)$/iu, "($1 level)"],
  [/（在([^（）]+级)公安机关办理）$/u, "（在$1办理）"],
  [/급 공안에서 수행\)$/u, "급에서 수행)"],
  [/レベル公安で実施）$/u, "レベルで実施）"],
];

/** A name with the police of its closing level clause taken out (LEVEL_CLAUSE_POLICE). */
export function withoutLevelPolice(name: string): string {
  for (const [re, to] of LEVEL_CLAUSE_POLICE) if (re.test(name)) return name.replace(re, to);
  return name;
}

/**
 * Turns every catalogue procedure (national record + curated layer) into the fields the index weighs. `audienceOf`
 * says who a record is for (SearchDocument.audience; the build passes the investor set's rule).
 */
export async function searchDocuments(
  catalogue: Catalogue,
  audienceOf: (record: NationalRecord) => number = () => 0,
): Promise<SearchDocument[]> {
  const docs: SearchDocument[] = [];
  for (const entry of catalogue.entries) {
    const p = await catalogue.procedure(entry.code);
    if (!p) continue;
    const { record, curated } = p;
    const names = LANGUAGES.map((l) => entry.names[l]).filter((n): n is string => Boolean(n));
    // An investor overlay's name, where it words the procedure otherwise than the catalogue's name in its language
    // (its translators follow the term base: 建筑许可证, 'licence to establish a branch').
    for (const o of Object.values(p.overlays ?? {}))
      if (o.name.text && !names.some((n) => nameKey(n) === nameKey(o.name.text))) names.push(o.name.text);
    // The investor overlays' result lines (data/investor/<lang>/<code>.json) say what a procedure gives in the
    // reader's language (an investment registration certificate, 投资登记证): searchable like the record's own result.
    // (The term base's results for every record were tried too, and helped no set.)
    const overlayResults = Object.values(p.overlays ?? {})
      .flatMap((o) => o.result.map((r) => r.text))
      .filter(Boolean);
    // Their English summary too: English is indexed by words (stopwords out, stems), so a summary adds what the
    // procedure is about. Chinese, Korean and Japanese summaries are left out: indexed by character pairs, a long text
    // holds pairs of nearly any question, and they lowered the Chinese and Japanese sets.
    const overlaySummary = p.overlays?.en?.summary.text;
    docs.push({
      code: record.code,
      level: record.level,
      weight: record.weight,
      oldCodes: record.oldCodes,
      nameVi: record.name,
      nameEn: entry.names.en,
      local: isLocalCopy(record.decision),
      audience: audienceOf(record),
      fields: {
        name: names.map((n) => withoutLevelPolice(withoutExceptions(n))),
        alias: curated ? LANGUAGES.flatMap((l) => curated.aliases[l]) : [],
        summary: [
          ...(curated ? LANGUAGES.map((l) => curated.summary[l]) : []),
          ...(overlaySummary ? [overlaySummary] : []),
        ],
        field: record.field ? [record.field] : [],
        result: [...(record.result ? [record.result] : []), ...overlayResults],
        agency: [record.agencies.implementing, record.agencies.competent].filter((a): a is string =>
          Boolean(a),
        ),
        documents: record.documents.flatMap((g) => g.items.map((i) => i.name)),
      },
    });
  }
  return docs;
}

/**
 * The catalogue's text in Chinese or Japanese: every procedure's name, curated aliases and summary, and its investor
 * overlay's name in that language (Chinese in Simplified characters). The build reads the Japanese phrases' words and
 * the characters of each language against them (lexicon.ts, japaneseOnlyWords, chineseOnlyHan): the index mixes the
 * languages, and 病院 written in a Japanese name is no Chinese word.
 */
export async function catalogueTexts(catalogue: Catalogue, lang: "zh" | "ja"): Promise<string[]> {
  const out: string[] = [];
  for (const entry of catalogue.entries) {
    const p = await catalogue.procedure(entry.code);
    if (!p) continue;
    const name = entry.names[lang];
    if (name) out.push(name);
    if (p.curated) out.push(...p.curated.aliases[lang], p.curated.summary[lang]);
    const overlay = p.overlays?.[lang]?.name.text;
    if (overlay) out.push(overlay);
  }
  return out;
}
