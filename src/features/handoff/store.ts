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
}

export interface HandoffStore {
  /** Records a request; a chat with an open request adds to it instead of queueing twice. Returns its id. */
  requestHandoff(request: HandoffRequest): Promise<{ id: number; alreadyOpen: boolean }>;
  recordFeedback(feedback: Feedback): Promise<void>;
  openHandoffs(limit?: number): Promise<StoredHandoff[]>;
}

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
}
