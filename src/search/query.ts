import Fuse from "fuse.js";
import type { Language, Level } from "../catalogue/index.ts";
import { KANJI_DIGITS } from "../text.ts";
import {
  ACTION_NAMED,
  AT_MISSION,
  AUDIENCE_ABROAD,
  AUDIENCE_FOREIGN,
  AUDIENCE_FOREIGN_ELEMENT,
  AUDIENCE_INVESTOR,
  COMBINED,
  ENTERPRISE_NAMED,
  EXEMPTION,
  FOREIGNERS_NAMED,
  isSecondaryAction,
  LEFT_VIETNAM,
  ORGANISATIONS_ONLY,
  PAYER_FILED,
  PRIVILEGED,
  SECONDARY_ACTION,
  SETTLING_ABROAD,
  type SearchIndexData,
} from "./build.ts";
import { japanesePieces, japanesePlacePairs, japaneseSeams, okuriganaPairs } from "./cjk.ts";
import { FOREIGN_PLACES } from "./countries.ts";
import { LanguageDetector } from "./detect.ts";
import { type HangulPieces, hangulPieces } from "./hangul.ts";
import { homophoneVariants, onReadingPairs, onReadingVariants } from "./homophones.ts";
import { isSyllable, splitGlued } from "./initialisms.ts";
import { withKanaWords } from "./japanese-readings.ts";
import {
  withExceptRead,
  withFoundRead,
  withLossRead,
  withNarrativeRead,
  withOfficeMoveRead,
} from "./japanese-sentences.ts";
import { firstChoiceSlip, heldWordSlip, wholeWordSlip } from "./japanese-slips.ts";
import { isUnheldJapaneseWord } from "./japanese-words.ts";
import {
  APART,
  type CompiledLexicon,
  diedReading,
  isStopword,
  matchLexicon,
  withoutPronouns,
} from "./lexicon.ts";
import { lookalikeVariants } from "./lookalikes.ts";
import {
  type Analyzed,
  analyze,
  englishBase,
  foldDiacritics,
  phoneticSyllable,
  phraseKey,
  sanitize,
  shortKatakanaPairs,
  stemOf,
  stripKoreanParticle,
  WHOLE,
  wholeNameCandidates,
  wholeNameKeys,
} from "./normalize.ts";
import { DEFAULT_OPTIONS, type EngineOptions, optionsHash, type RankOptions } from "./options.ts";
import type { Initialisms } from "./packed.ts";
import {
  ABROAD_MARKS,
  acknowledgementAsked,
  codesInQuery,
  diplomaticSaid,
  eventBonus,
  FOREIGN_MARKS,
  foreignPersonOnly,
  heldStateActs,
  levelInQuery,
  levelOf,
  orderVariants,
  starsAsked,
  unwedReading,
  visitorDied,
  withBirthAbroad,
  withBorderEvent,
  withCivilCorrection,
  withDoneAbroad,
  withForeignLicence,
  withFormCodes,
  withMovingIn,
  withNationalsRead,
  withoutCodes,
  withoutDenied,
  withoutDeniedZh,
  withoutFrame,
  withoutOtherParty,
  withoutUnwed,
  withParentAdded,
  withPauseRead,
  withPetLeaving,
  withSettlingAbroad,
  withTaxFiler,
  withVehicleGone,
  withVehicleNamed,
  withVisaChange,
} from "./policy.ts";
import { popcount, type QueryTerm, type Ranked, Ranker, termId } from "./rank.ts";
import { SearchIndexFormatError } from "./serialize.ts";
import { inSimplified, mayBeKanjiOnlyJapanese, toSimplified } from "./traditional.ts";

export { levelInQuery } from "./policy.ts";

export interface SearchHit {
  code: string;
  score: number;
  level: Level | null;
  /**
   * The same procedure at other levels or in other provinces (this hit's group), this one first, then the others in
   * the order a citizen most likely needs them (commune, province, ministry) when their scores are close.
   */
  variants: { code: string; level: Level | null }[];
  /** How the hit was found: by code, by words, through a life event, or after correcting a typo. */
  via: "code" | "words" | "event" | "typo";
  /**
   * 0–1: the IDF-weighted share of the query's meaningful terms (`SearchResult.terms`) this hit matched, as typed,
   * stemmed, corrected or spelled out from an initialism. 1 for a code asked for; 0 for a hit reached only through
   * a life event or an expansion.
   */
  coverage: number;
}

export interface SearchResult {
  query: string;
  lang: Language | null;
  level: Level | null;
  /** The analysed query terms that carry meaning (after stopwords and codes), in query order. */
  terms: string[];
  hits: SearchHit[];
}

export interface SearchOptions {
  limit?: number;
}

/** Queries are cut here: nobody types more, and a pasted 10 kB string must stay as fast as a short one. */
export const MAX_QUERY_CHARS = 300;
/**
 * A question read as Chinese whose words as typed reach at least this share in its best hit is not read again in
 * Simplified characters (Searcher.search): kanji-only Japanese read as Chinese matches the Japanese names as typed.
 */
const TYPED_FIT = 0.5;

/** @deprecated kept for callers of the first version: the ranking knobs now live in `DEFAULT_OPTIONS.rank`. */
export type SearchTuning = RankOptions;
export const DEFAULT_TUNING: RankOptions = DEFAULT_OPTIONS.rank;

/** The query after analysis: the words that carry meaning, and every weighted term to look up. */
export interface AnalyzedQuery {
  words: string[];
  terms: QueryTerm[];
  /** IDF of each word (or of its correction), for the coverage reported on hits. */
  wordIdf: number[];
  corrected: boolean;
  eventCodes: string[][];
  /** The share of the query's words each life event's phrase spans (parallel to eventCodes). */
  eventShares: number[];
  /** The query words (by bit) each life event's phrase spans (parallel to eventCodes). */
  eventBits: number[];
  /** Whether each life event names the asker's situation rather than what is asked (lexicon.ts, `situation`). */
  eventSituations: boolean[];
  /** The words (by bit) found only in other clauses than each life event's phrase (otherClauses). */
  eventApart?: number[];
  /** Whether each life event links a journey's steps to its subject (lexicon.ts, `link`). */
  eventLinks: boolean[];
  /** Whether each life event keeps its first procedure first for a reader of any language (lexicon.ts, `keepFirst`). */
  eventKeepFirst?: boolean[];
  /**
   * How many words the index can match in some form: coverage is ranked against these only. A CJK character pair no
   * document holds (one straddling two words, "証発") cannot tell documents apart, and counting it would only
   * flatten the coverage factor for all of them.
   */
  matchable: number;
  /** The words (by bit) the index can match in some form. */
  known: number;
  /** Each word's weight in the coverage factor (by bit; 0 for a word the index cannot match). */
  wordWeights: number[];
  /**
   * The query names a Vietnamese person as the other party ("my Vietnamese girlfriend", 越南女朋友, 베트남 여자,
   * ベトナム人): asked in a foreign language, the asker is the foreign party (VIETNAMESE_PARTY).
   */
  vietnameseParty?: boolean;
  /**
   * A Korean or Japanese question names Vietnam (VIETNAM_KO, VIETNAM_JA): a civil-status act's twin with a foreign
   * element leads, as where a party is named, but not other procedures' twins for foreigners (a driving licence, a
   * residence card).
   */
  vietnamNamed?: boolean;
  /**
   * The Vietnamese action pairs typed (VI_ACTION_PAIRS: 'cap_lai', 'thu_hoi', '~đổi'), and '~đổi' for a question typed
   * without diacritics that opens on "doi" ('doi giay dang ky xe'), for liftNamedActions.
   */
  actionPairs?: string[];
  /**
   * The query says the asker holds none yet ("never had one", "I don't have a licence yet", "for the first time"):
   * the acts on a held licence (re-issue, exchange, conversion) are no answer (FIRST_TIME, RankOptions.firstTimeLean).
   */
  firstTime?: boolean;
  /**
   * The query says something was lost (LOSS_SAID): a report of the loss (build.ts LOSS_REPORT) may be asked, so no
   * procedure is held behind its first issuance (leadFirstIssues).
   */
  lossSaid?: boolean;
  /**
   * A question in Chinese, Korean or Japanese that says no action on something held (ACTION_SAID: no re-issue,
   * exchange, renewal, extension, change, transfer, cancellation, loss, nor a situation calling for one): a first place
   * whose name says one yields to its plain sibling (leadPlainSiblings). Undefined in other languages.
   */
  noActionSaid?: boolean;
  /**
   * The question's foreign party is a person only ("người nước ngoài", "foreigner", 外国人), no foreign place said
   * (policy.ts foreignPersonOnly): its foreign marks say who asks, not that the asker is abroad.
   */
  foreignPerson?: boolean;
  /**
   * The question tells of a death during a visit or a trip in a foreign language (policy.ts visitorDied): the one who
   * died is a foreign party, as if named.
   */
  visitorDied?: boolean;
  /** The question says a border or a border area (BORDER_SAID). */
  borderSaid?: boolean;
  /** The question names a household business and, as typed, no enterprise (HOUSEHOLD_BUSINESS, householdLean). */
  household?: boolean;
  /** A Korean question names a household business or a small shop and no enterprise (HOUSEHOLD_BUSINESS_KO). */
  householdKo?: boolean;
  /** The question says the asker has left Vietnam (LEFT_VIETNAM_SAID, liftMarked). */
  leftVietnam?: boolean;
  /** The question names a pension and a settling abroad (SETTLING_SAID, liftMarked). */
  settlingAbroad?: boolean;
  /** The question says a Vietnamese asker lives abroad (LIVING_ABROAD_SAID, liftMarked). */
  livingAbroad?: boolean;
  /**
   * Action words of the first-issue twins (build.ts firstIssueTwins) that the query holds only as another word folded
   * alike (FOLDED_NOT_ACTION): "lai" of "bằng lái", "lái xe" (to drive), not "lại" (again) of "cấp lại".
   */
  notActions?: string[];
  /**
   * The words (by bit) a Vietnamese everyday name spans whose meaning names no action on a held licence ("bằng lái" →
   * giấy phép lái xe, "thi bằng lái" → cấp giấy phép lái xe): the meaning's words name them, so a re-issue holding the
   * everyday name in its aliases ("đổi bằng lái xe") matches no more of the question than its first issuance. Also
   * the word of applying (신청, 申请, 申請: APPLY_WORDS), which names no action either.
   */
  namedBits?: number;
  /**
   * The Chinese character pairs read as another pair one slip away (homophones.ts: 工做 → 工作, 须签 → 续签), as typed
   * and as read, for Searcher.searchAs to read the question again with them corrected.
   */
  slips?: [string, string][];
  /**
   * Chinese pairs the index has never seen with a pair one homophone or one look-alike away that a phrase of the
   * lexicon holds (须签 → 续签, 许口 → 许可), as typed and as they may be read: read only where the reading makes a
   * phrase (Searcher.phraseSlips).
   */
  slipCandidates?: [string, string][];
  /**
   * The query's terms without what an age typed added (addAgeBrackets), where it added any: an age refines among the
   * documents the rest of the question finds (RankOptions.ageRefine).
   */
  ageFree?: QueryTerm[];
  /** The names' age-bracket pairs the age typed falls outside ("từ đủ 70 tuổi" for a 60-year-old). */
  ageAgainst?: string[];
  /** A bracket was typed ("dưới 6 tuổi", "十四歳未満"), not an age: it names the names' bracket, not the asker's age. */
  ageBracket?: boolean;
  /** The words (by bit) of the age as typed ("70 tuổi", "dưới 6 tuổi"). */
  ageBits?: number;
  /** The bracket pairs the age typed added ("du_14", "duoi_6", "under_6"). */
  ageTerms?: string[];
  /** The words (by bit) the Vietnamese everyday names of the lexicon found in the question span. */
  phraseBits?: number;
  /** The words (by bit) each Korean synonym of the lexicon found in a Korean question spans. */
  koreanSpans?: number[];
  /** The words (by bit) each whole name or alias of a procedure found in the question spans ("=doi can cuoc"). */
  wholeSpans?: number[];
  /** The word (by bit) a marriage not made beside a child is read as (policy.ts withoutUnwed): an act typed. */
  unwedBits?: number;
  /** The star grades the question names (policy.ts starsAsked; bit n for n stars), for RankOptions.gradeLead. */
  starsAsked?: number;
  /**
   * The act words the state an English question says its paper is in calls for (policy.ts heldStateActs: "re_issuance"
   * for a lost card, "exchange" for an expired one), for liftStatedActs.
   */
  statedActs?: readonly (readonly string[])[];
  /** The words (by bit) saying that state or an act (STATE_OR_ACT_WORD): they tell the acts apart, not the paper. */
  stateBits?: number;
}

/**
 * What Searcher.analyzeQuery has read of a question so far. Its stages (readWords, readWordForms, readPairs, …) each
 * read the question on from it and add the terms they find through `add`.
 */
interface Reading {
  query: string;
  /** The question without its procedure codes. */
  rest: string;
  lang: Language | null;
  /** Analysing what a question asks after what it says is done (DONE_THEN): read no further such clause. */
  nested: boolean;
  analyzed: Analyzed;
  isStop: (t: string) => boolean;
  hangul: HangulPieces;
  /** The question with its shorthand spelled out (lexicon.ts rewrite). */
  written: string;
  /** The lexicon's phrases, synonyms and life events found in the question; later stages find more. */
  lexical: ReturnType<typeof matchLexicon>;
  /** The question's words that say something, each owning one bit of coverage (at most 31). */
  words: string[];
  /** The Korean words of two syllables typed as such (RankOptions.wholeWord). */
  halved: Set<string>;
  weights: Map<string, QueryTerm>;
  /** Adds a term at a weight (the larger, where it was added before) and the words (by bit) it covers. */
  add: (term: string, weight: number, bits?: number) => void;
  /** IDF of each word (or of its correction). */
  wordIdf: number[];
  /** A Latin word was read as a typo of another. */
  corrected: boolean;
  english: boolean;
  /** Each Latin word read as a typo, and the word read. */
  fixes: Map<string, string>;
  /** English plurals as typed (pluralsAsTyped). */
  typedForms: Map<string, string>;
  /** Each CJK word or pair read as a slip, and what was read. */
  cjkFixes: [string, string][];
  /** Each Korean word (and syllable pair) a slip was read in, as read (readWordForms). */
  cjkRead: Map<string, string>;
  /** Chinese pairs that may be slips inside a phrase of the lexicon (AnalyzedQuery.slipCandidates). */
  phraseCandidates: [string, string][];
}

/** A life event found in a question, once per event (Searcher.eventShares). */
interface EventFound {
  codes: string[];
  share: number;
  bits: number;
  situation: boolean;
  unnamed: boolean;
  link: boolean;
  keepFirst: boolean;
  apart: number;
}

/** What an age typed added (Searcher.readAge). */
interface AgeRead {
  /** Each term the age added, as it was before (null: not there). */
  beforeAge: Map<string, QueryTerm | null>;
  age: { against: string[]; bracket: boolean };
  /** The words (by bit) of the age as typed. */
  ageBits: number;
}

/** What the last stage of Searcher.analyzeQuery puts together besides the reading itself. */
interface AnalysisParts {
  /** The words (by bit) the index can match in some form. */
  found: number;
  events: EventFound[];
  /** Whether the question says the asker lacks what a phrase names (readEvents). */
  lacked: (key: string, before?: RegExp) => boolean;
  age: AgeRead;
  wholeSpans: number[];
}

export class Searcher {
  private readonly codeIds: Map<string, number>;
  private readonly oldCodeIds = new Map<string, number[]>();
  private readonly groupMembers = new Map<number, number[]>();
  private readonly detector: LanguageDetector;
  private readonly initialisms: Initialisms;
  /** One small fuse.js matcher per first letter: typos rarely hit the first letter, and small sets are fast. */
  private readonly fuses = new Map<string, Fuse<string>>();
  private readonly corrections = new Map<string, string | null>();
  private readonly buckets = new Map<string, string[]>();
  private readonly ranker: Ranker;
  /** Ranks a question without its age (RankOptions.ageRefine), beside `ranker`'s ranking; made on first use. */
  private ageFreeRanker: Ranker | null = null;
  private readonly rankOptions: RankOptions;
  /** The lift of a question asked in a foreign language (RankOptions.foreignReader), made on first use. */
  private foreignLift: Float32Array | null = null;
  /** The candidates of the question being ranked held behind a twin (holdBehind), which no later rule lifts again. */
  private readonly held = new Set<number>();
  /** The documents namedBitsOf asks about, one bit each, made on first use (cleared after each use). */
  private askedWords: Uint32Array | null = null;
  /** Each twin with a foreign element's domestic procedures (holdForeignElements), made on first use. */
  private domesticTwins: Map<number, Uint32Array> | null = null;
  /** Each first issuance's twins acting on it (liftAskedActions), made on first use. */
  private actingTwins: Map<number, Uint32Array> | null = null;
  /** SearchIndexData.actionTerms as a set, made on first use. */
  private actionTerms: Set<string> | null = null;
  /** The lexicon's non-Vietnamese phrases read as a foreign party, made on first use (foreignPartyBits). */
  private foreignKeys: { pieces: string[]; last: string; single: boolean }[] | null = null;
  /** The last question's foreign-party bits, by its words (read twice or more per search). */
  private foreignBitsMemo: { words: readonly string[]; bits: number } | null = null;
  /** The lexicon's English nationalities and countries read as a foreign party, made on first use (isNationality). */
  private nationalityKeys: Set<string> | null = null;
  /** The Latin words of the lexicon's phrases, made on first use (lexiconWords). */
  private lexiconWordSet: Set<string> | null = null;
  /** Latin word pairs of the lexicon's phrases (lexiconPairs), made on first use. */
  private lexiconPairSet: Set<string> | null = null;
  /** The Korean words of the lexicon's phrases, made on first use (hangulLexiconWords). */
  private hangulWordSet: Set<string> | null = null;
  /** The katakana words of the lexicon's phrases and the names' two-kana loanwords (katakanaWords). */
  private katakanaWordSet: Set<string> | null = null;
  private hanPairSet: Set<string> | null = null;
  /** The words of the English names as englishBase leaves them, made on first use (bucket). */
  private englishVocabulary: Set<string> | null = null;

  constructor(
    private readonly data: SearchIndexData,
    private readonly lexicon: CompiledLexicon,
    options: EngineOptions = DEFAULT_OPTIONS,
  ) {
    if (data.optionsHash !== optionsHash(options))
      throw new SearchIndexFormatError(
        `search index built with other options (${data.optionsHash}, expected ${optionsHash(options)}); run npm run build`,
      );
    this.rankOptions = options.rank;
    this.codeIds = new Map(data.codes.map((c, i) => [c, i]));
    for (const [old, doc] of data.oldCodes)
      this.oldCodeIds.set(old, [...(this.oldCodeIds.get(old) ?? []), doc]);
    data.groups.forEach((g, doc) => {
      const list = this.groupMembers.get(g);
      if (list) list.push(doc);
      else this.groupMembers.set(g, [doc]);
    });
    let viSyllables: Set<string> | null = null;
    this.detector = new LanguageDetector(
      data.viWords,
      data.enWords,
      englishPhraseWords(lexicon, data.viWords),
      // A word one slip from a syllable the Vietnamese names also write ("thuongg") is no English word's slip.
      (w) => {
        const near = this.nearest(w, w.length >= 8 ? 2 : 1, true);
        viSyllables ??= new Set(data.viWords);
        return near !== null && !viSyllables.has(near);
      },
    );
    this.initialisms = data.initialisms;
    this.ranker = new Ranker(data, options.rank);
  }

  get size(): number {
    return this.data.codes.length;
  }

  /**
   * Vietnamese syllables typed without spaces ("dangkykethon", "xinphepxaydung") spaced out, in a query not read as
   * English: a Latin word of six letters or more the index does not know, nor the initialisms, that splits into
   * syllables it knows. Typed so, it matched nothing at all. In a query read as English, a word typed in two pieces is
   * joined (rejoinedEnglish) and two words typed as one are split (ungluedEnglish).
   */
  private unglued(query: string): string {
    if (!/[a-z]{6}|[a-z]{2}\s+[a-z]{2}/i.test(query)) return query;
    const known = (t: string) => termId(this.data, t) !== undefined;
    if (this.detector.detect(query) === "en") return this.ungluedEnglish(this.rejoinedEnglish(query), known);
    return this.ungluedEnglish(
      query.replace(/\b[a-z]{6,}\b/gi, (word) => {
        const w = word.toLowerCase();
        // A run of syllables one or two records hold whole is a web address's name ("dangkykinhdoanh" of
        // dangkykinhdoanh.gov.vn, in the electricity records' documents), not what the asker typed it for.
        if ((known(w) && this.df(w) > GLUED_ADDRESS_MAX_DF) || this.initialisms.has(w)) return word;
        return splitGlued(w, known, (a, b) => known(`${a}_${b}`))?.join(" ") ?? word;
      }),
      known,
    );
  }

  /**
   * An English word typed in two pieces ("pass port", "house hold", "birth certi ficate"): two Latin words side by side
   * whose letters together are a word of the English names of six letters or more that at least a few names hold
   * (REJOINED_LEAST_DF), where the names never write the two as a word pair (their pair is not indexed: "tax payer"
   * stays) — joined. Read apart, "pass port" found the inland waterway ports.
   */
  private rejoinedEnglish(query: string): string {
    if (!/[a-z]{2,}\s+[a-z]{2,}/i.test(query)) return query;
    this.englishVocabulary ??= new Set(this.data.enWords.map((w) => englishBase(w)));
    const en = this.englishVocabulary;
    const parts = query.split(/(\s+)/);
    for (let i = 0; i + 2 < parts.length; i += 2) {
      const a = (parts[i] as string).toLowerCase();
      const b = (parts[i + 2] as string).toLowerCase();
      if (!/^[a-z]{2,}$/.test(a) || !/^[a-z]{2,}$/.test(b) || a.length + b.length < 6) continue;
      const whole = englishBase(`${a}${b}`);
      if (!en.has(whole) || this.df(whole) < REJOINED_LEAST_DF) continue;
      if (termId(this.data, `${englishBase(a)}_${englishBase(b)}`) !== undefined) continue;
      parts.splice(i, 3, `${parts[i]}${parts[i + 2]}`);
    }
    return parts.join("");
  }

  /**
   * Two English words typed as one ("foodsafety", "landuse", "workpermit"): a Latin word of seven letters or more the
   * index does not know, nor the initialisms, split into two words of the English names that the names also write
   * side by side (their pair is indexed; of several splits, the pair the most names hold). Typed so, it matched
   * nothing, and a typo's correction is one word.
   */
  private ungluedEnglish(query: string, known: (t: string) => boolean): string {
    if (!/[a-z]{7}/i.test(query)) return query;
    this.englishVocabulary ??= new Set(this.data.enWords.map((w) => englishBase(w)));
    const en = this.englishVocabulary;
    return query.replace(/\b[a-z]{7,}\b/gi, (word) => {
      const w = word.toLowerCase();
      if (known(w) || this.initialisms.has(w)) return word;
      let best: string | null = null;
      let most = 0;
      for (let i = 3; i <= w.length - 3; i++) {
        const a = englishBase(w.slice(0, i));
        const b = englishBase(w.slice(i));
        if (!en.has(a) || !en.has(b)) continue;
        const df = this.df(`${a}_${b}`);
        if (df > most) {
          most = df;
          best = `${w.slice(0, i)} ${w.slice(i)}`;
        }
      }
      return best ?? word;
    });
  }

  /**
   * The procedures whose name or alias is the whole text, as the index keys whole names (brackets dropped, CJK
   * compacted): read from one posting list, where a search can rank a long name, or one several variants share,
   * below others.
   */
  wholeNamed(text: string): string[] {
    const out: string[] = [];
    for (const key of wholeNameKeys(sanitize(text).slice(0, 2000))) {
      const id = termId(this.data, key);
      if (id === undefined) continue;
      const from = this.data.offsets[id] as number;
      const to = this.data.offsets[id + 1] as number;
      for (let i = from; i < to; i++) out.push(this.data.codes[this.data.postingDocs[i] as number] as string);
    }
    return [...new Set(out)];
  }

  detectLanguage(text: string): Language | null {
    return this.detector.detect(text);
  }

  search(rawQuery: string, options: SearchOptions = {}): SearchResult {
    const limit = Math.max(1, Math.min(options.limit ?? 10, 50));
    const typed = this.unglued(
      sanitize(String(rawQuery ?? ""))
        .slice(0, MAX_QUERY_CHARS)
        .trim(),
    );
    // A question in Traditional Chinese is read in the Simplified characters of the names and the lexicon.
    const plain = toSimplified(typed);
    const detected = this.detector.detect(plain);
    // Kanji-only Japanese holding a word only the Japanese glossary writes (診療所 開設許可, 病院 開設, 法人税 申告) is
    // read as Japanese (japaneseWorded), though its characters are all ones Chinese writes too.
    const lang = detected === "zh" && plain === typed && this.japaneseWorded(plain) ? "ja" : detected;
    // A Japanese question's words left in kana before conversion (ぜいむ とうろく) are read as written in kanji, and a
    // paper said stolen, dropped or gone (パスポートを盗まれた) as lost (withLossRead), a passport found again after a
    // loss as no loss (withFoundRead), a company office said moved as the seat's move (withOfficeMoveRead), and without
    // a noun said excluded (ホテル以外: withExceptRead), nor who joined the asker and where a birth or death happened
    // (妻と二人で, 病院で娘が生まれた: withNarrativeRead).
    // Its loanwords typed with a slip of a long vowel or of ヴ (ビーザ, ヴィザ), or in hiragana (ばいく), are read as the
    // lexicon's katakana words (withKatakanaSlips).
    const read =
      lang === "ja"
        ? withNarrativeRead(
            withExceptRead(
              withOfficeMoveRead(
                withLossRead(withFoundRead(withKinStayRead(this.withKatakanaSlips(withKanaWords(plain))))),
              ),
            ),
          )
        : plain;
    const asRead = this.searchAs(typed, read, lang, limit);
    // Another reading of the question is kept only where its best hit matches a larger share of its words.
    const orBetter = (than: typeof asRead, text: string, before: string) => {
      if (text === before) return than;
      const meant = this.searchAs(typed, text, lang, limit);
      return meant.fit > than.fit ? meant : than;
    };
    // A Japanese question holding a word the names hold once or twice, typed for a core word of the same reading
    // (志望届 for 死亡届, 確定深刻 for 確定申告: heldWordSlip), is searched again with the word meant, and that reading is
    // kept when its best hit matches a larger share of its words (the glossary and life events then read it too).
    const slipped = lang === "ja" ? this.withHeldSlips(read) : read;
    const asHeld = orBetter(asRead, slipped, read);
    // So is one holding the input method's first choice for a core word's reading (低頭権 for 抵当権, 居住照明書 for
    // 居住証明書: firstChoiceSlip), a word a question may also mean as typed: only a better fit reads it so.
    const chosen = lang === "ja" ? this.withFirstChoiceSlips(slipped) : slipped;
    const asTyped = orBetter(asHeld, chosen, slipped);
    // Read as Chinese though it held no character only Chinese writes (律師執照, 火化補助: every one is shared with
    // Japanese), a question whose words as typed mostly match nothing is searched again in Simplified characters, and
    // that reading is kept when it matches more of its words: a Traditional question finds the Simplified names,
    // while kanji-only Japanese read as Chinese (個人所得税確定申告, 住宅建築許可) keeps matching the Japanese names.
    const simplified = lang === "zh" ? inSimplified(read) : read;
    const asChinese = asTyped.fit >= TYPED_FIT ? asTyped : orBetter(asTyped, simplified, read);
    // So is one whose words, read as Chinese, match nothing at all (出征届, 出生届 typed with the input method's slip).
    return lang === "zh" && (mayBeKanjiOnlyJapanese(plain) || asChinese.result.hits.length === 0)
      ? this.orJapanese(typed, plain, asChinese, limit)
      : asChinese.result;
  }

  /**
   * Whether a question read as Chinese, with no character only Traditional Chinese writes, holds a word of the Japanese
   * glossary or lexicon written in kanji alone that Chinese does not write (診療所 of 診療所 … 開設, 病院, 法人税, 年末調整:
   * CompiledLexicon.japaneseOnly), and no Chinese phrase as typed nor a character only Chinese writes (办, 证, 个:
   * CompiledLexicon.chineseOnlyHan): such a question is kanji-only Japanese. Read as Chinese, its Japanese phrases
   * never applied, and its reading in Simplified characters found another procedure (診療所 開設許可 found a railway
   * works permit before the clinic's licence: 開設 read 开设). A question holding only words both write (結婚登記, 護照,
   * 開設許可) stays Chinese, its Japanese reading competing (orJapanese).
   */
  private japaneseWorded(text: string): boolean {
    if (!/\p{Script=Han}{2}/u.test(text)) return false;
    for (const ch of text) if (this.lexicon.chineseOnlyHan.has(ch)) return false;
    const found = matchLexicon(this.lexicon, text);
    const all = [...found.phrases, ...found.events];
    const only = (key: string) =>
      key.split(APART).some((p) => this.lexicon.japaneseOnly.has(p.replace(/\s+/g, "")));
    return all.some((e) => e.lang === "ja" && only(e.key)) && !all.some((e) => e.lang === "zh");
  }

  /**
   * A question read as Chinese that may be kanji-only Japanese (mayBeKanjiOnlyJapanese: 遺族年金, 運送業 許可, 建築許可
   * 延調, held a form Japanese shares with Traditional Chinese and none only Chinese writes) is searched again as
   * Japanese, with its glossary, stopwords and typo readings, and that reading is kept when its best hit matches a
   * larger share of its words; a tie keeps the Chinese reading (律師執照, 護照遺失 match more as Chinese).
   */
  private orJapanese(
    typed: string,
    plain: string,
    asChinese: { result: SearchResult; fit: number },
    limit: number,
  ): SearchResult {
    const read = withKanaWords(plain);
    let asJapanese = this.searchAs(typed, read, "ja", limit);
    // Its Japanese slips too (出征届 for 出生届: withHeldSlips, withFirstChoiceSlips), each kept where it fits better.
    const slipped = this.withHeldSlips(read);
    if (slipped !== read) {
      const meant = this.searchAs(typed, slipped, "ja", limit);
      if (meant.fit > asJapanese.fit) asJapanese = meant;
    }
    const chosen = this.withFirstChoiceSlips(slipped);
    if (chosen !== slipped) {
      const meant = this.searchAs(typed, chosen, "ja", limit);
      if (meant.fit > asJapanese.fit) asJapanese = meant;
    }
    return asJapanese.fit > asChinese.fit ? asJapanese.result : asChinese.result;
  }

  /**
   * The Chinese slips (AnalyzedQuery.slips, then AnalyzedQuery.slipCandidates, one reading for each pair typed) whose
   * reading makes a phrase of the lexicon the question as typed lacks (工做证 → 工作证, 须签 → 续签), and breaks none it
   * holds (网店 read 网点 is no slip: 网店 is the glossary's).
   */
  private phraseSlips(
    query: string,
    slips: [string, string][] | undefined,
    candidates: [string, string][] = [],
  ): [string, string][] {
    if ((!slips || slips.length === 0) && candidates.length === 0) return [];
    const keys = (text: string) => {
      const found = matchLexicon(this.lexicon, text);
      return [...found.phrases, ...found.synonyms, ...found.events].map((e) => e.key);
    };
    const parts = (list: Iterable<string>) =>
      [...list].flatMap((k) => k.split(APART).map((p) => p.replace(/\s+/g, "")));
    const typed = new Set(keys(query));
    const held = parts(typed);
    // A reading makes a phrase holding the pair as read, and breaks none holding it as typed.
    const makes = (read: [string, string][], [t, r]: [string, string]) =>
      !held.some((p) => p.includes(t)) &&
      parts(keys(withSlipsRead(query, read)).filter((k) => !typed.has(k))).some((p) => p.includes(r));
    const all = slips ?? [];
    const out = all.filter((slip) => makes(all, slip));
    for (const slip of candidates)
      if (!out.some(([t]) => t === slip[0]) && makes([...out, slip], slip)) out.push(slip);
    return out;
  }

  /** A search of `simplified` (the typed text in the characters it is read in); `fit`: the best hit's share of words. */
  private searchAs(
    typed: string,
    simplified: string,
    lang: Language | null,
    limit: number,
  ): { result: SearchResult; fit: number; text: string; slips?: [string, string][] } {
    const framed = withoutFrame(withVehicleNamed(simplified, lang), lang);
    const denied = lang === "vi" ? withoutDenied(framed) : lang === "zh" ? withoutDeniedZh(framed) : framed;
    const unwed = withoutUnwed(denied, lang);
    const parent = withParentAdded(unwed, lang);
    // What the question says of whose paper or animal it is and who files (policy.ts), read as the records' words.
    const licence = withForeignLicence(parent, lang, this.isNationality);
    const paused = withPauseRead(
      withVehicleGone(
        withVisaChange(withBorderEvent(withTaxFiler(withPetLeaving(licence, lang), lang), lang), lang),
        lang,
      ),
      lang,
    );
    const said = withMovingIn(withSettlingAbroad(paused, lang), lang);
    const livingAbroad = LIVING_ABROAD_SAID.test(parent.normalize("NFKC").toLowerCase());
    const query = withNationalsRead(
      withDoneAbroad(
        withBirthAbroad(withFormCodes(withCivilCorrection(said, lang), lang), lang, livingAbroad),
        lang,
        livingAbroad,
      ),
      lang,
      this.isNationality,
    );
    const level = levelInQuery(query);
    const result: SearchResult = { query: typed, lang, level, terms: [], hits: [] };
    if (query === "") return { result, fit: 0, text: simplified };

    // Codes match exactly, with or without dots; a December 2025 code finds the record that replaced it.
    const codeDocs = this.codeDocs(query);
    // What is left once codes and words like "mã"/"code" are removed decides whether words are searched too.
    const rest = withoutCodes(query);
    if (codeDocs.length > 0 && analyze(rest).unigrams.every((t) => /^\d+$/.test(t))) {
      return { result: { ...result, hits: this.codeHits(codeDocs, limit) }, fit: 1, text: simplified };
    }
    let q = this.analyzeQuery(query, rest, lang);
    // A Chinese question typed with a slip inside a phrase of the lexicon (工做证, 工作许可证须签) is read again with that
    // slip corrected: the glossary's phrases (工作证, 续签), the pairs across the corrected character (作证) and every rule
    // reading the question's words see what was meant, as they would had it been typed right. Read as a correction
    // (SearchHit.via "typo"). Only such slips: most pairs read for a slip straddle two words (南老 of 越南老公), and
    // written as read they broke the word beside them (老公, a husband).
    const reread =
      lang === "zh" ? withSlipsRead(query, this.phraseSlips(query, q.slips, q.slipCandidates)) : query;
    if (reread !== query) {
      q = this.analyzeQuery(reread, withoutCodes(reread), lang);
      q.corrected = true;
    }
    // The acknowledgement read (UNWED, PARENT_ADDED) or typed is an act asked beside a birth's life event.
    if (unwed !== denied || acknowledgementAsked(parent, lang)) {
      const reads = unwedReading(lang);
      q.unwedBits = q.words.reduce((bits, w, i) => (w === reads ? bits | (1 << i) : bits), 0);
    }
    const statedActs = heldStateActs(query, lang);
    if (statedActs.length > 0) {
      q.statedActs = statedActs;
      q.stateBits = q.words.reduce((bits, w, i) => (STATE_OR_ACT_WORD.test(w) ? bits | (1 << i) : bits), 0);
    }
    result.terms = q.words;
    const folded = query.normalize("NFKC").toLowerCase();
    const self =
      (lang === "en" && VIETNAMESE_SELF.test(folded)) ||
      (lang === "zh" && VIETNAMESE_SELF_ZH.test(folded)) ||
      (lang === "ja" && (VIETNAMESE_AMONG_JA.test(folded) || kinResidence(folded))) ||
      VIETNAMESE_BOTH.test(folded);
    result.hits = this.collect(
      q,
      codeDocs,
      level,
      limit,
      self ? undefined : this.liftFor(lang),
      lang === "vi",
      lang === "ja",
    );
    const best = result.hits[0];
    return {
      result,
      fit: best && q.words.length > 0 ? (best.coverage * q.matchable) / q.words.length : 0,
      text: simplified,
      slips: q.slips,
    };
  }

  /**
   * A life event's procedures in the order the data gives; for a question in a foreign language, those for
   * foreigners first ("a residence card" asked in English: the foreigner's), and the twins with a foreign element
   * first only when the question names the other party ("getting married to my Vietnamese girlfriend" in English:
   * the marriage with a foreign element before the marriage of two Vietnamese citizens; "getting married" alone:
   * the citizens' own, AUDIENCE_FOREIGN_ELEMENT). An event whose first procedure its asker files whoever they are
   * (lexicon.ts `keepFirst`: a landlord's tax on the rent) keeps it first, and the others follow in that order.
   */
  private eventOrder(
    codes: string[],
    foreignReader: boolean,
    otherParty: boolean,
    keepFirst = false,
  ): string[] {
    if (!foreignReader) return codes;
    if (keepFirst && codes.length > 1)
      return [codes[0] as string, ...this.eventOrder(codes.slice(1), foreignReader, otherParty)];
    const first = AUDIENCE_FOREIGN | (otherParty ? AUDIENCE_FOREIGN_ELEMENT : 0);
    const forForeigners = (code: string) => {
      const doc = this.codeIds.get(code);
      return doc !== undefined && ((this.data.audience[doc] as number) & first) !== 0;
    };
    return [...codes.filter(forForeigners), ...codes.filter((c) => !forForeigners(c))];
  }

  /**
   * The lean of a question asked in English, Chinese, Korean or Japanese (RankOptions.foreignReader): procedures for
   * foreigners and the investor set's procedures, by how much they are lifted; none for Vietnamese or an unknown
   * language.
   */
  private liftFor(lang: Language | null): Float32Array | undefined {
    if (lang === null || lang === "vi") return undefined;
    if (!this.foreignLift) {
      const { investor, foreign } = this.rankOptions.foreignReader;
      this.foreignLift = Float32Array.from(this.data.audience, (a) => {
        return (a & AUDIENCE_INVESTOR ? 1 + investor : 1) * (a & AUDIENCE_FOREIGN ? 1 + foreign : 1) - 1;
      });
    }
    return this.foreignLift;
  }

  private codeDocs(query: string): number[] {
    const docs: number[] = [];
    for (const code of codesInQuery(query)) {
      const doc = this.codeIds.get(code);
      if (doc !== undefined) docs.push(doc);
      for (const d of this.oldCodeIds.get(code) ?? []) docs.push(d);
    }
    return docs;
  }

  /**
   * Query analysis: each meaningful word owns one bit; a document's coverage is the share of words it matched in
   * any form (as typed, stemmed, corrected, or spelled out from an initialism). Word pairs, phonetic and exact forms,
   * and lexicon expansions add score but no coverage.
   */
  analyzeQuery(
    query: string,
    rest = withoutCodes(query),
    lang: Language | null = this.detector.detect(query),
    /** Analysing what a question asks after what it says is done (DONE_THEN): read no further such clause. */
    nested = false,
  ): AnalyzedQuery {
    const r = this.readWords(query, rest, lang, nested);
    this.readWordForms(r);
    this.readPluralSlips(r);
    const glue = this.readPairs(r);
    const wholeSpans = this.readWholeNames(r);
    this.readSpellings(r, glue);
    this.rereadCorrected(r);
    const slipsRead = this.rereadSlips(r);
    this.rereadSynonymReadings(r, slipsRead);
    this.addMeanings(r);
    const age = this.readAge(r);
    this.coverViPhrases(r);
    const { found, events, lacked } = this.readEvents(r);
    return this.analysis(r, { found, events, lacked, age, wholeSpans });
  }

  /**
   * The question's words that say something (stopwords, kana grammar and character pairs straddling two phrases left
   * out), the lexicon's phrases found in it, and an empty reading the later stages add terms to.
   */
  private readWords(query: string, rest: string, lang: Language | null, nested: boolean): Reading {
    const opt = this.rankOptions;
    const stop = this.lexicon.stopwords;
    // Another party named in passing (policy.ts withoutOtherParty) is no word of what is asked; the glossary's
    // phrases still read it ("landlord … register": a tenant's temporary residence).
    const analyzed = analyze(
      this.lexicon.stripStopPhrases(this.lexicon.rewrite(withoutOtherParty(rest, lang))),
    );
    const isStop = stopTest(this.lexicon, analyzed, lang);
    const hangul = hangulPieces(rest, isStop);
    // Hiragana is grammar beside kanji and katakana (を, の, したい are cut out of a mixed run already): a run of it
    // alone in such a query ("…をなくしました。どうすればいいですか") is a question's ending, and its pairs are no words.
    const grammar = /[\p{Script=Han}\p{Script=Katakana}]/u.test(rest)
      ? (t: string) => /^[\p{Script=Hiragana}\u30fc]+$/u.test(t)
      : () => false;
    // Shorthand spelled out ("cty", "đk", "ko") finds the phrases written in full too: "thành lập cty" is "thành lập
    // công ty"; so does the query without its pronouns ("con e mới sinh" is "con mới sinh", lexicon.ts PRONOUNS).
    const written = this.lexicon.rewrite(query);
    // A person's death told apart from the person ("mẹ tôi vừa mất") is read as such (lexicon.ts diedReading), in
    // the question itself: its "mất" is then no lost document's ("bố tôi vừa mất, sổ đỏ đứng tên bố").
    const dying = diedReading(written);
    // A Chinese phrase is no reading of a Japanese question (Chinese questions keep the Japanese phrases: their kanji
    // forms are often the Traditional ones a Chinese writer types too).
    const otherHan = (e: { cjk: boolean; lang: string }) => lang === "ja" && e.cjk && e.lang === "zh";
    const lexical =
      dying === written
        ? matchLexicon(this.lexicon, query, [written, withoutPronouns(written)], otherHan)
        : matchLexicon(this.lexicon, diedReading(query), [dying, withoutPronouns(dying)], otherHan);
    // A Chinese character pair straddling two phrases found side by side is no word of the question (straddlingPairs).
    const straddling = lang === "zh" ? straddlingPairs(query, lexical) : null;
    // So is one across a stopword, or across a word of doing (办理, 登记, 变更: actionEdgePairs).
    if (straddling)
      for (const t of [...stopStraddlingPairs(query, stop), ...actionEdgePairs(query)]) straddling.add(t);
    // A Vietnamese place typed in katakana (ダナン, ハイフォン) says where, not what: its pairs are no words.
    const places = lang === "ja" ? japanesePlacePairs(rest) : null;
    // A compound verb's noun typed with its inner kana (取り消し) is also the kanji pair the names write (取消:
    // okuriganaPairs) where that pair is one of the names' core acts (BOTH_KANJI_ACTS) and no phrase of the glossary
    // found reads the compound as typed (届け出, read 届出 申告 already: twice read, it weighed twice).
    const compounds =
      lang === "ja"
        ? okuriganaPairs(rest)
            .filter(
              ({ typed, pair }) =>
                BOTH_KANJI_ACTS.has(pair) && !lexical.phrases.some((p) => p.key.includes(typed)),
            )
            .map(({ pair }) => pair)
        : [];
    const words = [...new Set([...analyzed.unigrams, ...compounds])]
      .filter(
        (t) =>
          !t.startsWith(WHOLE) &&
          !isStop(t) &&
          !hangul.stopped.has(t) &&
          !/^\d{6,7}$/.test(t) &&
          !grammar(t) &&
          !straddling?.has(t) &&
          !places?.has(t),
      )
      .slice(0, 31);
    // A Korean word of two syllables as typed (not a pair of a longer word) is matched half as itself standing alone
    // (normalize.ts WHOLE, RankOptions.wholeWord), half as the pair it also is inside longer words: 아이 (a child) in
    // 아이디어 (an idea), 공인 in 공인감사인 add half a word. Its coverage bit stays with the pair (compounds written
    // without spaces, 노동허가서 for 노동 허가, keep their recall). Whatever an expansion adds, the standalone form
    // of a typed word keeps that share.
    const halved = new Set(
      [
        ...rest
          .normalize("NFKC")
          .toLowerCase()
          .matchAll(/\p{Script=Hangul}+/gu),
      ]
        .map((m) => stripKoreanParticle(m[0]))
        .filter((w) => [...w].length === 2 && words.includes(w)),
    );
    const typedWhole = new Set([...halved].map((w) => `${WHOLE}${w}`));
    const weights = new Map<string, QueryTerm>();
    const add = (term: string, weight: number, bits = 0) => {
      if (typedWhole.has(term)) weight = opt.wholeWord;
      const prev = weights.get(term);
      if (!prev) weights.set(term, { term, weight, bits });
      else {
        prev.weight = Math.max(prev.weight, weight);
        prev.bits |= bits;
      }
    };
    const wordIdf = words.map((t) => this.idf(t));
    const fixes = new Map<string, string>();
    const english = this.detector.detect(query) === "en";
    const typedForms = english ? pluralsAsTyped(analyzed.exact) : new Map<string, string>();
    const cjkFixes: [string, string][] = [];
    // Each Korean word (and syllable pair) a slip was read in, as read: a phrase of the glossary matched on the
    // corrected text covers the word as typed (addSynonyms looks its words up in the query's words).
    const cjkRead = new Map<string, string>();
    const phraseCandidates: [string, string][] = [];
    return {
      query,
      rest,
      lang,
      nested,
      analyzed,
      isStop,
      hangul,
      written,
      lexical,
      words,
      halved,
      weights,
      add,
      wordIdf,
      corrected: false,
      english,
      fixes,
      typedForms,
      cjkFixes,
      cjkRead,
      phraseCandidates,
    };
  }

  /**
   * Each word in the forms it may take: as typed (a Korean word of two syllables half as itself standing alone),
   * stemmed, spelled out from an initialism, or, where the index has never seen it, read as the word meant (a Latin
   * typo, a Chinese homophone, a Japanese input-method slip, a Korean or katakana sound mark).
   */
  private readWordForms(r: Reading): void {
    const {
      rest,
      lang,
      analyzed,
      isStop,
      words,
      halved,
      add,
      wordIdf,
      english,
      fixes,
      cjkFixes,
      cjkRead,
      phraseCandidates,
    } = r;
    const opt = this.rankOptions;
    // A Japanese kanji pair across two words the names seldom write together (japaneseSeams) weighs no more than the
    // rarer of the two.
    const seams =
      lang === "ja"
        ? japaneseSeams(rest, (t) => this.df(t), JAPANESE_AFFIXES)
        : new Map<string, [string, string]>();
    const seamWeight = (t: string) => {
      const pair = seams.get(t);
      if (!pair) return 1;
      const cap = Math.max(this.idf(pair[0]), this.idf(pair[1]));
      const own = this.idf(t);
      return own > cap ? cap / own : 1;
    };
    // Japanese katakana words of two kana typed as words of their own (ビサ, not the ビサ of テレビサービス).
    const katakanaAlone =
      lang === "ja"
        ? new Set(
            [...rest.normalize("NFKC").matchAll(/[\p{Script=Katakana}\u30fc]+/gu)]
              .map((m) => m[0])
              .filter((w) => [...w].length === 2),
          )
        : new Set<string>();
    // Korean words as typed (a particle stripped), not their syllable pairs: a pair of a longer word ("망신" of 사망신고)
    // is no typo.
    const hangulWords = new Set(
      [
        ...rest
          .normalize("NFKC")
          .toLowerCase()
          .matchAll(/\p{Script=Hangul}+/gu),
      ].map((m) => stripKoreanParticle(m[0])),
    );
    // A Japanese katakana word of two or three kana (バー, ビザ, カフェ) is matched as the runs the catalogue writes that
    // word in whole (normalize.ts shortKatakanaRuns), not as its pairs inside longer loanwords: バー (a bar) found the
    // number plate's ナンバープレート. A word the catalogue never writes whole (バー, ペット) is matched as its pairs
    // still, which may begin or end a longer word (パス of パスポート), but they cover it in no document: the glossary's
    // readings of it do (ペット, an animal).
    const shortKatakana = lang === "ja" ? shortKatakanaPairs(rest) : null;
    const lexiconWords = this.lexiconWords();
    words.forEach((t, i) => {
      const bit = 1 << i;
      const seam = seamWeight(t);
      if (seam < 1) wordIdf[i] = (wordIdf[i] as number) * seam;
      const whole = shortKatakana?.get(t);
      if (whole !== undefined) {
        // The whole word weighs what its pairs weighed together.
        if (termId(this.data, whole[0]) !== undefined) add(whole[0], seam * whole[1], bit);
        else add(t, seam);
      } else add(t, halved.has(t) ? 1 - opt.wholeWord : seam, bit);
      if (halved.has(t)) add(`${WHOLE}${t}`, opt.wholeWord);
      const stem = stemOf(t);
      if (stem) add(stem, opt.stem, bit);
      // In an English query, a word one edit from a word of the vocabulary ("drivng", "wrok") is that word mistyped,
      // not two Vietnamese initialisms run together ("dri" + "vng").
      const typo =
        english &&
        termId(this.data, t) === undefined &&
        !this.initialisms.has(t) &&
        this.nearest(t, 1) !== null;
      // Nor is a word of an English query holding a vowel other than "u" ("old", "dad"): the initialisms people type
      // are consonants ("gplx", "bhyt", "ubnd"), and "old" of "10 years old" spelled out as "ô lần đầu" found the first
      // issuances.
      const spelled = typo || (english && /[aeio]/.test(t)) ? [] : this.spellOut(t);
      for (const { phrase, share } of spelled) {
        const a = analyze(phrase);
        const phraseStop = stopTest(this.lexicon, a, "vi");
        for (const b of a.bigrams) add(b, opt.initialism * share, bit);
        for (const u of a.unigrams) if (!phraseStop(u)) add(u, opt.initialism * share * opt.expansion);
      }
      // Typo tolerance only where the index misses: a word the index has never seen is matched against the
      // short vocabulary of name and alias words (fuse.js), never against whole records. A word of a lexicon phrase
      // is no typo ("impediment" of "certificate of no impediment" is not "implement").
      if (
        spelled.length === 0 &&
        termId(this.data, t) === undefined &&
        !lexiconWords.has(t) &&
        t.length >= 4 &&
        t.length <= 24
      ) {
        if (/^[a-z]+$/.test(t)) {
          const near = english ? neighbours(analyzed.unigrams, t).map((n) => fixes.get(n) ?? n) : [];
          const fix = this.correct(t, english, near);
          if (fix) {
            fixes.set(t, fix);
            add(fix, opt.typo, bit);
            wordIdf[i] = this.idf(fix);
            r.corrected = true;
          }
        }
      }
      // A Korean word or a katakana pair the index has never seen, one sound mark from one it has ("비지" → 비자, "교한"
      // → 교환, "ビサ" → ビザ): the known form most documents use.
      // Nor a Korean word of the lexicon's phrases (잠시 of "잠시 문을 닫", a moment, is no 잠수, diving).
      if (
        spelled.length === 0 &&
        termId(this.data, t) === undefined &&
        !isStop(t) &&
        (!/^\p{Script=Hangul}/u.test(t) ||
          (hangulWords.has(t) &&
            (!KOREAN_INFLECTED.test(t) || KOREAN_PAPER.test(t)) &&
            !this.hangulLexiconWords().has(t)))
      ) {
        // In a Chinese question, a character pair typed with a homophone (护招, 驾使, 工做): see homophones.ts.
        // A homophone's pair is read only where a few documents hold it (HOMOPHONE_LEAST_DF): a rare pair one sound
        // away is more often a coincidence (业借 of 企业借外债 is not 业解) than what was meant.
        // In a Japanese one, a kanji pair typed with another kanji of the same on-reading (更親, 申清), as the input
        // method converts it: see homophones.ts.
        const han = /^\p{Script=Han}{2}$/u.test(t);
        // A character a slip before it already read as another (急 of 残急证明, read 疾 in 残疾) is that character in
        // this pair too: 急证 is 疾证 or nothing, not 记证 of 登记证 one sound away.
        const carried = lang === "zh" && han ? carriedSlip(t, rest, cjkFixes) : undefined;
        const fix =
          carried !== undefined
            ? this.df(carried) >= HOMOPHONE_LEAST_DF
              ? carried
              : null
            : lang === "zh" && han
              ? this.bestKnown(this.homophoneSlips(t, rest), HOMOPHONE_LEAST_DF)
              : lang === "ja" && han
                ? (this.wordSlip(t, rest) ??
                  (isUnheldJapaneseWord(t)
                    ? null
                    : this.bestKnown(
                        this.homophoneSlips(t, rest, onReadingVariants, JAPANESE_AFFIXES),
                        HOMOPHONE_LEAST_DF,
                      )))
                : this.bestKnown(cjkVariants(t));
        // A Chinese pair no slip is read for here may still be one inside a phrase of the lexicon (须签 of 续签, whose
        // pair only three documents hold; 许口 of 许可, a look-alike: lookalikes.ts): its pairs one homophone or one
        // look-alike away that some phrase of the lexicon holds are kept, for Searcher.phraseSlips to read where one
        // makes a phrase.
        if (!fix && lang === "zh" && han && ![...t].some((c) => FUNCTION_CHARACTERS.has(c)))
          for (const v of [...homophoneVariants(t), ...lookalikeVariants(t)])
            if (this.hanLexiconPairs().has(v) && this.slipStands(t, v, rest)) phraseCandidates.push([t, v]);
        if (fix) {
          cjkFixes.push([t, fix]);
          add(fix, opt.typo, bit);
          wordIdf[i] = this.idf(fix);
          if (/^\p{Script=Hangul}/u.test(t)) cjkRead.set(t, fix);
          // A Korean word of three syllables corrected corrects its syllable pairs too (재발굽 → 재발급: 발굽 is 발급).
          const [a, b, c] = [...t];
          const [x, y, z] = [...fix];
          if (c !== undefined && z !== undefined)
            for (const [typed, read] of [
              [`${a}${b}`, `${x}${y}`],
              [`${b}${c}`, `${y}${z}`],
            ] as const) {
              const j = words.indexOf(typed);
              if (typed !== read && j >= 0) {
                add(read, opt.typo, 1 << j);
                if (/^\p{Script=Hangul}/u.test(typed)) cjkRead.set(typed, read);
              }
            }
        }
      }
      // A Japanese word the names hold once or twice, typed by an input method's slip for a core word of the same
      // reading (志望届 for 死亡届, 確定深刻 for 確定申告: heldWordSlip): the word meant is read beside it.
      if (lang === "ja" && /^\p{Script=Han}{2}$/u.test(t) && this.df(t) <= HELD_SLIP_MOST_DF) {
        const fix = this.wordSlip(t, rest, heldWordSlip);
        if (fix) {
          cjkFixes.push([t, fix]);
          add(fix, opt.typo, bit);
          wordIdf[i] = this.idf(fix);
        }
      }
      // A katakana word of two kana typed alone, one voicing mark from a loanword of two kana the names write as a
      // word of their own (ビサ for ビザ): its pair is held inside longer words (テレビサービス), so the branch above,
      // for pairs the index has never seen, let it stand and the pay-TV licences answered a visa's extension.
      if (katakanaAlone.has(t) && !cjkFixes.some(([typed]) => typed === t)) {
        const fix = katakanaNameWord(t);
        if (fix) {
          cjkFixes.push([t, fix]);
          add(fix, opt.typo, bit);
          wordIdf[i] = this.idf(fix);
        }
      }
      // A Korean compound typed with a syllable a sound mark off (compoundSlip): the word and its pairs as meant.
      if (spelled.length === 0 && hangulWords.has(t) && termId(this.data, t) === undefined && !isStop(t)) {
        const slip = compoundSlip(
          t,
          (term) => this.df(term),
          (w) => this.hangulLexiconWords().has(w),
        );
        if (slip) {
          add(slip.word, opt.typo, bit);
          cjkRead.set(t, slip.word);
          for (const [typed, read] of slip.pairs) {
            const j = words.indexOf(typed);
            if (j >= 0) {
              add(read, opt.typo, 1 << j);
              cjkRead.set(typed, read);
            }
          }
        }
      }
    });
  }

  /**
   * English plurals typed with a slip: two letters swapped ("vias") or one dropped before the final "s" ("busines").
   */
  private readPluralSlips(r: Reading): void {
    const { analyzed, words, add, wordIdf, english, fixes, typedForms } = r;
    const opt = this.rankOptions;
    const lexiconWords = this.lexiconWords();
    // An English plural with two letters swapped ("vias extension"): read as a plural, it is another word ("via");
    // the swap undone, it makes a word pair of the names with a neighbour (visa extension). Neighbours are read with
    // their own corrections ("vias extention").
    words.forEach((t, i) => {
      const typed = typedForms.get(t);
      if (typed === undefined || fixes.has(t)) return;
      const near = neighbours(analyzed.unigrams, t).map((n) => fixes.get(n) ?? n);
      const swapped = this.swapFix(typed, t, near);
      if (!swapped) return;
      fixes.set(t, swapped);
      add(swapped, opt.typo, 1 << i);
      wordIdf[i] = this.idf(swapped);
      r.corrected = true;
    });
    // A word ending in a single "s" typed with a letter dropped ("busines", "proces"): read as a plural, it loses its
    // "s" too and is two edits from its word (busine … business), out of the correction's reach; as typed it is one.
    // Only a word the index and the glossary lack ('busines household registration' found the permanent residence's
    // registration through "household registration", the household business's registration unseen).
    words.forEach((t, i) => {
      const typed = typedForms.get(t);
      if (typed === undefined || fixes.has(t) || termId(this.data, t) !== undefined || lexiconWords.has(t))
        return;
      const near = neighbours(analyzed.unigrams, t).map((n) => fixes.get(n) ?? n);
      const fix = this.correct(typed, english, near);
      if (!fix || fix === t) return;
      fixes.set(t, fix);
      add(fix, opt.typo, 1 << i);
      wordIdf[i] = this.idf(fix);
      r.corrected = true;
    });
  }

  /**
   * Word pairs as the names write them (not glued by a stopword), and in English the verb read as the names' action
   * noun ("renew my passport": passport renewal). Returns the test for a pair glued by a stopword.
   */
  private readPairs(r: Reading): (pair: string) => boolean {
    const { lang, analyzed, isStop, words, add, english, fixes } = r;
    const opt = this.rankOptions;
    const stop = this.lexicon.stopwords;
    // A pair with a stopword in it ("tru_cho" in "thường trú cho con") is glue, not a name's phrase.
    const stopped = new Set<string>();
    const isFoldStop = stopTest(this.lexicon, analyzed, lang, false);
    for (const u of analyzed.unigrams)
      if (isFoldStop(u)) {
        stopped.add(u);
        stopped.add(phoneticSyllable(u));
      }
    const glue = (pair: string) =>
      lang === "vi" &&
      pair
        .replace(/^%/, "")
        .split("_")
        .some((w) => stopped.has(w));
    // Unless the stopword was typed without diacritics and is one only by folding ("can" of "can cuoc" is căn, not
    // cần; "di" of "di chuc" is di, not đi; "tai" of "tai nạn" is tai, not tại), and starts a pair of the names with
    // the word after it: the index says which. Not the word before it ("bị tai"): a word and a stopword's fold
    // after it are seldom one name.
    const typedWith = new Set(analyzed.exact.map((e) => englishBase(foldDiacritics(e.slice(1)))));
    const foldedOnly = (w: string) => !typedWith.has(w) && !this.lexicon.stopwordsVi.exact.has(w);
    const named = (pair: string) => {
      if (pair.startsWith("%")) return false;
      const [a, b] = pair.split("_") as [string, string];
      const stopA = stopped.has(a);
      const stopB = stopped.has(b);
      return stopA && !stopB && foldedOnly(a) && termId(this.data, pair) !== undefined;
    };
    for (const t of analyzed.bigrams)
      if (!stop.has(t) && (!glue(t) || named(t))) add(t, english && gluedEnglish(t) ? opt.gluedPair : 1);
    // An English verb and its object ("register the death", "renew my passport") are the names' object and action
    // noun ("death registration", "passport renewal"): the pair is looked up as the names write it.
    if (english)
      for (const pair of actionPairs(analyzed.unigrams, isStop))
        if (termId(this.data, pair) !== undefined) add(pair, opt.actionPair);
    // "re-register", "re-issue": the names' "re-registration", "re-issuance" (the verb alone found the first
    // registration: 're-register a death' gave the death registration, not its re-registration).
    if (english)
      analyzed.unigrams.forEach((u, i) => {
        const noun = ACTION_NOUNS.get(u);
        const pair = noun && analyzed.unigrams[i - 1] === "re" ? `re_${englishBase(noun)}` : null;
        if (pair && termId(this.data, pair) !== undefined) add(pair, opt.actionPair);
      });
    // The verb is also its action noun, as if typed ("extend" is "extension", which the stem matched at
    // RankOptions.stem only): 'extend my temporary residence registration' found the registration ahead of its
    // extension. Weighed more, the noun took first place from questions whose verb names no procedure's act.
    if (english)
      words.forEach((t, i) => {
        const noun = ACTION_NOUNS.get(t);
        if (!noun || englishBase(noun) === t) return;
        // A hyphenated noun is indexed as its word pair ("re-issuance" as re_issuance): the pair carries the verb's
        // word, or 'reissue food safety certificate' matched its re-issue no better than the first issuance.
        const pairs = noun.includes("-") ? analyze(noun).bigrams : [];
        if (pairs.length === 0) add(englishBase(noun), 1, 1 << i);
        else for (const b of pairs) add(b, 1, 1 << i);
      });
    for (const t of correctedPairs(analyzed.unigrams, fixes)) if (!stop.has(t)) add(t, opt.typo);
    return glue;
  }

  /**
   * The whole names and aliases of procedures the question holds, also once its slips are read; returns the words (by
   * bit) each spans.
   */
  private readWholeNames(r: Reading): number[] {
    const { rest, words, weights, add, fixes, cjkRead } = r;
    const opt = this.rankOptions;
    const rewritten = this.lexicon.rewrite(rest);
    // A Latin name of several words starts with a word pair the index holds (names and aliases index their pairs,
    // as typed and in phonetic spelling): candidates starting with an unknown pair are not looked up.
    const pairKnown = new Map<string, boolean>();
    const known = (pair: string) => {
      let k = pairKnown.get(pair);
      if (k === undefined) {
        k = termId(this.data, pair) !== undefined;
        pairKnown.set(pair, k);
      }
      return k;
    };
    const pairStarts = (a: string, b: string, phonetic: boolean) => {
      if (!/^[a-z0-9]/.test(a)) return true;
      const pair = `${englishBase(a)}_${englishBase(b)}`;
      // A pair spelt the same both ways is indexed once, without the "%".
      return known(pair) || (phonetic && known(`%${pair}`));
    };
    const startsKnown = (term: string, phonetic: boolean) => {
      const [a, b] = term.slice(phonetic ? 2 : 1).split(" ", 2);
      return a === undefined || b === undefined || pairStarts(a, b, phonetic);
    };
    const prefixed = reBoundWords(rest);
    const candidates = wholeNameCandidates(
      rewritten,
      (a, b, pa, pb) => !prefixed.has(a) && (pairStarts(a, b, false) || pairStarts(pa, pb, true)),
      this.data.terms.prefixTest(),
    );
    // The words a whole name or alias of a procedure spans ("=doi can cuoc" in "vừa kết hôn xong có phải đổi căn cước").
    const wholeSpans: number[] = [];
    for (const { term, share, phonetic } of candidates) {
      if (startsKnown(term, false) && termId(this.data, term) !== undefined) {
        add(term, opt.wholeName * share);
        let bits = 0;
        for (const u of term.slice(1).split(" ")) {
          const i = words.indexOf(u);
          if (i >= 0) bits |= 1 << i;
        }
        if (bits !== 0) wholeSpans.push(bits);
      }
      // The same name in phonetic spelling: "dang ki tam chu" holds "đăng ký tạm trú".
      if (phonetic && startsKnown(phonetic, true) && termId(this.data, phonetic) !== undefined)
        add(phonetic, opt.wholeName * share * opt.phonetic);
    }
    // A whole name or alias typed with a slip ("wrok permit", "pasport"): looked up again with each Latin typo
    // corrected, at the weight of a correction ('wrok permit application documents' found the residence card, whose
    // documents name a work permit, before the work permit the alias "work permit" names whole).
    if (fixes.size > 0) {
      const right = rewritten.replace(/[\p{L}\p{N}]+/gu, (w) => fixes.get(w.toLowerCase()) ?? w);
      if (right !== rewritten)
        for (const { term, share } of wholeNameCandidates(
          right,
          (a, b) => pairStarts(a, b, false),
          this.data.terms.prefixTest(),
        ))
          if (!weights.has(term) && startsKnown(term, false) && termId(this.data, term) !== undefined)
            add(term, opt.wholeName * share * opt.typo);
    }
    // So is a Korean name typed with a slip ("혼인상태 확인셔"): looked up again with each Korean slip read (cjkRead).
    if (cjkRead.size > 0) {
      let right = rewritten;
      for (const [typed, read] of cjkRead) if ([...typed].length >= 2) right = right.split(typed).join(read);
      if (right !== rewritten)
        for (const { term, share } of wholeNameCandidates(right, undefined, this.data.terms.prefixTest()))
          if (!weights.has(term) && termId(this.data, term) !== undefined)
            add(term, opt.wholeName * share * opt.typo);
    }
    return wholeSpans;
  }

  /**
   * The words' phonetic forms (not a pair glued by a stopword) and the forms typed with diacritics.
   */
  private readSpellings(r: Reading, glue: (pair: string) => boolean): void {
    const { analyzed, isStop, add } = r;
    const opt = this.rankOptions;
    for (const t of analyzed.phonetic) if (!glue(t)) add(t, opt.phonetic);
    // A stopword typed with its diacritics ("~tôi", "~của", "~thủ") says no more than without them.
    for (const t of analyzed.exact) if (!isStop(englishBase(foldDiacritics(t.slice(1))))) add(t, opt.exact);
  }

  /**
   * The lexicon matched again once Latin typos are corrected (RankOptions.typo): a phrase can hide behind a typo.
   */
  private rereadCorrected(r: Reading): void {
    const { analyzed, lexical, weights, fixes } = r;
    // A phrase can hide behind a typo ("pasport renewal"): match the lexicon again on the corrected words, and on the
    // Latin words in query order with each typo replaced by its correction, for a phrase holding a corrected word and
    // short words the terms lack ("cetificate of no impediment" → "certificate of no impediment").
    if (r.corrected) {
      const fixed = matchLexicon(
        this.lexicon,
        [...weights.values()]
          // A stem ("#renew" of "renewal") is no word typed: read, it found the verb's phrases beside the noun's.
          .filter((v) => v.bits && !v.term.startsWith("#"))
          .map((v) => v.term)
          .join(" "),
      );
      const fixedWords = new Set(fixes.values());
      const holdsFix = (key: string) => key.split(" ").some((w) => fixedWords.has(w));
      const inOrder = matchLexicon(
        this.lexicon,
        analyzed.unigrams
          .filter((u) => /^[a-z0-9]/.test(u))
          .map((u) => fixes.get(u) ?? u)
          .join(" "),
      );
      // A phrase read only once typed right holds the phrases found inside it as typed, and they are dropped as
      // longest() drops them for the phrase typed right: "renewal" alone, an exchange's or an extension's word, is no
      // part of 'pasport renewal' once it reads "passport renewal" (it took the driving licence's exchange first).
      const fixedPhrases = inOrder.phrases.filter((p) => holdsFix(p.key)).map((p) => ` ${p.key} `);
      const inside = (key: string) =>
        !holdsFix(key) && fixedPhrases.some((p) => p !== ` ${key} ` && p.includes(` ${key} `));
      const hidden = lexical.phrases.filter((p) => /^[a-z0-9]/.test(p.key) && inside(p.key));
      if (hidden.length > 0) {
        const gone = new Set(hidden.map((p) => p.expandsTo));
        lexical.phrases = lexical.phrases.filter((p) => !hidden.includes(p));
        for (const p of lexical.phrases) gone.delete(p.expandsTo);
        lexical.synonyms = lexical.synonyms.filter((e) => !inside(e.key));
        lexical.expansions = lexical.expansions.filter((e) => !gone.has(e));
      }
      const synonyms = [
        ...fixed.synonyms.filter((e) => !inside(e.key)),
        ...inOrder.synonyms.filter((e) => holdsFix(e.key)),
      ];
      const expansions = [
        ...fixed.phrases.filter((p) => !inside(p.key)).map((p) => p.expandsTo),
        ...inOrder.phrases.filter((p) => holdsFix(p.key)).map((p) => p.expandsTo),
      ];
      // Not a CJK life event's phrase found in the terms joined by spaces: a Latin typo hides none, and the joined
      // pairs lose what follows the phrase in the question (失业 金 of 失业金, the benefit's name: BENEFIT_AFTER), so an
      // event the question's own reading set aside as a benefit's or a document's name came back ('找到新工作了，想把
      // 失业金停掉' lifted the unemployment claim over the benefit's termination asked).
      const events = [
        ...fixed.events.filter((e) => !e.cjk),
        ...inOrder.events.filter((e) => holdsFix(e.key)),
      ];
      // Such a phrase is read as the phrase typed right would be: one whose parts stand apart weighs as one
      // (RankOptions.apartExpansion). 'motorbike registation card lost' read its lost certificate's phrase as a plain
      // expansion, and the exchange of the certificate outscored its re-issuance.
      lexical.phrases.push(
        ...inOrder.phrases.filter((p) => holdsFix(p.key) && !lexical.expansions.includes(p.expandsTo)),
      );
      lexical.synonyms.push(...synonyms.filter((e) => !lexical.expansions.includes(e.expandsTo)));
      lexical.expansions.push(...[...new Set(expansions)].filter((e) => !lexical.expansions.includes(e)));
      lexical.eventCodes.push(...events.map((e) => e.codes));
      lexical.events.push(...events);
    }
  }

  /**
   * The lexicon matched again with the Chinese, Japanese and Korean slips read; returns the question so read.
   */
  private rereadSlips(r: Reading): string {
    const { query, lexical, cjkFixes } = r;
    // A Korean or katakana typo hides a phrase too ("비지 연장", "ビサ延長"): match the lexicon again with it corrected.
    let slipsRead = query.normalize("NFKC").toLowerCase();
    for (const [typed, fix] of cjkFixes) slipsRead = slipsRead.split(typed).join(fix);
    if (cjkFixes.length > 0) {
      const again = matchLexicon(this.lexicon, slipsRead);
      lexical.synonyms.push(...again.synonyms.filter((e) => !lexical.expansions.includes(e.expandsTo)));
      lexical.phrases.push(...again.phrases.filter((p) => !lexical.expansions.includes(p.expandsTo)));
      lexical.expansions.push(...again.expansions.filter((e) => !lexical.expansions.includes(e)));
      // A life event found only so is one the slip's reading spells: a slip across two words changes what follows
      // another phrase, not the event ('失业金停掉' read 失业津停掉 lost the benefit's name, BENEFIT_AFTER, and found the
      // job lost, lifting the claim over the benefit's termination asked).
      const changed = cjkFixes.flatMap(([typed, fix]) => [...fix].filter((c, i) => [...typed][i] !== c));
      const known = new Set(lexical.events.map((e) => e.key));
      const spelled = again.events.filter((e) => known.has(e.key) || changed.some((c) => e.key.includes(c)));
      lexical.eventCodes.push(...spelled.map((e) => e.codes));
      lexical.events.push(...spelled);
    }
    return slipsRead;
  }

  /**
   * In Chinese, Korean and Japanese, the lexicon matched again with each synonym of one of the question's words read
   * as what it means.
   */
  private rereadSynonymReadings(r: Reading, slipsRead: string): void {
    const { lang, lexical } = r;
    // A phrase can be written with a synonym of one of its words (劳动许可证豁免: 劳动许可证 = 工作许可证, and 工作许可证豁免
    // is a phrase): match the lexicon again on the CJK query with each synonym of its language read as what it means.
    if (lang === "zh" || lang === "ko" || lang === "ja") {
      // Spaces are kept where the synonym is found without crossing one: a Korean word's particle stays a particle
      // (koreanGrammar in lexicon.ts). Slips are read as corrected (오토바이 등록증 분싈: 차량 등록증 분실).
      let text = slipsRead;
      const before = text;
      // The same read with the synonyms of one word only (摩托车 = 车辆, not 到期 = 换发 延期, two acts joined).
      let named = text;
      for (const s of lexical.synonyms)
        if (s.lang === lang && /^[^a-z0-9]/.test(s.key)) {
          const meaning = s.expandsTo.replace(/\s+/g, "");
          if (!text.includes(s.key)) text = text.replace(/\s+/g, "");
          text = text.split(s.key).join(meaning);
          if (!/\s/.test(s.expandsTo.trim())) {
            if (!named.includes(s.key)) named = named.replace(/\s+/g, "");
            named = named.split(s.key).join(meaning);
          }
        }
      if (text !== before) {
        const again = matchLexicon(this.lexicon, text);
        const known = new Set(lexical.phrases.map((p) => p.key));
        const fresh = again.phrases.filter((p) => !known.has(p.key));
        lexical.synonyms.push(
          ...fresh
            .filter((p) => p.synonym)
            .map((p) => ({ key: p.key, expandsTo: p.expandsTo, lang: p.lang, whole: false })),
        );
        lexical.expansions.push(
          ...fresh.map((p) => p.expandsTo).filter((e) => !lexical.expansions.includes(e)),
        );
        // Such a phrase whose parts stand apart, read through synonyms of one word, weighs as one
        // (RankOptions.apartExpansion): 摩托车登记证丢了 is 车辆登记证 … 丢 (摩托车 = 车辆), the lost certificate, not a
        // plain expansion the first registration outweighs.
        const apart = fresh.filter((p) => p.apart);
        if (apart.length > 0) {
          const one = new Set(matchLexicon(this.lexicon, named).phrases.map((p) => p.key));
          lexical.phrases.push(...apart.filter((p) => one.has(p.key)));
        }
        // A life event's phrase written with the synonym (査証延長 for ビザ延長) is that event.
        const knownEvents = new Set(lexical.events.map((e) => e.key));
        for (const e of again.events)
          if (!knownEvents.has(e.key)) {
            lexical.events.push(e);
            lexical.eventCodes.push(e.codes);
          }
      }
    }
  }

  /**
   * What the phrases and synonyms found mean, added as terms: the words a synonym spans weigh less as typed, and a
   * Japanese verb in kana the glossary reads becomes a word of its own.
   */
  private addMeanings(r: Reading): void {
    const { lang, lexical, words, weights, add, wordIdf, cjkRead } = r;
    const opt = this.rankOptions;
    const stop = this.lexicon.stopwords;
    // A phrase whose parts stand apart in the question ("sổ đỏ … rách") names both the document and what is done to
    // it: its meaning weighs more than a plain expansion (RankOptions.apartExpansion).
    const apart = new Set(lexical.phrases.filter((p) => p.apart || p.refines).map((p) => p.expandsTo));
    for (const phrase of lexical.expansions) {
      const a = analyze(phrase);
      const phraseStop = stopTest(this.lexicon, a, null);
      const w = apart.has(phrase) ? opt.apartExpansion : opt.expansion;
      for (const t of a.unigrams) if (!phraseStop(t)) add(t, w);
      for (const t of a.bigrams) if (!stop.has(t)) add(t, w);
    }
    // An English synonym's words its meaning covers are read as the phrase (RankOptions.synonymRead): the terms that
    // covered only them before keep `words` of their weight.
    // A Japanese compound the glossary reads as one word (lexicon.ts `whole`: 認知症, dementia) has no words of its
    // own in its pairs (認知 alone is a child's recognition, the names' 子の認知): the terms that matched only them
    // cover nothing and weigh nothing; its meaning covers it.
    const held = new Map([...weights.values()].map((v) => [v.term, v.bits]));
    const whole = (s: { whole: boolean }) => lang === "ja" && s.whole;
    // A word typed with a Korean slip is looked up as read (cjkRead), so the glossary's phrase for it covers it.
    const wordsRead = cjkRead.size > 0 ? words.map((w) => cjkRead.get(w) ?? w) : words;
    const covered = this.addSynonyms(
      lexical.synonyms.filter((s) => !whole(s)),
      wordsRead,
      lang,
      add,
      Number.POSITIVE_INFINITY,
      lang === "en",
      held,
    );
    const compounds = this.addSynonyms(
      lexical.synonyms.filter(whole),
      wordsRead,
      lang,
      add,
      Number.POSITIVE_INFINITY,
      true,
    );
    if (covered !== 0 || compounds !== 0)
      for (const v of weights.values()) {
        const had = held.get(v.term) ?? 0;
        if (had === 0) continue;
        if ((had & ~compounds) === 0) {
          v.weight = 0;
          v.bits = 0;
        } else if ((had & ~covered) === 0) v.weight *= opt.synonymRead.words;
      }
    // A Japanese verb typed in kana that the glossary reads (なくした = 再交付, 再発行) is cut out as grammar beside kanji
    // words, so the loss said nothing about which procedure: it is a word of its own, covered by its meaning's words
    // where rarer than KANA_WORD_MAX_DF. '車両登録証をなくしました' found the first registration,
    // whose names hold every other word, before the certificate's re-issue.
    // So is such a word in a part of a phrase whose parts stand apart (権利証 … なくし), read as the synonym it is alone.
    const kana = new Map<string, string>();
    if (lang === "ja") {
      const read = (synonyms: typeof lexical.synonyms) => {
        for (const s of synonyms) if (s.lang === "ja" && KANA_WORD.test(s.key)) kana.set(s.key, s.expandsTo);
      };
      read(lexical.synonyms);
      for (const p of lexical.phrases)
        if (p.lang === "ja" && p.apart)
          for (const part of p.key.split(APART).map((x) => x.trim()))
            if (KANA_WORD.test(part)) read(matchLexicon(this.lexicon, part).synonyms);
    }
    for (const [key, expandsTo] of kana) {
      const word = `~${key}`;
      if (words.includes(word) || words.length >= 31) continue;
      // Each meaning word by its first pair (再交 of 再交付, 再発 of 再発行): its last (交付, 発行) is any issuance.
      const terms = [...expandsTo.normalize("NFKC").matchAll(/[\p{Script=Han}\p{Script=Katakana}\u30fc]+/gu)]
        .map((m) => [...m[0]].slice(0, 2).join(""))
        .filter((t) => this.df(t) > 0 && this.df(t) <= KANA_WORD_MAX_DF * this.size);
      if (terms.length === 0) continue;
      const bit = 1 << words.length;
      words.push(word);
      wordIdf.push(Math.max(...terms.map((t) => this.idf(t))));
      for (const t of terms) add(t, opt.expansion, bit);
    }
  }

  /**
   * An age or an age bracket typed, read as the names' brackets (addAgeBrackets), with what each term it touched was
   * before.
   */
  private readAge(r: Reading): AgeRead {
    const { rest, words, weights, add } = r;
    const opt = this.rankOptions;
    // An age typed ("con 10 tuổi", "5歳の子") names the bracket of the names as firmly as a phrase naming the document
    // and who it is for (RankOptions.apartExpansion): at the weight of a word, the aliases of the card's exchange
    // ("đổi CCCD") outweighed the under-14 card's bracket.
    const beforeAge = new Map<string, QueryTerm | null>();
    const age = { against: [] as string[], bracket: false };
    const ageBits = this.addAgeBrackets(
      rest,
      words,
      (term, weight, bits) => {
        if (!beforeAge.has(term)) {
          const prev = weights.get(term);
          beforeAge.set(term, prev ? { ...prev } : null);
        }
        add(term, weight, bits);
      },
      opt.apartExpansion,
      age,
    );
    return { beforeAge, age, ageBits };
  }

  /**
   * A Vietnamese everyday name ("sổ đỏ") covers the words it spans through its meaning's rarer words
   * (RankOptions.viPhraseCoverShare).
   */
  private coverViPhrases(r: Reading): void {
    const { lang, lexical, words, add } = r;
    const opt = this.rankOptions;
    // A Vietnamese everyday name ("sổ đỏ", "sang tên sổ đỏ") means what it stands for: documents with the rarer
    // words of its meaning cover the query words it spans (RankOptions.viPhraseCoverShare).
    this.addSynonyms(
      lexical.phrases.filter((p) => !p.synonym && p.lang === "vi"),
      words,
      lang,
      add,
      opt.viPhraseCoverShare * this.size,
    );
  }

  /**
   * The words the index can match in some form, and the life events told: not those the asker says they lack nor
   * those yielding to another found with them; read beside what the asker has already done (DONE_THEN) and whose
   * words name only who asks.
   */
  private readEvents(r: Reading): Pick<AnalysisParts, "found" | "events" | "lacked"> {
    const { query, rest, lang, nested, lexical, words, weights, wordIdf } = r;
    // Latin words keep their bit even when unmatched: an unknown Vietnamese or English word still says the
    // documents lacking it are a weaker answer.
    let found = 0;
    words.forEach((t, i) => {
      if (/^[a-z0-9]/.test(t)) found |= 1 << i;
    });
    for (const v of weights.values()) if (v.bits && termId(this.data, v.term) !== undefined) found |= v.bits;
    // A document the asker says they lack ("ko có sổ hộ khẩu thì đăng ký kết hôn được ko") is no subject of the
    // question: its everyday name leaves a life event its whole bonus.
    const folded = ` ${phraseKey(query)} `;
    const lacked = (key: string, before = LACKED_BEFORE) => {
      const needle = ` ${key} `;
      let at = folded.indexOf(needle);
      if (at < 0) return false;
      for (; at >= 0; at = folded.indexOf(needle, at + 1))
        if (!before.test(folded.slice(0, at + 1))) return false;
      return true;
    };
    // Nor is a life event the asker says they lack ("không có lương hưu thì người già được trợ cấp gì"): it names
    // what they are not in.
    const told = lexical.events.filter(
      (e) =>
        !lacked(e.key, LACKED_EVENT) &&
        !(lang === "ko" && marriedAlready(query, e.key)) &&
        !otherHanLanguage(e, lang, query),
    );
    // An event giving way to another found with it (lexicon `yieldsTo`: a pension beside a death told) is not read.
    const toldCodes = new Set(told.map((e) => e.codes.join(",")));
    const events = this.eventShares(
      told.filter((e) => !e.yieldsTo?.some((codes) => toldCodes.has(codes))),
      words,
      wordIdf,
      query,
    );
    // What the asker has already done or holds ("đã có giấy phép kinh doanh rồi, giờ muốn …", "mua đất xong rồi giờ
    // muốn xin phép xây nhà") is their situation; what they want now follows "giờ (muốn)". The terms only the words of
    // what is done bring weigh DONE_WEIGHT.
    const done = nested || lang !== "vi" ? null : DONE_THEN.exec(folded);
    // What is not yet done ("ở trọ 3 năm rồi mà chưa đăng ký tạm trú, giờ …") is asked: what is done ends before it.
    const doneText = done ? ((done[1] as string).split(/\s(?:ma\s|nhung\s)?chua\s/)[0] ?? "") : "";
    if (done && /\b(da|xong|roi)\b/.test(doneText)) {
      // The question's words after what is done, as typed: the folded words are the typed ones, one for one.
      const typed = rest.split(/[^\p{L}\p{N}]+/u).filter((w) => w !== "");
      const doneWords = doneText.trim().split(" ").length;
      const ask = typed.slice(doneWords).join(" ");
      const asked = this.analyzeQuery(ask, ask, lang, true);
      const askedTerms = new Set(asked.terms.map((t) => t.term));
      let doneBits = 0;
      words.forEach((w, i) => {
        if (!asked.words.includes(w)) doneBits |= 1 << i;
      });
      // Every term only the words of what is done brought (their pairs, forms, the lexicon's meanings of them).
      for (const v of weights.values()) if (!askedTerms.has(v.term)) v.weight *= DONE_WEIGHT;
      // A life event of what is done only ("mua đất" bought, "ở trọ 3 năm rồi") is the asker's situation.
      for (const e of events) if (e.bits !== 0 && (e.bits & ~doneBits) === 0) e.situation = true;
    }
    // A life event naming who asks ("外资企业" in "外资企业需要办理环境许可证吗") beside words that name something else:
    // the procedure asked for need not say who asks, so the event's words add score but no coverage.
    let asker = 0;
    for (const e of events) if (e.unnamed) asker |= e.bits;
    if (asker !== 0) {
      let rest = 0;
      let all = 0;
      words.forEach((_, i) => {
        if (!(found & (1 << i))) return;
        all += wordIdf[i] as number;
        if (!(asker & (1 << i))) rest += wordIdf[i] as number;
      });
      if (all > 0 && rest / all >= EVENT_REST_SHARE) {
        for (const v of weights.values()) {
          // The asker's words, and what a synonym says the asker is (外资企业 = 外资经济组织), name no procedure asked
          // for either: at a word's weight they found the licences of 'foreign-invested economic organisations' for
          // any question of such a company.
          if (v.bits !== 0 && (v.bits & ~asker) === 0) v.weight *= ASKER_SYNONYM;
          v.bits &= ~asker;
        }
        found &= ~asker;
      }
    }
    return { found, events, lacked };
  }

  /**
   * The analysis handed to ranking: the reading's words and terms, and what the policy rules read in the question's
   * phrasing.
   */
  private analysis(
    r: Reading,
    { found, events, lacked, age: { beforeAge, age, ageBits }, wholeSpans }: AnalysisParts,
  ): AnalyzedQuery {
    const {
      query,
      rest,
      lang,
      analyzed,
      hangul,
      written,
      lexical,
      words,
      weights,
      wordIdf,
      cjkFixes,
      phraseCandidates,
    } = r;
    const plain = ` ${phraseKey(rest)} `;
    let namedBits = 0;
    let phraseBits = 0;
    let lackedBits = 0;
    for (const p of lexical.phrases) {
      if (p.lang !== "vi") continue;
      const held = p.synonym || isSecondaryAction(p.expandsTo) || HELD_ACTION.test(p.expandsTo);
      const lack = lacked(p.key);
      for (const u of analyze(p.key).unigrams) {
        const i = words.indexOf(u);
        if (i < 0) continue;
        if (lack) lackedBits |= 1 << i;
        else phraseBits |= 1 << i;
        if (!held) namedBits |= 1 << i;
      }
    }
    // A Korean question's synonyms (대신 받 = 대리 수령, a pension collected by a proxy) that span no word of a life
    // event's phrase (연금) say what is asked of the event (restOfEvent), as a whole name does in Vietnamese
    // (wholeSpans). Not its plain expansions: "출생 … 외국인 부모" names the birth event's own procedure (2.000528).
    const koreanSpans: number[] = [];
    if (lang === "ko")
      for (const p of lexical.phrases) {
        if (p.lang !== "ko") continue;
        let bits = 0;
        for (const u of analyze(p.key).unigrams) {
          const i = words.indexOf(u);
          if (i >= 0) bits |= 1 << i;
        }
        if (bits !== 0 && p.synonym) koreanSpans.push(bits);
      }
    // The word of applying (신청, 申请, 申請) names what every procedure is, a first issuance as much as its
    // re-issue or extension: it tells no held licence's action ('임시 거주 등록 신청' asks for the registration).
    words.forEach((w, i) => {
      if (APPLY_WORDS.has(w)) namedBits |= 1 << i;
    });
    const ageWords = new Set(words.filter((_, i) => (ageBits & (1 << i)) !== 0));
    const writtenKey = ` ${phraseKey(written)} `;
    // The question as typed, for the patterns that read its phrasing rather than its words.
    const said = query.normalize("NFKC").toLowerCase();
    return {
      namedBits,
      phraseBits,
      koreanSpans,
      wholeSpans: wholeSpans.filter((bits) => (bits & lackedBits) === 0),
      vietnameseParty: VIETNAMESE_PARTY.test(said),
      vietnamNamed:
        ((lang === "ko" && VIETNAM_KO.test(query)) ||
          (lang === "ja" && VIETNAM_JA.test(query) && !VIETNAMESE_AMONG_JA.test(query))) &&
        !VIETNAMESE_BOTH.test(query),
      actionPairs: [
        ...[...analyzed.bigrams, ...analyzed.exact].filter((b) => VI_ACTION_PAIRS.has(b)),
        // Typed without diacritics, a question opening on "doi" asks the exchange: "đối với" opens none.
        ...(analyzed.exact.length === 0 && analyzed.unigrams[0] === "doi" ? ["~đổi"] : []),
      ],
      firstTime: FIRST_TIME.test(said),
      lossSaid: LOSS_SAID.test(said),
      noActionSaid: lang !== null && ACTION_SAID[lang] ? !ACTION_SAID[lang].test(said) : undefined,
      leftVietnam: LEFT_VIETNAM_SAID.test(said),
      settlingAbroad: PENSION_SAID.test(said) && SETTLING_SAID.test(said),
      livingAbroad: LIVING_ABROAD_SAID.test(said) && (lang === "vi" || VIETNAM_SAID.test(said)),
      foreignPerson: foreignPersonOnly(query),
      starsAsked: starsAsked(query),
      visitorDied: visitorDied(said, lang) && !VIETNAMESE_PARTY.test(said),
      borderSaid: BORDER_SAID.test(said),
      // Read in the question's text with its shorthand spelled out ("đkhkd"), not its words: those are each kept
      // once, and "tạm ngừng kinh doanh hộ kinh doanh" left "… kinh doanh hộ 3 tháng", no household business.
      household: HOUSEHOLD_BUSINESS.test(writtenKey) && !TYPED_ORGANISATION.test(writtenKey),
      householdKo: HOUSEHOLD_BUSINESS_KO.test(said) && !TYPED_ORGANISATION_KO.test(said),
      notActions: [
        ...FOLDED_NOT_ACTION.filter(
          ({ word, as }) =>
            plain.includes(` ${word} `) && !` ${plain.replace(as, " ")} `.includes(` ${word} `),
        ).map(({ word }) => word),
        ...typedOtherwise([
          query,
          ...lexical.expansions,
          ...lexical.phrases.map((p) => p.expandsTo),
          ...lexical.synonyms.map((p) => p.expandsTo),
        ]),
      ],
      words,
      terms: [...weights.values()],
      ...(beforeAge.size > 0 && ageBits !== 0
        ? {
            // Nor the words of the age as written ("70", "tuổi"), in any form: they name the bracket only.
            ageFree: [...weights.values()].flatMap((t) => {
              const prev = beforeAge.get(t.term);
              const kept = prev === undefined ? t : prev;
              if (kept === null) return [];
              const parts = kept.term.replace(/^[~#%]/, "").split("_");
              return parts.some((p) => ageWords.has(foldDiacritics(p))) ? [] : [kept];
            }),
            ageAgainst: age.against,
            ageBracket: age.bracket,
            ageBits,
            ageTerms: [...beforeAge.keys()],
          }
        : {}),
      wordIdf,
      corrected: r.corrected,
      slipCandidates: phraseCandidates,
      slips: cjkFixes.filter(
        ([typed, fix]) => /^\p{Script=Han}{2}$/u.test(typed) && /^\p{Script=Han}{2}$/u.test(fix),
      ),
      // A life event counts once, however many of its phrases the query holds (one phrase is often listed in two
      // languages, "expat" in vi and en): each match added its whole bonus again.
      eventCodes: events.map((e) => e.codes),
      eventShares: events.map((e) => e.share),
      eventBits: events.map((e) => e.bits),
      eventSituations: events.map((e) => e.situation),
      eventApart: events.map((e) => e.apart),
      eventLinks: events.map((e) => e.link),
      eventKeepFirst: events.map((e) => e.keepFirst),
      matchable: popcount(found),
      known: found,
      // Vietnamese syllables differ widely in what they say ("đăng", "ký" are in a third of the names; "tạm", "trú"
      // in a few): in a Vietnamese query each word counts in the coverage factor by its IDF. Measured on the
      // English and CJK sets, equal weights serve those better (their words after stopwords are fewer and rarer).
      wordWeights:
        lang === "vi"
          ? words.map((_, i) => (found & (1 << i) ? (wordIdf[i] as number) : 0))
          : lang === "ko"
            ? words.map((t, i) => (found & (1 << i) ? (hangul.share.get(t) ?? 1) : 0))
            : lang === "ja"
              ? this.japaneseWeights(rest, words, found)
              : [],
    };
  }

  /**
   * The life events found, each once (a phrase listed in two languages, "expat" in vi and en, is one event), with the
   * largest IDF-weighted share of the query's words one of its phrases found spans (policy.ts, eventBonus).
   */
  private eventShares(
    found: {
      key: string;
      codes: string[];
      situation?: boolean;
      unnamed?: boolean;
      link?: boolean;
      keepFirst?: boolean;
    }[],
    words: string[],
    wordIdf: number[],
    /** The question as read, whose clauses say which words stand apart from a phrase (otherClauses). */
    query = "",
  ): EventFound[] {
    const byCodes = new Map<string, EventFound>();
    const clauses = clausesOf(query);
    const total = wordIdf.reduce((a, b) => a + b, 0);
    for (const { key, codes, situation = false, unnamed = false, link = false, keepFirst = false } of found) {
      const spanned = new Set(analyze(key).unigrams);
      let sum = 0;
      let bits = 0;
      words.forEach((w, i) => {
        if (spanned.has(w)) {
          sum += wordIdf[i] as number;
          bits |= 1 << i;
        }
      });
      const share = total > 0 ? sum / total : 0;
      const id = codes.join(",");
      const prev = byCodes.get(id);
      if (!prev || share > prev.share)
        byCodes.set(id, {
          codes,
          share,
          bits,
          situation,
          unnamed,
          link,
          keepFirst,
          apart: otherClauses(clauses, key, words),
        });
    }
    return [...byCodes.values()];
  }

  /** A Japanese query's word weights: each kanji or katakana word weighs one, a pair across scripts nothing. */
  private japaneseWeights(query: string, words: string[], found: number): number[] {
    const share = japanesePieces(query);
    const cjk = /^[\p{Script=Han}\p{Script=Katakana}\u30fc]/u;
    return words.map((t, i) => (found & (1 << i) ? (cjk.test(t) ? (share.get(t) ?? 0) : 1) : 0));
  }

  /**
   * A synonym ("foreign company" = foreign trader, 비자 = 사증, "expat" = foreigner) says what the query words it spans
   * mean: a document with its words covers those words. Words the phrase and its meaning share ("work permit" in "not
   * subject to work permit" = exemption from work permits) cover themselves; the phrase's other words ("not subject")
   * are covered by the meaning's other words ("exemption"), not by every document that shares the common ones.
   */
  private addSynonyms(
    synonyms: { key: string; expandsTo: string; lang: string }[],
    words: string[],
    lang: Language | null,
    add: (term: string, weight: number, bits?: number) => void,
    /** Terms of the meaning found in more documents than this cover nothing (they still expand the query). */
    maxDf = Number.POSITIVE_INFINITY,
    /** Read as a meaning (RankOptions.synonymRead): the meaning's terms weigh `meaning`; returns the words covered. */
    read = false,
    /** The terms the question's own words were read as, by the words they cover (a word's action noun, typed). */
    typed?: ReadonlyMap<string, number>,
  ): number {
    let covered = 0;
    for (const { key, expandsTo, lang: written } of synonyms) {
      // A synonym speaks its own language: "ERC" in a Korean question, or a Chinese term inside Japanese kanji, is
      // not rendered in that language's catalogue words (it still expands the query, without covering).
      if (lang !== null && written !== lang) continue;
      const meaning = analyze(expandsTo);
      const shared = new Set(meaning.unigrams);
      const phrase = new Set(analyze(key).unigrams);
      let bits = 0;
      for (const u of phrase) {
        const i = words.indexOf(u);
        if (i >= 0 && !shared.has(u)) bits |= 1 << i;
      }
      if (bits === 0) continue;
      const phraseStop = stopTest(this.lexicon, meaning, null);
      const own = meaning.unigrams.filter((t) => !phraseStop(t) && !phrase.has(t));
      // A meaning of several Latin words covers through its word pairs: "investment registration certificate" for
      // IRC, not every record that says "registration".
      const latin = own.filter((t) => /^[a-z0-9]/.test(t));
      const terms = latin.length >= 2 ? [...own.filter((t) => !latin.includes(t)), ...meaning.bigrams] : own;
      // A Korean word of the meaning covers as a whole word; its syllable pairs only add score: 발급 of 재발급 (분실 =
      // re-issue) is in every first issuance's name, and covered the loss word there.
      const whole = new Set(
        (
          expandsTo
            .normalize("NFKC")
            .toLowerCase()
            .match(/\p{Script=Hangul}+/gu) ?? []
        ).map(stripKoreanParticle),
      );
      // So does a Japanese meaning word of the prefix 再 (re-) by its first pair alone (再交 of 再交付, 再発 of 再発行, as
      // the kana words' meanings, KANA_WORD) where the phrase is no re-issue itself (紛失, 盗難, not 再発行): its other
      // pairs (交付, 発行) are any issuance, and covered the loss word in the first issuance's name
      // ('投資登録証明書を紛失した' found 投資登録証明書の発行 first).
      const again = new Set(
        key.includes("再")
          ? []
          : (expandsTo.normalize("NFKC").match(/再\p{Script=Han}{2,}/gu) ?? []).flatMap((w) =>
              [...w].slice(1, -1).map((c, i) => `${c}${w[i + 2]}`),
            ),
      );
      // An English meaning's pair glued by a function word (gluedEnglish: "extension_of" of "extension of
      // construction permits") is in every name of that shape: where the meaning has a pair of two words
      // ("construction_permit") and the glued pair's word is one the question's own words were read as already
      // (`typed`: "extend" read "extension"), the glued pair adds score but covers nothing. Covering the words the
      // phrase spans, "extension of" gave the work permit's extension "building" and "expires" of 'extend my building
      // permit before it expires', and it came first. Where the meaning alone says the act ('my visa expires':
      // "extension of temporary residence"), its glued pair still covers.
      const clean = written === "en" && typed && terms.some((t) => t.includes("_") && !gluedEnglish(t));
      const saidAlready = (t: string) =>
        t.split("_").every((w) => ENGLISH_GLUE.has(w) || (typed?.get(w) ?? 0) !== 0);
      const piece = (t: string) =>
        (/^\p{Script=Hangul}/u.test(t) && !whole.has(t)) ||
        again.has(t) ||
        (clean === true && gluedEnglish(t) && saidAlready(t));
      for (const t of terms)
        if (this.df(t) <= maxDf) {
          add(
            t,
            read ? this.rankOptions.synonymRead.meaning : this.rankOptions.expansion,
            piece(t) ? 0 : bits,
          );
          if (read && !piece(t) && this.df(t) > 0) covered |= bits;
        }
    }
    return covered;
  }

  /**
   * An age in the query ("con tôi 5 tuổi", "my 10-year-old", "5岁", "5살", "5歳") finds the names' age brackets:
   * "dưới 14 tuổi" / "under 14" when the age is below 14, "từ đủ 14 tuổi" when it is 14 or more, through the word
   * pairs the index holds for them (names index their pairs). A bracket covers the age's number.
   */
  private addAgeBrackets(
    query: string,
    words: string[],
    add: (term: string, weight: number, bits?: number) => void,
    weight: number,
    /** Receives the pairs of the brackets a typed age falls outside, and whether a bracket was typed. */
    out: { against: string[]; bracket: boolean } = { against: [], bracket: false },
  ): number {
    const against = out.against;
    const text = kanjiAges(query.normalize("NFKC").toLowerCase());
    // "dưới 14 tuổi", "under 14", "未满14岁", "14세 미만", "十四歳未満": a bracket, not an age. It finds the names'
    // brackets of that age, which only the Vietnamese and English names spell alike ("dưới 14 tuổi", "under 14").
    const under = UNDER_BEFORE.exec(text) ?? UNDER_AFTER.exec(text);
    const over = under ? null : (OVER_BEFORE.exec(text) ?? OVER_AFTER.exec(text));
    const bracket = under ?? over;
    // The words of the age as written ("10 year old", "aged 5", "5 tuổi") are all the bracket's: "year" and "old" name
    // no procedure beside it, and left uncovered they weighed against the bracket's names.
    const spanned = (text: string) => {
      let bits = 0;
      for (const u of analyze(text).unigrams) {
        const i = words.indexOf(u);
        if (i >= 0) bits |= 1 << i;
      }
      return bits;
    };
    if (bracket) {
      out.bracket = true;
      const n = Number(bracket[1]);
      const pairs = under ? [`duoi_${n}`, `under_${n}`] : [`du_${n}`, `aged_${n}`];
      for (const pair of pairs)
        if (termId(this.data, pair) !== undefined) add(pair, weight, spanned(bracket[0]));
      // Below n, the brackets from n up are outside; from n, those below n or under.
      for (let t = 1; t <= 99; t++) {
        const outside = under
          ? t >= n
            ? [`du_${t}`, `aged_${t}`]
            : []
          : t <= n
            ? [`duoi_${t}`, `under_${t}`]
            : [];
        for (const pair of outside) if (termId(this.data, pair) !== undefined) against.push(pair);
      }
      return spanned(bracket[0]);
    }
    const m = AGE.exec(text);
    if (!m) return 0;
    const before = text.slice(Math.max(0, m.index - 12), m.index);
    const after = text.slice(m.index + m[0].length, m.index + m[0].length + 12);
    if (BRACKET_BEFORE.test(before) || BRACKET_AFTER.test(after)) return 0;
    // An age in months ("2 tháng tuổi", "6 months old") is a baby's: under a year.
    const age = m[3] !== undefined || m[4] !== undefined ? 0 : Number(m[1] ?? m[2] ?? m[5]);
    const bits = spanned(m[0]);
    for (let t = 1; t <= 99; t++) {
      const pairs = age < t ? [`duoi_${t}`, `under_${t}`] : [`du_${t}`];
      for (const pair of pairs) if (termId(this.data, pair) !== undefined) add(pair, weight, bits);
      const outside = age < t ? [`du_${t}`, `aged_${t}`] : [`duoi_${t}`, `under_${t}`];
      for (const pair of outside) if (termId(this.data, pair) !== undefined) against.push(pair);
    }
    return bits;
  }

  /**
   * The phrases an initialism stands for ("gcn" → giấy chứng nhận), or of two initialisms run together
   * ("gcnqsdd" → giấy chứng nhận + quyền sử dụng đất). Only for words that cannot be a Vietnamese syllable.
   */
  private spellOut(word: string): { phrase: string; share: number }[] {
    if (word.length < 3 || word.length > 12 || !/^[a-z]+$/.test(word) || isSyllable(word)) return [];
    const whole = this.initialisms.get(word);
    if (whole) return whole;
    for (let cut = 3; cut <= word.length - 3; cut++) {
      const a = this.initialisms.get(word.slice(0, cut));
      const b = this.initialisms.get(word.slice(cut));
      if (a?.[0] && b?.[0])
        return [{ phrase: `${a[0].phrase} ${b[0].phrase}`, share: Math.min(a[0].share, b[0].share) }];
    }
    return [];
  }

  /**
   * An age typed ("ông tôi 70 tuổi", "con 10 tuổi") refines among the documents the rest of the question finds: what
   * the age adds to a document is kept in proportion to its score without the age against the best score without it,
   * times the share of the rest of the question it matches against the best match (RankOptions.ageRefine); a document
   * whose name's bracket the age falls outside ("từ đủ 70 tuổi đến dưới 75 tuổi" for a 60-year-old) keeps a share of
   * its score without the age. At the weight of a phrase naming the document, an age said in passing ("năm nay tôi 60
   * tuổi, … hưởng lương hưu", "ông tôi 70 tuổi muốn làm di chúc") made the age-bracketed procedures the answer by
   * matching the age alone.
   */
  private ageCap(
    q: AnalyzedQuery,
    k: number,
    lift: Float32Array | undefined,
  ): {
    cap: (doc: number, score: number) => number;
    with: (top: Ranked[], scoreOf: (doc: number) => number) => Ranked[];
  } {
    const free = q.ageFree;
    if (!free) return { cap: (_, score) => score, with: (top) => top };
    // Pruned as the ranking itself: a document the question without its age does not bring among its best scores too
    // little for the age to lift it (read as 0).
    this.ageFreeRanker ??= new Ranker(this.data, this.rankOptions);
    const base = this.ageFreeRanker.rank(
      free,
      q.matchable,
      k,
      false,
      q.wordWeights.length > 0 ? q.wordWeights : undefined,
      this.data.priors,
      lift,
    );
    const docsOf = (term: string, into: Set<number>) => {
      const id = termId(this.data, term);
      if (id === undefined) return into;
      for (let i = this.data.offsets[id] as number; i < (this.data.offsets[id + 1] as number); i++)
        into.add(this.data.postingDocs[i] as number);
      return into;
    };
    const outside = new Set<number>();
    for (const term of q.ageAgainst ?? []) docsOf(term, outside);
    // A Vietnamese name's "dưới 15", "đủ 20" is an age only before "tuổi" or "tháng" (tuổi): "dưới 15 năm công tác",
    // "đủ 20 năm đóng bảo hiểm" are no bracket, and the age adds them nothing.
    for (const term of q.ageTerms ?? []) {
      const n = /^(?:du|duoi)_(\d+)$/.exec(term)?.[1];
      if (n === undefined) continue;
      const ages = docsOf(`${n}_thang`, docsOf(`${n}_tuoi`, new Set()));
      for (const doc of docsOf(term, new Set())) if (!ages.has(doc)) outside.add(doc);
    }
    // How much of the rest of the question (the words beside the age's) a document matches without the age, by the
    // words' weights.
    const rest = q.known & ~(q.ageBits ?? 0);
    const matched = (doc: number) => {
      const bits = base.bitsOf(doc) & rest;
      let w = 0;
      for (let i = 0; i < q.words.length; i++)
        if (bits & (1 << i)) w += q.wordWeights.length > 0 ? (q.wordWeights[i] as number) : 1;
      return w;
    };
    let most = 0;
    for (const r of base.top) most = Math.max(most, matched(r.doc));
    const { power, outside: kept } = this.rankOptions.ageRefine;
    const cap = (doc: number, full: number) => {
      const without = Math.min(full, base.scoreOf(doc));
      if (outside.has(doc)) return without * kept;
      // A bracket typed ("dưới 6 tuổi", "十四歳未満") is the names' own wording for whom a procedure is for, not a
      // fact of the asker's said in passing: it keeps what it adds.
      if (q.ageBracket) return full;
      const share =
        (base.best > 0 ? Math.min(1, without / base.best) : 1) *
        (most > 0 ? Math.min(1, matched(doc) / most) : 1);
      return without + (full - without) * share ** power;
    };
    // The best documents without the age are candidates too: those the age lifted may have filled the ranking's k best.
    const add = (top: Ranked[], scoreOf: (doc: number) => number) => {
      const seen = new Set(top.map((r) => r.doc));
      const more = base.top
        .filter((r) => !seen.has(r.doc))
        .map((r) => ({ doc: r.doc, score: Math.max(scoreOf(r.doc), r.score) }));
      return more.length > 0 ? [...top, ...more] : top;
    };
    return { cap, with: add };
  }

  /** Ranks, adds life events and codes, and returns one hit per variant group. */
  private collect(
    q: AnalyzedQuery,
    codeDocs: number[],
    level: Level | null,
    limit: number,
    lift: Float32Array | undefined,
    /** Asked in Vietnamese: most likely by a citizen (RankOptions.foreignLean). */
    vietnamese = false,
    /** Asked in Japanese: words cover by RankOptions.japaneseCoverShare. */
    japanese = false,
  ): SearchHit[] {
    const via: SearchHit["via"] = q.corrected ? "typo" : "words";
    // The pool is as large for a short list as for ten hits, so a list of 1 or 3 is the start of a list of 10: the
    // card the chat shows first does not depend on how many hits its caller asked for.
    let k = Math.min(this.size, Math.max(limit, 10) * 3 + 10);
    // A CJK pair straddling two words ("宅建" of 住宅建筑许可) is matched, for the rules between siblings, by a
    // procedure matching both words, whichever way its name joins them (cjkJunctions).
    const junctions = cjkJunctions(q.words);
    const excuse = (bits: number) => junctions(bits) & q.known;
    for (;;) {
      const ranked = this.ranker.rank(
        q.terms,
        q.matchable,
        k,
        false,
        q.wordWeights.length > 0 ? q.wordWeights : undefined,
        this.data.priors,
        lift,
        excuse,
        japanese ? this.rankOptions.japaneseCoverShare : undefined,
      );
      const candidates = new Map<number, { score: number; via: SearchHit["via"] }>();
      this.held.clear();
      const ageCap = this.ageCap(q, k, lift);
      // A procedure acting on a licence one already holds (re-issue, extension, adjustment…) keeps
      // `secondaryAction` of its score when it matches no query word the best first-issuance procedure misses: a
      // question naming no such action most likely asks for the licence itself.
      const secondary = (doc: number) => ((this.data.audience[doc] as number) & SECONDARY_ACTION) !== 0;
      const first = ranked.top.find((r) => !secondary(r.doc));
      const firstBits = first ? ranked.bitsOf(first.doc) : 0;
      // A procedure filed abroad keeps `abroadLean` of its score when the question does not say the asker is abroad.
      // A foreign person named (a foreigner asking to be naturalised) says who asks, not where (foreignPersonOnly).
      const home = !q.terms.some(
        (t) => ABROAD_MARKS.has(t.term) && !(q.foreignPerson && FOREIGN_MARKS.has(t.term)),
      );
      // A procedure exempting from something keeps `exemptionLean` when the question names no exemption.
      const exempt = q.terms.some((t) => EXEMPT_WORD.test(t.term));
      // And the other way: a question naming an exemption asks for the procedure that grants it, and a procedure whose
      // name says none keeps `exemptionLean` ('extend stay visa-free entry', '무비자 체류기간 연장' found the general stay
      // extension, 1.001146, which the phrase's glossary words name, before the extension of a visa exemption
      // certificate's holder, 1.002411; 'extend work permit exemption' the work permit's extension before its
      // exemption's, 1.014198). Not a bare "mien" folded from a Vietnamese "miền" (a region: "miền núi"), only
      // "miễn" as typed (FOLDED_MIEN).
      const exemptionAsked = q.terms.some((t) => EXEMPT_WORD.test(t.term) && !FOLDED_MIEN.test(t.term));
      // A procedure for those entitled to diplomatic privileges and immunities keeps `privilegedLean` when the question
      // names no diplomat, mission or immunity (policy.ts diplomaticSaid) and the best procedure for everyone matches
      // every query word its name says (saysBeyond): the one for everyone is its twin. Not where none is: a school set
      // up with foreign capital at a foreign mission's request (2.000545) has no twin for everyone.
      const privileged = (doc: number) => ((this.data.audience[doc] as number) & PRIVILEGED) !== 0;
      const commoner = diplomaticSaid(q.terms) ? undefined : ranked.top.find((r) => !privileged(r.doc));
      const commonerBits = commoner ? ranked.bitsOf(commoner.doc) : 0;
      const privilegedLean = (doc: number) =>
        commoner !== undefined &&
        privileged(doc) &&
        !this.saysBeyond(q.terms, doc, ranked.bitsOf(doc) & ~commonerBits & ~(q.namedBits ?? 0));
      // A procedure whose name says it is for foreigners keeps `foreignLean` of its score when a Vietnamese question
      // names no foreign party: the asker is most likely a citizen.
      const citizen = vietnamese && !q.terms.some((t) => FOREIGN_MARKS.has(t.term));
      // A procedure filed by organisations only keeps `organisationLean` when the question names no organisation and
      // the best procedure a person files matches every query word it matches: the asker is most likely that person.
      // Not one for foreigners or foreign investors: an employer files a foreign worker's permit, which the worker asks
      // for ('xin gpld cho nnn' would find the worker's own residence card first).
      // A payer's return for its staff (PAYER_FILED) is an organisation's too, in the investor set or not.
      const organisation = (doc: number) => {
        const audience = this.data.audience[doc] as number;
        return (
          (audience & (ORGANISATIONS_ONLY | AUDIENCE_FOREIGN | AUDIENCE_INVESTOR)) === ORGANISATIONS_ONLY ||
          (audience & (PAYER_FILED | AUDIENCE_FOREIGN)) === PAYER_FILED
        );
      };
      const person = q.terms.some((t) => ORGANISATION_WORD.test(t.term))
        ? undefined
        : ranked.top.find((r) => !organisation(r.doc));
      const personBits = person ? ranked.bitsOf(person.doc) : 0;
      // A question naming a household business (hộ kinh doanh, hộ cá thể, hkd) and, as typed, no enterprise says who
      // asks: a procedure named for an enterprise, a company or a cooperative and not for a household business
      // (ENTERPRISE_NAMED) keeps `householdLean` ('hộ kinh doanh bị mất giấy phép kinh doanh' found the enterprise's
      // certificate re-issued before the household business's).
      const household = (vietnamese && q.household === true) || q.householdKo === true;
      // A procedure joining others filed on their own too keeps `combinedLean` when the best one joining none matches
      // every query word it matches: the question names one of the procedures joined.
      const combined = (doc: number) => ((this.data.audience[doc] as number) & COMBINED) !== 0;
      const single = ranked.top.find((r) => !combined(r.doc));
      const singleBits = single ? ranked.bitsOf(single.doc) : 0;
      for (const r of ageCap.with(ranked.top, ranked.scoreOf)) {
        const lean =
          // Nor by a word naming who files that its name does not say (unsaidOrganisation).
          (first &&
          secondary(r.doc) &&
          (ranked.bitsOf(r.doc) & ~firstBits & ~(q.namedBits ?? 0) & ~this.unsaidOrganisation(q, r.doc)) === 0
            ? this.rankOptions.secondaryAction
            : 1) *
          (q.firstTime && secondary(r.doc) ? this.rankOptions.firstTimeLean : 1) *
          (home && ((this.data.audience[r.doc] as number) & AUDIENCE_ABROAD) !== 0
            ? this.rankOptions.abroadLean
            : 1) *
          (!exempt && ((this.data.audience[r.doc] as number) & EXEMPTION) !== 0
            ? this.rankOptions.exemptionLean
            : 1) *
          (exemptionAsked && ((this.data.audience[r.doc] as number) & EXEMPTION) === 0
            ? this.rankOptions.exemptionLean
            : 1) *
          (privilegedLean(r.doc) ? this.rankOptions.privilegedLean : 1) *
          (citizen && ((this.data.audience[r.doc] as number) & FOREIGNERS_NAMED) !== 0
            ? this.rankOptions.foreignLean
            : 1) *
          (person && organisation(r.doc) && (ranked.bitsOf(r.doc) & ~personBits & ~(q.namedBits ?? 0)) === 0
            ? this.rankOptions.organisationLean
            : 1) *
          (household && ((this.data.audience[r.doc] as number) & ENTERPRISE_NAMED) !== 0
            ? this.rankOptions.householdLean
            : 1) *
          (single && combined(r.doc) && (ranked.bitsOf(r.doc) & ~singleBits & ~(q.namedBits ?? 0)) === 0
            ? this.rankOptions.combinedLean
            : 1);
        candidates.set(r.doc, { score: ageCap.cap(r.doc, r.score) * lean, via });
      }
      this.holdOtherGrades(q, candidates);
      const askedActions = this.leadFirstIssues(candidates, ranked, q, via, vietnamese);
      this.holdCombined(candidates, ranked, via);
      this.holdPlainer(q, candidates, ranked, via);
      // A question naming a foreign party: the twin with a foreign element takes the domestic procedure's place, just
      // ahead of it (holding the domestic one behind left its other twins, the re-issue, in front).
      const foreignParty = q.terms.some((t) => FOREIGN_MARKS.has(t.term)) || q.visitorDied === true;
      const otherParty = foreignParty || (lift !== undefined && q.vietnameseParty === true);
      // Vietnam named in Korean (VIETNAM_KO): the civil-status twins with a foreign element of the procedures the words
      // found, not the order of a life event's ('베트남에서 아기가 태어났는데 무슨 서류' may be any child's birth).
      if (otherParty) this.liftForeignTwins(candidates, ranked, via);
      else if (q.vietnamNamed)
        this.liftForeignTwins(candidates, ranked, via, undefined, AUDIENCE_FOREIGN_ELEMENT);
      else this.holdForeignElements(q.borderSaid === true, candidates, ranked, via);
      // Life events point at procedures directly, in the order the data gives.
      // Words another life event of the question spans are no more a procedure's name than the event's own.
      const allEvents = q.eventBits.reduce((a, b) => a | b, 0);
      q.eventCodes.forEach((codes, e) => {
        const share = q.eventShares[e] ?? 0;
        const rest = q.eventLinks[e]
          ? this.restOfEvent(q, allEvents, ranked, true)
          : q.eventSituations[e] ||
              (vietnamese &&
                (((q.phraseBits ?? 0) & ~allEvents) !== 0 ||
                  (q.wholeSpans ?? []).some((bits) => (bits & allEvents) === 0))) ||
              (q.koreanSpans ?? []).some((bits) => (bits & allEvents) === 0)
            ? this.restOfEvent(q, allEvents, ranked, false, codes)
            : // Asked in another language, an event that is what is asked answers for the question's distinctive words,
              // and for those of its other clauses (apartBits).
              vietnamese
              ? () => 1
              : this.restOfEvent(
                  q,
                  allEvents,
                  ranked,
                  false,
                  codes,
                  distinctiveBits(q, this.foreignPartyBits(q)) | apartBits(q, e, this.foreignPartyBits(q)),
                );
        this.eventOrder(codes, lift !== undefined, otherParty, q.eventKeepFirst?.[e]).forEach(
          (code, rank) => {
            const doc = this.codeIds.get(code);
            if (doc === undefined) return;
            const score =
              (candidates.get(doc)?.score ?? ranked.scoreOf(doc)) +
              eventBonus(ranked.best, rank, share) * rest(doc);
            candidates.set(doc, { score, via: "event" });
          },
        );
      });
      // A life event's procedure first yields to one whose name says a distinctive word typed beside the event.
      if (!vietnamese) this.liftNamedOverEvents(q, candidates, ranked, via);
      // After the life events: the office's set-up journey lifts its licence, not the licence's re-issue asked for.
      if (askedActions.length > 0) this.liftAskedActions(askedActions, candidates, ranked, via);
      // And a first place whose name says no action the question types yields it to a procedure that says one.
      this.liftNamedActions(q, candidates, ranked, via, vietnamese);
      // And one whose name says no act the state of the paper calls for yields it to one that says it.
      for (const acts of q.statedActs ?? []) if (this.liftStatedActs(q, acts, candidates, ranked, via)) break;
      this.liftLatinCodes(q, candidates, ranked, via);
      this.liftTradeDirection(q, candidates, ranked, via);
      this.liftScope(q, candidates, ranked, via);
      if (!vietnamese) this.liftOneProvince(q, candidates, ranked, via);
      // Asked in a foreign language naming the other party, a life event's procedure with a foreign element takes the
      // place of the best of the event's others, not only of its own domestic twin: '아내가 베트남 사람이고 아이가 베트남에서
      // 태어났어요' found the interlinked registration of a citizen's child under six first, the birth registration with
      // a foreign element (Law on Civil Status 60/2014/QH13, art. 35: one parent a foreigner) behind it. So in
      // Vietnamese where the question says "nước ngoài" ("con mới sinh mà bố là người nước ngoài"), not where an
      // English nationality word is read in it ("thai" of thai sản, maternity, is no Thai).
      if (otherParty && (lift !== undefined || (vietnamese && q.terms.some((t) => t.term === "nuoc_ngoai"))))
        for (const codes of q.eventCodes) {
          const docs = codes.flatMap((c) => this.codeIds.get(c) ?? []);
          const mixed = docs.filter(
            (d) => ((this.data.audience[d] as number) & AUDIENCE_FOREIGN_ELEMENT) !== 0,
          );
          if (mixed.length === 0) continue;
          let best = -1;
          for (const d of docs)
            if (!mixed.includes(d) && (candidates.get(d)?.score ?? 0) > (candidates.get(best)?.score ?? 0))
              best = d;
          // Only where the best names nothing else the question asks (words beside the events' phrases) that the
          // procedures with a foreign element miss: the marriage event's marital status certificate, asked for by its
          // own words, stays first (lifting over it cost a Japanese and a Chinese question of the blind set).
          // In Vietnamese, the words saying who the other party is (người nước ngoài, bố, vợ…) name no procedure.
          let reach = vietnamese ? partyBits(q.words) : 0;
          for (const d of mixed) reach |= ranked.bitsOf(d);
          if (best >= 0 && (ranked.bitsOf(best) & q.known & ~allEvents & ~reach) === 0)
            this.liftAhead(
              best,
              Uint32Array.from(mixed),
              this.rankOptions.foreignElementLead,
              candidates,
              ranked,
              via,
            );
        }
      // Again after the life events, where the question names a foreign party: a domestic procedure an event lifts
      // (the death registration of a death in the family) is as much the twin's place ('外国人家人过世了'). Not for a
      // Vietnamese party alone: a Vietnamese relative's death is registered as a citizen's ('越南老公去世了').
      // The procedures the events brought that the words did not find ('foreigner passed away': the death
      // registration) are as much the twin's place.
      if (foreignParty) this.liftForeignTwins(candidates, ranked, via, [...candidates.keys()]);
      // What a foreign party files first (lexicon foreignFirst: the investment registration certificate before the
      // company's establishment) comes just behind the best procedure it precedes that the question found by some
      // word beside those of the life events naming who asks (they bring the establishment along to any question of
      // a foreign-invested company). Ahead, it took the first place from questions naming the company's form: it is
      // ahead only where the question names none (below).
      if (foreignParty && this.lexicon.foreignFirst.size > 0) {
        let who = 0;
        q.eventBits.forEach((bits, e) => {
          if (q.eventSituations[e]) who |= bits;
        });
        const lifted = new Map<number, { score: number; form: boolean }>();
        // The words every procedure the same first precedes matches ("company" of all the establishment forms) name
        // no form: where the best of them matches no other, the question names none, and the certificate the foreign
        // investor files first comes ahead of it ('I'm a foreigner and want to start a company').
        const common = new Map<number, number>();
        for (const [code, firstCode] of this.lexicon.foreignFirst) {
          const doc = this.codeIds.get(code);
          const first = this.codeIds.get(firstCode);
          if (doc === undefined || first === undefined) continue;
          common.set(first, (common.get(first) ?? -1) & ranked.bitsOf(doc));
        }
        for (const [doc, c] of candidates) {
          const first = this.codeIds.get(this.lexicon.foreignFirst.get(this.data.codes[doc] as string) ?? "");
          if (first === undefined || (ranked.bitsOf(doc) & q.known & ~who) === 0) continue;
          const had = lifted.get(first);
          if (had && had.score >= c.score) continue;
          const form = (ranked.bitsOf(doc) & q.known & ~who & ~(common.get(first) ?? 0)) !== 0;
          lifted.set(first, { score: c.score, form });
        }
        for (const [first, { score, form }] of lifted) {
          const lead = this.rankOptions.foreignElementLead;
          const target = form ? score * lead : score / lead;
          const c = candidates.get(first);
          if (c) c.score = Math.max(c.score, target);
          else candidates.set(first, { score: Math.max(target, ranked.scoreOf(first)), via });
        }
      }
      if (exemptionAsked) this.liftExemptions(candidates, ranked, via, excuse);
      if (q.leftVietnam) this.liftMarked(LEFT_VIETNAM, candidates, via);
      if (q.settlingAbroad) this.liftMarked(SETTLING_ABROAD, candidates, via);
      if (q.livingAbroad) this.liftMissionTwins(candidates, ranked, via);
      if (q.noActionSaid) this.leadPlainSiblings(q, candidates, ranked, via);
      let top = 1;
      for (const c of candidates.values()) top = Math.max(top, c.score);
      codeDocs.forEach((doc, i) => {
        candidates.set(doc, { score: top * 10 - i, via: "code" });
      });
      const hits = this.group(candidates, ranked.scoreOf, ranked.bitsOf, q, level, limit);
      // Variants of one procedure can fill the k best: ask for more until the groups fill the limit.
      if (hits.length >= limit || !ranked.more || k >= this.size) return hits;
      k = Math.min(this.size, k * 4);
    }
  }

  /**
   * How much of a life event's bonus a procedure of it keeps when the question says more than the event's phrase: the
   * words outside the phrase ("环境许可证" in "外资企业需要办理环境许可证吗") name what is asked when some procedure
   * matches them, and the event is then only the asker's situation. A procedure of the event keeps the phrases' share
   * of the bonus, and the rest in proportion to how much of those words it matches itself against the best match.
   * `spanned`: the words the question's life events span.
   */
  private restOfEvent(
    q: AnalyzedQuery,
    spanned: number,
    ranked: { top: { doc: number }[]; bitsOf(doc: number): number },
    /** A journey's link: only a procedure matching the rest as well as the best match keeps the bonus, none else. */
    link = false,
    /** The event's procedures, whose names' words are read at once (namedBitsOf) when a first one is asked about. */
    codes: readonly string[] = [],
    /**
     * The words outside the phrase that are read (by bit; all by default): for an event that is what is asked,
     * only its distinctive words (distinctiveBits).
     */
    read = -1,
  ): (doc: number) => number {
    // Only words the index can match: a CJK pair straddling two words ("证吗") names nothing.
    const share = (bits: number) => {
      let sum = 0;
      for (let i = 0; i < q.words.length; i++)
        if (bits & q.known & read & (1 << i) && !(spanned & (1 << i))) sum += q.wordIdf[i] as number;
      return sum;
    };
    const total = share(-1);
    let all = 0;
    for (let i = 0; i < q.words.length; i++)
      if (q.known & (1 << i) || spanned & (1 << i)) all += q.wordIdf[i] as number;
    if (all === 0 || total / all < EVENT_REST_SHARE) return () => (link ? 0 : 1);
    let best = 0;
    let reached = 0;
    for (const { doc } of ranked.top) {
      best = Math.max(best, share(ranked.bitsOf(doc)));
      reached |= ranked.bitsOf(doc);
    }
    // Against the words some procedure found matches: a pair straddling two Chinese words ("请外", "国经" in
    // "聘请外国经理") is known to the index from a rare text and weighed by its rarity, yet names nothing asked.
    if (best === 0 || best / share(reached) < EVENT_REST_ANSWERED) return () => (link ? 0 : 1);
    const phrase = 1 - total / all;
    if (link) return (doc) => (share(ranked.bitsOf(doc)) >= best ? 1 : 0);
    // A procedure of the event matches those words itself where its name or aliases say them: a posting of a word's
    // term worth at least EVENT_REST_NAMED of the term's best one (the fields' weights: a name's or an alias's
    // against a summary's). The investment registration certificate's translated summary holds 许可证 and 外国, and
    // kept its whole bonus beside the environmental permit asked for in '外资企业在越南怎么申请环保许可'.
    // Not a term spelling a word of the event's phrase (입양, ^입양): a stepchild's meaning (의붓딸 = 계부 계모 배우자의
    // 자녀 입양) ends with it, and let the adoption event's domestic adoption, whose name says only 입양, name the child.
    const eventWords = new Set(q.words.filter((_, i) => spanned & (1 << i)));
    const restTerms = q.terms.filter(
      (t) => (t.bits & q.known & read & ~spanned) !== 0 && !eventWords.has(t.term.replace(/^\^/, "")),
    );
    let ofEvent: Map<number, number> | null = null;
    const named = (doc: number) => {
      ofEvent ??= this.namedBitsOf(
        restTerms,
        codes.flatMap((c) => this.codeIds.get(c) ?? []),
      );
      return (ofEvent.get(doc) ?? this.namedBitsOf(restTerms, [doc]).get(doc) ?? 0) & ranked.bitsOf(doc);
    };
    const keep = (doc: number) => {
      const mine = share(named(doc)) / best;
      return mine >= EVENT_REST_KEEP ? 1 : phrase + (1 - phrase) * mine;
    };
    // Distinctive words one of the event's own procedures says choose among them, not a procedure beside the event:
    // 婚姻届 beside a marriage to a Vietnamese (ベトナムの女性と結婚) is the marriage event's own word, and the event's
    // order (the marriage with a foreign element first) stands.
    if (read !== -1 && codes.some((c) => this.codeIds.has(c) && keep(this.codeIds.get(c) as number) === 1))
      return () => 1;
    return keep;
  }

  /**
   * A procedure acting on a held licence stays just behind its first issuance (RankOptions.firstIssueLead, build.ts
   * firstIssueTwins) when the query names no action and the first issuance matches every query word it matches, bar
   * words weighing nothing (weightless: '運送業の許可を取りたい' typed the stem 取, which the re-issue's 取り消された
   * holds, and the re-issue of the transport licence, 2.002286, kept its place above the licence, 1.000703).
   */
  private leadFirstIssues(
    candidates: Map<number, { score: number; via: SearchHit["via"] }>,
    ranked: { top: { doc: number }[]; scoreOf(doc: number): number; bitsOf(doc: number): number },
    q: AnalyzedQuery,
    via: SearchHit["via"],
    vietnamese = false,
  ): string[] {
    const { twinOffsets, twinDocs } = this.data;
    if (twinDocs.length === 0) return [];
    // With their stems: "extend" (#exten) asks for an extension as much as "extension" does.
    if (!this.actionTerms)
      this.actionTerms = new Set(
        [...this.data.actionTerms, ...ENDING_NAMES].flatMap((t) => [t, stemOf(t) ?? t]),
      );
    const actions = this.actionTerms;
    const other = new Set(q.notActions);
    // A Vietnamese question names an action in the names' Vietnamese words only: "to" of "ô tô", "a" are the English
    // names' ("re-issuance … to"), and held "thi đậu bằng lái ô tô" from the licence's first issuance.
    const typed = typedActions(q);
    const asked = (t: string) =>
      (actions.has(t) || typed.has(t)) && !other.has(t) && (!vietnamese || VI_ACTION_WORDS.has(t));
    // The question's own words (typed, or a synonym standing for them) asking an action, for liftAskedActions: a hint
    // the lexicon adds (切替 beside 'ベトナムで…免許') asks none.
    // An end typed asks the twins whose names say it with their own word (ENDING_NAMES): 停发 or "stop" is in no name.
    if (q.terms.some((t) => asked(t.term)))
      return [
        ...q.terms.filter((t) => t.bits !== 0 && asked(t.term)).map((t) => t.term),
        ...(TYPED_ENDINGS.some((w) => typed.has(w)) ? ENDING_NAMES : []),
      ];
    // A loss said asks for what follows one (a re-issue, the loss reported), whichever words name it.
    if (q.lossSaid) return [];
    for (const { doc } of ranked.top)
      this.holdBehind(
        doc,
        this.data.twinDocs.subarray(twinOffsets[doc], twinOffsets[doc + 1]),
        true,
        this.rankOptions.firstIssueLead,
        candidates,
        ranked,
        via,
        (q.namedBits ?? 0) |
          this.unsaidOrganisation(q, doc) |
          this.caseBits(q, doc, (t) => actions.has(t) || typed.has(t)) |
          weightless(q),
      );
    return [];
  }

  /**
   * The words (by bit) of a question naming an organisation (organisationBits) that a procedure matches without its
   * name or aliases saying them (saysBeyond): a licence's acts are filed by whoever filed for it, so such a word a
   * re-issue or an extension matches in its text alone (a curated summary: "For employers (companies and
   * organisations) to apply to extend …") tells it from its first issuance no more than a word of its case does
   * (caseBits): 'how does my company get a work permit for me' found the permit's extension (1.014201) above the
   * permit (1.014199). One its name says is its own (变更公司总部地址: the company's address).
   */
  private unsaidOrganisation(q: AnalyzedQuery, doc: number): number {
    const bits = organisationBits(q);
    return bits !== 0 && !this.saysBeyond(q.terms, doc, bits) ? bits : 0;
  }

  /**
   * The query words a procedure acting on a held licence matches only through the words its names add to its first
   * issuance's (SearchIndexData.twinWords) that name no action: the case its name says. Such a word describes the
   * asker, not the act ('security certificate for homestay business' matched "business" in the re-issue's "đối với
   * trường hợp cơ sở kinh doanh bị thu hồi", and the re-issue kept its place above the new certificate, 3.000243):
   * leadFirstIssues holds the procedure behind its first issuance as if the first matched them.
   */
  private caseBits(q: AnalyzedQuery, doc: number, action: (term: string) => boolean): number {
    const own = this.data.twinWords[doc] ?? "";
    if (own === "") return 0;
    const words = new Set(own.split(" "));
    let bits = 0;
    for (const t of q.terms) if (t.bits !== 0 && words.has(t.term) && !action(t.term)) bits |= t.bits;
    return bits;
  }

  /**
   * A combined procedure (interlinked, "kết hợp", or listing several procedures: combinedParts) found for words one of
   * its single parts matches as well (every query word it matches) is held just behind that part (holdBehind at
   * RankOptions.firstIssueLead): 'register paternity' asks for the acknowledgement of parents and children (1.001022),
   * not the birth registration combined with it (1.000689). A question naming another part too ('khai sinh, nhập khẩu
   * và thẻ BHYT cho bé') matches a word the single part misses, and the combined one keeps its place. Before the life
   * events, which lift the procedures they list in their own order. Beside combinedLean, which leans a combined
   * procedure against the best procedure joining none, wherever that one is: this one puts it behind its own part.
   */
  private holdCombined(
    candidates: Map<number, { score: number; via: SearchHit["via"] }>,
    ranked: { top: { doc: number }[]; scoreOf(doc: number): number; bitsOf(doc: number): number },
    via: SearchHit["via"],
  ) {
    const { partOffsets, partDocs } = this.data;
    if (!partOffsets || partDocs.length === 0) return;
    for (const { doc } of ranked.top)
      this.holdBehind(
        doc,
        partDocs.subarray(partOffsets[doc], partOffsets[doc + 1]),
        true,
        this.rankOptions.firstIssueLead,
        candidates,
        ranked,
        via,
      );
  }

  /**
   * A procedure found above its plainer twin (plainerTwins: its name's words less a few, one field, level and action)
   * is held just behind it (holdBehind at RankOptions.firstIssueLead) where the question matches no word the twin
   * misses, says none of the words its name adds, and its name says no query word the twin's name does not: 'ghi chú
   * kết hôn ở nước ngoài' asks for the marriage recorded (2.002189), not the divorce or annulment recorded (2.000554,
   * ten times the use), whose name holds every word of the other's; 'ly hôn' said keeps the divorce's first, though
   * the marriage's dossier names a divorce too.
   */
  private holdPlainer(
    q: AnalyzedQuery,
    candidates: Map<number, { score: number; via: SearchHit["via"] }>,
    ranked: { top: { doc: number }[]; scoreOf(doc: number): number; bitsOf(doc: number): number },
    via: SearchHit["via"],
  ) {
    const { plainOffsets, plainDocs } = this.data;
    if (!plainOffsets || plainDocs.length === 0) return;
    const held: { doc: number; plain: Uint32Array }[] = [];
    for (const { doc } of ranked.top) {
      const plain = plainDocs.subarray(plainOffsets[doc], plainOffsets[doc + 1]);
      if (plain.length === 0) continue;
      // A word only its name has, typed ("ly" of ly hôn), says it is this one asked for.
      const extra = this.data.plainWords[doc] ?? "";
      if (extra !== "" && extra.split(" ").some((w) => q.words.includes(w))) continue;
      held.push({ doc, plain });
    }
    if (held.length === 0) return;
    const named = this.namedBitsOf(
      q.terms,
      held.flatMap(({ doc, plain }) => [doc, ...plain]),
    );
    for (const { doc, plain } of held) {
      const mine = named.get(doc) ?? 0;
      const twins = plain.filter((p) => (mine & ~(named.get(p) ?? 0)) === 0);
      this.holdBehind(doc, twins, true, this.rankOptions.firstIssueLead, candidates, ranked, via);
    }
  }

  /**
   * namedBits of several documents at once: each term's postings down to the floor are read once for all of them,
   * and only until every one still lacking the term's words has been met, not once per document (holdPlainer asks
   * for every ranked procedure with a plainer twin and each of its twins, restOfEvent for each procedure of a life
   * event, and a document a common word's list lacks was read to the floor each time). A document is told apart
   * from the others by one bit of a small set.
   */
  private namedBitsOf(terms: readonly QueryTerm[], docs: readonly number[]): Map<number, number> {
    const out = new Map<number, number>();
    for (const doc of docs) out.set(doc, 0);
    this.askedWords ??= new Uint32Array((this.size >>> 5) + 1);
    const words = this.askedWords;
    for (const doc of docs) words[doc >>> 5] = (words[doc >>> 5] as number) | (1 << (doc & 31));
    const postingDocs = this.data.postingDocs;
    const scores = this.data.postingScores;
    for (const t of terms) {
      if (t.bits === 0) continue;
      let lacking = 0;
      for (const bits of out.values()) if ((bits | ~t.bits) !== -1) lacking++;
      if (lacking === 0) continue;
      const id = termId(this.data, t.term);
      if (id === undefined) continue;
      const { from, to, floor } = this.namedRange(id);
      for (let i = from; i < to && (scores[i] as number) >= floor; i++) {
        const d = postingDocs[i] as number;
        if (((words[d >>> 5] as number) & (1 << (d & 31))) === 0) continue;
        const bits = out.get(d) as number;
        if ((bits | ~t.bits) === -1) continue;
        out.set(d, bits | t.bits);
        if (--lacking === 0) break;
      }
    }
    for (const doc of docs) words[doc >>> 5] = 0;
    return out;
  }

  /**
   * Whether a document's name or aliases say one of the query words of `bits`: a posting of a term covering one is
   * worth at least NAME_SAYS of the term's best. Stricter than namedRange's floor, which a short record's text reaches
   * for a word no name says ("spouse" in the text of the diplomats' residence card, 3.000249, at 0.4 of the best).
   */
  private saysBeyond(terms: readonly QueryTerm[], doc: number, bits: number): boolean {
    if (bits === 0) return false;
    const postingDocs = this.data.postingDocs;
    const scores = this.data.postingScores;
    for (const t of terms) {
      if ((t.bits & bits) === 0) continue;
      const id = termId(this.data, t.term);
      if (id === undefined) continue;
      const from = this.data.offsets[id] as number;
      const to = this.data.offsets[id + 1] as number;
      const floor = NAME_SAYS * (scores[from] as number);
      for (let i = from; i < to && (scores[i] as number) >= floor; i++)
        if (postingDocs[i] === doc) return true;
    }
    return false;
  }

  /**
   * The postings of a term where a name or an alias says it: from `from`, those before `to` worth at least `floor`
   * (EVENT_REST_NAMED of the term's best: the fields' weights tell a name's or an alias's from a summary's).
   * Postings are best first: past the floor, a document's posting (if any) says no name.
   */
  private namedRange(id: number): { from: number; to: number; floor: number } {
    const from = this.data.offsets[id] as number;
    const to = this.data.offsets[id + 1] as number;
    return { from, to, floor: EVENT_REST_NAMED * (this.data.postingScores[from] as number) };
  }

  /**
   * Which of `among` a name or an alias says one of the terms of (namedRange), each term's postings read once and no
   * further than needed to meet them all. The rules ask about the ranked few: a set of every document a common action
   * word names ("cấp lại", 再発行) grew with the catalogue (its building was a tenth of the slowest searches at five
   * times the catalogue).
   */
  private namedBy(ids: readonly number[], among: Iterable<number>): Set<number> {
    const out = new Set<number>();
    this.askedWords ??= new Uint32Array((this.size >>> 5) + 1);
    const marks = this.askedWords;
    let wanted = 0;
    const asked: number[] = [];
    for (const doc of among) {
      const bit = 1 << (doc & 31);
      if (((marks[doc >>> 5] as number) & bit) !== 0) continue;
      marks[doc >>> 5] = (marks[doc >>> 5] as number) | bit;
      asked.push(doc);
      wanted++;
    }
    const scores = this.data.postingScores;
    const postingDocs = this.data.postingDocs;
    for (const id of ids) {
      if (wanted === 0) break;
      const { from, to, floor } = this.namedRange(id);
      for (let i = from; i < to && (scores[i] as number) >= floor; i++) {
        const d = postingDocs[i] as number;
        const bit = 1 << (d & 31);
        if (((marks[d >>> 5] as number) & bit) === 0) continue;
        marks[d >>> 5] = (marks[d >>> 5] as number) & ~bit;
        out.add(d);
        if (--wanted === 0) break;
      }
    }
    for (const doc of asked) marks[doc >>> 5] = 0;
    return out;
  }

  /**
   * A question asking an action (re-issue, extension, exchange: its words in actionTerms): a first issuance found
   * above a twin acting on it whose name says an asked action word, its own name none, yields its place to that twin
   * (liftAhead at RankOptions.firstIssueLead), after the life events: '労働許可免除の確認書の再発行' found the exemption
   * (1.014196) above its re-issue (1.014197, 再交付), '駐在員事務所の設立許可証の再発行' the office's licence (2.000063,
   * which the office's set-up journey lifts) above its re-issue (2.000450).
   */
  private liftAskedActions(
    askedTerms: string[],
    candidates: Map<number, { score: number; via: SearchHit["via"] }>,
    ranked: { top: { doc: number }[]; scoreOf(doc: number): number },
    via: SearchHit["via"],
  ) {
    if (!this.actingTwins) {
      const map = new Map<number, number[]>();
      const { twinOffsets, twinDocs } = this.data;
      for (let d = 0; d + 1 < twinOffsets.length; d++)
        for (let j = twinOffsets[d] as number; j < (twinOffsets[d + 1] as number); j++) {
          const first = twinDocs[j] as number;
          const list = map.get(first);
          if (list) list.push(d);
          else map.set(first, [d]);
        }
      this.actingTwins = new Map([...map].map(([first, list]) => [first, Uint32Array.from(list)]));
    }
    // Read once, when a first issuance with acting twins is met, not once per document asked about.
    let saying: Set<number> | null = null;
    const says = (doc: number) => {
      if (!saying) {
        const among: number[] = [];
        for (const r of ranked.top) {
          const twins = this.actingTwins?.get(r.doc);
          if (twins) among.push(r.doc, ...twins);
        }
        saying = this.namedBy(
          askedTerms.map((t) => termId(this.data, t)).filter((id) => id !== undefined),
          among,
        );
      }
      return saying.has(doc);
    };
    for (const { doc } of ranked.top) {
      const twins = this.actingTwins.get(doc);
      if (!twins || says(doc)) continue;
      const acting = twins.filter(says);
      if (acting.length > 0)
        this.liftAhead(doc, acting, this.rankOptions.firstIssueLead, candidates, ranked, via);
    }
  }

  /**
   * A question typing the action it asks (a Vietnamese pair of the names' actions, VI_ACTION_PAIRS: 'cấp lại', 'thu
   * hồi', 'đổi' with its diacritics; in Chinese, Korean or Japanese a word the twins' names tell the action by,
   * actionTerms, typed, a synonym of typed words or a word the glossary expands them to, 말소 → 회수, but not from a
   * kana phrase of a loss): a first place whose name or aliases say none of them yields it to a procedure that says
   * one, matches every query word the first matches and scores at least RankOptions.namedActionReach of it
   * (NAMED_ACTION_FIRM_REACH where the action is typed as a word weighing in the coverage: 再発行, not 直したい's 直)
   * (liftAhead at firstIssueLead), one acting on a held licence
   * (SECONDARY_ACTION) rather than another. Beside liftAskedActions, which lifts a first issuance's own twins: the
   * vehicle registration's acts are named apart from its first registration ('Đổi chứng nhận đăng ký xe' beside
   * 'Đăng ký xe lần đầu …', whose usage weight is the portal's largest), and 'cấp lại giấy xác nhận khuyết tật'
   * found the assessment of a disability ('Xác định, xác định lại mức độ khuyết tật và cấp Giấy xác nhận …') above
   * the card's exchange and re-issue. Not English: its action nouns are in most names' translations ("re", "for").
   */
  private liftNamedActions(
    q: AnalyzedQuery,
    candidates: Map<number, { score: number; via: SearchHit["via"] }>,
    ranked: { top: { doc: number }[]; bitsOf(doc: number): number; scoreOf(doc: number): number },
    via: SearchHit["via"],
    vietnamese: boolean,
  ) {
    const actions = new Set([...this.data.actionTerms, ...typedActions(q)]);
    const kana = q.words.reduce((bits, w, i) => (w.startsWith("~") ? bits | (1 << i) : bits), 0);
    const said = vietnamese
      ? []
      : q.terms.filter(
          (t) =>
            !/^[a-z0-9~%#=^]/.test(t.term) &&
            actions.has(t.term) &&
            // A synonym of typed words, or an expansion of them (말소 → 회수), unless a kana phrase of a loss
            // brought it.
            (t.bits !== 0 ? (t.bits & kana) === 0 : kana === 0),
        );
    const firm = said.some((t) => (weighed(q, t.bits) ?? 0) > 0);
    const terms = (vietnamese ? (q.actionPairs ?? []) : said.map((t) => t.term))
      .map((t) => termId(this.data, t))
      .filter((id) => id !== undefined);
    if (terms.length === 0) return;
    const [head, headScore] = leader(candidates);
    if (head < 0) return;
    const saying = this.namedBy(terms, [head, ...ranked.top.map((r) => r.doc)]);
    const says = (doc: number) => saying.has(doc);
    if (says(head)) return;
    const bits = ranked.bitsOf(head) & q.known;
    const reach = headScore * (firm ? NAMED_ACTION_FIRM_REACH : this.rankOptions.namedActionReach);
    const acting = ranked.top
      .map((r) => r.doc)
      .filter(
        (d) =>
          d !== head &&
          (candidates.get(d)?.score ?? 0) >= reach &&
          (bits & ~ranked.bitsOf(d)) === 0 &&
          says(d),
      );
    const held = acting.filter((d) => ((this.data.audience[d] as number) & SECONDARY_ACTION) !== 0);
    const lifted = held.length > 0 ? held : acting;
    this.liftNamed(head, lifted, candidates, ranked, via);
  }

  /**
   * An English question saying the state its paper is in (policy.ts heldStateActs: lost or stolen, damaged, expired,
   * old): a first place whose record holds none of the words of the acts that state calls for yields it to a procedure
   * of its field whose name or aliases say one, say every query word the first's name or aliases say (but those saying
   * the state or an act, AnalyzedQuery.stateBits: the paper) and that scores at least STATED_ACT_REACH of it
   * (liftAhead at firstIssueLead). The state's words reach the acts only through the glossary's expansions, which
   * cover no query word, so the first issuance, a sibling's act named by a verb typed beside the state ("replace" is
   * read as a re-issue) or a record matching one more word ("after", in a summary) kept the place: 'my old ID card
   * needs replacing' found the re-issue above the exchange (1.014063), 'my driving licence expired' the first licence
   * above its exchange (3.000347), 'my work permit has gone missing' the permit above its re-issue (1.014200). The
   * state's acts are tried in their order (heldStateActs): true once the first place says one or yields it.
   */
  private liftStatedActs(
    q: AnalyzedQuery,
    acts: readonly string[],
    candidates: Map<number, { score: number; via: SearchHit["via"] }>,
    ranked: { top: { doc: number }[]; bitsOf(doc: number): number; scoreOf(doc: number): number },
    via: SearchHit["via"],
  ): boolean {
    const ids = acts.map((t) => termId(this.data, t)).filter((id) => id !== undefined);
    const [head, headScore] = leader(candidates);
    if (ids.length === 0 || head < 0) return false;
    // A first place whose name or aliases say an act's word (in English or as a Vietnamese pair: "Cấp lại, đổi, điều
    // chỉnh …") keeps it.
    const { audience, fieldIds } = this.data;
    const saying = this.namedBy(ids, [head, ...ranked.top.map((r) => r.doc)]);
    if (saying.has(head)) return true;
    // The words the first's name or aliases say (saysBeyond), one by one: the paper it is about.
    const paper: number[] = [];
    for (let b = ranked.bitsOf(head) & q.known & ~(q.stateBits ?? 0); b !== 0; b &= b - 1)
      if (this.saysBeyond(q.terms, head, b & -b)) paper.push(b & -b);
    const reach = headScore * STATED_ACT_REACH;
    // Of the first's field (an ordinary passport's is not a diplomatic one's), not one for those with diplomatic
    // immunities, nor one filed abroad: their leans (collect) say who asks.
    const acting = ranked.top
      .map((r) => r.doc)
      .filter(
        (d) =>
          d !== head &&
          saying.has(d) &&
          ((audience[d] as number) & (PRIVILEGED | AUDIENCE_ABROAD)) === 0 &&
          fieldIds[d] === fieldIds[head] &&
          (candidates.get(d)?.score ?? 0) >= reach &&
          paper.every((w) => this.saysBeyond(q.terms, d, w)),
      );
    this.liftNamed(head, acting, candidates, ranked, via);
    return acting.length > 0;
  }

  /**
   * A question saying no action on something held (AnalyzedQuery.noActionSaid) whose first place's name says one
   * (build.ts ACTION_NAMED: a re-issue, an exchange, a change, in its opening or in a case clause): the best procedure
   * of the same field (SearchIndexData.fieldIds) whose name says none, outside the first's variant group, matching
   * every query word the first matches and scoring at least RankOptions.plainSiblingReach of it, takes that place
   * (liftAhead at firstIssueLead). The foreign names carry the action in words a question reaches without asking it:
   * '外国律师事务所设立' matched every word of the re-issue of a foreign law firm's licence (1.001979, 补发外国律师事务所
   * 分所、外国律师公司设立许可证) as of the licence (2.000851); '外国人在越南怎么考驾照' the foreigner's licence exchange
   * (3.000351) above the licence after the test (3.000346). Beside leadFirstIssues, which holds a procedure whose name
   * opens on its action behind its own first issuance: this one reads the whole name and any sibling of the field.
   * Not English: its questions' verbs and situations ("my chief representative is leaving") are too open for
   * ACTION_SAID to tell, and measured, it moved no English question right.
   */
  private leadPlainSiblings(
    q: AnalyzedQuery,
    candidates: Map<number, { score: number; via: SearchHit["via"] }>,
    ranked: { bitsOf(doc: number): number; scoreOf(doc: number): number },
    via: SearchHit["via"],
  ) {
    const { audience, fieldIds, groups } = this.data;
    // The first place as the hits will order it: ties go to the lower document (group).
    let head = -1;
    let headScore = 0;
    for (const [doc, c] of candidates)
      if (c.score > headScore || (c.score === headScore && doc < head)) {
        head = doc;
        headScore = c.score;
      }
    if (head < 0 || ((audience[head] as number) & ACTION_NAMED) === 0) return;
    const field = fieldIds[head] as number;
    if (field === 0) return;
    const bits = ranked.bitsOf(head) & q.known;
    const reach = headScore * this.rankOptions.plainSiblingReach;
    const plain: number[] = [];
    for (const [doc, c] of candidates)
      if (
        doc !== head &&
        c.score >= reach &&
        fieldIds[doc] === field &&
        groups[doc] !== groups[head] &&
        ((audience[doc] as number) & ACTION_NAMED) === 0 &&
        (bits & ~ranked.bitsOf(doc)) === 0
      )
        plain.push(doc);
    this.liftNamed(head, plain, candidates, ranked, via);
  }

  /**
   * A question in English, Chinese, Korean or Japanese typing, beside a life event's phrase, a distinctive word
   * (distinctiveBits) that a procedure's name or aliases say as typed, where the life event's procedure in first
   * place says none of it: that procedure takes the first place (liftAhead at RankOptions.firstIssueLead) where it is
   * found by no life event and held behind no twin (holdBehind: a re-issue behind its first issuance), outside the
   * first's variant group, matches every word beside the phrases the first matches, says every word the first says,
   * scores by its words at least EVENT_NAMED_REACH of the first's words' score, and says at least half (by IDF) of the
   * distinctive words. A marriage not made beside a child (UNWED) is read as the acknowledgement, an act typed: where
   * the question says one, the procedure lifted must say it, and over any first place saying none, a life event's or
   * not (籍を入れていない … 子が生まれた: the birth with a foreign element, lifted as the birth's foreign twin, above the
   * birth combined with the acknowledgement). The event's bonus otherwise outweighs the words that say which
   * procedure: '전기 계약 해지' found the change of the electricity contract's party (3.000099, an event's first)
   * above its termination (3.000102, 해지); 'our baby was born before we married' the birth registration above the
   * birth registered with the father's acknowledgement (1.001695); a stay extended on a visa exemption certificate
   * (ビザ免除証明書) the general stay extension (1.001146) above the certificate holder's (1.002411). Not where the
   * event is the asker's situation (restOfEvent weighs those events' procedures by the rest of the question already),
   * nor for a CJK pair that overlaps a word of the phrase (业保 of 失业保险 beside 失业), joins katakana to a kanji
   * (ム法 of ベトナム法人), or is a piece of a longer word typed, not at its start (인상 of 혼인상태, 려고 of
   * 해지하려고요; 해지 is its stem): they are no word of their own. Not Vietnamese: its lexicon's phrases say which words name something (collect).
   */
  private liftNamedOverEvents(
    q: AnalyzedQuery,
    candidates: Map<number, { score: number; via: SearchHit["via"] }>,
    ranked: { top: { doc: number }[]; bitsOf(doc: number): number; scoreOf(doc: number): number },
    via: SearchHit["via"],
  ) {
    const unwed = q.unwedBits ?? 0;
    if (q.eventCodes.length === 0 && unwed === 0) return;
    const allEvents = q.eventBits.reduce((a, b) => a | b, 0);
    let read = (distinctiveBits(q, this.foreignPartyBits(q)) | unwed) & q.known & ~allEvents;
    q.words.forEach((w, i) => {
      if (!(read & (1 << i)) || !CJK_WORD.test(w)) return;
      const pair = [...w].length === 2;
      const overlaps = (j: number) => {
        const n = q.words[j];
        return n !== undefined && (allEvents & (1 << j)) !== 0 && [...n].some((c) => w.includes(c));
      };
      if (
        (pair && (overlaps(i - 1) || overlaps(i + 1))) ||
        (/\p{Script=Katakana}/u.test(w) && /\p{Script=Han}/u.test(w)) ||
        (q.words.some((o) => o.length > w.length && o.includes(w)) &&
          !q.words.some((o) => o.length > w.length && o.startsWith(w)))
      )
        read &= ~(1 << i);
    });
    if (read === 0) return;
    const [head] = leader(candidates);
    if (head < 0) return;
    if (candidates.get(head)?.via === "event") {
      const code = this.data.codes[head] as string;
      if (!q.eventCodes.some((codes, e) => !q.eventSituations[e] && codes.includes(code))) return;
    } else if (unwed === 0) return;
    const headBits = ranked.bitsOf(head) & q.known & ~allEvents;
    // The acknowledgement read or typed (unwedBits) is an act asked: the event's procedure in first place, a birth's
    // registration joined to others (2.000986), outscores by the words of the birth alone the registration joined to
    // the acknowledgement ('아이 출생신고 하면서 … 아빠 인지도 같이'), so its reach is EVENT_ACT_REACH.
    const floor = ranked.scoreOf(head) * (unwed !== 0 ? EVENT_ACT_REACH : EVENT_NAMED_REACH);
    const group = this.data.groups[head];
    const rivals = ranked.top
      .map((r) => r.doc)
      .filter(
        (d) =>
          d !== head &&
          this.data.groups[d] !== group &&
          candidates.get(d)?.via !== "event" &&
          !this.held.has(d) &&
          (ranked.bitsOf(d) & read) !== 0 &&
          (headBits & ~ranked.bitsOf(d)) === 0 &&
          ranked.scoreOf(d) >= floor,
      );
    if (rivals.length === 0) return;
    // The distinctive words as typed (not a synonym standing for them); the others through any of their terms.
    const named = this.namedBitsOf(
      q.terms.filter((t) => (t.bits & q.known) !== 0 && ((t.bits & read) === 0 || q.words.includes(t.term))),
      [head, ...rivals],
    );
    // With an act asked (unwedBits), the words of the event's phrase the first says (아이 of '아이 … 출생신고') are the
    // event's: the procedure saying the act need not say them.
    const headNamed =
      (named.get(head) ?? 0) & q.known & ranked.bitsOf(head) & (unwed !== 0 ? ~allEvents : -1);
    const lifted = rivals.filter((d) => {
      const says = (named.get(d) ?? 0) & q.known & ranked.bitsOf(d);
      if ((says & read & ~headNamed) === 0 || (headNamed & ~says) !== 0) return false;
      return unwed !== 0 ? (says & unwed) === unwed : idfOfBits(q, says & read) >= idfOfBits(q, read) / 2;
    });
    this.liftNamed(head, lifted, candidates, ranked, via);
  }

  /**
   * A question naming a domestic scope and not an international one, or the other way round (SCOPE_WORDS: domestic /
   * international, 国内 / 国际, 国内 / 国際, 국내 / 국제): a first place whose name or aliases say only the other scope
   * yields to the best procedure saying the asked one, scoring at least TRADE_DIRECTION_REACH of it (liftNamed), as
   * liftTradeDirection does for the direction of trade. Twins told apart by scope differ in use by orders of magnitude
   * ('domestic tour operator license' found the international travel business licence, 1.004602, 81,682 uses, by its
   * alias "international tour operator licence", before the domestic one asked for, 2.001628, 31 uses).
   */
  private liftScope(
    q: AnalyzedQuery,
    candidates: Map<number, { score: number; via: SearchHit["via"] }>,
    ranked: { top: { doc: number }[]; scoreOf(doc: number): number },
    via: SearchHit["via"],
  ) {
    for (const [domestic, international] of SCOPE_WORDS) {
      const typed = (w: string) => q.words.includes(w);
      if (typed(domestic) === typed(international)) continue;
      const [asked, other] = typed(domestic) ? [domestic, international] : [international, domestic];
      this.liftSaying(asked, other, candidates, ranked, via);
      return;
    }
  }

  /**
   * An English, Chinese or Japanese question naming no territorial scope (SCOPE_SAID: provinces, nationwide,
   * several…; HAN_SCOPE_SAID: 全国, 跨省, 複数…): a first place whose
   * name or aliases say it is for "two or more provinces" and not "one province" yields to the best twin saying one
   * province that matches every word it matches, scoring at least ONE_PROVINCE_REACH of it (liftNamed). A shop's lucky
   * draw is run in its own province (2.000004, filed with the province under Decree 81/2018/ND-CP as amended by
   * Decree 128/2024/ND-CP, the record's legal basis), and the multi-province record (2.000138, the Ministry of Industry
   * and Trade), used far more by chains and its aliases naming the scope, took 'register a lucky draw for my shop' by
   * usage alone.
   */
  private liftOneProvince(
    q: AnalyzedQuery,
    candidates: Map<number, { score: number; via: SearchHit["via"] }>,
    ranked: { top: { doc: number }[]; scoreOf(doc: number): number; bitsOf(doc: number): number },
    via: SearchHit["via"],
  ) {
    if (q.words.length === 0) return;
    const english = q.words.every((w) => /^[a-z0-9]+$/.test(w));
    const han = q.words.every((w) => /^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}ー]+$/u.test(w));
    if (!english && !han) return;
    if (q.words.some((w) => SCOPE_SAID.has(w) || HAN_SCOPE_SAID.test(w))) return;
    const moreId = termId(this.data, "more_province");
    const oneId = termId(this.data, "one_province");
    if (moreId === undefined || oneId === undefined) return;
    const [head] = leader(candidates);
    if (head < 0) return;
    const one = this.namedBy([oneId], [head, ...ranked.top.map((r) => r.doc)]);
    if (one.has(head) || !this.namedBy([moreId], [head]).has(head)) return;
    const headBits = ranked.bitsOf(head);
    const floor = ranked.scoreOf(head) * ONE_PROVINCE_REACH;
    const lifted = ranked.top
      .map((r) => r.doc)
      .filter(
        (d) =>
          d !== head &&
          one.has(d) &&
          !this.held.has(d) &&
          (headBits & ~ranked.bitsOf(d)) === 0 &&
          ranked.scoreOf(d) >= floor,
      );
    this.liftNamed(head, lifted, candidates, ranked, via);
  }

  /**
   * A Chinese question naming one direction of trade (出口, export) and not the other: a first place whose name or
   * aliases say only the other (进口) yields to the best procedure saying the asked one, scoring at least
   * TRADE_DIRECTION_REACH of it (liftNamed). The goods typed match an import record's aliases as well as an export
   * record's ('进口水果检疫', an import's plant quarantine, outscored the export certificate asked as 水果出口植物检疫证),
   * and 出口 is too common a word of the names to tell them apart by its weight. A record of both (进出口) says either.
   */
  private liftTradeDirection(
    q: AnalyzedQuery,
    candidates: Map<number, { score: number; via: SearchHit["via"] }>,
    ranked: { top: { doc: number }[]; scoreOf(doc: number): number },
    via: SearchHit["via"],
  ) {
    const typed = (w: string) => q.words.includes(w);
    if (typed("进出") || typed("出进") || typed("出口") === typed("进口")) return;
    const [asked, other] = typed("出口") ? ["出口", "进口"] : ["进口", "出口"];
    this.liftSaying(asked, other, candidates, ranked, via);
  }

  /**
   * Of two words telling twins apart (a direction of trade, a scope), the question typing `asked` and not `other`: a
   * first place whose name or aliases say `other` and not `asked` yields to the best procedure saying `asked`, scoring
   * at least TRADE_DIRECTION_REACH of it (liftNamed).
   */
  private liftSaying(
    asked: string,
    other: string,
    candidates: Map<number, { score: number; via: SearchHit["via"] }>,
    ranked: { top: { doc: number }[]; scoreOf(doc: number): number },
    via: SearchHit["via"],
  ) {
    const askedId = termId(this.data, asked);
    const otherId = termId(this.data, other);
    if (askedId === undefined || otherId === undefined) return;
    const [head] = leader(candidates);
    if (head < 0) return;
    const saysAsked = this.namedBy([askedId], [head, ...ranked.top.map((r) => r.doc)]);
    if (saysAsked.has(head) || !this.namedBy([otherId], [head]).has(head)) return;
    const floor = ranked.scoreOf(head) * TRADE_DIRECTION_REACH;
    const lifted = ranked.top
      .map((r) => r.doc)
      .filter((d) => d !== head && saysAsked.has(d) && !this.held.has(d) && ranked.scoreOf(d) >= floor);
    this.liftNamed(head, lifted, candidates, ranked, via);
  }

  /**
   * A question saying what only some records' names say of the asker's stay (LEFT_VIETNAM_SAID: the asker has left
   * Vietnam; SETTLING_SAID: a pensioner settles abroad): the best procedure marked so (`mark`, build.ts LEFT_VIETNAM:
   * the criminal record extract of a foreigner who has resided in Vietnam; SETTLING_ABROAD: a pensioner's lump sum on
   * settling abroad) among the first MARKED_RANKS candidates, scoring at least MARKED_REACH of the first, takes its
   * place (liftAhead at firstIssueLead). The resident's twin, or the monthly pension, is the one the words, the
   * aliases and the use put first ('criminal record check after leaving Vietnam' found the extract of a foreigner
   * residing in Vietnam, filed at the provincial police, which a foreigner gone home cannot file; a retiree going home
   * to settle asking for the pension at once found the monthly pension), and the question alone tells them apart.
   */
  private liftMarked(
    mark: number,
    candidates: Map<number, { score: number; via: SearchHit["via"] }>,
    via: SearchHit["via"],
  ) {
    const ranked = [...candidates].sort((a, b) => b[1].score - a[1].score || a[0] - b[0]);
    const [head] = ranked;
    if (!head || ((this.data.audience[head[0]] as number) & mark) !== 0) return;
    const left = ranked
      .slice(1, MARKED_RANKS)
      .filter(
        ([doc, c]) =>
          ((this.data.audience[doc] as number) & mark) !== 0 && c.score >= head[1].score * MARKED_REACH,
      );
    if (left.length === 0) return;
    this.liftAhead(
      head[0],
      Uint32Array.from(left.map(([doc]) => doc)),
      this.rankOptions.firstIssueLead,
      candidates,
      { scoreOf: () => 0 },
      via,
    );
  }

  /**
   * A question naming an exemption (EXEMPT_WORD: visa-free, 免签, 무비자, ビザ免除) whose first place exempts from nothing
   * (build.ts EXEMPTION): the best procedure that grants or follows from the exemption, matching every word the first
   * place matches (a CJK pair straddling two of them excused: cjkJunctions) and scoring at least EXEMPTION_REACH of its
   * text score, takes its place (liftNamed). `exemptionLean` weighs the words' scores only, and a life event's bonus
   * added after it outweighed the exemption the question names: a stay extended on a visa exemption certificate
   * found the general stay extension (1.001146, the first of the stay-extension event) before the certificate
   * holder's (1.002411, Decree 82/2015/ND-CP).
   */
  private liftExemptions(
    candidates: Map<number, { score: number; via: SearchHit["via"] }>,
    ranked: { top: { doc: number }[]; bitsOf(doc: number): number; scoreOf(doc: number): number },
    via: SearchHit["via"],
    excuse: (bits: number) => number,
  ) {
    const exempts = (doc: number) => ((this.data.audience[doc] as number) & EXEMPTION) !== 0;
    const [head] = leader(candidates);
    if (head < 0 || exempts(head)) return;
    const headBits = ranked.bitsOf(head);
    const floor = ranked.scoreOf(head) * EXEMPTION_REACH;
    const group = this.data.groups[head];
    const lifted = ranked.top
      .map((r) => r.doc)
      .filter((d) => {
        if (d === head || this.data.groups[d] === group || !exempts(d) || this.held.has(d)) return false;
        const bits = ranked.bitsOf(d);
        return (headBits & ~bits & ~excuse(bits)) === 0 && ranked.scoreOf(d) >= floor;
      });
    this.liftNamed(head, lifted, candidates, ranked, via);
  }

  /**
   * A question saying a Vietnamese asker lives abroad (LIVING_ABROAD_SAID): the first place's twin filed at a Vietnamese
   * mission abroad (build.ts missionTwins), wherever the words put it, takes its place (liftNamed). The domestic record
   * is far more used, and its name's words are the question's ('日本に住んでいるベトナム人で、大使館でパスポートを…' found
   * the passport issued at home, 1.001456, before the one issued at an embassy, 1.010094).
   */
  private liftMissionTwins(
    candidates: Map<number, { score: number; via: SearchHit["via"] }>,
    ranked: { scoreOf(doc: number): number },
    via: SearchHit["via"],
  ) {
    const [head] = leader(candidates);
    if (head < 0 || ((this.data.audience[head] as number) & AT_MISSION) !== 0) return;
    const twins = this.data.missionDocs.subarray(
      this.data.missionOffsets[head],
      this.data.missionOffsets[head + 1],
    );
    this.liftNamed(head, [...twins], candidates, ranked, via);
  }

  /**
   * A Chinese, Korean or Japanese question holding a word in Latin letters that few procedures hold (a form or a
   * scheme's code: RCEP, AANZ, EUR.1, ABTC; distinctiveBits): a first place whose words lack it yields to a procedure
   * whose name or aliases say it, scoring at least LATIN_CODE_REACH of the first, where the code outweighs (by IDF)
   * the words the first matches and it does not (liftAhead at firstIssueLead). The code names one procedure of a
   * family, where the CJK words name the family, and a general record's aliases in the question's language ('原産地
   * 証明書 発給' of one form's certificate of origin) outscored the form asked for. Not English, whose every word is
   * Latin: its words' IDF says less of what is asked (measured, it lost).
   */
  private liftLatinCodes(
    q: AnalyzedQuery,
    candidates: Map<number, { score: number; via: SearchHit["via"] }>,
    ranked: { top: { doc: number }[]; bitsOf(doc: number): number; scoreOf(doc: number): number },
    via: SearchHit["via"],
  ) {
    if (!q.words.some((w) => CJK_WORD.test(w))) return;
    let codes = 0;
    q.words.forEach((w, i) => {
      if (LATIN_CODE.test(w)) codes |= 1 << i;
    });
    codes &= distinctiveBits(q) & q.known;
    if (codes === 0) return;
    const [head, headScore] = leader(candidates);
    if (head < 0) return;
    const headBits = ranked.bitsOf(head) & q.known;
    const missing = codes & ~headBits;
    if (missing === 0) return;
    const group = this.data.groups[head];
    const rivals = ranked.top
      .map((r) => r.doc)
      .filter(
        (d) =>
          d !== head &&
          this.data.groups[d] !== group &&
          (candidates.get(d)?.score ?? 0) >= headScore * LATIN_CODE_REACH &&
          (ranked.bitsOf(d) & missing) !== 0,
      );
    if (rivals.length === 0) return;
    const named = this.namedBitsOf(
      q.terms.filter((t) => (t.bits & missing) !== 0),
      rivals,
    );
    const lifted = rivals.filter((d) => {
      const says = (named.get(d) ?? 0) & missing & ranked.bitsOf(d);
      return says !== 0 && idfOfBits(q, says) > idfOfBits(q, headBits & ~ranked.bitsOf(d));
    });
    this.liftNamed(head, lifted, candidates, ranked, via);
  }

  /**
   * Each found procedure's twins with a foreign element, the best of them just ahead of it (liftAhead). Not a twin for
   * a neighbouring country's border area (build.ts BORDER_AREA: neither for foreigners nor with a foreign element in
   * the audience bits): it is found by its own words. Its investor overlay's summary names citizens and nationalities,
   * so a question naming a foreign party ('한국 국적인데 … 혼인신고', "my husband is a US citizen") lifted the border
   * area's marriage or birth over the one with a foreign element.
   */
  private liftForeignTwins(
    candidates: Map<number, { score: number; via: SearchHit["via"] }>,
    ranked: { top: { doc: number }[]; scoreOf(doc: number): number; bitsOf(doc: number): number },
    via: SearchHit["via"],
    /** The procedures whose twins are lifted: the ranked ones unless given (after the life events, theirs too). */
    docs: Iterable<number> = ranked.top.map((r) => r.doc),
    /** Audience bits a twin must have to be lifted (any twin for foreigners or with a foreign element unless given). */
    only = AUDIENCE_FOREIGN | AUDIENCE_FOREIGN_ELEMENT,
  ) {
    for (const doc of docs) {
      const twins = this.data.foreignDocs
        .subarray(this.data.foreignOffsets[doc], this.data.foreignOffsets[doc + 1])
        .filter((t) => ((this.data.audience[t] as number) & only) !== 0);
      this.liftAhead(doc, twins, this.rankOptions.foreignElementLead, candidates, ranked, via);
    }
  }

  /**
   * A question naming no other party: a twin with a foreign element (one not for foreigners alone, build.ts
   * AUDIENCE_FOREIGN_ELEMENT and the border area's) stays just behind its domestic procedure
   * (RankOptions.foreignElementLead), which its investor overlay's English summary and results would otherwise outweigh
   * ('how to recognise my child' found the acknowledgement with a foreign element first, its overlay holding "child").
   * A border area's twin (build.ts BORDER_AREA, not AUDIENCE_FOREIGN_ELEMENT) is not held where the question says the
   * border (BORDER_SAID: 中越边境 结婚登记, 边境地区 出生登记 ask for it); its overlay's other words (a neighbouring
   * country, Vietnam, citizens) say no border.
   */
  private holdForeignElements(
    borderSaid: boolean,
    candidates: Map<number, { score: number; via: SearchHit["via"] }>,
    ranked: { top: { doc: number }[]; scoreOf(doc: number): number; bitsOf(doc: number): number },
    via: SearchHit["via"],
  ) {
    if (!this.domesticTwins) {
      const map = new Map<number, number[]>();
      const { foreignOffsets, foreignDocs, audience } = this.data;
      for (let d = 0; d + 1 < foreignOffsets.length; d++)
        for (let j = foreignOffsets[d] as number; j < (foreignOffsets[d + 1] as number); j++) {
          const twin = foreignDocs[j] as number;
          if (((audience[twin] as number) & AUDIENCE_FOREIGN) !== 0) continue;
          const list = map.get(twin);
          if (list) list.push(d);
          else map.set(twin, [d]);
        }
      this.domesticTwins = new Map([...map].map(([twin, list]) => [twin, Uint32Array.from(list)]));
    }
    for (const { doc } of ranked.top) {
      const domestic = this.domesticTwins.get(doc);
      if (domestic && !(borderSaid && ((this.data.audience[doc] as number) & AUDIENCE_FOREIGN_ELEMENT) === 0))
        this.holdBehind(doc, domestic, false, this.rankOptions.foreignElementLead, candidates, ranked, via);
    }
  }

  /**
   * liftAhead at RankOptions.firstIssueLead, for the lifts of a procedure saying what the question types over a first
   * place saying none of it (liftNamedActions, liftLatinCodes, liftNamedOverEvents).
   */
  private liftNamed(
    doc: number,
    lifted: readonly number[],
    candidates: Map<number, { score: number; via: SearchHit["via"] }>,
    ranked: { scoreOf(doc: number): number },
    via: SearchHit["via"],
  ) {
    this.liftAhead(doc, Uint32Array.from(lifted), this.rankOptions.firstIssueLead, candidates, ranked, via);
  }

  /** Puts the best-scoring of `others` the query reached just ahead of a candidate (its score over `lead`). */
  private liftAhead(
    doc: number,
    others: Uint32Array,
    lead: number,
    candidates: Map<number, { score: number; via: SearchHit["via"] }>,
    ranked: { scoreOf(doc: number): number },
    via: SearchHit["via"],
  ) {
    const c = candidates.get(doc);
    if (others.length === 0 || !c) return;
    let best = -1;
    let bestScore = 0;
    for (const other of others) {
      const score = candidates.get(other)?.score ?? ranked.scoreOf(other);
      if (score > bestScore) {
        best = other;
        bestScore = score;
      }
    }
    if (best < 0 || bestScore >= c.score / lead) return;
    const mine = candidates.get(best);
    if (mine) mine.score = c.score / lead;
    else candidates.set(best, { score: c.score / lead, via });
  }

  /**
   * Holds a candidate at `lead` of the best-scoring of `others` the query reached (with `sameWords`, only those that
   * match every query word the candidate matches), adding that one to the candidates if it was not among them.
   */
  /**
   * A question naming a star grade (policy.ts starsAsked: "3 star hotel", 三つ星) holds each procedure whose name
   * grades by stars none of those asked (build.ts starGradesOf) just behind the best one of a grade asked
   * (RankOptions.gradeLead): the grading of four and five stars, used far more and named in other words in English
   * ("classification"), came before the province's grading of one to three for "3 star hotel classification".
   */
  private holdOtherGrades(
    q: AnalyzedQuery,
    candidates: Map<number, { score: number; via: SearchHit["via"] }>,
  ) {
    const asked = q.starsAsked ?? 0;
    if (asked === 0) return;
    const grades = this.data.grades;
    let best = 0;
    for (const [doc, c] of candidates)
      if (((grades[doc] as number) & asked) !== 0) best = Math.max(best, c.score);
    if (best === 0) return;
    const cap = best * this.rankOptions.gradeLead;
    for (const [doc, c] of candidates) {
      const g = grades[doc] as number;
      if (g !== 0 && (g & asked) === 0 && c.score > cap) {
        c.score = cap;
        this.held.add(doc);
      }
    }
  }

  private holdBehind(
    doc: number,
    others: Uint32Array,
    sameWords: boolean,
    lead: number,
    candidates: Map<number, { score: number; via: SearchHit["via"] }>,
    ranked: { scoreOf(doc: number): number; bitsOf(doc: number): number },
    via: SearchHit["via"],
    named = 0,
  ) {
    if (others.length === 0) return;
    const bits = ranked.bitsOf(doc);
    let best = -1;
    let bestScore = 0;
    for (const other of others) {
      const score = candidates.get(other)?.score ?? ranked.scoreOf(other);
      if (score > bestScore && (!sameWords || (bits & ~ranked.bitsOf(other) & ~named) === 0)) {
        best = other;
        bestScore = score;
      }
    }
    const c = candidates.get(doc);
    if (best < 0 || !c || c.score <= bestScore * lead) return;
    c.score = bestScore * lead;
    this.held.add(doc);
    if (!candidates.has(best)) candidates.set(best, { score: bestScore, via });
  }

  private group(
    candidates: Map<number, { score: number; via: SearchHit["via"] }>,
    textScore: (doc: number) => number,
    bitsOf: (doc: number) => number,
    q: AnalyzedQuery,
    level: Level | null,
    limit: number,
  ): SearchHit[] {
    const ranked = [...candidates].sort((a, b) => b[1].score - a[1].score || a[0] - b[0]);
    const scoreOf = (doc: number) => candidates.get(doc)?.score ?? textScore(doc);
    const idfTotal = q.wordIdf.reduce((a, b) => a + b, 0);
    const coverage = (doc: number) => {
      if (idfTotal === 0) return 0;
      return Math.round((idfOfBits(q, bitsOf(doc)) / idfTotal) * 1000) / 1000;
    };
    const hits: SearchHit[] = [];
    const seenGroups = new Set<number>();
    for (const [doc, { score, via }] of ranked) {
      if (hits.length >= limit) break;
      const group = this.data.groups[doc] as number;
      if (seenGroups.has(group)) continue;
      seenGroups.add(group);
      const members = this.groupMembers.get(group) ?? [doc];
      // A code asked for is never swapped for a variant.
      const ordered =
        via === "code"
          ? [doc, ...members.filter((m) => m !== doc).sort((a, b) => scoreOf(b) - scoreOf(a) || a - b)]
          : orderVariants(
              members,
              scoreOf,
              (m) => levelOf(this.data, m),
              level,
              this.rankOptions.variantMargin,
              (m) => this.data.local[m] === 1,
              (m) => this.data.used[m] === 1,
            );
      const chosen = ordered[0] as number;
      hits.push({
        code: this.data.codes[chosen] as string,
        score: Math.round(score * 10000) / 10000,
        level: levelOf(this.data, chosen),
        variants: ordered
          .slice(0, 20)
          .map((m) => ({ code: this.data.codes[m] as string, level: levelOf(this.data, m) })),
        via,
        coverage: via === "code" ? 1 : coverage(chosen),
      });
    }
    return hits;
  }

  private codeHits(docs: number[], limit: number): SearchHit[] {
    return [...new Set(docs)].slice(0, limit).map((doc, i) => {
      const members = this.groupMembers.get(this.data.groups[doc] as number) ?? [doc];
      return {
        code: this.data.codes[doc] as string,
        score: 1000 - i,
        level: levelOf(this.data, doc),
        variants: [doc, ...members.filter((m) => m !== doc)].slice(0, 20).map((m) => ({
          code: this.data.codes[m] as string,
          level: levelOf(this.data, m),
        })),
        via: "code" as const,
        coverage: 1,
      };
    });
  }

  /** BM25's IDF from the number of postings a term kept (a term absent from the index counts as the rarest). */
  private idf(term: string): number {
    const n = this.data.codes.length;
    const id = termId(this.data, term);
    const df =
      id === undefined ? 0 : (this.data.offsets[id + 1] as number) - (this.data.offsets[id] as number);
    return Math.log(1 + (n - df + 0.5) / (df + 0.5));
  }

  /**
   * The vocabulary word a typo stands for: first the closest word by Damerau–Levenshtein distance (a swapped pair of
   * letters, "permti", "crad", is one edit; fuse.js scores it as two), at most 1 edit for words under 8 letters and
   * 2 from 8, ties going to the word more documents use; in an English query, then a slip in the first letter that
   * pairs with a word beside it (`near`, firstLetterSlip); else fuse.js's best match of about the same length.
   */
  private correct(word: string, english = false, near: string[] = []): string | null {
    const key = english ? `en:${word}:${near.join(" ")}` : word;
    const cached = this.corrections.get(key);
    if (cached !== undefined) return cached;
    const letter = word[0] ?? "";
    const bucket = this.bucket(letter, english);
    let fix =
      this.nearest(word, word.length >= 8 ? 2 : 1, english) ??
      (english ? this.firstLetterSlip(word, near) : null);
    if (!fix) {
      const fuseKey = english ? `en:${letter}` : letter;
      let fuse = this.fuses.get(fuseKey);
      if (!fuse) {
        fuse = new Fuse(bucket, { threshold: 0.3, includeScore: true, minMatchCharLength: 3 });
        this.fuses.set(fuseKey, fuse);
      }
      // A correction keeps about the word's length: fuse.js alone would turn "script" into "subscription".
      const hit = fuse
        .search(word, { limit: 5 })
        .find((h) => Math.abs(h.item.length - word.length) <= Math.max(1, Math.floor(word.length / 4)));
      fix = hit && (hit.score ?? 1) <= 0.3 ? hit.item : null;
    }
    if (this.corrections.size > 5000) this.corrections.clear();
    this.corrections.set(key, fix);
    return fix;
  }

  /**
   * The English word of the names a word stands for when its slip is in the first letter, where the words starting
   * with its own letter have none within reach (correct): the first letter dropped ("assport"), doubled or typed
   * before it ("ppassport", "opassport"), swapped with the second ("owrk"), or hit beside its key ("oassport"). One
   * edit at most, the whole word otherwise as typed; ties go to the word more documents use. Typos rarely hit the
   * first letter, and a short word the names lack is more often an English word of its own ("crack" is no "track",
   * "renter" no "center"): under 8 letters the word read must make a word pair of the index with a word beside it
   * (`near`: "owrk permit" → work permit).
   */
  private firstLetterSlip(word: string, near: string[]): string | null {
    if (word.length < 4) return null;
    const paired = this.pairsWith(near);
    let fix: string | null = null;
    let bestDf = -1;
    for (const letter of "abcdefghijklmnopqrstuvwxyz") {
      if (letter === word[0]) continue;
      for (const candidate of this.bucket(letter, true)) {
        if (Math.abs(candidate.length - word.length) > 1) continue;
        if (damerauLevenshtein(word, candidate, 1) > 1) continue;
        if (word.length < 8 && !paired(candidate)) continue;
        const df = this.df(candidate);
        if (df > bestDf) {
          fix = candidate;
          bestDf = df;
        }
      }
    }
    return fix;
  }

  /**
   * The vocabulary words that start with a letter (typos rarely hit the first one). For an English query, only the
   * words of the English names: a Vietnamese syllable of an alias is no English word mistyped ("bike" is not "biên",
   * "truck" not "trúc").
   */
  private bucket(letter: string, english = false): string[] {
    const key = english ? `en:${letter}` : letter;
    let bucket = this.buckets.get(key);
    if (!bucket) {
      if (english) this.englishVocabulary ??= new Set(this.data.enWords.map((w) => englishBase(w)));
      const en = this.englishVocabulary;
      bucket = this.data.vocabulary.filter((w) => w[0] === letter && (!english || en?.has(w)));
      this.buckets.set(key, bucket);
    }
    return bucket;
  }

  /**
   * The closest vocabulary word within `budget` Damerau–Levenshtein edits, ties to the word more documents use. The
   * vocabulary holds English bases ("driv" of "driving"): a word is also measured against the base's "-ing" form.
   */
  private nearest(word: string, budget: number, english = false): string | null {
    let fix: string | null = null;
    let bestDistance = budget + 1;
    let bestDf = -1;
    for (const candidate of this.bucket(word[0] ?? "", english)) {
      const inflected = Math.abs(candidate.length + 3 - word.length) <= budget;
      if (Math.abs(candidate.length - word.length) > budget && !inflected) continue;
      const d = Math.min(
        damerauLevenshtein(word, candidate, budget),
        inflected ? damerauLevenshtein(word, `${candidate}ing`, budget) : budget + 1,
      );
      if (d > budget || d > bestDistance) continue;
      const df = this.df(candidate);
      if (d < bestDistance || df > bestDf) {
        fix = candidate;
        bestDistance = d;
        bestDf = df;
      }
    }
    return fix;
  }

  /**
   * The katakana words of the lexicon's phrases (パスポート, ビザ, ワークパーミット, コピー: loanwords people type) and the
   * names' own loanwords of two kana (KATAKANA_NAME_WORDS), made on first use.
   */
  private katakanaWords(): Set<string> {
    if (!this.katakanaWordSet) {
      this.katakanaWordSet = new Set(KATAKANA_NAME_WORDS);
      for (const e of [...this.lexicon.expansions, ...this.lexicon.events])
        if (e.cjk)
          for (const m of e.key.normalize("NFKC").matchAll(/[\p{Script=Katakana}\u30fc]{2,}/gu))
            this.katakanaWordSet.add(m[0]);
    }
    return this.katakanaWordSet;
  }

  /**
   * A Japanese question with its loanwords typed with a slip written as the lexicon's katakana words (katakanaWords):
   * a katakana run one slip of its long vowels or of ヴ from one (ビーザ, ヴィザ for ビザ, パースポート for パスポート, コピ
   * for コピー: katakanaSlip), and a run of hiragana, a particle after it allowed, whose katakana is one or one such slip
   * from one (ばいく for バイク: the input method left unconverted, as withKanaWords reads kanji words). Read as typed,
   * 'ビーザ延長' matched the extension alone and 'ばいく登録' the residence registrations.
   */
  private withKatakanaSlips(text: string): string {
    if (!/[\p{Script=Katakana}\p{Script=Hiragana}\u30fc]{2}/u.test(text)) return text;
    const known = this.katakanaWords();
    const folded = text.normalize("NFKC");
    const read = folded
      .replace(/[\p{Script=Katakana}\u30fc]{2,}/gu, (run) => katakanaSlip(run, known) ?? run)
      .replace(/[\u3041-\u3096\u30fc]{3,}/gu, (run) => {
        const particle = /[のをがはにでもと]$/u.test(run) ? run.slice(-1) : "";
        const kana = (particle ? run.slice(0, -1) : run).replace(/[\u3041-\u3096]/gu, (c) =>
          String.fromCharCode((c.codePointAt(0) as number) + 0x60),
        );
        if ([...kana].length < 3) return run;
        const word = known.has(kana) ? kana : katakanaSlip(kana, known);
        return word ? `${word}${particle}` : run;
      });
    return read === folded ? text : read;
  }

  /** The Chinese character pairs of the lexicon's CJK phrases (phraseSlips' candidates are read among these). */
  private hanLexiconPairs(): Set<string> {
    if (!this.hanPairSet) {
      this.hanPairSet = new Set<string>();
      for (const e of [...this.lexicon.expansions, ...this.lexicon.events])
        if (e.cjk)
          for (const m of e.key.matchAll(/\p{Script=Han}+/gu)) {
            const run = [...m[0]];
            for (let i = 0; i + 1 < run.length; i++) this.hanPairSet.add(`${run[i]}${run[i + 1]}`);
          }
    }
    return this.hanPairSet;
  }

  /** The Korean words of the lexicon's phrases and events (혼인신고, 노동허가서): words people type, known or not. */
  private hangulLexiconWords(): Set<string> {
    if (!this.hangulWordSet) {
      this.hangulWordSet = new Set<string>();
      for (const e of [...this.lexicon.expansions, ...this.lexicon.events])
        if (e.cjk) for (const m of e.key.matchAll(/\p{Script=Hangul}+/gu)) this.hangulWordSet.add(m[0]);
    }
    return this.hangulWordSet;
  }

  /**
   * Whether English words are a nationality or a country the glossary reads as a foreign party and nothing else
   * ("American", "New Zealand": an entry expanding to "foreign foreigner" alone, not one naming a foreign thing itself,
   * "foreign national"), for policy.ts withNationalsRead.
   */
  private readonly isNationality = (words: string): boolean => {
    if (!this.nationalityKeys)
      this.nationalityKeys = new Set(
        this.lexicon.expansions
          .filter(
            (e) =>
              e.lang === "en" &&
              !e.parts &&
              !e.synonym &&
              e.expandsTo === NATIONALITY_READING &&
              !/foreign|expat|vietnam/u.test(e.key),
          )
          .map((e) => e.key),
      );
    return this.nationalityKeys.has(phraseKey(words));
  };

  /**
   * The words (by bit) of a question that name a foreign party through the lexicon: a nationality or a country
   * ("Korean", 日本, 한국) the glossary reads as a foreigner, with the pair straddling its end and the next character
   * (本人 of 日本人, 국인 of 한국인). Beside a life event they say who is concerned, not which procedure
   * (distinctiveBits).
   */
  private foreignPartyBits(q: AnalyzedQuery): number {
    if (!this.foreignKeys) {
      const marks = (e: { expandsTo: string }) => e.expandsTo.split(/\s+/).some((w) => FOREIGN_MARKS.has(w));
      const keys = new Set(
        this.lexicon.expansions.filter((e) => e.lang !== "vi" && !e.parts && marks(e)).map((e) => e.key),
      );
      // A CJK key longer than a pair is looked for as its pairs (the question's CJK words are pairs).
      this.foreignKeys = [...keys].map((key) => {
        const chars = [...key];
        const pieces = /^[\p{Script=Han}\p{Script=Hangul}\p{Script=Katakana}]+$/u.test(key)
          ? chars.length === 2
            ? [key]
            : chars.slice(1).map((c, i) => `${chars[i]}${c}`)
          : [key];
        return { pieces, last: chars[chars.length - 1] as string, single: chars.length === 1 };
      });
    }
    const memo = this.foreignBitsMemo;
    if (memo?.words === q.words) return memo.bits;
    const words = new Set(q.words);
    let bits = 0;
    for (const { pieces, last, single } of this.foreignKeys) {
      if (!pieces.every((p) => words.has(p))) continue;
      q.words.forEach((w, i) => {
        if (pieces.includes(w) || (!single && [...w].length === 2 && w.startsWith(last))) bits |= 1 << i;
      });
    }
    this.foreignBitsMemo = { words: q.words, bits };
    return bits;
  }

  /**
   * Whether an English word makes a word pair with one of the words beside it (`near`) that the index or a phrase
   * of the lexicon holds: what reads a slip as the word meant (firstLetterSlip, swapFix). A stopword beside it pairs
   * with anything ("center for" of 'for renters'), so stopwords do not count.
   */
  private pairsWith(near: string[]): (word: string) => boolean {
    const words = near.filter((n) => n.length > 1 && !this.lexicon.stopwords.has(n));
    const lexiconPairs = this.lexiconPairs();
    return (w) =>
      words.some(
        (n) =>
          termId(this.data, `${w}_${n}`) !== undefined ||
          termId(this.data, `${n}_${w}`) !== undefined ||
          lexiconPairs.has(`${w} ${n}`),
      );
  }

  /**
   * The pairs of Latin words that stand together in one phrase of the lexicon ("passport renewal": "passport
   * renewal" and "renewal passport"), made on first use: words people type together that no name pairs.
   */
  private lexiconPairs(): Set<string> {
    if (!this.lexiconPairSet) {
      this.lexiconPairSet = new Set<string>();
      for (const e of this.lexicon.expansions) {
        if (e.cjk) continue;
        const words = e.key.split(" ").filter((w) => /^[a-z]+$/.test(w));
        for (const a of words) for (const b of words) if (a !== b) this.lexiconPairSet.add(`${a} ${b}`);
      }
    }
    return this.lexiconPairSet;
  }

  /** The Latin words of the lexicon's phrases (as matched: folded, English bases), made on first use. */
  private lexiconWords(): Set<string> {
    if (!this.lexiconWordSet) {
      this.lexiconWordSet = new Set<string>();
      for (const e of this.lexicon.expansions)
        if (!e.cjk) for (const w of e.key.split(" ")) if (/^[a-z]+$/.test(w)) this.lexiconWordSet.add(w);
    }
    return this.lexiconWordSet;
  }

  /**
   * The word an English plural stands for when two adjacent letters of it were swapped ("vias extension" → visa): a
   * word that makes a word pair of the index with a neighbour ("visa extension") where the plural's base (`base`,
   * "via") makes none. Null when no swap reads better.
   */
  private swapFix(typed: string, base: string, near: string[]): string | null {
    if (typed.length < 4 || !/^[a-z]+$/.test(typed) || termId(this.data, typed) !== undefined) return null;
    const paired = this.pairsWith(near);
    if (paired(base)) return null;
    for (let i = 0; i + 1 < typed.length; i++) {
      if (typed[i] === typed[i + 1]) continue;
      const w = englishBase(`${typed.slice(0, i)}${typed[i + 1]}${typed[i]}${typed.slice(i + 2)}`);
      if (w !== base && !this.lexicon.stopwords.has(w) && termId(this.data, w) !== undefined && paired(w))
        return w;
    }
    return null;
  }

  /**
   * The pairs a Chinese pair the index has never seen may stand for, one character typed with a homophone (护招 →
   * 护照, 驾使证 → 驾驶证), or a Japanese one with a kanji of the same on-reading (`variants` onReadingVariants,
   * `across` JAPANESE_AFFIXES: 更親 → 更新). A character is read as another only where it makes no known pair with its other neighbour
   * either: a pair across two words (要建 of 要建筑, 司借 of 公司借款) holds characters of known pairs, a slip breaks
   * both pairs it stands in.
   */
  private homophoneSlips(
    pair: string,
    text: string,
    variants = homophoneVariants,
    across: ReadonlySet<string> = FUNCTION_CHARACTERS,
  ): string[] {
    const [a, b] = [...pair] as [string, string];
    const out: string[] = [];
    // A pair holding a function character stands across two words (在老 of 在老家, 也要): neither is a slip. A Japanese
    // affix stands across two words only where it is set to a word: after one (国前 of 本帰国前) or before one (新規 of
    // 新規登録, 当 of 当該); at a word's edge (最発行, 滞在の等録) it is a kanji typed like any other.
    const japanese = across === JAPANESE_AFFIXES;
    if (!japanese && (across.has(a) || across.has(b))) return out;
    const chars = [...text.normalize("NFKC").toLowerCase()];
    // 越南 before a word is a name words are built on (越南护照, 越南身份证: STOP_NAMES): the pair across its end (南户
    // of 越南户照) is no word the slipped character belongs to.
    const free = (neighbour: string | undefined, ch: string, before: boolean, at: number) =>
      neighbour === undefined ||
      !/\p{Script=Han}/u.test(neighbour) ||
      (before && STOP_NAMES.has(`${chars[at - 2] ?? ""}${neighbour}`)) ||
      termId(this.data, before ? `${neighbour}${ch}` : `${ch}${neighbour}`) === undefined;
    for (let i = 0; i + 1 < chars.length; i++) {
      if (chars[i] !== a || chars[i + 1] !== b) continue;
      if (japanese && this.affixSet(a, b, chars[i - 1] ?? "")) continue;
      // A word of doing after the pair (专力申请) starts a word of its own: the pair across its edge (力申) is no word
      // the slipped character belongs to (SLIP_EDGE_WORDS).
      const edge = SLIP_EDGE_WORDS.has(`${chars[i + 2] ?? ""}${chars[i + 3] ?? ""}`);
      for (const v of variants(pair)) {
        const first = v[0] !== a;
        if (first ? free(chars[i - 1], a, true, i) : edge || free(chars[i + 2], b, false, i)) out.push(v);
      }
    }
    return out;
  }

  /**
   * Whether a Japanese pair `a``b` typed after `before` may stand across two words by an affix: `b` is one (国前 of
   * 帰国前, 友人: a word's last kanji, kept from slips: japanese-words.ts lists no word holding an affix), or `a` is one
   * set after a word (a kanji or katakana before it). An affix opening a word, with nothing before it to be set to
   * (滞在の等録, 最発行), is a kanji typed like any other.
   */
  private affixSet(a: string, b: string, before: string): boolean {
    return (
      JAPANESE_AFFIXES.has(b) ||
      (JAPANESE_AFFIXES.has(a) && /[\p{Script=Han}\p{Script=Katakana}]/u.test(before))
    );
  }

  /**
   * Whether the character `read` changes of `typed` stands in no word of the question with its other neighbour: a
   * pair it makes there that a few documents hold (技术 of 外国技术员, HOMOPHONE_LEAST_DF) says the pair `typed`
   * straddles two words (国技), no slip. A pair as rare as 证须 (of 签证须签, for 续签) says nothing.
   */
  private slipStands(typed: string, read: string, text: string): boolean {
    const [a, b] = [...typed] as [string, string];
    const first = [...read][0] !== a;
    const chars = [...text.normalize("NFKC").toLowerCase()];
    for (let i = 0; i + 1 < chars.length; i++) {
      if (chars[i] !== a || chars[i + 1] !== b) continue;
      const neighbour = first ? chars[i - 1] : chars[i + 2];
      if (neighbour === undefined || !/\p{Script=Han}/u.test(neighbour)) continue;
      if (this.df(first ? `${neighbour}${a}` : `${b}${neighbour}`) >= HOMOPHONE_LEAST_DF) return false;
    }
    return true;
  }

  /**
   * The word a Japanese question meant where the input method converted its reading into another word the catalogue
   * never holds (japanese-slips.ts: 脂肪届 for 死亡届, 偏向 for 変更, 末梢 for 抹消), where a few documents hold it. Read
   * so only where the pair stands as a word of keywords: not across two words (人夫 of ベトナム人夫婦 is 人 + 夫婦: a
   * kanji set after words, JAPANESE_AFFIXES, after a word; a prefix, JAPANESE_PREFIXES, before one), and with no
   * hiragana after it, where a sentence uses the word as written (帰省したとき, 会場で).
   */
  private wordSlip(pair: string, text: string, meantOf = wholeWordSlip): string | null {
    const meant = meantOf(pair);
    // A word the names hold (heldWordSlip) is a noun where a particle follows it (確定深刻を, 志望の): read so too.
    const held = meantOf !== wholeWordSlip;
    // A first choice is read only where the reading then fits better (Searcher.search): a verb's ending after it
    // (好感したい) is no sign of a word used as written.
    const guarded = meantOf === firstChoiceSlip;
    if (meant === undefined) return null;
    const chars = [...text.normalize("NFKC")];
    const [a, b] = [...pair] as [string, string];
    let standing = false;
    for (let i = 0; i + 1 < chars.length; i++) {
      if (chars[i] !== a || chars[i + 1] !== b) continue;
      const before = chars[i - 1] ?? "";
      const after = chars[i + 2] ?? "";
      const across =
        (JAPANESE_AFFIXES.has(a) && /[\p{Script=Han}\p{Script=Katakana}]/u.test(before)) ||
        (JAPANESE_PREFIXES.has(b) && /\p{Script=Han}/u.test(after));
      if (
        !across &&
        (guarded || !/\p{Script=Hiragana}/u.test(after) || (held && /^[をのがにではとへもや]/u.test(after)))
      )
        standing = true;
    }
    return standing && this.df(meant) >= WORD_SLIP_LEAST_DF ? meant : null;
  }

  /** The text with each word typed for a core word of its reading (heldWordSlip) written as meant, where it stands. */
  private withHeldSlips(text: string): string {
    return this.withPairsMeant(text, (pair) => this.wordSlip(pair, text, heldWordSlip));
  }

  /** The text with each pair of kanji the index holds rarely (HELD_SLIP_MOST_DF) written as `meant` reads it. */
  private withPairsMeant(text: string, meant: (pair: string, run: string) => string | null): string {
    let out = text;
    for (const m of text.normalize("NFKC").matchAll(/\p{Script=Han}{2,}/gu))
      for (let i = 0; i + 1 < m[0].length; i++) {
        const pair = m[0].slice(i, i + 2);
        if (this.df(pair) > HELD_SLIP_MOST_DF) continue;
        const word = meant(pair, m[0]);
        if (word) out = out.split(pair).join(word);
      }
    return out;
  }

  /**
   * The text with each word typed as the input method's first choice for a core word's reading (firstChoiceSlip)
   * written as meant, where it stands as a word (Searcher.wordSlip) and the word meant is held.
   */
  private withFirstChoiceSlips(text: string): string {
    return this.withPairsMeant(
      text,
      (pair, run) =>
        this.wordSlip(pair, text, firstChoiceSlip) ??
        (run.length === 2 ? this.bothKanjiSlip(pair) : null) ??
        this.wordKanjiSlip(pair, text),
    );
  }

  /**
   * The act a word of IPADIC the index never holds may be where one kanji of the act was converted to another of the
   * same on-reading, making that word (交感 for 交換, こうかん): one of the names' core acts (BOTH_KANJI_ACTS) one such
   * kanji away, where the kanji changed stands in no pair with its other neighbour (homophoneSlips) and the word holds
   * no affix. homophoneSlips reads no such word (isUnheldJapaneseWord: 仕事, 入管, 商売 are meant as typed; any pair
   * of 20 documents read 入管 as 殊管 and 商売 as 小売), hence the acts only, and only where it fits better.
   */
  private wordKanjiSlip(pair: string, text: string): string | null {
    const [a, b] = [...pair] as [string, string];
    if (
      this.df(pair) > 0 ||
      !isUnheldJapaneseWord(pair) ||
      JAPANESE_AFFIXES.has(a) ||
      JAPANESE_AFFIXES.has(b)
    )
      return null;
    return (
      this.homophoneSlips(pair, text, onReadingVariants, JAPANESE_AFFIXES).find(
        (p) => BOTH_KANJI_ACTS.has(p) || CORE_SUBJECTS.has(p),
      ) ?? null
    );
  }

  /**
   * The act a two-kanji word typed alone may be where the input method converted both its kanji into others of the
   * same on-reading (公信, 航進 for 更新; 辺項 for 変更): one of the names' core acts (BOTH_KANJI_ACTS), where the pair
   * typed is no pair the index holds, no word of IPADIC (isUnheldJapaneseWord) and holds no affix (友人). Two kanji
   * changed reach many pairs (子供 and 施工, 家具 and 加工), hence the acts only, and read only where it fits better
   * (Searcher.search).
   */
  private bothKanjiSlip(pair: string): string | null {
    const [a, b] = [...pair] as [string, string];
    if (this.df(pair) > 0 || isUnheldJapaneseWord(pair) || JAPANESE_AFFIXES.has(b) || JAPANESE_AFFIXES.has(a))
      return null;
    return onReadingPairs(pair).find((p) => BOTH_KANJI_ACTS.has(p)) ?? null;
  }

  /** Of several candidate terms, the one most documents hold (at least `least`, two unless given), or null. */
  private bestKnown(candidates: string[], least = 2): string | null {
    let best: string | null = null;
    let bestDf = least - 1;
    for (const c of candidates) {
      const df = this.df(c);
      if (df > bestDf) {
        best = c;
        bestDf = df;
      }
    }
    return best;
  }

  private df(term: string): number {
    const id = termId(this.data, term);
    return id === undefined ? 0 : (this.data.offsets[id + 1] as number) - (this.data.offsets[id] as number);
  }
}

/**
 * The question with each Chinese pair read for a slip written as read (工做证 → 工作证: AnalyzedQuery.slips), or the
 * question itself when it holds none.
 */
function withSlipsRead(query: string, slips: [string, string][] | undefined): string {
  let text = query;
  for (const [typed, read] of slips ?? []) text = text.split(typed).join(read);
  return text;
}

/**
 * The query words that weigh nothing in the coverage (AnalyzedQuery.wordWeights): a Japanese verb's or adjective's
 * one-kanji stem before its kana (取りますか, 取りたい: japanesePieces), a pair across scripts. 0 where no weights are
 * given.
 */
function weightless(q: AnalyzedQuery): number {
  let bits = 0;
  for (let i = 0; i < q.wordWeights.length; i++)
    if (q.known & (1 << i) && (q.wordWeights[i] as number) === 0) bits |= 1 << i;
  return bits;
}

/** The coverage weight of the query words `bits` stands for (undefined where the words carry no weights). */
function weighed(q: AnalyzedQuery, bits: number): number | undefined {
  if (q.wordWeights.length === 0) return undefined;
  let w = 0;
  for (let i = 0; i < q.wordWeights.length; i++) if (bits & (1 << i)) w += q.wordWeights[i] as number;
  return w;
}

/** The summed IDF of the question's words whose bits are set in `bits`. */
function idfOfBits(q: AnalyzedQuery, bits: number): number {
  let sum = 0;
  for (let i = 0; i < q.words.length; i++) if (bits & (1 << i)) sum += q.wordIdf[i] as number;
  return sum;
}

/** The candidate scoring most, and its score ([-1, 0] for none): the first place liftNamedActions and liftLatinCodes
 * test. */
function leader(candidates: Map<number, { score: number }>): [number, number] {
  let head = -1;
  let headScore = 0;
  for (const [doc, c] of candidates)
    if (c.score > headScore) {
      head = doc;
      headScore = c.score;
    }
  return [head, headScore];
}
/**
 * The Chinese character pairs that straddle a stopword of the question, or a particle or pronoun, and the word beside
 * it: 是外 of 我是外国人, 要什 and 么材 of 需要什么材料, 么申 of 怎么申请, 退吗 of 能退吗. Such a pair is no word, yet it
 * matches the catalogue's text wherever the two characters happen to stand side by side, and it counts in the share
 * of the question a procedure covers. 越南 is a name words are built on (越南人, 越南籍, 越南文), not grammar: its
 * pairs stay. 了 stays too: 丢了, 过期了 are the words of the lexicon's phrases and aliases.
 */
const STOP_NAMES = new Set(["越南"]);
/**
 * The fewest documents a pair read for a Chinese homophone's or a Japanese on-reading's slip must be found in
 * (homophoneSlips).
 */
/**
 * A Latin word of syllables typed without spaces that at most this many records hold whole (a web address's name:
 * dangkykinhdoanh.gov.vn) is still read as its syllables (Searcher.unglued).
 */
const GLUED_ADDRESS_MAX_DF = 2;
/**
 * English function words (prepositions, conjunctions, pronouns, auxiliaries). A word pair holding one ("to_put",
 * "residence_to", "for_my") is glue around a word rather than a phrase of the names, and weighs RankOptions.gluedPair
 * (gluedEnglish). Not the articles: "a foreigner", "a Vietnamese child" are the names' own wording of who files.
 */
const ENGLISH_GLUE: ReadonlySet<string> = new Set(
  (
    "to for of in on at from into onto by as with about and or i me my we us our you your he him his she her it its " +
    "they them their is are am was were be been do does did can could will would should may might must have has had " +
    "this that these those"
  ).split(" "),
);

/**
 * Whether an English word pair holds a function word (ENGLISH_GLUE). At a whole pair's weight such glue, matched by
 * one unrelated name, outweighed the question's own words: "to put" of the submarines' approval ("…put submarines
 * into operation") came first for "put the motorbike in my name", "residence to" of a vessel owner's move for "move
 * my permanent residence to…", "for my" of one long alias for "health insurance card for my parents".
 */
function gluedEnglish(pair: string): boolean {
  return pair.split("_").some((w) => ENGLISH_GLUE.has(w));
}
const HOMOPHONE_LEAST_DF = 4;
/**
 * The documents that must hold the word a whole-word slip was meant as (Searcher.wordSlip): its whole reading is the
 * word's, a surer sign than one character's, so a word of two documents (帰化) is read.
 */
const WORD_SLIP_LEAST_DF = 2;
/**
 * The names' core acts a two-kanji word typed alone with both kanji slipped may be read as (Searcher.bothKanjiSlip):
 * the words of doing the catalogue's Japanese names end in, each held by scores of documents.
 */
const BOTH_KANJI_ACTS = new Set([
  ..."申請 登録 変更 更新 交換 発行 交付 証明 延長 抹消 取消 届出 認証 許可 確認 設立 解散 登記 申告 譲渡 相続 認定 承認 返還".split(
    " ",
  ),
]);
/**
 * The subjects of the civil-status, residence and licence records a Japanese question names most (出生, 婚姻, 旅券, 免許…):
 * a word of IPADIC the index never holds one kanji of the same on-reading away from one (出征届 for 出生届, しゅっせい) is
 * read as it, as a core act is (Searcher.wordKanjiSlip), and only where it fits better.
 */
const CORE_SUBJECTS = new Set([
  ..."出生 死亡 婚姻 離婚 養子 相続 居住 常住 住所 旅券 免許 年金 保険 失業 出産 建築 土地 住宅 労働 在留 滞在 査証 国籍 戸籍 身分 犯罪 独身".split(
    " ",
  ),
]);
/** The most documents a word read as a slip for another it is held beside (heldWordSlip) may be found in. */
const HELD_SLIP_MOST_DF = 2;
/**
 * Words of doing a Chinese question sets after the paper it names (专利申请, 驾照补办): a slip in the paper's last
 * character is read though the pair across into the word (力申 of 专力申请) is one some text holds (homophoneSlips).
 */
const SLIP_EDGE_WORDS = new Set(["申请", "办理", "补办", "补发", "延期", "换发"]);
/** Characters of grammar a Chinese question types as meant: never read as a homophone's slip (homophoneSlips). */
const FUNCTION_CHARACTERS = new Set([
  ..."的了是在也都就还和与及或把被给让跟从向对吗呢吧啊我你他她它们这那哪谁要会能可想去来到说有没不很",
]);
/** How many documents must hold a word two pieces typed apart make together to be read as it (rejoinedEnglish). */
const REJOINED_LEAST_DF = 3;
/**
 * Kanji a Japanese question sets before or after a word as a word of their own (帰国前, 申請中, 外国人親, 公立校, 再発行,
 * 各種, 全員): a kanji pair holding one stands across two words more often than it is a slip (国前 of 本帰国前 is no 国船), so
 * it is never read as an on-reading slip (homophoneSlips).
 */
const JAPANESE_AFFIXES = new Set([
  ..."人校前後中内外用者的等時間上下別式型性化向費料代毎各全新旧元現本当同諸非未無不再初最第約計分半済",
]);
/** The kanji of JAPANESE_AFFIXES set before a word (再, 新, 未): a pair ending in one may stand across two words. */
const JAPANESE_PREFIXES = new Set([..."前後新旧元現本当同諸非未無不再初最第約各全毎"]);
/** Sentence particles and pronouns: no word of the catalogue's names holds them (吗, 呢, 吧, 我, 您…). */
const PARTICLES = new Set([..."吗呢吧啊嘛呀我你您想"]);

export function stopStraddlingPairs(query: string, stop: Set<string>): Set<string> {
  const out = new Set<string>();
  for (const m of query
    .normalize("NFKC")
    .toLowerCase()
    .matchAll(/\p{Script=Han}+/gu)) {
    const run = [...m[0]];
    if (run.length < 3) continue;
    const inStop = new Uint8Array(run.length);
    run.forEach((c, i) => {
      if (PARTICLES.has(c)) inStop[i] = 1;
    });
    for (let i = 0; i + 1 < run.length; i++)
      for (let n = 2; n <= 4 && i + n <= run.length; n++) {
        const w = run.slice(i, i + n).join("");
        if (stop.has(w) && !STOP_NAMES.has(w)) for (let k = i; k < i + n; k++) inStop[k] = 1;
      }
    for (let i = 0; i + 1 < run.length; i++) {
      const pair = `${run[i]}${run[i + 1]}`;
      if ((inStop[i] || inStop[i + 1]) && !stop.has(pair)) out.add(pair);
    }
  }
  return out;
}

/**
 * The words of doing a Chinese question sets beside the paper or business it names (医保卡办理, 办理结婚证, 个体户营业
 * 登记, 公司地址变更): the pair across their edge (卡办, 理结, 业登, 址变) is no word of the question. It matched only
 * the names and aliases holding the two words side by side (医疗保险卡办理联办手续, the child's interlinked record, for
 * any card's 办理; a change of registration whose text says 营业登记 for a household business's founding) ahead of the
 * procedure the words themselves find. Not 申请: a pair before it belongs to papers' everyday names (护照申请, 身份证
 * 申请), and dropping it lost a blind question; not 进口 / 出口, which join the goods they modify (进口车, imported
 * vehicles' registration); 申报 lost a development question; other verbs (注销, 延期, 补办, 认证…) changed nothing.
 */
const ACTION_EDGE_WORDS = ["办理", "登记", "变更"];

/** Characters of a paper that make a word of doing before them part of its name (登记证, 登记簿, 登记表). */
const PAPER_AFTER = new Set([..."证书簿表册卡"]);

/** The character pairs across the edges of ACTION_EDGE_WORDS in a Chinese question (卡办 of 医保卡办理). */
export function actionEdgePairs(query: string): Set<string> {
  const out = new Set<string>();
  for (const m of query
    .normalize("NFKC")
    .toLowerCase()
    .matchAll(/\p{Script=Han}+/gu)) {
    const run = m[0];
    for (const w of ACTION_EDGE_WORDS)
      for (let i = run.indexOf(w); i >= 0; i = run.indexOf(w, i + 1)) {
        // 登记证, 登记簿: the word names a paper there, part of a longer noun (投资登记证), not what is done.
        if (PAPER_AFTER.has(run[i + w.length] ?? "")) continue;
        if (i > 0) out.add(run.slice(i - 1, i + 1));
        if (i + w.length < run.length) out.add(run.slice(i + w.length - 1, i + w.length + 1));
      }
  }
  for (const w of ACTION_EDGE_WORDS) out.delete(w);
  return out;
}

/**
 * The Chinese character pairs that straddle two phrases of the lexicon found side by side: "证丢" of 毕业证丢了 (毕业证 |
 * 丢了), "照丢" and "户营" of 个体户营业执照丢了 (个体户 | 营业执照 | 丢了). Such a pair is no word of the question, yet
 * it matches the aliases that hold the same two words side by side ("身份证丢了", "个体户营业执照"), a document of
 * another subject or one phrase's alias outweighing what the question asks.
 */
function straddlingPairs(
  query: string,
  lexical: { phrases: { key: string }[]; events: { key: string }[] },
): Set<string> {
  const keys = [...lexical.phrases, ...lexical.events]
    .flatMap((p) => p.key.split(APART))
    .map((k) => k.trim())
    .filter((k) => /^\p{Script=Han}{2,}$/u.test(k));
  const out = new Set<string>();
  if (keys.length < 2) return out;
  for (const m of query
    .normalize("NFKC")
    .toLowerCase()
    .matchAll(/\p{Script=Han}+/gu)) {
    const run = m[0];
    const spans: [number, number][] = [];
    for (const k of keys)
      for (let i = run.indexOf(k); i >= 0; i = run.indexOf(k, i + 1)) spans.push([i, i + k.length]);
    const inside = (i: number) => spans.some(([a, b]) => a <= i && i < b);
    for (let i = 0; i + 1 < run.length; i++)
      if (inside(i) && inside(i + 1) && !spans.some(([a, b]) => a <= i && i + 1 < b))
        out.add(run.slice(i, i + 2));
  }
  return out;
}

/** A glossary phrase written in hiragana alone (なくした, めんきょ): grammar beside kanji, so no query word. */
const KANA_WORD = /^[\p{Script=Hiragana}\u30fc]+$/u;

/** Terms of such a phrase's meaning in more than this share of the records cover nothing (交付 of 再交付). */
const KANA_WORD_MAX_DF = 0.1;

/**
 * A Vietnamese person named as the other party of a question in a foreign language: "Vietnamese wife/girlfriend/
 * woman/man/citizen", 越南人, 越南女朋友, 越南籍, 베트남인, 베트남 여자, 베트남 국적, ベトナム人, ベトナム国籍. Who asks
 * in English, Chinese, Korean or Japanese about a Vietnamese partner is the foreign party of the procedure.
 */
const VIETNAMESE_PARTY =
  /vietnamese\s+(wife|husband|girlfriend|boyfriend|fianc[eé]e?|partner|woman|man|girl|guy|citizen|spouse|national)|(wife|husband|girlfriend|boyfriend|fianc[eé]e?|partner|spouse|mother|father|mom|mum|dad)\s+is\s+(a\s+)?vietnamese\b|married\s+to\s+a\s+vietnamese\b|越南(人|籍|女|男|姑娘|老婆|老公|妻子|丈夫|公民)|베트남\s*(인|사람|여자|남자|여성|남성|국적|국민|아내|남편|신부|신랑|와이프|배우자|부인|애인|여친|남친)|ベトナム(人|国籍|の(女性|男性|方|国民|恋人|妻|夫|彼女|彼氏|花嫁|配偶者))/u;

/**
 * Vietnam named in a Korean question ("베트남에서 혼인신고", "친자 인지 신고 베트남"): who asks in Korean about a
 * civil-status act in Vietnam is a foreigner dealing with Vietnamese authorities, the foreign party of the act (Law on
 * Civil Status 60/2014/QH13, art. 37, 43, 35: a marriage, an acknowledgement, a birth between a citizen and a foreigner
 * are registered as civil-status matters with a foreign element): the twin with a foreign element leads, as where a
 * Vietnamese party is named (VIETNAMESE_PARTY), but no other twin for foreigners ('베트남 운전면허 갱신' is the
 * citizen's exchange, 3.000347). Not in English: many who ask in English are Vietnamese.
 */
const VIETNAM_KO = /베트남/u;
/**
 * Vietnam named in a Japanese question (ベトナムの役所に婚姻届, ベトナムで子どもを認知): as in Korean (VIETNAM_KO), who asks in
 * Japanese about a civil-status act in Vietnam is the act's foreign party, or a foreigner's spouse or child (息子のベトナムの
 * 出生証明書の訂正): the twin with a foreign element leads (Law on Civil Status 60/2014/QH13, art. 35, 37, 43), not
 * where the question says the parties are Vietnamese among themselves (VIETNAMESE_AMONG_JA: ベトナム人同士, ベトナム人の
 * スタッフ). The citizens' records had kept the first place on their usage: dev7 ja 99 → 100 of 110, dev12 ja 131 → 132
 * of 150, every other figure unchanged; orderja probes of the class 2/11 → 8/11 first.
 */
const VIETNAM_JA = /ベトナム/u;

/**
 * A border or a border area said (biên giới, "border", 边境, 边界, 국경, 접경, 国境): the civil-status procedures of a
 * neighbouring country's border area (build.ts BORDER_AREA) are asked for (Searcher holdForeignElements).
 */
const BORDER_SAID = /biên giới|bien gioi|\bborders?\b|边境|边界|국경|접경|国境/u;

/** What the glossary reads an English nationality or country as (Searcher isNationality). */
const NATIONALITY_READING = "foreign foreigner";

/**
 * The asker says in English they are Vietnamese ("we are both Vietnamese citizens", "I'm Vietnamese", "as a
 * Vietnamese citizen"): the lean of a foreign-language question toward procedures for foreigners
 * (RankOptions.foreignReader) guesses who asks, and the asker has said it.
 */
const VIETNAMESE_SELF = /\b(both|we are|we're|i am|i'm|im|as a)\s+(both\s+)?vietnamese\b/u;
/**
 * The same said in Chinese: 我是越南人, 我们都是越南人, 爸妈都是越南人, 我也是越南籍 (not 我老婆是越南人, the other party, nor
 * 我是越南人的丈夫).
 */
const VIETNAMESE_SELF_ZH = /(我|我们|我俩|咱们|都|也)是越南(人|公民|籍)(?![的之])/u;

/**
 * Both parties said Vietnamese in English, Chinese or Korean ("between two Vietnamese", 越南人之间, 两个越南人,
 * 베트남 사람끼리, 둘 다 베트남), as VIETNAMESE_AMONG_JA says it in Japanese: an act between two citizens has no foreign
 * element, so neither the foreign reader's lean nor Vietnam named in Korean (VIETNAM_KO) lifts the foreign twin
 * ('베트남 사람끼리 혼인신고' is the citizens' marriage, 1.000894, not 2.000806).
 */
const VIETNAMESE_BOTH =
  /\bbetween\s+(?:two\s+)?vietnamese\b|\btwo\s+vietnamese\s+(?:citizens|people|nationals|persons)\b|越南(?:人|公民)之间|两个越南(?:人|公民)|베트남\s*(?:사람|인|국민)\s*끼리|둘\s*다\s*베트남/u;
/**
 * A Japanese question about Vietnamese people among themselves: both parties Vietnamese (ベトナム人同士, 二人とも
 * ベトナム人), or a Vietnamese named as someone the asker employs, hosts or knows (ベトナム人の社員, ベトナム人スタッフ,
 * ベトナム人の家政婦さん, ベトナム人宿泊客), not as the asker's own spouse or partner. The act is then between citizens
 * (a marriage of two Vietnamese, the birth of their child, a guest's stay: Law on Civil Status 60/2014/QH13 art. 7
 * and 37 keep the foreign element for an act with a foreign party), so, as where an asker says they are Vietnamese
 * (VIETNAMESE_SELF), the lean toward procedures for foreigners and their foreign-element twins is not made.
 */
const VIETNAMESE_AMONG_JA =
  /ベトナム人同士|(?:二人|ふたり|両方|どちら|双方|夫婦|両親)(?:とも|も)?ベトナム(?:人|国籍)|ベトナム人の?(?:社員|従業員|スタッフ|家政婦|お手伝い|メイド|ヘルパー|運転手|部下|同僚|友人|友達|知人|宿泊客|ゲスト|お客|客|労働者|ワーカー|学生|生徒|夫婦|カップル)/u;

/**
 * A Vietnamese relative of a Japanese asker's family named in Japanese: the Vietnamese wife or husband (ベトナム人の妻,
 * ベトナム人の嫁, or the wife's own stay: 妻の滞在登録), an in-law (義母, 義理の父, 義弟), or a relative of the wife (妻の母,
 * 嫁の実家の弟, 妻のおばあさん). Who asks in Japanese about their wife's family in Vietnam speaks of Vietnamese citizens;
 * a husband (夫の母) is left out: Japanese women ask about Japanese husbands too.
 */
const VIETNAMESE_KIN_JA =
  /義(?:理の)?(?:母|父|両親|親|兄|弟|姉|妹|祖母|祖父)|義理の(?:お?母さん|お?父さん|家族|息子|娘)|(?:妻|嫁|家内|奥さん|女房)の(?=(?:一時)?(?:滞在|居住))|(?:妻|嫁|家内|奥さん|女房)の(?:実家の)?(?:お?母(?:さん)?|お?父(?:さん)?|両親|親|お?兄(?:さん)?|弟|お?姉(?:さん)?|妹|祖母|祖父|おばあ(?:さん|ちゃん)|おじい(?:さん|ちゃん)|家族|親戚|親族|甥|姪|いとこ|叔母|叔父|伯母|伯父|連れ子)|ベトナム人の(?:妻|嫁|夫|配偶者|奥さん|家族|親|両親|母|父)/u;

/** A foreign person or a coming from abroad named beside the relative (日本から来た義母, 外国人の義弟): no citizen. */
const FOREIGN_KIN_JA = /日本(?:から|人|国籍)|外国(?:人|籍)|韓国人|中国人|アメリカ人/u;

/** A stay registered or declared (滞在届, 滞在登録, 一時滞在の届け出, 滞在申告), or a stay extended (滞在延長). */
const STAY_FILED_JA = /(?:一時)?滞在(?:の)?(?:登録|届け?出?|申告)|一時居住の(?:登録|届け?出?)/gu;
const STAY_EXTENDED_JA = /(?:一時)?滞在(?:期間)?(?:の)?延長/gu;

/**
 * A Japanese question about a stay registered for a Vietnamese relative (VIETNAMESE_KIN_JA: 義母の滞在届, 妻の妹の滞在
 * 登録): a citizen's stay away from their permanent address is a temporary residence registration (Law on Residence
 * 68/2020/QH14 art. 27–28: đăng ký tạm trú, 1.004194 一時居住登録; its extension 1.002755 一時居住登録の延長), not the
 * declaration made for a foreigner (art. 30, Law 47/2014/QH13 art. 33: 1.001437, 1.000253), which the words 滞在届 and
 * 滞在登録 read alone mean in Japanese (the glossary's). So those words are read as the citizen's registration's name.
 */
export function withKinStayRead(text: string): string {
  if (!VIETNAMESE_KIN_JA.test(text) || FOREIGN_KIN_JA.test(text)) return text;
  return text.replace(STAY_EXTENDED_JA, "一時居住登録の延長").replace(STAY_FILED_JA, "一時居住登録");
}

/**
 * The residence of a Vietnamese relative asked in Japanese (withKinStayRead): the lean toward procedures for
 * foreigners is not made, as for Vietnamese people among themselves (VIETNAMESE_AMONG_JA).
 */
function kinResidence(text: string): boolean {
  return VIETNAMESE_KIN_JA.test(text) && !FOREIGN_KIN_JA.test(text) && /居住|常住|住民/u.test(text);
}

/**
 * A Korean question saying the asker is married (결혼한 외국인, 결혼해서 여기 살면서, 결혼했는데): marriage is their
 * state, the registration done, and what they ask is something a married person files (a spouse's permanent residence
 * card, a work permit exemption, a household split). A marriage event's phrase (결혼, 베트남인과 결혼) is then no
 * event of the question, where every 결혼 it holds is said done; '결혼하려는데', '결혼 절차' and '혼인신고' keep it.
 * Only marriage: a divorce or a birth said done (이혼했는데, 출산했는데) is still what is recorded or paid for.
 */
const MARRIED_KO = /결혼\s*(?:한|해서|했|하였)/gu;

/**
 * A life-event phrase of Chinese or Japanese found in a question of the other language: the same characters may
 * name another act there (入籍 is registering a marriage in Japanese, taking a nationality in Chinese), and the
 * glossary reads them per language already. A question read as Chinese that may be kanji-only Japanese (年金受給申請:
 * mayBeKanjiOnlyJapanese) keeps the Japanese phrases.
 */
function otherHanLanguage(e: { cjk?: boolean; lang?: string }, lang: string | null, query: string): boolean {
  if (!e.cjk || (lang !== "zh" && lang !== "ja") || (e.lang !== "zh" && e.lang !== "ja") || e.lang === lang)
    return false;
  return !(lang === "zh" && mayBeKanjiOnlyJapanese(query));
}

/** The marriage said registered already (혼인신고를 먼저 했는데, 결혼 신고한): a marriage event is none (MARRIED_KO). */
const MARRIAGE_REGISTERED_KO =
  /(?:혼인|결혼)\s*신고\s*(?:를|는|도|은)?\s*(?:먼저\s*|이미\s*|벌써\s*)?(?:했|한|해서|하였|마쳤|끝냈)/u;

function marriedAlready(query: string, key: string): boolean {
  if (!key.replace(/\s+/gu, "").includes("결혼")) return false;
  if (MARRIAGE_REGISTERED_KO.test(query)) return true;
  const all = query.match(/결혼/gu)?.length ?? 0;
  return all > 0 && (query.match(MARRIED_KO)?.length ?? 0) === all;
}

/** "Không có", "chưa có" (does not have) just before a phrase, in the folded question (phraseKey). */
const LACKED_BEFORE = / (khong|ko|k|kh|khg|kg|chua) co $/;
/**
 * Before a life event's phrase, "có" may go unsaid after "không": "ông 76 tuổi không lương hưu". Not after "chưa":
 * "chưa đăng ký kết hôn" asks for the registration (measured: it lost a question of the blind set).
 */
const LACKED_EVENT = / ((khong|ko|k|kh|khg|kg)( co)?|chua co) $/;

/**
 * An English question saying the asker holds none of what is asked yet, or asks for it the first time ("never had
 * one", "haven't got a licence", "I don't have any licence yet", "first time", "my first passport").
 */
const FIRST_TIME =
  /\b(never (had|got|held|owned|been issued)|(do ?n[o']?t|have ?n[o']?t|have not|do not) (have|got|hold|own)\b[^.?!]*\byet|first[- ]time|for the first time|(my|a|our|his|her|their) first)\b/;

/**
 * Words of a Chinese, Korean or Japanese question asking an action on something held, or telling a situation that
 * calls for one (AnalyzedQuery.noActionSaid): a re-issue or a loss (补办, 遗失, 丢; 재발급, 분실, 잃어버; 再発行, 紛失,
 * なくし), an exchange or renewal (换, 到期; 교체, 갱신, 만료; 交換, 更新, 切り替え, 期限切れ), an extension (延期, 续; 연장;
 * 延長, 延ばす), a change or correction (变更, 调整, 改, 错; 변경, 정정, 바꾸, 틀리; 変更, 訂正, 間違い, 直す), a move (迁,
 * 搬; 이사, 옮기; 引っ越し, 移転), a transfer, sale, gift or inheritance (过户, 卖, 赠, 继承; 명의, 이전, 팔, 증여, 상속;
 * 名義, 売却, 贈与, 相続), a purchase or a joining (买, 收购, 入股; 구입, 인수; 購入, 加入), a new holder (新任; 신임; 新任,
 * 就任) or a cancellation, suspension or closing (注销, 暂停, 关闭; 말소, 휴업, 폐업; 抹消, 休業, 廃業). Also the
 * common look-alike and same-sound slips of these words (재발굽, 변겅; 更親, 粉失). Broad on purpose: a word read here
 * only keeps leadPlainSiblings from acting.
 */
const ACTION_SAID: Partial<Record<Language, RegExp>> = {
  zh: /补|補|遗失|遺失|丢|掉了|被偷|被盗|被抢|损坏|坏了|重新|换|換|到期|过期|旧|延期|延长|续|变|變|调整|调正|修改|更|改|错|增|减|迁|搬|移|过户|转|轉|卖|二手|名下|赠|送给|继承|注销|註銷|撤销|取消|收回|终止|停止|暂停|关闭|解除|退|合并|分立|买|購|购|收购|入股|加入|离职|辞职|任命|新任|新的|另一/u,
  ko: /재발|제발급|재빌|재교부|분실|잃어|도난|훼손|파손|다시|교체|교환|교한|갱신|갱씬|만료|끝나|바꾸|바꿔|바뀌|바꿀|오래된|낡|전환|변환|연장|변경|변겅|벤경|조정|수정|정정|틀|추가|증자|증액|감액|감자|이사|옮기|옮겨|옮겼|이전|재등|명의|양도|팔|중고|증여|상속|물려|말소|취소|회수|해지|종료|중지|정지|휴업|폐업|해산|철회|합병|분할|샀|사서|구입|구매|인수|합류|퇴사|사임|새 |새로운|신임|선임|다른 /u,
  ja: /再発|再交|さいはっこう|紛失|粉失|ふんしつ|なくし|無くし|失くし|盗|破損|汚損|もう一度|再び|やり直|交換|交感|更新|更親|行進|切替|切り替|切れ|期限|古|書き換|延長|延ば|変更|変耕|偏向|調整|修正|修整|訂正|変え|変わ|間違|誤|直|追加|増|減|引っ越|移|再登録|名義|譲渡|売却|売っ|売り|中古|贈与|相続|譲|抹消|取消|取り消|返納|廃止|終了|停止|休止|休業|解約|廃業|撤回|解散|たたむ|畳む|合併|分割|買|購入|買収|加入|退職|辞任|新しい代表|新任|選任|就任|別の/u,
};

/**
 * A loss said, in any of the five languages: "mất hộ chiếu", "lost my card", 护照丢了, 遗失, 여권 분실, 紛失, なくした. The
 * first-issue twins include the reports of a loss (build.ts LOSS_REPORT), whose words a question of a loss may not
 * share with them ("mất" is a Vietnamese stopword): such a question holds no procedure behind its first issuance.
 */
const LOSS_SAID =
  /(?:^|[^\p{L}])(?:mất|mat|thất lạc|that lac|lost|lose|losing|loss|missing|stolen|misplaced)(?![\p{L}])|丢|遗失|遺失|不见|不見|掉了|被偷|被盗|失窃|분실|잃어버|잃었|도난|紛失|なくし|無くし|失くし|盗難|盗まれ/u;

/**
 * The asker has left Vietnam or no longer lives there, in any of the five languages: "after leaving Vietnam", "I've
 * already left", "went back home", "no longer live in Vietnam", "used to live here"; 回国后, 已经回国, 离开越南, 曾在越南;
 * 귀국했는데, 베트남 떠난 후; 帰国した, 本帰国, 帰国済み, 駐在を終え; "đã về nước", "không còn cư trú ở Việt Nam". Only a
 * leaving done: a foreigner about to go home ("before I leave", 帰国する前に, 回国前, 我要回国了) still resides, and
 * files as a resident (liftMarked).
 */
const LEFT_VIETNAM_SAID = new RegExp(
  [
    String.raw`\b(?:left|leaving)\s+(?:vietnam|viet\s?nam|vn|the country)\b`,
    String.raw`\bafter\s+(?:i|we|he|she|they|you)?\s*(?:left|leaving|moved (?:back|home|away)|went (?:back|home)|returned)\b`,
    String.raw`\b(?:have|has|had|already|i've|we've|i'd)\s+(?:already\s+)?(?:left|moved (?:back|home|away)|gone (?:back|home)|returned home)\b`,
    String.raw`\b(?:went|moved|returned|gone)\s+(?:back\s+)?home\b|\bback in my (?:home )?country\b`,
    String.raw`\b(?:no longer|not)\s+(?:live|living|lives|reside|resides|residing)\s+in\s+vietnam\b|\bused to (?:live|reside|work) (?:in|here)\b`,
    "回国(?:后|了以后|以后|之后)|已(?:经)?回国|离开越南|离越|已(?:经)?离开|曾(?:经)?在越南",
    "귀국(?:했|한\\s|후|하고|해서|하였)|떠난\\s*후|떠났",
    "帰国(?:した|して|済|後|しました)|本帰国|ベトナムを離れ|駐在を終え",
    "(?:đã|sau khi)\\s+(?:về nước|rời (?:khỏi )?(?:việt nam|vn))|không còn (?:cư trú|sinh sống|ở) (?:tại |ở )?(?:việt nam|vn)",
  ].join("|"),
  "u",
);

/**
 * The asker (or the person asked about) lives abroad, in any of the five languages: "I live in Japan", "living
 * overseas", "overseas Vietnamese", "Viet Kieu", a Vietnamese embassy or consulate, "renew my passport abroad"; 越侨,
 * 在美国住, 住在日本, 越南大使馆; 일본에 살고, 해외 거주, 교민, 베트남 대사관; 日本に住んで, 日本在住, 在日ベトナム人,
 * ベトナム大使館; "việt kiều", "đang sống ở nước ngoài", "đại sứ quán". With Vietnam named too (VIETNAM_SAID; a Vietnamese
 * question says it by its language), the records filed at a Vietnamese mission abroad are asked (build.ts AT_MISSION,
 * liftMarked): the domestic ordinary passport (1.001456, far more used) outranked the one issued at an embassy. Not
 * "abroad" after going, visiting, studying or working there ("a passport to visit me abroad" is the domestic one), nor
 * after an event done there ("married abroad", "born abroad": its recording in Vietnam is domestic), nor an embassy
 * of another country.
 */
const LIVING_ABROAD_SAID = new RegExp(
  [
    String.raw`\b(?:live|living|lives|reside|residing|based|settled)\s+(?:abroad|overseas|outside (?:of )?vietnam)\b`,
    String.raw`\b(?:live|living|lives|reside|residing|based)\s+in\s+${FOREIGN_PLACES.en}\b`,
    String.raw`\boverseas vietnamese\b|\bviet\s?kieu\b|\bvietnamese (?:embassy|consulate)\b|\b(?:embassy|consulate) of vietnam\b`,
    String.raw`\b(?:renew|renewing|apply|applying|get|getting|obtain|obtaining|replace|replacing|register|registering)\b[^.?!,;]*?(?<!\b(?:visit|visiting|travel|travelling|traveling|trip|go|going|fly|flying|study|studying|work|working|move|moving|use)\s+(?:\w+\s+)?)\b(?:abroad|overseas)\b`,
    String.raw`越侨|越僑|旅外越南|海外越南人|在${FOREIGN_PLACES.zh}(?:住|生活|居住|定居|工作)|住在${FOREIGN_PLACES.zh}|越南(?:驻\S{0,6})?(?:大使馆|大使館|领事馆|領事館|领馆|使馆)`,
    String.raw`${FOREIGN_PLACES.ko}(?:에|에서)\s*(?:살|거주|사는|지내|생활)|${FOREIGN_PLACES.ko}\s*거주|재외\s*(?:국민|동포)|교민|베트남\s*(?:대사관|영사관|총영사관)`,
    `${FOREIGN_PLACES.ja}(?:に|で)(?:住ん|住む|住み|暮らし|暮らす|在住|生活し)|${FOREIGN_PLACES.ja}在住|在日ベトナム|ベトナム(?:の)?(?:大使館|領事館|総領事館)|在外公館`,
    "việt kiều|(?:sống|cư trú|định cư|đang ở|làm việc) (?:ở |tại )?nước ngoài|đại sứ quán|lãnh sự quán",
  ].join("|"),
  "u",
);
/** Vietnam or a Vietnamese named (LIVING_ABROAD_SAID needs one beside it in a foreign language). */
const VIETNAM_SAID = /vietnam|viet nam|viet\s?kieu|越南|越侨|越僑|베트남|ベトナム/u;

/** A pension or retirement named (SETTLING_SAID needs one beside it): pension, 退休金, 养老金, 年金, 연금, lương hưu. */
const PENSION_SAID =
  /\b(?:pension\w*|retire\w*)\b|退休|养老金|年金|연금|은퇴|lương hưu|luong huu|hưu trí|huu tri/u;
/**
 * A settling abroad (the asker's or a relative's): "settle abroad", "emigrate", "move back home for good"; 定居, 移民;
 * 정착, 이민, 이주; 移住, 定住, 日本で暮らす; "định cư", "ra nước ngoài sinh sống". With a pension named (PENSION_SAID),
 * the pensioner's lump sum on settling abroad is asked (liftMarked). So is a foreign pensioner's going home told as a
 * return (帰国, 本帰国, 回国, 귀국; not a visit home, 一時帰国, 回国探亲, 일시 귀국): the lump sum's name says "a
 * foreigner receiving a pension who no longer resides in Vietnam" (2.000755), and 帰国 alone found the resumption
 * of a pension after an unlawful exit and return (2.000809 … 帰国し合法的に定住する者).
 */
const SETTLING_SAID =
  /\bsettl\w*|\bemigrat\w*|\b(?:move|moving|moved|going|go|went)\s+(?:back\s+)?(?:home|abroad|overseas)\s+for good\b|定居|移民|정착|이민|이주|移住|定住|(?:日本|母国|本国|海外|国外)で(?:一緒に)?(?:暮らす|生活する)|(?<!一時)帰国|回国(?!探亲|探望|旅游|过年|度假)|(?<!일시\s?)귀국|định cư|dinh cu|ra nước ngoài sinh sống/u;

/**
 * Chinese words of an action on a held licence that the build does not take from the first-issue twins
 * (build.ts firstIssueTwins) because as many first issuances' names say them too: 调整 (điều chỉnh) is the adjustment
 * of '调整核发建筑许可证' (1.013226) and '投资登记证的调整' (1.009647), but also a part of '参保登记与缴费调整' (1.002051);
 * 更正 (đính chính, hiệu đính, cải chính) corrects '企业登记信息更正' (2.002016), and twins no first issuance. Typed in a
 * question ('建筑许可证调整'), such a word asks that action as the twins' words do (leadFirstIssues,
 * liftNamedActions); reached only through a synonym (the investor glossary reads 变更 as 调整) it asks none: 变更 is
 * in the first registrations' own names ('法定代表人变更登记').
 */
const TYPED_ACTIONS_ZH = ["调整", "更正"];

/**
 * The names' own words for an end put to what is held (chấm dứt): "termination", 终止, 終了, 종료 (TYPED_ENDINGS). Too
 * few first-issue twins' names tell them apart for the build to learn them as action words (build.ts firstIssueTwins,
 * minPairs: "Termination of unemployment benefits", 1.014752, beside "Unemployment benefits", 1.014748), so
 * leadFirstIssues adds them: a question asking the end, typed or read by the glossary as the termination, asks that
 * action, and the termination is not held behind the benefit itself.
 */
const ENDING_NAMES = ["termination", "终止", "終了", "종료"];

/**
 * Words putting an end to what one holds or receives, as questions type them (stop, end, terminate, cancel; 终止, 停止,
 * 停掉, 停发; 終了, 停止; 종료, 중단): the names say the end with their own word (chấm dứt: "Termination of …", 终止, 終了,
 * 종료), which few twins share, so the build learns no everyday verb of it (build.ts firstIssueTwins). Typed, such a
 * word asks the end of what is held, not its first grant, as TYPED_ACTIONS_ZH do: '找到工作了要停止领失业金' and 'I got
 * a job, how do I stop my unemployment payments?' ask for the benefit's termination (1.014752), which leadFirstIssues
 * held behind the claim (1.014748) as though no action were asked.
 */
const TYPED_ENDINGS = [
  "stop",
  "stopp",
  "end",
  "terminate",
  "terminat",
  "cancel",
  "终止",
  "停止",
  "停掉",
  "停发",
  "終了",
  "종료",
  "중단",
];

/** The words of TYPED_ACTIONS_ZH and TYPED_ENDINGS the question types (see there). */
function typedActions(q: AnalyzedQuery): Set<string> {
  return new Set([...TYPED_ACTIONS_ZH, ...TYPED_ENDINGS].filter((w) => q.words.includes(w)));
}

/** The words of applying for a procedure in Korean, Chinese and Japanese questions (namedBits). */
const APPLY_WORDS = new Set(["신청", "申请", "申請"]);

/** A meaning naming an action on a held licence anywhere in it ("cấp bản sao giấy khai sinh, đăng ký lại khai sinh"). */
const HELD_ACTION = /(cấp|làm|đăng ký) lại|cấp đổi|(^|\s)đổi\s|gia hạn|bản sao/iu;

/**
 * The Vietnamese names' actions on a held licence (build.ts SECONDARY_NAME) as typed word pairs, and "đổi" typed with
 * its diacritics (folded, "doi" is also "đối" of "đối với", in most names): a question typing one asks that action
 * (liftNamedActions). "đăng ký lại" by its pair "ky_lai".
 */
const VI_ACTION_PAIRS = new Set(
  "cap_lai cap_doi gia_han dieu_chinh thu_hoi cham_dut sua_doi bo_sung thay_doi dinh_chinh tam_ngung ky_lai ~đổi".split(
    " ",
  ),
);

/** The words of the Vietnamese names' actions on a held licence (build.ts SECONDARY_NAME): cấp lại, đổi, gia hạn… */
const VI_ACTION_WORDS = new Set(
  "lai doi dieu chinh sua bo sung gia han thay thu hoi cham dut dinh huy tam ngung xoa".split(" "),
);

/**
 * Action words of the first-issue twins, each with the forms the names write it in: typed only in another form ("thi
 * đỗ" is passed the test, not "do" of "do bị mất"; "đôi", "đợi" are no "đổi"), the word names no action.
 */
const ACTION_FORMS = new Map<string, string[]>([
  ["do", ["do"]],
  ["doi", ["đổi", "doi"]],
  ["lai", ["lại", "lai"]],
]);

/**
 * The action words of ACTION_FORMS the query holds only in another form, as typed and in the meanings of the lexicon's
 * phrases it holds ("gplx" → giấy phép lái xe: "lái", not "lại").
 */
function typedOtherwise(texts: string[]): string[] {
  // Each distinct word folded once, and only words as short as an action word (folding keeps an NFC word's
  // length): the lexicon's expansions hold hundreds of words.
  const byFold = new Map<string, Set<string>>();
  for (const t of texts)
    for (const w of t
      .normalize("NFC")
      .toLowerCase()
      .match(/\p{L}+/gu) ?? []) {
      if (w.length > ACTION_FORM_MAX) continue;
      const f = foldDiacritics(w);
      const set = byFold.get(f);
      if (set) set.add(w);
      else byFold.set(f, new Set([w]));
    }
  const out: string[] = [];
  for (const [word, forms] of ACTION_FORMS) {
    const same = byFold.get(word);
    if (same && ![...same].some((t) => forms.includes(t))) out.push(word);
  }
  return out;
}

/** The longest action word of ACTION_FORMS, in letters. */
const ACTION_FORM_MAX = Math.max(...[...ACTION_FORMS.keys()].map((w) => w.length));

/**
 * A Vietnamese action word of the first-issue twins (cấp "lại": re-issue) that folds like a word of the licences' own
 * names, "lái" (to drive) in "bằng lái", "giấy phép lái xe", "học lái ô tô", or like a word of the question's own,
 * "chưa" (not yet). Where the query holds the folded word only in such a place (`as`, over phraseKey), it names no
 * action: "thi bằng lái xe máy" asks for the first licence, which the re-issue and exchange (their aliases and usage
 * heavier) had overtaken.
 */
const FOLDED_NOT_ACTION: { word: string; as: RegExp }[] = [
  { word: "lai", as: /(?<= )(?:(?:bang|phep) lai|lai (?:xe|tau|o to|oto))(?= )/g },
  // "chưa" (not yet: "chưa có bằng lái"), not "chữa" of "sửa chữa" (a repair).
  { word: "chua", as: /(?<= )(?<!sua )chua(?= )/g },
];

/**
 * An age: "5 tuổi", "5 tuoi", "5 years old", "5-year-old", "aged 5", "5岁", "5周岁", "5살", "5세", "5歳", "5才"; or in
 * months, a baby's: "2 tháng tuổi", "6 months old", "3个月大", "6개월 된 아기", "생후 6개월", "6ヶ月". A Korean 개월
 * alone is a length of time, as "tháng" alone is ("워크퍼밋 기간이 2개월 남았어요", "6개월 연장"): a baby's age only
 * with 생후 before it or 된 / 짜리 / 아기 / 아이 after it. A Japanese ヶ月 / か月 alike ("ビザがあと2ヶ月で切れる", "6か月かかり
 * ますか"): a baby's age only with 生後 before it or 児 / 赤ちゃん / の子 after it ("生後6ヶ月", "3か月児", "8か月の赤ちゃん").
 * An English child's age said without a unit after the child ("my daughter is 10", "our son just turned 14", "my kid
 * will be 6"): the bare number after the child and its verb, unless a unit or a time follows ("is 10 minutes away").
 */
const BRACKET_BEFORE = /(dưới|duoi|trên|tren|đủ|du|under|below|over|above|未满|不满|满|超过)\s*$/u;
const BRACKET_AFTER =
  /^\s*(trở lên|tro len|trở xuống|and (over|above|older)|or (over|older)|plus|\+|以上|以下|未満|미만|이상|이하)/u;
const AGE =
  /(?<!\d)(\d{1,2})\s*(?:tuổi|tuoi|-?\s*years?[\s-]*old|-?\s*yrs?[\s-]*old|周岁|岁|歲|살|세|歳|才)|\baged?\s+(\d{1,2})(?!\d)|(?<!\d)(\d{1,2})\s*(?:tháng tuổi|thang tuoi|-?\s*months?[\s-]*old|个月大|개월(?=\s*(?:된|짜리|아기|아이|영아))|[ヶかカケヵ箇]月(?=\s*(?:児|赤ちゃん|赤ん坊|乳児|の\s*(?:赤ちゃん|赤ん坊|乳児|(?:男の|女の)?子|娘|息子))))|(?:생후|生後)\s*(\d{1,2})\s*(?:개월|[ヶかカケヵ箇]月)|(?<=\b(?:son|daughter|child|kid|boy|girl|baby|grandson|granddaughter|nephew|niece)\s+(?:is|turned|turns|just turned|will turn|will be|is now|now)\s+)(\d{1,2})(?![\d.,:]\d|\s*(?:months?|weeks?|days?|hours?|minutes?|mins?|km|%|am|pm|million|thousand|times?|years? (?:ago|of)|o'clock)\b)/u;

/** A household business named in a Vietnamese question's words (folded, space-padded). */
const HOUSEHOLD_BUSINESS = / ho (?:kinh doanh|ca the) | hkd /;
/** An enterprise named in a Vietnamese question's words as typed (not through a phrase's expansion). */
const TYPED_ORGANISATION = / (?:doanh nghiep|cong ty|hop tac xa|to chuc|tnhh|cty) /;
/**
 * A household business named in a Korean question: the names' 가계사업체 and 개인사업자, and the small shops run as
 * one (가게, 식당, 음식점, 카페, 노점, 자영업, 장사: a sole trader's shop is a hộ kinh doanh under Decree 168/2025/NĐ-CP,
 * where an enterprise is 회사, 법인, 기업). A Korean asker's 'my restaurant' is no company. Not the verb's 가게 (올라가게,
 * 들어가게, 나가게: 'so as to go').
 */
const HOUSEHOLD_BUSINESS_KO =
  /(?<![라어아나려너])가게|식당|음식점|카페|커피숍|노점|자영업|개인\s?사업자|가계\s?사업체|가구\s?사업체|장사|구멍가게|미용실|분식집/u;
/** An enterprise, its branch or office named in a Korean question. */
const TYPED_ORGANISATION_KO = /회사|법인|기업|지점|사무소|공장|협동조합/u;

/**
 * Query terms naming an organisation as the asker or the subject (a company, an enterprise, a cooperative, an agency,
 * a bank, an investor…): then a procedure filed by organisations only (build.ts ORGANISATIONS_ONLY) keeps its score.
 */
const ORGANISATION_WORD =
  /^[~#%]?(compan(y|ies)|enterprises?|business(es)?|firms?|organi[sz]ations?|corporations?|cooperatives?|co-?op|llc|jsc|banks?|investors?|agenc(y|ies)|factor(y|ies)|employers?|institutions?|associations?|cong_ty|doanh_nghiep|to_chuc|tac_xa|ngan_hang|dau_tu)$|公司|企业|企業|组织|組織|机构|機構|单位|合作社|银行|銀行|投资|投資|工厂|工場|会社|法人|団体|회사|기업|법인|단체|조합|은행|투자|공장/u;

/** The words (by bit) of a question naming an organisation (ORGANISATION_WORD: "my company", 公司, 회사). */
function organisationBits(q: AnalyzedQuery): number {
  let bits = 0;
  for (const t of q.terms) if (t.bits !== 0 && ORGANISATION_WORD.test(t.term)) bits |= t.bits;
  return bits;
}

/**
 * A query term naming an exemption (build.ts EXEMPTION): exempt(ion), free (duty-free, visa-free), a waiver, the
 * Vietnamese "miễn" (folded "mien", as "miền" too: then the lean is not applied), 免 (免签, 免税, 免除), 면제, 면세, 감면, 무비자;
 * and "not subject to" as the names of a work permit's exemption say it (không thuộc diện, 不属于…范围, 대상 제외, 対象外).
 */
const EXEMPT_WORD =
  /^[~#%]?(exempt|exemption|exempted|exemp|free|waiver|waive|mien|miễn)$|(^|_)(exempt\w*|free|mien)(_|$)|^thuoc_dien$|免|면제|면세|감면|무비자|제외|不属|象外/u;

/** A term of EXEMPT_WORD that may be "miền" (a region) folded as well as "miễn": it asks for no exemption alone. */
const FOLDED_MIEN = /^[~#%]?mien$|(^|_)mien(_|$)/u;

/** English verbs (as englishBase leaves them) and the action nouns the names use for them. */
const ACTION_NOUNS = new Map<string, string>([
  ["register", "registration"],
  ["renew", "renewal"],
  ["extend", "extension"],
  ["issue", "issuance"],
  ["reissue", "re-issuance"],
  ["apply", "application"],
  ["replace", "replacement"],
  ["correct", "correction"],
  ["declare", "declaration"],
  ["certify", "certification"],
  ["notarize", "notarization"],
  ["notarise", "notarization"],
  ["legalize", "legalization"],
  ["legalise", "legalisation"],
  ["exchange", "exchange"],
  ["transfer", "transfer"],
  ["terminate", "termination"],
  ["dissolve", "dissolution"],
  ["suspend", "suspension"],
  ["convert", "conversion"],
  ["establish", "establishment"],
  ["authenticate", "authentication"],
  ["recognize", "recognition"],
  ["recognise", "recognition"],
  ["adjust", "adjustment"],
  ["amend", "amendment"],
  ["notify", "notification"],
  ["resume", "resumption"],
  ["revoke", "revocation"],
  ["change", "change"],
  ["adopt", "adoption"],
]);

/** The action nouns of ACTION_NOUNS as englishBase leaves them ("registration", "renewal"), one word each. */
const ACTION_NOUN_WORDS: ReadonlySet<string> = new Set(
  [...ACTION_NOUNS.values()].filter((n) => !n.includes("-")).map((n) => englishBase(n)),
);

/**
 * The names' "object_action" pairs for each English verb followed by its object, stopwords between them skipped, and
 * for each action noun followed by "of" and its object: "registration of the birth", "issuance of a passport" (a
 * translation app's order) are the names' "birth registration", "passport issuance", which the index holds as pairs.
 */
export function actionPairs(unigrams: string[], isStop: (w: string) => boolean): string[] {
  const out: string[] = [];
  unigrams.forEach((u, i) => {
    const ofNoun = ACTION_NOUN_WORDS.has(u) && unigrams[i + 1] === "of" ? u : undefined;
    const noun = ACTION_NOUNS.get(u) ?? ofNoun;
    // "re-register the death" is no "death registration" (the names' re-registration: Searcher's re_ pair).
    if (!noun || unigrams[i - 1] === "re") return;
    for (let j = i + 1; j < unigrams.length && j <= i + 3; j++) {
      const w = unigrams[j] as string;
      if (!/^[a-z]+$/.test(w)) return;
      if (isStop(w)) continue;
      out.push(`${w}_${englishBase(noun)}`);
      // An object of two words ("extend a work permit") is the names' "permit extension" too.
      const next = unigrams[j + 1];
      if (next && /^[a-z]+$/.test(next) && !isStop(next)) out.push(`${next}_${englishBase(noun)}`);
      return;
    }
  });
  return out;
}

/**
 * The English words of a question typed only behind the prefix "re-" ("register" of 're-register a death'): no whole
 * name or alias starts at one, since the prefix makes it another act ('register a death', the alias of the death's
 * registration, is not what 're-register a death' asks, the death's re-registration is).
 */
export function reBoundWords(text: string): Set<string> {
  const lower = text.normalize("NFKC").toLowerCase();
  const bound = new Set([...lower.matchAll(/\bre-([a-z]+)/g)].map((m) => m[1] as string));
  for (const m of lower.matchAll(/(?<![a-z-])([a-z]+)/g))
    if (!/re-$/.test(lower.slice(0, m.index))) bound.delete(m[1] as string);
  return bound;
}

/** The Latin words next to `word` in the query (its corrections are not known yet: as typed). */
function neighbours(unigrams: string[], word: string): string[] {
  const out: string[] = [];
  unigrams.forEach((u, i) => {
    if (u !== word) return;
    for (const n of [unigrams[i - 1], unigrams[i + 1]]) if (n && /^[a-z0-9]/.test(n)) out.push(n);
  });
  return out;
}

/** Hangul jamo in Unicode's syllable order: initial consonants, final consonants ("" for none). */
const INITIALS = [..."ㄱㄲㄴㄷㄸㄹㅁㅂㅃㅅㅆㅇㅈㅉㅊㅋㅌㅍㅎ"];
const FINALS = ["", ..."ㄱㄲㄳㄴㄵㄶㄷㄹㄺㄻㄼㄽㄾㄿㅀㅁㅂㅄㅅㅆㅇㅈㅊㅋㅌㅍㅎ"];
/**
 * Consonants typed by a neighbouring key of the standard (2-beolsik) Korean keyboard, or with shift (ㅂ/ㅃ): a
 * consonant typo is mostly one of these. Vowels are all tried (ㅏ for ㅘ is a key left out, not a neighbour).
 */
const NEAR_KEYS = new Map<string, string[]>(
  Object.entries({
    ㅂ: "ㅈㅁㅃ",
    ㅈ: "ㅂㄷㅁㄴㅉ",
    ㄷ: "ㅈㄱㄴㅇㄸ",
    ㄱ: "ㄷㅅㅇㄹㄲ",
    ㅅ: "ㄱㄹㅎㅆ",
    ㅁ: "ㅂㅈㄴㅋ",
    ㄴ: "ㅁㅇㅈㄷㅋㅌ",
    ㅇ: "ㄴㄹㄷㄱㅌㅊ",
    ㄹ: "ㅇㅎㄱㅅㅊㅍ",
    ㅎ: "ㄹㅅㅍ",
    ㅋ: "ㅌㅁㄴ",
    ㅌ: "ㅋㅊㄴㅇ",
    ㅊ: "ㅌㅍㅇㄹ",
    ㅍ: "ㅊㄹㅎ",
    ㅃ: "ㅂ",
    ㅉ: "ㅈ",
    ㄸ: "ㄷ",
    ㄲ: "ㄱ",
    ㅆ: "ㅅ",
  }).map(([k, v]) => [k, [...v]]),
);

/**
 * Consonants that sound alike though their keys stand apart (ㅁ is A, ㅇ is D; ㅂ is Q, ㅍ is V): a plain initial and its
 * aspirated twin (ㄱ/ㅋ, ㄷ/ㅌ, ㅂ/ㅍ, ㅈ/ㅊ), and the nasal finals ㄴ, ㅁ, ㅇ, which assimilate to the next syllable
 * in speech (인증 is said like 잉증): a word typed as it is heard ('인즘서' for 인증서, '심청' for 신청) is one slip off.
 * So is an initial ㄹ said as ㄴ after a closed syllable (등록 is said 등녹, 협력 혐녁, 정류장 정뉴장: the standard
 * pronunciation rules of 표준 발음법 art. 19), typed as heard ('재등녹' for 재등록), and ㄴ typed for it back.
 */
const SOUND_INITIALS = new Map<string, string[]>(
  Object.entries({
    ㄱ: "ㅋ",
    ㅋ: "ㄱ",
    ㄷ: "ㅌ",
    ㅌ: "ㄷ",
    ㅂ: "ㅍ",
    ㅍ: "ㅂ",
    ㅈ: "ㅊ",
    ㅊ: "ㅈ",
    ㄹ: "ㄴ",
    ㄴ: "ㄹ",
  }).map(([k, v]) => [k, [...v]]),
);
const SOUND_FINALS = new Map<string, string[]>(
  Object.entries({ ㄴ: "ㅁㅇ", ㅁ: "ㄴㅇ", ㅇ: "ㄴㅁ" }).map(([k, v]) => [k, [...v]]),
);

/**
 * A Hangul syllable typed one sound mark off: its initial consonant by a neighbouring key or one sounding alike
 * (SOUND_INITIALS), any other vowel, its final consonant dropped, added, or typed with a key next to it or one
 * sounding alike (SOUND_FINALS).
 */
function syllableSlips(ch: string): string[] {
  const out: string[] = [];
  const code = (ch.codePointAt(0) as number) - 0xac00;
  if (code < 0 || code > 11171) return out;
  const initial = Math.floor(code / 588);
  const medial = Math.floor((code % 588) / 28);
  const final = code % 28;
  const syllable = (a: number, b: number, c: number) => String.fromCodePoint(0xac00 + a * 588 + b * 28 + c);
  const first = INITIALS[initial] as string;
  for (const k of [...(NEAR_KEYS.get(first) ?? []), ...(SOUND_INITIALS.get(first) ?? [])])
    out.push(syllable(INITIALS.indexOf(k), medial, final));
  for (let b = 0; b < 21; b++) if (b !== medial) out.push(syllable(initial, b, final));
  const last = FINALS[final] as string;
  const finals =
    final === 0 ? FINALS.slice(1) : ["", ...(NEAR_KEYS.get(last) ?? []), ...(SOUND_FINALS.get(last) ?? [])];
  for (const k of finals) if (FINALS.includes(k)) out.push(syllable(initial, medial, FINALS.indexOf(k)));
  return out;
}

/**
 * A Korean compound of four syllables or more typed with one syllable a sound mark off ("혼인싱고" for 혼인신고,
 * "노동허거서" for 노동허가서): the index knows no such word, nor a pair beside the slip (싱고). Read as the one
 * compound the index or the lexicon knows one slip away (syllableSlips), the most documents holding it; a compound of
 * known words written together (사망신고서) has no such twin, and a verb form (필요한지, 받으려고) none either.
 * A slip whose pairs are all words of their own ("사망신구": 망신, 신구) is read only as a compound of the lexicon,
 * the everyday words the glossary holds (사망신고), and only where no slip beside an unknown pair is.
 * `df` is the index's document frequency, `known` the lexicon's words.
 */
export function compoundSlip(
  word: string,
  df: (term: string) => number,
  known: (word: string) => boolean,
): { word: string; pairs: [string, string][] } | null {
  const chars = [...word];
  if (chars.length < 4 || chars.length > 8 || !/^[\uac00-\ud7a3]+$/u.test(word)) return null;
  const pairDf = chars.slice(1).map((c, i) => df(`${chars[i]}${c}`));
  let best: { word: string; pairs: [string, string][] } | null = null;
  let bestDf = -1;
  if (df(word) > 0 || known(word)) return null;
  for (const lexiconOnly of [false, true]) {
    if (best) break;
    for (let k = 0; k < chars.length; k++) {
      const around = [k - 1, k].filter((i) => i >= 0 && i < chars.length - 1);
      if (!lexiconOnly && !around.some((i) => pairDf[i] === 0)) continue;
      for (const slip of syllableSlips(chars[k] as string)) {
        const fixed = [...chars.slice(0, k), slip, ...chars.slice(k + 1)];
        const whole = fixed.join("");
        const d = df(whole);
        if (lexiconOnly ? !known(whole) : d === 0 && !known(whole)) continue;
        if (d > bestDf) {
          bestDf = d;
          best = {
            word: whole,
            pairs: around.map((i): [string, string] => [
              `${chars[i]}${chars[i + 1]}`,
              `${fixed[i]}${fixed[i + 1]}`,
            ]),
          };
        }
      }
    }
  }
  return best;
}

/**
 * A Korean word of three syllables ending in 서, a paper's suffix (증서, 인증서, 허가서, 확인서), not only a verb's
 * ending (나서): '인즘서' is 인증서 typed as heard, and is corrected where the index knows the word it slips from.
 */
const KOREAN_PAPER = /^[\uac00-\ud7a3]{2}서$/u;

/** A Korean word ending like a verb form or a particle (받기, 해요, 주면, 나서, 사는, 집에): no noun to correct. */
const KOREAN_INFLECTED = /[기요면서는나고니다죠에의도만]$/u;

const KATAKANA_VOICING = new Map<string, string[]>();
for (const [plain, ...marked] of [
  ..."カガ キギ クグ ケゲ コゴ サザ シジ スズ セゼ ソゾ タダ チヂ ツヅ テデ トド ウヴ".split(" "),
  ..."ハバパ ヒビピ フブプ ヘベペ ホボポ".split(" "),
].map((g) => [...g])) {
  const group = [plain as string, ...marked];
  for (const c of group)
    KATAKANA_VOICING.set(
      c,
      group.filter((o) => o !== c),
    );
}

/**
 * The loanwords of two kana the catalogue's Japanese names write as words of their own (a katakana run of two kana
 * between kanji or punctuation), counted over the names on 2026-12-07: ガス 49 names, ビザ 12, ダム, リグ, フエ, ブイ,
 * エコ 4, トン, ドン, ヒト, バス 2, コメ, ミニ, キー, パリ 1.
 */
const KATAKANA_NAME_WORDS: ReadonlySet<string> = new Set([
  "ガス",
  "ビザ",
  "ダム",
  "リグ",
  "フエ",
  "ブイ",
  "エコ",
  "トン",
  "ドン",
  "ヒト",
  "バス",
  "コメ",
  "ミニ",
  "キー",
  "パリ",
]);

/**
 * The names' loanword of two kana a word typed alone is one voicing mark from (ビサ → ビザ, カス → ガス), or null: a word
 * the names write itself (バス, not パス) is read as typed.
 */
export function katakanaNameWord(word: string): string | null {
  if (KATAKANA_NAME_WORDS.has(word)) return null;
  for (const v of cjkVariants(word)) if (KATAKANA_NAME_WORDS.has(v)) return v;
  return null;
}

/** ヴ and the small vowel after it as the plain row the names write (ヴィザ is ビザ, ヴェトナム ベトナム). */
const VU_ROW: Record<string, string> = { ァ: "バ", ィ: "ビ", ゥ: "ブ", ェ: "ベ", ォ: "ボ", "": "ブ" };

/**
 * The word of `known` a katakana run stands for where typed with a slip of its long vowels or of ヴ, or null: ヴ read as
 * the plain row (ヴィザ → ビザ), then one long-vowel mark dropped (ビーザ → ビザ, パースポート → パスポート) or added (パスポト →
 * パスポート; after a run of two kana only at its end: コピ → コピー), or one small ッ dropped or added (ワークパーミト → ワークパーミット).
 * A run of three kana or more (two for a long vowel added at its end), the run itself no word of `known`: a word
 * typed right (ビル, セル) is never read as another.
 */
export function katakanaSlip(run: string, known: ReadonlySet<string>): string | null {
  const chars = [...run];
  if (chars.length < 2 || known.has(run)) return null;
  const plain = run.replace(/ヴ([ァィゥェォ]?)/gu, (_, v: string) => VU_ROW[v] ?? "ブ");
  if (plain !== run && known.has(plain)) return plain;
  const c = [...plain];
  const at = (i: number, put: string, drop: number) => [...c.slice(0, i), put, ...c.slice(i + drop)].join("");
  if (c.length === 2) return c[1] !== "ー" && known.has(`${plain}ー`) ? `${plain}ー` : null;
  for (let i = 0; i < c.length; i++)
    if ((c[i] === "ー" || c[i] === "ッ") && known.has(at(i, "", 1))) return at(i, "", 1);
  for (let i = 1; i <= c.length; i++) {
    if (c[i - 1] === "ー" || c[i] === "ー") continue;
    if (known.has(at(i, "ー", 0))) return at(i, "ー", 0);
    if (i < c.length && c[i - 1] !== "ッ" && c[i] !== "ッ" && known.has(at(i, "ッ", 0)))
      return at(i, "ッ", 0);
  }
  return null;
}

/**
 * A CJK query's character pairs straddling two words ("宅建" in 住宅建筑许可: 住宅 | 建筑), told by the pairs on either
 * side: a pair whose neighbours (the pair ending with its first character, the pair starting with its last) a
 * procedure matches is taken as matched there. A first issuance whose translated name words the same thing
 * otherwise (独立住宅颁发新建建筑许可证) matched every word its extension did (独立住宅建筑许可证延期) but that one, and
 * was not the twin the extension stays behind.
 */
export function cjkJunctions(words: string[]): (bits: number) => number {
  const han = /^\p{Script=Han}{2}$/u;
  const inner: [number, number, number][] = [];
  for (let i = 1; i + 1 < words.length && i < 31; i++) {
    const [a, b, c] = [words[i - 1] as string, words[i] as string, words[i + 1] as string];
    if (han.test(a) && han.test(b) && han.test(c) && a[1] === b[0] && b[1] === c[0])
      inner.push([i - 1, i, i + 1]);
  }
  if (inner.length === 0) return () => 0;
  return (bits) => {
    let out = 0;
    for (const [p, i, n] of inner) if (bits & (1 << p) && bits & (1 << n)) out |= 1 << i;
    return out;
  };
}

/**
 * The forms of a query word one sound mark away: a Korean word of two or three syllables with one jamo changed (a
 * vowel, a consonant for one on a neighbouring key, a final consonant dropped or added: 비지 → 비자, 교한 → 교환), a
 * katakana pair with a voicing mark added, dropped or changed (ビサ → ビザ). Empty for
 * anything else.
 */
export function cjkVariants(word: string): string[] {
  const chars = [...word];
  const out: string[] = [];
  if (/^[\uac00-\ud7a3]{2,3}$/u.test(word)) {
    chars.forEach((ch, i) => {
      for (const s of syllableSlips(ch)) out.push([...chars.slice(0, i), s, ...chars.slice(i + 1)].join(""));
    });
  } else if (/^[\p{Script=Katakana}\u30fc]{2}$/u.test(word)) {
    chars.forEach((ch, i) => {
      for (const o of KATAKANA_VOICING.get(ch) ?? [])
        out.push([...chars.slice(0, i), o, ...chars.slice(i + 1)].join(""));
    });
  }
  return out;
}

/**
 * The English plurals of a query as typed, by the base analyze() made of them ("vias" → via): from its exact forms
 * ("~vias"), which keep an inflected word as typed.
 */
function pluralsAsTyped(exact: string[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const e of exact) {
    const typed = e.slice(1);
    if (/^[a-z]+s$/.test(typed)) {
      const base = englishBase(typed);
      if (base !== typed) out.set(base, typed);
    }
  }
  return out;
}

/** An age bracket: below an age ("dưới 14", "under 14", "未满14岁", "14세 미만", "14歳未満") or from it ("từ đủ 14", "14 trở lên", "满14岁", "14세 이상"). */
const AGE_UNIT = String.raw`\s*(?:tuổi|tuoi|years?(?:\s+old)?|yrs?|周岁|岁|歲|歳|才|세|살)?\s*`;
/**
 * A number before a unit other than years of age is no bracket: "dưới 20 năm công tác", "trên 50 triệu", "dưới 10 lao
 * động", "đủ 15 năm đóng bảo hiểm" ("tháng tuổi", a baby's age, is one).
 */
const NOT_AGE_UNIT = String.raw`(?!\d|\s*(?:năm|nam|tháng(?!\s*tuổi)|thang(?!\s*tuoi)|ngày|ngay|tuần|tuan|giờ|gio|phút|phut|triệu|trieu|tr|tỷ|ty|ngàn|ngan|nghìn|nghin|k|đồng|dong|đ|m2|m²|m|km|ha|lần|lan|%|người|nguoi|lao động|lao dong|years? of|months?|days?|hours?|million|thousand)(?:\s|$|[,.;:!?)]))`;
const UNDER_BEFORE = new RegExp(
  String.raw`(?:dưới|duoi|chưa đủ|chua du|chưa tròn|chua tron|chưa tới|chua toi|chưa đến|chua den|under|below|younger than|未满|不满|不到)\s*(\d{1,2})${NOT_AGE_UNIT}`,
  "u",
);
const UNDER_AFTER = new RegExp(
  String.raw`(?<!\d)(\d{1,2})${AGE_UNIT}(?:trở xuống|tro xuong|or under|and under|or younger|以下|未満|未满|미만|이하)`,
  "u",
);
const OVER_BEFORE = new RegExp(
  String.raw`(?:từ đủ|tu du|trên|tren|over|above|older than|年满|满|超过)\s*(\d{1,2})${NOT_AGE_UNIT}`,
  "u",
);
const OVER_AFTER = new RegExp(
  String.raw`(?<!\d)(\d{1,2})${AGE_UNIT}(?:trở lên|tro len|and over|or over|and older|or older|以上|이상)`,
  "u",
);

/** Ages written in kanji numerals as digits ("十四歳" → "14歳", "二十岁" → "20岁"), so the age patterns read them. */
function kanjiAges(text: string): string {
  return text.replace(
    /([一二三四五六七八九]?十[一二三四五六七八九]?|[一二三四五六七八九])(?=周岁|岁|歲|歳|才)/gu,
    (numeral) => {
      const [tens, ones] = numeral.includes("十") ? numeral.split("十") : ["", numeral];
      const t = tens === undefined ? 0 : numeral.includes("十") ? (KANJI_DIGITS[tens] ?? 1) : 0;
      return String(t * 10 + (ones ? (KANJI_DIGITS[ones] ?? 0) : 0));
    },
  );
}

/**
 * The word pairs a corrected typo takes part in ("work permti" → work_permit, "trademak registration" →
 * trademark_registration): the pair of the words as typed is in no name, the corrected one is. Latin words only, in
 * query order, as analyze() pairs them.
 */
function correctedPairs(unigrams: string[], fixes: ReadonlyMap<string, string>): string[] {
  if (fixes.size === 0) return [];
  const out: string[] = [];
  let previous: string | null = null;
  let previousFixed = false;
  for (const u of unigrams) {
    if (!/^[a-z0-9]/.test(u)) {
      previous = null;
      continue;
    }
    const fix = fixes.get(u);
    if (previous !== null && (fix || previousFixed)) out.push(`${previous}_${fix ?? u}`);
    previous = fix ?? u;
    previousFixed = fix !== undefined;
  }
  return out;
}

/**
 * A Vietnamese question telling what is already done or held, then what is wanted now (folded): "đã có X rồi, giờ
 * muốn Y", "X xong rồi giờ muốn Y", "đã X, bây giờ cần Y". Group 1 is what is done.
 */
const DONE_THEN =
  /^(.*\b(?:da|xong|roi)\b.*?)\s(?:gio|bay gio|bh|h|nay|gio day)\s(?:(?:toi|em|minh|tui|e|t|chung toi|nha minh)\s)?(?:lai\s)?(?:muon|can|dinh|phai|xin|lam|dang ky|dk)\b/;
/** The weight kept by the words said only of what the asker has already done (DONE_THEN). */
const DONE_WEIGHT = 0.5;

/** The weight kept by the words of a life event's phrase naming who asks, and their synonyms' (analyzeQuery). */
const ASKER_SYNONYM = 0.5;

/** A life event's phrase leaving less than this IDF share of the question's words is the whole question. */
const EVENT_REST_SHARE = 0.25;
/**
 * The words outside a life event's phrase name something when a procedure matches at least this share of those any
 * procedure found matches.
 */
const EVENT_REST_ANSWERED = 0.5;
/** A procedure of the event matching this share of those words (against the best match) keeps its whole bonus. */
const EVENT_REST_KEEP = 0.5;
/** A posting worth this share of its term's best one says the word in a name or an alias, surely (saysBeyond). */
const NAME_SAYS = 0.6;

/**
 * The share of the first place's score a procedure saying the act a paper's state calls for must reach to take that
 * place (Searcher.liftStatedActs).
 */
const STATED_ACT_REACH = 0.35;

/**
 * An English question's words (as read: stems) saying the state of a paper or an act on it (policy.ts
 * heldStateActs): lost, stolen, expired, old, damaged; replace, renew, re-issue, exchange, extend, revoke, new.
 */
const STATE_OR_ACT_WORD =
  /^(?:lost|los\w*|miss\w*|misplac\w*|stolen|stole|thie\w*|pickpocket\w*|robb\w*|snatch\w*|gone|find|expir\w*|old|damag\w*|broken|crack\w*|torn|worn|fad\w*|peel\w*|unreadabl\w*|replac\w*|renew\w*|new|another|reissu\w*|re|issu\w*|exchang\w*|swap\w*|extend\w*|extens\w*|prolong\w*|revok\w*|revoc\w*)$/u;

/** A posting worth this share of its term's best one says the word in a name or an alias (restOfEvent). */
const EVENT_REST_NAMED = 0.3;
/**
 * The IDF from which a word beside a life event's phrase is distinctive (distinctiveBits): at most about a dozen of
 * the catalogue's 5,600 procedures hold it (비자면제증, 連れ子, 公証, 해지), where the words questions of an event
 * repeat (application, 申請, address, 연결) are in hundreds. Measured at 4, 5, 6, 6.5 and 7 on the evaluation sets: 6
 * gains most and loses least.
 */
const EVENT_DISTINCTIVE_IDF = 6;
/**
 * The share of a life event's first procedure's score by its words (before the event's bonus) a procedure saying a
 * distinctive word beside the event must reach to take its place (liftNamedOverEvents). At 0.5, '买地过户手续' (a
 * land transfer) found a vehicle's transfer, whose Chinese name says 过户.
 */
const EVENT_NAMED_REACH = 0.8;
/** EVENT_NAMED_REACH where the act named beside the event is the acknowledgement read or typed (liftNamedOverEvents). */
const EVENT_ACT_REACH = 0.5;
/**
 * The share of the first place's score a procedure saying the action typed needs in liftNamedActions when the
 * question types the action as a word of its own that weighs in the coverage (a Japanese or Korean word: 再発行, 交換,
 * 延長, 재발급; not a verb's one-kanji stem before its kana, 直したい, which weighs nothing): such a word says the act
 * as firmly as a Vietnamese 'cấp lại'. The first issuance's aliases and usage held its place against the re-issue
 * asked for ('医師の免許の再発行': the transition-period licence, 1.012289, whose aliases say 看護師免許 whole, at twice
 * the score of its re-issue, 1.012290), where RankOptions.namedActionReach (0.7) asks the re-issue to come close.
 * Measured: dev10 ja hit@1 122 → 124 of 150, every other set and language unchanged (at 0.5 for every question, a
 * Chinese question of dev7 and a Japanese one of dev11 asking to fix a record with 直したい were lost).
 */
const NAMED_ACTION_FIRM_REACH = 0.5;
/**
 * The least share of a first place's text score a procedure naming the direction of trade a Chinese question asks must
 * score to take its place (liftTradeDirection).
 */
const TRADE_DIRECTION_REACH = 0.5;
/** English words (as englishBase leaves them) that say a territorial scope: no one-province twin is lifted then. */
const SCOPE_SAID: ReadonlySet<string> = new Set([
  "province",
  "provincial",
  "nationwide",
  "national",
  "countrywide",
  "several",
  "multiple",
  "across",
  "many",
  "city",
  "cities",
  "region",
  "whole",
  "country",
  "all",
]);
/** Chinese and Japanese words of a territorial scope (全国, 跨省, 複数, 各省, 省内…), as SCOPE_SAID's (liftOneProvince). */
const HAN_SCOPE_SAID = /全国|全土|跨省|多省|多个|各省|省内|本省|複数|地方|以上|二つ|両省/u;
/** The least share of the multi-province first place's score its one-province twin must reach (liftOneProvince). */
const ONE_PROVINCE_REACH = 0.4;
/** The words of a domestic and of an international scope, as a question's words hold them (liftScope). */
const SCOPE_WORDS: readonly (readonly [string, string])[] = [
  ["domestic", "international"],
  ["国内", "国际"],
  ["国内", "国際"],
  ["국내", "국제"],
];
/** The share of a first place's text score a procedure granting an exemption asked must reach (liftExemptions). */
const EXEMPTION_REACH = 0.5;
/** How far down the candidates liftMarked looks for a procedure marked for the asker's stay. */
const MARKED_RANKS = 6;
/** The share of the first place's score that procedure must reach to take it (liftMarked). */
const MARKED_REACH = 0.05;
/** A word in Latin letters of two or more (a code typed in a CJK question: RCEP, EUR.1, ABTC), for liftLatinCodes. */
const LATIN_CODE = /^[a-z][a-z0-9.]+$/;
/** A word in CJK script. */
const CJK_WORD = /[\p{Script=Han}\p{Script=Hangul}\p{Script=Katakana}]/u;
/** The share of the first place's score a procedure saying a Latin code must reach to take it (liftLatinCodes). */
const LATIN_CODE_REACH = 0.4;
/**
 * Words naming a person beside the asker in English, Chinese, Korean or Japanese (kin, spouse, partner, colleague):
 * beside a life event they say whose event it is, not which procedure ('my wife's father passed away in Hanoi' asks
 * for the death's registration, though the acknowledgement of parents and children names "father"), as PARTY_WORDS
 * do in Vietnamese.
 */
const PERSON_WORD =
  /^(?:father|mother|parents?|dad|mom|mum|wife|husband|spouse|son|daughter|brother|sister|grand\w*|in-laws?|uncle|aunt|nephew|niece|colleague|coworker|friend|girlfriend|boyfriend|fianc\w*|relatives?|citizens?)$|父|母|妻|夫|爸|妈|婆|公公|儿子|女儿|息子|娘|兄|弟|姉|妹|同事|同僚|朋友|友人|家属|家族|家人|岳|彼女|彼氏|아내|남편|와이프|아버|어머|아빠|엄마|부모|장인|장모|시아|시어|아들|딸|동료|친구|여친|남친|가족/u;

/**
 * The words of a question's other clauses than a life event's phrase (eventApart), bar those naming a person
 * (PERSON_WORD) or a foreign party (`party`), however common: a clause of its own beside the event's says what is
 * asked, the event the asker's situation ('I retired to Nha Trang on a tourist visa and it runs out next week' asks
 * for the stay's extension, not the pension; '结婚五年了，想在越南申请永久居留' for the permanent residence card, not the
 * marriage's registration), where in the event's own clause only a distinctive word does (distinctiveBits: 'apply
 * for my pension' asks for the pension). The event's procedures then keep their bonus by how much of those words
 * they say (restOfEvent).
 */
function apartBits(q: AnalyzedQuery, e: number, party = 0): number {
  const apart = q.eventApart?.[e] ?? 0;
  let bits = 0;
  q.words.forEach((w, i) => {
    if (apart & (1 << i) && !PERSON_WORD.test(w) && !(party & (1 << i))) bits |= 1 << i;
  });
  return bits;
}

/**
 * Where a question's clauses part: punctuation, and a conjunction joining two clauses (English and, but, so,
 * because; Japanese けど, けれど, ので, のに; Korean -는데, -지만, -아서/-어서/-해서; Chinese 但是, 可是, 所以, 因为).
 * Not a conditional ("アパートを借りたら住所の届け出": what is asked is the event's own procedure), measured.
 */
const CLAUSE_BREAK =
  /[,，、。.!?？！;；]|\s(?:and|but|so|because)\s|けど|けれど|ので|のに|는데|지만|해서|어서|아서|但是|可是|所以|因为/u;

/** A question's clauses (CLAUSE_BREAK), in NFKC lower case. */
function clausesOf(query: string): string[] {
  return query
    .normalize("NFKC")
    .toLowerCase()
    .split(CLAUSE_BREAK)
    .map((c) => c.trim())
    .filter(Boolean);
}

/** Whether a clause holds a word: a Latin one from a word's start (a stem: "retir" of "retired"), any other inside. */
function clauseHolds(clause: string, word: string): boolean {
  if (!/^[a-z0-9]/.test(word)) return clause.includes(word);
  const at = clause.indexOf(word);
  for (let i = at; i >= 0; i = clause.indexOf(word, i + 1))
    if (i === 0 || !/[\p{L}\p{N}]/u.test(clause[i - 1] as string)) return true;
  return false;
}

/**
 * The words (by bit) a question holds only in other clauses than the one holding a life event's phrase `key` (its
 * first part, for a phrase whose parts stand apart); none for a question of one clause, or a phrase found only in a
 * reading of the question (a correction, a synonym).
 */
function otherClauses(clauses: readonly string[], key: string, words: readonly string[]): number {
  if (clauses.length < 2) return 0;
  const first = (key.split(APART)[0] as string).trim().toLowerCase();
  const own = clauses.filter((c) => c.includes(first));
  if (own.length === 0) return 0;
  const other = clauses.filter((c) => !c.includes(first));
  let bits = 0;
  words.forEach((w, i) => {
    if (other.some((c) => clauseHolds(c, w)) && !own.some((c) => clauseHolds(c, w))) bits |= 1 << i;
  });
  return bits;
}

/**
 * The words of a question a life event's procedures must answer for when the event is what is asked (not a
 * situation): the distinctive ones (EVENT_DISTINCTIVE_IDF), bar those naming a person (PERSON_WORD) or, through the
 * lexicon, a foreign party (`party`, Searcher foreignPartyBits: 日本人, "Korean"). Where some
 * procedure beside the event says them, the event's procedures keep their bonus only in proportion to how much of
 * them their names or aliases say (restOfEvent): '連れ子を養子にしたい' asks for a stepparent's adoption (1.004878), not
 * the adoption event's domestic adoption; '賃貸契約書の公証' for a contract's notarisation, not the renting event's
 * residence registration; '전기 계약 해지' brings the electricity contract's termination (3.000102) up beside the
 * event's change of the contract's party, above its new connections. A question whose other words are common
 * ('年金の受給を申請したい', 'I want to apply for my pension') keeps the event's whole bonus. Not for a Vietnamese
 * question: its lexicon's phrases say which of its words name something (collect), where a syllable's IDF says little
 * ("sổ hộ khẩu" a marriage's asker says they lack).
 */
function distinctiveBits(q: AnalyzedQuery, party = 0): number {
  let bits = 0;
  q.words.forEach((w, i) => {
    if ((q.wordIdf[i] as number) >= EVENT_DISTINCTIVE_IDF && !PERSON_WORD.test(w) && !(party & (1 << i)))
      bits |= 1 << i;
  });
  return bits;
}

/**
 * Vietnamese words (folded) that say who a question's other party is: a foreigner (người nước ngoài), the kin who is
 * one (bố, mẹ, vợ, chồng…) and the pronoun "e" (em typed short). Beside a life event they name no procedure, nor
 * does a span of time said in passing ("được 1 tuần"): "con mới sinh mà bố là người nước ngoài" asks for the birth
 * registration with a foreign element, though the interlinked registration's long text holds "bố" and "người" too.
 */
const PARTY_WORDS: ReadonlySet<string> = new Set([
  "nguoi",
  "nuoc",
  "ngoai",
  "bo",
  "me",
  "cha",
  "ba",
  "vo",
  "chong",
  "ong",
  "anh",
  "chi",
  "e",
]);

/** Units of a span of time said with a number ("1 tuần", "3 tháng"). */
const TIME_UNITS: ReadonlySet<string> = new Set(["ngay", "tuan", "thang", "nam"]);

/** The bits of a question's words that are PARTY_WORDS, and of a number with the unit of time after it. */
function partyBits(words: readonly string[]): number {
  let bits = 0;
  words.forEach((w, i) => {
    const next = words[i + 1];
    if (PARTY_WORDS.has(w)) bits |= 1 << i;
    else if (/^\d+$/.test(w) && next !== undefined && TIME_UNITS.has(next)) bits |= (1 << i) | (1 << (i + 1));
  });
  return bits;
}

/**
 * A question typed with its diacritics: at least ACCENTED_LEAST of its Latin words carry them, and at least
 * ACCENTED_SHARE of them do (a Vietnamese sentence leaves a third or so of its syllables bare: "cho", "xin", "con").
 */
export function typedWithDiacritics(analyzed: Analyzed): boolean {
  let latin = 0;
  for (const u of analyzed.unigrams) if (/^[a-z]/.test(u)) latin++;
  let marked = 0;
  for (const e of analyzed.exact) if (foldDiacritics(e.slice(1)) !== e.slice(1)) marked++;
  return marked >= ACCENTED_LEAST && marked >= ACCENTED_SHARE * latin;
}
const ACCENTED_LEAST = 2;
const ACCENTED_SHARE = 0.5;

/**
 * The stopword test for one analysed text: each folded word is checked against the forms it was typed in with
 * diacritics (lexicon.ts isStopword), so "thẻ" (card), "bảo" (bảo hiểm) and "căn" (căn cước) survive while "cần" and
 * "tại" go. In a question typed with its diacritics (typedWithDiacritics), a word typed without them is the word as typed: a
 * stopword only where that bare form is listed ("cho", "xin"), not where it folds to one. "thu" of "thu hồi", "thu
 * nhập" is no "thủ" (of thủ tục), "minh" of "chứng minh" no "mình", "di" of "di chúc", "di dời" no "đi", "thi" of "dự
 * thi", "thi hành án" no "thì", "tai" of "tai nạn" no "tại": read as the stopwords, "xin giấy xác nhận thu nhập"
 * searched for "xác nhận … nhập" and found import registrations. Typed without any diacritics, a question's words
 * stay ambiguous and the folded stopwords apply.
 */
function stopTest(
  lexicon: CompiledLexicon,
  analyzed: Analyzed,
  lang: Language | null,
  /** Read bare words in a question typed with diacritics as typed (above); without, as their folds. */
  asTyped = true,
) {
  const bare = asTyped && typedWithDiacritics(analyzed);
  const typed = new Map<string, string[]>();
  for (const e of analyzed.exact) {
    const form = e.slice(1);
    // An English inflection ("does", "needs") is kept as typed too, but it is no form with diacritics: its base is
    // tested like any other word.
    const folded = foldDiacritics(form);
    if (folded === form) continue;
    const key = englishBase(folded);
    typed.set(key, [...(typed.get(key) ?? []), form]);
  }
  const stop = (word: string) => {
    const forms = typed.get(word) ?? [];
    if (bare && forms.length === 0 && /^[a-z]+$/.test(word) && lexicon.stopwordsVi.folded.has(word))
      return lexicon.stopwordsVi.exact.has(word);
    return isStopword(lexicon, word, forms, lang);
  };
  // A word marked whole (WHOLE, an expansion's Korean word standing alone) is a stopword where the word is one.
  return (word: string) => stop(word.startsWith(WHOLE) ? word.slice(1) : word);
}

/**
 * The words of the lexicon's English phrases (English bases, as their keys hold them) that are no Vietnamese syllable
 * of the names nor a word of a Vietnamese phrase: everyday English the names do not write ("stolen", "motorbike",
 * "paternity"), for the language detector (LanguageDetector, enBases).
 */
export function englishPhraseWords(lexicon: CompiledLexicon, viWords: readonly string[]): Set<string> {
  const vietnamese = new Set([...viWords, ...lexicon.phraseWords.vi]);
  return new Set(lexicon.phraseWords.en.filter((w) => !vietnamese.has(w)));
}

/** Optimal-string-alignment distance (adjacent swaps count one), stopping early once every path exceeds `max`. */
export function damerauLevenshtein(a: string, b: string, max: number): number {
  const n = a.length;
  const m = b.length;
  if (Math.abs(n - m) > max) return max + 1;
  let prev2 = new Array<number>(m + 1).fill(0);
  let prev = Array.from({ length: m + 1 }, (_, j) => j);
  let cur = new Array<number>(m + 1).fill(0);
  for (let i = 1; i <= n; i++) {
    cur[0] = i;
    let rowMin = i;
    for (let j = 1; j <= m; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min((prev[j] as number) + 1, (cur[j - 1] as number) + 1, (prev[j - 1] as number) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        v = Math.min(v, (prev2[j - 2] as number) + 1);
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    [prev2, prev, cur] = [prev, cur, prev2];
  }
  return prev[m] as number;
}

/**
 * A Chinese pair whose first character ends a pair read for a homophone's slip just before it in the question (急证 of
 * 残急证明, where 残急 was read 残疾): the pair with that character as read (疾证); undefined where no slip read it as
 * another.
 */
export function carriedSlip(
  pair: string,
  text: string,
  fixes: readonly [string, string][],
): string | undefined {
  const [a, b] = [...pair] as [string, string];
  const typed = text.normalize("NFKC").toLowerCase();
  for (const [was, read] of fixes) {
    const [, second] = [...was];
    const [, meant] = [...read];
    if (second !== a || meant === undefined || meant === a || !typed.includes(`${was}${b}`)) continue;
    return `${meant}${b}`;
  }
  return undefined;
}
