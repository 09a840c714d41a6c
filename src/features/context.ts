/**
 * What every feature handler gets for one message: who is asking, in which language, the chat's session (the
 * handler may change it; the core saves it), and the time. Features answer with a channel-neutral Reply.
 */
import type { Language } from "../catalogue/index.ts";
import type { Incoming, OutMessage, Reply, ReplyMeta } from "../conversation/reply.ts";
import type { Session } from "../conversation/session.ts";
import { type Translate, translator } from "../i18n/index.ts";

export interface FeatureContext {
  incoming: Incoming;
  session: Session;
  lang: Language;
  t: Translate;
  now: Date;
}

export function featureContext(
  incoming: Incoming,
  session: Session,
  lang: Language,
  now: Date,
): FeatureContext {
  return { incoming, session, lang, t: translator(lang), now };
}

export function reply(lang: Language, messages: OutMessage[], meta: ReplyMeta): Reply {
  return { lang, messages, meta };
}
