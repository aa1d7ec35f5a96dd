import type { Locale } from './locale.js';

/** A duration as people say it: "45 s", "3 min", "1 h 05" (French) or "1 h 05 min" (English). */
export function duration(seconds: number, locale: Locale): string {
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return `${s} s`;
  const minutes = Math.round(s / 60);
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  if (rest === 0) return `${hours} h`;
  return `${hours} h ${String(rest).padStart(2, '0')}${locale === 'fr' ? '' : ' min'}`;
}
