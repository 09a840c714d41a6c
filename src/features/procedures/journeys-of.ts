import { JOURNEYS, type Journey, journeyCodes } from "../../investor/journeys.ts";

let byCode: Map<string, readonly Journey[]> | null = null;

/**
 * journeysWith(code), indexed once: every card asks which journeys its procedure is a step of, and scanning every
 * journey's steps for each card was a tenth of building its first message.
 */
export function journeysOf(code: string): readonly Journey[] {
  if (!byCode) {
    const index = new Map<string, Journey[]>();
    for (const j of JOURNEYS)
      for (const c of new Set(journeyCodes(j))) index.set(c, [...(index.get(c) ?? []), j]);
    byCode = index;
  }
  return byCode.get(code) ?? [];
}
