import { CHAT_CSS } from "./chat-css.ts";
import { CHAT_JS } from "./chat-js.ts";

export { CHAT_CSS, CHAT_JS };

/** FNV-1a, 32 bits: a content fingerprint for cache-busting asset URLs (not for security). */
export function fingerprint(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0).toString(36);
}

let version: string | undefined;

/**
 * Changes whenever the script or the stylesheet changes, so `?v=` URLs can be cached for a year. Made when a page
 * first asks for it: hashing both texts at module scope cost every fresh Worker isolate a few ms before its first
 * request, most of which never serve a page.
 */
export function assetVersion(): string {
  version ??= fingerprint(CHAT_JS + CHAT_CSS);
  return version;
}
