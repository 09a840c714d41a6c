export { type Action, decodeAction, encodeAction } from "./actions.ts";
export {
  buildCard,
  type Card,
  type CardSection,
  type CardSectionId,
  cardToText,
  formatMoney,
  MAX_FIRST_MESSAGE,
  PORTAL_URL,
} from "./card.ts";
export { Conversation, type ConversationDeps, chatKey, languageFromHint } from "./core.ts";
export { LanguageGuesser, languagePolicy } from "./language.ts";
export {
  actions,
  type Block,
  type Button,
  type Channel,
  type Incoming,
  type OutMessage,
  type Reply,
  type ReplyIntent,
  type ReplyMeta,
  textMessage,
} from "./reply.ts";
export {
  emptySession,
  MemorySessionStore,
  type Session,
  type SessionStore,
  sessionSchema,
} from "./session.ts";
export { type BuiltPhrases, Understander, type Understanding } from "./understand.ts";
