import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

/** `npm run test:browser`: the web pages in Debian's chromium; kept out of `npm test` so it stays fast. */
export default defineConfig({
  test: {
    root: fileURLToPath(new URL("../..", import.meta.url)),
    include: ["test/browser/**/*.spec.ts"],
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
