import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A local stand-in for the Telegram Bot API on 127.0.0.1: answers getMe and records every call the bot makes
 * (sendMessage, editMessageText, answerCallbackQuery, answerInlineQuery, sendChatAction, setWebhook, ...).
 */
export interface RecordedCall {
  method: string;
  token: string;
  payload: Record<string, unknown>;
  /** False where the fake answered ok:false (a failure the test asked for). */
  ok: boolean;
}

export class FakeTelegram {
  readonly calls: RecordedCall[] = [];
  private server: Server | null = null;
  private messageId = 1000;
  /** Updates handed out by getUpdates (long polling), oldest first. */
  readonly pendingUpdates: { update_id: number }[] = [];
  /** Methods that fail with this error for their next N calls (to test retries and error paths). */
  readonly failures = new Map<
    string,
    { count: number; code: number; description: string; retryAfter?: number }
  >();
  /** Methods that answer only after a delay for their next N calls (a slow Bot API). */
  readonly delays = new Map<string, { count: number; ms: number }>();
  /** While true, every connection is cut before an answer (the Bot API is down or unreachable). */
  down = false;

  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      let body = "";
      req.on("data", (chunk) => {
        body += chunk;
      });
      req.on("end", async () => {
        if (this.down) {
          req.socket.destroy();
          return;
        }
        const match = /^\/bot([^/]+)\/(\w+)$/.exec(req.url ?? "");
        if (!match) {
          res.writeHead(404).end(JSON.stringify({ ok: false, error_code: 404, description: "Not Found" }));
          return;
        }
        const [, token = "", method = ""] = match;
        let payload: Record<string, unknown> = {};
        try {
          payload = body ? (JSON.parse(body) as Record<string, unknown>) : {};
        } catch {
          payload = { raw: body };
        }
        const call = { method, token, payload, ok: true };
        this.calls.push(call);
        const delay = this.delays.get(method);
        if (delay && delay.count > 0) {
          delay.count--;
          await new Promise((r) => setTimeout(r, delay.ms));
          if (res.destroyed) return;
        }
        const failure = this.failures.get(method);
        if (failure && failure.count > 0) {
          failure.count--;
          call.ok = false;
          res.writeHead(failure.code >= 400 ? failure.code : 200, { "content-type": "application/json" });
          res.end(
            JSON.stringify({
              ok: false,
              error_code: failure.code,
              description: failure.description,
              ...(failure.retryAfter !== undefined
                ? { parameters: { retry_after: failure.retryAfter } }
                : {}),
            }),
          );
          return;
        }
        res.writeHead(200, { "content-type": "application/json" });
        res.end(JSON.stringify({ ok: true, result: this.result(method, payload) }));
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(0, "127.0.0.1", resolve));
    const { port } = this.server.address() as AddressInfo;
    return `http://127.0.0.1:${port}`;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  clear(): void {
    this.calls.length = 0;
  }

  /** Payloads of the calls the fake accepted (failed attempts are in `calls` only). */
  sent(method = "sendMessage"): Record<string, unknown>[] {
    return this.calls.filter((c) => c.method === method && c.ok).map((c) => c.payload);
  }

  private result(method: string, payload: Record<string, unknown>): unknown {
    switch (method) {
      case "getMe":
        return {
          id: 7000000001,
          is_bot: true,
          first_name: "DVC Assistant",
          username: "dvc_assistant_bot",
          can_join_groups: true,
          can_read_all_group_messages: false,
          supports_inline_queries: true,
        };
      case "sendMessage":
      case "editMessageText":
        return {
          message_id: this.messageId++,
          date: Math.floor(Date.now() / 1000),
          chat: { id: payload.chat_id, type: "private" },
          text: payload.text,
        };
      case "getUpdates": {
        const offset = typeof payload.offset === "number" ? payload.offset : 0;
        const ready = this.pendingUpdates.filter((u) => u.update_id >= offset);
        this.pendingUpdates.splice(0, this.pendingUpdates.length, ...ready);
        return ready.slice(0, 100);
      }
      default:
        return true;
    }
  }
}
