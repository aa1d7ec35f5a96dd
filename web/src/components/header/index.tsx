import type { Locale } from '../../i18n/locale.js';
import { useLocale, useMessages } from '../../i18n/messages.js';
import { quickExit } from '../../lib/quick-exit.js';
import { messages } from './messages.js';

/** Always on screen: the language switch and the quick-exit button. */
export function Header({ onLocale }: { onLocale: (locale: Locale) => void }) {
  const t = useMessages(messages);
  const locale = useLocale();
  const other: Locale = locale === 'fr' ? 'en' : 'fr';
  return (
    <header class="top-bar">
      <span class="brand">{t.brand}</span>
      <button type="button" class="language" lang={other} aria-label={t.switchLanguageLabel} onClick={() => onLocale(other)}>
        {t.switchLanguage}
      </button>
      <button type="button" class="quick-exit" id="quick-exit" title={t.quickExitHint} aria-describedby="quick-exit-hint" onClick={quickExit}>
        {t.quickExit}
      </button>
      <span id="quick-exit-hint" class="visually-hidden">
        {t.quickExitHint}
      </span>
    </header>
  );
}
