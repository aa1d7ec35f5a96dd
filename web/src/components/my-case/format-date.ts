import type { Locale } from '../../i18n/locale.js';

/** A date as people write it in their language: "28 novembre 2026", "28 November 2026". */
export function formatDate(iso: string, locale: Locale): string {
  return new Intl.DateTimeFormat(locale === 'fr' ? 'fr-FR' : 'en-GB', { dateStyle: 'long' }).format(new Date(iso));
}
