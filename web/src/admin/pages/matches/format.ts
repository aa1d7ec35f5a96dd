/** Dates as operators read them, in the console's language (the ISO time stays in `datetime`). */
import type { Locale } from '../../../i18n/locale.js';

export function formatTime(iso: string, locale: Locale): string {
  return new Intl.DateTimeFormat(locale === 'fr' ? 'fr-FR' : 'en-GB', { dateStyle: 'short', timeStyle: 'medium' }).format(new Date(iso));
}
