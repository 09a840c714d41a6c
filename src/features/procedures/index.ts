/**
 * Procedures: from a request to an answer. Search, then one of four outcomes, calibrated: a card when one
 * procedure clearly wins and the match is grounded in meaningful words of the message; one clarifying question
 * with short distinct buttons when variants of one procedure compete; a short list when several fit; "not
 * found" with the portal and the one-stop centre otherwise. Follow-ups answer a section of the procedure on
 * screen; life events answer with a journey of procedures in order.
 */
import { LRUCache } from "lru-cache";
import provinces from "../../../data/terms/provinces.json" with { type: "json" };
import type { Catalogue, Language, Level, Procedure } from "../../catalogue/index.ts";
import { todayInVietnam } from "../../catalogue/index.ts";
import { encodeAction } from "../../conversation/actions.ts";
import { buildCard, type Card, PORTAL_URL } from "../../conversation/card.ts";
import type { Block, Button, OutMessage, Reply, ReplyIntent } from "../../conversation/reply.ts";
import type { AskedSection, ElsewhereEntry, LifeEvent } from "../../conversation/understand.ts";
import { LIFE_EVENTS } from "../../conversation/understand.ts";
import type { Translate } from "../../i18n/index.ts";
import { JOURNEYS, type Journey, journeyById } from "../../investor/journeys.ts";
import type { Searcher, SearchHit } from "../../search/index.ts";
import { nameKey } from "../../search/index.ts";
import { foldCase, foldDiacritics } from "../../text.ts";
import { type FeatureContext, reply } from "../context.ts";
import { journeysOf } from "./journeys-of.ts";
import { distinctLabels, sharedShare } from "./labels.ts";
import { namesExactly, searchNamedFirst } from "./named.ts";
import { cardUrl, journeyUrl } from "./share.ts";

export { distinctLabels } from "./labels.ts";

const MAX_RESULTS = 5;
/** The first hit is "one clear winner" when it scores this much above the second. */
const CLEAR_WINNER = 1.6;
/** For a one-word request, a card needs a far clearer lead: "hộ chiếu" alone has several answers. */
const CLEAR_WINNER_SHORT = 3;
/** Below this share of the message's meaningful words matched, the winner is offered in a list, not as a card. */
const MIN_COVERAGE = 0.2;
/** The procedures of a life event's journey, in order: its steps, or its guided journey's steps and alternatives. */
function journeySteps(event: LifeEvent): string[] {
  const guided = journeyById(event.id);
  const codes = guided
    ? guided.steps.flatMap((s) => [...(s.code ? [s.code] : []), ...s.alternatives])
    : event.steps;
  return [...new Set(codes)];
}

/** A hit's code and its variants' (the same procedure at other levels or in other provinces). */
const groupCodes = (hit: SearchHit): string[] => [hit.code, ...hit.variants.map((v) => v.code)];

/**
 * The least score of a procedure that wins over a life event's journey (asksOutside): the event's words said what
 * the message is about, so only a strong match says otherwise. Clear but weak winners ("chuyển nhà sang tỉnh khác"
 * found a vessel's re-registration at 36, "xây lại nhà 3 tầng" a time-limited construction permit at 29) leave the
 * journey to answer; the requests it should yield to scored 60 to 190.
 */
const OUTSIDE_SCORE = 50;
/**
 * The least score of a procedure found by the message's other words (not lifted by the event) that wins over a life
 * event's journey when the message says more than the event, and its lead over the journey's best step among the
 * hits: "con gái mình năm nay tròn 14 tuổi" found a business licence at 4 and stays the identity card's journey; a
 * Korean message winding up the company at the end of a posting found the dissolution at 17, the investor's set-up
 * journey's best step at 7.
 */
const OUTSIDE_WORDS_SCORE = 15;
const OUTSIDE_LEAD = 2;
/**
 * The lead over the journey's best step of a procedure the search lifted through its own life events (asksOutside):
 * the survivor benefit beside a death scored 57, the death registration 36.
 */
const OUTSIDE_EVENT_LEAD = 1.5;
/** The lead over the next hit of a journey's later step asked beside the event's words (stepAsked). */
const STEP_LEAD = 1.3;
/** The share of the message's words a winner that is not a card's worth must match to win over a journey. */
const OUTSIDE_COVERAGE = 0.65;
/** The words of the provinces' and cities' Vietnamese names (data/terms/provinces.json), as typed (lower case). */
const PLACE_WORDS: ReadonlySet<string> = new Set(
  provinces.entries.flatMap((p) => foldCase(p.vi).match(/[\p{L}\p{M}]+/gu) ?? []),
);
const NAME_LENGTH = 120;
const SECTION_ORDER = ["steps", "documents", "fees", "time", "agency", "result", "legal", "sources"];
/** Which card sections answer each kind of follow-up, first found first. */
const ANSWERED_BY: Record<AskedSection, string[]> = {
  documents: ["documents"],
  fees: ["fees"],
  cheaper: ["fees"],
  time: ["time", "agency"],
  agency: ["agency"],
  steps: ["steps"],
  online: ["steps"],
  result: ["result", "agency", "summary"],
  legal: ["legal", "sources"],
  link: ["link"],
  validity: ["result", "agency"],
};
const LEVEL_ORDER: (Level | null)[] = ["commune", "province", "ministry", null];
/**
 * Characters of the cards kept built (about 2 MB of heap): a card takes a parsed record, its fees, term
 * translations and a few hundred translated strings to build, half the CPU of answering with it, and the same
 * procedures are asked for over and over.
 */
export const CARD_CACHE_CHARS = 1 << 20;

function cardChars(card: Card): number {
  let n = card.title.length + card.subtitle.length + card.briefTitle.length + card.link.length;
  for (const s of card.sections) {
    n += s.title.length;
    for (const line of s.lines) n += line.length;
    for (const line of s.brief ?? []) n += line.length;
  }
  return Math.max(1, n);
}

export interface ProceduresDeps {
  catalogue: Catalogue;
  searcher: Searcher;
  province: string | null;
  /** Where the web channel is published (PUBLIC_URL): cards then carry a button to their shareable page. */
  publicUrl?: string | null;
  /** Characters of built cards kept (CARD_CACHE_CHARS). */
  cardCacheChars?: number;
}

/** Meaningful words of a query: how many "concepts" it names (Vietnamese words are two syllables). */
function concepts(query: string): number {
  const cjk = query.match(/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]/gu)?.length ?? 0;
  const hangul = query.match(/\p{Script=Hangul}+/gu)?.length ?? 0;
  const latin = foldDiacritics(query).match(/[a-z]{2,}/g) ?? [];
  const vietnamese = /[ăâđêôơư]|[àáảãạèéẻẽẹìíỉĩịòóỏõọùúủũụỳýỷỹỵ]/iu.test(query);
  return Math.ceil(cjk / 2) + hangul + (vietnamese ? Math.ceil(latin.length / 2) : latin.length);
}

/** A kept card's key: the code, the language and the day in Vietnam (UTC+7, no daylight saving) as todayInVietnam
 * counts it, without formatting a date. */
const cardKey = (code: string, lang: Language, now: Date) =>
  `${code}|${lang}|${Math.floor((now.getTime() + 7 * 3600_000) / 86_400_000)}`;

export class ProceduresFeature {
  /**
   * Cards built lately, by code, language and day in Vietnam (fees and discounts change with the day). A card
   * depends on nothing else that can change while this feature lives: the catalogue, the province and the words
   * are fixed for its lifetime (new data means a new Catalogue, and so a new feature). Cards are never mutated.
   */
  private readonly cards: LRUCache<string, Card>;
  /** The last message searched, and what it found (hitsOf). */
  private lastHits: { text: string; hits: SearchHit[] } | null = null;

  constructor(private readonly deps: ProceduresDeps) {
    this.cards = new LRUCache<string, Card>({
      maxSize: Math.max(1, deps.cardCacheChars ?? CARD_CACHE_CHARS),
      sizeCalculation: cardChars,
    });
  }

  /** Cards kept built right now, and their characters (for tests and benches). */
  get cachedCards(): { count: number; chars: number } {
    return { count: this.cards.size, chars: this.cards.calculatedSize };
  }

  cardFor(procedure: Procedure, lang: Language, now: Date): Card {
    return buildCard(procedure, this.deps.catalogue, lang, {
      province: this.deps.province,
      date: todayInVietnam(now),
    });
  }

  /** The card of a code in a language today, built once and kept (see `cards`); null for an unknown code. */
  async card(code: string, lang: Language, now: Date): Promise<Card | null> {
    const kept = this.cards.get(cardKey(code, lang, now));
    if (kept) return kept;
    const procedure = await this.deps.catalogue.procedure(code);
    return procedure ? this.keptCardFor(procedure, lang, now) : null;
  }

  /** The card of a procedure already read (the card API, the web page, the console), through the same cache. */
  keptCardFor(procedure: Procedure, lang: Language, now: Date): Card {
    const key = cardKey(procedure.entry.code, lang, now);
    const kept = this.cards.get(key);
    if (kept) return kept;
    const card = this.cardFor(procedure, lang, now);
    this.cards.set(key, card);
    return card;
  }

  nameOf(code: string, lang: Language): string {
    const e = this.deps.catalogue.entry(code);
    if (!e) return code;
    return e.names[lang] ?? (lang === "vi" ? e.names.vi : (e.names.en ?? e.names.vi));
  }

  /**
   * A procedure request: search, then card, clarifying question, list or "not found".
   * @param whole the message as typed, where `query` lost the words asking for a part: with nothing on screen it is
   *   searched as typed (the engine reads "nộp tờ khai thuế TNCN", "đổi địa chỉ hộ kinh doanh", "卒業証書コピーの認証"
   *   better whole than without "tờ khai", "địa chỉ", "コピー"), and the part asked is shown of what it finds; with a
   *   card or a list on screen the words left decide whether the message names anything new.
   */
  async request(query: string, asked: AskedSection[], ctx: FeatureContext, whole?: string): Promise<Reply> {
    const { session } = ctx;
    if (whole && !session.lastCode && session.lastResults.length === 0) query = whole;
    const hits = this.hitsOf(query).slice(0, MAX_RESULTS);
    session.lastQuery = query.slice(0, 300);
    const [first, second] = hits;
    if (!first) {
      // "phí bao nhiêu cái đó" with a procedure on screen: the words named nothing new, so it is a follow-up.
      if (asked.length > 0 && (session.lastCode || session.lastResults.length > 0))
        return this.followup(asked, ctx);
      return this.notFound(query, ctx);
    }
    const short = concepts(query) <= 1;
    const lead = second ? first.score / Math.max(second.score, 1e-9) : Number.POSITIVE_INFINITY;
    const clear = this.isClear(hits, query);
    // A question about a part of the procedure on screen stays on it unless it clearly names another one:
    // "lệ phí làm hộ chiếu bao nhiêu" after the passport card is about that card; "submit it" names nothing.
    const clearNew = clear && (!short || first.via === "code");
    if (asked.length > 0 && session.lastCode) {
      if (!clearNew || first.code === session.lastCode || this.about(session.lastCode, query, hits))
        return this.openSections(session.lastCode, asked, ctx);
    }
    if (asked.length > 0 && session.lastResults.length > 0 && !session.lastCode) {
      const listed = session.lastResults.find(
        (c) => c === first.code || first.variants.some((v) => v.code === c),
      );
      if (listed) return this.openSections(listed, asked, ctx);
      // A question that names something of its own, which no procedure of the list is about ("my visa expires
      // next week, what can I do?" under a list of marriage registrations), is a new request, not "which one?".
      if (
        !clearNew &&
        (short || !this.grounded(first) || session.lastResults.some((c) => this.about(c, query, hits)))
      )
        return this.askWhich(asked, ctx);
    }
    if (clear) return this.openCard(first.code, ctx, asked, first);
    const variants = first.variants.filter((v) => v.code !== first.code);
    if (short && variants.length > 0 && (!second || lead >= CLEAR_WINNER))
      return this.clarifyVariants(first, ctx);
    return this.list(hits, ctx);
  }

  /**
   * The search of a message, made once for every question asked of it: the understanding step's (the names of the
   * best procedure: Conversation.namesOfBest), a life event's (asksOutside, stepAsked) and the request's own, which
   * with nothing on screen searches the same text.
   */
  hitsOf(text: string): SearchHit[] {
    if (this.lastHits?.text !== text)
      this.lastHits = { text, hits: this.deps.searcher.search(text, { limit: MAX_RESULTS + 3 }).hits };
    return this.lastHits.hits;
  }

  /** The first hit is a card's worth: its code, its name, or far ahead of the next and grounded in the words. */
  private isClear(hits: SearchHit[], query: string): boolean {
    const [first, second] = hits;
    if (!first) return false;
    const short = concepts(query) <= 1;
    const lead = second ? first.score / Math.max(second.score, 1e-9) : Number.POSITIVE_INFINITY;
    return (
      first.via === "code" ||
      this.namesExactly(first.code, query) ||
      this.namedWithin(first, hits, query) ||
      (lead >= (short ? CLEAR_WINNER_SHORT : CLEAR_WINNER) &&
        this.grounded(first) &&
        this.markedAsNamed(first, query))
    );
  }

  /**
   * A message that tells a life event and asks clearly for a procedure the event's journey does not hold is that
   * procedure's request: "베트남 법인 청산 폐업" (winding up a company) named the foreign investor's set-up journey,
   * "mua nhà xong phải nộp lệ phí trước bạ ở đâu" the house purchase's, "nhà mới xây xong thì đăng ký lắp điện" the
   * new house's, each without the procedure asked for (the dissolution, the registration-fee declaration, the power
   * connection). Where the journey holds it, the journey answers: its steps say what comes before. `more`: the
   * message says more than the event (Understanding's lifeEvent.more).
   */
  asksOutside(text: string, event: LifeEvent, more = false): boolean {
    const hits = this.hitsOf(text);
    const first = hits[0];
    if (!first) return false;
    const steps = journeySteps(event);
    // The journey holds it also under another level's code ("Cấp lại thẻ căn cước" at commune level beside the
    // provincial one a journey lists).
    const plain = (code: string) => {
      const name = this.deps.catalogue.entry(code)?.names.vi;
      return name ? nameKey(name.replace(/\([^)]*\)/g, " ")) : code;
    };
    const held = new Set(steps.map(plain));
    const inJourney = (hit: SearchHit) =>
      groupCodes(hit).some((c) => steps.includes(c) || held.has(plain(c)));
    // Beside the event's words, other words that find a procedure by themselves, well ahead of every step of the
    // journey, ask for it: "lost my wallet with my work permit inside" (the work permit's re-issue, not the identity
    // card's), "my motorbike's registration after moving" (the vehicle's, not the residence). So does a strong match
    // ahead of every step ("建房许可证 到期 延期": the permit's extension, not the new house's permit; a member leaving
    // a foreign-owned company: the change of members, not the set-up), and a card's worth where no step is found at
    // all ("外资幼儿园设立许可": a foreign-invested kindergarten's licence, not a company's set-up).
    if (more && !inJourney(first)) {
      const step = hits.find(inJourney);
      if (first.via === "words") {
        if (first.score >= OUTSIDE_WORDS_SCORE && (!step || first.score >= OUTSIDE_LEAD * step.score))
          return true;
        if (first.score >= OUTSIDE_SCORE) return true;
        if (!step && this.isClear(hits, text)) return true;
      }
      // The search's own life events lift what a message's words ask beside the event ("the survivor benefit"
      // beside a death, a lost land certificate beside an inheritance): a procedure so lifted, no step of this
      // journey and well ahead of every step, is asked for too.
      if (
        first.via === "event" &&
        first.score >= OUTSIDE_WORDS_SCORE &&
        (!step || first.score >= OUTSIDE_EVENT_LEAD * step.score)
      )
        return true;
      // So is one lifted so that the message's words ground it while every step found is there by the lift alone
      // (under a fifth of the words): "退休以后养老金想从领现金改成打到银行卡" (the pension paid to a bank account instead
      // of in cash, 23% of the words) beside retirement, whose steps matched only 退休 (9%).
      if (
        first.via === "event" &&
        first.score >= OUTSIDE_WORDS_SCORE &&
        step &&
        first.coverage >= MIN_COVERAGE &&
        step.coverage < MIN_COVERAGE
      )
        return true;
    }
    if (first.score < OUTSIDE_SCORE) return false;
    // A card's worth, or a match of nearly every word the message names (then listed with its neighbours).
    if (!this.named(first, text) && !this.isClear(hits, text)) return false;
    return !inJourney(first);
  }

  /**
   * A hit matching nearly every word the message names, by those words (not one the engine lifted for a life event:
   * "外资企业注册" is the set-up journey's).
   */
  private named(hit: SearchHit, text: string): boolean {
    return (
      hit.via !== "event" &&
      hit.coverage >= OUTSIDE_COVERAGE &&
      this.grounded(hit) &&
      this.markedAsNamed(hit, text)
    );
  }

  /**
   * The life event's foreign twin when the message's best procedure is a step of the twin's journey and not of the
   * event's: "tôi muốn cưới vợ người Hàn Quốc" names a nationality, not one of the words that say "foreigner", and
   * the search already put the marriage with a foreign element first; the domestic journey would list the marriage
   * between two Vietnamese citizens.
   */
  twinAsked(text: string, event: LifeEvent): LifeEvent | null {
    const twin = event.foreignTwin ? LIFE_EVENTS.find((e) => e.id === event.foreignTwin) : undefined;
    const first = this.hitsOf(text)[0];
    if (!twin || !first) return null;
    const codes = groupCodes(first);
    const own = journeySteps(event);
    return codes.some((c) => own.includes(c)) || !codes.some((c) => journeySteps(twin).includes(c))
      ? null
      : twin;
  }

  /**
   * The step of a life event's journey that a message asks for by its own words, when it is not the first step:
   * "nghỉ việc rồi muốn lãnh bảo hiểm một lần" (the one-time social insurance payment, third step of leaving a job),
   * "生孩子领产假补贴" (the maternity benefit, after the birth's registration), "residence card for a foreign
   * investor, how much" (the temporary residence card, last step of the company set-up). Its card answers, and its
   * journey stays a button away; a message that only tells the event ("tôi sắp kết hôn") gets the journey.
   */
  stepAsked(text: string, event: LifeEvent, more = false): string | null {
    const hits = this.hitsOf(text);
    const [first, second] = hits;
    if (!first) return null;
    const steps = journeySteps(event);
    const later = steps[0] !== first.code && steps.includes(first.code);
    // Beside the event's words, a later step the other words find by themselves, ahead of the next hit, is asked at
    // a lower score than a strong match: "母が亡くなったので、実家の遺産分割協議書の認証をお願いしたい" (the inheritance
    // agreement's certification at 25, the death registration next at 11), as asksOutside takes one outside it.
    if (
      later &&
      more &&
      first.via === "words" &&
      first.score >= OUTSIDE_WORDS_SCORE &&
      (!second || first.score >= STEP_LEAD * second.score)
    )
      return first.code;
    if (first.score < OUTSIDE_SCORE) return null;
    // Beside the event's words, a step named by nearly all the other words, or well ahead of the next, is asked as
    // much as a clear winner ("生孩子领产假补贴": the maternity benefit 181, the next 129).
    const ahead = !second || first.score >= STEP_LEAD * second.score;
    if (!this.isClear(hits, text) && !(more && (this.named(first, text) || ahead))) return null;
    return later ? first.code : null;
  }

  /**
   * A card needs grounds: the winner matched a fair share of the message's meaningful words (or its code). A
   * colloquial name the lexicon expands ("sổ đỏ") matches no word of the record as typed: a list, not a card.
   */
  private grounded(hit: SearchHit): boolean {
    return hit.via === "code" || hit.via === "event" || hit.coverage >= MIN_COVERAGE;
  }

  /**
   * A Vietnamese message typed with diacritics means its words as marked: a winner whose name holds them only once
   * the marks are folded away ("giảm cân" to lose weight, in "giám định ADN") as often as it holds them as typed is
   * no card to open, however far ahead it scored ("làm sao để giảm cân" opened the DNA sampling for martyrs'
   * remains). Unmarked words and other languages say nothing here.
   */
  private markedAsNamed(hit: SearchHit, query: string): boolean {
    if (hit.via === "code" || hit.via === "event") return true;
    const name = this.deps.catalogue.entry(hit.code)?.names.vi;
    if (!name) return true;
    const words = (text: string) => text.match(/[\p{L}\p{M}]+/gu) ?? [];
    const asTyped = new Set(words(foldCase(name)));
    const folded = new Set(words(foldDiacritics(name)));
    let same = 0;
    let clash = 0;
    let asked = 0;
    let place = 0;
    for (const w of new Set(words(foldCase(query)))) {
      const bare = foldDiacritics(w);
      if (w === bare || w.length < 2) continue;
      if (PLACE_WORDS.has(w)) {
        if (asTyped.has(w)) place++;
        continue;
      }
      asked++;
      if (asTyped.has(w)) same++;
      else if (folded.has(bare)) clash++;
    }
    // Where the asker lives is no ground either: "xin việc làm ở hà nội" (a job in Hanoi) shares only "Hà Nội" with
    // the Hanoi Capital Command's complaints procedure.
    if (place > 0 && asked > 0 && same === 0) return false;
    return clash === 0 || clash < same;
  }

  /** True when the words of a follow-up name the procedure on screen (or one of its variants). */
  private about(code: string, query: string, hits: SearchHit[]): boolean {
    if (hits.some((h) => h.code === code || h.variants.some((v) => v.code === code))) return true;
    const entry = this.deps.catalogue.entry(code);
    if (!entry) return false;
    const names = Object.values(entry.names)
      .filter((n): n is string => typeof n === "string")
      .map((n) => foldDiacritics(n));
    const words = new Set(names.join(" ").split(/[^\p{L}\p{N}]+/u));
    const typed = foldDiacritics(query).match(/[a-z]{2,}/g) ?? [];
    const cjk = [
      ...query.matchAll(/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/gu),
    ].map((m) => m[0]);
    const joined = names.join("");
    const hitsLatin = typed.filter((w) => words.has(w)).length;
    const hitsCjk = cjk.filter((ch) => joined.includes(ch)).length;
    const total = typed.length + cjk.length;
    return total > 0 && (hitsLatin + hitsCjk) / total >= 0.5;
  }

  /**
   * The code of the procedure the message names exactly ("Đăng ký thành lập công ty cổ phần", "更正首次颁发时有差错的
   * 证书"), if any: the index's whole-name term of the message, not a search (a long name, or one five variants
   * share, may rank below ten others). Of several procedures bearing the name, the one search puts first, else the
   * most used.
   */
  namedExactly(text: string): string | null {
    const codes = this.deps.searcher.wholeNamed(text).filter((c) => this.namesExactly(c, text));
    if (codes.length === 1) return codes[0] ?? null;
    // Several bearing the name, or none found by its whole-name term (a name with brackets inside brackets).
    const hits = this.deps.searcher.search(text, { limit: 10 }).hits;
    if (codes.length === 0) return hits.find((h) => this.namesExactly(h.code, text))?.code ?? null;
    const ranked = hits.find((h) => codes.includes(h.code));
    const weight = (c: string) => this.deps.catalogue.entry(c)?.weight ?? 0;
    return ranked?.code ?? [...codes].sort((a, b) => weight(b) - weight(a))[0] ?? null;
  }

  /**
   * The message holds the first hit's whole name (three words or more, a leading "thủ tục" and what stands in
   * brackets aside), and no other hit's name is held as long: "cho hỏi đăng ký khai sinh cho con cần giấy tờ gì"
   * means the birth registration, not the joint birth, residence and health-insurance procedure that scored close
   * behind it, whose name says far more than was asked.
   */
  private namedWithin(first: SearchHit, hits: SearchHit[], query: string): boolean {
    const typed = ` ${nameKey(query)} `;
    const held = (code: string) => {
      const entry = this.deps.catalogue.entry(code);
      let longest = 0;
      for (const n of entry ? Object.values(entry.names) : []) {
        if (typeof n !== "string") continue;
        const key = nameKey(n.replace(/\([^)]*\)/g, " ")).replace(/^thu tuc /, "");
        // Latin names by their words; CJK ones (no spaces) by their characters, a word being about two.
        const size = /\s/.test(key) ? key.split(" ").length : Math.floor([...key].length / 2);
        if (
          size >= 3 &&
          size > longest &&
          (typed.includes(` ${key} `) || (!/\s/.test(key) && typed.includes(key)))
        )
          longest = size;
      }
      return longest;
    };
    const mine = held(first.code);
    return mine > 0 && hits.every((h) => h === first || held(h.code) < mine);
  }

  /** The query is the procedure's name (in any language, diacritics aside): that one is meant. */
  private namesExactly(code: string, query: string): boolean {
    return namesExactly(this.deps.catalogue, code, query);
  }

  async openCard(
    code: string,
    ctx: FeatureContext,
    asked: AskedSection[] = [],
    hit?: SearchHit,
  ): Promise<Reply> {
    const card = await this.card(code, ctx.lang, ctx.now);
    if (!card) return this.notFound(code, ctx);
    const { session, lang } = ctx;
    session.lastCode = code;
    session.lastResults = [];
    const messages = [this.summaryMessage(card, ctx.t, hit)];
    const shown = new Set(["summary", "agency", "fees", "link"]);
    const sections = this.sectionIds(card, asked).filter((id) => !shown.has(id));
    if (asked.includes("validity")) messages.push(this.validityMessage(card, ctx.t));
    for (const id of sections) messages.push(this.sectionMessage(card, id, ctx.t));
    return reply(lang, messages, { intent: "card", code, sections });
  }

  /** A follow-up: the asked sections of the procedure on screen; after a list, which one. */
  async followup(asked: AskedSection[], ctx: FeatureContext): Promise<Reply> {
    const { session, lang, t } = ctx;
    if (session.lastCode) return this.openSections(session.lastCode, asked, ctx);
    if (session.lastResults.length > 0) return this.askWhich(asked, ctx);
    return reply(lang, [{ blocks: [{ type: "text", text: t("chat.noContext") }], buttons: [] }], {
      intent: "askWhich",
    });
  }

  async openSections(code: string, asked: AskedSection[], ctx: FeatureContext): Promise<Reply> {
    const card = await this.card(code, ctx.lang, ctx.now);
    if (!card) return this.notFound(code, ctx);
    const { session, lang, t } = ctx;
    session.lastCode = code;
    const ids = this.sectionIds(card, asked);
    if (ids.length === 0)
      return reply(lang, [this.summaryMessage(card, t)], { intent: "card", code, sections: [] });
    const messages = ids.map((id) => this.sectionMessage(card, id, t));
    if (asked.includes("cheaper"))
      messages.unshift({ blocks: [{ type: "text", text: t("chat.cheaperIntro") }], buttons: [] });
    if (asked.includes("validity")) messages.unshift(this.validityMessage(card, t));
    return reply(lang, messages, { intent: "section", code, sections: ids });
  }

  /**
   * "How long is it valid": not the processing time. What the record says of it, where it says anything (about a
   * dozen records of 5,652); else that it says nothing and who can tell, before the result and the agency.
   */
  private validityMessage(card: Card, t: Translate): OutMessage {
    return {
      blocks:
        card.validity.length > 0
          ? [
              { type: "text", text: t("chat.validityStated") },
              { type: "text", text: card.validity.join("\n") },
            ]
          : [{ type: "text", text: t("chat.validityNotStated") }],
      buttons: [],
    };
  }

  /** A section id of the card (by button), with the same fallbacks as typed follow-ups. */
  async openSectionById(code: string, id: string, ctx: FeatureContext): Promise<Reply> {
    const asked = (Object.keys(ANSWERED_BY) as AskedSection[]).find((k) => ANSWERED_BY[k][0] === id);
    if (id === "sources" || !asked) {
      const card = await this.card(code, ctx.lang, ctx.now);
      if (!card) return this.notFound(code, ctx);
      ctx.session.lastCode = code;
      const known = card.sections.some((s) => s.id === id);
      return reply(
        ctx.lang,
        [known ? this.sectionMessage(card, id, ctx.t) : this.summaryMessage(card, ctx.t)],
        {
          intent: known ? "section" : "card",
          code,
          sections: known ? [id] : [],
        },
      );
    }
    return this.openSections(code, [asked], ctx);
  }

  private sectionIds(card: Card, asked: AskedSection[]): string[] {
    const ids: string[] = [];
    for (const a of asked) {
      const known = ANSWERED_BY[a].filter((candidate) => card.sections.some((s) => s.id === candidate));
      // Validity is answered by the result and by who can tell; the others by their first section the card has.
      for (const id of a === "validity" ? known : known.slice(0, 1)) if (!ids.includes(id)) ids.push(id);
    }
    return ids;
  }

  /** The first view of a card: what it is, who handles it, how long, what it costs, where to file. */
  summaryMessage(card: Card, t: Translate, hit?: SearchHit): OutMessage {
    const blocks: Block[] = [
      { type: "title", text: card.briefTitle },
      { type: "subtitle", text: card.subtitle },
    ];
    for (const id of ["summary", "agency", "fees"]) {
      const s = card.sections.find((x) => x.id === id);
      const lines = s?.brief ?? s?.lines ?? [];
      if (s && lines.length > 0)
        blocks.push({ type: "heading", text: s.title }, { type: "text", text: lines.join("\n") });
    }
    blocks.push({ type: "link", text: t("chat.buttons.link"), url: card.link });
    const status = card.sections.find((x) => x.id === "sources")?.lines[0];
    if (status) blocks.push({ type: "text", text: status });
    const buttons = this.sectionButtons(card, t, [
      "steps",
      "documents",
      "time",
      "result",
      "legal",
      "sources",
    ]);
    const variants = (hit?.variants ?? []).filter((v) => v.code !== card.code);
    if (variants.length > 0) {
      blocks.push({ type: "text", text: t("chat.variants") });
      buttons.push(
        ...this.sortVariants(variants)
          .slice(0, 3)
          .map((v) => [
            {
              label: `${v.level ? t(`card.levels.${v.level}`) : "?"} · ${v.code}`,
              action: encodeAction({ kind: "open", code: v.code }),
            },
          ]),
      );
    }
    // The guided journeys this procedure is a step of: the whole way, a button away.
    for (const j of journeysOf(card.code).slice(0, 2))
      buttons.push([
        {
          label: t("chat.buttons.journey", { title: j.title[card.lang] }),
          action: encodeAction({ kind: "journey", event: j.id }),
        },
      ]);
    // The shareable, printable page of this answer, in this language (a pasted link previews with its name).
    if (this.deps.publicUrl)
      buttons.push([{ label: t("web.share"), url: cardUrl(this.deps.publicUrl, card.code, card.lang) }]);
    buttons.push(this.ratingRow(card.code, t));
    return { blocks, buttons };
  }

  private ratingRow(code: string, t: Translate): Button[] {
    return [
      { label: t("chat.buttons.rateUp"), action: encodeAction({ kind: "rate", code, up: true }) },
      { label: t("chat.buttons.rateDown"), action: encodeAction({ kind: "rate", code, up: false }) },
    ];
  }

  sectionMessage(card: Card, id: string, t: Translate): OutMessage {
    const section = card.sections.find((s) => s.id === id);
    const blocks: Block[] = [
      { type: "title", text: t("chat.sectionOf", { section: section?.title ?? id, name: card.title }) },
      { type: "text", text: (section?.lines ?? []).join("\n") },
    ];
    if (id === "link" || id === "steps")
      blocks.push({ type: "link", text: t("chat.buttons.link"), url: card.link });
    const others = SECTION_ORDER.filter((s) => s !== id);
    return { blocks, buttons: this.sectionButtons(card, t, others.slice(0, 4)) };
  }

  private sectionButtons(card: Card, t: Translate, ids: string[], max = 4): Button[][] {
    const buttons: Button[] = ids
      .filter((id) => card.sections.some((s) => s.id === id))
      .slice(0, max)
      .map((id) => ({
        label: t(`chat.buttons.${id}`),
        action: encodeAction({ kind: "section", code: card.code, section: id }),
      }));
    const rows: Button[][] = [];
    for (let i = 0; i < buttons.length; i += 2) rows.push(buttons.slice(i, i + 2));
    rows.push([{ label: t("chat.buttons.link"), url: card.link }]);
    return rows;
  }

  private sortVariants<T extends { level: Level | null }>(variants: T[]): T[] {
    return [...variants].sort((a, b) => LEVEL_ORDER.indexOf(a.level) - LEVEL_ORDER.indexOf(b.level));
  }

  /** One question, one button per variant, labelled by what tells them apart (level first), citizen's case first. */
  private clarifyVariants(hit: SearchHit, ctx: FeatureContext): Reply {
    const { t, lang, session } = ctx;
    const variants = this.sortVariants(hit.variants).slice(0, MAX_RESULTS);
    const codes = variants.map((v) => v.code);
    const names = codes.map((c) => this.nameOf(c, lang));
    const levelLabels = variants.map((v) => (v.level ? t(`card.levels.${v.level}`) : t("chat.otherLevel")));
    const distinctLevels = new Set(levelLabels).size === levelLabels.length;
    const labels = distinctLevels
      ? levelLabels.map((l) => l.charAt(0).toUpperCase() + l.slice(1))
      : distinctLabels(names, 40, levelLabels);
    session.lastResults = codes;
    session.lastCode = null;
    const lines = codes.map((c, i) => `${i + 1}. ${labels[i]} — ${this.clip(names[i] ?? c)} (${c})`);
    return reply(
      lang,
      [
        {
          blocks: [
            { type: "text", text: t("chat.clarify", { name: this.clip(this.nameOf(hit.code, lang), 90) }) },
            { type: "text", text: lines.join("\n") },
          ],
          buttons: codes.map((code, i) => [
            { label: labels[i] ?? code, action: encodeAction({ kind: "open", code }) },
          ]),
        },
      ],
      { intent: "clarify", codes },
    );
  }

  private list(hits: SearchHit[], ctx: FeatureContext): Reply {
    const { t, lang, session } = ctx;
    const codes = hits.map((h) => h.code);
    const names = codes.map((c) => this.nameOf(c, lang));
    const levels = hits.map((h) => (h.level ? t(`card.levels.${h.level}`) : h.code));
    const labels = distinctLabels(names, 48, levels);
    // Names of one family ("… cá nhân" / "… tổ chức"): one question, buttons by what tells them apart.
    const family = sharedShare(names) >= 0.5;
    session.lastResults = codes;
    session.lastCode = null;
    const lines = codes.map((c, i) => `${i + 1}. ${this.clip(names[i] ?? c)} (${c})`);
    const intent: ReplyIntent = family ? "clarify" : "list";
    return reply(
      lang,
      [
        {
          blocks: [
            { type: family ? "text" : "heading", text: family ? t("chat.whichCase") : t("chat.results") },
            { type: "text", text: lines.join("\n") },
            { type: "text", text: t("chat.resultsTip") },
          ],
          buttons: codes.map((code, i) => [
            { label: `${i + 1}. ${labels[i] ?? code}`, action: encodeAction({ kind: "open", code }) },
          ]),
        },
      ],
      { intent, codes },
    );
  }

  /** After a list, a follow-up asks which procedure, with buttons that open the asked section of each. */
  private askWhich(asked: AskedSection[], ctx: FeatureContext): Reply {
    const { t, lang, session } = ctx;
    const section = ANSWERED_BY[asked[0] ?? "fees"][0] ?? "fees";
    const names = session.lastResults.map((c) => this.nameOf(c, lang));
    const labels = distinctLabels(names, 48, session.lastResults);
    const buttons = session.lastResults.map((code, i) => [
      { label: `${i + 1}. ${labels[i] ?? code}`, action: encodeAction({ kind: "section", code, section }) },
    ]);
    return reply(lang, [{ blocks: [{ type: "text", text: t("chat.whichOne") }], buttons }], {
      intent: "askWhich",
      codes: [...session.lastResults],
      sections: [section],
    });
  }

  async choose(n: number, ctx: FeatureContext, asked: AskedSection[] = []): Promise<Reply> {
    const { session, t, lang } = ctx;
    const code = session.lastResults[n - 1];
    // Nothing listed: which procedure is meant, as for a follow-up with nothing on screen to refer to.
    if (session.lastResults.length === 0)
      return reply(lang, [{ blocks: [{ type: "text", text: t("chat.noContext") }], buttons: [] }], {
        intent: "askWhich",
      });
    if (!code)
      return reply(
        lang,
        [
          {
            blocks: [
              { type: "text", text: t("chat.choiceOutOfRange", { count: session.lastResults.length }) },
            ],
            buttons: [],
          },
        ],
        { intent: "askWhich", codes: [...session.lastResults] },
      );
    return this.openCard(code, ctx, asked);
  }

  /** A life event: its procedures in order, each a button; a number opens one. */
  journey(event: LifeEvent, ctx: FeatureContext, text?: string): Reply {
    // A life event with a guided journey (data/investor/journeys.json) shows its steps with what each needs.
    const guided = journeyById(event.id);
    if (guided) return this.guidedJourney(guided, ctx, text);
    const { t, lang, session } = ctx;
    const known = event.steps.filter((c) => this.deps.catalogue.entry(c));
    const codes = text && event.oneOf ? this.askedFirst(known, text) : known;
    session.lastResults = codes;
    session.lastCode = null;
    const names = codes.map((c) => this.nameOf(c, lang));
    const labels = distinctLabels(names, 48, codes);
    const lines = codes.map((c, i) => `${i + 1}. ${this.clip(names[i] ?? c)} (${c})`);
    return reply(
      lang,
      [
        {
          blocks: [
            { type: "text", text: t(`journeys.${event.id}`) },
            { type: "text", text: lines.join("\n") },
            { type: "text", text: t("chat.journeyTip") },
          ],
          buttons: codes.map((code, i) => [
            { label: `${i + 1}. ${labels[i] ?? code}`, action: encodeAction({ kind: "open", code }) },
          ]),
        },
      ],
      { intent: "journey", codes, detail: event.id },
    );
  }

  journeyById(id: string, ctx: FeatureContext): Reply | null {
    const guided = journeyById(id);
    if (guided) return this.guidedJourney(guided, ctx);
    const event = LIFE_EVENTS.find((e) => e.id === id);
    return event ? this.journey(event, ctx) : null;
  }

  /**
   * A guided journey: each step in order (its card a button away) with what it needs from the steps before. Told by
   * a message, a step whose alternative the message asks for rather than its own procedure shows that alternative
   * first: "外国商人设立分公司许可证" (a foreign trader's branch) opens on the branch's licence, not the
   * representative office's that the step names, which stays beside it as the other way.
   */
  guidedJourney(journey: Journey, ctx: FeatureContext, text?: string): Reply {
    const { t, lang, session } = ctx;
    const steps = journey.steps
      .filter((s) => s.code === null || this.deps.catalogue.entry(s.code))
      .map((s) => (text && s.code ? this.askedWay(s, text) : s));
    const codes = steps.flatMap((s) => (s.code ? [s.code] : []));
    session.lastResults = codes;
    session.lastCode = null;
    const labels = distinctLabels(
      codes.map((c) => this.nameOf(c, lang)),
      44,
      codes,
    );
    const lines = steps.map((s, i) => {
      const head = s.code
        ? `${i + 1}. ${this.clip(this.nameOf(s.code, lang))} (${s.code})`
        : `${i + 1}. ${s.what?.[lang] ?? ""}`;
      const alternatives = s.alternatives.filter((c) => this.deps.catalogue.entry(c));
      const or =
        alternatives.length > 0 ? `\n   ${t("chat.journeyOr", { codes: alternatives.join(", ") })}` : "";
      return `${head}${or}\n   ↳ ${s.needs[lang]}`;
    });
    const buttons: Button[][] = [];
    steps.forEach((s, i) => {
      if (!s.code) return;
      const n = codes.indexOf(s.code);
      buttons.push([
        { label: `${i + 1}. ${labels[n] ?? s.code}`, action: encodeAction({ kind: "open", code: s.code }) },
      ]);
    });
    if (this.deps.publicUrl)
      buttons.push([{ label: t("web.share"), url: journeyUrl(this.deps.publicUrl, journey.id, lang) }]);
    return reply(
      lang,
      [
        {
          blocks: [
            { type: "title", text: journey.title[lang] },
            { type: "text", text: t(`journeys.${journey.id}`) },
            { type: "text", text: lines.join("\n") },
            { type: "text", text: t("chat.journeyTip") },
          ],
          buttons,
        },
      ],
      { intent: "journey", codes, detail: journey.id },
    );
  }

  /** Codes to choose between, the ones the message's search ranks (or finds in a hit's group) first, in its order. */
  private askedFirst(codes: string[], text: string): string[] {
    const ranked = this.hitsOf(text).flatMap(groupCodes);
    const at = (code: string) => {
      const i = ranked.indexOf(code);
      return i < 0 ? Number.POSITIVE_INFINITY : i;
    };
    return codes
      .map((code, i) => ({ code, i }))
      .sort((a, b) => at(a.code) - at(b.code) || a.i - b.i)
      .map((x) => x.code);
  }

  /**
   * A journey's step with the alternative the message asks for in its procedure's place: the message's best
   * procedure (or one of its group). Other steps keep their own procedure first.
   */
  private askedWay<S extends { code: string | null; alternatives: string[] }>(step: S, text: string): S {
    const first = this.hitsOf(text)[0];
    if (!step.code || !first) return step;
    const group = groupCodes(first);
    const asked = step.alternatives.find((c) => group.includes(c));
    if (!asked || group.includes(step.code)) return step;
    return {
      ...step,
      code: asked,
      alternatives: [step.code, ...step.alternatives.filter((c) => c !== asked)],
    };
  }

  /** Every guided journey, one button each (the /journeys command). */
  journeyList(ctx: FeatureContext): Reply {
    const { t, lang } = ctx;
    return reply(
      lang,
      [
        {
          blocks: [{ type: "text", text: t("chat.journeysIntro") }],
          buttons: JOURNEYS.map((j) => [
            { label: j.title[lang], action: encodeAction({ kind: "journey", event: j.id }) },
          ]),
        },
      ],
      { intent: "journey", detail: "list" },
    );
  }

  /**
   * An ask done elsewhere than a public office (data/conversation/elsewhere.json): where it is done, with its
   * source, and the procedures of the national database that do concern it (a passport before another country's
   * visa), a button each; a guided journey when the entry is one of its steps.
   */
  elsewhere(entry: ElsewhereEntry, ctx: FeatureContext): Reply {
    const { t, lang, session } = ctx;
    const codes = entry.related.filter((c) => this.deps.catalogue.entry(c));
    const labels = distinctLabels(
      codes.map((c) => this.nameOf(c, lang)),
      48,
      codes,
    );
    const buttons: Button[][] = codes.map((code, i) => [
      { label: labels[i] ?? code, action: encodeAction({ kind: "open", code }) },
    ]);
    const journey = entry.journey ? journeyById(entry.journey) : undefined;
    if (journey)
      buttons.push([
        { label: journey.title[lang], action: encodeAction({ kind: "journey", event: journey.id }) },
      ]);
    buttons.push([{ label: t("chat.buttons.person"), action: encodeAction({ kind: "handoff" }) }]);
    // The procedures offered are what a number or "the first one" refers to next.
    session.lastResults = codes;
    session.lastCode = null;
    return reply(lang, [{ blocks: [{ type: "text", text: entry.text[lang] }], buttons }], {
      intent: "elsewhere",
      detail: entry.id,
      ...(codes.length > 0 ? { codes } : {}),
    });
  }

  /**
   * The answer with notes on what the message named ("sổ hộ khẩu" was abolished at the end of 2022), in a message
   * of their own before it: a card still starts with its title.
   */
  withNotes(answer: Reply, notes: ElsewhereEntry[]): Reply {
    const note: OutMessage = {
      blocks: notes.map((n) => ({ type: "text", text: n.text[answer.lang] })),
      buttons: [],
    };
    return {
      ...answer,
      messages: [note, ...answer.messages],
      meta: answer.meta ? { ...answer.meta, notes: notes.map((n) => n.id) } : answer.meta,
    };
  }

  notFound(query: string, ctx: FeatureContext): Reply {
    const { t, lang } = ctx;
    const shown = query.length > 80 ? `${query.slice(0, 79)}…` : query;
    return reply(
      lang,
      [
        {
          blocks: [
            { type: "text", text: t("chat.notFound", { query: shown }) },
            { type: "text", text: t("chat.notFoundHint", { portal: PORTAL_URL }) },
            { type: "text", text: t("chat.examples") },
          ],
          buttons: [
            [{ label: "dichvucong.gov.vn", url: PORTAL_URL }],
            [{ label: t("chat.buttons.person"), action: encodeAction({ kind: "handoff" }) }],
          ],
        },
      ],
      { intent: "notFound" },
    );
  }

  /** Answer cards for Telegram inline mode and shareable links: the summary view of the best matches. */
  async inlineCards(query: string, lang: Language, limit: number, now: Date, t: Translate) {
    const hits = searchNamedFirst(this.deps.searcher, this.deps.catalogue, query, limit);
    const cards: { code: string; title: string; description: string; message: OutMessage }[] = [];
    for (const hit of hits) {
      const card = await this.card(hit.code, lang, now);
      if (!card) continue;
      const message = this.summaryMessage(card, t);
      // A pasted card goes to other people's chats: no rating buttons there.
      message.buttons = message.buttons.filter(
        (row) => !row.some((b) => "action" in b && b.action.startsWith("r:")),
      );
      cards.push({ code: card.code, title: card.title, description: card.subtitle, message });
    }
    return cards;
  }

  private clip(name: string, max = NAME_LENGTH): string {
    return name.length > max ? `${name.slice(0, max - 1).trimEnd()}…` : name;
  }
}
