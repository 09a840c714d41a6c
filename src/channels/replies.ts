import type { Logger } from "../log.ts";
import { channelOf, type OutboxJob, type ReplyOutbox } from "./outbox.ts";
import { type UnitScope, UpdateUnit } from "./unit.ts";

/** What to do after a failed send: wait as long as the API asked, back off, or give up on the message. */
export type Failure = { kind: "retry_after"; ms: number } | { kind: "backoff" } | { kind: "drop" };

/** Sends one queued message through a channel's API, and says how to treat that API's errors. */
export interface ChannelSender {
  send(method: string, payload: Record<string, unknown>): Promise<void>;
  classify(error: unknown): Failure;
  /** A short description of an error for the log (never a token, a chat id or message text). */
  describe(error: unknown): string;
}

export interface ReplyPipelineOptions {
  outbox: ReplyOutbox;
  /** Carries an update's unit of work while its answer is produced (the same one the session store reads). */
  scope: UnitScope;
  log: Logger;
  clock?: () => Date;
  /** First retry delay after a 5xx or network error; doubles with each attempt, capped at maxBackoffMs. */
  backoffMs?: number;
  maxBackoffMs?: number;
  /** Attempts before a message is given up (logged as dropped). */
  maxAttempts?: number;
  /** Messages being sent at once, over all chats (a chat's own messages always go one by one, in order). */
  concurrency?: number;
  /** How long a leased message is reserved for its sender; after that another worker may send it again. */
  leaseMs?: number;
}

/** Retries of a failed commit (a busy or briefly unwritable database): waits between them, in ms. */
const COMMIT_RETRIES = [100, 500, 2000];
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Answers updates through the outbox and sends what is queued. `run` produces an update's answer inside a unit of
 * work and commits it; `drain` sends what is due. Both are safe to call from anywhere, any number of times: on
 * Node a timer calls `drain` (and every commit does), on Workers a Cron Trigger can call it alone.
 */
export class ReplyPipeline {
  readonly outbox: ReplyOutbox;
  private readonly scope: UnitScope;
  private readonly senders = new Map<string, ChannelSender>();
  private readonly log: Logger;
  private readonly clock: () => Date;
  private readonly o: Required<Omit<ReplyPipelineOptions, "outbox" | "scope" | "log" | "clock">>;
  private readonly chains = new Map<string, Promise<unknown>>();
  private inFlight = 0;
  private wake: { at: number; timer: ReturnType<typeof setTimeout> } | null = null;
  private loop: ReturnType<typeof setInterval> | null = null;
  private stopped = false;
  /** Delivery totals since start, for logs, /readyz and the load bench. */
  readonly stats = { committed: 0, duplicates: 0, sent: 0, retried: 0, dropped: 0, lost: 0 };

  constructor(options: ReplyPipelineOptions) {
    this.outbox = options.outbox;
    this.scope = options.scope;
    this.log = options.log;
    this.clock = options.clock ?? (() => new Date());
    this.o = {
      backoffMs: options.backoffMs ?? 1000,
      maxBackoffMs: options.maxBackoffMs ?? 300_000,
      // With the default backoff (1 s doubling, capped at 5 min): about an hour of retries.
      maxAttempts: options.maxAttempts ?? 20,
      concurrency: options.concurrency ?? 16,
      leaseMs: options.leaseMs ?? 60_000,
    };
  }

  register(channel: string, sender: ChannelSender): void {
    this.senders.set(channel, sender);
  }

  /** True when messages to this channel ("telegram", "zalo") can be sent (its sender is registered). */
  canSend(channel: string): boolean {
    return this.senders.has(channel);
  }

  /**
   * Answers one update: skipped when already answered; otherwise `produce` runs inside a unit of work (after the
   * chat's previous update, so a chat's answers keep their order), then the claim, sessions and messages are
   * committed together and sending starts. Never throws: every failure is logged.
   */
  async run(updateKey: string, chatKey: string, produce: (unit: UpdateUnit) => Promise<void>): Promise<void> {
    try {
      if (await this.outbox.handled(updateKey)) {
        this.stats.duplicates++;
        this.log.debug?.("update already answered", { update: updateKey });
        return;
      }
    } catch (error) {
      // The check only saves work: the commit below refuses a duplicate anyway.
      this.log.warn("update check failed", { error: errorText(error) });
    }
    const previous = this.chains.get(chatKey) ?? Promise.resolve();
    const mine = previous.then(() => this.produceAndCommit(updateKey, produce));
    const tail = mine.catch(() => undefined);
    this.chains.set(chatKey, tail);
    try {
      await mine;
    } catch (error) {
      this.log.error("update failed", { update: updateKey, error: errorText(error) });
    } finally {
      if (this.chains.get(chatKey) === tail) this.chains.delete(chatKey);
    }
    await this.drain();
  }

  private async produceAndCommit(updateKey: string, produce: (unit: UpdateUnit) => Promise<void>) {
    const unit = new UpdateUnit(updateKey);
    await this.scope.run(unit, () => produce(unit));
    const commit = { updateKey, sessions: [...unit.sessions], messages: unit.messages };
    for (let attempt = 0; ; attempt++) {
      try {
        if (await this.outbox.commit(commit, this.clock())) this.stats.committed++;
        else this.stats.duplicates++;
        return;
      } catch (error) {
        const wait = COMMIT_RETRIES[attempt];
        if (wait === undefined) {
          this.stats.lost++;
          this.log.error("answer not stored: the database refused it", {
            update: updateKey,
            error: errorText(error),
          });
          return;
        }
        this.log.warn("answer not stored yet, retrying", { update: updateKey, error: errorText(error) });
        await sleep(wait);
      }
    }
  }

  /** Sends every due message (the first message of each chat, then the next as each is sent). Never throws. */
  async drain(): Promise<void> {
    let jobs: OutboxJob[];
    try {
      const now = this.clock();
      const limit = this.o.concurrency - this.inFlight;
      if (limit <= 0) return;
      jobs = await this.outbox.lease(now, limit, new Date(now.getTime() + this.o.leaseMs));
    } catch (error) {
      this.log.error("outbox lease failed", { error: errorText(error) });
      this.scheduleWake(this.clock().getTime() + this.o.backoffMs);
      return;
    }
    if (jobs.length === 0) {
      // Nothing due now: wake up when the next message is (a retry, a lease that runs out).
      if (this.inFlight === 0) await this.wakeForNext();
      return;
    }
    this.inFlight += jobs.length;
    await Promise.all(jobs.map((job) => this.deliver(job)));
  }

  private async wakeForNext() {
    try {
      const next = await this.outbox.nextDue();
      if (next) this.scheduleWake(Math.max(next.getTime(), this.clock().getTime() + 5));
    } catch (error) {
      this.log.warn("outbox check failed", { error: errorText(error) });
    }
  }

  private async deliver(job: OutboxJob): Promise<void> {
    const sender = this.senders.get(channelOf(job.chatKey));
    let sent = false;
    try {
      if (!sender) throw new Error(`no sender for ${channelOf(job.chatKey)}`);
      await sender.send(job.method, job.payload);
      sent = true;
      await this.outbox.markSent(job.id, this.clock());
      this.stats.sent++;
    } catch (error) {
      if (sent) {
        // Sent, but not recorded: the lease keeps it from being sent again until it expires.
        this.log.error("sent message not recorded", { id: job.id, error: errorText(error) });
      } else await this.failed(job, sender, error);
    } finally {
      this.inFlight--;
    }
    // The chat's next message, and whatever waited for a free slot.
    await this.drain();
  }

  private async failed(job: OutboxJob, sender: ChannelSender | undefined, error: unknown) {
    const failure: Failure = sender ? sender.classify(error) : { kind: "drop" };
    const reason = sender ? sender.describe(error) : errorText(error);
    const attempts = job.attempts + 1;
    const now = this.clock();
    try {
      if (failure.kind === "drop" || attempts >= this.o.maxAttempts) {
        await this.outbox.drop(job.id, reason, now);
        this.stats.dropped++;
        this.log.error("reply dropped", { id: job.id, method: job.method, attempts, error: reason });
        return;
      }
      const jitter = 0.8 + Math.random() * 0.4;
      const wait =
        failure.kind === "retry_after"
          ? failure.ms
          : Math.min(this.o.maxBackoffMs, this.o.backoffMs * 2 ** (attempts - 1)) * jitter;
      const at = now.getTime() + Math.ceil(wait);
      await this.outbox.retry(job.id, reason, new Date(at));
      this.stats.retried++;
      this.log.warn("reply not delivered, will retry", {
        id: job.id,
        attempts,
        error: reason,
        retryInMs: Math.ceil(wait),
      });
      this.scheduleWake(at);
    } catch (storeError) {
      this.log.error("outbox update failed", { id: job.id, error: errorText(storeError) });
    }
  }

  /** One timer for the earliest retry (unref'd: it never keeps the process alive). */
  private scheduleWake(at: number) {
    if (this.stopped) return;
    if (this.wake && this.wake.at <= at) return;
    if (this.wake) clearTimeout(this.wake.timer);
    const timer = setTimeout(
      () => {
        this.wake = null;
        void this.drain();
      },
      Math.max(0, at - this.clock().getTime()),
    );
    (timer as { unref?: () => void }).unref?.();
    this.wake = { at, timer };
  }

  /** Node: drain every `intervalMs` too (messages left by a crash, expired leases); returns a stop function. */
  start(intervalMs = 5000): () => void {
    this.stopped = false;
    this.loop ??= setInterval(() => void this.drain(), intervalMs);
    (this.loop as { unref?: () => void }).unref?.();
    void this.drain();
    return () => this.stop();
  }

  stop(): void {
    this.stopped = true;
    if (this.loop) clearInterval(this.loop);
    this.loop = null;
    if (this.wake) clearTimeout(this.wake.timer);
    this.wake = null;
  }

  /** Resolves when every update being answered now has been committed (for a clean shutdown and for tests). */
  async idle(): Promise<void> {
    while (this.chains.size > 0) await Promise.allSettled([...this.chains.values()]);
  }
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
