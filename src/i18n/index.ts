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

/** A translator fixed to one language; every user-facing sentence goes through it. */
export function translator(lang: Language): Translate {
  return ensure().getFixedT(lang);
}

export { LANGUAGES };
