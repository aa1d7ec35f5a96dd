import { defineMessages } from '../../i18n/messages.js';

export const messages = defineMessages({
  fr: {
    brand: 'Disrupt',
    quickExit: 'Sortie rapide',
    quickExitHint: 'Quitte cette page tout de suite (ou appuyez deux fois sur Échap)',
    switchLanguage: 'English',
    switchLanguageLabel: 'Read this page in English',
  },
  en: {
    brand: 'Disrupt',
    quickExit: 'Quick exit',
    quickExitHint: 'Leaves this page at once (or press Esc twice)',
    switchLanguage: 'Français',
    switchLanguageLabel: 'Lire cette page en français',
  },
});
