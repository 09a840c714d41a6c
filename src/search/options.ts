/**
 * Every knob of the engine in one object. Its hash is written into the index header: an index built with other
 * options is refused at load time instead of silently ranking with weights it was not built for.
 */

export interface FieldSpec {
  /** BM25F field weight. */
  weight: number;
  /** BM25 length normalisation for this field. */
  b: number;
  /** Index adjacent word pairs and stems (names, aliases and other short descriptive fields). */
  bigrams: boolean;
  /** Index exact-diacritic forms and phonetic pairs (names and aliases only). */
  exact: boolean;
}

export const FIELD_NAMES = ["name", "alias", "summary", "field", "result", "agency", "documents"] as const;
export type FieldName = (typeof FIELD_NAMES)[number];

export interface IndexOptions {
  fields: Record<FieldName, FieldSpec>;
  k1: number;
  /**
   * Postings worth less than this share of the best posting (common words deep in document lists) are dropped:
   * they never decide a rank, and they are a third of the index.
   */
  minPostingShare: number;
  /** Document text is long and repetitive; the first part says what the dossier is about. */
  maxDocumentChars: number;
  /** Initialisms derived from the catalogue's phrases ("giấy chứng nhận" → gcn): how many words, how often seen. */
  initialisms: { minWords: number; maxWords: number; minDocs: number };
  /** BM25F weight of a name or alias taken whole as one term (a query holding the whole name). */
  wholeName: number;
  /**
   * Index each Korean word of two syllables standing alone, and each such part of a compound the catalogue's own
   * words spell, as a marked term of its own ("^아이", normalize.ts WHOLE, wholePieces): a pair inside an unrelated
   * longer word (아이 of 아이디어) is then told from the word.
   */
  wholeWords: boolean;
}

/** Ranking knobs, tuned on the evaluation set (test/search/eval-queries.json). */
export interface RankOptions {
  /** How much the portal's usage weight lifts a procedure: score × (1 + prior × normalized log weight). */
  prior: number;
  expansion: number;
  exact: number;
  typo: number;
  phonetic: number;
  /**
   * The weight of an English word pair holding a function word ("to put", "residence to", "for my": query.ts
   * gluedEnglish), against a pair of two words' 1: glue matched by one unrelated name outweighed the question's words.
   */
  gluedPair: number;
  stem: number;
  /** Weight of the phrase an initialism stands for, relative to a word typed in full. */
  initialism: number;
  /** Weight of a procedure's whole name found in the query. */
  wholeName: number;
  /**
   * The share of a typed Korean word of two syllables matched as the word standing alone (IndexOptions.wholeWords);
   * the rest as the pair it also is inside longer words (아이 of 아이디어). Its coverage stays with the pair.
   */
  wholeWord: number;
  /** Score share kept by a document matching none of the query words; the rest grows with coverage^power. */
  coverageFloor: number;
  coveragePower: number;
  /** Documents under this share of the best score never make the list. */
  candidateFloor: number;
  /**
   * Variants of one procedure within this share of the best variant's score are ordered by the asker's likely level
   * (commune, then province, then ministry) rather than by score: their texts differ only in the level's name.
   */
  variantMargin: number;
  /**
   * A term that stands for no query word (a lexicon expansion, a word pair, an exact or phonetic form) adds to its
   * best this-many documents only (postings are impact-ordered): it refines a ranking, it does not decide which
   * documents are candidates, and reading its whole list is most of a broad query's time as the catalogue grows
   * ("sổ đỏ" expands to giấy chứng nhận quyền sử dụng đất, words in half the catalogue). 2,000 reads every list whole
   * on today's catalogue.
   */
  extraPostings: number;
  /**
   * The prior of a question asked in English, Chinese, Korean or Japanese: the portal's usage weights count mostly
   * Vietnamese citizens, and a foreigner asking in their language most likely needs the procedure for foreigners
   * (a foreign trader's representative office, not a Vietnamese enterprise's). A procedure of the investor set is
   * lifted by `investor`, one for foreigners by `foreign` (AUDIENCE_INVESTOR, AUDIENCE_FOREIGN in build.ts; both
   * multiply), each in proportion to the share of the query it matches: a lean between good answers, not a reason
   * to show a procedure for foreigners that matches little.
   */
  foreignReader: { investor: number; foreign: number };
  /**
   * The score share a province's own copy of a national procedure keeps (SearchIndexData.local, policy.ts
   * isLocalCopy): it applies in one province only, so the nationwide record comes first where both match, also when
   * their names differ enough to make two variant groups ("Chuyển mục đích sử dụng đất (cấp xã)", one province's,
   * beside the national "Giao đất, cho thuê đất, chuyển mục đích sử dụng đất …").
   */
  localCopy: number;
  /**
   * Score kept by a procedure acting on a licence or registration one already holds (SECONDARY_ACTION in build.ts:
   * re-issue, extension, adjustment, termination…) when it matches no query word the best first-issuance procedure
   * misses: a question that names no such action most likely asks for the licence itself.
   */
  secondaryAction: number;
  /**
   * A Vietnamese lexicon phrase is an everyday name for the catalogue's words ("sổ đỏ" = giấy chứng nhận quyền sử
   * dụng đất, "sang tên sổ đỏ" = đăng ký biến động, chuyển nhượng): like a synonym, documents holding the words of
   * its meaning cover the query words it spans, but only through terms in at most this share of the documents
   * ("đăng ký", in a third of the names, says nothing of "sang tên sổ đỏ"). Not in the other languages: their
   * glossaries' entries are mostly associations ("丢失" → 补发, a loss leads to a reissue) rather than meanings, and
   * measured they lost as much as they gained.
   */
  viPhraseCoverShare: number;
  /**
   * The weight of what a lexicon phrase whose parts stand apart means ("sổ đỏ … sai" = đính chính giấy chứng nhận):
   * it names the document and the action together, and must outweigh the aliases that match the document's everyday
   * name alone (every procedure on the certificate has "sổ đỏ" among them). Also the weight of a Vietnamese phrase
   * refining a shorter one found with it ("cccd cho con" beside "cccd", lexicon.ts refines) and of an age's brackets.
   */
  apartExpansion: number;
  /**
   * An age typed refines among the documents the rest of the question finds (query.ts ageCap): a document keeps what
   * the age adds to its score (its brackets and the age's words) in proportion to its score without the age against
   * the best score without it, times the share of the rest of the question it matches against the best match, raised
   * to `power`; one whose name's bracket the age falls outside keeps `outside` of its score without the age. A bracket
   * typed ("dưới 6 tuổi") keeps what it adds: it is the names' own wording.
   */
  ageRefine: { power: number; outside: number };
  /**
   * A procedure whose name grades by stars (build.ts starGradesOf) none of the grades a question names (policy.ts
   * starsAsked) is held at this share of the best one of a grade named (query.ts holdOtherGrades): "3 star hotel"
   * asks for the province's grading of one to three stars, not the ministry's of four and five, used far more.
   */
  gradeLead: number;
  /**
   * A query word counts as covered by a document (its coverage bit) only where the posting that matched it reaches
   * this share of the term's best posting. A term's postings differ mostly by the field it was found in (names 10,
   * aliases 12, summary 0.5, documents 0.25): a word found only in a record's list of documents, or in one long
   * summary, still adds to the score but no longer counts like a word of the name ("外国人" in the summary of the
   * Vietnamese driving-licence exchange, beside the foreigners' own exchange).
   */
  coverMinShare: number;
  /**
   * `coverMinShare` for the coverage factor of a Japanese question (the bits the rules between siblings and the life
   * events compare keep `coverMinShare`). A Japanese question is read in character pairs, and a curated record's
   * Japanese summary holds the pairs of nearly any question's everyday words (後見人 in the residence records'
   * summaries, 申請 in most): found there, a word covered the question for the curated record where the national
   * record asked for said it only in its machine-translated name, and the curated one came first ('後見人 登録' found
   * the residence information declaration 1.010040 before the guardianship registration 1.004837; 'AJフォーム … 申請'
   * the curated form X before the AJ certificate 1.000432). Measured 0.3 and 0.4 on the Japanese sets: 0.4 won more.
   */
  japaneseCoverShare: number;
  /**
   * A procedure acting on a licence one already holds (re-issue, exchange, extension…) keeps at most this share of
   * the score of its first issuance (build.ts firstIssueTwins) when the query names no such action (no word that
   * tells the two apart, typed or through the lexicon) and the first issuance matches every query word it matches:
   * its aliases and usage often outweigh the first issuance's ("work permit" found the re-issue first).
   */
  firstIssueLead: number;
  /**
   * When the query names a foreign party (policy.ts FOREIGN_MARKS: "nước ngoài", "foreign", 外国, 涉外, 외국…, or a
   * nationality through the glossary), a procedure's twin with a foreign element (build.ts foreignTwins) scores at
   * least the procedure's score over this: the marriage or the licence exchange "có yếu tố nước ngoài" / "của người
   * nước ngoài" takes the place of the domestic one, whose aliases and usage otherwise outweigh it.
   */
  foreignElementLead: number;
  /**
   * Score kept by a procedure filed abroad or recording an event a foreign authority handled (build.ts
   * AUDIENCE_ABROAD) when the question names neither a foreign party nor being abroad (policy.ts ABROAD_MARKS).
   */
  abroadLean: number;
  /**
   * Score kept by a procedure that exempts from something (build.ts EXEMPTION) when the question names no exemption,
   * and by one that exempts from nothing when the question names one (query.ts EXEMPT_WORD).
   */
  exemptionLean: number;
  /**
   * Score kept by a procedure for those entitled to diplomatic privileges and immunities (build.ts PRIVILEGED) when the
   * question names no diplomat, mission or immunity (query.ts DIPLOMATIC_SAID): everyone's twin first.
   */
  privilegedLean: number;
  /**
   * Score kept by a procedure whose name says it is for foreigners (build.ts FOREIGNERS_NAMED) when a question asked in Vietnamese
   * names no foreign party (policy.ts FOREIGN_MARKS): the citizen's variant first ("kích hoạt định danh mức 2" found
   * the foreigners' level-2 electronic identification first).
   */
  foreignLean: number;
  /**
   * Weight of the names' "object action" pair an English verb and its object stand for ("register the death" →
   * death_registration, "renew my passport" → passport_renewal): the pair says which procedure, where the verb alone
   * matches every registration.
   */
  actionPair: number;
  /**
   * An English synonym ("motorbike licence" = driving licence, "certify translation" = certification of translator
   * signature) says what the words it spans mean: its meaning's terms weigh `meaning` (not the `expansion` of a mere
   * association), and the spanned words its meaning covers keep `words` of their weight, read as the phrase rather
   * than alone ("motorbike" of "motorbike licence" found the motorbike's registration, whose aliases say "motorbike"
   * and "licence plate", before the licence).
   */
  synonymRead: { meaning: number; words: number };
  /**
   * Score kept by a procedure acting on a licence one already holds (SECONDARY_ACTION) when the question says the
   * asker holds none yet or asks for the first time (query.ts FIRST_TIME: "never had one", "first time").
   */
  firstTimeLean: number;
  /**
   * Score kept by a procedure filed by organisations only (build.ts ORGANISATIONS_ONLY) when the question names no
   * organisation (query.ts ORGANISATION_WORD) and a procedure a person files matches every query word it matches: the
   * person's twin first ('legal aid' → the request for legal aid, not law firms' registration to provide it).
   */
  organisationLean: number;
  /**
   * Score kept by a procedure named for an enterprise, a company or a cooperative (build.ts ENTERPRISE_NAMED) when the
   * question names a household business and, as typed, no enterprise (query.ts HOUSEHOLD_BUSINESS): the household
   * business's own procedure first ('hộ kinh doanh bị mất giấy phép kinh doanh' → its certificate re-issued, 2.000575).
   */
  householdLean: number;
  /**
   * Score kept by a procedure joining others filed on their own too (COMBINED in build.ts: "Liên thông … đăng ký khai
   * sinh, đăng ký thường trú, cấp thẻ bảo hiểm y tế", "Đăng ký khai sinh kết hợp đăng ký nhận cha, mẹ, con") when the
   * best procedure that joins none matches every query word it matches: a question naming one of them asks for that
   * one ('出生届の提出' found the joined birth, residence and insurance procedure, 2.000986, before the birth
   * registration, 1.001193; '父の認知' the birth registration joined with the acknowledgement, 1.000689, before the
   * acknowledgement, 1.001022).
   */
  combinedLean: number;
  /**
   * A question typing the action it asks (Searcher liftNamedActions): a procedure whose name or aliases say it, matching
   * every query word the first place matches and scoring at least this share of it, takes that place from a first
   * place saying no action ('cấp lại chứng nhận đăng ký xe bị mất' found the vehicle's first registration, whose usage
   * weight is the portal's largest, above its re-issue). Lower, a lost passport asked in Japanese found the re-issued
   * "AB" stamp (なくし read as a re-issue) above the loss report.
   */
  namedActionReach: number;
  /**
   * A question in Chinese, Korean or Japanese saying no action on something held (Searcher leadPlainSiblings): a
   * procedure of the first place's field whose name says no such action, matching every query word the first place
   * matches and scoring at least this share of it, takes that place from a first place whose name says one (a
   * re-issue, an exchange, a change: '外国律师事务所设立' found the re-issue of the licence, 1.001979, above the licence,
   * 2.000851).
   */
  plainSiblingReach: number;
}

export interface EngineOptions {
  index: IndexOptions;
  rank: RankOptions;
}

export const DEFAULT_OPTIONS: EngineOptions = {
  index: {
    fields: {
      name: { weight: 10, b: 0.75, bigrams: true, exact: true },
      alias: { weight: 12, b: 0.5, bigrams: true, exact: true },
      summary: { weight: 0.5, b: 0.75, bigrams: true, exact: false },
      field: { weight: 1.5, b: 0.75, bigrams: true, exact: false },
      result: { weight: 1.2, b: 0.75, bigrams: true, exact: false },
      agency: { weight: 0.8, b: 0.75, bigrams: false, exact: false },
      documents: { weight: 0.25, b: 0.9, bigrams: false, exact: false },
    },
    k1: 1.2,
    minPostingShare: 0.035,
    maxDocumentChars: 600,
    initialisms: { minWords: 2, maxWords: 5, minDocs: 5 },
    wholeName: 10,
    wholeWords: true,
  },
  rank: {
    prior: 0.6,
    expansion: 0.7,
    exact: 0.35,
    typo: 0.8,
    phonetic: 0.6,
    gluedPair: 0.5,
    stem: 0.6,
    initialism: 0.8,
    wholeName: 2,
    wholeWord: 0.5,
    coverageFloor: 0.25,
    coveragePower: 2,
    candidateFloor: 0.05,
    variantMargin: 0,
    extraPostings: 2000,
    foreignReader: { investor: 0, foreign: 0.15 },
    localCopy: 0.8,
    secondaryAction: 0.95,
    viPhraseCoverShare: 0.05,
    apartExpansion: 3.5,
    ageRefine: { power: 1, outside: 0.8 },
    gradeLead: 0.98,
    coverMinShare: 0.2,
    japaneseCoverShare: 0.4,
    firstIssueLead: 0.98,
    foreignElementLead: 0.98,
    abroadLean: 0.8,
    exemptionLean: 0.7,
    privilegedLean: 0.6,
    foreignLean: 0.9,
    actionPair: 2,
    synonymRead: { meaning: 1, words: 0.5 },
    firstTimeLean: 0.6,
    organisationLean: 0.85,
    householdLean: 0.6,
    combinedLean: 0.95,
    namedActionReach: 0.7,
    plainSiblingReach: 0.7,
  },
};

/** JSON with keys sorted at every depth, so the hash does not depend on the order options were written in. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (value !== null && typeof value === "object")
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`)
      .join(",")}}`;
  return JSON.stringify(value);
}

/** cyrb53 over the canonical JSON: 53 bits as hex, plenty to tell option sets apart, and pure JS for Workers. */
export function optionsHash(options: EngineOptions): string {
  const text = canonical(options);
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(16).padStart(14, "0");
}
