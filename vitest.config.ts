import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    // Builds dist/assets when data/ or the index code changed since the last build (npm run build).
    globalSetup: ["test/global-setup.ts"],
    // Limits catch hangs, not slowness: whole-catalogue checks take 6–20 s on a quiet machine and several times that
    // when the machine is loaded, which must not fail them.
    testTimeout: 120_000,
    hookTimeout: 180_000,
    // Both cores run test files (vitest's default keeps one free for its main process, which mostly waits).
    maxWorkers: 2,
    // Files in one worker share its modules: the catalogue and the search index are loaded once per worker
    // instead of once per file (about 2 s each). No test mocks modules or timers, and every file builds its own
    // app, fakes and database.
    isolate: false,
  },
});
