import i18next, { type TFunction } from "i18next";
import en from "../../locales/en.json" with { type: "json" };
import ja from "../../locales/ja.json" with { type: "json" };
import ko from "../../locales/ko.json" with { type: "json" };
import vi from "../../locales/vi.json" with { type: "json" };
import zh from "../../locales/zh.json" with { type: "json" };
import type { Language } from "../catalogue/index.ts";
import { LANGUAGES } from "../catalogue/index.ts";

/** Bundled, so the same code runs on Node and Workers without reading files. */
export const resources = { vi, en, zh, ko, ja } as const;

export type Translate = TFunction;

let instance: ReturnType<typeof i18next.createInstance> | null = null;

function ensure() {
  if (instance) return instance;
  const created = i18next.createInstance();
  created.init({
    resources: Object.fromEntries(LANGUAGES.map((l) => [l, { translation: resources[l] }])),
    lng: "vi",
    fallbackLng: false,
    supportedLngs: [...LANGUAGES],
    interpolation: { escapeValue: false },
    returnNull: false,
    initAsync: false,
  });
  instance = created;
  return created;
}

/** Translations already made, per language: "key" or "key\u0000{options as JSON}" → the sentence. */
const made = new Map<Language, Map<string, string>>();
const translators = new Map<Language, Translate>();
/** Cached sentences per language; beyond that the cache starts again (cards bring in few distinct values). */
const MAX_MADE = 20_000;

/** The options are plain values only (numbers, strings, booleans): then the same options give the same text. */
function plain(options: object): boolean {
  for (const value of Object.values(options)) {
    const type = typeof value;
    if (type !== "string" && type !== "number" && type !== "boolean") return false;
  }
  return true;
}

/**
 * A translator fixed to one language; every user-facing sentence goes through it. i18next resolves every call
 * anew (key paths, plural rules, interpolation: about a tenth of the CPU of answering an update), while the
 * resources are bundled and never change, so a sentence made once for the same key and plain options is kept.
 */
export function translator(lang: Language): Translate {
  const known = translators.get(lang);
  if (known) return known;
  const fixed = ensure().getFixedT(lang);
  const cache = new Map<string, string>();
  made.set(lang, cache);
  const t = ((key: unknown, options?: unknown) => {
    if (typeof key !== "string") return (fixed as (k: unknown, o?: unknown) => unknown)(key, options);
    let id = key;
    if (options !== undefined) {
      if (typeof options !== "object" || options === null || !plain(options))
        return (fixed as (k: unknown, o?: unknown) => unknown)(key, options);
      id = `${key}\u0000${JSON.stringify(options)}`;
    }
    const hit = cache.get(id);
    if (hit !== undefined) return hit;
    const text = (fixed as (k: string, o?: unknown) => unknown)(key, options);
    if (typeof text === "string") {
      if (cache.size >= MAX_MADE) cache.clear();
      cache.set(id, text);
    }
    return text;
  }) as unknown as Translate;
  translators.set(lang, t);
  return t;
}

export { LANGUAGES };
