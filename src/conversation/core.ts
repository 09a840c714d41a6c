/**
 * The conversation core: Incoming → Reply, the same for every channel. It keeps the session and the language
 * policy, understands the message (understand.ts), and hands it to the one feature that owns that kind:
 * safety (emergencies), dossiers, procedures (search, cards, follow-ups, journeys), small talk, handoff and
 * feedback. Button data is decoded once, by the typed action codec (actions.ts).
 */
import type { Catalogue, Language, Procedure } from "../catalogue/index.ts";
import { LANGUAGES, languageSchema } from "../catalogue/index.ts";
import { type DossierService, dossierKey, findDossierCode, parseDossierMessage } from "../dossiers/index.ts";
import { type FeatureContext, featureContext, reply } from "../features/context.ts";
import { canonicalDossierText, DossierFeature } from "../features/dossiers/index.ts";
import { HandoffFeature, type HandoffStore } from "../features/handoff/index.ts";
import { onlineSavingOf, outcomeOf, type QueryLog } from "../features/insights/index.ts";
import { ProceduresFeature } from "../features/procedures/index.ts";
import { emergencyReply } from "../features/safety/index.ts";
import { junkReply, smalltalkReply } from "../features/smalltalk/index.ts";
import { translator } from "../i18n/index.ts";
import { type Logger, silentLogger } from "../log.ts";
import type { Searcher } from "../search/index.ts";
import { nameKey } from "../text.ts";
import { decodeAction, encodeAction } from "./actions.ts";
import type { Card } from "./card.ts";
import { LanguageGuesser, languagePolicy } from "./language.ts";
import { type Button, chatKeyOf, type Incoming, type OutMessage, type Reply, textMessage } from "./reply.ts";
import { emptySession, type Session, type SessionStore } from "./session.ts";
import { type BuiltPhrases, Understander } from "./understand.ts";

export interface ConversationDeps {
  catalogue: Catalogue;
  searcher: Searcher;
  sessions: SessionStore;
  /** Province whose fee discounts apply (DEFAULT_PROVINCE). */
  province: string | null;
  /** Where the web channel is published (PUBLIC_URL): cards link to their shareable page there. */
  publicUrl?: string | null;
  /** Dossier status lookup; absent where no dossier store is configured. */
  dossiers?: DossierService | null;
  /** Where "talk to a person" requests and ratings go; absent, the user is told no one is on duty here. */
  handoffs?: HandoffStore | null;
  /** Where procedure questions and their outcomes are counted for the content-gaps report (no personal data). */
  insights?: QueryLog | null;
  /** The understanding step's phrase index as npm run build compiled it; absent, it is made from data/conversation. */
  phrases?: BuiltPhrases | null;
  log?: Logger;
  clock?: () => Date;
}

export function chatKey(incoming: Pick<Incoming, "channel" | "chatId">): string {
  return chatKeyOf(incoming);
}

/** Maps an app language code ("en-US", "zh-hans", "ko") to one of ours. */
export function languageFromHint(hint: string | null | undefined): Language | null {
  if (!hint) return null;
  const base = hint.toLowerCase().split(/[-_]/)[0] ?? "";
  return languageSchema.safeParse(base).success ? (base as Language) : null;
}

const PHONE_DIGITS = /(?<!\d)(\d{4})(?!\d)/;
const PHONE_NUMBER = /(?<!\d)(?:\+?84|0)\d{8,10}(?!\d)/;

/** The last 4 phone digits in a reply to "send the last 4 digits": "4321", "it's 4321", "0987654321". */
function phoneDigits(text: string): string | null {
  const number = PHONE_NUMBER.exec(text)?.[0];
  if (number) return number.slice(-4);
  return PHONE_DIGITS.exec(text)?.[1] ?? null;
}

export class Conversation {
  private readonly clock: () => Date;
  private readonly understander: Understander;
  private readonly guesser: LanguageGuesser;
  readonly procedures: ProceduresFeature;
  private readonly dossiers: DossierFeature | null;
  private readonly handoff: HandoffFeature;

  constructor(private readonly deps: ConversationDeps) {
    this.clock = deps.clock ?? (() => new Date());
    // Computed by the build (Catalogue.vocabulary): reading every name here took a tenth of Node's start-up.
    const words = deps.catalogue.vocabulary();
    this.understander = new Understander(new Set([...words.vi, ...words.en]), deps.phrases ?? null);
    this.guesser = new LanguageGuesser(words.vi, words.en);
    this.procedures = new ProceduresFeature(deps);
    this.dossiers = deps.dossiers ? new DossierFeature(deps.dossiers, deps.catalogue) : null;
    this.handoff = new HandoffFeature(deps.handoffs ?? null, deps.log ?? silentLogger);
  }

  async handle(incoming: Incoming): Promise<Reply> {
    const key = chatKeyOf(incoming);
    const session = (await this.deps.sessions.get(key)) ?? emptySession();
    if (incoming.lang) session.lang = incoming.lang;
    const reply = await this.route(incoming, session);
    await this.recordQuery(incoming, session, reply);
    await this.deps.sessions.set(key, session);
    return reply;
  }

  /**
   * Counts a procedure question and its outcome for the content-gaps report: what was typed (masked), the language,
   * the channel, what was found; never the chat. A list stays "offered" (abandoned, in the end) until one of its
   * results is opened. A failure to record is logged and never affects the answer.
   */
  private async recordQuery(incoming: Incoming, session: Session, reply: Reply) {
    const log = this.deps.insights;
    const intent = reply.meta?.intent;
    const outcome = intent ? outcomeOf(intent) : null;
    if (!log || !intent || !outcome) return;
    const text = incoming.callback === undefined ? (incoming.text ?? "").trim() : null;
    // "2" after a list is a choice, not a question.
    const typed = text !== null && /^\d{1,2}$/.test(text) ? null : text;
    try {
      if (outcome === "found" && typeof session.lastQueryId === "number") {
        await log.markChosen(session.lastQueryId);
        session.lastQueryId = null;
      }
      // A follow-up button on a card already counted (a section) is not a new question.
      if (typed === null && intent === "section") return;
      const code = reply.meta?.code ?? null;
      let savingVnd: number | null = null;
      if (intent === "card" && code) {
        // The card just shown, kept built: its fees are the ones resolved for today.
        const card = await this.procedures.card(code, reply.lang, this.clock());
        if (card) savingVnd = onlineSavingOf(card.fees);
      }
      const id = await log.record({
        channel: incoming.channel,
        lang: reply.lang,
        intent,
        query: typed || null,
        results: outcome === "found" ? 1 : (reply.meta?.codes?.length ?? 0),
        procedureCode: code,
        outcome,
        savingVnd,
        createdAt: this.clock(),
      });
      if (outcome === "offered") session.lastQueryId = id;
    } catch (error) {
      (this.deps.log ?? silentLogger).warn("query not recorded", {
        error: error instanceof Error ? error.message : String(error),
      });
    }
  }

  /** The language a chat uses (for replies that carry no text to detect it from, like a sticker). */
  async chatLanguage(incoming: Pick<Incoming, "channel" | "chatId" | "languageHint">): Promise<Language> {
    const session = await this.deps.sessions.get(chatKeyOf(incoming));
    return session?.lang ?? languageFromHint(incoming.languageHint) ?? "vi";
  }

  /** The reply language: a chosen language; else a confident reading of the text; else the chat's, the app's. */
  private languageFor(incoming: Incoming, session: Session): Language {
    if (incoming.lang) return incoming.lang;
    const text = incoming.text?.trim() ?? "";
    const { lang, remember } = languagePolicy(
      text ? this.guesser.detect(text) : null,
      session.lang,
      languageFromHint(incoming.languageHint),
    );
    if (remember) session.lang = lang;
    return lang;
  }

  private sessionLanguage(incoming: Incoming, session: Session): Language {
    return session.lang ?? languageFromHint(incoming.languageHint) ?? "vi";
  }

  private async route(incoming: Incoming, session: Session): Promise<Reply> {
    const now = this.clock();
    if (incoming.callback !== undefined)
      return this.onAction(
        incoming.callback,
        featureContext(incoming, session, this.sessionLanguage(incoming, session), now),
      );
    const text = (incoming.text ?? "").trim();
    if (text.startsWith("/"))
      return this.onCommand(
        text,
        featureContext(incoming, session, this.sessionLanguage(incoming, session), now),
      );
    const ctx = featureContext(incoming, session, this.languageFor(incoming, session), now);
    const understood = this.understander.understand(text, {
      listed: session.lastResults.length,
      onCard: session.lastCode !== null,
      lang: ctx.lang,
      namesOfBest: (whole) => this.namesOfBest(whole, ctx.lang),
    });
    // Emergencies first, always.
    if (understood.kind === "emergency") return emergencyReply(understood.emergencies, understood.rest, ctx);

    // A procedure's own name pasted as it is asks for that procedure, whatever its words sound like: "Cấp thẻ tư
    // vấn viên pháp luật" is no request for a consultant, "…certificate of eligibility to act as a petroleum
    // distributor" no attempt to make the bot act as anything, "…thủy sản sống đối với trường hợp không phải đánh
    // giá rủi ro" no rating, "…online video game services" not out of scope (147 of the catalogue's 28,260 names in
    // five languages read so). Life events are checked below, after dossier codes.
    if (
      understood.kind === "handoff" ||
      understood.kind === "injection" ||
      understood.kind === "outOfScope" ||
      understood.kind === "elsewhere" ||
      understood.kind === "feedback"
    ) {
      const named = this.procedures.namedExactly(text);
      if (named) return this.procedures.openCard(named, ctx);
    }
    // Asking for a person wins over anything else the message holds ("gặp nhân viên về hồ sơ 000.00…").
    if (understood.kind === "handoff") return this.handoff.requestPerson(understood.question, ctx);
    const pending = session.pendingDossier;
    session.pendingDossier = null;
    if (this.dossiers) {
      const canonical = canonicalDossierText(text);
      const dossier = parseDossierMessage(text) ?? (canonical ? parseDossierMessage(canonical) : null);
      if (dossier) return this.dossiers.lookup(dossier.code, dossier.phoneLast4, ctx);
      // "4321" right after the bot asked for the last 4 digits of the phone.
      const digits = pending && text.length <= 40 ? phoneDigits(text) : null;
      if (pending && digits) return this.dossiers.lookup(pending, digits, ctx);
    }

    switch (understood.kind) {
      case "empty":
        return this.help(ctx);
      case "choice":
        return this.procedures.choose(understood.n, ctx, understood.sections);
      case "injection":
      case "junk":
      case "outOfScope":
        return junkReply(understood.kind, ctx);
      case "feedback":
        return this.handoff.rate(understood.up, null, ctx);
      case "dossierStatus":
        return this.dossiers
          ? this.dossiers.askCode(ctx)
          : reply(ctx.lang, [textMessage(ctx.t("dossier.askCodeNoLookup"))], {
              intent: "dossier",
              dossier: "unavailable",
            });
      case "lifeEvent": {
        // A procedure's own name ("Đăng ký thành lập công ty cổ phần") is that procedure, not a life event.
        const named = this.procedures.namedExactly(text);
        if (named) return this.procedures.openCard(named, ctx);
        // A foreign party named by its nationality ("vợ người Hàn Quốc") asks for the event's foreign twin.
        const event = this.procedures.twinAsked(text, understood.event) ?? understood.event;
        // A procedure asked clearly outside the event's journey ("winding up the company") is that request.
        if (this.procedures.asksOutside(text, event, understood.more))
          return this.procedures.request(text, [], ctx);
        // A later step asked for by its own words opens that step's card.
        const step = this.procedures.stepAsked(text, event, understood.more);
        if (step) return this.procedures.openCard(step, ctx);
        return this.procedures.journey(event, ctx, text);
      }
      case "followup":
        // Only words that ask for a part of a procedure ("can I pay online?", "nộp ở đâu"): about the card or list on
        // screen, or, with nothing on screen, a question back (which procedure?). Searched, those words found
        // strangers: a lawsuit service, a foreign loan.
        return this.procedures.followup(understood.sections, ctx);
      case "smalltalk":
        return smalltalkReply(understood.act, ctx);
      case "elsewhere":
        return this.procedures.elsewhere(understood.entry, ctx);
      case "procedure": {
        const answer = await this.procedures.request(
          understood.query,
          understood.sections,
          ctx,
          understood.whole,
        );
        const notes = (understood.notes ?? []).filter((n) => !n.langs || n.langs.includes(ctx.lang));
        return notes.length > 0 ? this.procedures.withNotes(answer, notes) : answer;
      }
    }
  }

  /** The names (vi and the reader's language, as nameKey folds them) of the procedure a text finds first. */
  private namesOfBest(text: string, lang: Language): string[] | null {
    const top = this.procedures.hitsOf(text)[0];
    const entry = top ? this.deps.catalogue.entry(top.code) : null;
    if (!entry) return null;
    return [entry.names.vi, entry.names[lang]].flatMap((n) => (n ? [nameKey(n)] : []));
  }

  private async onCommand(text: string, ctx: FeatureContext): Promise<Reply> {
    const [rawCommand = "", ...args] = text.split(/\s+/);
    const command = rawCommand.toLowerCase().replace(/@.*$/, "");
    const arg = args.join(" ").trim();
    const { t, lang } = ctx;
    switch (command) {
      case "/start": {
        // Deep link: /start p_1_001612 (Telegram allows only [A-Za-z0-9_-] in start payloads).
        const deep = /^p_(\d)[._]?(\d{6})$/.exec(arg);
        if (deep) return this.procedures.openCard(`${deep[1]}.${deep[2]}`, ctx);
        return reply(
          lang,
          [
            {
              blocks: [
                { type: "text", text: t("chat.welcome") },
                { type: "text", text: t("chat.examples") },
              ],
              buttons: this.languageButtons(),
            },
          ],
          { intent: "help", detail: "start" },
        );
      }
      case "/follow":
      case "/unfollow": {
        // The text form of the follow buttons, for channels without buttons (Zalo).
        const code = findDossierCode(arg);
        if (!code || !this.dossiers)
          return reply(lang, [textMessage(t("dossier.usage"))], { intent: "command" });
        return this.dossiers.follow(command === "/follow", dossierKey(code), ctx);
      }
      case "/help":
        return this.help(ctx);
      case "/journeys":
      case "/hanhtrinh":
        return this.procedures.journeyList(ctx);
      case "/lang":
      case "/language": {
        const wanted = languageSchema.safeParse(arg.toLowerCase());
        if (wanted.success) return this.setLanguage(wanted.data, ctx.session);
        return reply(
          lang,
          [{ blocks: [{ type: "text", text: t("chat.langPrompt") }], buttons: this.languageButtons() }],
          {
            intent: "language",
          },
        );
      }
      case "/status":
      case "/trangthai": {
        const dossier = parseDossierMessage(arg);
        if (dossier && this.dossiers) return this.dossiers.lookup(dossier.code, dossier.phoneLast4, ctx);
        return reply(lang, [textMessage(t("dossier.usage"))], { intent: "command" });
      }
      case "/person":
      case "/nguoi":
        return this.handoff.requestPerson(arg || (ctx.session.lastQuery ?? ""), ctx);
      default:
        return reply(lang, [textMessage(t("chat.unknownCommand"))], { intent: "command" });
    }
  }

  private async onAction(data: string, ctx: FeatureContext): Promise<Reply> {
    const action = decodeAction(data);
    const known = (code: string) =>
      this.deps.catalogue.entry(code) !== undefined && this.deps.catalogue.entry(code) !== null;
    switch (action?.kind) {
      case "lang":
        return this.setLanguage(action.lang, ctx.session);
      case "open":
        if (known(action.code)) return this.procedures.openCard(action.code, ctx);
        break;
      case "section":
        if (known(action.code)) return this.procedures.openSectionById(action.code, action.section, ctx);
        break;
      case "follow":
      case "unfollow":
        if (this.dossiers) return this.dossiers.follow(action.kind === "follow", action.key, ctx);
        break;
      case "rate":
        if (known(action.code)) return this.handoff.rate(action.up, action.code, ctx);
        break;
      case "handoff":
        return this.handoff.requestPerson(ctx.session.lastQuery ?? "", ctx);
      case "journey": {
        const journey = this.procedures.journeyById(action.event, ctx);
        if (journey) return journey;
        break;
      }
    }
    // Stale or forged button data gets the help text, never an error.
    return this.help(ctx);
  }

  /** The message pushed to a subscribed chat when a dossier changes status. */
  async dossierPush(codeKey: string, lang: Language): Promise<Reply | null> {
    return this.dossiers ? this.dossiers.push(codeKey, lang, this.clock()) : null;
  }

  private setLanguage(lang: Language, session: Session): Reply {
    session.lang = lang;
    const t = translator(lang);
    return reply(lang, [textMessage(`${t("chat.langSet")}\n${t("chat.examples")}`)], {
      intent: "language",
      detail: lang,
    });
  }

  /** The card of a procedure in a language today: built once a day and kept, as chat answers are. */
  cardFor(procedure: Procedure, lang: Language): Card {
    return this.procedures.keptCardFor(procedure, lang, this.clock());
  }

  /** Answer cards for Telegram inline mode: the summary view of the best matches. */
  inlineCards(query: string, lang: Language, limit: number) {
    return this.procedures.inlineCards(query, lang, limit, this.clock(), translator(lang));
  }

  nameOf(code: string, lang: Language): string {
    return this.procedures.nameOf(code, lang);
  }

  private help(ctx: FeatureContext): Reply {
    const { t, lang } = ctx;
    const message: OutMessage = {
      blocks: [
        { type: "text", text: t("chat.help") },
        { type: "text", text: t("chat.examples") },
      ],
      buttons: [],
    };
    return reply(lang, [message], { intent: "help" });
  }

  private languageButtons(): Button[][] {
    const t = translator("en");
    return [
      LANGUAGES.map((l) => ({
        label: t(`languageNames.${l}`),
        action: encodeAction({ kind: "lang", lang: l }),
      })),
    ];
  }
}
