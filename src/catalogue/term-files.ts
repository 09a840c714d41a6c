/**
 * The term base's files (data/terms/<kind>.json), bundled as JSON modules: what tools, tests and the build read
 * (`termBase()`). The runtimes do not: a Worker or the bundled Node entry resolves "#term-files" to
 * term-files-none.ts (package.json "imports", conditions "workerd" and "dvc-runtime") and reads each record's
 * term translations with the record instead (catalogue/terms/NNN.jsonl, written by the build).
 */
import agencies from "../../data/terms/agencies.json" with { type: "json" };
import channels from "../../data/terms/channels.json" with { type: "json" };
import documents from "../../data/terms/documents.json" with { type: "json" };
import fields from "../../data/terms/fields.json" with { type: "json" };
import provinces from "../../data/terms/provinces.json" with { type: "json" };
import results from "../../data/terms/results.json" with { type: "json" };
import subjects from "../../data/terms/subjects.json" with { type: "json" };

/** Each kind's file as read (not validated: termBase() runs the schema), or null where none is bundled. */
export const bundledTermFiles: Record<string, unknown> | null = {
  fields,
  subjects,
  channels,
  agencies,
  documents,
  results,
  provinces,
};
