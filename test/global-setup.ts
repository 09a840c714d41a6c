/**
 * Before any test: the built artefacts (dist/assets) must match this checkout. `npm ci` builds them; after a
 * pull or an edit of data/ or the index code they are rebuilt here, so `npm test` never runs on stale ones, and
 * the bundled Node entry is rebuilt from src/.
 */
import { buildAssets, bundleNodeEntry, formatBuildReport } from "../src/node/build.ts";

export default async function setup() {
  const report = await buildAssets();
  if (!report.skipped) console.log(formatBuildReport(report));
  // The entry npm start runs (dist/node/main.js), from the src/ under test.
  await bundleNodeEntry();
}
