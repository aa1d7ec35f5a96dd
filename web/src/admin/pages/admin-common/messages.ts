import { defineMessages } from '../../../i18n/messages.js';

export const messages = defineMessages({
  fr: {
    loading: 'Chargement…',
    failed: (detail: string) => `Échec : ${detail}`,
    unreachable: 'Le serveur ne répond pas. Vérifiez la connexion puis réessayez.',
    never: 'jamais',
    confirm: 'Confirmer',
    cancel: 'Annuler',
    copy: 'Copier',
    copied: 'Copié dans le presse-papiers.',
    copyFailed: 'La copie a échoué : sélectionnez le texte et copiez-le à la main.',
    shownOnce: 'Il ne sera plus jamais affiché : copiez-le maintenant et transmettez-le par un canal sûr.',
    done: 'C’est noté, masquer',
    yes: 'oui',
    no: 'non',
  },
  en: {
    loading: 'Loading…',
    failed: (detail: string) => `Failed: ${detail}`,
    unreachable: 'The server does not answer. Check the connection, then try again.',
    never: 'never',
    confirm: 'Confirm',
    cancel: 'Cancel',
    copy: 'Copy',
    copied: 'Copied to the clipboard.',
    copyFailed: 'Copying failed: select the text and copy it by hand.',
    shownOnce: 'It will not be shown again: copy it now and hand it over through a safe channel.',
    done: 'Noted, hide it',
    yes: 'yes',
    no: 'no',
  },
});
