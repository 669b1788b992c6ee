import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';
import { idShell } from './id-shell.ts';

export type Language = 'id' | 'en';
const STORAGE_KEY = 'abdi.lang';

function storedLanguage(): Language {
  try {
    return localStorage.getItem(STORAGE_KEY) === 'en' ? 'en' : 'id';
  } catch {
    return 'id';
  }
}

// The first screen's Indonesian strings are in the first bundle; the other pages' strings are a chunk of their own
// (loadPageStrings), and English is another, fetched only when it is chosen (a phone that never switches never
// downloads it). Until English has arrived the UI stays Indonesian, the fallback. Components re-render when strings
// are added ('added'), so a label asked for before its chunk arrived fills in by itself.
void i18n.use(initReactI18next).init({
  resources: { id: { translation: idShell } },
  lng: 'id',
  fallbackLng: 'id',
  interpolation: { escapeValue: false },
  returnNull: false,
  react: { bindI18nStore: 'added' },
});

document.documentElement.lang = 'id';

let pageStrings: Promise<void> | null = null;

/**
 * Loads the Indonesian strings of the pages beyond the first screen once (id-pages.ts, a separate chunk). Every
 * page but Presensi and the sign-in waits for it (routes.tsx); main.tsx starts it after the first screen. A failed
 * load (offline, not yet cached) may be retried; the page then shows its keys rather than failing.
 */
export function loadPageStrings(): Promise<void> {
  pageStrings ??= import('./id-pages.ts').then(
    ({ idPages }) => {
      i18n.addResourceBundle('id', 'translation', idPages, true, true);
    },
    () => {
      pageStrings = null;
    },
  );
  return pageStrings;
}

let english: Promise<void> | null = null;

/** Loads the English strings once (a separate chunk); a failed load (offline, not yet cached) may be retried. */
function loadEnglish(): Promise<void> {
  english ??= import('./en.ts').then(
    ({ en }) => {
      i18n.addResourceBundle('en', 'translation', en, true, true);
    },
    (error: unknown) => {
      english = null;
      throw error;
    },
  );
  return english;
}

async function apply(lang: Language): Promise<void> {
  if (lang === 'en') await loadEnglish();
  document.documentElement.lang = lang;
  await i18n.changeLanguage(lang);
}

/**
 * The language remembered on this device, ready to render: resolves at once for Indonesian, after the English
 * chunk has loaded for English (main.tsx waits for it before the first render, so nothing flashes in the other
 * language). Never rejects: without the English chunk the UI stays Indonesian.
 */
export function initialLanguageReady(): Promise<void> {
  const lang = storedLanguage();
  return lang === 'id' ? Promise.resolve() : apply(lang).catch(() => undefined);
}

/** Switches the UI language and remembers it on this device (English is fetched on first use). */
export function setLanguage(lang: Language): void {
  try {
    localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    // private mode: the choice lasts for this page only
  }
  apply(lang).catch(() => {
    // Offline before the English strings were ever loaded: the UI stays Indonesian.
  });
}

export function currentLanguage(): Language {
  return i18n.language === 'en' ? 'en' : 'id';
}

export { i18n };
