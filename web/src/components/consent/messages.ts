import { defineMessages } from '../../i18n/messages.js';

export const messages = defineMessages({
  fr: {
    title: 'Avant de commencer',
    intro: 'Merci de confirmer ces deux points. Vous pouvez revenir en arrière ou quitter à tout moment.',
    person: 'Je suis la personne qui apparaît sur ces photos, ou j’agis avec son accord.',
    understand: 'J’ai compris que seules les empreintes de mes photos sont envoyées, jamais les photos, et que les plateformes partenaires s’en servent pour bloquer les copies.',
    missing: 'Merci de cocher les deux cases pour continuer.',
    noIdentity: 'Nous ne vous demanderons ni votre nom, ni votre adresse e-mail, ni votre numéro de téléphone.',
    next: 'Continuer',
    back: 'Retour',
  },
  en: {
    title: 'Before you start',
    intro: 'Please confirm these two points. You can go back or leave at any time.',
    person: 'I am the person shown in these photos, or I am acting with their agreement.',
    understand: 'I understand that only fingerprints of my photos are sent, never the photos, and that partner platforms use them to block copies.',
    missing: 'Please tick both boxes to go on.',
    noIdentity: 'We will not ask for your name, e-mail address or phone number.',
    next: 'Continue',
    back: 'Back',
  },
});
