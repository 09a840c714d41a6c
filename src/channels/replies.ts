import type { Logger } from "../log.ts";
import { channelOf, type InboxUpdate, type OutboxJob, type ReplyOutbox } from "./outbox.ts";
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
  /** Updates being answered at once (most of that time is spent waiting for storage or an upstream). */
  workers?: number;
  /**
   * Updates that may wait for a worker; beyond that, accepting one waits (backpressure on the webhook: Telegram
   * keeps what it could not deliver and slows down). With a durable inbox what waits here is stored too (a hard
   * crash loses none of it); without one, this also bounds what a hard crash (kill -9, power loss) can lose.
   */
  maxQueued?: number;
  /**
   * Told of every background promise the pipeline starts (Node: a clean shutdown waits for them; Workers: the
   * waitUntil of the request or cron run that started it keeps it alive).
   */
  track?: (work: Promise<unknown>) => void;
  /**
   * Whether a failed send or a lease that runs out sets a timer to drain again when it is due (default true). Off on
   * Workers: a timer outlives the request that set it, where nothing keeps it alive, and the Cron Trigger retries.
   */
  retryTimers?: boolean;
}

/**
 * Updates that may wait for a worker in memory, with a durable inbox and without one (see `maxQueued`). With the
 * inbox, more wait there only and are read back in order. 1,000 keeps the heap of a burst near 60 MB (10,000: near
 * 100 MB, and longer garbage-collection pauses).
 */
export const MAX_QUEUED_DURABLE = 1_000;
export const MAX_QUEUED_IN_MEMORY = 500;
/** Retries of a failed commit (a busy or briefly unwritable database): waits between them, in ms. */
const COMMIT_RETRIES = [100, 500, 2000];
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
/** A macrotask: Node's setImmediate (after pending I/O), a zero timer elsewhere. */
const nextTask: (run: () => void) => void =
  typeof setImmediate === "function" ? (run) => setImmediate(run) : (run) => setTimeout(run, 0);
/**
 * Runs `then` once the microtasks queued so far, and those they queue, have all run (Node: a tick queued from a
 * microtask runs after the microtask queue is empty); null where there is no such queue (then turns are not paced).
 */
const nextTick = (globalThis as { process?: { nextTick?: (run: () => void) => void } }).process?.nextTick;
const afterMicrotasks: ((then: () => void) => void) | null = nextTick
  ? (then) => queueMicrotask(() => nextTick(then))
  : null;
/**
 * While webhook updates keep arriving, producing answers takes at most this share of the event loop: after an
 * answer's slice of N ms, the next one waits until about 3N ms of the loop's turns brought new updates (their
 * acknowledgements), or until a turn brings none. Acknowledging is what the sender waits for (Telegram holds a bot's
 * next updates behind it); the answers wait in the durable inbox. A loop with nothing else to do answers at full speed.
 */
const ANSWER_SHARE = 0.25;
/**
 * Inbox rows read at once when answers are taken up from the inbox: each page is read on its own turn of the event
 * loop (see `turn`), and reading 64 rows and queueing their answers stays a block of a few milliseconds (256 at once
 * took tens of milliseconds with the garbage they leave).
 */
const INBOX_PAGE = 64;

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
  private readonly o: Required<Omit<ReplyPipelineOptions, "outbox" | "scope" | "log" | "clock" | "track">>;
  private readonly track: (work: Promise<unknown>) => void;
  private readonly chains = new Map<string, Promise<unknown>>();
  private inFlight = 0;
  private wake: { at: number; timer: ReturnType<typeof setTimeout> } | null = null;
  private loop: ReturnType<typeof setInterval> | null = null;
  private stopped = false;
  /** Work waiting for its slice of the event loop: one slice per loop turn, so requests are served in between. */
  private readonly turns: (() => void)[] = [];
  private turnScheduled = false;
  /** Updates accepted and waiting for a worker, and how many workers are busy. */
  private readonly waiting: (() => void)[] = [];
  private readonly admissions: (() => void)[] = [];
  private busy = 0;
  /** The pass of drain() that the next callers share (commits and deliveries ask for one; one runs). */
  private nextDrain: Promise<void> | null = null;
  private readonly working = new Set<Promise<void>>();
  private readonly sending = new Set<Promise<void>>();
  /** Delivery totals since start, for logs, /readyz and the load bench. */
  readonly stats = { committed: 0, duplicates: 0, sent: 0, retried: 0, dropped: 0, lost: 0, resumed: 0 };
  /** What answers an update of each channel from its JSON body (a webhook's, or an inbox row's after a crash). */
  private readonly handlers = new Map<string, (body: string) => Promise<void>>();
  /** Updates received and not answered yet by this process: their inbox rows are not resumed meanwhile. */
  private readonly answering = new Set<string>();
  /** Updates waiting to be stored in the inbox together, at the end of this turn of the event loop. */
  private inboxBatch: { update: InboxUpdate; stored: (ok: boolean) => void }[] = [];
  private storing: Promise<void> | null = null;
  private resuming = false;
  private resumingWork: Promise<number> | null = null;
  private rescan: ReturnType<typeof setInterval> | null = null;
  /** When the last webhook update arrived (performance.now()). */
  private lastArrival = Number.NEGATIVE_INFINITY;
  /**
   * True while updates wait in the durable inbox only (more came than `maxQueued`): every new one is stored and
   * left there, and the inbox is read in order as room frees up, so a chat's updates keep their order.
   */
  private spilled = false;
  /** The inbox row read last while taking up a backlog (rows come in order of arrival). */
  private cursor = 0;
  /** Set while the last read of a backlog runs: updates arriving meanwhile wait for it, to keep their order. */
  private catchingUp: Promise<void> | null = null;

  constructor(options: ReplyPipelineOptions) {
    this.outbox = options.outbox;
    this.scope = options.scope;
    this.log = options.log;
    this.clock = options.clock ?? (() => new Date());
    this.track = options.track ?? (() => undefined);
    this.o = {
      backoffMs: options.backoffMs ?? 1000,
      maxBackoffMs: options.maxBackoffMs ?? 300_000,
      // With the default backoff (1 s doubling, capped at 5 min): about an hour of retries.
      maxAttempts: options.maxAttempts ?? 20,
      concurrency: options.concurrency ?? 16,
      leaseMs: options.leaseMs ?? 60_000,
      workers: options.workers ?? 32,
      // Durable (stored in the inbox first), a burst may run far ahead of the answers: the webhook stays fast
      // and memory holds about a kilobyte per update. In memory only, the queue is what a crash loses: keep it short.
      maxQueued: options.maxQueued ?? (options.outbox.receive ? MAX_QUEUED_DURABLE : MAX_QUEUED_IN_MEMORY),
      retryTimers: options.retryTimers ?? true,
    };
  }

  /**
   * Takes one update's work (grammY's handleUpdate, a Zalo event) to be done in the background. It runs on a
   * later turn of the event loop, at most `workers` at a time, and its CPU-heavy steps each take their own turn
   * (see `turn`), so answering updates never holds up the requests coming in. `accepted` resolves at once, or,
   * when `maxQueued` updates already wait, as soon as one of them starts: the webhook then answers later, which
   * slows the sender down instead of piling updates up in memory. `done` resolves when the update was answered
   * (committed and, where possible, sent); it never rejects.
   */
  accept(work: () => Promise<void>): { accepted: Promise<void>; done: Promise<void> } {
    let admit!: () => void;
    const admitted = new Promise<void>((resolve) => {
      admit = resolve;
    });
    const done = admitted.then(async () => {
      try {
        await this.turn();
        await work();
      } catch (error) {
        this.log.error("update failed", { error: errorText(error) });
      } finally {
        this.busy--;
        this.admitNext();
        if (this.spilled && !this.resuming && this.waiting.length <= this.o.maxQueued / 2) void this.resume();
      }
    });
    this.working.add(done);
    void done.finally(() => this.working.delete(done));
    this.track(done);
    this.waiting.push(admit);
    let accepted: Promise<void> = Promise.resolve();
    if (this.waiting.length > this.o.maxQueued) {
      accepted = new Promise<void>((resolve) => this.admissions.push(resolve));
    }
    this.admitNext();
    return { accepted, done };
  }

  private admitNext() {
    while (this.busy < this.o.workers && this.waiting.length > 0) {
      this.busy++;
      this.waiting.shift()?.();
      this.admissions.shift()?.();
    }
  }

  /**
   * Waits for this work's own turn of the event loop: turns are handed out one per loop iteration, after the
   * I/O that is ready (incoming requests, API answers), so a burst of updates is answered in slices of a few
   * milliseconds instead of one long block (SQLite statements through libsql run synchronously).
   */
  turn(): Promise<void> {
    return new Promise<void>((resolve) => {
      this.turns.push(resolve);
      if (!this.turnScheduled) this.scheduleTurn();
    });
  }

  private scheduleTurn(owed = 0) {
    this.turnScheduled = true;
    // Scheduled now, it runs on a later iteration, after the slice just resumed and the I/O ready by then.
    let since = performance.now();
    const check = () => {
      const now = performance.now();
      // The turns since the last check brought updates: they were acknowledged, and that time pays for the slice.
      if (owed > 0 && this.lastArrival > since) {
        owed -= now - since;
        since = now;
        if (owed > 0) return nextTask(check);
      }
      this.runTurn();
    };
    nextTask(check);
  }

  private runTurn() {
    const started = performance.now();
    this.turns.shift()?.();
    const next = () => {
      if (this.turns.length === 0) {
        this.turnScheduled = false;
        return;
      }
      // The next slice waits for acknowledgements worth three times this one, while updates arrive (ANSWER_SHARE).
      this.scheduleTurn((performance.now() - started) * (1 / ANSWER_SHARE - 1));
    };
    if (afterMicrotasks) afterMicrotasks(next);
    else next();
  }

  /** How updates of a channel are answered, from the JSON body the webhook received and the inbox keeps. */
  handle(channel: string, handler: (body: string) => Promise<void>): void {
    this.handlers.set(channel, handler);
  }

  /**
   * Takes one webhook update (its claim key, channel and JSON body). Where the store has a durable inbox, the
   * update is stored first, with every update received in the same turn of the event loop, in one transaction;
   * then it is answered in the background (see `accept`). Resolves when the webhook may acknowledge it: stored
   * and admitted. When the inbox refused it (a busy, full or read-only database), it is answered from memory as
   * without an inbox (its commit is retried): a Zalo event answered with an error is not delivered again, and
   * only a crash during the outage could lose it. `done` resolves when it was answered; it never rejects.
   */
  async receive(update: InboxUpdate): Promise<{ done: Promise<void> }> {
    const handler = this.handlers.get(update.channel);
    if (!handler) throw new Error(`no handler for ${update.channel} updates`);
    this.lastArrival = performance.now();
    const stored = this.outbox.receive ? await this.store(update) : false;
    if (this.catchingUp) await this.catchingUp;
    // A redelivery of an update this process is answering now: the answer is on its way.
    if (this.answering.has(update.key)) return { done: Promise.resolve() };
    // Stored, and a queue's worth already waits in memory (or others wait in the inbox only): it waits there too,
    // and is taken up in order (see `resume`). The webhook acknowledges it at once; memory holds one queue.
    if (stored && (this.spilled || this.waiting.length >= this.o.maxQueued)) {
      this.spilled = true;
      return { done: Promise.resolve() };
    }
    const work = this.answer(update, handler);
    await work.accepted;
    return { done: work.done };
  }

  private answer(update: InboxUpdate, handler: (body: string) => Promise<void>) {
    this.answering.add(update.key);
    const work = this.accept(() => handler(update.body));
    void work.done.finally(() => this.answering.delete(update.key));
    return work;
  }

  /**
   * Group commit: the updates of one turn go to the inbox in one transaction, at the end of that turn. True when
   * stored, false when the inbox refused it.
   */
  private store(update: InboxUpdate): Promise<boolean> {
    return new Promise<boolean>((stored) => {
      this.inboxBatch.push({ update, stored });
      if (this.inboxBatch.length === 1) nextTask(() => void this.flushInbox());
    });
  }

  private async flushInbox() {
    // One flush at a time: updates that come meanwhile make the next one.
    while (this.storing) await this.storing;
    const batch = this.inboxBatch;
    this.inboxBatch = [];
    if (batch.length === 0) return;
    const write = (async () => {
      let ok = true;
      try {
        await this.outbox.receive?.(
          batch.map((b) => b.update),
          this.clock(),
        );
      } catch (error) {
        ok = false;
        this.log.error("updates not stored in the inbox, answering them from memory", {
          updates: batch.length,
          error: errorText(error),
        });
      }
      for (const b of batch) b.stored(ok);
    })();
    this.storing = write;
    await write;
    this.storing = null;
  }

  /**
   * Answers what the inbox holds and this process is not answering: what a hard crash or a refused commit left
   * (the updates received more than `olderThanMs` ago), and the backlog of updates that waited in the inbox only
   * (`spilled`). Rows are read in order of arrival, a page at a time, as many as the queue has room for; the rest
   * are read as room frees up (every answered update asks for more). Never throws; returns how many it took up.
   */
  resume(olderThanMs = 0): Promise<number> {
    if (!this.outbox.unanswered || this.resuming) return Promise.resolve(0);
    this.resuming = true;
    const work = this.takeUpInbox(olderThanMs);
    this.resumingWork = work;
    this.track(work);
    return work;
  }

  private async takeUpInbox(olderThanMs: number): Promise<number> {
    let total = 0;
    // A rescan (rows older than olderThanMs) looks again from the first row: a refused commit left its row behind.
    const at = { cursor: olderThanMs > 0 ? 0 : this.cursor };
    try {
      for (;;) {
        const room = this.o.maxQueued - this.waiting.length;
        if (room <= 0) {
          // Taken up again once the queue has room (see accept).
          if (olderThanMs === 0) this.spilled = true;
          break;
        }
        const limit = Math.min(room, INBOX_PAGE);
        const taken = await this.takeUp(limit, olderThanMs, at);
        if (olderThanMs === 0) this.cursor = at.cursor;
        total += taken.started;
        if (taken.rows < limit) {
          if (olderThanMs === 0 && this.spilled) total += await this.caughtUp();
          break;
        }
      }
    } catch (error) {
      // What waits in the inbox is taken up by the next rescan (see start), as after a refused commit.
      this.spilled = false;
      this.log.warn("inbox not read", { error: errorText(error) });
    } finally {
      this.resuming = false;
      this.resumingWork = null;
    }
    if (total > 0) this.log.info("unanswered updates resumed", { updates: total });
    // A rescan ran while a backlog waited for its turn: take it up now if there is room.
    if (olderThanMs > 0 && this.spilled && this.waiting.length <= this.o.maxQueued / 2) void this.resume();
    return total;
  }

  /** Reads up to `limit` inbox rows after the cursor and answers those this process is not answering. */
  private async takeUp(
    limit: number,
    olderThanMs: number,
    at: { cursor: number },
  ): Promise<{ rows: number; started: number }> {
    // Its own turn: a page read right after the previous one (libsql answers synchronously) would make one block of
    // the whole backlog.
    await this.turn();
    // A backlog is read whole: a bound at `now` missed the rows stored in the same millisecond (ten of them at
    // 10,000 updates/s), the read that ended the backlog then left them behind its cursor, and they waited for the
    // 30-second rescan, which takes up a queue's worth (1,000) at a time.
    const before = olderThanMs > 0 ? new Date(this.clock().getTime() - olderThanMs) : null;
    const rows = (await this.outbox.unanswered?.(limit, before, at.cursor)) ?? [];
    let started = 0;
    for (const row of rows) {
      at.cursor = Math.max(at.cursor, row.seq);
      const handler = this.handlers.get(row.channel);
      if (!handler || this.answering.has(row.key)) continue;
      this.answer(row, handler);
      started++;
    }
    this.stats.resumed += started;
    return { rows: rows.length, started };
  }

  /**
   * The backlog is read to its end: new updates are answered from memory again. Those that were left in the inbox
   * until this moment are read once more first, while new ones wait (so none is left behind, and a chat's order holds).
   */
  private async caughtUp(): Promise<number> {
    this.spilled = false;
    let release!: () => void;
    this.catchingUp = new Promise<void>((resolve) => {
      release = resolve;
    });
    try {
      let total = 0;
      const at = { cursor: this.cursor };
      for (;;) {
        const taken = await this.takeUp(INBOX_PAGE, 0, at);
        this.cursor = at.cursor;
        total += taken.started;
        if (taken.rows < INBOX_PAGE) return total;
      }
    } finally {
      this.catchingUp = null;
      release();
    }
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
        await this.outbox.forget?.([updateKey]);
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
    let leased = false;
    try {
      leased = await mine;
    } catch (error) {
      this.log.error("update failed", { update: updateKey, error: errorText(error) });
    } finally {
      if (this.chains.get(chatKey) === tail) this.chains.delete(chatKey);
    }
    // Leased with the commit: its messages are on their way, and a message that had to wait for an older one of
    // its chat goes when that one is sent (every delivery ends with a drain pass).
    if (!leased) await this.drainSoon();
  }

  /** Produces and commits the answer; true when the commit also leased its messages and sending has started. */
  private async produceAndCommit(
    updateKey: string,
    produce: (unit: UpdateUnit) => Promise<void>,
  ): Promise<boolean> {
    const unit = new UpdateUnit(updateKey);
    await this.scope.run(unit, () => produce(unit));
    const commit = { updateKey, sessions: [...unit.sessions], messages: unit.messages, writes: unit.writes };
    for (let attempt = 0; ; attempt++) {
      await this.turn();
      try {
        const now = this.clock();
        // Sending can start at once when a slot is free: the commit leases what it may send.
        const lease = this.outbox.commitAndLease && this.inFlight < this.o.concurrency;
        const result = lease
          ? await this.outbox.commitAndLease?.(commit, now, new Date(now.getTime() + this.o.leaseMs))
          : await this.outbox.commit(commit, now);
        if (result === false) {
          this.stats.duplicates++;
          await this.outbox.forget?.([updateKey]).catch(() => undefined);
          return false;
        }
        this.stats.committed++;
        if (Array.isArray(result)) {
          void this.send(result);
          return true;
        }
        return false;
      } catch (error) {
        const wait = COMMIT_RETRIES[attempt];
        if (wait === undefined) {
          this.stats.lost++;
          this.log.error("answer not stored: the database refused it", {
            update: updateKey,
            error: errorText(error),
          });
          return false;
        }
        this.log.warn("answer not stored yet, retrying", { update: updateKey, error: errorText(error) });
        await sleep(wait);
      }
    }
  }

  /**
   * A drain pass shared by everyone who asks before it starts: a burst of commits and deliveries leases once per
   * turn instead of once each. Resolves when that pass (and the sends it started) are done. Never rejects.
   */
  drainSoon(): Promise<void> {
    if (!this.nextDrain) {
      this.nextDrain = this.turn().then(() => {
        this.nextDrain = null;
        return this.drain();
      });
      this.track(this.nextDrain);
    }
    return this.nextDrain;
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
    await this.send(jobs);
  }

  /** Delivers leased messages, each in its own promise (tracked for idle() and a clean shutdown). */
  private send(jobs: OutboxJob[]): Promise<unknown> {
    this.inFlight += jobs.length;
    return Promise.all(
      jobs.map((job) => {
        const sent = this.deliver(job);
        this.sending.add(sent);
        this.track(sent);
        return sent.finally(() => this.sending.delete(sent));
      }),
    );
  }

  private async wakeForNext() {
    // Without retry timers nothing would use the answer (and on D1 the query is billed).
    if (!this.o.retryTimers) return;
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
    // The chat's next message, and whatever waited for a free slot: a later pass, not awaited here, so a busy
    // outbox never builds a chain of passes waiting on each other.
    void this.drainSoon();
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
    if (this.stopped || !this.o.retryTimers) return;
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

  /**
   * Node: answers the updates a crash left in the inbox, and drains every `intervalMs` too (messages left by a
   * crash, expired leases); every `rescanMs`, inbox rows older than that are taken up again (an answer the
   * database refused). Returns a stop function.
   */
  start(intervalMs = 5000, rescanMs = 30_000): () => void {
    this.stopped = false;
    this.loop ??= setInterval(() => void this.drain(), intervalMs);
    (this.loop as { unref?: () => void }).unref?.();
    this.rescan ??= setInterval(() => void this.resume(rescanMs), rescanMs);
    (this.rescan as { unref?: () => void }).unref?.();
    this.track(this.resume());
    void this.drain();
    return () => this.stop();
  }

  stop(): void {
    this.stopped = true;
    if (this.loop) clearInterval(this.loop);
    this.loop = null;
    if (this.rescan) clearInterval(this.rescan);
    this.rescan = null;
    if (this.wake) clearTimeout(this.wake.timer);
    this.wake = null;
  }

  /**
   * Resolves when every update accepted or being answered now has been committed, and every send in progress
   * has ended (for a clean shutdown, the load bench and tests).
   */
  async idle(): Promise<void> {
    for (;;) {
      // A backlog in the inbox is part of the work (taken up as the queue empties; here in case it already has).
      if (this.spilled && !this.resuming && this.waiting.length <= this.o.maxQueued / 2) void this.resume();
      const busy =
        this.working.size > 0 ||
        this.chains.size > 0 ||
        this.sending.size > 0 ||
        this.nextDrain ||
        this.storing ||
        this.inboxBatch.length > 0 ||
        this.resumingWork;
      if (!busy) return;
      if (this.inboxBatch.length > 0 && !this.storing) await new Promise((r) => nextTask(() => r(undefined)));
      await Promise.allSettled([
        ...this.working,
        ...this.chains.values(),
        ...this.sending,
        this.nextDrain,
        this.storing,
        this.resumingWork,
      ]);
    }
  }
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
