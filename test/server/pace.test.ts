import { describe, expect, it } from "vitest";
import { createPacer } from "../../src/server/pace.ts";

/**
 * The pacer with its clock and its "next turn" in the test's hands: `turn()` runs what was queued for the loop's
 * check phase, as Node's event loop would between two polls. No wall-clock time is involved.
 */
function harness(budgetMs: number) {
  let clock = 0;
  let queued: (() => void)[] = [];
  const pacer = createPacer(
    budgetMs,
    () => clock,
    (run) => queued.push(run),
  );
  const flush = () => new Promise<void>((resolve) => setImmediate(resolve));
  return {
    pacer,
    advance: (ms: number) => {
      clock += ms;
    },
    /** One check phase: runs what was queued before it (what it queues waits for the next one). */
    turn: async () => {
      const now = queued;
      queued = [];
      for (const run of now) run();
      await flush();
    },
  };
}

describe("pacing costly requests over the event loop's turns", () => {
  it("lets requests through at once while the turn's budget lasts", () => {
    const { pacer, advance } = harness(4);
    expect(pacer.pace()).toBeUndefined();
    advance(1);
    expect(pacer.pace()).toBeUndefined();
    advance(2);
    expect(pacer.pace()).toBeUndefined();
    expect(pacer.waiting).toBe(0);
  });

  it("holds the rest of a burst for later turns, lets them through in arrival order, a budget per turn", async () => {
    const { pacer, advance, turn } = harness(4);
    const order: number[] = [];
    expect(pacer.pace()).toBeUndefined();
    advance(5); // the first request took the whole budget
    // Each request "takes" 3 ms once let through (the clock moves in its continuation).
    const held = [1, 2, 3, 4].map((i) =>
      pacer.pace()?.then(() => {
        order.push(i);
        advance(3);
      }),
    );
    expect(held.every((p) => p instanceof Promise)).toBe(true);
    expect(pacer.waiting).toBe(4);
    // This turn's check phase only schedules the drain for the next turn: nothing is let through yet.
    await turn();
    expect(order).toEqual([]);
    // Next turn: after two requests (6 ms) the 4 ms budget is spent; the other two wait for the turn after.
    await turn();
    expect(order).toEqual([1, 2]);
    expect(pacer.waiting).toBe(2);
    // A request arriving meanwhile waits behind those already waiting (arrival order holds).
    const late = pacer.pace()?.then(() => order.push(5));
    expect(late).toBeInstanceOf(Promise);
    await turn();
    expect(order).toEqual([1, 2, 3, 4]);
    await turn();
    await Promise.all([...held, late]);
    expect(order).toEqual([1, 2, 3, 4, 5]);
    expect(pacer.waiting).toBe(0);
  });

  it("starts a new budget on the next turn", async () => {
    const { pacer, advance, turn } = harness(4);
    expect(pacer.pace()).toBeUndefined();
    advance(10);
    await turn(); // the check phase ends the turn
    expect(pacer.pace()).toBeUndefined();
  });

  it("passes everything at once where there is no event loop to share (Workers)", () => {
    const pacer = createPacer(4, () => 0, null);
    for (let i = 0; i < 100; i++) expect(pacer.pace()).toBeUndefined();
  });
});
