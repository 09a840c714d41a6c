import { benchDossiers } from "./dossiers.ts";
import { benchNodeRuntime } from "./node-runtime.ts";
import { benchSearch } from "./search.ts";
import { benchUnderstand } from "./understand.ts";
import { benchWebhook } from "./webhook.ts";

/** `npm run bench`: every benchmark prints its figures next to a baseline measured in the same run. */
const only = process.argv[2];
const benches: [string, () => Promise<string>][] = [
  ["search", benchSearch],
  ["understand", benchUnderstand],
  ["webhook", benchWebhook],
  ["dossiers", benchDossiers],
  ["node-runtime", benchNodeRuntime],
];
for (const [name, run] of benches) {
  if (only && only !== name) continue;
  console.log(`\n## ${name}\n${await run()}`);
}
