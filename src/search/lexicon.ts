import * as z from "zod";
import { languageSchema, procedureCodeSchema } from "../catalogue/schema.ts";
import { lazySchema } from "../lazy-schema.ts";
import { FOREIGN_PLACES } from "./countries.ts";
import { foldDiacritics, phraseKey, stripKoreanParticle } from "./normalize.ts";
import { inSimplified } from "./traditional.ts";

/**
 * Abbreviations, colloquial names and life events (data/search/lexicon.json), applied to queries:
 * a phrase found in the query adds the words of what it stands for; a life event points at procedures.
 */
export const lexiconSchema = lazySchema(() =>
  z.object({
    expansions: z.array(
      z.object({
        phrase: z.string().min(1),
        expandsTo: z.string().min(1),
        lang: languageSchema,
        /**
         * Where the everyday name comes from (required): the national records' own wording, a curated alias, the
         * catalogue's names, a public glossary or page (its address), or "team: everyday usage — " and what that is
         * based on.
         */
        source: z.string().trim().min(1),
        /** The phrase means what it expands to: a document with those words covers the phrase's words. */
        synonym: z.boolean().optional(),
        /**
         * A Japanese compound the phrase is (認知症, dementia): one word, whose character pairs are no words of the
         * question (認知 alone is a child's recognition, the names' 子の認知). With `synonym`, the terms that matched
         * only its pairs keep part of their weight (RankOptions.synonymRead), as an English synonym's do.
         */
        whole: z.boolean().optional(),
      }),
    ),
    /**
     * Chat shorthand and teencode ("ko" → không, "đk" → đăng ký, "ntn" → như thế nào): a query word equal to `token`
     * (folded) is read as `means` before analysis.
     */
    shorthand: z
      .array(
        z.object({
          token: z.string().min(1),
          means: z.string().min(1),
          lang: languageSchema,
          source: z.string().min(1),
        }),
      )
      .optional(),
    lifeEvents: z.array(
      z.object({
        id: z.string().regex(/^[a-z0-9-]+$/),
        phrases: z.object({
          vi: z.array(z.string().min(1)),
          en: z.array(z.string().min(1)),
          zh: z.array(z.string().min(1)),
          ko: z.array(z.string().min(1)),
          ja: z.array(z.string().min(1)),
        }),
        codes: z.array(procedureCodeSchema).min(1),
        /**
         * The phrases name who asks (a foreign-invested company, a representative office of a foreign trader), not
         * what is asked: where the rest of the question names something a procedure answers ("外资企业" + 环境许可证),
         * a procedure of the event that does not match it keeps only part of the event's bonus (query.ts, restOfEvent).
         */
        situation: z.boolean().optional(),
        /**
         * With `situation`: the procedures such an asker files seldom name the asker (a foreign-invested company files
         * for an environmental permit as any company does), so beside words that name something else the phrase's
         * words add score but no coverage. Not for a foreigner, whom the names of foreigners' procedures do name.
         */
        unnamed: z.boolean().optional(),
        /**
         * The phrases name a journey's subject (a foreign trader's representative office) and the codes its steps: a
         * step is lifted only where it matches what the rest of the question asks for as well as any procedure does
         * (the office's tax registration for "代表处 税务登记", where the domestic branch procedures name the office);
         * alone, the phrase lifts nothing.
         */
        link: z.boolean().optional(),
        /**
         * The event's first procedure is what its asker files whoever they are (a landlord's tax on the rent,
         * 1.007689), and its procedures for foreigners are filed about a foreign party (the landlord's declaration of a
         * foreign tenant's stay, 1.001437), not what a foreign asker needs first: in a question in another language
         * than Vietnamese the first stays first and those for foreigners come next (query.ts eventOrder).
         */
        keepFirst: z.boolean().optional(),
        /**
         * The ids of events this one gives way to when found with them: a pension named beside a death told ('年金を
         * もらっていた義父が亡くなった', 'she was getting a pension') is the deceased's, whose survivors ask for what the
         * death event lists (the survivorship benefits, the funeral allowance, the arrears: 2.000821, 1.014177,
         * 2.000717), not a retiree's claim or change of payment (query.ts, analyzeQuery).
         */
        yieldsTo: z.array(z.string().regex(/^[a-z0-9-]+$/)).optional(),
      }),
    ),
    /**
     * What a foreign party files first (Law on Investment: a foreign investor has an investment project and its
     * investment registration certificate before it establishes a company): in a question naming a foreign party
     * (policy.ts FOREIGN_MARKS), `first` is put just ahead of any of `codes` the question finds.
     */
    foreignFirst: z
      .array(
        z.object({
          codes: z.array(procedureCodeSchema).min(1),
          first: procedureCodeSchema,
          source: z.string().trim().min(1),
        }),
      )
      .optional(),
  }),
);

/**
 * Everyday words mapped to the catalogue's own vocabulary, and chat shorthand (data/search/glossary.json): each line
 * carries its source, and the file is merged into the lexicon at load.
 */
export const glossarySchema = lazySchema(() =>
  z.object({
    note: z.string().optional(),
    entries: z.array(
      z.object({
        phrase: z.string().min(1),
        expandsTo: z.string().min(1),
        lang: languageSchema,
        source: z.string().min(1),
        /** The phrase means what it expands to (the investor vocabulary's renderings): see lexiconSchema. */
        synonym: z.boolean().optional(),
        /** One Japanese compound, its pairs no words of their own: see lexiconSchema. */
        whole: z.boolean().optional(),
      }),
    ),
    shorthand: z.array(
      z.object({
        token: z.string().min(1),
        means: z.string().min(1),
        lang: languageSchema,
        source: z.string().min(1),
      }),
    ),
  }),
);
export type Glossary = z.infer<typeof glossarySchema>;

/** The lexicon with a glossary's entries and shorthand added. */
export function withGlossary(lexicon: Lexicon, glossary: Glossary): Lexicon {
  return {
    ...lexicon,
    expansions: [...lexicon.expansions, ...glossary.entries],
    shorthand: [...(lexicon.shorthand ?? []), ...glossary.shorthand],
  };
}

/**
 * Query words that never identify a procedure (data/search/stopwords.json): `vi` Vietnamese words as written, with
 * their diacritics; `words` English and CJK words and folded Vietnamese word pairs ("thu_tuc").
 */
export const stopwordsSchema = lazySchema(() =>
  z.object({
    note: z.string().optional(),
    vi: z.array(z.string().min(1)).optional(),
    words: z.array(z.string().min(1)),
  }),
);
export type Lexicon = z.infer<typeof lexiconSchema>;

/** Phrases folded like queries; CJK phrases are matched as substrings, Latin ones on word boundaries. */
export interface CompiledLexicon {
  /**
   * `parts`: a phrase written with "…" between its parts ("sổ đỏ … rách") is found when each part is in the query,
   * anywhere and in any order: a question names the document and what happened to it apart ("sổ đỏ nhà tôi bị
   * rách"). Its key is the parts' keys joined by " … ".
   */
  expansions: {
    key: string;
    cjk: boolean;
    expandsTo: string;
    synonym: boolean;
    /** A Japanese compound read as one word (lexiconSchema `whole`). */
    whole?: boolean;
    lang: string;
    parts?: string[];
    /**
     * Each Latin part as typed (NFC, lower case), where it is one word written with diacritics: folded, "cũ" is also
     * "cư" (chung cư) and "hỏng" also "hồng" (sổ hồng), so a query word typed with other diacritics is not the part.
     */
    typed?: (string | null)[];
  }[];
  events: {
    key: string;
    cjk: boolean;
    /** The language whose list holds the phrase (a CJK phrase may mean another thing in the other language). */
    lang: string;
    codes: string[];
    /** A phrase's parts, where they may stand apart (as an expansion's). */
    parts?: string[];
    /** A Latin phrase's parts as typed, where one is a word written with diacritics (as an expansion's). */
    typed?: (string | null)[];
    situation?: boolean;
    unnamed?: boolean;
    link?: boolean;
    keepFirst?: boolean;
    /** The codes (joined by commas) of each event this one gives way to when found with it (lexicon `yieldsTo`). */
    yieldsTo?: string[];
  }[];
  /** Lexicon foreignFirst: each code to what a foreign party files before it. */
  foreignFirst: Map<string, string>;
  /** English and CJK stopwords, and folded word pairs. */
  stopwords: Set<string>;
  /** Vietnamese stopwords as written (NFC, lower case), and folded. */
  stopwordsVi: { exact: Set<string>; folded: Set<string> };
  /** Takes out the Vietnamese stop phrases ("giấy tờ" in "cần làm giấy tờ gì"), as typed or without diacritics. */
  stripStopPhrases(text: string): string;
  /** Replaces shorthand words by what they mean; the text is otherwise kept as typed. */
  rewrite(text: string): string;
  /** The words of the Vietnamese and English phrases (phraseWords). */
  phraseWords: PhraseWords;
  /** The Japanese phrases' words written in kanji alone that Chinese does not write (japaneseOnlyWords). */
  japaneseOnly: Set<string>;
  /** The Han characters Chinese writes and Japanese does not (chineseOnlyHan). */
  chineseOnlyHan: Set<string>;
}

/** Between the parts of a phrase whose words may stand apart in a question (CompiledLexicon.expansions, parts). */
export const APART = "…";

/** A query's words as typed (NFC, lower case). */
function typedWords(text: string): Set<string> {
  return new Set(
    text
      .normalize("NFC")
      .toLowerCase()
      .split(/[^\p{L}\p{N}]+/u)
      .filter(Boolean),
  );
}

/** A phrase's parts as typed, where one is a single word written with diacritics (CompiledLexicon typed). */
function typedParts(phrase: string): (string | null)[] {
  return phrase.split(APART).map((p) => {
    const word = p.trim().normalize("NFC").toLowerCase();
    return /^\p{L}+$/u.test(word) && foldDiacritics(word) !== word ? word : null;
  });
}

/** Whether a part's folded word is typed in the query with other diacritics than the part's (and not as the part). */
function otherDiacritics(typed: string, words: Set<string>): boolean {
  if (words.has(typed)) return false;
  const folded = foldDiacritics(typed);
  for (const w of words) if (w !== folded && foldDiacritics(w) === folded) return true;
  return false;
}

const isCjk = (s: string) =>
  /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u.test(s);

/**
 * Korean text with each word's particle or verb ending taken off (stripKoreanParticle), spaces removed: a phrase written
 * with its particles (식당을 차리) and a question without them (식당 차리려면), or the other way round (가족 사망, 가족이
 * 사망했을 때), meet in this form. Text without Hangul is returned as compacted.
 */
export function koreanBare(text: string): string {
  return text
    .normalize("NFKC")
    .toLowerCase()
    .replace(/\p{Script=Hangul}+/gu, (w) => stripKoreanParticle(w))
    .replace(/\s+/g, "");
}

/** A phrase, and its bare Korean form (koreanBare, each part apart) where that differs: both are looked for. */
function koreanForms(phrase: string): string[] {
  if (!/\p{Script=Hangul}/u.test(phrase)) return [phrase];
  const bare = phrase
    .split(APART)
    .map((p) => koreanBare(p))
    .join(` ${APART} `);
  const plain = phrase
    .split(APART)
    .map((p) => p.normalize("NFKC").toLowerCase().replace(/\s+/g, ""))
    .join(` ${APART} `);
  return bare === plain ? [phrase] : [phrase, bare];
}

/**
 * What compileLexicon derives from the lexicon's text, as plain JSON: every phrase's key (folded, English bases,
 * CJK compacted), the stopword sets' members, the stop phrases' pattern, the shorthand table. npm run build writes
 * it into search/lexicon.json, so a runtime restores the lexicon without folding ~1,500 phrases at start-up.
 */
export interface CompiledLexiconData {
  expansions: CompiledLexicon["expansions"];
  events: CompiledLexicon["events"];
  /** Lexicon foreignFirst as [code, first] pairs (absent in artefacts built before it). */
  foreignFirst?: [string, string][];
  stopwords: string[];
  stopwordsViExact: string[];
  stopwordsViFolded: string[];
  /** The source of the stop phrases' pattern (null: none). */
  stopPhrases: string | null;
  /** Folded shorthand word → what it means. */
  shorthand: [string, string][];
  /** The words of the Vietnamese and English phrases' keys (absent in artefacts built before it): phraseWords. */
  phraseWords?: PhraseWords;
  /** japaneseOnlyWords (absent in artefacts built before it: no word is then read as Japanese-only). */
  japaneseOnly?: string[];
  /** chineseOnlyHan, as one string (absent in artefacts built before it). */
  chineseOnlyHan?: string;
}

/** The catalogue's Chinese and Japanese text (documents.ts, catalogueTexts), for what the build reads against it. */
export interface CatalogueTexts {
  zh: readonly string[];
  ja: readonly string[];
}

/** The distinct words (two letters or more, folded) of the Vietnamese and of the English phrases' keys. */
export interface PhraseWords {
  vi: string[];
  en: string[];
}

/**
 * The words of the lexicon's Vietnamese and English phrases, for the language detector (query.ts
 * englishPhraseWords). Folding ~10,000 keys took 6–25 ms of every start-up, so the build derives them once.
 */
export function phraseWords(expansions: CompiledLexicon["expansions"]): PhraseWords {
  const sets = { vi: new Set<string>(), en: new Set<string>() };
  for (const e of expansions) {
    if (e.lang !== "vi" && e.lang !== "en") continue;
    for (const w of foldDiacritics(e.key).split(/[^a-z]+/u)) if (w.length > 1) sets[e.lang].add(w);
  }
  return { vi: [...sets.vi], en: [...sets.en] };
}

/**
 * The words of the Japanese phrases written in kanji alone (each part of two characters or more: 診療所, 病院, 法人税,
 * 年末調整), kept where no Chinese phrase of the lexicon and no Chinese text of the catalogue (`chinese`: its names,
 * aliases and summaries, in Simplified characters) writes the word in Simplified characters: 開業 (开业), 住所, 船舶
 * and 森林 are written in Chinese too, 病院 and 診療所 are not (医院, 诊所). A question read as Chinese holding one is
 * kanji-only Japanese (query.ts, Searcher.japaneseWorded).
 */
export function japaneseOnlyWords(
  expansions: readonly { key: string; cjk: boolean; lang: string; parts?: string[] }[],
  chinese: readonly string[],
): string[] {
  const parts = (e: { key: string; parts?: string[] }) =>
    (e.parts ?? [e.key]).map((p) => p.replace(/\s+/g, ""));
  const written = [...chinese, ...expansions.filter((e) => e.cjk && e.lang === "zh").flatMap(parts)].join(
    "\n",
  );
  const out = new Set<string>();
  for (const e of expansions)
    if (e.cjk && e.lang === "ja")
      for (const p of parts(e))
        if (/^\p{Script=Han}{2,}$/u.test(p) && !written.includes(inSimplified(p))) out.add(p);
  return [...out].sort();
}

/**
 * The Han characters of the catalogue's Chinese text and the Chinese phrases that neither its Japanese text nor the
 * Japanese phrases write (办, 证, 个, 们, 开, 这…): a question holding one is Chinese, whatever Japanese word it may also
 * hold (大家, 妊娠, 海外留学 are written alike in both).
 */
export function chineseOnlyHan(
  expansions: readonly { key: string; cjk: boolean; lang: string }[],
  texts: CatalogueTexts,
): string {
  const han = (list: readonly string[]) => new Set(list.join("").match(/\p{Script=Han}/gu) ?? []);
  const of = (lang: string) => expansions.filter((e) => e.cjk && e.lang === lang).map((e) => e.key);
  const japanese = han([...texts.ja, ...of("ja")]);
  return [...han([...texts.zh, ...of("zh")])]
    .filter((c) => !japanese.has(c))
    .sort()
    .join("");
}

export function compileLexiconData(
  lexicon: Lexicon,
  stopwords: string[] = [],
  stopwordsVi: string[] = [],
  /** The catalogue's Chinese and Japanese text (japaneseOnlyWords, chineseOnlyHan); none: the phrases only. */
  texts: CatalogueTexts = { zh: [], ja: [] },
): CompiledLexiconData {
  const singles = stopwordsVi.filter((s) => !s.includes(" "));
  const key = (phrase: string, lang: string) =>
    isCjk(phrase)
      ? japaneseVerbStem(phrase.normalize("NFKC").toLowerCase().replace(/\s+/g, ""), lang)
      : lang === "en"
        ? possessiveKey(phraseKey(phrase))
        : phraseKey(phrase);
  const expansions = lexicon.expansions
    .flatMap((e) =>
      koreanForms(e.phrase).map((phrase) => {
        const parts = phrase.includes(APART) ? phrase.split(APART).map((p) => key(p.trim(), e.lang)) : [];
        return {
          key: parts.length > 0 ? parts.join(` ${APART} `) : key(phrase, e.lang),
          cjk: isCjk(phrase),
          expandsTo: e.expandsTo,
          synonym: e.synonym === true,
          ...(e.whole === true ? { whole: true } : {}),
          lang: e.lang,
          ...(parts.length > 0 ? { parts } : {}),
          ...(parts.length > 0 && !isCjk(phrase) ? { typed: typedParts(phrase) } : {}),
        };
      }),
    )
    .filter((e) => e.key !== "" && (e.parts ?? []).every((p) => p !== ""));
  const data: CompiledLexiconData = {
    expansions,
    events: lexicon.lifeEvents.flatMap((ev) =>
      Object.entries(ev.phrases)
        .flatMap(([lang, phrases]) =>
          phrases.flatMap(koreanForms).map((p) => {
            // A phrase whose parts may stand apart (签证 … 延长, "hộ kinh doanh … tạm ngừng"), as the expansions'
            // above. A Latin one's key was folded whole, its "…" dropped, so it was found only with its parts side by
            // side: "hộ kinh doanh của tôi muốn tạm ngừng" found no household business closing.
            const parts = p.includes(APART) ? p.split(APART).map((q) => key(q.trim(), lang)) : [];
            return {
              key: parts.length > 0 ? parts.join(` ${APART} `) : key(p, lang),
              cjk: isCjk(p),
              lang,
              codes: ev.codes,
              ...(parts.length > 0 ? { parts } : {}),
              ...(parts.length > 0 && !isCjk(p) ? { typed: typedParts(p) } : {}),
              ...(ev.situation ? { situation: true } : {}),
              ...(ev.unnamed ? { unnamed: true } : {}),
              ...(ev.link ? { link: true } : {}),
              ...(ev.keepFirst ? { keepFirst: true } : {}),
              ...(ev.yieldsTo
                ? {
                    yieldsTo: ev.yieldsTo.map((id) => {
                      const other = lexicon.lifeEvents.find((o) => o.id === id);
                      if (!other) throw new Error(`life event ${ev.id} yields to an unknown event: ${id}`);
                      return other.codes.join(",");
                    }),
                  }
                : {}),
            };
          }),
        )
        .filter((e) => e.key !== "" && (e.parts ?? []).every((p) => p !== "")),
    ),
    foreignFirst: (lexicon.foreignFirst ?? []).flatMap((f) =>
      f.codes.map((c): [string, string] => [c, f.first]),
    ),
    stopwords: [...new Set(stopwords.map((s) => (s.includes("_") ? s : isCjk(s) ? s : phraseKey(s))))],
    stopwordsViExact: [...new Set(singles.map((s) => s.normalize("NFC").toLowerCase()))],
    stopwordsViFolded: [...new Set(singles.map((s) => foldDiacritics(s)))],
    stopPhrases: stopPhrasePattern(stopwordsVi.filter((s) => s.includes(" "))),
    shorthand: [...new Map((lexicon.shorthand ?? []).map((e) => [foldDiacritics(e.token), e.means]))],
    phraseWords: phraseWords(expansions),
  };
  const phrases = [...data.expansions, ...data.events];
  return {
    ...data,
    japaneseOnly: japaneseOnlyWords(phrases, texts.zh),
    chineseOnlyHan: chineseOnlyHan(phrases, texts),
  };
}

/**
 * A Japanese phrase ending in a verb's dictionary or past form is matched by its stem, so every inflection finds it:
 * 家を貸す → 家を貸 (貸した, 貸して, 貸したい), 部屋を借りる → 部屋を借り (借りた, 借りて). A godan verb loses its last kana
 * after a kanji; an ichidan verb its る after a kana; a past form its た (った, んだ, いた: both kana). Phrases of other
 * languages, and stems shorter than three characters, stay.
 */
export function japaneseVerbStem(key: string, lang: string): string {
  if (lang !== "ja") return key;
  const godan = /[\p{Script=Han}][うくぐすつぬぶむる]$/u.test(key);
  const ichidan = /[\p{Script=Han}][いきぎしちにびみりえけげせてねべめれ]る$/u.test(key);
  // A past form is matched by what its polite and other forms share: なくした → なくし (なくしました), 生まれた → 生まれ
  // (生まれました), 亡くなった → 亡くな (亡くなりました), 開いた → 開 (開きます).
  const past = /[いきぎしちにびみりえけげせてねべめれ]た$/u.test(key) && !/[\p{Script=Han}]いた$/u.test(key);
  const cut =
    /(った|んだ)$/u.test(key) || /[\p{Script=Han}]いた$/u.test(key) ? 2 : godan || ichidan || past ? 1 : 0;
  if (cut === 0) return key;
  const stem = key.slice(0, -cut);
  return [...stem].length >= 3 ? stem : key;
}

/** The lexicon from what compileLexiconData made (at build time): sets and functions, no phrase folded. */
export function restoreLexicon(data: CompiledLexiconData): CompiledLexicon {
  const stopPhrases = data.stopPhrases === null ? null : new RegExp(data.stopPhrases, "gu");
  return {
    expansions: data.expansions,
    events: data.events,
    foreignFirst: new Map(data.foreignFirst ?? []),
    stopwords: new Set(data.stopwords),
    stopwordsVi: { exact: new Set(data.stopwordsViExact), folded: new Set(data.stopwordsViFolded) },
    stripStopPhrases: stopPhrases
      ? (text) => text.normalize("NFC").toLowerCase().replace(stopPhrases, " ")
      : (text) => text,
    rewrite: shorthandRewriter(new Map(data.shorthand)),
    phraseWords: data.phraseWords ?? phraseWords(data.expansions),
    japaneseOnly: new Set(data.japaneseOnly ?? []),
    chineseOnlyHan: new Set(data.chineseOnlyHan ?? ""),
  };
}

export function compileLexicon(
  lexicon: Lexicon,
  stopwords: string[] = [],
  stopwordsVi: string[] = [],
): CompiledLexicon {
  return restoreLexicon(compileLexiconData(lexicon, stopwords, stopwordsVi));
}

interface PhraseTable<T> {
  /** Latin phrases by their first word, each padded with spaces for a whole-word match. */
  latin: Map<string, { padded: string; entry: T }[]>;
  /** CJK phrases (matched as substrings) by their first character. */
  cjk: Map<string, T[]>;
  /**
   * Phrases whose parts may stand apart: a Latin part padded with spaces (a whole-word match in the folded query), a
   * CJK part as it is (a substring of the compacted query: 签证 … 延期 in 签证快到期了，怎么延期). Kept by where their
   * first part starts, a Latin one by its first word, a CJK one by its first character: a phrase can only be found
   * when the query holds that, so `found` tests those alone rather than every one (about 2,600) on every query.
   */
  apartBy: Map<string, { padded: string[]; typed?: (string | null)[]; entry: T }[]>;
}

function phraseTable<T extends { key: string; cjk: boolean; parts?: string[]; typed?: (string | null)[] }>(
  entries: T[],
): PhraseTable<T> {
  const latin = new Map<string, { padded: string; entry: T }[]>();
  const cjk = new Map<string, T[]>();
  const apart: { padded: string[]; typed?: (string | null)[]; entry: T }[] = [];
  for (const entry of entries) {
    if (entry.parts) {
      apart.push({
        padded: entry.cjk ? entry.parts : entry.parts.map((p) => ` ${p} `),
        ...(entry.typed ? { typed: entry.typed } : {}),
        entry,
      });
      continue;
    }
    if (entry.cjk) {
      const first = String.fromCodePoint(entry.key.codePointAt(0) as number);
      const list = cjk.get(first) ?? [];
      list.push(entry);
      cjk.set(first, list);
      continue;
    }
    const first = entry.key.split(" ", 2).join(" ");
    const list = latin.get(first) ?? [];
    list.push({ padded: ` ${entry.key} `, entry });
    latin.set(first, list);
  }
  const apartBy = new Map<string, (typeof apart)[number][]>();
  for (const a of apart) {
    const first = a.padded[0]?.trim() ?? "";
    const key = a.entry.cjk ? String.fromCodePoint(first.codePointAt(0) ?? 0) : (first.split(" ")[0] ?? "");
    const list = apartBy.get(key) ?? [];
    list.push(a);
    apartBy.set(key, list);
  }
  return { latin, cjk, apartBy };
}

const HANGUL_START = /^\p{Script=Hangul}/u;

/**
 * Where in the compacted query (spaces removed) each Korean word's particle or verb ending stands (stripKoreanParticle):
 * a phrase starting there straddles two words. 이사 (moving house) is no word of 가족이 사망 (a family member's death),
 * nor of 외국인이 사업 (a foreigner's business), though the compacted text holds it.
 */
export function koreanGrammar(text: string): Set<number> {
  const out = new Set<number>();
  let removed = 0;
  for (const m of text.matchAll(/\s+|\p{Script=Hangul}+/gu)) {
    const at = m.index as number;
    if (/^\s/u.test(m[0])) {
      removed += m[0].length;
      continue;
    }
    const stem = stripKoreanParticle(m[0]);
    for (let i = stem.length; i < m[0].length; i++) out.add(at - removed + i);
  }
  return out;
}

/**
 * A phrase opening on 店 (a shop: 店を閉める, 店を休む, 店 … 閉め, a household business's) found right after 支 or 本
 * is the second character of 支店 (a company's branch) or 本店 (its head office), not the shop: '支店を閉めたい' found
 * the household business's end of activity (1.001266) before the branch's (2.002020).
 */
function inCompanyOffice(compact: string, at: number, key: string): boolean {
  return key.startsWith("店") && at > 0 && (compact[at - 1] === "支" || compact[at - 1] === "本");
}

/** A CJK part in the compacted query, starting somewhere a Hangul part may start (koreanGrammar). */
function holds(compact: string, part: string, grammar?: Set<number>): boolean {
  const hangul = grammar !== undefined && grammar.size > 0 && HANGUL_START.test(part);
  if (!hangul && !part.startsWith("店")) return compact.includes(part);
  for (let i = compact.indexOf(part); i >= 0; i = compact.indexOf(part, i + 1))
    if (!(hangul && grammar.has(i)) && !inCompanyOffice(compact, i, part)) return true;
  return false;
}

/** Particles a Korean noun takes as a word of its own (차를, 집이, 땅은): the noun stays the word it is. */
const NOUN_PARTICLES = new Set([
  "",
  "을",
  "를",
  "이",
  "가",
  "은",
  "는",
  "도",
  "의",
  "에",
  "로",
  "으로",
  "와",
  "과",
  "만",
  "랑",
  "이랑",
]);

/**
 * A one-syllable Korean noun opening a phrase whose parts stand apart (차 … 명의, 집 … 짓, 땅 … 팔) is found only as a
 * word of the question, alone or with a particle (차를, 집을): inside another word it is another word (차 in 차리다,
 * to set up a shop; 집 in 분식집, a snack bar; 땅 in 땅콩), so '와이프 명의로 분식집을 차리려고' (a household business
 * in the wife's name) names no vehicle's transfer (차 … 명의) nor a house bought (집 … 명의). The verb stems that close
 * such phrases (받, 팔, 쉬) stay parts of their verbs' forms (받아야, 팔았는데, 쉬려고).
 */
function nounAlone(part: string, hangulWords: readonly string[]): boolean {
  return hangulWords.some((w) => w.startsWith(part) && NOUN_PARTICLES.has(w.slice(part.length)));
}

const ONE_HANGUL_SYLLABLE = /^\p{Script=Hangul}$/u;

/** The question's Hangul words (NFKC, lower case), for nounAlone. */
function hangulWordsOf(text: string): string[] {
  return (
    text
      .normalize("NFKC")
      .toLowerCase()
      .match(/\p{Script=Hangul}+/gu) ?? []
  );
}

/** Vietnamese words that deny what follows them (folded): "chưa", "không", "chẳng". */
const DENYING = new Set(["chua", "khong", "chang"]);

/**
 * A Latin part (padded with spaces) in the folded query somewhere it is not an achievement denied: "chưa tìm được
 * việc" (not yet found a job) is no "tìm được việc" of "thất nghiệp … tìm được việc" (a new job ends the
 * unemployment benefit), so the part of a phrase whose parts stand apart is not found there. Only a part saying what
 * was achieved ("được": tìm được, xin được) is read so: an act not yet done ("chưa sang tên", "chưa đăng ký") is what
 * the asker wants done, and stays found. A part that itself starts with such a word ("chưa cưới") is found as it is.
 */
function affirmed(folded: string, padded: string): boolean {
  if (!padded.includes(" duoc ")) return folded.includes(padded);
  for (let at = folded.indexOf(padded); at >= 0; at = folded.indexOf(padded, at + 1)) {
    const before = folded.slice(0, at).trimEnd();
    const word = before.slice(before.lastIndexOf(" ") + 1);
    if (!DENYING.has(word)) return true;
  }
  return false;
}

/** Entries found in the query, in the lexicon's order: Latin ones looked up by the query's words, not scanned. */
function found<T extends { key: string; cjk: boolean }>(
  table: PhraseTable<T>,
  order: Map<T, number>,
  folded: string,
  compact: string,
  /** Where each CJK phrase was found in `compact` (start and end in UTF-16 units), when given. */
  spans?: { start: number; end: number; entry: unknown }[],
  /** The query's words as typed (NFC, lower case), for the parts written with diacritics. */
  words?: Set<string>,
  /** Positions in `compact` of a Korean word's particle or ending (koreanGrammar): no Hangul phrase starts there. */
  grammar?: Set<number>,
  /** The question's Hangul words (hangulWordsOf), for a one-syllable noun opening a phrase (nounAlone). */
  hangulWords?: readonly string[],
): T[] {
  const out = new Set<T>();
  const apart = (list: { padded: string[]; typed?: (string | null)[]; entry: T }[] | undefined) => {
    if (list)
      for (const { padded, typed, entry } of list)
        if (
          padded.every((p) => (entry.cjk ? holds(compact, p, grammar) : affirmed(folded, p))) &&
          !(
            hangulWords &&
            entry.cjk &&
            ONE_HANGUL_SYLLABLE.test(padded[0] as string) &&
            !nounAlone(padded[0] as string, hangulWords)
          ) &&
          !(words && typed?.some((t) => t !== null && otherDiacritics(t, words)))
        )
          out.add(entry);
  };
  // A Latin phrase is listed under its first two words (one for a one-word phrase): looked up by each word and each
  // pair of neighbours, not by its first word alone ('giấy' starts hundreds of phrases).
  const tokens = folded.split(" ");
  const seen = new Set<string>();
  const apartSeen = new Set<string>();
  for (let i = 0; i < tokens.length; i++) {
    const word = tokens[i] as string;
    for (const key of i + 1 < tokens.length ? [word, `${word} ${tokens[i + 1]}`] : [word]) {
      if (seen.has(key)) continue;
      seen.add(key);
      for (const { padded, entry } of table.latin.get(key) ?? []) if (folded.includes(padded)) out.add(entry);
    }
    if (word !== "" && !apartSeen.has(word)) {
      apartSeen.add(word);
      apart(table.apartBy.get(word));
    }
  }
  if (table.apartBy.size > 0) for (const char of new Set(compact)) apart(table.apartBy.get(char));
  // Each CJK phrase is looked for where the query has its first character, not scanned for (about 800 of them).
  if (table.cjk.size > 0)
    for (let i = 0; i < compact.length; i++) {
      const code = compact.codePointAt(i) as number;
      const wide = code > 0xffff;
      const list = table.cjk.get(wide ? String.fromCodePoint(code) : (compact[i] as string));
      if (list)
        for (const entry of list)
          if (
            compact.startsWith(entry.key, i) &&
            !(grammar?.has(i) && HANGUL_START.test(entry.key)) &&
            !inCompanyOffice(compact, i, entry.key)
          ) {
            out.add(entry);
            spans?.push({ start: i, end: i + entry.key.length, entry });
          }
      if (wide) i++;
    }
  return [...out].sort((a, b) => (order.get(a) as number) - (order.get(b) as number));
}

/** What the glossary reads an English nationality or country as ("British", "UK", "expat" → "foreign foreigner"). */
const FOREIGN_READING = "foreign foreigner";

/**
 * A nationality or country named in an English question is a foreign party, as the glossary reads it (FOREIGN_READING):
 * the phrases naming a foreign party in words ("hiring … foreign", "foreign child … school", "foreign licence") are
 * looked for again with each such name read as "foreign". 'Our centre is hiring a British teacher' is 'hiring a foreign
 * teacher' (the work permit), 'my American son … school' a foreign pupil's admission, 'a German licence' a foreign one.
 * Only phrases holding the word "foreign" are added: the rest were looked for in the question as typed.
 */
function foreignRead<T extends { key: string; cjk: boolean; expandsTo: string; lang: string }>(
  table: PhraseTable<T>,
  order: Map<T, number>,
  folded: string,
  typed: readonly T[],
): T[] {
  const names = typed.filter(
    (e) => !e.cjk && e.lang === "en" && e.expandsTo === FOREIGN_READING && !e.key.includes("…"),
  );
  if (names.length === 0) return [];
  let read = folded;
  // Longest first: "south korean" before "korean".
  for (const n of [...names].sort((a, b) => b.key.length - a.key.length))
    read = read.replaceAll(` ${n.key} `, " foreign ");
  if (read === folded) return [];
  // The word "foreign" with what it qualifies ("foreign child", "foreign teacher"): a part that is "foreign" alone
  // ("hiring … foreign") is found anywhere in the question, and a nationality anywhere is no foreigner hired ('my UK
  // degree recognised before I can be hired' is no work permit).
  const qualified = (k: string) => k.split(" … ").some((p) => p !== "foreign" && /(^| )foreign( |$)/.test(p));
  return found(table, order, read, "").filter((e) => !e.cjk && qualified(e.key));
}

/** Countries a Japanese question names a foreign person by (not ベトナム): a national (日本人) or one from there. */
/** A person of the asker's circle (a relative, friend, colleague or guest): 日本の両親, 韓国の友人. */
const CIRCLE_JA =
  "(?:家族|両親|親|父|母|友達|友人|知人|同僚|上司|客|お客|ゲスト|親戚|兄|弟|姉|妹|息子|娘|夫|妻|彼女|彼氏|恋人)";
/**
 * A Japanese question's foreign person said by a country (FOREIGN_PLACES.ja): a national (日本人の友達, 韓国籍の同僚), a person
 * of the asker's circle from there (日本の両親, 韓国の友人: CIRCLE_JA) or one who comes from there (日本から来た, 日本から
 * 遊びに来る).
 */
const FOREIGN_PERSON_JA = new RegExp(
  `${FOREIGN_PLACES.ja}(?:人|国籍|籍)(?!民)|${FOREIGN_PLACES.ja}の(?=${CIRCLE_JA})|${FOREIGN_PLACES.ja}から(?=[^。、]{0,12}?(?:来|遊び|訪))`,
  "gu",
);

/**
 * A foreign person named by a country in a Japanese question (FOREIGN_PERSON_JA) is a foreigner, as the English
 * foreignRead reads a nationality: the phrases naming one with 外国人 ('外国人 … 泊ま', a foreign guest at home; '出生
 * … 外国人の父', a birth with a foreign parent) are looked for again with it read as 外国人. '日本から友達が来てうちに
 * 泊まる' is a foreign guest's stay (the declaration for foreigners, Law 47/2014/QH13 art. 33), '日本人の父' a foreign
 * father. Only phrases holding 外国人 are added: the rest were looked for in the question as typed.
 */
function foreignReadJa<T extends { key: string; cjk: boolean; lang: string }>(
  table: PhraseTable<T>,
  order: Map<T, number>,
  compact: string,
): T[] {
  if (!/[\p{Script=Hiragana}\p{Script=Katakana}]/u.test(compact)) return [];
  const read = compact.replace(FOREIGN_PERSON_JA, (m) => (m.endsWith("の") ? "外国人の" : "外国人"));
  if (read === compact) return [];
  return found(table, order, "", read).filter((e) => e.cjk && e.lang === "ja" && e.key.includes("外国人"));
}

/** `key` holds every part, in order, each as whole words. */
function spells(key: string, parts: string[]): boolean {
  const padded = ` ${key} `;
  let from = 0;
  for (const p of parts) {
    const at = padded.indexOf(` ${p} `, from);
    if (at < 0) return false;
    from = at + p.length + 1;
  }
  return true;
}

/**
 * A CJK phrase found whole that holds a part of a phrase whose parts stand apart, and means something else: the part
 * is a word of that compound, not the word the other phrase reads (免許 in 医師免許, a doctor's practising licence, is
 * no driving licence for '免許 … 変更' or '免許 … ベトナムで'). Meanings sharing a word agree (運転免許 beside
 * '免許 … 変更': both say 運転免許証), and the phrase stays; so it does beside a meaning in another language.
 */
function compoundHolds(
  whole: { key: string; expandsTo?: string },
  apart: { parts?: string[]; expandsTo?: string },
): boolean {
  if (!apart.parts?.some((p) => whole.key.length > p.length && whole.key.includes(p))) return false;
  // A meaning in another language (国際免許 → 'international driving licence') cannot be compared word for word.
  const han = /\p{Script=Han}/u;
  if (!han.test(whole.expandsTo ?? "") || !han.test(apart.expandsTo ?? "")) return false;
  const words = (s?: string) =>
    (s ?? "")
      .normalize("NFKC")
      .toLowerCase()
      .split(/[\s,、・]+/u)
      .filter(Boolean);
  const mine = words(apart.expandsTo);
  return !words(whole.expandsTo).some((w) => mine.some((m) => m.includes(w) || w.includes(m)));
}

/**
 * The phrases found, less those inside a longer one of the same language found with them: "sang tên sổ đỏ" (a
 * transfer: đăng ký biến động, chuyển nhượng) says what the query means, and "sổ đỏ" inside it (the certificate's
 * own name) would pull every procedure on the certificate ahead of the transfer; "renewal" inside "passport renewal".
 * A phrase of another language stays: "passport" listed in Vietnamese brings the Vietnamese names' words.
 */
function longest<T extends { key: string; cjk: boolean; lang: string; parts?: string[]; expandsTo?: string }>(
  entries: T[],
): T[] {
  if (entries.length < 2) return entries;
  const inside = (a: T, b: T) => {
    if (a === b || a.lang !== b.lang) return false;
    // A phrase whose parts stand apart ("sổ đỏ … rách") says more than one held in one of its parts ("sổ đỏ"); a
    // phrase holding a part and more ("chia đất" beside "đất … sang tên") says something else and stays.
    if (b.parts)
      return (
        a.parts === undefined &&
        b.parts.some((p) => (a.cjk ? p.includes(a.key) : ` ${p} `.includes(` ${a.key} `)))
      );
    // A phrase spelling out what stands between the parts of one whose parts stand apart says what they mean there:
    // "kết hôn ở nước ngoài" (married abroad, recorded) beside "kết hôn … nước ngoài" (a marriage to a foreigner).
    if (a.parts)
      return a.cjk && b.cjk
        ? a.lang === "ja" && compoundHolds(b, a)
        : !a.cjk && !b.cjk && spells(b.key, a.parts);
    return (
      b.key.length > a.key.length && (a.cjk ? b.key.includes(a.key) : ` ${b.key} `.includes(` ${a.key} `))
    );
  };
  return entries.filter((a) => !entries.some((b) => inside(a, b)));
}

const tables = new WeakMap<
  CompiledLexicon,
  {
    expansions: PhraseTable<CompiledLexicon["expansions"][number]>;
    events: PhraseTable<CompiledLexicon["events"][number]>;
    order: Map<unknown, number>;
  }
>();

/** A document's word right after a phrase (証, 書, 증, 서, カード, 카드): the phrase is that document's name. */
const DOCUMENT_AFTER = /^(?:証|書|증|서|カード|카드)/u;

/**
 * A benefit's or an insurance's word right after a phrase (手当, 給付, 保険, 金, 津贴, 补助, 补贴, 保险): the phrase is the
 * benefit's name, not the life event. 失業手当, 失业金, 失业保险 name the unemployment benefit and its insurance, whose
 * acts (the claim, its suspension, resumption, end, transfer: 1.014748–1.014753; joining: 1.014745) the rest of the
 * question tells apart; read as the job lost, they lifted the claim (1.014748) over '失業手当の一時停止'. A job lost said
 * otherwise (失業した, 会社を辞めた, 失业了) still finds the event.
 */
const BENEFIT_AFTER = /^(?:手当|給付|保険|金|津贴|补助|补贴|保险)/u;

/**
 * A numeral one with a measure word (一家, 一个, 一间, 一张, 一本, 一份, 一辆, 一套, 一块) in Chinese text, or the
 * measure word 个 alone after a verb, as everyday speech drops the numeral ("开个奶茶店", "办个护照"; not 个体户).
 */
const CHINESE_COUNT = /一[家个间张本份辆套块]|(?<=[开办租买])个(?!体)/u;
/** The particle の between two nouns written in kanji or katakana (一時居住の登録, パスポートの申請). */
const JOINING_NO = /(?<=[\p{Script=Han}\p{Script=Katakana}ー])の(?=[\p{Script=Han}\p{Script=Katakana}])/gu;
const CHINESE_COUNT_ALL = /一[家个间张本份辆套块]|(?<=[开办租买])个(?!体)/gu;

/** Finds lexicon phrases in a query: `folded` is phraseKey(query) padded with spaces, `compact` the CJK-comparable text. */
export function matchLexicon(
  compiled: CompiledLexicon,
  query: string,
  /** The query written otherwise (its shorthand spelled out): its Latin phrases are found too. */
  written: readonly string[] = [],
  /** Entries not to read in this question (a phrase of the other Han language: query.ts otherHanLanguage). */
  skip: (e: { cjk: boolean; lang: string }) => boolean = () => false,
) {
  // The query with its English possessives read as "my" (possessiveKey), as the English phrases' keys are.
  const also = withPossessivesRead([query, ...written]).slice(1);
  let t = tables.get(compiled);
  if (!t) {
    const order = new Map<unknown, number>();
    for (const [i, e] of compiled.expansions.entries()) order.set(e, i);
    for (const [i, e] of compiled.events.entries()) order.set(e, i);
    t = { expansions: phraseTable(compiled.expansions), events: phraseTable(compiled.events), order };
    tables.set(compiled, t);
  }
  const folded = ` ${phraseKey(query)} `;
  const compact = query.normalize("NFKC").toLowerCase().replace(/\s+/g, "");
  const grammar = koreanGrammar(query.normalize("NFKC").toLowerCase());
  const hangulWords = hangulWordsOf(query);
  const order = t.order as Map<never, number>;
  const spans: { start: number; end: number; entry: unknown }[] = [];
  // A CJK event's phrase followed at once by a document's word names that document, not the event: 車両登録証 and 차량
  // 등록증 (a vehicle's registration certificate, lost or re-issued) are no vehicle registration, 結婚証明書 no wedding.
  // Nor does it hide a phrase starting inside it (등록증 재발급).
  const naming = (e: unknown) => {
    const mine = spans.filter((s) => s.entry === e);
    return (
      mine.length > 0 &&
      mine.every((m) => DOCUMENT_AFTER.test(compact.slice(m.end)) || BENEFIT_AFTER.test(compact.slice(m.end)))
    );
  };
  // The Japanese honorific prefix お/ご is no word of its own: a phrase starting right after it holds the word the
  // prefix adorns, it does not straddle two (店を閉め in お店を閉める, a shop closing, inside お店 = a household business).
  const honorific = (o: { start: number; entry: unknown }, m: { start: number }) =>
    m.start === o.start + 1 && /^[おご]/u.test((o.entry as { key: string }).key);
  const crossing = (e: unknown) => {
    const mine = spans.filter((s) => s.entry === e);
    return (
      mine.length > 0 &&
      mine.every((m) =>
        spans.some(
          (o) =>
            o.start < m.start && m.start < o.end && o.end < m.end && !naming(o.entry) && !honorific(o, m),
        ),
      )
    );
  };
  const all = {
    expansions: found(t.expansions, order, folded, compact, spans, typedWords(query), grammar, hangulWords),
    events: found(t.events, order, folded, compact, spans, undefined, grammar, hangulWords),
  };
  for (const other of also) {
    const f = ` ${phraseKey(other)} `;
    if (f === folded) continue;
    const more = {
      expansions: found(t.expansions, order, f, "", undefined, typedWords(other)),
      events: found(t.events, order, f, ""),
    };
    const rank = order as Map<unknown, number>;
    const byOrder = (a: unknown, b: unknown) => (rank.get(a) as number) - (rank.get(b) as number);
    all.expansions = [...new Set([...all.expansions, ...more.expansions])].sort(byOrder);
    all.events = [...new Set([...all.events, ...more.events])].sort(byOrder);
  }
  for (const e of foreignRead(t.expansions, order, folded, all.expansions))
    if (!all.expansions.includes(e)) all.expansions.push(e);
  for (const e of foreignReadJa(t.expansions, order, compact))
    if (!all.expansions.includes(e)) all.expansions.push(e);
  // Korean words with their particles and endings taken off (koreanBare) meet a phrase written with or without them.
  if (/\p{Script=Hangul}/u.test(compact)) {
    const bare = koreanBare(query);
    if (bare !== compact) {
      for (const e of found(t.expansions, order, "", bare, undefined, undefined, undefined, hangulWords))
        if (!all.expansions.includes(e)) all.expansions.push(e);
      for (const e of found(t.events, order, "", bare, undefined, undefined, undefined, hangulWords))
        if (!all.events.includes(e)) all.events.push(e);
    }
  }
  // A Chinese verb and its object with a numeral and measure word between them ("开一家咖啡店", "办一个护照") say what
  // the phrase without them says (开咖啡店): the phrases are looked for again in the text without them.
  const counted =
    CHINESE_COUNT.test(compact) &&
    !/[\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u.test(compact);
  if (counted) {
    const plain = compact.replace(CHINESE_COUNT_ALL, "");
    for (const e of found(t.expansions, order, "", plain))
      if (!all.expansions.includes(e)) all.expansions.push(e);
    for (const e of found(t.events, order, "", plain)) if (!all.events.includes(e)) all.events.push(e);
  }
  // A Japanese noun joined to the next by の (一時居住の登録, 常住の登録, 運転免許の再発行) is the compound a phrase writes
  // without it (一時居住登録): the phrases are looked for again in the text with such an の taken out.
  if (/\p{Script=Hiragana}/u.test(compact)) {
    const joined = compact.replace(JOINING_NO, "");
    if (joined !== compact) {
      for (const e of found(t.expansions, order, "", joined))
        if (e.cjk && !all.expansions.includes(e)) all.expansions.push(e);
      for (const e of found(t.events, order, "", joined))
        if (e.cjk && !all.events.includes(e)) all.events.push(e);
    }
  }
  // A CJK phrase that starts inside another phrase found before it and runs past its end straddles two words: 公司注册
  // in 分公司注册 (a branch's registration, not a company's) is no company registration.
  // A Latin phrase whose parts stand apart is not found when one of its parts is, wherever the query has it, a word of
  // a longer life event's phrase found with it that names none of its other parts: "mất" in "bố mất" (a father who
  // died) is no lost certificate for "sổ đỏ … mất"; "mất sổ đỏ" (the lost certificate's event) leaves it found.
  // Dropped first, such a phrase hides none of the shorter phrases inside it from longest(): "hộ cá thể" (a household
  // business) in "tạm ngừng … hộ cá thể", dropped beside the event phrase "tạm ngừng kinh doanh", still says who asks.
  const eventKeys = all.events.filter((h) => !h.cjk && !h.parts).map((h) => h.key);
  const expansions = longest(
    all.expansions.filter(
      (x) =>
        !skip(x) &&
        !crossing(x) &&
        (x.cjk ||
          !x.parts ||
          !x.parts.some((p, i) =>
            onlyInside(
              folded,
              p,
              eventKeys.filter((h) => !x.parts?.some((q, j) => j !== i && ` ${h} `.includes(` ${q} `))),
            ),
          )),
    ),
  );
  // A life event's Latin phrase inside a longer everyday name found with it ("kết hôn" in "trích lục kết hôn", an
  // extract of the marriage record) is that name's word, not the event: the name says what the question asks for.
  // So is one held in a part of a phrase whose parts stand apart ("thất nghiệp" in "tạm dừng … thất nghiệp").
  // A CJK event's phrase inside a longer part of such a phrase is that part's word too (结婚 in 结婚证 … 副本, a copy of
  // the marriage extract, not a wedding); a part that is the event's phrase itself (年金 … 申請) says the event. So is
  // one inside a longer CJK phrase whose meaning does not hold it (公司注册 in 公司注册资本 = 注册资本, the registered
  // capital, not a company's registration); one whose meaning holds it stays (a benefit's name is read by BENEFIT_AFTER).
  const within = (e: { key: string; cjk: boolean }) =>
    (e.cjk &&
      expansions.some((x) =>
        x.parts
          ? x.cjk && x.parts.some((p) => p.includes(e.key)) && !x.parts.includes(e.key)
          : x.cjk &&
            x.key.length > e.key.length &&
            x.key.includes(e.key) &&
            !x.expandsTo.replace(/\s+/g, "").includes(e.key),
      )) ||
    (!e.cjk &&
      expansions.some(
        (x) =>
          !x.cjk &&
          (x.parts
            ? x.parts.some((p) => ` ${p} `.includes(` ${e.key} `))
            : x.key.length > e.key.length && ` ${x.key} `.includes(` ${e.key} `)),
      ));
  const events = all.events.filter((e) => !skip(e) && !crossing(e) && !within(e) && !naming(e));
  return {
    expansions: expansions.map((e) => e.expandsTo),
    /** The synonyms found: the phrase as matched and what it means. */
    synonyms: expansions
      .filter((e) => e.synonym)
      .map((e) => ({ key: e.key, expandsTo: e.expandsTo, lang: e.lang, whole: e.whole === true })),
    /** Every phrase found, as matched, with what it stands for. */
    phrases: expansions.map((e) => ({
      key: e.key,
      expandsTo: e.expandsTo,
      lang: e.lang,
      synonym: e.synonym,
      apart: e.parts !== undefined,
      refines: refines(e, all.expansions),
    })),
    eventCodes: events.map((e) => e.codes),
    /** The life events found, with the phrase as matched. */
    events: events.map((e) => ({
      key: e.key,
      cjk: e.cjk,
      lang: e.lang,
      codes: e.codes,
      situation: e.situation === true,
      unnamed: e.unnamed === true,
      link: e.link === true,
      keepFirst: e.keepFirst === true,
      ...(e.yieldsTo ? { yieldsTo: e.yieldsTo } : {}),
    })),
  };
}

/**
 * A Vietnamese phrase that holds a shorter one of the lexicon found with it and says more ("cccd cho con" beside
 * "cccd"), and means more than it: like one whose parts stand apart, it names the document and what is asked of it
 * together, and must outweigh the aliases that match the document's everyday name alone ("làm CCCD", "đổi CCCD").
 * One meaning what the shorter means ("công tơ điện" beside "công tơ") is only another name.
 */
function refines(
  e: { key: string; cjk: boolean; lang: string; parts?: string[]; expandsTo: string },
  found: { key: string; cjk: boolean; lang: string; parts?: string[]; expandsTo: string }[],
): boolean {
  if (e.cjk || e.parts || e.lang !== "vi") return false;
  // Beside a phrase whose parts stand apart holding one of its words ("mst … mở lại" beside "mst cá nhân"), that
  // phrase says what is done; this one only who for.
  if (found.some((b) => b.parts && b.lang === e.lang && b.parts.some((p) => ` ${e.key} `.includes(` ${p} `))))
    return false;
  return found.some(
    (a) =>
      a !== e &&
      !a.cjk &&
      !a.parts &&
      a.lang === e.lang &&
      a.expandsTo !== e.expandsTo &&
      e.key.length > a.key.length &&
      ` ${e.key} `.includes(` ${a.key} `),
  );
}

/** Where a Latin phrase stands in a folded query padded with spaces, as whole words: the start of each occurrence. */
function wordsAt(folded: string, key: string): number[] {
  const out: number[] = [];
  for (let i = folded.indexOf(` ${key} `); i >= 0; i = folded.indexOf(` ${key} `, i + 1)) out.push(i + 1);
  return out;
}

/** Every occurrence of `part` in the folded query lies inside an occurrence of a longer phrase of `hosts`. */
function onlyInside(folded: string, part: string, hosts: string[]): boolean {
  const longer = hosts.filter((h) => h.length > part.length && ` ${h} `.includes(` ${part} `));
  if (longer.length === 0) return false;
  const at = wordsAt(folded, part);
  if (at.length === 0) return false;
  const spans = longer.flatMap((h) => wordsAt(folded, h).map((start) => [start, start + h.length] as const));
  return at.every((i) => spans.some(([start, end]) => start <= i && i + part.length <= end));
}

/** Each word of each phrase matches as written or without its diacritics, on word boundaries. */
function stopPhrasePattern(phrases: string[]): string | null {
  if (phrases.length === 0) return null;
  const esc = (w: string) => w.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const alternatives = phrases
    .map((p) => p.normalize("NFC").toLowerCase().split(/\s+/))
    .sort((a, b) => b.length - a.length)
    .map((words) =>
      words
        .map((w) => {
          const plain = foldDiacritics(w);
          return plain === w ? esc(w) : `(?:${esc(w)}|${esc(plain)})`;
        })
        .join("\\s+"),
    );
  return `(?<![\\p{L}\\p{N}])(?:${alternatives.join("|")})(?![\\p{L}\\p{N}])`;
}

/** A folded letter and the letters that fold to it (lowercase, NFC). */
const MARKED: Record<string, string> = {
  a: "aàáảãạăằắẳẵặâầấẩẫậ",
  d: "dđ",
  e: "eèéẻẽẹêềếểễệ",
  i: "iìíỉĩị",
  o: "oòóỏõọôồốổỗộơờớởỡợ",
  u: "uùúủũụưừứửữự",
  y: "yỳýỷỹỵ",
};

function shorthandRewriter(table: Map<string, string>): (text: string) => string {
  if (table.size === 0) return (text) => text;
  // A token of several words ("driver's license", the American name of what the catalogue calls a driving licence;
  // "tách hk", where hk is hộ khẩu, not the teencode không) is read as a phrase, case-insensitively, an apostrophe
  // typed either way, between word boundaries, its folded letters matching their marked forms ("tach" or "tách").
  // So is a hyphenated token ("mother-in-law"), whose words the word-by-word reading below splits.
  const phrases = [...table.keys()].filter((k) => /[\s'-]/u.test(k)).sort((a, b) => b.length - a.length);
  const phrase =
    phrases.length > 0
      ? new RegExp(
          `(?<![\\p{L}\\p{N}])(?:${phrases
            .map((k) =>
              k
                .replace(/[.*+?^${}()|[\]\\]/g, "\\$&")
                .replace(/'/g, "['’]")
                .replace(/\s+/g, "\\s+")
                .replace(/[adeiouy]/g, (c) => `[${MARKED[c]}]`),
            )
            .join("|")})(?![\\p{L}\\p{N}])`,
          "giu",
        )
      : null;
  const meaning = (m: string) =>
    table.get(foldDiacritics(m.toLowerCase().replace(/’/g, "'").replace(/\s+/g, " ")));
  // A question written in Hangul, kana or Chinese characters is no Vietnamese chat: its Latin words are read as
  // typed ("C/O VK" is the Korea FTA's form VK, not vk = vợ; "HS 코드", "TP" stay as they are).
  // No word longer than the longest one-word token is looked up (teencode is short; "motobike", a spelling of
  // motorbike, is the longest: a cap of 6 left it unread).
  let longestToken = 0;
  for (const k of table.keys()) if (!/[\s'-]/u.test(k)) longestToken = Math.max(longestToken, k.length);
  return (text) => {
    const spelled = phrase ? text.normalize("NFC").replace(phrase, (m) => meaning(m) ?? m) : text;
    if (CJK_SCRIPT.test(spelled)) return spelled;
    return spelled.replace(/[\p{L}\p{N}]+/gu, (word) => {
      if (word.length > longestToken) return word;
      return table.get(foldDiacritics(word)) ?? word;
    });
  };
}

const CJK_SCRIPT = /[\p{Script=Hangul}\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/u;

/**
 * Vietnamese personal pronouns standing inside an everyday phrase as the possessor or the subject say whose it is,
 * not what: "con em mới sinh", "con tôi mới sinh" are "con mới sinh" (a newborn); so do the quantifiers "mấy",
 * "vài", "những" say how many: "cho thuê mấy phòng trọ" is "cho thuê phòng trọ". A query is looked up again without
 * them (query.ts), its phrases found as well as the query's own. "e" is em typed short (chat: giadinh.net.vn 2019-06,
 * 'e xjn pkep' = em xin phép), here only: as shorthand read everywhere it took "C/O form E" (a form) for a pronoun.
 * Written without diacritics, "toi", "vai" and "nhung" are read as tôi, vài and những only in a query typed without
 * any; "minh", "tao", "no" and "may" are left (chứng minh, tạo, nợ, xe máy). "Của" stays: without it "khai sinh của
 * con" would hold "sinh con" (a birth).
 */
const PRONOUNS = new Set([
  "tôi",
  "tui",
  "tớ",
  "mình",
  "em",
  "e",
  "nó",
  "chúng",
  "bọn",
  "mấy",
  "vài",
  "những",
]);
const PRONOUNS_PLAIN = new Set(["toi", "vai", "nhung"]);

/**
 * An English possessive says whose the thing is, not what it is: "lost her passport", "put it in his name", "close
 * our shop" ask what "lost my passport", "in my name", "close my shop" ask. The English phrases of the glossary and
 * the life events were written with one possessive or another ("motorbike … in his name" but "land … in my name";
 * "lost my passport" only), so a question telling of a wife's, a son's or a company's paper missed the phrase written
 * for another's. The phrases' keys read every possessive as "my" (compileLexiconData), and so does the query
 * (withPossessivesRead). "Its" is left: "its" of a company's papers names no phrase.
 */
const POSSESSIVE = /(?<![\p{L}\p{N}'])(?:his|her|our|their|your)(?![\p{L}\p{N}'])/giu;

/** A folded English phrase key with its possessives read as "my" (POSSESSIVE). */
export function possessiveKey(key: string): string {
  return key.replace(POSSESSIVE, "my");
}

/** The texts, each followed by its reading with English possessives as "my" where that differs (POSSESSIVE). */
function withPossessivesRead(texts: readonly string[]): string[] {
  const out: string[] = [];
  for (const t of texts) {
    out.push(t);
    const read = t.replace(POSSESSIVE, "my");
    if (read !== t) out.push(read);
  }
  return out;
}

/** The text without the pronouns of PRONOUNS (words as typed, lower case), or the text itself when it has none. */
export function withoutPronouns(text: string): string {
  const lower = text.normalize("NFC").toLowerCase();
  const plain = foldDiacritics(lower) === lower;
  const words = lower.split(/\s+/u);
  const kept = words.filter((w) => {
    const bare = w.replace(/[^\p{L}\p{N}]/gu, "");
    return !(PRONOUNS.has(bare) || (plain && PRONOUNS_PLAIN.has(bare)));
  });
  return kept.length === words.length ? text : kept.join(" ");
}

/**
 * "Mất" is both lost and died: "mất sổ đỏ" (a lost certificate) and "mẹ tôi mất" (a mother who died). The death
 * event's phrases ("mẹ mất", "qua đời") find it only where "mất" stands beside the person; told as a story, the
 * person and the verb stand apart ("mẹ tôi vừa mất", "chồng tôi đang đóng bảo hiểm thì mất", "chồng tôi người Pháp
 * mất ở Việt Nam", "anh tôi bị tai nạn mất"), and "mất" is a stopword. Read as died (the text gets "qua đời", the
 * event's own phrase, in its place) where, in one clause, a person (a kinship word or "người") comes before it, no
 * word of losing stands just before it (bị, làm, đánh, để, rơi…: "bố tôi làm mất sổ"), and nothing it could have lost
 * follows it: the clause ends there or goes on with when, where or why ("mất ở bệnh viện", "mất năm 2010", "mất vì
 * bệnh", "mất rồi"); "mẹ tôi mất sổ hồng", "bố tôi mất việc" keep their object and stay lost. Typed without
 * diacritics ("mat" is also mắt, mặt, mật), only just after the person, a pronoun or "vừa", "mới", "đã", "thì".
 * Vietnamese usage: "mất", động từ, sense 7 'Không còn sống nữa, chết (hàm ý thương tiếc)' ("Anh ấy đã mất") beside
 * 'Không có ở mình nữa' ("Tôi mất giấy tờ tùy thân") (Từ điển tiếng Việt, loigiaihay.com/tu-dien-tv/mat-e917RquYTEAUx.html).
 */
const DIED_PERSON = new Set(
  "bố ba cha mẹ má ông bà cụ chồng vợ con anh chị cháu cậu dì chú bác cô thím mợ dượng người nội ngoại".split(
    " ",
  ),
);
const DIED_PERSON_PLAIN = new Set("bo cha me ong chong vo con anh chi chau nguoi noi ngoai bac".split(" "));
const LOST_BEFORE = new Set(
  "bị làm đánh để rơi ăn trộm lấy cháy cuốn lỡ quên bi lam danh de roi an trom lay chay cuon quen".split(" "),
);
const DIED_AFTER = new Set(
  "rồi ở tại hôm năm tuần tháng ngày lúc khi vì do từ vào được cách sau trước nay mà thì nên giờ để đột sáng chiều tối đêm hồi lâu không".split(
    " ",
  ),
);
const DIED_AFTER_PLAIN = new Set(
  "roi o tai hom nam tuan thang ngay luc khi vi do tu vao duoc cach sau truoc nay ma thi nen gio de".split(
    " ",
  ),
);
const DIED_PLAIN_BEFORE = new Set("toi minh em e vua moi da thi".split(" "));
/** The persons whose death the event names with "mất" beside them (lexicon.json, death-in-the-family). */
const DIED_PHRASED = new Set("bố mẹ cha ông bà chồng vợ bo me cha ong chong vo".split(" "));
const CLAUSE_END = /[,.;:!?…]$/u;

/** The text with "mất" read as died ("qua đời") where it says so (see above), or the text itself. */
export function diedReading(text: string): string {
  const lower = text.normalize("NFC").toLowerCase();
  const plain = foldDiacritics(lower) === lower;
  const words = lower.split(/\s+/u).filter((w) => w !== "");
  const bare = (w: string | undefined) => (w ?? "").replace(/[^\p{L}\p{N}]/gu, "");
  let changed = false;
  const out = words.map((w, i) => {
    if (bare(w) !== (plain ? "mat" : "mất")) return w;
    const before = bare(words[i - 1]);
    if (i === 0 || LOST_BEFORE.has(before) || CLAUSE_END.test(words[i - 1] as string)) return w;
    const next = CLAUSE_END.test(w) || i === words.length - 1 ? "" : bare(words[i + 1]);
    if (next !== "" && !(plain ? DIED_AFTER_PLAIN : DIED_AFTER).has(next)) return w;
    let person = "";
    for (let j = i - 1; j >= 0; j--) {
      const b = bare(words[j]);
      if (j < i - 1 && CLAUSE_END.test(words[j] as string)) break;
      if (plain ? DIED_PERSON_PLAIN.has(b) : DIED_PERSON.has(b)) {
        person = b;
        break;
      }
    }
    if (person === "") return w;
    if (plain && !DIED_PLAIN_BEFORE.has(before) && !DIED_PERSON_PLAIN.has(before)) return w;
    changed = true;
    // Beside its person too where the event has that phrase ("chồng mất"): the event then spans the person's word,
    // and what else the question asks ("chồng mới mất, vợ muốn xin giấy xác nhận độc thân") keeps its weight.
    const died = plain ? "qua doi" : "qua đời";
    return w.replace(
      plain ? "mat" : "mất",
      DIED_PHRASED.has(person) ? `${person} ${plain ? "mat" : "mất"} ${died}` : died,
    );
  });
  return changed ? out.join(" ") : text;
}

/** What the build writes to search/lexicon.json (src/assets.ts): the lexicon with the glossary merged in. */
export interface BuiltLexicon {
  lexicon: Lexicon;
  stopwords: string[];
  /** Vietnamese stopwords with their diacritics (absent in artefacts built before they were split out). */
  stopwordsVi?: string[];
  /** The three above compiled (compileLexiconData): what a runtime restores. */
  compiled?: CompiledLexiconData;
}

/**
 * Whether a query word is a stopword. `folded` is the analysed word; `typed` the forms it was typed in with
 * diacritics (lower case), empty when typed without: "thẻ" is a card, not the folded stopword "the"; "bảo" (bảo hiểm)
 * is not "bao" (bao nhiêu). English stopwords are not applied to a Vietnamese query: unaccented "so do" is sổ đỏ.
 */
export function isStopword(
  compiled: CompiledLexicon,
  folded: string,
  typed: readonly string[],
  lang: string | null,
): boolean {
  const vi = compiled.stopwordsVi;
  if (typed.length > 0) return typed.some((t) => vi.exact.has(t.normalize("NFC")));
  if (vi.folded.has(folded)) return true;
  return compiled.stopwords.has(folded) && (lang !== "vi" || !/^[a-z]+$/.test(folded));
}
