/**
 * "#term-files" in a runtime build (a Worker: condition "workerd"; the bundled Node entry: "dvc-runtime"): no term
 * base in the script. A card's term translations come with its record (catalogue/terms/NNN.jsonl in the built
 * assets, src/catalogue/catalogue.ts), so 6 MB of term data stay out of the Worker's script and the Node bundle.
 */
export const bundledTermFiles: Record<string, unknown> | null = null;
