import { createRequire } from "node:module";
import { Worker } from "node:worker_threads";

/**
 * WAL checkpoints on a thread of their own. SQLite copies the write-ahead log back into the database file every
 * 1,000 pages by default, inside whichever commit crosses the mark: on the server's one connection that is a
 * stall of the event loop (copying ~800 pages and an fsync: 7–14 ms on a quiet disk, far more on a busy one)
 * charged to about one webhook update in 70. Here the server's connection turns automatic checkpoints off
 * (`wal_autocheckpoint = 0`) and a worker thread with its own connection runs PASSIVE checkpoints every
 * `intervalMs`; they never wait for the writer nor block it.
 *
 * A pass copies what was committed when it began. The log restarts from its beginning only after a pass that
 * copied everything, which commits arriving all the time would never allow (the file grew past 1 GB in 20,000
 * back-to-back commits). So when the log holds more than `fenceFrames` frames, the thread asks for a fence: the
 * server holds its statements back (its event loop keeps running; statements wait their turn as they do behind a
 * transaction) while one last short pass copies the rest, and the next commit restarts the log.
 */
export interface Checkpointer {
  /** Ends the thread (its connection closes; the next checkpoint is the server connection's own). */
  stop(): void;
}

export interface CheckpointerOptions {
  intervalMs?: number;
  /** Frames in the log that make a tick ask for a fence (default 2,000: about 8 MB). */
  fenceFrames?: number;
  /** Holds the server's statements back while `pass` runs (the database's gate). */
  fence: (pass: () => Promise<void>) => Promise<void>;
  /** The thread ended on its own (it should not): the caller turns SQLite's own checkpoints back on. */
  onExit?: () => void;
}

const WORKER = `
const { parentPort, workerData } = require("node:worker_threads");
const Database = require(workerData.libsql);
// Shared with the server's thread: 0 idle, 1 checkpointing, 2 stopping, 3 stopped (see stopNow).
const state = new Int32Array(workerData.state);
let db = null;
let fencing = false;
const checkpoint = (passes) => {
  if (Atomics.compareExchange(state, 0, 0, 1) !== 0) return null;
  let r = null;
  try {
    db ??= new Database(workerData.path, { timeout: 0 });
    const step = db.prepare("PRAGMA wal_checkpoint(PASSIVE)");
    // A pass copies what was committed when it began; commits made meanwhile are copied by the next pass.
    for (let pass = 0; pass < passes; pass++) {
      r = step.all()[0];
      if (!r || r.busy || r.log <= 0 || r.checkpointed >= r.log) break;
    }
  } catch {
    // A read-only or vanished file, a lock held elsewhere: tried again on the next tick, on a new connection.
    try { db?.close(); } catch {}
    db = null;
    r = null;
  } finally {
    Atomics.compareExchange(state, 0, 1, 0);
    Atomics.notify(state, 0);
  }
  return r;
};
const timer = setInterval(() => {
  if (fencing) return;
  const r = checkpoint(3);
  // The log restarts when a commit begins after a pass that copied everything; a server that is always in the
  // middle of a commit never gives it that moment, so past fenceFrames the server is asked for one.
  if (r && !r.busy && r.log > workerData.fenceFrames) {
    fencing = true;
    parentPort.postMessage("fence");
  }
}, workerData.intervalMs);
parentPort.on("message", (m) => {
  if (m === "pass") {
    checkpoint(1);
    fencing = false;
    parentPort.postMessage("passed");
  } else if (m === "stop") {
    clearInterval(timer);
    try { db?.close(); } catch {}
    db = null;
    Atomics.store(state, 0, 3);
    Atomics.notify(state, 0);
    parentPort.close();
  }
});
`;

/** Threads to bring to a stop before the process exits (one listener for them all). */
const running = new Set<() => void>();
let exitHook = false;

/** Starts the checkpoint thread for the database file at `path`; null where no thread can be started. */
export function startCheckpointer(path: string, options: CheckpointerOptions): Checkpointer | null {
  const state = new Int32Array(new SharedArrayBuffer(4));
  let worker: Worker;
  try {
    const libsql = createRequire(import.meta.url).resolve("libsql");
    worker = new Worker(WORKER, {
      eval: true,
      workerData: {
        path,
        libsql,
        state: state.buffer,
        intervalMs: options.intervalMs ?? 200,
        fenceFrames: options.fenceFrames ?? 2000,
      },
      // Small: the thread holds one connection and one statement.
      resourceLimits: { maxOldGenerationSizeMb: 16, maxYoungGenerationSizeMb: 2 },
    });
  } catch {
    return null;
  }
  let stopped = false;
  let passed: (() => void) | null = null;
  const lastPass = () =>
    new Promise<void>((resolve) => {
      if (stopped) return resolve();
      const timer = setTimeout(finish, 2000);
      function finish() {
        clearTimeout(timer);
        passed = null;
        resolve();
      }
      passed = finish;
      worker.postMessage("pass");
    });
  worker.on("message", (m: string) => {
    if (m === "passed") passed?.();
    else if (m === "fence" && !stopped) void options.fence(lastPass).catch(() => undefined);
  });
  worker.on("error", () => undefined);
  worker.on("exit", () => {
    passed?.();
    running.delete(stopNow);
    if (!stopped) options.onExit?.();
  });
  /**
   * Brings the thread to rest before the process may exit: a thread torn down in the middle of a libsql call, or
   * with its connection open, makes libsql's native finalizer abort the whole process (a panic in neon). Waits
   * (synchronously, at most about a second) for a checkpoint in progress, then for the thread to close its
   * connection and clear its timer.
   */
  function stopNow() {
    if (stopped) return;
    stopped = true;
    running.delete(stopNow);
    passed?.();
    const deadline = Date.now() + 1000;
    while (Atomics.compareExchange(state, 0, 0, 2) === 1 && Date.now() < deadline)
      Atomics.wait(state, 0, 1, Math.max(1, deadline - Date.now()));
    worker.postMessage("stop");
    Atomics.wait(state, 0, 2, 500);
  }
  // Never keeps the process alive: after the listeners, since adding a 'message' listener refs the thread again.
  worker.unref();
  running.add(stopNow);
  if (!exitHook) {
    exitHook = true;
    process.on("exit", () => {
      for (const stop of [...running]) stop();
    });
  }
  return { stop: stopNow };
}
