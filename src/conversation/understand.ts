/**
 * The understanding step: decides what a message is before anything is searched. Emergencies come first,
 * whatever else the message says; then a dossier code, a choice from the list on screen, a request for a
 * person, feedback, a life event, a question about the procedure shown last, small talk and junk; only what is
 * left is a procedure request. Intents and phrasings are data (data/conversation/*.json), matched by rules
 * and lexicons (see phrases.ts for why, and docs/ARCHITECTURE.md for the comparison that chose them).
 */
import * as z from "zod";
import combinationsData from "../../data/conversation/combinations.json" with { type: "json" };
import elsewhereData from "../../data/conversation/elsewhere.json" with { type: "json" };
import emergenciesData from "../../data/conversation/emergencies.json" with { type: "json" };
import fillerData from "../../data/conversation/filler.json" with { type: "json" };
import followupsData from "../../data/conversation/followups.json" with { type: "json" };
import handoffData from "../../data/conversation/handoff.json" with { type: "json" };
import introductionsData from "../../data/conversation/introductions.json" with { type: "json" };
import lifeEventsData from "../../data/conversation/life-events.json" with { type: "json" };
import scopeData from "../../data/conversation/scope.json" with { type: "json" };
import smalltalkData from "../../data/conversation/smalltalk.json" with { type: "json" };
import teencodeData from "../../data/conversation/teencode.json" with { type: "json" };
import provincesData from "../../data/terms/provinces.json" with { type: "json" };
import { LANGUAGES, type Language, procedureCodeSchema } from "../catalogue/index.ts";
import { foldDiacritics, KANJI_DIGITS } from "../text.ts";
import {
  type CompiledPhrases,
  cover,
  isCjk,
  PhraseIndex,
  type PhraseMatch,
  type Prepared,
  prepare,
  takeLongest,
} from "./phrases.ts";

export const EMERGENCY_CLASSES = ["fire", "crime", "medical", "selfharm", "fraud", "general"] as const;
export type EmergencyClass = (typeof EMERGENCY_CLASSES)[number];
export const FOLLOWUP_SECTIONS = [
  "documents",
  "fees",
  "cheaper",
  "time",
  "agency",
  "steps",
  "online",
  "result",
  "legal",
  "link",
  /** How long the result is valid: what the record says of it, else that it says nothing, then the result. */
  "validity",
] as const;
export type AskedSection = (typeof FOLLOWUP_SECTIONS)[number];
export const SMALLTALK_ACTS = [
  "greeting",
  "thanks",
  "ack",
  "bye",
  "help",
  "whoami",
  "compliment",
  /** "tôi buồn quá", "I feel lonely", "好累": a kind word, and where to turn; no procedure. */
  "feelings",
] as const;
export type SmalltalkAct = (typeof SMALLTALK_ACTS)[number];

const COMBINATION_INTENTS = [
  "handoff",
  "feedbackDown",
  "feedbackUp",
  "whoami",
  "compliment",
  "outOfScope",
  "dossierStatus",
] as const;
type CombinationIntent = (typeof COMBINATION_INTENTS)[number];

/**
 * The schemas of data/conversation. npm run build runs them (validateConversationData, through buildPhrases) and
 * so do the tests; a runtime trusts the bundled files and never builds or runs a schema at start-up (a fresh
 * Worker spent part of its global scope on them).
 */
function conversationSchemas() {
  const phrases = z.array(z.string().min(1));
  return {
    emergencies: z.object({
      /** Words of something happening now or of a plea: beside a danger concept they make it count. */
      urgency: phrases,
      /** Someone in the scene ("có người", "my son", "有人", "아버지가", "母が"): beside a danger concept it counts. */
      person: phrases,
      /**
       * Aspect words ("đang", "vừa", "bị"): paired with a one-syllable danger word they match typed without
       * diacritics ("vua no", "lua dang"), where the word alone is too many other words.
       */
      aspect: phrases,
      /** Words of a procedure request (a permit, a re-issue, a benefit): they keep danger concepts from counting. */
      procedureFrame: phrases,
      classes: z.record(
        z.enum(EMERGENCY_CLASSES),
        z.object({
          number: z.string().regex(/^\d{3}$/),
          urgent: phrases,
          weak: phrases,
          unless: phrases,
          /** Danger concepts by name: two different concepts of a class together count as one urgent phrase. */
          concepts: z.record(z.string(), phrases).optional(),
          /**
           * Concepts that say little alone ("ate", "a battery"; for fraud a message, a link, a payment, "is this
           * real"): they count only beside another concept of the class, or three of them together.
           */
          partial: z.array(z.string()).optional(),
        }),
      ),
    }),
    lifeEvents: z
      .object({
        /** Words that name the writer or the other party as a foreigner: they turn a journey into its foreignTwin. */
        foreigner: phrases,
        events: z.array(
          z.object({
            id: z.string().regex(/^[a-z0-9-]+$/),
            /** The journey a foreigner needs instead, when the message names one ("get married as a foreigner"). */
            foreignTwin: z.string().optional(),
            /**
             * The journey's procedures are citizens' (residence registration): a message that names a foreigner and
             * has no foreignTwin to go to is searched as a request (a foreigner's stay is declared otherwise).
             */
            citizensOnly: z.boolean().optional(),
            /**
             * The steps are ways to choose between (the kinds of company), not stages in order: the one the message's
             * search ranks first is listed first.
             */
            oneOf: z.boolean().optional(),
            triggers: phrases,
            /**
             * Words that tell who the asker or the other party is ("my Vietnamese girlfriend", "越南老婆"): the event
             * alone when nothing else is said, and only the asker's situation beside another request ("越南老婆护照丢了"
             * is a lost passport, not a wedding).
             */
            persona: phrases.optional(),
            unless: phrases,
            steps: z.array(procedureCodeSchema).min(1),
          }),
        ),
      })
      .refine(
        (l) =>
          l.events.every((e) => e.foreignTwin === undefined || l.events.some((t) => t.id === e.foreignTwin)),
        "a foreignTwin names an unknown life event",
      ),
    followups: z
      .object({
        sections: z.record(z.enum(FOLLOWUP_SECTIONS), phrases),
        /** One-syllable words of a part that match only as typed with their diacritics ("giá", not "gia"). */
        strict: phrases,
        /** Words holding a part's word that ask nothing about it ("xã hội", "đấu giá", "law firm"). */
        unless: phrases,
        /** Part words that ask only in a message naming nothing else; beside a request, the asker's situation. */
        alone: phrases,
        /** Beside a province's name, with something on screen: where to file it ("làm ở hà nội được không"). */
        placeAsk: phrases,
      })
      .refine(
        (f) =>
          [...f.strict, ...f.alone].every((w) => Object.values(f.sections).some((list) => list?.includes(w))),
        "a 'strict' or 'alone' word is no part's word",
      ),
    smalltalk: z.object({ acts: z.record(z.enum(SMALLTALK_ACTS), phrases) }),
    handoff: z.object({ handoff: phrases, negative: phrases, positive: phrases, correction: phrases }),
    scope: z.object({ outOfScope: phrases, injection: phrases }),
    filler: z.object({ latin: phrases, cjk: phrases }),
    combinations: z
      .object({
        groups: z.record(z.string().regex(/^[a-zA-Z]+$/), phrases),
        rules: z.array(
          z.object({
            intent: z.enum(COMBINATION_INTENTS),
            all: z.array(z.string()).min(1),
            /** Only about a card on screen, and not when the message asks for a section of it. */
            onCard: z.boolean().optional(),
          }),
        ),
      })
      .refine(
        (c) => c.rules.every((r) => r.all.every((g) => g in c.groups)),
        "a rule names an unknown group",
      ),
    teencode: z.object({ words: z.record(z.string(), z.string()) }),
    elsewhere: z.object({
      note: z.string(),
      reviewed: z.string(),
      review: z.string(),
      entries: z
        .array(
          z.object({
            id: z.string().regex(/^[a-z0-9-]+$/),
            /** 'elsewhere': answered instead of a search; 'note': shown above the search's answer. */
            kind: z.enum(["elsewhere", "note"]),
            /** Only for messages read in these languages (all when absent). */
            langs: z.array(z.enum(LANGUAGES)).optional(),
            /** A phrase of each group must appear, in any order. */
            all: z.array(phrases.min(1)).min(1),
            unless: phrases,
            text: z.object(
              Object.fromEntries(LANGUAGES.map((l) => [l, z.string().min(1)])) as {
                [L in (typeof LANGUAGES)[number]]: z.ZodString;
              },
            ),
            /** Procedures of the national database offered as buttons. */
            related: z.array(procedureCodeSchema),
            /** A guided journey (data/investor/journeys.json) offered as a button. */
            journey: z.string().optional(),
            sources: z
              .array(
                z.object({
                  title: z.string().min(1),
                  document: z.string().optional(),
                  url: z.string().url().optional(),
                }),
              )
              .min(1),
          }),
        )
        .refine((list) => new Set(list.map((e) => e.id)).size === list.length, "two entries share an id")
        .refine(
          (list) => list.every((e) => e.kind === "note" || !e.langs),
          "only a note is kept to some languages",
        ),
    }),
    introductions: z.object({ note: z.string(), markers: phrases, persona: phrases, places: phrases }),
  };
}
type Schemas = ReturnType<typeof conversationSchemas>;
type Data<K extends keyof Schemas> = z.output<Schemas[K]>;

const emergencies = emergenciesData as Data<"emergencies">;
const followups = followupsData as Data<"followups">;
const smalltalk = smalltalkData as Data<"smalltalk">;
const handoff = handoffData as Data<"handoff">;
const scope = scopeData as Data<"scope">;
const filler = fillerData as Data<"filler">;
const combinations = combinationsData as Data<"combinations">;
const teencode = teencodeData as Data<"teencode">;
const introductions = introductionsData as Data<"introductions">;
/** Asks that belong elsewhere (a bank, another country's embassy) and notes on papers that no longer exist. */
export const ELSEWHERE = (elsewhereData as Data<"elsewhere">).entries;
export type ElsewhereEntry = (typeof ELSEWHERE)[number];
export const LIFE_EVENTS = (lifeEventsData as Data<"lifeEvents">).events;

/** Runs every schema of data/conversation over its file (npm run build and the tests; never a runtime). */
export function validateConversationData(): void {
  const schemas = conversationSchemas();
  const files: { [K in keyof Schemas]: unknown } = {
    emergencies: emergenciesData,
    lifeEvents: lifeEventsData,
    followups: followupsData,
    smalltalk: smalltalkData,
    handoff: handoffData,
    scope: scopeData,
    filler: fillerData,
    combinations: combinationsData,
    teencode: teencodeData,
    introductions: introductionsData,
    elsewhere: elsewhereData,
  };
  for (const key of Object.keys(schemas) as (keyof Schemas)[]) {
    const result = schemas[key].safeParse(files[key]);
    if (!result.success) throw new Error(`data/conversation (${key}): ${z.prettifyError(result.error)}`);
  }
}
export type LifeEvent = (typeof LIFE_EVENTS)[number];

/** What one matched phrase means. */
type Tag =
  | {
      t: "emergency";
      c: EmergencyClass;
      strength: "urgent" | "weak";
      concept: string | null;
      /** Paired with an aspect word of the present ("đang bốc khói"): framed as happening now. */
      now: boolean;
    }
  | { t: "emergencyUnless"; c: EmergencyClass }
  | { t: "urgency" }
  | { t: "person" }
  | { t: "procedureFrame" }
  | { t: "section"; s: AskedSection; strict?: true; alone?: true }
  /** Words that hold a part's word and ask nothing about it (followups.json "unless"). */
  | { t: "sectionUnless" }
  | { t: "smalltalk"; a: SmalltalkAct }
  | { t: "handoff" }
  | { t: "feedback"; up: boolean }
  /** Words that put right what was understood ("ý tôi là", "I meant", "我问的是"): a new request follows. */
  | { t: "correction" }
  | { t: "outOfScope" }
  | { t: "injection" }
  /** `persona`: a phrase of the event's 'persona' list (who someone is), not a trigger. */
  | { t: "event"; id: string; persona?: true }
  | { t: "eventUnless"; id: string }
  /** A phrase of group `part` of an entry of elsewhere.json, or one of its 'unless' phrases. */
  | { t: "elsewhere"; id: string; part: number }
  | { t: "elsewhereUnless"; id: string }
  /** The writer or the other party named as a foreigner (life-events.json "foreigner"). */
  | { t: "foreigner" }
  | { t: "filler" }
  | { t: "group"; g: string }
  /** Who is speaking ("I'm", "tôi là", "我是"), and who and where they are ("foreigner", "living in", "Da Nang"). */
  | { t: "intro" }
  | { t: "persona" }
  /** A province or city ("Hà Nội", "Da Nang", "胡志明市"). */
  | { t: "place" }
  /** Words that ask whether it can be done there ("được không", "can I do it in", "可以吗"). */
  | { t: "placeAsk" };

/** A one-syllable Vietnamese word with diacritics ("nổ", "lửa"): typed without them it is many other words. */
const ONE_MARKED_SYLLABLE = /^[\p{L}]+$/u;
const isOneMarkedSyllable = (phrase: string) =>
  ONE_MARKED_SYLLABLE.test(phrase) && phrase !== foldDiacritics(phrase) && !isCjk(phrase);

function* dangerEntries(c: EmergencyClass, concept: string | null, list: string[]) {
  for (const phrase of list) {
    const value: Tag = { t: "emergency", c, strength: "weak", concept, now: false };
    yield { phrase, value };
    // "vua no", "lua dang", "dang boc khoi": the aspect word beside a Vietnamese danger word says which word was
    // meant, typed without diacritics too, and an aspect word of the present ("đang", "vừa") frames it as now.
    if (isCjk(phrase) || phrase === foldDiacritics(phrase)) continue;
    const single = isOneMarkedSyllable(phrase);
    for (const a of emergencies.aspect) {
      const framed: Tag = { ...value, now: emergencies.urgency.includes(a) };
      yield { phrase: `${a} ${phrase}`, value: framed };
      if (single) yield { phrase: `${phrase} ${a}`, value: framed };
    }
  }
}

function* entries(): Generator<{ phrase: string; value: Tag }> {
  for (const phrase of emergencies.urgency) yield { phrase, value: { t: "urgency" } };
  for (const phrase of emergencies.person) yield { phrase, value: { t: "person" } };
  for (const phrase of emergencies.procedureFrame) yield { phrase, value: { t: "procedureFrame" } };
  for (const c of EMERGENCY_CLASSES) {
    const k = emergencies.classes[c];
    if (!k) continue;
    for (const phrase of k.urgent)
      yield { phrase, value: { t: "emergency", c, strength: "urgent", concept: null, now: false } };
    yield* dangerEntries(c, null, k.weak);
    for (const [concept, list] of Object.entries(k.concepts ?? {})) yield* dangerEntries(c, concept, list);
    for (const phrase of k.unless) yield { phrase, value: { t: "emergencyUnless", c } };
  }
  const strict = new Set(followups.strict);
  const alone = new Set(followups.alone);
  for (const s of FOLLOWUP_SECTIONS)
    for (const phrase of followups.sections[s] ?? []) {
      const value: Tag = { t: "section", s };
      if (strict.has(phrase)) value.strict = true;
      if (alone.has(phrase)) value.alone = true;
      yield { phrase, value };
    }
  for (const phrase of followups.unless) yield { phrase, value: { t: "sectionUnless" } };
  for (const a of SMALLTALK_ACTS)
    for (const phrase of smalltalk.acts[a] ?? []) yield { phrase, value: { t: "smalltalk", a } };
  for (const phrase of handoff.handoff) yield { phrase, value: { t: "handoff" } };
  for (const phrase of handoff.negative) yield { phrase, value: { t: "feedback", up: false } };
  for (const phrase of handoff.correction) yield { phrase, value: { t: "correction" } };
  for (const phrase of handoff.positive) yield { phrase, value: { t: "feedback", up: true } };
  for (const phrase of scope.outOfScope) yield { phrase, value: { t: "outOfScope" } };
  for (const phrase of scope.injection) yield { phrase, value: { t: "injection" } };
  for (const e of LIFE_EVENTS) {
    for (const phrase of e.triggers) yield { phrase, value: { t: "event", id: e.id } };
    for (const phrase of e.persona ?? []) yield { phrase, value: { t: "event", id: e.id, persona: true } };
    for (const phrase of e.unless) yield { phrase, value: { t: "eventUnless", id: e.id } };
  }
  for (const e of ELSEWHERE) {
    for (const [part, list] of e.all.entries())
      for (const phrase of list) yield { phrase, value: { t: "elsewhere", id: e.id, part } };
    for (const phrase of e.unless) yield { phrase, value: { t: "elsewhereUnless", id: e.id } };
  }
  for (const phrase of (lifeEventsData as Data<"lifeEvents">).foreigner)
    yield { phrase, value: { t: "foreigner" } };
  for (const phrase of [...filler.latin, ...filler.cjk]) yield { phrase, value: { t: "filler" } };
  for (const [g, list] of Object.entries(combinations.groups))
    for (const phrase of list) yield { phrase, value: { t: "group", g } };
  for (const phrase of introductions.markers) yield { phrase, value: { t: "intro" } };
  for (const phrase of [...introductions.persona, ...introductions.places])
    yield { phrase, value: { t: "persona" } };
  for (const phrase of provinceNames()) yield { phrase, value: { t: "place" } };
  for (const phrase of followups.placeAsk) yield { phrase, value: { t: "placeAsk" } };
}

/** The provinces' names in five languages, also without the city or province word of the CJK names (하노이시 → 하노이). */
function provinceNames(): string[] {
  const out = new Set<string>();
  for (const e of (provincesData as { entries: Record<string, unknown>[] }).entries)
    for (const lang of ["vi", "en", "zh", "ko", "ja"]) {
      const name = e[lang];
      if (typeof name !== "string" || name.trim() === "") continue;
      const plain = name.replace(/[（(][^）)]*[）)]/gu, "").trim();
      out.add(plain);
      out.add(plain.replace(/(?:市|省|시|성)$/u, ""));
    }
  return [...out].filter((n) => n.length >= 2);
}

export interface EmergencyHit {
  kind: EmergencyClass;
  number: string;
}

/** What a message is. `query` is what is left to search for once the words of the intent are taken out. */
export type Understanding =
  | { kind: "empty" }
  | { kind: "emergency"; emergencies: EmergencyHit[]; rest: string }
  /** A procedure of the list on screen by its number or its place ("the second one", "第一个要多久"). */
  | { kind: "choice"; n: number; sections?: AskedSection[] }
  | { kind: "handoff"; question: string }
  /** Where one's own dossier stands, asked without its code. */
  | { kind: "dossierStatus" }
  | { kind: "feedback"; up: boolean }
  | { kind: "injection" }
  | { kind: "outOfScope" }
  /** Something done elsewhere than a public office (a bank account, another country's visa): where, and why. */
  | { kind: "elsewhere"; entry: ElsewhereEntry }
  /** `more`: the message says more than the event (words that may name one of its steps). */
  | { kind: "lifeEvent"; event: LifeEvent; more: boolean }
  | { kind: "followup"; sections: AskedSection[] }
  | { kind: "smalltalk"; act: SmalltalkAct }
  | { kind: "junk" }
  /** `notes`: entries of elsewhere.json of kind 'note' the message calls for (a household book abolished). */
  | {
      kind: "procedure";
      query: string;
      sections: AskedSection[];
      notes?: ElsewhereEntry[];
      /** The message as typed, where words asking for a part were taken out of `query`. */
      whole?: string;
    };

/** Words for staff or a person (combinations.json group 'staff') written in CJK scripts. */
const CJK_STAFF = (combinations.groups.staff ?? []).filter(isCjk);

/** A CJK phrase that is a word for staff or a person with at most a two-character particle after it. */
function bareStaffWord(key: string): boolean {
  return CJK_STAFF.some((w) => key.startsWith(w) && key.length - w.length <= 2);
}

/** Tags of phrases that name a thing of public services (a paper, an insurance, a place, a life event). */
const NAMING_TAGS: Tag["t"][] = [
  "procedureFrame",
  "elsewhere",
  "elsewhereUnless",
  "event",
  "eventUnless",
  "place",
];

/** Where a CJK phrase stands in the text, at every place. */
function placesOf(text: string, key: string): number[] {
  const out: number[] = [];
  for (let at = text.indexOf(key); at >= 0; at = text.indexOf(key, at + 1)) out.push(at);
  return out;
}

/**
 * A CJK danger phrase that, wherever it stands, reaches across the edge of another phrase found in the message is a
 * piece of that phrase and the next word, not the danger: "保本" (a principal guaranteed, bait) in "社保本补办" is
 * 社保 and 本 (the social insurance book). Only phrases that name something count as the other phrase: filler and
 * frames of speech overlap danger words as they are said ("我想" of "我想死").
 */
function straddling(text: string, m: PhraseMatch<Tag>, matches: PhraseMatch<Tag>[]): boolean {
  const key = m.cjk;
  if (key === null) return false;
  const others = matches.filter((n) => n.cjk !== null && n.cjk !== key && NAMING_TAGS.includes(n.value.t));
  const spans = others.flatMap((n) => {
    const other = n.cjk as string;
    return placesOf(text, other).map((at) => ({ from: at, to: at + other.length }));
  });
  const places = placesOf(text, key);
  return (
    places.length > 0 &&
    places.every((from) => {
      const to = from + key.length;
      // Overlapping, and neither holding the other.
      return spans.some(
        (o) =>
          o.from < to && from < o.to && !(o.from <= from && o.to >= to) && !(from <= o.from && to >= o.to),
      );
    })
  );
}

/**
 * A hiragana word of two kana in the urgency list ("いま", now; "すぐ", at once) is that word where it starts one: at
 * the start of a run, after a character of another script, or after a particle ("母はいま"). After other kana it is a
 * piece of a verb's ending: the "いま" of "なくしてしまいました" (have lost) tells nothing happening now. The te-form
 * endings of the list ("てる", "ている", "ています") are endings by design.
 */
function kanaWordStarts(cjk: string, word: string): boolean {
  if (!/^[\u3041-\u309f]{2}$/u.test(word) || word.startsWith("て")) return true;
  for (let at = cjk.indexOf(word); at >= 0; at = cjk.indexOf(word, at + 1)) {
    const before = cjk[at - 1];
    if (before === undefined || !/[\u3041-\u309f]/u.test(before) || KANA_PARTICLES.includes(before))
      return true;
  }
  return false;
}
const KANA_PARTICLES = "をがはにでもとのへや";

/** A danger concept alone ("tai nạn", "cứu với", "cháy!") counts in a message this short. */
const BARE_EMERGENCY_MAX_WORDS = 3;
/** A web address or a bare domain ("csgt-vn.top", "https://vneid-gov.online/pay"): a link in a fraud message. */
const LINK_TOKEN =
  /^(?:https?:\/\/)?(?:[a-z0-9-]+\.)+(?:com|net|org|info|biz|vn|top|online|xyz|site|vip|club|shop|store|click|link|live|life|app|io|co|cc|me|tk|ml|ga|cf|gq|pw|icu|cyou|buzz|asia|work|fun|gov)(?:[/?#:]\S*)?$/i;
const CHOICE = /^\s*(?:s[oố]\s*|no\.?\s*|#|第|번호\s*)?(\d{1,2})\s*(?:[.)]|번|号|番)?\s*$/iu;

/**
 * Places in a list said in words, on the text lower-cased and without diacritics: the captured word is read by
 * ordinalNumber; "last" is the list's last. Each pattern holds the ordinal's own frame (a 'the', 'cái', '第…个',
 * '번째', '番目'), so a bare "first" or "hai" is no choice.
 */
const ORDINAL_PATTERNS: [RegExp, "word" | "last" | "first"][] = [
  [
    /\b(?:cai|thu tuc|muc|lua chon|phuong an|loai|so|con)\s+thu\s+(nhat|hai|ba|tu|bon|nam|sau|bay|tam|chin|muoi|\d{1,2})\b/u,
    "word",
  ],
  // "thứ hai" alone is the second; in a sentence it is Monday ("thứ hai tôi đến nộp được không").
  [
    /^\s*thu\s+(nhat|hai|ba|tu|bon|nam|sau|bay|tam|chin|muoi|\d{1,2})(?:\s+(?:nhe|nha|a|ak|di|ban))?[\s.!?]*$/u,
    "word",
  ],
  [/\b(?:cai|thu tuc|muc|lua chon|phuong an|loai|con)\s+(?:cuoi cung|cuoi)\b/u, "last"],
  [/\b(?:cai|thu tuc|muc|lua chon|phuong an|loai|con)\s+dau(?:\s+tien)?\b/u, "first"],
  [
    /\bthe\s+(first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|1st|2nd|3rd|[4-9]th|10th)(?!\s+(?:time|times|page|step|day))(?:\s+(?:one|option|item|procedure|link))?\b/u,
    "word",
  ],
  [
    /^\s*(first|second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|1st|2nd|3rd|[4-9]th|10th)\s+(?:one|option|item|procedure)\b/u,
    "word",
  ],
  [/\b(?:number|option|item)\s+(one|two|three|four|five|six|seven|eight|nine|ten|\d{1,2})\b/u, "word"],
  [/\bthe\s+last(?:\s+(?:one|option|item|procedure))?\b/u, "last"],
  // "第一次" is a first time: a classifier, or "第二" alone.
  [/第\s*([一二两三四五六七八九十]|\d{1,2})\s*(?:个|個|项|項|条|條|种|種|号|號)/u, "word"],
  [/^\s*第\s*([一二两三四五六七八九十]|\d{1,2})[\s。！？!?]*$/u, "word"],
  [/最后(?:一|那)?(?:个|個|项|項|条|條)|最後(?:一|那)?(?:個|个|項|项|条|條)/u, "last"],
  [/(첫|두|세|네|다섯|여섯|일곱|여덟|아홉|열|\d{1,2})\s*번째/u, "word"],
  [/마지막\s*(?:거|것|꺼|번|절차)/u, "last"],
  [/([一二三四五六七八九十]|\d{1,2})\s*(?:番目|つ目)/u, "word"],
  [/最初の(?:もの|手続き?|やつ|方)|最初のもの/u, "first"],
  [/最後の(?:もの|手続き?|やつ|方)/u, "last"],
];

const ORDINAL_MAX_CHARS = 120;

const ORDINAL_WORDS: Record<string, number> = {
  nhat: 1,
  hai: 2,
  ba: 3,
  tu: 4,
  bon: 4,
  nam: 5,
  sau: 6,
  bay: 7,
  tam: 8,
  chin: 9,
  muoi: 10,
  first: 1,
  second: 2,
  third: 3,
  fourth: 4,
  fifth: 5,
  sixth: 6,
  seventh: 7,
  eighth: 8,
  ninth: 9,
  tenth: 10,
  "1st": 1,
  "2nd": 2,
  "3rd": 3,
  "10th": 10,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  ...KANJI_DIGITS,
  两: 2,
  十: 10,
  첫: 1,
  두: 2,
  세: 3,
  네: 4,
  다섯: 5,
  여섯: 6,
  일곱: 7,
  여덟: 8,
  아홉: 9,
  열: 10,
};

function ordinalNumber(word: string, listed: number): number | null {
  if (word === "last") return listed;
  if (word === "first") return 1;
  if (/^\d{1,2}$/.test(word)) return Number(word);
  const th = /^([4-9])th$/.exec(word);
  if (th) return Number(th[1]);
  return ORDINAL_WORDS[word] ?? null;
}

/** Words around an ordinal that ask nothing ("i want", "please", "cho tôi", "요", "です"). */
const ORDINAL_FILLER =
  /\b(?:i want|i'd like|i would like|i mean|please|pls|ok|okay|yes|the|one|cho toi|cho minh|toi chon|minh chon|chon|lay|a|ak|nhe|nha|di|ban oi|ad oi)\b|[,.!?。！？、]|(?:要|吧|呢|吗|嗎|我要|请|請)|(?:요|이요|입니다|으로|로|할게요|주세요)|(?:です|をお願いします|お願いします|で|を)/gu;

/** A message that is only a web address (or a few of them). */
const URL_ONLY = /^(?:\s*(?:https?:\/\/|www\.)[^\s]*)+\s*$/i;
const PROCEDURE_CODE = /(?<![\d.])\d\.\d{6}(?![\d])/;
/** A run of Hangul syllables (prepare joins the words of a Korean message into one run). */
const HANGUL_RUN = /^\p{Script=Hangul}+$/u;

export interface UnderstandContext {
  /** Procedures listed on screen (a number or a follow-up refers to them). */
  listed: number;
  /** A procedure card is on screen (praise and complaints are about it). */
  onCard?: boolean;
  /** The reply's language, as the conversation read it (Vietnamese when absent). */
  lang?: Language;
  /**
   * The names (folded, lower case) of the procedure the whole message finds first, or null: consulted only where
   * words that ask for a part of a procedure stand beside words that name one, so a part's word inside the name
   * asked for ("gia hạn" is no "giá", "在留期間" no 期間 of the processing time, "thời hạn sử dụng đất") stays in
   * the request instead of being taken out as a question about fees or time.
   */
  namesOfBest?: (text: string) => readonly string[] | null;
}

/** The understanding step's phrase index in its compiled form: the artefact npm run build writes. */
export type BuiltPhrases = CompiledPhrases<Tag>;

function phraseIndex(knownWords: ReadonlySet<string>): PhraseIndex<Tag> {
  return new PhraseIndex(
    entries(),
    knownWords,
    (tag) =>
      ["emergency", "feedback", "event", "outOfScope", "urgency", "person", "procedureFrame"].includes(
        tag.t,
      ) ||
      (tag.t === "section" && tag.strict === true),
    teencode.words,
  );
}

/** The phrase index of data/conversation, compiled (npm run build: ASSET_PATHS.phrases). */
export function buildPhrases(): BuiltPhrases {
  validateConversationData();
  return phraseIndex(new Set()).compile();
}

export class Understander {
  private readonly index: PhraseIndex<Tag>;

  /**
   * @param built the phrase index as npm run build compiled it (a fresh Worker spent about 85 ms making it from
   *   data/conversation); absent, it is made from the data.
   */
  constructor(
    private readonly knownWords: ReadonlySet<string> = new Set(),
    built: BuiltPhrases | null = null,
  ) {
    this.index = built ? PhraseIndex.restore(built, knownWords) : phraseIndex(knownWords);
  }

  understand(text: string, context: UnderstandContext): Understanding {
    const trimmed = text.trim();
    if (trimmed === "") return { kind: "empty" };
    const p = prepare(trimmed);
    const matches = withoutUnless(this.index.find(p));
    const has = (pred: (tag: Tag) => boolean) => matches.some((m) => pred(m.value));
    // Words of a procedure's frame are never chatter where a filler word spells them too: in a Vietnamese message,
    // "so do" typed without diacritics is sổ đỏ, not the English "so" and "do" ("lam so do mat bao lau").
    const framed =
      (context.lang ?? "vi") === "vi"
        ? matches.filter((m) => m.value.t === "procedureFrame" && m.start >= 0)
        : [];
    const chatterCover = (list: PhraseMatch<Tag>[]) =>
      cover(
        p,
        list.filter(
          (m) =>
            m.value.t !== "filler" || m.start < 0 || !framed.some((f) => m.start < f.end && f.start < m.end),
        ),
      );

    const emergency = this.emergencies(p, matches, trimmed);
    if (emergency.length > 0) {
      const taken = takeLongest(
        p,
        matches.filter((m) => m.value.t === "emergency" || m.value.t === "filler"),
      );
      return {
        kind: "emergency",
        emergencies: emergency,
        rest: this.restText(p, taken.consumed, taken.cjkRest),
      };
    }

    // A procedure code ("1.001612", or "1001612" alone) is a request for that procedure.
    if (
      PROCEDURE_CODE.test(trimmed) ||
      (/^\s*[1-3]\d{6}\s*$/.test(trimmed) && !REPEATED.test(trimmed.trim()))
    )
      return { kind: "procedure", query: trimmed, sections: this.sectionsOf(p, matches) };

    const choice = CHOICE.exec(trimmed);
    if (choice && context.listed > 0) return { kind: "choice", n: Number(choice[1]) };
    if (context.listed > 0) {
      const picked = this.ordinalChoice(trimmed, context);
      if (picked) return picked;
    } else {
      // "第二个", "the second one" with no list on screen: a choice of nothing (answered: which procedure?), not a
      // search for "second" (the second-instance complaint procedures).
      const picked = this.ordinalChoice(trimmed, context);
      if (picked?.kind === "choice" && picked.sections === undefined) return picked;
    }
    if (has((t) => t.t === "injection")) return { kind: "injection" };
    if (URL_ONLY.test(trimmed)) return { kind: "junk" };
    // Words of a procedure request ("licence", "đăng ký", "허가") keep weaker readings from hiding the request.
    const procedureFrame = has((t) => t.t === "procedureFrame");
    const question = isQuestion(p, trimmed);
    const combined = this.combinations(matches);
    // Beside words of a procedure or a life event, a CJK phrase that is only a word for staff or a person and a
    // particle ("スタッフ", "사람이랑", "직원과") is someone in the request ("ベトナム人スタッフを雇った", "베트남
    // 사람이랑 결혼", "工場のスタッフが作業中にけがをした"): it asks for a person only with a way of talking to them
    // (the 'handoff' combination).
    const eventNamed = has((t) => t.t === "event");
    const explicitHandoff = matches.some(
      (m) =>
        m.value.t === "handoff" &&
        (!(procedureFrame || eventNamed) ||
          (m.cjk !== null && (!bareStaffWord(m.cjk) || combined.has("handoff"))) ||
          m.end - m.start >= 2),
    );
    // "are you a real person?", "你是真人还是机器人": a question about the assistant, not a request for a person.
    const aboutAssistant =
      (combined.get("whoami") ?? []).some((r) => r.all.includes("youAre")) && !combined.has("handoff");
    if (!aboutAssistant && (explicitHandoff || (combined.has("handoff") && !procedureFrame)))
      return { kind: "handoff", question: trimmed };
    // "hồ sơ của tôi đến đâu rồi", "check my application status": one's own dossier, asked without its code.
    if (combined.has("dossierStatus")) return { kind: "dossierStatus" };

    // What remains once small talk, feedback and filler are taken out decides whether anything was asked.
    const chatter = chatterCover(
      matches.filter((m) => ["smalltalk", "feedback", "filler"].includes(m.value.t)),
    );
    const nothingElse = !this.meaningful(p, chatter.consumed, chatter.cjkRest);
    const feedback = matches.filter((m) => m.value.t === "feedback");
    const sectionAsked = has((t) => t.t === "section");
    // "câu trả lời này sai rồi", "great answer, very useful 👍": feedback, with a word or two beside it.
    const littleElse = !this.meaningful(p, chatter.consumed, chatter.cjkRest, 3);
    const longestChatter = takeLongest(
      p,
      matches.filter((m) => m.value.t === "smalltalk" || m.value.t === "feedback"),
    ).kept[0];
    // A complaint stated, not asked ("this info is outdated, the fee changed last year"), is feedback too.
    const complaint =
      !trimmed.includes("?") &&
      feedback.some((m) => m.value.t === "feedback" && !m.value.up && m.weight >= 8);
    // "không phải, ý tôi là đổi bằng lái": a correction names the request; what follows it is searched (below).
    const correction = has((t) => t.t === "correction");
    // With nothing on screen, a judgement beside words of a procedure is about the asker's own paper
    // ("출생증명서에 이름 철자가 틀렸어요", "毕业证上名字写错了怎么改") or a word's piece ("正确" of a mistyped
    // "确认函"): a request.
    const onScreen = context.onCard === true || context.listed > 0;
    const longestFeedback = takeLongest(p, feedback).kept[0];
    const up = longestFeedback?.value.t === "feedback" && longestFeedback.value.up;
    const judged = onScreen || !procedureFrame;
    if (
      feedback.length > 0 &&
      longestChatter?.value.t === "feedback" &&
      (nothingElse ||
        (judged && littleElse && !sectionAsked && !correction) ||
        (judged && complaint && !correction))
    )
      return { kind: "feedback", up };

    // "thông tin này cũ rồi", "설명이 너무 복잡해요", "câu trả lời này chuẩn": the answer and a judgement of it.
    if (!question && !procedureFrame) {
      const judged = (intent: CombinationIntent) =>
        combined.get(intent)?.some((r) => !r.onCard || (context.onCard && !sectionAsked)) ?? false;
      if (judged("feedbackDown")) return { kind: "feedback", up: false };
      if (judged("feedbackUp")) return { kind: "feedback", up: true };
    }

    // "hi, I'm a foreigner living in Da Nang", "저는 하노이에 사는 한국인입니다": the writer introduced, nothing asked yet.
    if (!question && has((t) => t.t === "intro")) {
      const said = chatterCover(
        matches.filter((m) => ["smalltalk", "filler", "intro", "persona", "place"].includes(m.value.t)),
      );
      if (!this.meaningful(p, said.consumed, said.cjkRest)) {
        // "I'm so sad" says how the writer feels, not who they are.
        const feels = matches.some((m) => m.value.t === "smalltalk" && m.value.a === "feelings");
        return { kind: "smalltalk", act: feels ? "feelings" : "greeting" };
      }
    }

    // With a card on screen, a question about a part of it is about it, whatever life event the message tells
    // ("ông mới mất, làm cái này có phải đóng tiền không" after the death-registration card).
    if (!(context.onCard && sectionAsked) && has((t) => t.t === "event")) {
      // Words beyond the event's phrases, who is who, parts asked, small talk and filler may name one of its steps
      // ("tôi cần lý lịch tư pháp để đi xuất khẩu lao động"); "kết hôn với người nước ngoài" only tells the event.
      const told = chatterCover(
        matches.filter((m) =>
          ["event", "foreigner", "persona", "place", "section", "smalltalk", "filler"].includes(m.value.t),
        ),
      );
      const more = this.meaningful(p, told.consumed, told.cjkRest);
      // Who the asker is ("越南老婆") tells the event only when nothing else is said: beside another request
      // ("越南老婆护照丢了"), that request is searched below.
      const event = this.lifeEvent(matches, false) ?? (more ? null : this.lifeEvent(matches, true));
      if (event) return { kind: "lifeEvent", event, more };
    }

    // "mở tài khoản ngân hàng", "xin visa đi Mỹ", "where can I buy a SIM card": done at a bank, an embassy, a
    // mobile operator. Said what it is, not searched: the catalogue's nearest words found a State Bank procedure for
    // credit institutions, foreigners' Vietnamese visas, a flight simulator.
    const elsewhere = this.elsewhere(matches).find((e) => e.kind === "elsewhere");
    if (elsewhere) return { kind: "elsewhere", entry: elsewhere };

    if (!procedureFrame && (has((t) => t.t === "outOfScope") || combined.has("outOfScope")))
      return { kind: "outOfScope" };

    // "ủa em là người hay máy thế", "bot dễ thương ghê": about the assistant, and nothing else said.
    for (const act of ["whoami", "compliment"] as const) {
      if (!combined.has(act)) continue;
      const said = chatterCover(
        matches.filter((m) => ["smalltalk", "feedback", "filler", "group"].includes(m.value.t)),
      );
      if (!this.meaningful(p, said.consumed, said.cjkRest)) return { kind: "smalltalk", act };
    }

    // "làm ở hà nội được không", "tôi ở Đà Nẵng" with a card or a list on screen: where to file it, there.
    if ((context.onCard || context.listed > 0) && has((t) => t.t === "place")) {
      const said = chatterCover(
        matches.filter((m) =>
          ["place", "placeAsk", "filler", "smalltalk", "persona", "intro", "section"].includes(m.value.t),
        ),
      );
      if (!this.meaningful(p, said.consumed, said.cjkRest)) return { kind: "followup", sections: ["agency"] };
    }

    const sectionTaken = takeLongest(
      p,
      matches.filter((m) => m.value.t === "section"),
    );
    const sections = [
      ...new Set(sectionTaken.kept.flatMap((m) => (m.value.t === "section" ? [m.value.s] : []))),
    ];
    const talk = takeLongest(
      p,
      matches.filter((m) => m.value.t === "smalltalk" || m.value.t === "section"),
    ).kept;
    const smalltalkFirst = talk[0]?.value.t === "smalltalk" && !talk.some((m) => m.value.t === "section");
    if (sections.length > 0 && !(smalltalkFirst && nothingElse)) {
      const rest = chatterCover(
        matches.filter((m) => ["filler", "smalltalk", "section"].includes(m.value.t)),
      );
      if (!this.meaningful(p, rest.consumed, rest.cjkRest)) return { kind: "followup", sections };
      // Beside a request, "hết hạn" or "quá hạn" tells the asker's situation, not a question about the time.
      const asking = sectionTaken.kept.filter((m) => !(m.value.t === "section" && m.value.alone));
      const asked = this.outsideNames(p, asking, trimmed, context);
      const taken = asked === sectionTaken.kept ? sectionTaken : takeLongest(p, asked);
      const query = this.restText(p, taken.consumed, taken.cjkRest);
      const still = [...new Set(asked.flatMap((m) => (m.value.t === "section" ? [m.value.s] : [])))];
      // The message less only its words for filing online ("đăng ký business online" is no procedure named online).
      const online = asked.filter((m) => m.value.t === "section" && m.value.s === "online");
      const bare = online.length > 0 ? takeLongest(p, online) : null;
      const whole = bare ? this.restText(p, bare.consumed, bare.cjkRest) : trimmed;
      return { kind: "procedure", query, sections: still, notes: this.notes(matches), whole };
    }

    if (nothingElse) {
      // Praise right after an answer ("tuyệt vời", "great") is a rating of that answer.
      if (context.onCard && feedback.some((m) => m.value.t === "feedback" && m.value.up))
        return { kind: "feedback", up: true };
      const acts = takeLongest(
        p,
        matches.filter((m) => m.value.t === "smalltalk"),
      ).kept;
      const act = acts[0]?.value;
      if (act?.t === "smalltalk") return { kind: "smalltalk", act: act.a };
      return { kind: "junk" };
    }
    if (isGibberish(p, this.knownWords)) return { kind: "junk" };
    if (correction && feedback.length > 0) {
      const said = chatterCover(
        matches.filter((m) => ["feedback", "filler", "correction"].includes(m.value.t)),
      );
      const query = this.restText(p, said.consumed, said.cjkRest);
      if (query !== "") return { kind: "procedure", query, sections: [], notes: this.notes(matches) };
    }
    return {
      kind: "procedure",
      query: this.withoutLeadingGreeting(p, matches),
      sections: [],
      notes: this.notes(matches),
    };
  }

  /**
   * A place in the list on screen said in words ("the second one", "cái thứ 2", "cái cuối", "第二个", "두 번째요",
   * "2番目"), alone or with a question about that procedure ("第一个需要多长时间"): what is left once the ordinal
   * is taken out must ask nothing else, or only for parts of a procedure. "first registration" is no choice.
   */
  private ordinalChoice(text: string, context: UnderstandContext): Understanding | null {
    // A choice said in words is short; a long message is read once, as itself.
    if (text.length > ORDINAL_MAX_CHARS) return null;
    const folded = foldDiacritics(text.normalize("NFKC")).toLowerCase();
    for (const [re, from] of ORDINAL_PATTERNS) {
      const m = re.exec(folded);
      if (!m) continue;
      const n = ordinalNumber(from === "word" ? (m[1] ?? "") : from, context.listed);
      if (n === null || n < 1) continue;
      const rest = `${folded.slice(0, m.index)} ${folded.slice(m.index + m[0].length)}`
        .replace(ORDINAL_FILLER, " ")
        .trim();
      if (rest === "") return { kind: "choice", n };
      const after = this.understand(rest, { ...context, listed: 0 });
      if (after.kind === "followup") return { kind: "choice", n, sections: after.sections };
      if (after.kind === "smalltalk" || after.kind === "junk" || after.kind === "empty")
        return { kind: "choice", n };
      return null;
    }
    return null;
  }

  /** The combination rules whose every group the message holds. */
  private combinations(
    matches: PhraseMatch<Tag>[],
  ): Map<CombinationIntent, (typeof combinations.rules)[number][]> {
    const groups = new Set(matches.flatMap((m) => (m.value.t === "group" ? [m.value.g] : [])));
    const out = new Map<CombinationIntent, (typeof combinations.rules)[number][]>();
    if (groups.size === 0) return out;
    for (const rule of combinations.rules)
      if (rule.all.every((g) => groups.has(g))) out.set(rule.intent, [...(out.get(rule.intent) ?? []), rule]);
    return out;
  }

  /**
   * The section phrases that ask for a part of a procedure, less those the best procedure for the whole message
   * holds in its name: there they are words of the name ("gia hạn tạm trú", "tham gia bảo hiểm", "在留期間更新",
   * "체류기간 연장"), not a question about fees or time.
   */
  private outsideNames(
    p: Prepared,
    kept: PhraseMatch<Tag>[],
    text: string,
    context: UnderstandContext,
  ): PhraseMatch<Tag>[] {
    if (!context.namesOfBest) return kept;
    const names = context.namesOfBest(text);
    if (!names || names.length === 0) return kept;
    const held = (words: string) => names.some((n) => ` ${n} `.includes(` ${words} `));
    const onScreen = context.onCard === true || context.listed > 0;
    const inName = (m: PhraseMatch<Tag>) => {
      // With a procedure on screen, a part's word beside others may well ask about it ("what papers should I
      // bring"): it is a word of a name only with a word of the message beside it, in the name too.
      if (m.cjk !== null)
        return !onScreen && names.some((n) => n.replaceAll(" ", "").includes(m.cjk as string));
      if (m.start < 0) return false;
      const words = p.tokens.slice(m.start, m.end).map((t) => t.folded);
      const before = p.tokens[m.start - 1]?.folded;
      const after = p.tokens[m.end]?.folded;
      if (!onScreen) return held(words.join(" "));
      return (
        (before !== undefined && held([before, ...words].join(" "))) ||
        (after !== undefined && held([...words, after].join(" ")))
      );
    };
    const outside = kept.filter((m) => !inName(m));
    return outside.length === kept.length ? kept : outside;
  }

  private sectionsOf(p: Prepared, matches: PhraseMatch<Tag>[]): AskedSection[] {
    const kept = takeLongest(
      p,
      matches.filter((m) => m.value.t === "section"),
    ).kept;
    return [...new Set(kept.flatMap((m) => (m.value.t === "section" ? [m.value.s] : [])))];
  }

  /**
   * An emergency is a danger concept framed as happening: an urgent phrase ("nhà đang cháy", "not breathing"), or
   * a danger concept ("cháy", "dao", "nuốt", "OTP") with a framing — something happening now or a plea ("đang",
   * "vừa", "help", "快", "지금", "急に"), someone in the scene ("có người", "my son", "有人", "아버지가"), a second
   * concept of the same class ("cạy khóa" + "xe máy" is one; "knife" + "blood" is two), or nothing else said. Words
   * of a procedure request ("cấp lại", "giấy phép", "certificate", "许可", "발급", "交付") keep a concept from
   * counting, and an urgent phrase too unless the message also says it is happening now.
   */
  private emergencies(p: Prepared, matches: PhraseMatch<Tag>[], text: string): EmergencyHit[] {
    const found: EmergencyHit[] = [];
    const words = p.tokens.length + (p.cjk ? Math.ceil(p.cjk.replace(/\s/g, "").length / 2) : 0);
    // An urgency word that is itself the danger phrase ("khẩn cấp", "緊急") frames nothing.
    const sameSpan = (m: PhraseMatch<Tag>, n: PhraseMatch<Tag>) =>
      m.cjk === n.cjk && (m.cjk !== null || (m.start === n.start && m.end === n.end));
    // CJK phrases match inside longer words: a frame word inside a danger phrase ("证" of "验证码", "保证金"; "登録" of
    // "登録料") is that phrase, and an urgency word inside a frame phrase ("怎么办" of "怎么办理") asks how to file.
    const cjkInside = (m: PhraseMatch<Tag>, t: Tag["t"]) => {
      const key = m.cjk;
      return (
        key !== null &&
        matches.some(
          (n) => n.value.t === t && n.cjk !== null && n.cjk.length > key.length && n.cjk.includes(key),
        )
      );
    };
    const now = matches.some(
      (m) =>
        (m.value.t === "emergency" && m.value.now) ||
        (m.value.t === "urgency" &&
          !matches.some((d) => d.value.t === "emergency" && sameSpan(m, d)) &&
          !cjkInside(m, "procedureFrame") &&
          (m.cjk === null || kanaWordStarts(p.cjk, m.cjk))),
    );
    const person = matches.some((m) => m.value.t === "person");
    const procedure = matches.some((m) => m.value.t === "procedureFrame" && !cjkInside(m, "emergency"));
    const link = text.split(/\s+/).some((w) => LINK_TOKEN.test(w.replace(/^['"(]+|['").,;!?]+$/g, "")));
    let bare: boolean | null = null;
    const nothingElse = () => {
      if (bare === null) {
        const said = cover(
          p,
          matches.filter((m) =>
            ["emergency", "urgency", "person", "filler", "smalltalk"].includes(m.value.t),
          ),
        );
        // Words left: Latin words, and CJK text at two characters a word (Korean runs are joined, so a piece
        // of CJK text is no measure).
        const latin = p.tokens.filter(
          (t, i) => !said.consumed[i] && t.folded.length >= 2 && !/^\d+$/.test(t.folded),
        ).length;
        bare = latin + Math.ceil(said.cjkRest.replace(/\s/g, "").length / 2) < 2;
      }
      return bare;
    };
    // A phrase inside a longer one of another class is that longer one: "co giật" is a seizure, not a snatch.
    const danger = matches.filter((m) => m.value.t === "emergency");
    // Latin: the furthest end of a match starting at each word, and before it (linear in the matches).
    const endAt = new Array<number>(p.tokens.length + 1).fill(-1);
    for (const m of danger)
      if (m.cjk === null && m.start >= 0) endAt[m.start] = Math.max(endAt[m.start] ?? -1, m.end);
    const endBefore: number[] = [];
    let furthest = -1;
    for (let i = 0; i <= p.tokens.length; i++) {
      endBefore.push(furthest);
      furthest = Math.max(furthest, endAt[i] ?? -1);
    }
    const cjkDanger = danger.filter((m) => m.cjk !== null);
    const inside = (m: PhraseMatch<Tag>) => {
      const key = m.cjk;
      if (key !== null)
        return cjkDanger.some((n) => n.cjk !== null && n.cjk.length > key.length && n.cjk.includes(key));
      return m.start >= 0 && ((endBefore[m.start] ?? -1) >= m.end || (endAt[m.start] ?? -1) > m.end);
    };
    const maximal = danger.filter((m) => !inside(m) && !straddling(p.cjk, m, matches));
    for (const c of EMERGENCY_CLASSES) {
      const own = maximal.filter((m) => m.value.t === "emergency" && m.value.c === c);
      const k = emergencies.classes[c];
      if (!k) continue;
      // One stretch of the message is one concept, even where phrases of several lists overlap on it.
      const concepts = new Set(
        takeLongest(p, own).kept.flatMap((m) =>
          m.value.t === "emergency" ? [m.value.concept ?? `${m.start}:${m.cjk ?? ""}`] : [],
        ),
      );
      if (c === "fraud" && link) concepts.add("link");
      if (concepts.size === 0) continue;
      const urgent = own.some((m) => m.value.t === "emergency" && m.value.strength === "urgent");
      const unless = matches.some((m) => m.value.t === "emergencyUnless" && m.value.c === c);
      // A fraud message names procedures by nature ("phạt nguội", "hoàn thuế"): only its own "unless" words count.
      const frame = procedure && c !== "fraud";
      const whole = [...concepts].filter((x) => !(k.partial ?? []).includes(x)).length;
      // Fraud counts on its combinations only; a bare cry for help ("khẩn cấp", "emergency") is framed only by now.
      const framed = c === "fraud" ? false : now || (person && c !== "general");
      const counts =
        (urgent && (now || (!frame && (!unless || concepts.size >= 2)))) ||
        (!frame &&
          !unless &&
          ((whole >= 1 && concepts.size >= (procedure ? 3 : 2)) ||
            (concepts.size >= 3 && !(procedure && concepts.size < 4)) ||
            (whole >= 1 && (framed || words <= BARE_EMERGENCY_MAX_WORDS || nothingElse()))));
      if (counts) {
        const number = emergencyNumber(c);
        if (!found.some((f) => f.number === number) || c === "fraud") found.push({ kind: c, number });
      }
    }
    // A cry for help that names a specific emergency is that emergency.
    return found.length > 1 ? found.filter((f) => f.kind !== "general") : found;
  }

  /** The entries of elsewhere.json the message calls for: a phrase of each group, none of the 'unless' ones. */
  private elsewhere(matches: PhraseMatch<Tag>[]): ElsewhereEntry[] {
    const parts = new Map<string, Set<number>>();
    const vetoed = new Set<string>();
    for (const m of matches) {
      if (m.value.t === "elsewhereUnless") vetoed.add(m.value.id);
      else if (m.value.t === "elsewhere") {
        const seen = parts.get(m.value.id) ?? new Set<number>();
        seen.add(m.value.part);
        parts.set(m.value.id, seen);
      }
    }
    if (parts.size === 0) return [];
    return ELSEWHERE.filter((e) => !vetoed.has(e.id) && (parts.get(e.id)?.size ?? 0) === e.all.length);
  }

  private notes(matches: PhraseMatch<Tag>[]): ElsewhereEntry[] | undefined {
    const notes = this.elsewhere(matches).filter((e) => e.kind === "note");
    return notes.length > 0 ? notes : undefined;
  }

  /** The life event the message tells by its triggers, or with `persona`, by who the asker or the other party is. */
  private lifeEvent(matches: PhraseMatch<Tag>[], persona: boolean): LifeEvent | null {
    const triggered = matches
      .filter((m) => m.value.t === "event" && (m.value.persona === true) === persona)
      .sort((a, b) => b.weight - a.weight)
      .flatMap((m) => (m.value.t === "event" ? [m.value.id] : []));
    const unless = (id: string) => matches.some((m) => m.value.t === "eventUnless" && m.value.id === id);
    const foreigner = matches.some((m) => m.value.t === "foreigner");
    for (const id of triggered) {
      const event = LIFE_EVENTS.find((e) => e.id === id);
      if (!event) continue;
      // The twin is asked for even where the event's own 'unless' holds the foreign words ("외국인" for a company).
      const twin =
        foreigner && event.foreignTwin ? LIFE_EVENTS.find((e) => e.id === event.foreignTwin) : undefined;
      if (twin && !unless(twin.id)) return twin;
      if (foreigner && event.citizensOnly) continue;
      if (!unless(id)) return event;
    }
    return null;
  }

  /** True when words remain that could name a procedure: not digits, not one letter, not CJK filler. */
  private meaningful(p: Prepared, consumed: boolean[], cjkRest: string, atLeast = 1): boolean {
    let count = 0;
    p.tokens.forEach((t, i) => {
      if (!consumed[i] && t.folded.length >= 2 && !/^\d+$/.test(t.folded)) count++;
    });
    // Korean is written in words, but prepare joins them ("발행한 전자세금계산서 처리" is one run): a Hangul run counts
    // about a word per three syllables, or "잘못 발행한 전자세금계산서 처리" (an invoice issued wrongly) is a complaint
    // "with a word or two beside it". A Chinese or Japanese run counts once, as before.
    for (const piece of cjkRest.split(" ")) {
      const n = [...piece].length;
      if (n >= 2) count += HANGUL_RUN.test(piece) ? Math.ceil(n / 3) : 1;
    }
    return count >= atLeast;
  }

  private restText(p: Prepared, consumed: boolean[], cjkRest: string): string {
    const latin = p.tokens.filter((_, i) => !consumed[i]).map((t) => t.marked);
    return [...latin, cjkRest].join(" ").replace(/\s+/g, " ").trim();
  }

  /** "Chào bạn, tôi muốn làm hộ chiếu" is about a passport; "chào bán cổ phiếu" keeps its first word. */
  private withoutLeadingGreeting(p: Prepared, matches: PhraseMatch<Tag>[]): string {
    const greeting = matches
      .filter((m) => m.value.t === "smalltalk" && m.value.a === "greeting" && m.start === 0)
      .sort((a, b) => b.end - a.end)[0];
    if (!greeting) return p.text.trim();
    const after = p.text.match(/^[^,.!?;:\n]*[,.!?;:\n]/u);
    const words = (after?.[0] ?? "").match(/[\p{L}\p{M}\p{N}]+/gu)?.length ?? 0;
    if (after && words === greeting.end) return p.text.slice(after[0].length).trim() || p.text.trim();
    if (greeting.end - greeting.start >= 2) {
      const rest = p.tokens.slice(greeting.end).map((t) => t.marked);
      return [...rest, p.cjk].join(" ").trim() || p.text.trim();
    }
    return p.text.trim();
  }
}

/**
 * The matches less the part's words ("section") inside a word that asks nothing about that part ("sectionUnless":
 * the "xã" of "xã hội", the "giá" of "đấu giá", the "law" of "law firm"), and less those words themselves.
 */
function withoutUnless(matches: PhraseMatch<Tag>[]): PhraseMatch<Tag>[] {
  const unless = matches.filter((m) => m.value.t === "sectionUnless");
  if (unless.length === 0) return matches;
  const inside = (m: PhraseMatch<Tag>) =>
    unless.some((u) =>
      m.cjk !== null
        ? u.cjk?.includes(m.cjk) === true
        : m.start >= 0 && u.start >= 0 && u.start <= m.start && m.end <= u.end,
    );
  return matches.filter((m) => m.value.t !== "sectionUnless" && !(m.value.t === "section" && inside(m)));
}

/** Question marks, or a question particle at the end ("không", "chưa", "吗", "까", "か"). */
const QUESTION_END =
  /(?:\b(?:không|khong|ko|k|chưa|chua|sao|nào|nao|hả|ha|gì|gi|j|chứ)|[吗呢么嗎]|까요?|나요|가요|か|の)\s*[.!…~]*\s*$/iu;
function isQuestion(p: Prepared, text: string): boolean {
  return /[?？]/.test(text) || QUESTION_END.test(p.text.slice(-40));
}

/** Letters of one keyboard row ("asdfjkl", "lkjhgfdsa", "qwertyuiop"): keys run along, not a word. */
const KEY_ROW = /^(?:[qwertyuiop]{5,}|[asdfghjkl]{5,}|[zxcvbnm]{4,})$/;
/** A unit of one to three characters said over and over: "hahaha", "ｗｗｗｗ", "あああああ", "ㅋㅋㅋ". */
const REPEATED = /^(.{1,3}?)\1{2,}$/u;
/** Hangul letters without syllables ("ㅁㄴㅇㄹ"): keys pressed, not a word. */
const JAMO_ONLY = /^[\u1100-\u11ff\u3131-\u318e]+$/u;

/**
 * A message whose every word is mashed keys, one unit repeated or bare Hangul letters: junk, whatever the search
 * would make of it.
 */
function isGibberish(p: Prepared, knownWords: ReadonlySet<string>): boolean {
  const words = [...p.tokens.map((t) => t.folded), ...p.cjk.split(" ").filter(Boolean)];
  if (words.length === 0) return false;
  return words.every((w) => REPEATED.test(w) || JAMO_ONLY.test(w) || (KEY_ROW.test(w) && !knownWords.has(w)));
}

export function emergencyNumber(c: EmergencyClass): string {
  return emergencies.classes[c]?.number ?? "112";
}
