import { defineMessages } from '../../i18n/messages.js';

/** "1 seconde", "30 secondes", "15 minutes": the same rule in both languages. */
const count = (n: number, word: string) => `${n} ${word}${n > 1 ? 's' : ''}`;
/** A wait as people say it: seconds under a minute, whole minutes (rounded up) from one minute on. */
const wait = (seconds: number, second: string) => (seconds >= 60 ? count(Math.ceil(seconds / 60), 'minute') : count(seconds, second));

export const messages = defineMessages({
  fr: {
    network: 'Nous n’arrivons pas à joindre Disrupt. Vérifiez votre connexion à Internet, puis réessayez : rien n’est perdu.',
    unauthorized: 'Ce numéro de dossier et ce code secret ne correspondent pas. Vérifiez les deux et réessayez.',
    throttled: (seconds: number) => `Trop d’essais à la suite. Merci de patienter ${wait(seconds, 'seconde')}, puis réessayez.`,
    withdrawn: 'Ce dossier a été retiré et ses empreintes supprimées. Pour protéger ces photos, commencez un nouveau dossier.',
    rejected: 'Disrupt n’a pas pu accepter cet envoi. Ce n’est pas de votre fait ; réessayez, et si cela recommence, contactez Point de Contact.',
    server: 'Disrupt rencontre un problème de son côté. Réessayez dans quelques minutes : rien n’est perdu.',
  },
  en: {
    network: 'We cannot reach Disrupt. Check your Internet connection, then try again: nothing is lost.',
    unauthorized: 'This case number and secret do not match. Check both and try again.',
    throttled: (seconds: number) => `Too many attempts in a row. Please wait ${wait(seconds, 'second')}, then try again.`,
    withdrawn: 'This case was withdrawn and its fingerprints deleted. To protect these photos, please start a new case.',
    rejected: 'Disrupt could not accept this. It is not your fault; try again, and if it happens again, contact Point de Contact.',
    server: 'Disrupt has a problem on its side. Try again in a few minutes: nothing is lost.',
  },
});
