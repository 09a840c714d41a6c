import * as z from "zod";
import { lazySchema } from "../../lazy-schema.ts";

/**
 * A small typed client for the Zalo Bot Platform API (official docs: https://bot.zapps.me/docs/ ; API root
 * https://bot-api.zaloplatforms.com). Every call is `POST <root>/bot<TOKEN>/<method>` with a JSON body and answers
 * `{ ok: true, result }` or `{ ok: false, error_code, description }`. No maintained npm SDK exists for it.
 * Uses only fetch, so it runs on Node and Workers alike. The token never appears in errors or logs.
 */

export class ZaloApiError extends Error {
  override name = "ZaloApiError";
  constructor(
    readonly method: string,
    /** Zalo's error_code; 0 for a network failure or timeout, -1 for an answer that is not the API's shape. */
    readonly code: number,
    readonly description: string,
  ) {
    super(`Zalo ${method} failed (${code}): ${description}`);
  }
}

export const zaloUserSchema = lazySchema(() =>
  z.object({
    id: z.string(),
    display_name: z.string().optional(),
    is_bot: z.boolean().optional(),
  }),
);

export const zaloMessageSchema = lazySchema(() =>
  z.object({
    message_id: z.string(),
    date: z.number().optional(),
    from: zaloUserSchema,
    chat: z.object({ id: z.string(), chat_type: z.enum(["PRIVATE", "GROUP"]).optional() }),
    text: z.string().optional(),
    photo_url: z.string().optional(),
    sticker: z.string().optional(),
  }),
);
export type ZaloMessage = z.infer<typeof zaloMessageSchema>;

export const zaloEventSchema = lazySchema(() =>
  z.object({
    event_name: z.string(),
    message: zaloMessageSchema,
  }),
);
export type ZaloEvent = z.infer<typeof zaloEventSchema>;

/** Events come bare or wrapped as `{ ok: true, result: {...} }` (the docs show both); accept either. */
export const zaloWebhookBodySchema = lazySchema(() =>
  z.union([zaloEventSchema, z.object({ ok: z.literal(true), result: zaloEventSchema })]),
);

export function unwrapEvent(body: z.infer<typeof zaloWebhookBodySchema>): ZaloEvent {
  return "result" in body ? body.result : body;
}

const envelopeSchema = lazySchema(() =>
  z.object({
    ok: z.boolean(),
    result: z.unknown().optional(),
    error_code: z.number().optional(),
    description: z.string().optional(),
  }),
);

export const ZALO_MAX_TEXT = 2000;

export interface ZaloClientOptions {
  token: string;
  apiRoot?: string;
  /** Per-request timeout; the webhook must still answer Zalo in time when the API is slow. */
  timeoutMs?: number;
  fetch?: typeof fetch;
}

export class ZaloClient {
  private readonly root: string;
  private readonly timeoutMs: number;
  private readonly fetcher: typeof fetch;

  constructor(private readonly options: ZaloClientOptions) {
    this.root = (options.apiRoot ?? "https://bot-api.zaloplatforms.com").replace(/\/+$/, "");
    this.timeoutMs = options.timeoutMs ?? 8000;
    this.fetcher = options.fetch ?? fetch;
  }

  async call<T>(
    method: string,
    body: Record<string, unknown> = {},
    schema?: z.ZodType<T>,
    timeoutMs = this.timeoutMs,
  ): Promise<T> {
    let response: Response;
    try {
      response = await this.fetcher(`${this.root}/bot${this.options.token}/${method}`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(timeoutMs),
      });
    } catch (error) {
      const reason =
        error instanceof Error && error.name === "TimeoutError"
          ? `timed out after ${timeoutMs} ms`
          : "network error";
      throw new ZaloApiError(method, 0, reason);
    }
    let json: unknown;
    try {
      json = await response.json();
    } catch {
      throw new ZaloApiError(method, -1, `HTTP ${response.status} with a body that is not JSON`);
    }
    const envelope = envelopeSchema.safeParse(json);
    if (!envelope.success)
      throw new ZaloApiError(method, -1, `HTTP ${response.status} with an unexpected answer`);
    if (!envelope.data.ok) {
      throw new ZaloApiError(
        method,
        envelope.data.error_code ?? response.status,
        envelope.data.description ?? "no description",
      );
    }
    if (!schema) return envelope.data.result as T;
    const parsed = schema.safeParse(envelope.data.result);
    if (!parsed.success) throw new ZaloApiError(method, -1, "the result does not have the documented shape");
    return parsed.data;
  }

  getMe() {
    return this.call(
      "getMe",
      {},
      z
        .object({ id: z.string(), account_name: z.string().optional(), display_name: z.string().optional() })
        .loose(),
    );
  }

  /** Long polling for local use; `timeout` is in seconds (the API takes it as a string). */
  async getUpdates(timeoutSeconds = 30): Promise<ZaloEvent[]> {
    const result = await this.call(
      "getUpdates",
      { timeout: String(timeoutSeconds) },
      undefined,
      (timeoutSeconds + 10) * 1000,
    );
    if (result === undefined || result === null) return [];
    const list = Array.isArray(result) ? result : [result];
    return list.flatMap((item) => {
      const parsed = zaloEventSchema.safeParse(item);
      return parsed.success ? [parsed.data] : [];
    });
  }

  setWebhook(url: string, secretToken: string) {
    if (secretToken.length < 8 || secretToken.length > 256) {
      throw new ZaloApiError("setWebhook", -1, "secret_token must be 8–256 characters");
    }
    return this.call("setWebhook", { url, secret_token: secretToken });
  }

  getWebhookInfo() {
    return this.call("getWebhookInfo");
  }

  deleteWebhook() {
    return this.call("deleteWebhook");
  }

  sendMessage(chatId: string, text: string) {
    if (text.length === 0 || text.length > ZALO_MAX_TEXT) {
      throw new ZaloApiError(
        "sendMessage",
        -1,
        `text must be 1–${ZALO_MAX_TEXT} characters (got ${text.length})`,
      );
    }
    return this.call("sendMessage", { chat_id: chatId, text });
  }

  sendPhoto(chatId: string, photoUrl: string, caption?: string) {
    return this.call("sendPhoto", { chat_id: chatId, photo: photoUrl, ...(caption ? { caption } : {}) });
  }

  sendSticker(chatId: string, sticker: string) {
    return this.call("sendSticker", { chat_id: chatId, sticker });
  }

  sendChatAction(chatId: string, action: "typing" = "typing") {
    return this.call("sendChatAction", { chat_id: chatId, action });
  }
}
