/**
 * Dossier status in chat: a receipt code (pasted however) answers with the status, what to do next, the due
 * date and an overdue flag, the applicant's name masked; a record with a phone number asks for its last 4
 * digits (in the same message, or the next one). A button or /follow subscribes the chat to pushes.
 */
import type { Catalogue, Language } from "../../catalogue/index.ts";
import { encodeAction } from "../../conversation/actions.ts";
import {
  type Button,
  chatKeyOf,
  type OutMessage,
  type Reply,
  textMessage,
} from "../../conversation/reply.ts";
import {
  type DossierService,
  dossierKey,
  type LookupResult,
  maskApplicantName,
} from "../../dossiers/index.ts";
import { translator } from "../../i18n/index.ts";
import { type FeatureContext, reply } from "../context.ts";

/**
 * "000 00 25 H29 261115 0012", "0000025H292611150012", "申请编号000.00.25.h29-…": the usual one-stop receipt
 * layout (agency 000.00.NN.XNN, date, number) typed with spaces, without separators or glued to other text,
 * rewritten in its dotted form. Fixed-width groups with optional separators: no backtracking to speak of.
 */
const SPACED_CODE =
  /(?<![0-9A-Za-z])(\d{3})[ .]?(\d{2})[ .]?(\d{2})[ .]?([A-Za-z]\d{2})[ \t]*[-–—]?[ \t]*(\d{6})[ \t]*[-–—]?[ \t]*(\d{3,6})(?!\d)/;

export function canonicalDossierText(text: string): string | null {
  const m = SPACED_CODE.exec(text.slice(0, 2000));
  if (!m) return null;
  const code = `${m[1]}.${m[2]}.${m[3]}.${(m[4] ?? "").toUpperCase()}-${m[5]}-${m[6]}`;
  return `${text.slice(0, m.index)} ${code} ${text.slice(m.index + m[0].length)}`;
}

const LOCALES: Record<Language, string> = { vi: "vi-VN", en: "en-GB", zh: "zh-CN", ko: "ko-KR", ja: "ja-JP" };
const FINISHED = ["completed", "rejected", "cancelled", "result_ready"];

export class DossierFeature {
  constructor(
    private readonly service: DossierService,
    private readonly catalogue: Catalogue,
  ) {}

  async lookup(code: string, phone: string | null, ctx: FeatureContext): Promise<Reply> {
    const { incoming, session, lang, t } = ctx;
    const result = await this.service.lookup(code, phone, chatKeyOf(incoming), ctx.now, incoming.source);
    session.pendingDossier = result.kind === "need_phone" ? code : null;
    if (result.kind === "found") {
      const key = result.dossier.codeKey;
      session.dossiers = [key, ...session.dossiers.filter((k) => k !== key)].slice(0, 20);
      const subscribed = await this.service.store.isSubscribed(key, chatKeyOf(incoming));
      const message = this.message(result, lang, subscribed);
      // The web page cannot receive pushes: no follow button there.
      if (incoming.channel === "web") message.buttons = [];
      return reply(lang, [message], { intent: "dossier", dossier: "found" });
    }
    const text =
      result.kind === "rate_limited"
        ? t("dossier.rateLimited")
        : result.kind === "unavailable"
          ? t("dossier.unavailable")
          : result.kind === "need_phone"
            ? t("dossier.needPhone", { code: result.code })
            : t("dossier.notFound");
    return reply(lang, [textMessage(text)], { intent: "dossier", dossier: result.kind });
  }

  /** Where one's dossier stands, asked without its code: what to send (the code on the receipt, the digits). */
  askCode(ctx: FeatureContext): Reply {
    return reply(ctx.lang, [textMessage(ctx.t("dossier.askCode"))], {
      intent: "dossier",
      dossier: "ask_code",
    });
  }

  async follow(follow: boolean, key: string, ctx: FeatureContext): Promise<Reply> {
    const { incoming, session, lang, t } = ctx;
    const done = (text: string, detail: string) =>
      reply(lang, [textMessage(text)], { intent: "dossier", dossier: detail });
    if (incoming.channel === "web") return done(t("dossier.followUnavailable"), "follow_unavailable");
    // Only a dossier this chat has looked up (with its second factor) can be followed.
    if (!session.dossiers.includes(key)) return done(t("dossier.subscribeFirst"), "subscribe_first");
    const dossier = await this.service.store.get(key);
    if (!dossier) return done(t("dossier.notFound"), "not_found");
    if (follow) await this.service.store.subscribe(key, chatKeyOf(incoming), lang, ctx.now);
    else await this.service.store.unsubscribe(key, chatKeyOf(incoming));
    return done(
      t(follow ? "dossier.subscribed" : "dossier.unsubscribed", { code: dossier.code }),
      follow ? "followed" : "unfollowed",
    );
  }

  /** The message pushed to a subscribed chat when a dossier changes status. */
  async push(codeKey: string, lang: Language, now: Date): Promise<Reply | null> {
    const dossier = await this.service.store.get(dossierKey(codeKey));
    if (!dossier) return null;
    const due = await this.service.dueOf(dossier, now);
    const message = this.message({ kind: "found", dossier, ...due }, lang, true);
    message.blocks.unshift({
      type: "text",
      text: translator(lang)("dossier.changed", { code: dossier.code }),
    });
    return reply(lang, [message], { intent: "dossier", dossier: "push" });
  }

  private message(
    result: Extract<LookupResult, { kind: "found" }>,
    lang: Language,
    subscribed: boolean,
  ): OutMessage {
    const t = translator(lang);
    const { dossier, due, dueFromDays, overdue } = result;
    const date = (iso: string | Date) =>
      new Intl.DateTimeFormat(LOCALES[lang], { dateStyle: "medium", timeZone: "Asia/Ho_Chi_Minh" }).format(
        new Date(iso),
      );
    const entry = this.catalogue.entry(dossier.procedureCode);
    const name = entry ? (entry.names[lang] ?? entry.names.en ?? entry.names.vi) : dossier.procedureCode;
    const lines = [t("dossier.procedure", { name: `${name} (${dossier.procedureCode})` })];
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
    if (due && !FINISHED.includes(dossier.status))
      lines.push(overdue ? t("dossier.overdue") : t("dossier.onTime"));
    const button: Button = subscribed
      ? { label: t("dossier.unsubscribe"), action: encodeAction({ kind: "unfollow", key: dossier.codeKey }) }
      : { label: t("dossier.subscribe"), action: encodeAction({ kind: "follow", key: dossier.codeKey }) };
    return {
      blocks: [
        { type: "title", text: t("dossier.title", { code: dossier.code }) },
        { type: "text", text: lines.join("\n") },
      ],
      buttons: [[button]],
    };
  }
}
