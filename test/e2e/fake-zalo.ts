import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

/** A local stand-in for the Zalo Bot Platform API on 127.0.0.1 that records what the bot sends. */
export interface ZaloCall {
  method: string;
  token: string;
  payload: Record<string, unknown>;
}

export class FakeZalo {
  readonly calls: ZaloCall[] = [];
  /** For the next N calls of a method: answer ok:false, or answer only after a delay (a slow API). */
  readonly failures = new Map<string, { count: number; code: number; description: string }>();
  readonly delays = new Map<string, { count: number; ms: number }>();
  /**
   * For the next N calls of a method: take the call (it is recorded) and answer only once `until` resolves, however
   * long that is: an API that has the request and has not answered, whatever the machine's load.
   */
  readonly holds = new Map<string, { count: number; until: Promise<void> }>();
  readonly pendingEvents: unknown[] = [];
  /** While true, every connection is cut before an answer (the Zalo API is down or unreachable). */
  down = false;
  private server: Server | null = null;

  async start(): Promise<string> {
    this.server = createServer((req, res) => {
      let body = "";
      req.on("data", (c) => {
        body += c;
      });
      req.on("end", async () => {
        if (this.down) {
          req.socket.destroy();
          return;
        }
        const match = /^\/bot([^/]+)\/(\w+)$/.exec(req.url ?? "");
        const reply = (json: unknown) => {
          if (res.writableEnded || res.destroyed) return;
          res.writeHead(200, { "content-type": "application/json" });
          res.end(JSON.stringify(json));
        };
        if (!match) return reply({ ok: false, error_code: 404, description: "Not Found" });
        const [, token = "", method = ""] = match;
        const payload = body ? (JSON.parse(body) as Record<string, unknown>) : {};
        this.calls.push({ method, token, payload });
        const delay = this.delays.get(method);
        if (delay && delay.count > 0) {
          delay.count--;
          await new Promise((r) => setTimeout(r, delay.ms));
        }
        const hold = this.holds.get(method);
        if (hold && hold.count > 0) {
          hold.count--;
          await hold.until;
        }
        const failure = this.failures.get(method);
        if (failure && failure.count > 0) {
          failure.count--;
          return reply({ ok: false, error_code: failure.code, description: failure.description });
        }
        if (method === "getUpdates") {
          const event = this.pendingEvents.shift();
          return reply(
            event
              ? { ok: true, result: event }
              : { ok: false, error_code: 408, description: "Request timeout" },
          );
        }
        if (method === "getMe")
          return reply({ ok: true, result: { id: "2001", account_name: "bot.dvc", display_name: "DVC" } });
        if (method === "sendMessage")
          return reply({ ok: true, result: { message_id: `m${this.calls.length}`, date: Date.now() } });
        return reply({ ok: true, result: true });
      });
    });
    await new Promise<void>((r) => this.server?.listen(0, "127.0.0.1", r));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async stop(): Promise<void> {
    this.server?.closeAllConnections();
    await new Promise<void>((r) => (this.server ? this.server.close(() => r()) : r()));
  }

  clear(): void {
    this.calls.length = 0;
  }

  sent(): string[] {
    return this.calls.filter((c) => c.method === "sendMessage").map((c) => String(c.payload.text));
  }
}

let nextMessage = 1;

/** A real Zalo webhook event (message.text.received unless another event name is given). */
export function zaloEvent(
  text: string | null,
  opts: { chatId?: string; eventName?: string; messageId?: string } = {},
) {
  const chatId = opts.chatId ?? "8d8f1c2a7b3e4f56";
  return {
    event_name: opts.eventName ?? "message.text.received",
    message: {
      message_id: opts.messageId ?? `2d1a3b4c5e6f7${String(nextMessage++).padStart(6, "0")}`,
      date: Date.now(),
      from: { id: chatId, display_name: "Nguyễn Văn An", is_bot: false },
      chat: { id: chatId, chat_type: "PRIVATE" },
      ...(text === null ? { sticker: "bfe458bf64fa8da4d4eb" } : { text }),
    },
  };
}
