import type { Language } from "../../catalogue/index.ts";

/** The stable address of a procedure's shareable answer card on the web channel: /p/<code>?lang=<lang>. */
export function cardPath(code: string, lang: Language): string {
  return `/p/${code}?lang=${lang}`;
}

/** The card's absolute address under PUBLIC_URL (with or without a trailing slash). */
export function cardUrl(publicUrl: string, code: string, lang: Language): string {
  return `${publicUrl.replace(/\/+$/, "")}${cardPath(code, lang)}`;
}

/** The path of a guided journey's page, in a language. */
export function journeyPath(id: string, lang: Language): string {
  return `/j/${id}?lang=${lang}`;
}

export function journeyUrl(publicUrl: string, id: string, lang: Language): string {
  return `${publicUrl.replace(/\/+$/, "")}${journeyPath(id, lang)}`;
}
