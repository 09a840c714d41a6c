/**
 * Read-only data for the Worker comes from its static assets (the ASSETS binding), never from the script: the
 * catalogue, the search index and the record shards are fetched by path when first needed. Bytes are kept per
 * isolate in a cache bounded by total size, least recently used first out, so an isolate's heap stays small
 * whatever the traffic touches.
 */
import type { Fetcher } from "./types.ts";

/** Where artefacts sit inside the assets directory (see wrangler.toml [assets]). */
export const ASSET_ORIGIN = "https://assets.invalid/";

export class AssetMissing extends Error {
  override name = "AssetMissing";
}

export class AssetReader {
  private readonly cache = new Map<string, Uint8Array<ArrayBuffer>>();
  private bytes = 0;
  /** Fetches in flight, so concurrent requests for one path share one fetch. */
  private readonly pending = new Map<string, Promise<Uint8Array<ArrayBuffer>>>();

  constructor(
    private readonly assets: Fetcher,
    private readonly maxBytes = 16 * 1024 * 1024,
  ) {}

  /** Bytes held now (for the heap figures and tests). */
  get cachedBytes(): number {
    return this.bytes;
  }

  /** The bytes at `path`; `keep: false` for what is read once at start-up (parsed, then not needed). */
  async read(path: string, keep = true): Promise<Uint8Array<ArrayBuffer>> {
    const hit = this.cache.get(path);
    if (hit) {
      // Most recently used goes last.
      this.cache.delete(path);
      this.cache.set(path, hit);
      return hit;
    }
    let pending = this.pending.get(path);
    if (!pending) {
      pending = this.fetch(path, keep).finally(() => this.pending.delete(path));
      this.pending.set(path, pending);
    }
    return pending;
  }

  async text(path: string, keep = true): Promise<string> {
    return new TextDecoder().decode(await this.read(path, keep));
  }

  /** A gzipped artefact, inflated with the platform's DecompressionStream (not cached inflated). */
  async gunzipText(path: string): Promise<string> {
    const body = new Blob([await this.read(path)]).stream().pipeThrough(new DecompressionStream("gzip"));
    return new Response(body).text();
  }

  private async fetch(path: string, keep: boolean): Promise<Uint8Array<ArrayBuffer>> {
    const response = await this.assets.fetch(new URL(path, ASSET_ORIGIN).toString());
    if (!response.ok) throw new AssetMissing(`${path}: not in the Worker's assets (HTTP ${response.status})`);
    const bytes = new Uint8Array(await response.arrayBuffer());
    if (keep) this.remember(path, bytes);
    return bytes;
  }

  private remember(path: string, bytes: Uint8Array<ArrayBuffer>) {
    // Something larger than the whole cache is used once and not kept.
    if (bytes.byteLength > this.maxBytes) return;
    this.cache.set(path, bytes);
    this.bytes += bytes.byteLength;
    for (const [oldest, old] of this.cache) {
      if (this.bytes <= this.maxBytes) break;
      this.cache.delete(oldest);
      this.bytes -= old.byteLength;
    }
  }
}
