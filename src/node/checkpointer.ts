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
let db = null;
let fencing = false;
const checkpoint = (passes) => {
  let r = null;
  try {
    db ??= new Database(workerData.path, { timeout: 0 });
    const step = db.prepare("PRAGMA wal_checkpoint(PASSIVE)");
    for (let pass = 0; pass < passes; pass++) {
      r = step.all()[0];
      if (!r || r.busy || r.log <= 0 || r.checkpointed >= r.log) break;
    }
  } catch {
    // A read-only or vanished file, a lock held elsewhere: tried again on the next tick, on a new connection.
    try { db?.close(); } catch {}
    db = null;
    r = null;
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
    const r = checkpoint(1);
    fencing = false;
    parentPort.postMessage("passed");
  } else if (m === "stop") {
    clearInterval(timer);
    try { db?.close(); } catch {}
    parentPort.close();
  }
});
`;

/** Starts the checkpoint thread for the database file at `path`; null where no thread can be started. */
export function startCheckpointer(path: string, options: CheckpointerOptions): Checkpointer | null {
  let worker: Worker;
  try {
    const libsql = createRequire(import.meta.url).resolve("libsql");
    worker = new Worker(WORKER, {
      eval: true,
      workerData: {
        path,
        libsql,
        intervalMs: options.intervalMs ?? 200,
        fenceFrames: options.fenceFrames ?? 2000,
      },
      // Small: the thread holds one connection and one statement.
      resourceLimits: { maxOldGenerationSizeMb: 16, maxYoungGenerationSizeMb: 2 },
    });
  } catch {
    return null;
  }
  // Never keeps the process alive.
  worker.unref();
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
    if (!stopped) options.onExit?.();
  });
  return {
    stop() {
      if (stopped) return;
      stopped = true;
      passed?.();
      worker.postMessage("stop");
      // The thread closes its connection and ends; terminate in case it is stuck in a checkpoint.
      setTimeout(() => void worker.terminate(), 1000).unref();
    },
  };
}
