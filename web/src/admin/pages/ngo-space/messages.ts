import { defineMessages } from '../../../i18n/messages.js';

export const messages = defineMessages({
  fr: {
    title: (name: string) => `Espace de l’association ${name}`,
    loading: 'Chargement…',
    failed: 'Les informations de votre association n’ont pas pu être chargées.',
    linkTitle: 'Votre lien d’orientation',
    linkIntro: 'Donnez ce lien aux personnes que vous accompagnez : les dossiers ouverts par ce lien sont comptés pour votre association, sans rien dire de qui les a ouverts.',
    linkLabel: 'Lien d’orientation',
    copy: 'Copier le lien',
    copied: 'Lien copié.',
    copyFailed: 'La copie n’a pas marché : sélectionnez le lien et copiez-le.',
    qrAlt: (link: string) => `QR code du lien ${link}`,
    weeksTitle: 'Orientations par semaine',
    weeksIntro: 'Semaines terminées seulement. Un nombre inférieur à 5 est affiché « <5 », pour ne désigner personne.',
    week: 'Semaine',
    referrals: 'Orientations',
    leafletTitle: 'Dépliant à imprimer',
    leafletIntro: 'Une page, en français et en anglais, avec votre lien et son QR code.',
    print: 'Imprimer le dépliant',
  },
  en: {
    title: (name: string) => `${name}’s space`,
    loading: 'Loading…',
    failed: 'Your NGO’s details could not be loaded.',
    linkTitle: 'Your referral link',
    linkIntro: 'Give this link to the people you help: cases opened through it are counted for your NGO, without saying anything about who opened them.',
    linkLabel: 'Referral link',
    copy: 'Copy the link',
    copied: 'Link copied.',
    copyFailed: 'Copying did not work: select the link and copy it.',
    qrAlt: (link: string) => `QR code of the link ${link}`,
    weeksTitle: 'Referrals per week',
    weeksIntro: 'Completed weeks only. A count under 5 is shown as “<5”, so it cannot point at anyone.',
    week: 'Week',
    referrals: 'Referrals',
    leafletTitle: 'Printable leaflet',
    leafletIntro: 'One page, in French and English, with your link and its QR code.',
    print: 'Print the leaflet',
  },
});

/** The leaflet's text: both languages are printed on the same page, whatever the console's language. */
export const leaflet = defineMessages({
  fr: {
    heading: 'Une image intime de vous circule, ou risque de circuler ?',
    body: 'Ce service gratuit aide à empêcher sa diffusion sur les plateformes partenaires. Votre téléphone ou votre ordinateur calcule une empreinte de l’image : l’image elle-même ne quitte jamais votre appareil et personne ne la voit.',
    steps: 'Ouvrez le lien ou scannez le QR code · choisissez les images · gardez le numéro de dossier pour suivre ou retirer votre demande.',
    from: (name: string) => `Proposé par ${name}, avec Point de Contact.`,
  },
  en: {
    heading: 'Is an intimate image of you being shared, or could it be?',
    body: 'This free service helps stop it from spreading on partner platforms. Your phone or computer computes a fingerprint of the image: the image itself never leaves your device and nobody sees it.',
    steps: 'Open the link or scan the QR code · choose the images · keep the case number to follow or withdraw your request.',
    from: (name: string) => `Offered by ${name}, with Point de Contact.`,
  },
});
