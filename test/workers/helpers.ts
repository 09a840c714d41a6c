/** Helpers of the workerd suite: requests through the real Worker entry, waiting for its background work. */
import { createExecutionContext, env, waitOnExecutionContext } from "cloudflare:test";
import worker from "../../src/workers/index.ts";

export interface RecordedCall {
  method: string;
  payload: Record<string, unknown>;
  ok: boolean;
}

/** One request to the Worker; resolves after the work it left in waitUntil (a webhook's answer) is done. */
export async function request(path: string, init: RequestInit = {}): Promise<Response> {
  const ctx = createExecutionContext();
  const response = await worker.fetch(new Request(`https://worker.test${path}`, init), env, ctx);
  await waitOnExecutionContext(ctx);
  return response;
}

export const postJson = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  request(path, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify(body),
  });

export const telegramUpdate = (update: unknown) =>
  postJson("/webhooks/telegram", update, { "X-Telegram-Bot-Api-Secret-Token": env.TELEGRAM_WEBHOOK_SECRET });

/** Runs the Cron Trigger as the platform would, and waits for it. */
export async function cron(): Promise<void> {
  const ctx = createExecutionContext();
  await worker.scheduled({ scheduledTime: Date.now(), cron: "* * * * *", noRetry() {} }, env, ctx);
  await waitOnExecutionContext(ctx);
}

/** What the fake Bot API recorded (calls it refused included, with ok: false). */
export async function botCalls(): Promise<RecordedCall[]> {
  return (await (await fetch(`${env.FAKE_CONTROL}/calls`)).json()) as RecordedCall[];
}

export async function clearBotCalls(): Promise<void> {
  await fetch(`${env.FAKE_CONTROL}/clear`, { method: "POST" });
}

/** Makes the fake refuse its next `count` calls of `method` (a 429 with retry_after, a 500, ...). */
export async function failNext(
  method: string,
  failure: { count: number; code: number; description: string; retryAfter?: number },
): Promise<void> {
  await fetch(`${env.FAKE_CONTROL}/fail`, { method: "POST", body: JSON.stringify({ method, ...failure }) });
}

/** Texts the bot sent to a chat, in order. */
export async function sentTo(chatId: number): Promise<string[]> {
  return (await botCalls())
    .filter((c) => c.ok && c.method === "sendMessage" && String(c.payload.chat_id) === String(chatId))
    .map((c) => String(c.payload.text));
}
