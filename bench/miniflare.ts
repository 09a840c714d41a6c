import { dirname } from "node:path";
import type { MiniflareOptions } from "miniflare";
import { DEFAULT_ASSETS_DIR } from "../src/node/assets.ts";

/**
 * The Worker as the benches run it in workerd: the bundle, local D1 and KV, the built assets, wrangler.toml's
 * compatibility date and flags. The bundle goes in as one module, as wrangler uploads it (`modules: true` with
 * `scriptPath` would have Miniflare parse the 2 MB script with acorn in this process to find its imports: up to 2 s
 * of a loaded machine that no Cloudflare start-up pays).
 */
export function workerOptions(script: string, inspectorPort?: number): MiniflareOptions {
  return {
    modules: [{ type: "ESModule", path: script }],
    modulesRoot: dirname(script),
    compatibilityDate: "2026-04-20",
    compatibilityFlags: ["nodejs_compat"],
    d1Databases: ["DB"],
    kvNamespaces: ["KV"],
    assets: {
      directory: DEFAULT_ASSETS_DIR,
      binding: "ASSETS",
      routerConfig: { has_user_worker: true, invoke_user_worker_ahead_of_assets: true },
    },
    bindings: { LOG_LEVEL: "silent" },
    ...(inspectorPort ? { inspectorPort } : {}),
  };
}
