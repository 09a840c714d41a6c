export {
  buildCard,
  type Card,
  type CardSection,
  type CardSectionId,
  cardToText,
  formatMoney,
  PORTAL_URL,
} from "./card.ts";
export { Conversation, type ConversationDeps, chatKey, languageFromHint } from "./core.ts";
export {
  actions,
  type Block,
  type Button,
  type Channel,
  type Incoming,
  type OutMessage,
  type Reply,
} from "./reply.ts";
export {
  emptySession,
  MemorySessionStore,
  type Session,
  type SessionStore,
  sessionSchema,
} from "./session.ts";
