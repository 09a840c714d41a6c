import * as z from "zod";
import journeysData from "../../data/investor/journeys.json" with { type: "json" };
import { localizedSchema, procedureCodeSchema, sourceSchema } from "../catalogue/schema.ts";
import { termReviewSchema } from "../catalogue/terms.ts";
import { lazySchema } from "../lazy-schema.ts";

/**
 * Guided journeys for foreign investors (data/investor/journeys.json): the procedures of a goal in order, each
 * with what it needs from the steps before it. A step without a code is a stage that is not a procedure of the
 * national database (a bank account, a seal): it says what it is and why, in `what` and `needs`.
 */
export const journeyStepSchema = lazySchema(() =>
  z
    .object({
      code: procedureCodeSchema.nullable(),
      /** Other variants or levels of the same step (shown as the step's alternatives). */
      alternatives: z.array(procedureCodeSchema),
      /** What the step is, for a step without a code. */
      what: localizedSchema.optional(),
      needs: localizedSchema,
    })
    .strict()
    .refine((s) => s.code !== null || s.what !== undefined, {
      message: "a step without a code needs `what`",
    }),
);
export type JourneyStep = z.infer<typeof journeyStepSchema>;

export const journeySchema = lazySchema(() =>
  z
    .object({
      id: z.string().regex(/^[a-z0-9-]+$/),
      title: localizedSchema,
      steps: z.array(journeyStepSchema).min(2),
      sources: z.array(sourceSchema).min(1),
      uncertain: z.array(z.string().min(1)),
    })
    .strict(),
);
export type Journey = z.infer<typeof journeySchema>;

export const journeysFileSchema = lazySchema(() =>
  z
    .object({
      note: z.string().min(1),
      reviewed: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
      review: termReviewSchema,
      journeys: z.array(journeySchema).min(1),
    })
    .strict(),
);

/** Trusted as bundled: npm run build validates the file (validateJourneys), so no runtime runs the schema. */
export const JOURNEYS: Journey[] = (journeysData as z.output<typeof journeysFileSchema>).journeys;

/** Runs the schema over data/investor/journeys.json (npm run build). */
export function validateJourneys(): void {
  journeysFileSchema.parse(journeysData);
}

export function journeyById(id: string): Journey | null {
  return JOURNEYS.find((j) => j.id === id) ?? null;
}

/** The journeys a procedure is a step of (as the step itself or one of its alternatives). */
export function journeysWith(code: string): Journey[] {
  return JOURNEYS.filter((j) => j.steps.some((s) => s.code === code || s.alternatives.includes(code)));
}

/** Every code a journey names. */
export function journeyCodes(j: Journey): string[] {
  return j.steps.flatMap((s) => [...(s.code ? [s.code] : []), ...s.alternatives]);
}
