/**
 * "Talk to a person" and feedback. A handoff request is recorded for the help-desk staff (channel, chat,
 * language, the procedure on screen, the question; nothing else) and the user is told how and when a person
 * answers, and where the one-stop centre is. Ratings (👍/👎 buttons on Telegram and the web, typed on Zalo)
 * are stored with the query and the procedure.
 */
import { encodeAction } from "../../conversation/actions.ts";
import { chatKeyOf, type Reply } from "../../conversation/reply.ts";
import type { Logger } from "../../log.ts";
import { type FeatureContext, reply } from "../context.ts";
import type { HandoffStore } from "./store.ts";

export {
  type ClaimResult,
  type Feedback,
  type HandoffRequest,
  type HandoffStore,
  MemoryHandoffStore,
  maskPersonalData,
  type StoredHandoff,
} from "./store.ts";

export class HandoffFeature {
  constructor(
    private readonly store: HandoffStore | null,
    private readonly log: Logger,
  ) {}

  async requestPerson(question: string, ctx: FeatureContext): Promise<Reply> {
    const { t, lang, incoming, session } = ctx;
    if (!this.store)
      return reply(lang, [{ blocks: [{ type: "text", text: t("handoff.unavailable") }], buttons: [] }], {
        intent: "handoff",
        detail: "unavailable",
      });
    try {
      const { alreadyOpen } = await this.store.requestHandoff({
        channel: incoming.channel,
        chatKey: chatKeyOf(incoming),
        lang,
        procedureCode: session.lastCode,
        question,
        createdAt: ctx.now,
      });
      const where = incoming.channel === "web" ? t("handoff.whereWeb") : t("handoff.whereChat");
      return reply(
        lang,
        [
          {
            // The web page cannot receive a reply: it says the question is recorded, not "passed" to someone
            // who will answer here.
            blocks: [
              ...(incoming.channel === "web" && !alreadyOpen
                ? []
                : [
                    {
                      type: "text" as const,
                      text: alreadyOpen ? t("handoff.added") : t("handoff.requested"),
                    },
                  ]),
              { type: "text", text: `${where}\n${t("handoff.meanwhile")}` },
            ],
            buttons: [],
          },
        ],
        {
          intent: "handoff",
          detail: alreadyOpen ? "added" : "requested",
          code: session.lastCode ?? undefined,
        },
      );
    } catch (error) {
      this.log.error("handoff request not stored", {
        error: error instanceof Error ? error.message : String(error),
      });
      return reply(lang, [{ blocks: [{ type: "text", text: t("handoff.unavailable") }], buttons: [] }], {
        intent: "handoff",
        detail: "unavailable",
      });
    }
  }

  async rate(up: boolean, code: string | null, ctx: FeatureContext): Promise<Reply> {
    const { t, lang, incoming, session } = ctx;
    const procedureCode = code ?? session.lastCode;
    try {
      await this.store?.recordFeedback({
        channel: incoming.channel,
        lang,
        query: session.lastQuery,
        procedureCode,
        up,
        createdAt: ctx.now,
      });
    } catch (error) {
      // A rating that could not be stored is not worth an error message to the user.
      this.log.warn("feedback not stored", { error: error instanceof Error ? error.message : String(error) });
    }
    const buttons = up
      ? []
      : [[{ label: t("chat.buttons.person"), action: encodeAction({ kind: "handoff" }) }]];
    return reply(
      lang,
      [{ blocks: [{ type: "text", text: t(up ? "feedback.thanksUp" : "feedback.thanksDown") }], buttons }],
      {
        intent: "feedback",
        detail: up ? "up" : "down",
        code: procedureCode ?? undefined,
      },
    );
  }
}
