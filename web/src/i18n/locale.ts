/**
 * The page speaks French by default (Point de Contact's public is French-speaking) and English
 * when the browser asks for English before French. The choice lives in memory only: nothing is
 * written to the browser's storage, so a shared device keeps no trace of a visit.
 */
export type Locale = 'fr' | 'en';
export const LOCALES: readonly Locale[] = ['fr', 'en'];

/** The first of the browser's preferred languages that we speak; French otherwise. */
export function detectLocale(languages: readonly string[] = navigator.languages ?? [navigator.language]): Locale {
  for (const language of languages) {
    const primary = language.toLowerCase().split('-')[0];
    if (primary === 'fr' || primary === 'en') return primary;
  }
  return 'fr';
}
