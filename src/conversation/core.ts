import type { Catalogue, Procedure } from "../catalogue/index.ts";
import { LANGUAGES, type Language, languageSchema, todayInVietnam } from "../catalogue/index.ts";
import {
  type DossierService,
  dossierKey,
  findDossierCode,
  type LookupResult,
  maskApplicantName,
} from "../dossiers/index.ts";
import { type Translate, translator } from "../i18n/index.ts";
import type { Searcher, SearchHit } from "../search/index.ts";
import { nameKey } from "../search/index.ts";
import { buildCard, type Card, type CardSectionId, PORTAL_URL } from "./card.ts";
import { type AskedSection, detectIntents } from "./intents.ts";
import { actions, type Block, type Button, type Incoming, type OutMessage, type Reply } from "./reply.ts";
import { emptySession, type Session, type SessionStore } from "./session.ts";

/**
 * The conversation core: Incoming → Reply, the same for every channel. It finds procedures, shows cards and
 * their sections, answers follow-ups about the last procedure, and remembers the chat's language.
 */
export interface ConversationDeps {
  catalogue: Catalogue;
  searcher: Searcher;
  sessions: SessionStore;
  /** Province whose fee discounts apply (DEFAULT_PROVINCE). */
  province: string | null;
  /** Dossier status lookup; absent where no dossier store is configured. */
  dossiers?: DossierService | null;
  clock?: () => Date;
}

const MAX_RESULTS = 5;
const LOCALES: Record<Language, string> = { vi: "vi-VN", en: "en-GB", zh: "zh-CN", ko: "ko-KR", ja: "ja-JP" };
/** The first hit is "one clear winner" when it scores this much above the second. */
const CLEAR_WINNER = 1.6;
const SECTION_ORDER: CardSectionId[] = ["steps", "documents", "fees", "agency", "sources"];
const ASKED_TO_CARD: Record<AskedSection, CardSectionId> = {
  fees: "fees",
  documents: "documents",
  steps: "steps",
  agency: "agency",
  link: "link",
};

export function chatKey(incoming: Pick<Incoming, "channel" | "chatId">): string {
  return `${incoming.channel}:${incoming.chatId}`;
}

/** Maps an app language code ("en-US", "zh-hans", "ko") to one of ours. */
export function languageFromHint(hint: string | null | undefined): Language | null {
  if (!hint) return null;
  const base = hint.toLowerCase().split(/[-_]/)[0] ?? "";
  return languageSchema.safeParse(base).success ? (base as Language) : null;
}

export class Conversation {
  private readonly clock: () => Date;

  constructor(private readonly deps: ConversationDeps) {
    this.clock = deps.clock ?? (() => new Date());
  }

  async handle(incoming: Incoming): Promise<Reply> {
    const key = chatKey(incoming);
    const session = (await this.deps.sessions.get(key)) ?? emptySession();
    if (incoming.lang) session.lang = incoming.lang;
    const reply = await this.route(incoming, session);
    await this.deps.sessions.set(key, session);
    return reply;
  }

  /** The language a chat uses (for replies that carry no text to detect it from, like a sticker). */
  async chatLanguage(incoming: Pick<Incoming, "channel" | "chatId" | "languageHint">): Promise<Language> {
    const session = await this.deps.sessions.get(chatKey(incoming));
    return session?.lang ?? languageFromHint(incoming.languageHint) ?? "vi";
  }

  /** The reply language: what the text is written in, else what the chat chose, else the app's setting. */
  private languageFor(incoming: Incoming, session: Session): Language {
    const text = incoming.text?.trim() ?? "";
    const detected = text && !incoming.lang ? this.deps.searcher.detectLanguage(text) : null;
    // One Latin word ("passport", "visa") is not enough to switch a Vietnamese chat to English.
    const confident =
      detected !== null &&
      (/[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u.test(text) ||
        detected === "vi" ||
        text.split(/\s+/).length >= 2);
    if (confident && detected) session.lang = detected;
    return session.lang ?? languageFromHint(incoming.languageHint) ?? "vi";
  }

  private async route(incoming: Incoming, session: Session): Promise<Reply> {
    if (incoming.callback !== undefined) return this.onAction(incoming.callback, incoming, session);
    const text = (incoming.text ?? "").trim();
    if (text.startsWith("/")) return this.onCommand(text, incoming, session);
    const lang = this.languageFor(incoming, session);
    if (text === "") return this.reply(lang, [this.help(lang)]);
    const dossierCode = this.deps.dossiers ? findDossierCode(text) : null;
    if (dossierCode) return this.dossierLookup(dossierCode, text, incoming, session, lang);

    const choice = /^\s*(\d{1,2})\s*[.)]?\s*$/.exec(text);
    if (choice && session.lastResults.length > 0) {
      const n = Number(choice[1]);
      const code = session.lastResults[n - 1];
      if (!code)
        return this.reply(lang, [
          this.textMessage(translator(lang)("chat.choiceOutOfRange", { count: session.lastResults.length })),
        ]);
      return this.openCard(code, lang, session, []);
    }

    const { sections, rest } = detectIntents(text);
    const asked = sections.map((s) => ASKED_TO_CARD[s]);
    // A follow-up ("phí bao nhiêu?", "what documents?") is about the procedure shown last.
    const onlyFiller = asked.length > 0 && this.isOnlyFiller(rest);
    if (onlyFiller) {
      if (session.lastCode) return this.openSections(session.lastCode, asked, lang, session);
      return this.askWhich(asked, lang, session);
    }
    const query = asked.length > 0 ? rest : text;
    const result = this.deps.searcher.search(query, { limit: MAX_RESULTS });
    const hits = result.hits;
    if (hits.length === 0) return this.notFound(text, lang);
    const [first, second] = hits;
    if (
      first &&
      (first.via === "code" ||
        !second ||
        first.score >= CLEAR_WINNER * second.score ||
        this.namesExactly(first.code, query))
    ) {
      return this.openCard(first.code, lang, session, asked, first);
    }
    return this.resultList(hits, lang, session);
  }

  /** The query is the procedure's name (in any language, diacritics aside): that one is meant. */
  private namesExactly(code: string, query: string): boolean {
    const entry = this.deps.catalogue.entry(code);
    if (!entry) return false;
    const key = nameKey(query);
    return Object.values(entry.names).some((n) => n !== null && nameKey(n) === key);
  }

  /** True when nothing but question words and punctuation is left once the section words are removed. */
  private isOnlyFiller(rest: string): boolean {
    if (rest.trim() === "") return true;
    return this.deps.searcher.search(rest, { limit: 1 }).hits.length === 0;
  }

  private async onCommand(text: string, incoming: Incoming, session: Session): Promise<Reply> {
    const [rawCommand = "", ...args] = text.split(/\s+/);
    const command = rawCommand.toLowerCase().replace(/@.*$/, "");
    const arg = args.join(" ").trim();
    switch (command) {
      case "/start": {
        const lang = session.lang ?? languageFromHint(incoming.languageHint) ?? "vi";
        // Deep link: /start p_1_001612 (Telegram allows only [A-Za-z0-9_-] in start payloads).
        const deep = /^p_(\d)[._]?(\d{6})$/.exec(arg);
        if (deep) return this.openCard(`${deep[1]}.${deep[2]}`, lang, session, []);
        const t = translator(lang);
        return this.reply(lang, [
          {
            blocks: [
              { type: "text", text: t("chat.welcome") },
              { type: "text", text: t("chat.examples") },
            ],
            buttons: this.languageButtons(),
          },
        ]);
      }
      case "/follow":
      case "/unfollow": {
        // The text form of the follow buttons, for channels without buttons (Zalo).
        const lang = session.lang ?? languageFromHint(incoming.languageHint) ?? "vi";
        const code = findDossierCode(arg);
        if (!code || !this.deps.dossiers)
          return this.reply(lang, [this.textMessage(translator(lang)("dossier.usage"))]);
        return this.onFollow(command === "/follow", dossierKey(code), incoming, session, lang);
      }
      case "/help": {
        const lang = session.lang ?? languageFromHint(incoming.languageHint) ?? "vi";
        return this.reply(lang, [this.help(lang)]);
      }
      case "/lang":
      case "/language": {
        const wanted = languageSchema.safeParse(arg.toLowerCase());
        if (wanted.success) return this.setLanguage(wanted.data, session);
        const lang = session.lang ?? languageFromHint(incoming.languageHint) ?? "vi";
        return this.reply(lang, [
          {
            blocks: [{ type: "text", text: translator(lang)("chat.langPrompt") }],
            buttons: this.languageButtons(),
          },
        ]);
      }
      case "/status":
      case "/trangthai": {
        const lang = session.lang ?? languageFromHint(incoming.languageHint) ?? "vi";
        const code = findDossierCode(arg);
        if (code && this.deps.dossiers) return this.dossierLookup(code, arg, incoming, session, lang);
        return this.reply(lang, [this.textMessage(translator(lang)("dossier.usage"))]);
      }
      default: {
        const lang = session.lang ?? languageFromHint(incoming.languageHint) ?? "vi";
        return this.reply(lang, [this.textMessage(translator(lang)("chat.unknownCommand"))]);
      }
    }
  }

  private async onAction(action: string, incoming: Incoming, session: Session): Promise<Reply> {
    const lang = session.lang ?? languageFromHint(incoming.languageHint) ?? "vi";
    const [kind, a, b] = action.split(":");
    if (kind === "l") {
      const wanted = languageSchema.safeParse(a);
      if (wanted.success) return this.setLanguage(wanted.data, session);
    }
    if (kind === "p" && a && this.deps.catalogue.entry(a)) return this.openCard(a, lang, session, []);
    if (kind === "s" && a && b && this.deps.catalogue.entry(a)) {
      return this.openSections(a, [b as CardSectionId], lang, session);
    }
    if ((kind === "ds" || kind === "du") && a && this.deps.dossiers)
      return this.onFollow(kind === "ds", a, incoming, session, lang);
    // Stale or forged button data gets the help text, never an error.
    return this.reply(lang, [this.help(lang)]);
  }

  private async dossierLookup(
    code: string,
    text: string,
    incoming: Incoming,
    session: Session,
    lang: Language,
  ): Promise<Reply> {
    const service = this.deps.dossiers as DossierService;
    const rest = text.replace(code, " ");
    const phone = /(?<!\d)(\d{4})(?!\d)/.exec(rest)?.[1] ?? null;
    const result = await service.lookup(code, phone, chatKey(incoming), this.clock());
    if (result.kind === "found") {
      const key = result.dossier.codeKey;
      session.dossiers = [key, ...session.dossiers.filter((k) => k !== key)].slice(0, 20);
      const subscribed = await service.store.isSubscribed(key, chatKey(incoming));
      const message = this.dossierMessage(result, lang, subscribed);
      if (incoming.channel === "web") message.buttons = [];
      return this.reply(lang, [message]);
    }
    const t = translator(lang);
    const text2 =
      result.kind === "rate_limited"
        ? t("dossier.rateLimited")
        : result.kind === "unavailable"
          ? t("dossier.unavailable")
          : result.kind === "need_phone"
            ? t("dossier.needPhone", { code: result.code })
            : t("dossier.notFound");
    return this.reply(lang, [this.textMessage(text2)]);
  }

  private async onFollow(
    follow: boolean,
    key: string,
    incoming: Incoming,
    session: Session,
    lang: Language,
  ): Promise<Reply> {
    const service = this.deps.dossiers as DossierService;
    const t = translator(lang);
    const chat = chatKey(incoming);
    // Pushes go out through Telegram and Zalo; the web page has no way to receive them.
    if (incoming.channel === "web")
      return this.reply(lang, [this.textMessage(t("dossier.followUnavailable"))]);
    // Only a dossier this chat has looked up (with its second factor) can be followed.
    if (!session.dossiers.includes(key))
      return this.reply(lang, [this.textMessage(t("dossier.subscribeFirst"))]);
    const dossier = await service.store.get(key);
    if (!dossier) return this.reply(lang, [this.textMessage(t("dossier.notFound"))]);
    if (follow) await service.store.subscribe(key, chat, lang, this.clock());
    else await service.store.unsubscribe(key, chat);
    return this.reply(lang, [
      this.textMessage(t(follow ? "dossier.subscribed" : "dossier.unsubscribed", { code: dossier.code })),
    ]);
  }

  private dossierMessage(
    result: Extract<LookupResult, { kind: "found" }>,
    lang: Language,
    subscribed: boolean,
  ): OutMessage {
    const t = translator(lang);
    const { dossier, due, dueFromDays, overdue } = result;
    const date = (iso: string | Date) => {
      const d = new Date(iso);
      return new Intl.DateTimeFormat(LOCALES[lang], {
        dateStyle: "medium",
        timeZone: "Asia/Ho_Chi_Minh",
      }).format(d);
    };
    const lines = [
      t("dossier.procedure", {
        name: `${this.nameOf(dossier.procedureCode, lang)} (${dossier.procedureCode})`,
      }),
    ];
    const masked = maskApplicantName(dossier.applicantName);
    if (masked) lines.push(t("dossier.applicant", { name: masked }));
    lines.push(t("dossier.status", { status: t(`dossier.statuses.${dossier.status}.label`) }));
    if (dossier.note) lines.push(t("dossier.note", { text: dossier.note }));
    lines.push(t("dossier.next", { text: t(`dossier.statuses.${dossier.status}.next`) }));
    if (dossier.receivedAt) lines.push(t("dossier.received", { date: date(dossier.receivedAt) }));
    if (due)
      lines.push(
        dueFromDays
          ? t("dossier.dueComputed", { date: date(due), days: dueFromDays })
          : t("dossier.due", { date: date(due) }),
      );
    if (due && !["completed", "rejected", "cancelled", "result_ready"].includes(dossier.status)) {
      lines.push(overdue ? t("dossier.overdue") : t("dossier.onTime"));
    }
    const button: Button = subscribed
      ? { label: t("dossier.unsubscribe"), action: `du:${dossier.codeKey}` }
      : { label: t("dossier.subscribe"), action: `ds:${dossier.codeKey}` };
    return {
      blocks: [
        { type: "title", text: t("dossier.title", { code: dossier.code }) },
        { type: "text", text: lines.join("\n") },
      ],
      buttons: [[button]],
    };
  }

  /** The message pushed to a subscribed chat when a dossier changes status. */
  async dossierPush(codeKey: string, lang: Language): Promise<Reply | null> {
    const service = this.deps.dossiers;
    if (!service) return null;
    const dossier = await service.store.get(codeKey);
    if (!dossier) return null;
    const due = await service.dueOf(dossier, this.clock());
    const message = this.dossierMessage({ kind: "found", dossier, ...due }, lang, true);
    message.blocks.unshift({
      type: "text",
      text: translator(lang)("dossier.changed", { code: dossier.code }),
    });
    return this.reply(lang, [message]);
  }

  private setLanguage(lang: Language, session: Session): Reply {
    session.lang = lang;
    const t = translator(lang);
    return this.reply(lang, [this.textMessage(`${t("chat.langSet")}\n${t("chat.examples")}`)]);
  }

  private async procedure(code: string): Promise<Procedure | null> {
    return this.deps.catalogue.procedure(code);
  }

  cardFor(procedure: Procedure, lang: Language): Card {
    return buildCard(procedure, this.deps.catalogue, lang, {
      province: this.deps.province,
      date: todayInVietnam(this.clock()),
    });
  }

  private async openCard(
    code: string,
    lang: Language,
    session: Session,
    asked: CardSectionId[],
    hit?: SearchHit,
  ): Promise<Reply> {
    const procedure = await this.procedure(code);
    if (!procedure) return this.notFound(code, lang);
    session.lastCode = code;
    const card = this.cardFor(procedure, lang);
    const messages = [this.summaryMessage(card, lang, hit)];
    for (const id of asked) {
      const section = card.sections.find((s) => s.id === id);
      if (section && !["agency", "fees", "summary", "link"].includes(id))
        messages.push(this.sectionMessage(card, id, lang));
    }
    return this.reply(lang, messages);
  }

  private async openSections(
    code: string,
    ids: CardSectionId[],
    lang: Language,
    session: Session,
  ): Promise<Reply> {
    const procedure = await this.procedure(code);
    if (!procedure) return this.notFound(code, lang);
    session.lastCode = code;
    const card = this.cardFor(procedure, lang);
    const known = ids.filter((id) => card.sections.some((s) => s.id === id));
    if (known.length === 0) return this.reply(lang, [this.summaryMessage(card, lang)]);
    return this.reply(
      lang,
      known.map((id) => this.sectionMessage(card, id, lang)),
    );
  }

  /** The first view of a card: what it is, who handles it, how long, what it costs, where to file. */
  private summaryMessage(card: Card, lang: Language, hit?: SearchHit): OutMessage {
    const t = translator(lang);
    const blocks: Block[] = [
      { type: "title", text: card.title },
      { type: "subtitle", text: card.subtitle },
    ];
    for (const id of ["summary", "agency", "fees"] as const) {
      const s = card.sections.find((x) => x.id === id);
      if (s) blocks.push({ type: "heading", text: s.title }, { type: "text", text: s.lines.join("\n") });
    }
    blocks.push({ type: "link", text: t("chat.buttons.link"), url: card.link });
    const status = card.sections.find((x) => x.id === "sources")?.lines[0];
    if (status) blocks.push({ type: "text", text: status });
    const variants = (hit?.variants ?? []).filter((v) => v.code !== card.code);
    const buttons = this.sectionButtons(card, t, ["steps", "documents", "sources"]);
    if (variants.length > 0) {
      blocks.push({ type: "text", text: t("chat.variants") });
      buttons.push(
        ...variants.slice(0, 3).map((v) => [
          {
            label: `${v.level ? t(`card.levels.${v.level}`) : "?"} · ${v.code}`,
            action: actions.open(v.code),
          },
        ]),
      );
    }
    return { blocks, buttons };
  }

  private sectionMessage(card: Card, id: CardSectionId, lang: Language): OutMessage {
    const t = translator(lang);
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

  private sectionButtons(card: Card, t: Translate, ids: CardSectionId[]): Button[][] {
    const buttons: Button[] = ids
      .filter((id) => card.sections.some((s) => s.id === id))
      .map((id) => ({ label: t(`chat.buttons.${id}`), action: actions.section(card.code, id) }));
    const rows: Button[][] = [];
    for (let i = 0; i < buttons.length; i += 2) rows.push(buttons.slice(i, i + 2));
    rows.push([{ label: t("chat.buttons.link"), url: card.link }]);
    return rows;
  }

  private resultList(hits: SearchHit[], lang: Language, session: Session): Reply {
    const t = translator(lang);
    session.lastResults = hits.map((h) => h.code);
    const lines = hits.map((h, i) => `${i + 1}. ${this.nameOf(h.code, lang)} (${h.code})`);
    return this.reply(lang, [
      {
        blocks: [
          { type: "heading", text: t("chat.results") },
          { type: "text", text: lines.join("\n") },
          { type: "text", text: t("chat.resultsTip") },
        ],
        buttons: hits.map((h, i) => [
          { label: `${i + 1}. ${this.shortName(h.code, lang)}`, action: actions.open(h.code) },
        ]),
      },
    ]);
  }

  /** A follow-up after a list: ask which procedure, with buttons that open the asked section of each. */
  private askWhich(asked: CardSectionId[], lang: Language, session: Session): Reply {
    const t = translator(lang);
    const section = asked[0] ?? "fees";
    const buttons = session.lastResults.map((code, i) => [
      { label: `${i + 1}. ${this.shortName(code, lang)}`, action: actions.section(code, section) },
    ]);
    return this.reply(lang, [{ blocks: [{ type: "text", text: t("chat.noContext") }], buttons }]);
  }

  private notFound(query: string, lang: Language): Reply {
    const t = translator(lang);
    const shown = query.length > 80 ? `${query.slice(0, 79)}…` : query;
    return this.reply(lang, [
      {
        blocks: [
          { type: "text", text: t("chat.notFound", { query: shown }) },
          { type: "text", text: t("chat.notFoundHint", { portal: PORTAL_URL }) },
          { type: "text", text: t("chat.examples") },
        ],
        buttons: [[{ label: "dichvucong.gov.vn", url: PORTAL_URL }]],
      },
    ]);
  }

  private help(lang: Language): OutMessage {
    const t = translator(lang);
    return {
      blocks: [
        { type: "text", text: t("chat.help") },
        { type: "text", text: t("chat.examples") },
      ],
      buttons: [],
    };
  }

  private textMessage(text: string): OutMessage {
    return { blocks: [{ type: "text", text }], buttons: [] };
  }

  private languageButtons(): Button[][] {
    const t = translator("en");
    return [LANGUAGES.map((l) => ({ label: t(`languageNames.${l}`), action: actions.language(l) }))];
  }

  /** Answer cards for Telegram inline mode and shareable links: the summary view of the best matches. */
  async inlineCards(query: string, lang: Language, limit: number) {
    const hits = this.deps.searcher.search(query, { limit }).hits;
    const cards: { code: string; title: string; description: string; message: OutMessage }[] = [];
    for (const hit of hits) {
      const procedure = await this.procedure(hit.code);
      if (!procedure) continue;
      const card = this.cardFor(procedure, lang);
      cards.push({
        code: card.code,
        title: card.title,
        description: card.subtitle,
        message: this.summaryMessage(card, lang),
      });
    }
    return cards;
  }

  nameOf(code: string, lang: Language): string {
    const e = this.deps.catalogue.entry(code);
    if (!e) return code;
    return e.names[lang] ?? (lang === "vi" ? e.names.vi : (e.names.en ?? e.names.vi));
  }

  private shortName(code: string, lang: Language): string {
    const name = this.nameOf(code, lang);
    return name.length > 48 ? `${name.slice(0, 47)}…` : name;
  }

  private reply(lang: Language, messages: OutMessage[]): Reply {
    return { lang, messages };
  }
}
