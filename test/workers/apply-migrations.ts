/** Applies migrations/ to the local D1 before each file's tests (already applied ones are skipped). */
import { applyD1Migrations, env } from "cloudflare:test";

await applyD1Migrations(env.DB, env.TEST_MIGRATIONS);
