import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** Plain SQL migrations, applied in order by the Node entry (and, later, to D1 by wrangler). */
export const MIGRATIONS_DIR = resolve(dirname(fileURLToPath(import.meta.url)), "../../migrations");
