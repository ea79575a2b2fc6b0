/**
 * The i18n layer (i18next): English ships as the default, French proves every string goes
 * through it. The chosen language is kept per browser profile and set on <html lang>.
 */
import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en } from './en';
import { fr } from './fr';

export const locales = { en: 'English', fr: 'Français' } as const;
export type Locale = keyof typeof locales;

const localeKey = 'caseway.locale';

export function isLocale(value: string): value is Locale {
  return value in locales;
}

/** The saved choice, else the browser's language when we ship it, else English. */
export function initialLocale(): Locale {
  const saved = typeof localStorage === 'undefined' ? null : localStorage.getItem(localeKey);
  if (saved && isLocale(saved)) return saved;
  const browser = typeof navigator === 'undefined' ? 'en' : navigator.language.slice(0, 2);
  return isLocale(browser) ? browser : 'en';
}

export async function setupI18n(locale: Locale): Promise<typeof i18next> {
  await i18next.use(initReactI18next).init({
    resources: { en: { translation: en }, fr: { translation: fr } },
    lng: locale,
    fallbackLng: 'en',
    interpolation: { escapeValue: false },
  });
  document.documentElement.lang = locale;
  return i18next;
}

export async function changeLocale(locale: Locale): Promise<void> {
  localStorage.setItem(localeKey, locale);
  await i18next.changeLanguage(locale);
  document.documentElement.lang = locale;
}

declare module 'i18next' {
  interface CustomTypeOptions {
    resources: { translation: typeof en };
    // Keys stay checked; the variables of every message are not parsed at the type level, which
    // over this many messages exceeds the compiler's instantiation limits (TS2589).
    parseInterpolation: false;
  }
}

/**
 * `t` as helper functions outside components take it: keys as strings (the locale test checks that
 * French has every English key). Passing the fully typed `t` into helpers makes the compiler
 * instantiate it over every message (TS2589); components call their own typed `t` directly.
 */
export type Translate = (key: string, options?: Record<string, unknown>) => string;
export const looseT = (t: unknown): Translate => t as Translate;
