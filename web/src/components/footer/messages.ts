import { defineMessages } from '../../i18n/messages.js';

export const messages = defineMessages({
  fr: {
    by: 'Disrupt est un service de Point de Contact, association française membre fondateur du réseau INHOPE et signaleur de confiance au titre du DSA.',
    privacy: 'Aucun cookie, aucune mesure d’audience, aucun service tiers. Vos photos ne quittent pas votre appareil.',
  },
  en: {
    by: 'Disrupt is a service of Point de Contact, a French association, founding member of the INHOPE network and a trusted flagger under the DSA.',
    privacy: 'No cookies, no analytics, no third-party services. Your photos do not leave your device.',
  },
});
