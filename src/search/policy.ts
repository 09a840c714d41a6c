/**
 * Domain policy above the engine: procedure codes typed in a query, the level a query names, and how the variants
 * of one procedure (the same name at commune, province or ministry level) are ordered and returned together.
 */

import type { Level } from "../catalogue/index.ts";
import { LEVEL_CODES, type SearchIndexData } from "./build.ts";
import { FOREIGN_PLACES, JA_COUNTRY_NAMES } from "./countries.ts";
import { nameKey } from "./normalize.ts";

const CODE = /(?<![\d.])(\d)\.?(\d{6})(?![\d])/g;

/** Codes typed in a query ("1.004194", "1004194"), dotted, in order. */
export function codesInQuery(query: string): string[] {
  return [...query.matchAll(CODE)].map((m) => `${m[1]}.${m[2]}`);
}

/**
 * The query with codes and the words around them ("mã", "code", "thủ tục", "số", "#") taken out. Those words are
 * taken out only when the query holds a code: "xin số nhà" is about a house number, not a code.
 */
export function withoutCodes(query: string): string {
  if (codesInQuery(query).length === 0) return query.trim();
  return query
    .replace(CODE, " ")
    .replace(/(?<![\p{L}\p{N}])(m[aã]|code|th[uủ] t[uụ]c|s[oố])(?![\p{L}\p{N}])|[:#]/giu, " ")
    .trim();
}

const NOT = "(?:không|khong|hông|ko|chẳng|chang)";
const BUT = String.raw`[,\s]+m[aà]\s+(?:l[aà]\s+|chỉ\s+|chi\s+)?`;
const DENIALS = [
  // "không phải (là) X mà (là) Y"
  new RegExp(String.raw`${NOT}\s+ph[aả]i\s+(?:l[aà]\s+)?[^,.;!?]*?${BUT}`, "giu"),
  // "không muốn / cần / đăng ký / làm / xin X mà (chỉ) Y"
  new RegExp(
    String.raw`${NOT}\s+(?:muốn|muon|cần|đăng ký|dang ky|đăng kí|dang ki|đk|dk|làm|lam|xin)\s+[^,.;!?]*?${BUT}`,
    "giu",
  ),
  // "Y chứ không phải (là) X"
  new RegExp(String.raw`[,\s]*(?:chứ|chu)\s+${NOT}\s+ph[aả]i\s+[^,.;!?]*`, "giu"),
];

/**
 * A Vietnamese question with what it does not ask taken out: "không phải đăng ký kết hôn mà là ly hôn", "không cần
 * đổi mà cần làm lại bằng lái", "ly hôn chứ không phải kết hôn" ask for the divorce and the re-issue; the words
 * denied named another procedure as firmly as those asked.
 */
export function withoutDenied(query: string): string {
  // Whitespace collapsed first and only a question of denial's length read: the patterns scan on from each "không
  // phải" to a "mà", and over a run of spaces or a long text that was quadratic (84 s for "không phải" and 4,000
  // spaces).
  const text = query.replace(/\s+/g, " ");
  if (text.length > DENIAL_MAX_CHARS) return query;
  let out = text;
  for (const d of DENIALS) out = out.replace(d, " ");
  out = out.replace(/\s+/g, " ").trim();
  return out === "" ? query : out;
}

// "不是X，是Y" and "不想X，想Y": what follows 不是 / 不想 up to the clause's end, where the next clause says what is
// asked with 是 or 想 / 要 (after 我, 而, 就, 只). Not "是不是" (a yes-or-no question), and not a 不是 or 不想 whose
// clause no such answer follows: "不是本地户口，要登记吗" says who asks.
const DENIALS_ZH = [
  /(?<!是)不是[^，,。；;！!？?\s]{1,24}[，,\s]\s*(?:我们|我|而|就|只|其实)?是(?:要)?/gu,
  /不想[^，,。；;！!？?\s]{1,24}[，,\s]\s*(?:我们|我|而是|就|只)?(?:想|要)/gu,
];

/** A Chinese question with what it does not ask taken out ("不是第一次办，是续期" asks for the extension). */
export function withoutDeniedZh(query: string): string {
  if (query.length > DENIAL_MAX_CHARS) return query;
  let out = query;
  for (const d of DENIALS_ZH) out = out.replace(d, " ");
  out = out.replace(/\s+/g, " ").trim();
  return out === "" ? query : out;
}

/** Longer than this, a question is not read for what it denies (a correction is a short sentence). */
const DENIAL_MAX_CHARS = 240;

const LEVEL_PATTERNS: [Level, RegExp][] = [
  [
    "commune",
    /\b(cap xa|o xa|tai xa|xa phuong|cap phuong|o phuong|tai phuong|ubnd xa|(cong an|uy ban|ubnd) (xa|phuong)|commune|ward)\b|乡级|乡镇|社级|읍|면 단위|사 단위|社レベル/u,
  ],
  [
    "province",
    /\b(cap tinh|o tinh|tai tinh|cong an tinh|cong an thanh pho|pc\d\d|so (tu phap|ke hoach|xay dung|tai chinh|y te|giao thong|noi vu|cong thuong|lao dong)|provincial|province)\b|省级|省里|성급|성 단위|省レベル/u,
  ],
  [
    "ministry",
    /\b(trung uong|cap bo|o bo|bo cong an|bo ngoai giao|bo tu phap|c\d\d|central|ministry|cuc quan ly|immigration department)\b|中央|部级|公安部|出入境管理局|중앙|공안부|출입국관리국|中央レベル|公安省|出入国管理局/u,
  ],
];

export function levelInQuery(query: string): Level | null {
  const folded = nameKey(query);
  const raw = query.normalize("NFKC");
  for (const [level, pattern] of LEVEL_PATTERNS) if (pattern.test(folded) || pattern.test(raw)) return level;
  return null;
}

/**
 * Where a citizen most likely files when the query names no level: since the July 2025 reform (two-tier local
 * government, districts abolished) most citizen procedures are filed at the commune, then the province; the
 * ministry-level twin is for cases the law reserves to the central agency.
 */
export const CITIZEN_LEVEL_ORDER: (Level | null)[] = ["commune", "province", "ministry", null];

/**
 * A province's own copy of a national procedure: the record was published by a provincial decision (the People's
 * Committee, its office, a provincial department or service centre: "2670/QĐ-UBND", "2252/QĐ-VP", "205/TTr-SNNMT")
 * rather than by a ministry or another central body ("3380/QĐ-BNNMT", "1217/QĐ-NHNN"). The export holds hundreds of
 * such copies, named like the national record ("Cấp lại Giấy chứng nhận do bị mất"); each applies in one province only.
 */
const LOCAL_DECISION = /UBND|QĐ-VP|TTPVHCC|(?:QĐ|TTr)-S[A-ZĐ]|So[A-Z]/u;

export function isLocalCopy(decision: string | null | undefined): boolean {
  return decision ? LOCAL_DECISION.test(decision) : false;
}

/**
 * Fields of the national records that are one subject, split only by the body that published them: since the 2025
 * reform the Ministry of Home Affairs' records (863/QĐ-BNV: "Hưởng lương hưu …", "Hưởng trợ cấp ốm đau") file the
 * social insurance benefits under "Bảo hiểm xã hội", while Vietnam Social Security's own (1474/QĐ-BTC) file deciding
 * them under "Thực hiện chính sách BHXH" and paying them under "Chi trả các chế độ BHXH". A procedure of one is a
 * sibling of the others' (Searcher leadPlainSiblings): a pension's change of payment (2.000740) is the pension's.
 */
const FIELD_FAMILIES: ReadonlyMap<string, string> = new Map([
  ["Thực hiện chính sách BHXH", "Bảo hiểm xã hội"],
  ["Chi trả các chế độ BHXH", "Bảo hiểm xã hội"],
]);

/** The field a record's field is one of the family of (FIELD_FAMILIES), else the field itself. */
export function fieldFamily(field: string): string {
  return FIELD_FAMILIES.get(field) ?? field;
}

export function levelOf(data: SearchIndexData, doc: number): Level | null {
  return LEVEL_CODES[data.levels[doc] as number] ?? null;
}

/**
 * Orders the variants of one group, the one to show first at the head:
 * - a level named in the query picks that level's best-scoring variant;
 * - otherwise variants scoring within `margin` of the group's best are ordered nationwide records first (a province's
 *   own copy applies in that province only, `isLocal`), then the variants the portal's usage puts first (`isUsed`,
 *   build.ts usedVariants: a level-named twin used where the one at the citizen's level was not, or among twins told
 *   apart by authority or scope the one used far more), then by the citizen's
 *   likely level (their texts differ only in the level's name, so the score difference says little), the rest by
 *   score.
 */
export function orderVariants(
  members: number[],
  scoreOf: (doc: number) => number,
  levelOfDoc: (doc: number) => Level | null,
  asked: Level | null,
  margin: number,
  isLocal: (doc: number) => boolean = () => false,
  isUsed: (doc: number) => boolean = () => false,
): number[] {
  const byScore = [...members].sort((a, b) => scoreOf(b) - scoreOf(a) || a - b);
  const top = scoreOf(byScore[0] as number);
  const rankOfLevel = (doc: number) => CITIZEN_LEVEL_ORDER.indexOf(levelOfDoc(doc));
  const close = (doc: number) => top <= 0 || scoreOf(doc) >= top * margin;
  const ordered = [...members].sort((a, b) => {
    if (asked) {
      const wa = levelOfDoc(a) === asked ? 0 : 1;
      const wb = levelOfDoc(b) === asked ? 0 : 1;
      if (wa !== wb) return wa - wb;
    }
    const ca = close(a) ? 0 : 1;
    const cb = close(b) ? 0 : 1;
    if (ca !== cb) return ca - cb;
    if (ca === 0) {
      const oa = isLocal(a) ? 1 : 0;
      const ob = isLocal(b) ? 1 : 0;
      if (oa !== ob) return oa - ob;
      const ua = isUsed(a) ? 0 : 1;
      const ub = isUsed(b) ? 0 : 1;
      if (ua !== ub) return ua - ub;
      const la = rankOfLevel(a);
      const lb = rankOfLevel(b);
      if (la !== lb) return la - lb;
    }
    return scoreOf(b) - scoreOf(a) || a - b;
  });
  return ordered;
}

/**
 * Query terms that name a foreign party, as the catalogue's names write one in each language (vi "nước ngoài", en
 * "foreign(er)", zh 外国 / 涉外 / 国际, ko 외국 / 외국인 / 국제, ja 外国 / 渉外): a nationality reaches them through the
 * glossary ("người Mỹ" → người nước ngoài, "American" → foreign).
 */
export const FOREIGN_MARKS: ReadonlySet<string> = new Set([
  "nuoc_ngoai",
  "foreign",
  "foreigner",
  "外国",
  "涉外",
  "渉外",
  "国际",
  "외국",
  "외국인",
  "국제",
]);

/**
 * Query terms that say the asker is abroad or deals with a foreign authority, beside FOREIGN_MARKS (a country named
 * reaches "foreign" through the glossary): a procedure filed abroad (build.ts AUDIENCE_ABROAD) keeps its score only
 * then.
 */
export const ABROAD_MARKS: ReadonlySet<string> = new Set([
  ...FOREIGN_MARKS,
  "abroad",
  "overseas",
  "embassy",
  "consulate",
  "consular",
  "lanh_su",
  "dai_su",
  "viet_kieu",
  "海外",
  "国外",
  "大使",
  "领事",
  "領事",
  "해외",
  "대사관",
  "영사관",
]);

/**
 * Query terms naming a diplomat, a diplomatic or consular mission, or the privileges and immunities its members hold
 * (diplomat, embassy, consulate, consular, ambassador, immunity, privilege; ngoại giao, lãnh sự, đại sứ, miễn trừ;
 * 外交, 领事/領事, 使馆/使館, 大使, 豁免, 特権; 외교, 영사, 대사관, 면책): only then is a procedure for those entitled
 * to diplomatic privileges and immunities (build.ts PRIVILEGED) asked as readily as everyone's
 * (RankOptions.privilegedLean).
 * Not "consultant", "consulting" (whole words only), nor the Vietnamese "ưu đãi" alone (an investment incentive).
 */
const DIPLOMATIC_SAID =
  /^[~#%]?(?:diplomats?|diplomatic|embass(?:y|ies)|consulates?|consular|consuls?|ambassadors?|immunit(?:y|ies)|privileges?)$|(?:^|_)(?:ngoai_giao|lanh_su|dai_su|mien_tru)(?:_|$)|外交|领事|領事|使馆|使館|大使|豁免|特権|외교|영사|대사관|면책/u;

/** Whether a question's terms name a diplomat, a mission or an immunity (DIPLOMATIC_SAID). */
export function diplomaticSaid(terms: readonly { term: string }[]): boolean {
  return terms.some((t) => DIPLOMATIC_SAID.test(t.term));
}

/**
 * A foreign person named ("người nước ngoài", "foreigner", "foreign national", 外国人, 外籍, 외국인): who asks, or whom
 * they deal with, not where they are. A foreigner naturalised in Vietnam files at the province (2.002039, "Nhập quốc
 * tịch Việt Nam ở trong nước"); the same name filed abroad (2.002797, "… ở nước ngoài") matched the words of "người
 * nước ngoài" as being abroad.
 */
const FOREIGN_PERSON =
  /(?:người|nguoi) (?:nước ngoài|nuoc ngoai|ngoại quốc|ngoai quoc)|\bforeign(?:ers?|\s+(?:nationals?|citizens?|residents?|persons?|people|husband|wife|spouse|partner|workers?|employees?))\b|外国人|外國人|外籍|외국인/giu;
/** A foreign place or being abroad, said in words (once the foreign persons named are taken out). */
const FOREIGN_PLACE =
  /nước ngoài|nuoc ngoai|ngoại quốc|ngoai quoc|foreign|abroad|overseas|外国|外國|国外|海外|외국|해외/iu;

/** The numbers a grade of stars is said with, as words. */
const STAR_NUMBERS: Record<string, number> = {
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  một: 1,
  hai: 2,
  ba: 3,
  bốn: 4,
  năm: 5,
  一: 1,
  二: 2,
  三: 3,
  四: 4,
  五: 5,
};
/**
 * A grade of stars as people say it: "3 star", "three-star", "3 sao", "ba sao", 三星级, 3성급, 3つ星, 五つ星 (digits and
 * the words for one to five).
 */
const STARS_SAID = [
  /(?<![\p{L}\d])([1-5]|one|two|three|four|five)[\s-]*stars?(?!\p{L})/gu,
  /(?<![\p{L}\d])([1-5]|một|hai|ba|bốn|năm)\s*sao(?!\p{L})/gu,
  /([1-5一二三四五])\s*(?:つ\s*)?星/gu,
  /(?<!\d)([1-5])\s*성/gu,
];

/**
 * The star grades a question names (bit n for n stars; 0 for none), for the procedures whose names grade by stars
 * (build.ts starGradesOf): a hotel of three stars is graded by the province, one of four or five by the ministry's
 * tourism authority (Law on Tourism 09/2017/QH14, art. 50), and the usage of the second kept it first for every
 * question of a star grade.
 */
export function starsAsked(query: string): number {
  const text = query.normalize("NFKC").toLowerCase();
  let bits = 0;
  for (const said of STARS_SAID)
    for (const m of text.matchAll(said)) {
      const n = STAR_NUMBERS[m[1] as string] ?? Number(m[1]);
      if (n >= 1 && n <= 5) bits |= 1 << n;
    }
  return bits;
}

/**
 * Whether a question's foreign party is a person only (FOREIGN_PERSON), no foreign place or stay abroad said beside
 * it: its foreign marks (FOREIGN_MARKS) then say who asks, not that the procedure is filed abroad (ABROAD_MARKS,
 * RankOptions.abroadLean).
 */
export function foreignPersonOnly(query: string): boolean {
  const text = query.normalize("NFKC");
  const kana = KANA.test(text);
  const rest = text.replace(FOREIGN_PERSON, " ").replace(kana ? JA_COUNTRY_PERSON : /$^/u, " ");
  return rest !== text && !FOREIGN_PLACE.test(rest) && !(kana && JA_COUNTRY_PLACE.test(rest));
}

const KANA = /[\p{Script=Hiragana}\p{Script=Katakana}]/u;
/**
 * A country named in a Japanese question as a person's nationality, a language or where a paper comes from
 * (日本人の夫, 日本語の書類, 日本の免許): the glossary reads it as 外国, a foreign party (FOREIGN_PERSON), not the asker's
 * being abroad: a translation of a Japanese paper is certified in Vietnam, not at a mission abroad.
 */
const JA_COUNTRY_PERSON = new RegExp(
  `(?<![\\p{Script=Katakana}ー])(?:${JA_COUNTRY_NAMES})(?:人|語|国籍|製|の)`,
  "gu",
);
/** A country named in a Japanese question as where one is, lives or comes from (日本で, 日本に住んで, 日本から). */
const JA_COUNTRY_PLACE = new RegExp(
  `(?<![\\p{Script=Katakana}ー])(?:${JA_COUNTRY_NAMES})(?:で|に|から|へ|在住|国内)`,
  "u",
);

/**
 * Life events point at procedures directly, in the order the data gives: the first code gets 0.9 of the best text
 * score (at least 10), each next one a little less. Where the event's phrase is most of the question (`share`, the
 * IDF-weighted share of the query words it spans, at least EVENT_WHOLE_SHARE: 外資系企業 in "外資系企業の設立"), the
 * event is what is asked and its first procedure's bonus grows with that share (× 1 + 0.3 × share), so it is not
 * outranked by names that merely repeat the phrase's words. Only the first: lifting every code of the event by the
 * same factor narrowed the first one's lead over the next ("lam ho chieu": the passport 270 vs restoring a passport's
 * validity 175, a lead of 1.55 under the 1.6 a card needs), so a clear request got a list.
 */
export function eventBonus(best: number, rank: number, share = 0): number {
  const lift = share >= EVENT_WHOLE_SHARE && rank === 0 ? 1 + EVENT_WHOLE_LIFT * share : 1;
  return Math.max(best, 10) * (0.9 - rank * 0.08) * lift;
}
/** Measured on every set: from 0.6 the phrase "thành lập công ty" lifted the generic company forms above "… hợp danh". */
const EVENT_WHOLE_SHARE = 0.75;
const EVENT_WHOLE_LIFT = 0.3;

/**
 * A marriage a question says has not been made, beside a child born (孩子…出生, 子供が生まれた, 아이가 태어났, a baby
 * born): the parents are unmarried, which asks for the child's father to be acknowledged (Decree 123/2015/NĐ-CP, art.
 * 15: the birth registered together with the acknowledgement, 'Thủ tục đăng ký khai sinh kết hợp đăng ký nhận cha,
 * mẹ, con', 1.000689, and its twin with a foreign element, 1.001695), not for a marriage: the marriage's words would
 * name its registration ('我和越南女朋友还没结婚，孩子在越南出生了' found the marriage with a foreign element before the
 * birth). So the words of the marriage not made are read as the catalogue's word for the acknowledgement in that
 * language (`reads`, as the curated names of 1.000689 and 1.001695 say it). Only beside a child: '我还没结婚，需要单身证明'
 * asks for the proof of being unmarried. Not Vietnamese: the lexicon reads 'sinh … chưa cưới', 'chưa đăng ký kết hôn …
 * khai sinh' as the birth registered with the father's acknowledgement. A child born before the parents married
 * ('born before we got married') is the same case: the father is not presumed (Law on Marriage and Family
 * 52/2014/QH13, art. 88) and is acknowledged at the birth's registration: so in every language (婚前, 结婚前, 入籍前,
 * 結婚前, 결혼 전에).
 */
const UNWED: Partial<Record<string, { unwed: RegExp; child: RegExp; reads: string }>> = {
  zh: {
    unwed:
      /(?:还|都|也)?(?:没有?|未|没办|还没办)(?:正式)?(?:登记)?(?:结婚|领证|领结婚证|办结婚登记|结婚登记)|未婚|(?:结婚|领证|登记结婚)(?:以|之)?前|婚前/gu,
    child: /孩子|小孩|宝宝|婴儿|儿子|女儿|出生|生了/u,
    reads: "认领",
  },
  ja: {
    unwed:
      /(?:まだ)?(?:婚姻届|結婚|入籍)(?:を|は|も)?(?:出して|して|済ませて)?(?:い)?(?:ない|ません)|籍を入れて(?:い)?(?:ない|ません)|未婚|(?:婚姻届(?:を出す)?|結婚|入籍|籍を入れる)前/gu,
    child: /子供|子ども|赤ちゃん|息子|娘|生まれ|出生/u,
    reads: "認知",
  },
  ko: {
    unwed:
      /(?:아직\s*)?(?:결혼|혼인\s*신고)(?:을|를|은|는|도)?\s*(?:안|못)\s*(?:했|한|하)\S*|(?:결혼|혼인\s*신고)(?:를|을)?\s*하지\s*않\S*|미혼|(?:결혼|혼인\s*신고)\s*(?:하기\s*)?전에/gu,
    child: /아이|아기|자녀|아들|딸|출생|태어/u,
    reads: "인지",
  },
  en: {
    unwed:
      /\b(?:(?:are|were|is|was|have|has)(?:n'?t| not)|not|never)\s+(?:yet\s+)?(?:been\s+)?(?:legally\s+|officially\s+)?(?:married|wed)\b(?:\s+yet)?|\bunmarried\b|\bout of wedlock\b|\bbefore\s+(?:we|i|they)\s+(?:got|were|was|had\s+got(?:ten)?)\s+(?:legally\s+|officially\s+)?married\b|\bbefore\s+(?:our|the|we\s+had\s+our)\s+(?:marriage|wedding)\b/giu,
    child: /\b(?:child|baby|son|daughter|born|birth|kid)\b/iu,
    reads: "acknowledgement",
  },
};

/**
 * An English nationality said with the word of its holder ("a US citizen", "an American citizen", "a German national",
 * "a Canadian passport holder", "a citizen of Ireland"): the nationality is the foreign party, which the glossary reads
 * ("American" → foreign), and the holder's word names no procedure. Kept, "citizen" matched the names of the
 * procedures for Vietnamese citizens abroad ('Death registration for Vietnamese citizens abroad', 2.000527; the
 * recording of acts of Vietnamese citizens handled abroad, 2.000547) and of the border area's marriage and birth
 * (citizens of the neighbouring country) above the death or birth with a foreign element. So the holder's word is
 * dropped where the word or two before it (or the country after "of") are a nationality or a country the lexicon reads
 * as a foreign party (`isNationality`); the United States written "US", "U.S." or "U.S.A." is read as "USA", the
 * glossary's word ("us" alone is a pronoun and a stopword). "Vietnamese citizen" is kept: Vietnam is no foreign party.
 */
export function withNationalsRead(
  query: string,
  lang: string | null,
  isNationality: (words: string) => boolean,
): string {
  if (lang !== "en") return query;
  const out = query
    .replace(/\bU\.\s?S\.(?:\s?A\.?)?(?=[\s,;:!?)]|$)/gu, "USA ")
    .replace(/\bU\.\s?K\.?(?=[\s,;:!?)]|$)/gu, "UK ")
    .replace(HOLDER_AFTER, (m: string, pre: string, word: string) =>
      /^us$/iu.test(word)
        ? `${pre}USA`
        : isNationality(`${pre}${word}`) || isNationality(word)
          ? `${pre}${word}`
          : m,
    )
    .replace(HOLDER_OF, (m: string, country: string) => {
      const first = country.split(/\s+/)[0] as string;
      return isNationality(country) ? country : isNationality(first) ? country : m;
    });
  return out === query ? query : out.replace(/\s+/g, " ").trim();
}
/** A nationality (one or two words) and its holder's word ("US citizen", "South Korean nationals"). */
const HOLDER_AFTER = /\b((?:[a-z]+\s+)?)([a-z]+)\s+(?:citizens?|nationals?|passport[-\s]?holders?)\b/giu;
/** The holder's word and the country of its nationality ("a citizen of New Zealand", "national of the UK"). */
const HOLDER_OF = /\b(?:citizens?|nationals?)\s+of\s+(?:the\s+)?([a-z]+(?:\s+[a-z]+)?)/giu;

/**
 * A death during a visit, a trip or a stay in Vietnam, asked in a foreign language ("my mother died while on holiday in
 * Phu Quoc", 来越南旅游时去世, 출장 중 사망, 旅行中に亡くなりました): the one who died came from abroad, a foreigner (or a
 * Vietnamese settled abroad), and the death is registered with a foreign element (Law on Civil Status 60/2014/QH13,
 * art. 51: the death in Vietnam of a foreigner or of a Vietnamese citizen residing abroad; 'Thủ tục đăng ký khai tử có
 * yếu tố nước ngoài', 1.001766), not as a resident citizen's (1.000656), whatever nationality is left unsaid. Not in
 * Vietnamese: a visit there (đi du lịch, đi công tác) is a citizen's own trip.
 */
const VISITOR_DIED: Partial<Record<string, { died: RegExp; visit: RegExp }>> = {
  en: {
    died: /\b(?:died|dies|dead|death|passed away|pass(?:es)? away|deceased)\b/iu,
    visit:
      /\b(?:visiting|(?:on|during|for)\s+(?:a\s+|an\s+|his\s+|her\s+|their\s+)?(?:holiday|vacation|trip|tour|visit)|business trip|travel(?:l)?ing|tourists?|holidaying|sightseeing)\b/iu,
  },
  zh: {
    died: /去世|过世|死亡|病逝|身故|离世|逝世|死了/u,
    visit:
      /旅游|旅行|出差|探亲|游玩|度假|观光|来越南(?:玩|看)|在越南(?:\S{0,8}?)(?:工作|上班|打工)(?:时|期间)/u,
  },
  ko: {
    died: /돌아가|사망|숨지|숨졌|별세|세상을\s*떠/u,
    visit: /여행|관광|출장|방문\s*중|놀러/u,
  },
  ja: {
    died: /亡くな|死亡|逝去|他界|死去/u,
    visit: /旅行|観光|出張|訪問中|遊びに来|滞在中/u,
  },
};

/** Whether a question in a foreign language tells of a death during a visit or a trip (VISITOR_DIED). */
export function visitorDied(query: string, lang: string | null): boolean {
  const rule = lang ? VISITOR_DIED[lang] : undefined;
  if (!rule) return false;
  return rule.died.test(query) && rule.visit.test(query);
}

/**
 * A Latin form code beside the Japanese word of a form (フォームS, 様式AI, S様式, フォーム EUR.1): the certificates of
 * origin are told apart by that code alone, and the Japanese names write the form's word three ways (フォームE, 様式AI,
 * or none: AJ特恵原産地証明書), so the code was one Latin letter or two against a katakana word that half the names
 * hold ('C/O フォームS' found フォームX and フォームE first). The code and its label are spelled as the English names
 * write them ('… (C/O) form S'), where the pair of words names one form and every form's name holds the label.
 */
export function withFormCodes(query: string, lang: string | null): string {
  if (lang !== "ja" || !/[\p{Script=Katakana}\p{Script=Han}]/u.test(query)) return query;
  const text = query.normalize("NFKC");
  const out = text
    .replace(/(?:フォーム|様式)\s*([A-Z][A-Za-z0-9]*(?:[.-][A-Za-z0-9]+)*)(?![A-Za-z0-9])/gu, " form $1 ")
    .replace(/(?<![A-Za-z0-9.-])([A-Z][A-Za-z0-9]*(?:[.-][A-Za-z0-9]+)*)\s*様式/gu, " form $1 ");
  return out === text ? query : out;
}

/** An English count: a number in digits or words ("two", "a few", "a couple of"). */
const COUNT_EN = String.raw`(?:\d+(?:[.,]\d+)?|a few|a couple of|a|an|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|several|many|some)`;

/**
 * The frame of an English question: the phrases around what is asked that say how the asker asks or when, not what
 * ("where do we start", "how long does it take", "what's the procedure", "who do I contact", "which office handles",
 * "in person", "the quickest way", "can you tell me", "next month", "before the end of the year", "three weeks
 * ago"). Not "what papers do I need": the chat reads it as asking for a life event's whole journey. Their words are
 * no stopwords alone ("start" a company, "process" goods, a customs "procedure", a representative "office", a
 * "monthly" allowance, an "annual" report), but inside these phrases they
 * name no procedure: read as words, they lowered the share of the question a life event's phrase or a name typed
 * whole spans, and matched the records whose names hold them ("what's the procedure to shut my company" found a
 * customs procedure first). Taken out of an English question before it is read.
 */
const ENGLISH_FRAME = new RegExp(
  [
    "where (?:do|should|can|could|would) (?:i|we) (?:even )?(?:start|begin)",
    "where to (?:start|begin)",
    "how (?:long|much time|many days|many weeks) (?:does|will|would|did|should|might) (?:it|this|that|the process|the procedure) (?:usually |normally |actually )?take",
    "what(?: is|'s| are) the (?:process|procedures?|steps?)",
    "the (?:process|procedure|steps) (?:to|for)",
    "step[- ]by[- ]step",
    "who (?:do|should|can|could) (?:i|we) (?:contact|ask|call|talk to|see|go to)",
    "(?:which|what) (?:office|agency|authority|department)(?: handles| deals with| is responsible for| do (?:i|we) go to| should (?:i|we) go to)?",
    "(?:go |come )?in person",
    "the (?:fastest|quickest|easiest|best|simplest|cheapest) way",
    "can you (?:please )?(?:tell|show) me",
    "i(?:'d| would) like to know|i was wondering|i wonder",
    "(?:next|last|this|coming) (?:week|month|year|weekend|monday|tuesday|wednesday|thursday|friday|saturday|sunday)",
    "before the end of (?:the|this|next) (?:year|month|week)",
    "as soon as possible|asap|right now",
    String.raw`(?:a|one|two|three|four|five|six|\d+) (?:days?|weeks?|months?|years?) ago`,
    // When the story happened: "yesterday", "two years later", "decades ago". Not how long something lasts or when it
    // will ("stop the company for six months" asks its suspension, not its dissolution; "my visa expires in five days"
    // says what the clause asks).
    "yesterday|today|tonight|this (?:morning|afternoon|evening)|the other day|recently|lately",
    `${COUNT_EN} (?:days?|weeks?|months?|years?|decades?) (?:later|earlier)`,
    `(?:many|some|decades?|long|years?|ages) ago`,
    // A length or an area ("two metres into our land", "a 50 square metre flat"): a measure, no word of a procedure
    // (read as words, "metres" found the electricity meter's records).
    `${COUNT_EN} (?:square )?(?:metres?|meters?|m2|m²|sqm|feet|foot|km|kilomet(?:re|er)s?)`,
    // The asker's own birth told as who they are ("I was born in Hue but became American"): no birth is asked (a
    // child's birth, "our baby was born", stays).
    String.raw`i (?:was|am) born(?= (?:in|on|at|and|but)\b)`,
  ]
    .map((p) => `(?:${p})`)
    .join("|")
    .replace(/^/, String.raw`(?<![\p{L}\p{N}])(?:`)
    .concat(String.raw`)(?![\p{L}\p{N}])`),
  "giu",
);

/**
 * The asker's retirement told as who they are ("I'm retired and live with my Vietnamese wife", "a retired teacher",
 * "a foreign retiree", "I retired back in Da Nang"): no pension is asked. The glossary reads "retired" as the pension's
 * claim (1.014171, Law on Social Insurance 41/2024/QH15, art. 64), which is right where the retirement is the story's
 * news ("my father retired this month"), but as who asks it found the pension before a nationality restored, a visa
 * or a shop opened. Only the word goes, and not where a pension, a social insurance or a benefit is said.
 */
const RETIRED_AS_WHO =
  /(?<=\b(?:i'?m|i am|we'?re|we are|he'?s|she'?s|he is|she is|they'?re|they are|both|now|already|a|an|my|our|his|her|their|being|am|are|is)\s+)retired\b|\bretirees?\b|\bretired(?=\s+(?:back\s+)?(?:home\s+)?(?:to|in)\s+(?!\d))/giu;
const PENSION_SAID =
  /\b(?:pensions?|social insurance|benefits?|allowances?|retirement (?:pay|age|benefits?))\b/iu;

/** An English question without its frame (ENGLISH_FRAME) nor a retirement told as who asks (RETIRED_AS_WHO). */
export function withoutFrame(query: string, lang: string | null): string {
  if (lang !== "en") return query;
  let out = query.replace(ENGLISH_FRAME, " ");
  if (!PENSION_SAID.test(out)) out = out.replace(RETIRED_AS_WHO, " ");
  out = out.replace(/\s+/g, " ").trim();
  return out === "" ? query : out;
}

/**
 * Another party an English question names in passing: the asker's landlord ("my landlord says I must…": the asker
 * rents), a neighbour ("the neighbour built a fence on our land"). Their words name procedures of that party's own:
 * a landlord's tax on the rent and a landlord's declaration of foreign tenants, and the border procedures' "neighbouring
 * country" (the names' only neighbour); read as words, they found those before what the tenant or the neighbour's
 * neighbour asks. A landlord the asker is ("I'm a landlord", "as the landlord") stays.
 */
const OTHER_PARTY_EN =
  /(?<![\p{L}\p{N}])(?:(?:my|our) (?:landlord|landlady)|(?:my|our|the|a) (?:next[- ]door )?neighbou?rs?(?:'s?)?(?! countr))(?![\p{L}\p{N}])/giu;

/** An English question without the other party it names in passing (OTHER_PARTY_EN); any other as it is. */
export function withoutOtherParty(query: string, lang: string | null): string {
  if (lang !== "en") return query;
  const out = query.replace(OTHER_PARTY_EN, " ").replace(/\s+/g, " ").trim();
  return out === "" ? query : out;
}

/** A Chinese, Japanese, Korean or English question with a marriage not made read as the acknowledgement where it names a child (UNWED). */
export function withoutUnwed(query: string, lang: string | null): string {
  const rule = lang ? UNWED[lang] : undefined;
  if (!rule || query.length > DENIAL_MAX_CHARS || !rule.child.test(query)) return query;
  return readOnce(query, rule.unwed, rule.reads);
}

/** The text with the first match of a global pattern read as `reads` and the others dropped. */
/** The question with a record's words added after it, unless it holds them already (a reading applied twice). */
function addedOnce(query: string, reads: string): string {
  return query.includes(reads) ? query : `${query} ${reads}`;
}

function readOnce(text: string, pattern: RegExp, reads: string): string {
  let read = false;
  return text
    .replace(pattern, () => {
      const first = !read;
      read = true;
      return first ? ` ${reads} ` : " ";
    })
    .replace(/\s+/g, " ")
    .trim();
}

/** The word a marriage not made beside a child is read as in a language (UNWED), if that language has the rule. */
export function unwedReading(lang: string | null): string | undefined {
  return lang ? UNWED[lang]?.reads : undefined;
}

/**
 * A parent put on a child's record, said in everyday words ("add me as the father", "name me as the dad", 补上父亲,
 * 认亲, 父亲一栏是空的, 父親として登録, 父親欄, 아빠로 올리, 아빠 칸을 비워): that is the acknowledgement of a parent (Law
 * on Civil Status 60/2014/QH13, arts. 24–25 and 43–44; 'Thủ tục đăng ký nhận cha, mẹ, con', 1.001022, with a foreign
 * element 2.000779), which the catalogue names with one word in each language (UNWED's `reads`). Unread, the words of
 * the child's record (出生届, 출생신고, birth certificate) found the birth's registration before it.
 */
const PARENT_ADDED: Partial<Record<string, RegExp>> = {
  zh: /认(?:父|亲|孩子|儿子|女儿|子女|子|女)|(?:补|加|填|写|登记)(?:上|进|入)?(?:为|成)?(?:孩子的)?(?:父亲|爸爸)|(?:父亲|爸爸)(?:那)?(?:一)?栏/gu,
  ja: /(?:父|父親|パパ)として(?:登録|記載|届け出|届出|認め|載せ|入れ|入籍|出生届|出生登録)|父親?の?欄/gu,
  ko: /(?:아빠|아버지|부친|친부)로\s*(?:(?:같이|함께|정식으로|법적으로|제대로|호적에|서류에|서류상)\s*)?(?:올리|올려|올릴|등록|인정|넣|기재)\S*|(?:아빠|아버지)\s*(?:칸|란|이름)(?:을|를|이|은|는|도)?\s*(?:비워|비어|비었|없|빈|추가|올리|올려|넣)\S*|친자\s*(?:로\s*)?인정\S*/gu,
  en: /\b(?:add|put|list|name|register|include|record|write)(?:ed|ing|s)?\s+(?:me|him|myself|my name|his name|the (?:father|dad)(?:'s name)?)\s+(?:as\s+(?:the\s+|her\s+|his\s+|their\s+|a\s+)?(?:legal\s+)?(?:father|dad|daddy)\b|(?:to|on|in)\s+(?:\S+\s+){0,3}?birth certificate\b)|\b(?:be|get|being|getting)\s+(?:added|listed|named|registered)\s+(?:as\s+(?:the\s+|her\s+|his\s+|their\s+)?(?:legal\s+)?(?:father|dad|daddy)\b|(?:to|on|in)\s+(?:\S+\s+){0,3}?birth certificate\b)|\b(?:father|dad)(?:'s)?\s+(?:name\s+)?(?:is\s+|was\s+)?(?:missing|blank|empty|left blank)\b/giu,
};

/** The birth's record a parent is added to (PARENT_ADDED). */
const BIRTH_RECORD = /\bbirth certificate\b/giu;

/**
 * The child's birth said registered already, or its certificate held (出生届は出しました, 출생신고를 했는데, 出生证上,
 * 已经有出生证明, "already has a birth certificate", "the birth is already registered"), where the question asks for
 * a parent's acknowledgement: the birth is then no act asked. The acknowledgement joined to the birth's registration
 * (1.000689, 1.001695) is for a birth not yet registered (Decree 123/2015/NĐ-CP, art. 15); a child whose birth is
 * registered is acknowledged alone (1.001022, 2.000779), and the register's birth entry is then completed.
 */
const BIRTH_DONE: Partial<Record<string, RegExp>> = {
  zh: /(?:已经|已)(?:有|办|办了|报了|上了|登记了|做了)?(?:了)?(?:越南)?(?:的)?出生(?:证明|证|纸|登记)|出生(?:证明|证|纸)(?:上|里)|出生(?:时|的时候)(?:只)?登记了|出生登记(?:已经)?(?:办|做|报)(?:好|完|了)/gu,
  ja: /出生(?:届|登録|証明書?)(?:は|を|も)?(?=[^。、！？!?]{0,24}?(?:出しました|出した(?![いく])|出して(?:い|あ)|提出(?:済|しました|した(?![いく]))|済み|済ませ|しました|した(?![いく])|終わ|終え))|出生証明書?(?:の|に|には|では|上)/gu,
  ko: /출생\s*(?:신고|등록)(?:서)?\s*(?:를|을|은|는|도)?(?=[^.?!,]{0,24}?(?:했|한\s|뒀|놨|놓았|마쳤|끝났|끝냈|되어\s*있|돼\s*있))|출생\s*증명서?\s*(?:에|에는|엔|의|상|상에)(?=\s)/gu,
  en: /\b(?:already\s+)?(?:has|have|had|got)\s+(?:a|an|his|her|its|the)\s+(?:\S+\s+)?birth certificate\b|\bbirth\s+(?:is|was|has been|had been)\s+(?:already\s+)?registered\b|\bregistered\s+(?:her|him|the baby|the child|our baby|my baby|the birth)\b/giu,
};

/**
 * A question with a parent's addition read as the acknowledgement (PARENT_ADDED), and, where it asks for the
 * acknowledgement (read or typed), the birth it says registered already taken out (BIRTH_DONE).
 */
export function withParentAdded(query: string, lang: string | null): string {
  const reads = unwedReading(lang);
  const added = lang ? PARENT_ADDED[lang] : undefined;
  if (!reads || !added || query.length > DENIAL_MAX_CHARS) return query;
  // The words said are kept beside the reading (아빠로 인정받고: 인정 is a synonym's, 父亲 and father the names' own word
  // of parents), all but the birth's record they add the parent to (birth certificate): it is no registration asked.
  const read = (text: string) => text.replace(added, (m) => ` ${reads} ${m.replace(BIRTH_RECORD, " ")} `);
  if (!acknowledgementAsked(read(query), lang)) return query;
  // The birth said done is taken out first: the words of a parent's addition may follow it (出生证上父亲一栏).
  const done = lang ? BIRTH_DONE[lang] : undefined;
  const out = read(done ? query.replace(done, " ") : query)
    .replace(/\s+/g, " ")
    .trim();
  return out === query.replace(/\s+/g, " ").trim() ? query : out;
}

/** The acknowledgement named as each language's names say it (认领, 認知, 인지, acknowledge), or read so (UNWED, PARENT_ADDED). */
const ACKNOWLEDGEMENT: Partial<Record<string, RegExp>> = {
  zh: /认领/u,
  ja: /認知/u,
  ko: /인지/u,
  en: /\backnowledg|\brecogni[sz]\w*\s+(?:my|the|his|her|our|a)\s+(?:child|son|daughter|baby|kid)|\bpaternity\b/iu,
};

/** Whether a question asks for a parent's acknowledgement (ACKNOWLEDGEMENT). */
export function acknowledgementAsked(query: string, lang: string | null): boolean {
  const named = lang ? ACKNOWLEDGEMENT[lang] : undefined;
  return named ? named.test(query) : false;
}

/**
 * A civil-status paper said wrong or to be changed (出生证上的名字写错了, 出生纸上名字拼错了, 出生证明上的生日不对,
 * 结婚证上的名字有误, 出生证上的姓要改成爸爸的姓): what is asked is the correction of the civil-status record it
 * shows (Law on Civil Status 60/2014/QH13 and Decree 123/2015/NĐ-CP, the records' bases: change, correction and
 * supplementation of civil-status information; 'Thủ tục thay đổi, cải chính, bổ sung thông tin hộ tịch …', 1.004859,
 * with a foreign element 2.000748), which the names call 民事身份信息 … 更正. Unread, the paper's words (出生, 出生证)
 * found the birth's registration and the birth's life event lifted it over the correction, whatever the mistake was
 * said with (错了, 不对, 改成 are no word the correction's name holds). So the paper is read as the names' words for
 * the record and its correction (`reads`), the mistake's words kept. Not a paper lost, copied or re-issued (no mistake
 * said), a registration missed (错过), the identity card (身份证: its own records), nor 户籍 (the glossary reads it).
 */
const CIVIL_PAPER_WRONG: Partial<Record<string, { paper: RegExp; wrong: RegExp; reads: string }>> = {
  zh: {
    paper: /出生(?:医学)?证明?书?|出生纸|出世纸|(?:出生|结婚)(?:时|的时候)?登记|结婚证书?|死亡证明?书?/gu,
    wrong: /错(?!过)|有误|不对|不正确|改(?![天日期])|更正|纠正|订正/u,
    reads: "民事身份信息 更正",
  },
};

/** A question naming a civil-status paper said wrong read as the correction of the record (CIVIL_PAPER_WRONG). */
export function withCivilCorrection(query: string, lang: string | null): string {
  const rule = lang ? CIVIL_PAPER_WRONG[lang] : undefined;
  if (!rule || query.length > DENIAL_MAX_CHARS || acknowledgementAsked(query, lang)) return query;
  // search, unlike test, reads a global expression from its start whatever it matched before.
  if (query.search(rule.paper) < 0 || !rule.wrong.test(query.replace(rule.paper, " "))) return query;
  return readOnce(query, rule.paper, rule.reads);
}

/**
 * A child's birth said to have taken place abroad ("born in Japan", "born overseas", 在韩国出生, 在日本生的, 韓国で生まれた,
 * 日本で出産した, アメリカ生まれ, 한국에서 태어난, 미국에서 낳은, 일본에서 출생신고를 한): the birth was registered by the
 * foreign country's authority, and what a Vietnamese parent files is its recording in the Vietnamese civil status
 * register (Law on Civil Status 60/2014/QH13, art. 3(3) and Decree 123/2015/NĐ-CP, arts. 35–36: 'Thủ tục ghi vào Sổ
 * hộ tịch việc khai sinh đã đăng ký tại cơ quan có thẩm quyền của nước ngoài', 2.000712, at a commune 2.000547), not a
 * birth registration with a foreign element (2.000528: a child born in Vietnam with a foreign parent), which the
 * country's name (read as a foreign party) and the birth's words found first. So the place and the birth's verb are
 * read as the recording's name in that language (`reads`, the catalogue's names of 2.000712). Only beside a child or a
 * registration (`context`): "I was born in Japan, how do I get Vietnamese nationality" asks for no birth's recording.
 * Not where the birth is said to be in Vietnam (the lists name no Vietnamese place).
 */
const BIRTH_ABROAD: Partial<Record<string, { born: RegExp; context: RegExp; reads: string }>> = {
  en: {
    born: new RegExp(
      String.raw`\b(?:born|delivered|gave birth|giving birth|give birth)\b(?:\s+(?:to\s+)?(?:a|our|my|the|her|his|twins?|baby|son|daughter|boy|girl)){0,3}\s+(?:in|at a hospital in|while (?:we were |living )?in|when we (?:lived|were living) in)\s+${FOREIGN_PLACES.en}\b|\bborn\s+(?:abroad|overseas|outside(?:\s+of)?\s+vietnam)\b|\b${FOREIGN_PLACES.en}-born\b`,
      "giu",
    ),
    context: /\b(?:register\w*|record\w*|registry|birth certificate|civil status|paperwork)\b/iu,
    reads:
      "recording in the civil status register of civil status events birth handled by competent foreign authorities",
  },
  zh: {
    born: new RegExp(
      `在${FOREIGN_PLACES.zh}(?:的医院)?(?:出生|出世|生的|生了|生下|生孩子|生小孩|生宝宝|生产|分娩|(?:报|办|登记|上)(?:了|的)?出生)|${FOREIGN_PLACES.zh}出生的`,
      "gu",
    ),
    context: /登记|户籍|户口|出生证|备案|记录|记入|报出生/u,
    reads: "越南公民已在外国主管机关办理的 出生 记入民事身份登记簿",
  },
  ja: {
    born: new RegExp(
      `(?<![\\p{Script=Katakana}ー])${FOREIGN_PLACES.ja}(?:の病院)?で(?:生まれ|産まれ|出産|産ん|誕生|出生)|(?<![\\p{Script=Katakana}ー])${FOREIGN_PLACES.ja}生まれ`,
      "gu",
    ),
    context: /届|登録|戸籍|記載|記録|載せ/u,
    reads: "外国の権限ある機関で処理された 出生 身分登録簿への記載",
  },
  ko: {
    born: new RegExp(
      `${FOREIGN_PLACES.ko}에서\\s*(?:(?:아이|아기|애기|딸|아들|쌍둥이)(?:를|을|가|이)?\\s*)?(?:태어|낳|출산|출생)`,
      "gu",
    ),
    context: /신고|등록|호적|기재|기록|올리|올려/u,
    reads: "외국 관할 기관에서 처리된 출생 신분등록부 기재",
  },
};

/**
 * A birth's registration said done again (やり直す, 重新, 다시, "again", "re-register"): the re-registration of a birth
 * with a foreign element (2.000522) is asked, which BIRTH_ABROAD's reading would hide.
 */
const BIRTH_AGAIN = /やり直|再登録|もう一度|重新|再次|补办|다시|재등록|\bagain\b|\bre-?regist|\bredo\b/iu;

/**
 * A question telling a child's birth abroad read as the recording of a birth registered abroad (BIRTH_ABROAD). Not
 * where the asker says they live abroad (`livingAbroad`, query.ts LIVING_ABROAD_SAID): a Vietnamese mission registers
 * or records the birth there (1.001020, 2.000712), which the mission's lift finds.
 */
export function withBirthAbroad(query: string, lang: string | null, livingAbroad = false): string {
  const rule = lang ? BIRTH_ABROAD[lang] : undefined;
  if (!rule || livingAbroad || query.length > DENIAL_MAX_CHARS) return query;
  const text = query.normalize("NFKC");
  if (text.search(rule.born) < 0 || BIRTH_AGAIN.test(text)) return query;
  if (!rule.context.test(text.replace(rule.born, " "))) return query;
  return readOnce(text, rule.born, rule.reads);
}

/**
 * A degree, a divorce or a marriage an English question says was obtained, decided or made in another country ("she
 * finished her degree in Australia", "a master's from the UK", "we divorced in Korea", "we got married in California
 * and want it recognised here"): the degree is recognised in Vietnam
 * ('Công nhận văn bằng … do cơ sở giáo dục nước ngoài cấp', 1.000915; Circular 13/2021/TT-BGDĐT as amended by
 * 07/2024/TT-BGDĐT) and the divorce recorded in the civil status register ('Ghi vào Sổ hộ tịch việc ly hôn … đã được
 * giải quyết tại cơ quan có thẩm quyền của nước ngoài', 2.000554; Decree 123/2015/NĐ-CP), as is the marriage ('Ghi vào
 * Sổ hộ tịch việc kết hôn …', 2.002189, the mission's 1.000736), where the question asks it recorded, recognised or
 * registered (`also`: a marriage abroad told beside a visa asks the visa). Unread, the country's words
 * and the story's ("came back to work") found a certificate of origin or a foreign trader's licence first. Read as the
 * glossary's phrases for them ("foreign degree recognition", the life event's; "divorced abroad"), added once. Not
 * where a copy, a translation, a legalisation or a mistake of the paper is asked (its own records), nor where the
 * asker lives abroad (a mission's records: LIVING_ABROAD_SAID).
 */
const DONE_ABROAD_EN: { done: RegExp; reads: string; also?: RegExp }[] = [
  {
    done: new RegExp(
      String.raw`\b(?:degree|diploma|bachelor'?s?|master'?s?|mba|phd|doctorate)\b[^.?!;,]{0,40}?\b(?:in|from|at)\s+(?:an?\s+|the\s+)?(?:\w+\s+)?(?:(?:university|college)\s+(?:in|of)\s+)?${FOREIGN_PLACES.en}\b`,
      "iu",
    ),
    reads: "foreign degree recognition",
  },
  {
    done: new RegExp(String.raw`\bdivorc\w*\b[^.?!;]{0,30}?\b(?:in|from)\s+${FOREIGN_PLACES.en}\b`, "iu"),
    reads: "divorced abroad",
  },
  {
    done: new RegExp(
      String.raw`\bmarri(?:ed|age)\b[^.?!;]{0,30}?\b(?:in|at)\s+(?:an?\s+\w+\s+in\s+)?${FOREIGN_PLACES.en}\b`,
      "iu",
    ),
    reads: "married abroad",
    also: /\b(?:record\w*|recogni[sz]\w*|regist\w*|acknowledg\w*|valid|legal in|transcri\w*|updat\w*|noted)\b/iu,
  },
];
const DONE_ABROAD_NOT =
  /\b(?:cop(?:y|ies)|translat\w*|legali[sz]\w*|notari[sz]\w*|apostille|lost|wrong|mistakes?|errors?|replace\w*|fake)\b/iu;

/** An English degree or divorce said obtained abroad read as its recognition or recording (DONE_ABROAD_EN). */
export function withDoneAbroad(query: string, lang: string | null, livingAbroad = false): string {
  if (lang !== "en" || livingAbroad || query.length > DENIAL_MAX_CHARS || DONE_ABROAD_NOT.test(query))
    return query;
  let out = query;
  for (const { done, reads, also } of DONE_ABROAD_EN)
    if (done.test(query) && (!also || also.test(query))) out = addedOnce(out, reads);
  return out;
}

/**
 * A driving licence said to be another country's ("my Japanese driving licence", "UK license", "licence from Korea",
 * 日本の運転免許, 中国驾照, 한국 운전면허증): a foreigner's licence, which is used in Vietnam by exchanging it for a
 * Vietnamese one ('Đổi giấy phép lái xe hoặc bằng lái xe của người nước ngoài', 3.000351; Law on Road Traffic Order
 * and Safety 36/2024/QH15, art. 59), not by the first issuance after a test (3.000346), which the licence's words and
 * the asked "get" (取りたい) found as often. Read as that record's name in the language (`reads`, data/curated/names),
 * once. Not where a test or an international permit is said (試験, 考, 시험, "test": a first licence by test; 国際,
 * "international": the international permit, 3.000353), and in English only beside a driving word (a "Korean license"
 * alone may be any licence). An English nationality is the glossary's (isNationality, as withNationalsRead reads it).
 */
const FOREIGN_LICENCE: Partial<Record<string, { licence: RegExp; not: RegExp; reads: string }>> = {
  en: {
    licence:
      /\b([a-z]+(?:\s+[a-z]+)?)\s+(?:(?:driving|driver'?s?|drivers|motorbike|motorcycle|car)\s+)?(?:licen[cs]es?|permits?)\b/giu,
    not: /\b(?:tests?|exams?|examination|international|idp)\b/iu,
    reads: "exchange of foreigners' driving licenses",
  },
  zh: {
    licence: new RegExp(
      `${FOREIGN_PLACES.zh}(?:的|考的|拿的)?(?:驾照|驾驶证|驾驶执照|駕照|駕駛證|駕駛執照)`,
      "gu",
    ),
    not: /考试|考驾照|考照|国际|國際|驾校/u,
    reads: "换发外国人的驾驶证",
  },
  ja: {
    licence: new RegExp(
      `(?<![\\p{Script=Katakana}ー])${FOREIGN_PLACES.ja}(?:の|で(?:取った|取得した))?(?:運転)?免許証?`,
      "gu",
    ),
    not: /試験|教習|国際/u,
    reads: "外国人の運転免許証の切替え",
  },
  ko: {
    licence: new RegExp(
      `${FOREIGN_PLACES.ko}\\s*(?:의\\s*|에서\\s*(?:딴|받은|취득한)\\s*)?(?:운전\\s*)?면허증?`,
      "gu",
    ),
    not: /시험|학원|국제/u,
    reads: "외국인의 운전면허증 교환",
  },
};

/** English words of driving beside which a licence of a nationality is a driving licence (FOREIGN_LICENCE). */
const DRIVING_SAID = /\b(?:driv\w*|motorbikes?|motorcycles?|cars?|scooters?|ride|riding)\b/iu;

/** An English licence said to come from a country ("licence from Korea", "license issued in the UK"). */
const LICENCE_FROM = new RegExp(
  String.raw`\b(?:(?:driving|driver'?s?|drivers)\s+)?(?:licen[cs]es?|permits?)\s+(?:(?:is|was)\s+)?(?:from|issued in|issued by|of)\s+${FOREIGN_PLACES.en}\b`,
  "giu",
);

/** A whole English country's name as FOREIGN_PLACES writes one ("UK", "the US", "new zealand"). */
const PLACE_EN = new RegExp(`^${FOREIGN_PLACES.en}$`, "iu");

/** A driving licence said to be another country's read as the exchange of a foreigner's licence (FOREIGN_LICENCE). */
export function withForeignLicence(
  query: string,
  lang: string | null,
  isNationality: (words: string) => boolean = () => false,
): string {
  const rule = lang ? FOREIGN_LICENCE[lang] : undefined;
  if (!rule || query.length > DENIAL_MAX_CHARS || rule.not.test(query)) return query;
  if (lang !== "en")
    return query.search(rule.licence) < 0 ? query : readOnce(query, rule.licence, rule.reads);
  if (!DRIVING_SAID.test(query)) return query;
  if (query.search(LICENCE_FROM) >= 0) return readOnce(query, LICENCE_FROM, rule.reads);
  const foreign = (words: string) => isNationality(words) || PLACE_EN.test(words);
  let read = false;
  return query.replace(rule.licence, (m: string, before: string) => {
    if (read) return m;
    const words = before.split(/\s+/);
    const last = words[words.length - 1] as string;
    if (!foreign(before) && !foreign(last)) return m;
    read = true;
    return `${words.length > 1 && !foreign(before) ? `${words[0]} ` : ""}${rule.reads}`;
  });
}

/**
 * A pet said to leave Vietnam with its owner ("take my cat out of Vietnam", "moving back to Australia with our cats",
 * 带猫回国, 猫を日本に連れて帰る, 귀국할 때 강아지, mang chó ra nước ngoài): the animal is exported, and its owner files
 * the quarantine certificate of an exported land animal ('Cấp Giấy chứng nhận kiểm dịch động vật, sản phẩm động vật
 * trên cạn xuất khẩu', 1.003407: registered with the border quarantine office before the animal leaves; Law on
 * Veterinary Medicine 79/2015/QH13, art. 45). Unread, the pet's words and the glossary's "bring along" (데리고, 連れて)
 * found the import of one (1.002496, 1.003264) whichever way it went, and 检疫 or 검역 beside a country the plant or
 * aquatic certificates. So the pet is read as that record's name in the language (`out`, data/curated/names), once,
 * where leaving is said and coming in is not (`entering`: "from Japan", "into Vietnam", 从日本, 日本から, 한국에서,
 * 입국; the import's readings stay the glossary's). Vietnamese "về nước" is coming home to Vietnam.
 */
const PET_LEAVING: Partial<Record<string, { pet: RegExp; leaving: RegExp; entering: RegExp; out: string }>> =
  {
    en: {
      pet: /\b(?:pets?|dogs?|cats?|pupp(?:y|ies)|kittens?)\b/giu,
      leaving: new RegExp(
        String.raw`\b(?:out of vietnam|(?:leav(?:e|ing)|left|depart\w*|exit\w*)\s+(?:from\s+)?vietnam|home country|(?:back|go|going|move|moving|fly|flying|return\w*|relocat\w*|head\w*|ship\w*|send\w*|take|taking)\s+(?:\w+\s+){0,3}?(?:back\s+)?(?:home|abroad|overseas)|(?:back\s+)?to\s+${FOREIGN_PLACES.en}|export\w*)\b`,
        "iu",
      ),
      entering: new RegExp(
        String.raw`\bfrom\s+(?:abroad|overseas|${FOREIGN_PLACES.en})\b|\b(?:into|to)\s+vietnam\b|\bimport\w*`,
        "iu",
      ),
      out: "quarantine certificates for exported terrestrial animals",
    },
    zh: {
      pet: /宠物|猫咪|狗狗|小狗|小猫|猫|狗/gu,
      leaving: new RegExp(
        `回国|带回|出境|带出|离开越南|出国|运回|寄回|(?:带|送|运|托运)(?:去|到|回)${FOREIGN_PLACES.zh}|出口`,
        "u",
      ),
      entering: new RegExp(`从${FOREIGN_PLACES.zh}|入境|带进|来越南|到越南|进越南|进口`, "u"),
      out: "出口陆生动物 检疫证书",
    },
    ja: {
      pet: /ペット|ワンちゃん|愛犬|愛猫|子犬|子猫|犬|猫/gu,
      leaving: new RegExp(
        `連れて帰|連れ帰|帰国|出国|持ち出|連れ出|(?<![\\p{Script=Katakana}ー])${FOREIGN_PLACES.ja}(?:に|へ)(?:連れ|持|送|運)|輸出`,
        "u",
      ),
      entering: new RegExp(
        `(?<![\\p{Script=Katakana}ー])${FOREIGN_PLACES.ja}から|入国|ベトナム(?:に|へ)(?:連れ|持|送|運)|輸入`,
        "u",
      ),
      out: "輸出陸生動物 動物検疫証明書",
    },
    ko: {
      pet: /반려동물|애완동물|반려견|반려묘|강아지|고양이/gu,
      leaving: new RegExp(
        `귀국|출국|반출|수출|${FOREIGN_PLACES.ko}(?:으로|로|에)\\s*(?:데려|데리고|가|돌아|보내|이사)`,
        "u",
      ),
      entering: new RegExp(
        `${FOREIGN_PLACES.ko}에서|입국|베트남(?:으로|에)\\s*(?:데려|데리고|들어|가|오)|반입|수입`,
        "u",
      ),
      out: "수출 육상동물 동물검역증명서",
    },
    vi: {
      pet: /thú cưng|(?<!\p{L})(?:chó|mèo|cún)(?!\p{L})/giu,
      leaving: new RegExp(
        `ra nước ngoài|đi nước ngoài|xuất cảnh|xuất khẩu|rời việt nam|sang ${FOREIGN_PLACES.vi}`,
        "iu",
      ),
      entering: /từ nước ngoài|nhập khẩu|nhập cảnh|về nước|về việt nam|vào việt nam|sang việt nam/iu,
      out: "kiểm dịch động vật trên cạn xuất khẩu",
    },
  };

/** A pet said to leave Vietnam read as the export quarantine of a land animal (PET_LEAVING). */
export function withPetLeaving(query: string, lang: string | null): string {
  const rule = lang ? PET_LEAVING[lang] : undefined;
  if (!rule || query.length > DENIAL_MAX_CHARS || query.search(rule.pet) < 0) return query;
  if (!rule.leaving.test(query) || rule.entering.test(query)) return query;
  return readOnce(query, rule.pet, rule.out);
}

/**
 * Who finalises a salary's personal income tax, said in the question: the earner themself ("my own", "myself", 自己,
 * 本人, 自分で, 個人で, 직접, 본인, "tự quyết toán") files the finalisation or refund directly with the tax authority
 * ('Khai quyết toán thuế/ Hoàn thuế đối với cá nhân cư trú … quyết toán thuế trực tiếp với cơ quan thuế', 2.002233);
 * an employer for its staff (employees, 员工, 従業員, 직원, nhân viên) files the finalisation of the tax it withheld
 * ('Khai quyết toán thuế thu nhập cá nhân đối với tổ chức, cá nhân trả thu nhập từ tiền lương, tiền công', 1.008309;
 * Law on Tax Administration 38/2019/QH14, art. 44; Decree 126/2020/NĐ-CP, art. 8(6)). Unread, the employer's
 * finalisation, used far more, came first for the earner's own, and the monthly withholding return (2.002235) for an
 * employer's. So the question is read with the words of the name of the one who files (`reads`: the records' names
 * in the language, data/curated/names and data/investor; Korean says the employer's 연말정산, year-end settlement),
 * added once. The employer's only where staff are said with
 * a finalisation (a refund for staff is another record, 1.008562); the earner's only where no staff or employer is
 * said. Neither beside a business, a shop or a rent (`business`: a household business's or a landlord's tax, not a
 * salary's).
 */
const TAX_FILER: Partial<
  Record<
    string,
    {
      tax: RegExp;
      act: RegExp;
      final: RegExp;
      self: RegExp;
      staff: RegExp;
      employer: RegExp;
      business: RegExp;
      reads: [string, string];
    }
  >
> = {
  en: {
    tax: /\b(?:pit|tax(?:es)?)\b/iu,
    act: /\b(?:finali[sz]\w*|refund\w*|settle\w*|tax returns?|claim\w*\s+(?:it\s+)?back|overpa(?:id|y\w*))\b/iu,
    final: /\b(?:finali[sz]\w*|settle\w*|tax returns?)\b/iu,
    self: /\b(?:my own|myself|on my own|by myself|individually|as an individual|self[-\s]?(?:fil\w*|finali[sz]\w*|declar\w*)|i\s+(?:file|do|finali[sz]e|submit|declare)|get my (?:tax\s+)?refund)\b/iu,
    staff: /\b(?:employees?|staff|workers?|personnel|payroll)\b/iu,
    employer:
      /\b(?:employers?|employees?|staff|workers?|personnel|payroll|hr|organi[sz]ations?|on behalf)\b/iu,
    business: /\b(?:business\w*|self[-\s]employed|freelanc\w*|shops?|stores?|rent\w*|lease\w*|household)\b/iu,
    reads: [
      "resident individuals who finalize tax directly with the tax authority",
      "finalisation for organisations paying salaries and wages",
    ],
  },
  zh: {
    tax: /个税|个人所得税|所得税|工资税/u,
    act: /汇算|清缴|决算|结算|退税|申报/u,
    final: /汇算|清缴|决算|结算/u,
    self: /自己|本人|亲自|自行/u,
    staff: /员工|职工|雇员|工人/u,
    employer: /公司|单位|员工|职工|雇员|雇主|企业|代扣|代办/u,
    business: /经营|生意|个体|买卖|出租|开店|店铺|自由职业/u,
    reads: ["直接向税务机关办理汇算清缴的居民个人", "支付工资薪金的组织 个人所得税汇算清缴"],
  },
  ja: {
    tax: /所得税|税金/u,
    act: /確定申告|還付|精算|年末調整/u,
    final: /確定申告|精算|年末調整/u,
    self: /自分で|個人で|自ら|本人が|自身で|自力で|私が/u,
    staff: /従業員|社員|職員|スタッフ/u,
    employer: /会社|従業員|社員|職員|スタッフ|雇用主|企業|源泉徴収義務者|代わりに/u,
    business: /商売|事業|自営|ビジネス|店|家賃|賃貸|フリーランス/u,
    reads: ["税務機関に直接確定申告を行う居住者個人", "給与・賃金を支払う組織 個人所得税の確定申告"],
  },
  ko: {
    tax: /소득세|세금/u,
    act: /정산|환급|신고/u,
    final: /정산|확정\s*신고/u,
    self: /직접|본인|제가|내가|혼자|스스로|개인적으로|환급\s*(?:을|를)?\s*(?:받|신청)/u,
    staff: /직원|근로자|사원|종업원/u,
    employer: /회사|직원|근로자|사원|종업원|고용주|사업주|기업|법인|원천|대신/u,
    business: /사업|장사|가게|자영업|임대|프리랜서/u,
    reads: ["세무기관에 직접 정산하는 거주 개인", "급여·임금 지급 조직 개인소득세 연말정산"],
  },
  vi: {
    tax: /thuế|tncn/iu,
    act: /quyết toán|hoàn thuế/iu,
    final: /quyết toán/iu,
    self: /(?:tôi|em|mình|tự)\s+(?:tự\s+)?(?:quyết toán|làm quyết toán|khai|đi quyết toán)|cá nhân tự|trực tiếp/iu,
    staff: /nhân viên|người lao động|công nhân|cán bộ/iu,
    employer: /công ty|doanh nghiệp|nhân viên|người lao động|tổ chức|đơn vị|kế toán|công nhân/iu,
    business: /kinh doanh|buôn bán|cho thuê|tự do/iu,
    reads: [
      "cá nhân cư trú quyết toán thuế trực tiếp với cơ quan thuế",
      "tổ chức trả thu nhập từ tiền lương, tiền công",
    ],
  },
};

/** A salary's income tax finalised by the earner or by the employer for its staff read as that filer's (TAX_FILER). */
export function withTaxFiler(query: string, lang: string | null): string {
  const rule = lang ? TAX_FILER[lang] : undefined;
  if (!rule || query.length > DENIAL_MAX_CHARS || !rule.tax.test(query) || !rule.act.test(query))
    return query;
  if (rule.business.test(query)) return query;
  if (rule.staff.test(query) && rule.final.test(query)) return `${query} ${rule.reads[1]}`;
  if (rule.self.test(query) && !rule.employer.test(query)) return `${query} ${rule.reads[0]}`;
  return query;
}

/**
 * A civil-status event (a birth, a marriage, a death, a parent's acknowledgement) said to take place in a border area
 * ("border commune", 边境, 国境, 국경, "khu vực biên giới"): the commune of a border area registers it for a citizen
 * of the neighbouring country residing in that country's border area, by procedures of their own ('Thủ tục đăng ký
 * khai sinh có yếu tố nước ngoài tại khu vực biên giới', 1.000110; kết hôn 1.000094; khai tử 1.004827; nhận cha, mẹ,
 * con 1.000080; Law on Civil Status 60/2014/QH13, art. 7(2); Decree 123/2015/NĐ-CP, arts. 17–20), which the event's
 * words found behind its nationwide twin with a foreign element (2.000528). So the question is read with the words the
 * border procedures' names hold in the language (`reads`, data/curated/names), added once.
 */
const BORDER_EVENT: Partial<Record<string, { border: RegExp; event: RegExp; reads: string }>> = {
  en: {
    border:
      /\bborder(?:\s+(?:area|areas|commune|communes|village|villages|district|province|region|town))?\b/iu,
    event:
      /\b(?:birth|born|baby|newborn|marr\w*|wedding|wed|death|died|dead|passed away|paternity|maternity|acknowledg\w*|recogni[sz]\w*)\b/iu,
    reads: "in border areas involving foreign elements",
  },
  zh: {
    border: /边境|边界|边民|邊境/u,
    event: /出生|报户口|结婚|婚姻|死亡|去世|过世|认亲|认领|父子|母子|亲子/u,
    reads: "边境地区涉外",
  },
  ja: { border: /国境/u, event: /出生|生まれ|婚姻|結婚|死亡|亡くな|認知/u, reads: "国境地域における渉外" },
  ko: { border: /국경|접경/u, event: /출생|태어|결혼|혼인|사망|인지/u, reads: "국경 지역의 외국적 요소" },
  vi: {
    border: /biên giới/iu,
    event: /khai sinh|kết hôn|khai tử|nhận cha|nhận mẹ|nhận con/iu,
    reads: "có yếu tố nước ngoài tại khu vực biên giới",
  },
};

/** A civil-status event in a border area read with the border procedures' words (BORDER_EVENT). */
export function withBorderEvent(query: string, lang: string | null): string {
  const rule = lang ? BORDER_EVENT[lang] : undefined;
  if (!rule || query.length > DENIAL_MAX_CHARS || !rule.border.test(query) || !rule.event.test(query))
    return query;
  return addedOnce(query, rule.reads);
}

/**
 * A visa said to be changed for another kind inside Vietnam ("change my visa from tourist to work visa", "visa
 * conversion", 旅游签转成工作签, 観光ビザから就労ビザに変更, 관광비자를 취업비자로 변경): a new visa is issued to the foreigner in Vietnam ('Cấp thị
 * thực cho người nước ngoài tại Việt Nam', 1.001194, at the centre 1.003342; Law on Entry, Exit, Transit and Residence
 * of Foreigners 47/2014/QH13 as amended by 51/2019/QH14, art. 7(4)–(5): a visa's purpose is changed, where the law
 * allows it, by the issuance of a new visa). Unread, the visa kinds' words found what they name (就労, 工作, 취업: the work permit; the e-visa; a visa issued
 * abroad). So the change is read as that record's name in the language (`reads`, data/curated/names), the kinds' words
 * with it, once; not where an extension (the stay's own record, 1.001146) or an e-visa is said. Not in Vietnamese:
 * measured, its questions found the visa without it.
 */
const VISA_CHANGE: Partial<Record<string, { change: RegExp; not: RegExp; reads: string }>> = {
  en: {
    change:
      /\b(?:chang\w*|convert\w*|switch\w*)\s+(?:(?:my|our|his|her|their|the|a)\s+)?(?:\w+\s+)?visa(?:\s+type)?(?:\s+from\s+(?:a\s+)?\w+(?:\s+visa)?\s+to\s+(?:a\s+)?\w+(?:\s+visa)?)?|\b(?:chang\w*|convert\w*|switch\w*)\s+from\s+(?:a\s+)?\w+(?:\s+visa)?\s+to\s+(?:a\s+)?\w+\s+visa\b|\bvisa\s+(?:conversion|change)\b/giu,
    not: /\b(?:extend\w*|extension|e-?visa|evisa)\b/iu,
    reads: "issuance of visas to foreigners in Vietnam",
  },
  zh: {
    change:
      /[\p{Script=Han}]{0,2}签证?(?:类型)?(?:转|换|改|变更)(?:成|为)?[\p{Script=Han}]{0,4}签证?|(?:转|换|改)(?:成|为)[\p{Script=Han}]{0,4}签证?/gu,
    not: /延期|延长|续签|电子签/u,
    reads: "越南境内核发签证",
  },
  ja: {
    change:
      /(?:[\p{Script=Katakana}\p{Script=Han}ー]{0,8}ビザ(?:から|を)\s*)?[\p{Script=Katakana}\p{Script=Han}ー]{0,8}ビザ(?:に|へ)\s*(?:変更|切り?替え?|切替|変え|転換)|ビザ(?:の種類)?(?:を|の)?\s*(?:変更|切り?替え?|切替|変え|転換)/gu,
    not: /延長|電子ビザ|eビザ/iu,
    reads: "ベトナム国内の外国人に対する査証の発給",
  },
  ko: {
    change:
      /(?:\S*비자(?:를|에서)\s*)?\S*비자로\s*(?:변경|전환|바꾸|바꿔|바꿀)|비자\s*(?:종류(?:를|가)?\s*)?(?:변경|전환|바꾸|바꿔|바꿀)/gu,
    not: /연장|전자\s*비자/u,
    reads: "베트남 내 외국인 비자 발급",
  },
};

/** A visa said to be changed for another kind inside Vietnam read as the issuance of a visa there (VISA_CHANGE). */
export function withVisaChange(query: string, lang: string | null): string {
  const rule = lang ? VISA_CHANGE[lang] : undefined;
  if (!rule || query.length > DENIAL_MAX_CHARS || rule.not.test(query) || query.search(rule.change) < 0)
    return query;
  return readOnce(query, rule.change, rule.reads);
}

/**
 * A vehicle said to leave Vietnam or its registration said to end ("taking my motorbike out of Vietnam", "leaving
 * Vietnam for good … my car registration", 汽车要运出越南, 摩托车卖了 … 注销, "xe máy mang ra nước ngoài"): its owner
 * files the revocation of the registration certificate and plates ('Thu hồi chứng nhận đăng ký xe, biển số xe',
 * 1.013065 online, 1.013123 in person; Circular 79/2024/TT-BCA, the records' basis, on the revocation of a
 * registration: a vehicle exported or re-exported, scrapped, or sold, its seller declaring it), not the transfer a
 * buyer registers (1.013076), whose curated summary tells the seller's revocation and so matched the sale's words (卖,
 * 팔았) first. So the question is read with the revocation
 * record's name in the language (`reads`, data/curated/names), added once. Not in Korean or Japanese: measured, 抹消
 * and 返納 found it, and 오토바이 weighs the first registration's and the transfer's names over any reading.
 */
const VEHICLE_GONE: Partial<Record<string, { vehicle: RegExp; gone: RegExp; reads: string }>> = {
  en: {
    vehicle: /\b(?:cars?|motorbikes?|motorcycles?|scooters?|vehicles?|bikes?)\b/iu,
    gone: /\b(?:out of vietnam|(?:leav(?:e|ing)|left)\s+vietnam|export\w*|de-?regist\w*|cancel\w*\s+(?:the\s+|my\s+|its\s+)?registration|(?:return|hand\s+(?:in|back))\s+(?:the\s+|my\s+|its\s+)?(?:licen[cs]e\s+|number\s+)?plates?)\b/iu,
    reads: "revocation of vehicle registration certificates and licence plates",
  },
  zh: {
    vehicle: /车|摩托/u,
    gone: /注销|收回|交回|上交|退牌|(?:运|开|带)出越南|(?:运|开|带)回国|出口/u,
    reads: "收回车辆登记证、车辆号牌",
  },
  vi: {
    vehicle: /(?<!\p{L})(?:xe|ô tô|oto)(?!\p{L})/iu,
    gone: /ra nước ngoài|xuất khẩu|tái xuất|rời việt nam|xóa đăng ký|hủy đăng ký|trả (?:lại )?biển|nộp (?:lại )?biển/iu,
    reads: "thu hồi chứng nhận đăng ký xe, biển số xe",
  },
};

/** A vehicle said to leave Vietnam or to end its registration read as the revocation's name (VEHICLE_GONE). */
export function withVehicleGone(query: string, lang: string | null): string {
  const rule = lang ? VEHICLE_GONE[lang] : undefined;
  if (!rule || query.length > DENIAL_MAX_CHARS || !rule.vehicle.test(query) || !rule.gone.test(query))
    return query;
  return addedOnce(query, rule.reads);
}

/**
 * A relative an English story says moves in with the asker ("my mother-in-law is moving from the countryside to live
 * with us", "my father is coming to live in our house permanently"): the one who moves registers their residence at
 * the new home, temporary ('Đăng ký tạm trú', 1.004194) or, where they stay for good, permanent ('Đăng ký thường
 * trú', 1.004222; Law on Residence 68/2020/QH14, art. 20 and 27: a relative's legal residence with the owner's
 * consent). The life event relative-moving-in reads "moved in with my", but its words are stopwords and lifted it
 * from no share; read as words, "mother" and "live" found a parent's acknowledgement. So the moving is read as the
 * registration's English name (data/curated/names), the permanent one where "permanently" or "for good" is said. Not
 * beside a pension (a pensioner moving in changes where the pension is paid: the life event pension-elsewhere).
 */
const MOVING_IN_EN =
  /\b(?:mov(?:e|es|ed|ing)|com(?:e|es|ing)|came)\b[^.?!]{0,40}?\b(?:(?:to\s+live|in)\s+with\s+(?:us|me|my family|our family)|to\s+live\s+(?:in|at)\s+(?:our|my)\s+(?:house|home|flat|apartment|place))\b/giu;
const MOVING_IN_NOT = /\b(?:pensions?|pensioners?)\b/iu;
const FOR_GOOD = /\b(?:permanently|for good|forever|for ever)\b/iu;

/** An English relative said to move in with the asker read as the residence's registration (MOVING_IN_EN). */
export function withMovingIn(query: string, lang: string | null): string {
  if (lang !== "en" || query.length > DENIAL_MAX_CHARS || query.search(MOVING_IN_EN) < 0) return query;
  if (MOVING_IN_NOT.test(query)) return query;
  const reads = FOR_GOOD.test(query)
    ? "permanent residence registration"
    : "temporary residence registration";
  return readOnce(query, MOVING_IN_EN, reads);
}

/**
 * Leaving Vietnam to live abroad for good told in English ("leaving Vietnam for good", "emigrating to Australia",
 * "moving abroad permanently", "going home to the Philippines for good"): settling abroad ends what the asker holds
 * here. Their social insurance is paid out at once ('Giải quyết hưởng bảo hiểm xã hội một lần', 1.001613; Law on
 * Social Insurance 41/2024/QH15, art. 70: one who settles abroad, or a foreign worker whose work in Vietnam ends), and
 * their permanent residence is deregistered ('Xóa đăng ký thường trú', 1.003197; Law on Residence 68/2020/QH14, art.
 * 24: one who settles abroad). Read as words, the move found a pensioner's allowance for going abroad (2.000755), the
 * voluntary insurance or the residence's registration before them. Where the settling and the insurance or the
 * residence are said, the record's English name is added once (data/curated/names: "Settlement of lump-sum social
 * insurance benefits", "Deregistration of permanent residence"). Not beside a pension (a pensioner going abroad has
 * 2.000755, its own record), nor for a stay abroad of a set time (studies, a work contract abroad: "for two years").
 */
const SETTLING_ABROAD_EN = new RegExp(
  [
    String.raw`\b(?:leav(?:e|es|ing)|left|quit(?:ting)?)\s+(?:vietnam|the country)\b[^.?!]{0,30}?\b(?:for good|permanently|forever|for ever)\b`,
    String.raw`\bemigrat\w*`,
    String.raw`\b(?:mov(?:e|es|ed|ing)|go(?:es|ing)?|went|relocat\w*|return(?:s|ed|ing)?)\s+(?:back\s+)?(?:home\s+)?(?:abroad|overseas|to\s+${FOREIGN_PLACES.en}|home)\b[^.?!]{0,40}?\b(?:for good|permanently|forever|for ever)\b`,
    String.raw`\b(?:settl(?:e|es|ed|ing)|liv(?:e|es|ing)\s+permanently)\s+(?:abroad|overseas|in\s+${FOREIGN_PLACES.en})\b`,
  ].join("|"),
  "iu",
);
const SETTLING_HOLDS_EN: readonly { said: RegExp; reads: string }[] = [
  {
    said: /\b(?:social insurance|insurance (?:money|contributions?|book)|si book)\b/iu,
    reads: "settlement of lump-sum social insurance benefits",
  },
  {
    said: /\b(?:household (?:registration|book)|hộ khẩu|ho khau|permanent residence|residence registration|registered (?:address|residence))\b/iu,
    reads: "deregistration of permanent residence",
  },
];
const SETTLING_NOT_EN = /\b(?:pensions?|pensioners?|monthly (?:allowance|benefit)s?)\b/iu;

/** An English story of settling abroad read with what it ends here (SETTLING_ABROAD_EN, SETTLING_HOLDS_EN). */
export function withSettlingAbroad(query: string, lang: string | null): string {
  if (lang !== "en" || query.length > DENIAL_MAX_CHARS || !SETTLING_ABROAD_EN.test(query)) return query;
  if (SETTLING_NOT_EN.test(query)) return query;
  let out = query;
  for (const { said, reads } of SETTLING_HOLDS_EN) if (said.test(query)) out = addedOnce(out, reads);
  return out;
}

/**
 * A motorbike or a car an English story names by its make or model ("a second-hand Honda Wave", "my old Yamaha
 * Sirius", "his Toyota Vios", "a new Vespa"): a road motor vehicle, registered with a registration certificate and
 * plates (Law on Road Traffic Order and Safety 36/2024/QH15, art. 34 and 39; Circular 79/2024/TT-BCA), whose records
 * say "vehicle" and whose glossary reads "motorbike" and "car" ("second-hand … motorbike": the change of owner,
 * 1.013076). Read as a model name, "Honda Wave" matched nothing of the vehicle's records, and "bought a used Honda
 * Wave … put it in my name" found a work permit. So a make said with a model, or alone as the owner's vehicle ("my
 * Honda", "a Yamaha"; in Vietnam "xe Honda" says a motorbike of any make), and the few models that are no English
 * word (Air Blade, Exciter, Sirius, Vespa) are read as "motorbike" or "car" ("Honda City", "Honda Civic" are cars).
 * Not the make as a company ("Honda Vietnam", "a Toyota factory"), which is an employer, not a vehicle.
 */
const MOTORBIKE_MODELS =
  "wave(?: alpha| rsx| s)?|dream|future|vision|air ?blade|lead|sh(?: ?mode| ?\\d+i?)?|vario|winner(?: x)?|(?:super )?cub|blade|exciter|sirius|jupiter|nouvo|grande|janus|nvx|freego|latte|raider|satria|axelo|impulse|liberty|medley|primavera|sprint|gts|attila|elizabeth|galaxy|angela|klara|feliz|evo|vento|theon";
const CAR_MODELS =
  "vios|innova|camry|corolla(?: cross)?|fortuner|yaris|wigo|raize|veloz|accent|i10|grand i10|santa ?fe|tucson|creta|elantra|morning|cerato|k3|seltos|sonet|carnival|cx-?\\d|mazda ?\\d|ranger|everest|territory|xpander|attrage|pajero|navara|almera|city|civic|cr-?v|hr-?v|accord|brio|vf ?\\d|lux a2\\.0|lux sa2\\.0|fadil";
const VEHICLE_NAMED_EN: readonly { said: RegExp; reads: string }[] = [
  {
    said: new RegExp(
      String.raw`\b(?:honda|toyota|hyundai|kia|mazda|ford|mitsubishi|nissan|vinfast|chevrolet|suzuki)\s+(?:${CAR_MODELS})\b|\b(?:mercedes(?:-benz)?|bmw|audi|lexus|peugeot|volkswagen|vw|subaru)\b(?:\s+[a-z]?\d+\w*)?`,
      "giu",
    ),
    reads: "car",
  },
  {
    said: new RegExp(
      String.raw`\b(?:(?:honda|yamaha|suzuki|piaggio|sym|kawasaki|vinfast)\s+(?:${MOTORBIKE_MODELS})|air ?blade|exciter|sirius|vespa(?:\s+(?:${MOTORBIKE_MODELS}))?)\b`,
      "giu",
    ),
    reads: "motorbike",
  },
  {
    said: /\b(?:(?:my|our|his|her|their|a|an|the|old|used|new|second-hand|second hand|secondhand)\s+)(?:honda|yamaha|piaggio|sym)\b(?!\s+(?:vietnam|company|corporation|factory|plant|group|dealer\w*|showroom|office)\b)/giu,
    reads: "motorbike",
  },
  {
    said: /\b(?:(?:my|our|his|her|their|a|an|the|old|used|new|second-hand|second hand|secondhand)\s+)(?:toyota|hyundai|kia|mazda|ford|mitsubishi|nissan)\b(?!\s+(?:vietnam|company|corporation|factory|plant|group|dealer\w*|showroom|office)\b)/giu,
    reads: "car",
  },
];

/** An English vehicle named by its make or model read as "motorbike" or "car" (VEHICLE_NAMED_EN). */
export function withVehicleNamed(query: string, lang: string | null): string {
  if (lang !== "en" || query.length > DENIAL_MAX_CHARS) return query;
  let out = query;
  for (const { said, reads } of VEHICLE_NAMED_EN)
    if (out.search(said) >= 0)
      out = out.replace(said, (m) => {
        // The article or owner before a make said alone stays ("my Honda" → "my motorbike").
        const lead =
          /^((?:[a-z-]+\s+)*?)(?:honda|yamaha|piaggio|sym|toyota|hyundai|kia|mazda|ford|mitsubishi|nissan)$/iu.exec(
            m,
          );
        return lead ? `${lead[1]}${reads}` : reads;
      });
  return out;
}

/**
 * A business an English story says stops for a time ("shut my shop for a while", "close the stall for three months",
 * "stop operating until the market recovers", "pause the cooperative over the summer"): its owner notifies a temporary
 * suspension ('Tạm ngừng kinh doanh … của hộ kinh doanh', 1.001570; 'Thông báo tạm ngừng kinh doanh …' of an
 * enterprise, its branch or office, 2.002029, of a cooperative, 2.002641; Decree 168/2025/NĐ-CP on business
 * registration: a suspension notified before it starts, for a set time), not the end of its operation its verb alone
 * says (a shop shut found 1.001266, the termination, first: the life event closing-a-household-shop, and the names'
 * "closing"/"termination"). Where a stop verb, a temporariness (a length, "for a while", "temporarily", "until",
 * "reopen", "over the summer") and a business are said, the verb is read as the suspension's name for that kind of
 * business in the records' English (data/curated/names: "Suspension of business … by household businesses",
 * "Notification of business suspension …"), which the life events pausing-a-household-shop, pausing-a-company and
 * pausing-a-cooperative also read. Added to the words, the verb kept, the closing still led. Not where the stop is
 * said to be for good ("permanently", "for good", "dissolve"), nor where no business is named (a benefit or a pension
 * stopped is its own record's).
 */
const PAUSE_EN = {
  stop: /\b(?:stop(?:s|ped|ping)?|clos(?:e|es|ed|ing)|shut(?:s|ting)?|paus(?:e|es|ed|ing)|suspend(?:s|ed|ing)?|halt(?:s|ed|ing)?|take a break|taking a break)\b/giu,
  time: new RegExp(
    [
      String.raw`\bfor (?:${COUNT_EN} )?(?:days?|weeks?|months?|years?|while|bit|time|moment)\b`,
      String.raw`\bfor (?:some|a short|a little) (?:time|while)\b`,
      String.raw`\bfor the (?:time being|summer|winter|holidays?|season|rainy season)\b`,
      String.raw`\b(?:over|during|through) (?:the )?(?:summer|winter|tet|holidays?|lunar new year|renovation|rainy season)\b`,
      String.raw`\b(?:temporar(?:y|ily)|until|till|re-?open\w*|resume\w*|open (?:it |up )?again|come back later)\b`,
    ].join("|"),
    "iu",
  ),
  forGood:
    /\b(?:for good|permanently|forever|for ever|dissol\w*|terminat\w*|no longer|never|give up|giving up|gave up|deregist\w*)\b/iu,
  kinds: [
    {
      said: /\b(?:cooperatives?|co-?ops?)\b/iu,
      reads: "notification of business suspension for cooperatives",
    },
    {
      said: /\b(?:company|companies|firm|enterprise|corporation|branch|representative office|business location|factory|jsc|llc)\b/iu,
      reads: "notification of business suspension for enterprises",
    },
    {
      said: /\b(?:shops?|stores?|stalls?|caf(?:e|é)s?|restaurants?|eatery|salon|spa|bakery|grocery|kiosk|booth|household business|family business|noodle|pho|bar|workshop)\b/iu,
      reads: "suspension of business by household businesses",
    },
  ],
} as const;

/** An English business said to stop for a time, its stop verb read as its temporary suspension's name (PAUSE_EN). */
export function withPauseRead(query: string, lang: string | null): string {
  if (lang !== "en" || query.length > DENIAL_MAX_CHARS) return query;
  if (query.search(PAUSE_EN.stop) < 0 || !PAUSE_EN.time.test(query) || PAUSE_EN.forGood.test(query))
    return query;
  const kind = PAUSE_EN.kinds.find((k) => k.said.test(query));
  return kind ? readOnce(query, PAUSE_EN.stop, kind.reads) : query;
}

/**
 * The state an English question says a paper it holds is in, and the words the names give the act that state calls for,
 * in their English translations (data/curated/names/en-*.tsv: "Re-issuance of identity cards", "Exchange/renewal of
 * identity cards", "Extension of work permits …") and as Vietnamese pairs (cấp lại, cấp đổi, gia hạn). The Law on
 * Identification 2023 (26/2023/QH15, art. 24) and the licences' own rules split them the same way: a paper lost or
 * stolen is re-issued (Cấp lại), one worn, expired or out of date is exchanged (Cấp đổi, Đổi) or, before it runs out,
 * extended (Gia hạn). One damaged is exchanged where the paper has an exchange, else re-issued (`orElse`: a damaged
 * work permit is re-issued, Decree 152/2020/ND-CP, art. 12), never extended. A loss is read first ("the old one is
 * lost" asks for the re-issue), then damage. Only where the question names a paper (HELD_PAPER_EN), so "losing my job"
 * or "8 months old" say no state of one; "old" only where no age is said with it.
 */
const HELD_STATES_EN: readonly { said: RegExp; acts: readonly string[]; orElse?: readonly string[] }[] = [
  {
    // A theft or a loss told as what happened ("thieves took", "a pickpocket", "it's gone", "can't find it").
    said: /\b(?:lost|los(?:e|ing)|missing|misplaced|stolen|got stolen|stole|thie(?:f|ves)|pickpocket\w*|robbed|snatched|(?:is|was|it'?s|are|were) gone|(?:can'?t|cannot|couldn'?t) find)\b/iu,
    acts: ["re_issuance", "loss", "cap_lai"],
  },
  {
    said: /\b(?:damaged|broken|cracked|torn|ripped|unreadable)\b/iu,
    acts: ["exchange", "renewal", "cap_doi"],
    orElse: ["re_issuance", "cap_lai"],
  },
  {
    said: /\b(?:expir(?:ed|es|ing|e|y)|out of date|worn(?: out)?|faded|peeling)\b|(?<!(?:years?|months?|weeks?|days?)[\s-])\bold\b/iu,
    acts: ["exchange", "renewal", "extension", "cap_doi", "gia_han"],
  },
];

/** A paper one holds, named in English (HELD_STATES_EN): a card, a licence, a permit, a certificate, a passport… */
const HELD_PAPER_EN =
  /\b(?:cards?|licen[cs]es?|permits?|certificates?|passports?|books?|titles?|registrations?|visas?|papers?|documents?|diplomas?|degrees?|seals?|plates?|cavet|ids?)\b/iu;

/**
 * The acts an English question types as a verb or a noun on what it holds, and the words the names give each act in
 * their English translations (their opening nouns: "Exchange/renewal of …", "Extension of …", "Re-issuance of …",
 * "Revocation of …", "Re-registration of …") and as Vietnamese pairs (cấp đổi, gia hạn, cấp lại, đăng ký lại, thu hồi).
 * Not a release or a deletion: measured, "mortgage release" lifted a notice's registration whose long name lists "xóa
 * đăng ký" among its acts above the mortgage's own deregistration (1.011443). Read after the state of the paper
 * (HELD_STATES_EN): "replace my damaged ID card" asks for the exchange, the damage said, though "replace" alone reads
 * as a re-issue.
 */
const TYPED_ACTS_EN: readonly { said: RegExp; acts: readonly string[] }[] = [
  { said: /\b(?:exchang(?:e|ed|ing)|swap(?:ped|ping)?)\b/iu, acts: ["exchange", "renewal", "cap_doi"] },
  { said: /\b(?:extend(?:ed|ing)?|extension|prolong\w*)\b/iu, acts: ["extension", "gia_han"] },
  { said: /\b(?:re-?issu(?:e|ed|ing|ance)|replacement|duplicate)\b/iu, acts: ["re_issuance", "cap_lai"] },
  { said: /\bre-?regist(?:er|ered|ering|ration)\b/iu, acts: ["re_registration", "ky_lai"] },
  { said: /\b(?:revok(?:e|ed|ing)|revocation)\b/iu, acts: ["revocation", "thu_hoi"] },
];

/**
 * The act words the state an English question says its paper is in calls for (HELD_STATES_EN, the acts, then
 * `orElse`), then those of each act it types (TYPED_ACTS_EN), in the order they are tried, or none: "my ID card
 * expired" asks for the exchange, "lost my work permit" for the re-issue, "swap the cooperative certificate" for its
 * exchange (query.ts liftStatedActs).
 */
export function heldStateActs(query: string, lang: string | null): readonly (readonly string[])[] {
  if (lang !== "en" || query.length > DENIAL_MAX_CHARS) return [];
  const state = HELD_PAPER_EN.test(query) ? HELD_STATES_EN.find((s) => s.said.test(query)) : undefined;
  return [
    ...(state ? [state.acts, ...(state.orElse ? [state.orElse] : [])] : []),
    ...TYPED_ACTS_EN.filter((t) => t.said.test(query)).map((t) => t.acts),
  ];
}
