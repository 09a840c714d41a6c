/**
 * Where handoff requests and answer ratings are kept: the help-desk console reads the queue from here. Questions
 * are stored without personal data the staff do not need: dossier codes and runs of 7 or more digits (phone
 * and ID numbers) are masked before they are written.
 */
import type { Language } from "../../catalogue/index.ts";

export interface HandoffRequest {
  channel: string;
  chatKey: string;
  lang: Language;
  procedureCode: string | null;
  question: string;
  createdAt: Date;
}

export interface Feedback {
  channel: string;
  lang: Language;
  query: string | null;
  procedureCode: string | null;
  up: boolean;
  createdAt: Date;
}

export interface StoredHandoff extends HandoffRequest {
  id: number;
  status: "open" | "claimed" | "closed";
  claimedBy?: string | null;
  claimedAt?: Date | null;
  closedAt?: Date | null;
  closeNote?: string | null;
  answeredAt?: Date | null;
  /** How many answers staff sent back into the chat. */
  answers?: number;
}

/** What a claim did: taken by this staff member, or already someone else's (or closed). */
export type ClaimResult =
  | { ok: true }
  | { ok: false; reason: "taken"; by: string }
  | { ok: false; reason: "closed" | "missing" };

export interface HandoffStore {
  /** Records a request; a chat with an open request adds to it instead of queueing twice. Returns its id. */
  requestHandoff(request: HandoffRequest): Promise<{ id: number; alreadyOpen: boolean }>;
  recordFeedback(feedback: Feedback): Promise<void>;
  openHandoffs(limit?: number): Promise<StoredHandoff[]>;
  /** The help-desk console's side: one request, the queue with recently closed ones, claim, answer, close. */
  handoff(id: number): Promise<StoredHandoff | null>;
  recentlyClosed(limit?: number): Promise<StoredHandoff[]>;
  /** Takes an open request for one staff member; a second one cannot take it (claiming your own again is fine). */
  claim(id: number, by: string, now: Date): Promise<ClaimResult>;
  /** Counts an answer sent by the staff member who holds the request; false when they do not hold it. */
  recordAnswer(id: number, by: string, now: Date): Promise<boolean>;
  /** Closes a request held by `by` (or, with `anyone`, held by anybody or nobody) with a note. */
  close(id: number, by: string, note: string, now: Date, anyone?: boolean): Promise<boolean>;
}

export const MAX_NOTE = 500;

export const MAX_QUESTION = 500;

/** "hồ sơ 000.00.19.H48-261110-0007, sđt 0987654321" → "hồ sơ [mã hồ sơ], sđt [số]". */
export function maskPersonalData(text: string): string {
  return (
    text
      .slice(0, MAX_QUESTION * 2)
      .replace(/[0-9A-Za-z.]{6,30}\s*[-–—]\s*\d{6}\s*[-–—]\s*\d{3,6}/g, "[…]")
      // Greedy runs with nothing required after them: linear, no backtracking.
      .replace(/\d[\d .-]*/g, (run) => {
        const digits = run.replace(/\D/g, "").length;
        const tail = /[ .-]*$/.exec(run)?.[0] ?? "";
        return digits >= 7 ? `[…]${tail}` : run;
      })
      .slice(0, MAX_QUESTION)
  );
}

export class MemoryHandoffStore implements HandoffStore {
  readonly handoffs: StoredHandoff[] = [];
  readonly feedback: Feedback[] = [];

  async requestHandoff(request: HandoffRequest) {
    const open = this.handoffs.find((h) => h.chatKey === request.chatKey && h.status !== "closed");
    if (open) {
      open.question = maskPersonalData(`${open.question}\n${request.question}`);
      return { id: open.id, alreadyOpen: true };
    }
    const id = this.handoffs.length + 1;
    this.handoffs.push({ ...request, question: maskPersonalData(request.question), id, status: "open" });
    return { id, alreadyOpen: false };
  }

  async recordFeedback(feedback: Feedback) {
    this.feedback.push({ ...feedback, query: feedback.query ? maskPersonalData(feedback.query) : null });
  }

  async openHandoffs(limit = 100) {
    return this.handoffs.filter((h) => h.status !== "closed").slice(0, limit);
  }

  async handoff(id: number) {
    return this.handoffs.find((h) => h.id === id) ?? null;
  }

  async recentlyClosed(limit = 20) {
    return this.handoffs
      .filter((h) => h.status === "closed")
      .sort((a, b) => (b.closedAt?.getTime() ?? 0) - (a.closedAt?.getTime() ?? 0))
      .slice(0, limit);
  }

  async claim(id: number, by: string, now: Date): Promise<ClaimResult> {
    const h = this.handoffs.find((x) => x.id === id);
    if (!h) return { ok: false, reason: "missing" };
    if (h.status === "closed") return { ok: false, reason: "closed" };
    if (h.status === "claimed" && h.claimedBy !== by)
      return { ok: false, reason: "taken", by: h.claimedBy ?? "" };
    if (h.status === "open") Object.assign(h, { status: "claimed", claimedBy: by, claimedAt: now });
    return { ok: true };
  }

  async recordAnswer(id: number, by: string, now: Date) {
    const h = this.handoffs.find((x) => x.id === id && x.status === "claimed" && x.claimedBy === by);
    if (!h) return false;
    Object.assign(h, { answers: (h.answers ?? 0) + 1, answeredAt: now });
    return true;
  }

  async close(id: number, by: string, note: string, now: Date, anyone = false) {
    const h = this.handoffs.find((x) => x.id === id && x.status !== "closed");
    if (!h || !(anyone || h.status === "open" || h.claimedBy === by)) return false;
    Object.assign(h, {
      status: "closed",
      claimedBy: h.claimedBy ?? by,
      claimedAt: h.claimedAt ?? now,
      closedAt: now,
      closeNote: maskPersonalData(note).slice(0, MAX_NOTE),
    });
    return true;
  }
}

/** A row of the handoffs table as a request (for the SQLite and D1 stores). */
export function handoffFromRow(r: Record<string, unknown>): StoredHandoff {
  const date = (v: unknown) => (v === null || v === undefined ? null : new Date(String(v)));
  const text = (v: unknown) => (v === null || v === undefined ? null : String(v));
  return {
    id: Number(r.id),
    channel: String(r.channel),
    chatKey: String(r.chat_key),
    lang: String(r.lang) as Language,
    procedureCode: text(r.procedure_code),
    question: String(r.question),
    createdAt: new Date(String(r.created_at)),
    status: String(r.status) as StoredHandoff["status"],
    claimedBy: text(r.claimed_by),
    claimedAt: date(r.claimed_at),
    closedAt: date(r.closed_at),
    closeNote: text(r.close_note),
    answeredAt: date(r.answered_at),
    answers: Number(r.answers ?? 0),
  };
}
